//! Output safety: builds replace the output whole or not at all, `check`
//! writes nothing, an output folder that would swallow the sources is
//! refused however it is spelled, a folder no build made is replaced only
//! with `--force`, and what killed builds leave behind is cleaned up.

use crate::support::Handbook;

#[test]
fn failed_build_leaves_the_previous_output_byte_for_byte() {
    let book = Handbook::fixture("output/site").built();
    let before = book.snapshot("public");
    assert!(before.len() > 5, "{:?}", before.keys());

    // A change that would alter every page, plus an error: nothing of it may land.
    book.write(
        "content/guides/three.md",
        "---\ntitle: Three\nsummary: New.\n---\nSee [nowhere](nowhere.md).\n",
    );
    let run = book.build();
    run.code(1)
        .error_at("content/guides/three.md:5", "`nowhere.md`")
        .error_count(1);
    assert_eq!(book.snapshot("public"), before, "the output changed");
    // No staging folder is left beside it.
    let mut entries: Vec<String> = std::fs::read_dir(book.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    assert_eq!(entries, ["content", "public", "site.toml"]);
}

#[test]
fn successful_build_replaces_the_output_whole() {
    let book = Handbook::fixture("output/site").built();
    book.write("public/stale.html", "left from an old build");
    std::fs::remove_file(book.path("content/guides/two.md")).unwrap();
    book.write(
        "content/guides/one.md",
        "---\ntitle: One again\nsummary: Rewritten.\n---\nBody.\n",
    );
    book.build().success();
    assert!(!book.exists("stale.html"));
    assert!(!book.exists("guides/two/"));
    assert_eq!(book.texts("guides/one/", "main h1"), ["One again"]);
}

#[test]
fn check_writes_nothing() {
    let book = Handbook::fixture("output/site");
    let before = book.snapshot("");
    book.check().success();
    assert_eq!(
        book.snapshot(""),
        before,
        "check changed the handbook folder"
    );
    assert!(!book.path("public").exists());

    // Nor does it touch an existing output.
    book.build().success();
    book.write(
        "content/guides/one.md",
        "---\ntitle: Changed\nsummary: Changed.\n---\nChanged.\n",
    );
    let before = book.snapshot("");
    let run = book.check();
    run.success();
    assert!(run.stdout.starts_with("checked "), "{}", run.stdout);
    assert_eq!(book.snapshot(""), before);
}

#[test]
fn check_reports_the_same_errors_as_build() {
    let book = Handbook::fixture("diagnostics/many_errors");
    let check = book.check();
    check.code(1);
    let build = book.build();
    assert_eq!(check.error_lines(), build.error_lines());
}

/// Asserts the build was refused with exit code 2 and the sources were untouched.
fn assert_refused(book: &Handbook, args: &[&str]) -> String {
    let before = book.snapshot("");
    let run = book.build_with(args);
    run.code(2);
    assert_eq!(book.snapshot(""), before, "a refused build changed files");
    assert!(book.path("site.toml").is_file() && book.path("content").is_dir());
    run.stderr.clone()
}

/// The handbook folder as the system names it (the temporary folder may sit behind a symlink).
fn real(book: &Handbook, rel: &str) -> String {
    let root = book.root().canonicalize().unwrap();
    let path = if rel.is_empty() { root } else { root.join(rel) };
    path.display().to_string()
}

/// Asserts the build was refused because the output is the folder `rel`
/// (named `what`), both named by their real paths; returns that error line.
fn refused_as_folder(book: &Handbook, args: &[&str], rel: &str, what: &str) -> String {
    let stderr = assert_refused(book, args);
    let dir = real(book, rel);
    let expected = format!("output folder `{dir}` is {what} `{dir}`");
    stderr
        .lines()
        .find(|line| line.contains(&expected))
        .unwrap_or_else(|| panic!("no `{expected}` in:\n{stderr}"))
        .to_string()
}

#[test]
fn output_dir_dot_is_refused() {
    let book = Handbook::fixture("config/output_dot");
    let line = refused_as_folder(&book, &[], "", "the handbook root");
    assert!(
        line.starts_with("site.toml:2:1: error[unsafe-output]:"),
        "{line}"
    );
}

#[test]
fn output_dir_content_is_refused() {
    let book = Handbook::fixture("config/output_content");
    let line = refused_as_folder(&book, &[], "content", "the content folder");
    assert!(
        line.starts_with("site.toml:2:1: error[unsafe-output]:"),
        "{line}"
    );
}

#[test]
fn out_dot_is_refused_naming_both_folders() {
    let book = Handbook::fixture("output/site").built();
    refused_as_folder(&book, &["--out", "."], "", "the handbook root");
}

#[test]
fn out_content_is_refused_naming_both_folders() {
    let book = Handbook::fixture("output/site");
    refused_as_folder(
        &book,
        &["--out", "content"],
        "content",
        "the content folder",
    );
}

#[test]
fn out_at_content_with_a_trailing_slash_is_refused() {
    let book = Handbook::fixture("output/site");
    let out = format!("{}/content/", book.root().display());
    refused_as_folder(&book, &["--out", &out], "content", "the content folder");
}

#[test]
fn out_through_dot_dot_into_static_or_a_theme_is_refused() {
    let book = Handbook::fixture("output/site");
    book.write("static/robots.txt", "User-agent: *\n");
    book.write("themes/mine/templates/.keep", "");
    let stderr = assert_refused(&book, &["--out", "public/../static/site"]);
    assert!(
        stderr.contains(&format!(
            "is inside the static folder `{}`",
            real(&book, "static")
        )),
        "{stderr}"
    );
    refused_as_folder(
        &book,
        &["--out", "content/../themes"],
        "themes",
        "the themes folder",
    );
}

#[test]
fn out_containing_the_root_is_refused() {
    let book = Handbook::fixture("output/site");
    let stderr = assert_refused(&book, &["--out", ".."]);
    assert!(
        stderr.contains(&format!("contains the handbook root `{}`", real(&book, ""))),
        "{stderr}"
    );
}

#[test]
fn out_at_a_file_is_refused() {
    let book = Handbook::fixture("output/site");
    let stderr = assert_refused(&book, &["--out", "site.toml"]);
    assert!(stderr.contains("exists and is not a folder"), "{stderr}");
}

#[test]
fn a_symlinked_root_with_out_at_the_real_content_is_refused() {
    let book = Handbook::empty();
    book.write("real/site.toml", "title = \"Linked\"\n");
    book.write("real/content/a.md", "---\ntitle: A\n---\nA.\n");
    std::os::unix::fs::symlink(book.path("real"), book.path("link")).unwrap();
    let before = book.snapshot("real");
    let content = book.path("real/content");
    let run = book.run(&[
        "build",
        "--root",
        "link",
        "--out",
        content.to_str().unwrap(),
    ]);
    run.code(2).stderr_has("is the content folder");
    assert_eq!(book.snapshot("real"), before);
    // Through the link, the other way round, too.
    let run = book.run(&["build", "--root", "real", "--out", "../link/content"]);
    run.code(2).stderr_has("is the content folder");
    assert_eq!(book.snapshot("real"), before);
}

#[test]
fn output_dir_above_the_root_writes_to_the_real_folder_there() {
    let book = Handbook::empty();
    book.write(
        "book/site.toml",
        "title = \"Up\"\noutput_dir = \"../site\"\n",
    );
    book.write("book/content/a.md", "---\ntitle: A\n---\nA.\n");
    book.run(&["build", "--root", "book"]).success();
    assert!(book.path("site/a/index.html").is_file());
    assert!(!book.path("book/site").exists());
    let mut inside: Vec<_> = std::fs::read_dir(book.path("book"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    inside.sort();
    assert_eq!(inside, ["content", "site.toml"]);
}

#[test]
fn root_dot_dot_from_a_content_subfolder_builds_the_handbook_once() {
    let book = Handbook::fixture("output/site");
    let run = |dir: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_coachbook"))
            .args(["build", "--root", "../.."])
            .current_dir(book.path(dir))
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
    };
    run("content/guides");
    let first = book.output_files();
    run("content/guides");
    assert_eq!(book.output_files(), first);
    assert!(book.exists("guides/one/"));
    assert!(!book.path("content/public").exists());
    assert!(!book.path("content/guides/public").exists());
}

#[test]
fn every_output_carries_the_marker_and_nothing_lists_it() {
    let book = Handbook::fixture("output/site");
    book.write(
        "site.toml",
        "title = \"Output Handbook\"\nbase_url = \"https://handbook.example.com/\"\n",
    );
    let book = book.built();
    assert!(book.path("public/.coachbook-output").is_file());
    assert!(!book.read("sitemap.xml").contains("coachbook-output"));
}

#[test]
fn an_unmarked_folder_is_refused_then_replaced_with_force() {
    let book = Handbook::fixture("output/site");
    book.write("mine/notes.txt", "my own notes");
    let stderr = assert_refused(&book, &["--out", "mine"]);
    assert!(stderr.contains("no coachbook build made it"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(book.path("mine/notes.txt")).unwrap(),
        "my own notes"
    );

    book.build_with(&["--out", "mine", "--force"]).success();
    assert!(!book.path("mine/notes.txt").exists());
    assert!(book.path("mine/guides/one/index.html").is_file());
    // Now it is ours: the next build needs no --force.
    book.build_with(&["--out", "mine"]).success();
}

#[test]
fn an_empty_existing_folder_is_used_without_force() {
    let book = Handbook::fixture("output/site");
    std::fs::create_dir(book.path("public")).unwrap();
    book.build().success();
    assert!(book.exists("guides/one/"));
}

/// The id of a process that has ended, as a killed build's is.
fn ended_process() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let id = child.id();
    child.wait().unwrap();
    id
}

/// A folder as a build killed mid-way leaves it: our marker and some pages.
fn leave_behind(book: &Handbook, dir: &str, page: &str) {
    book.write(
        &format!("{dir}/.coachbook-output"),
        "Written by `coachbook build`.\n",
    );
    book.write(&format!("{dir}/guides/one/index.html"), page);
}

#[test]
fn a_killed_builds_leftovers_are_removed_by_the_next_build() {
    let book = Handbook::fixture("output/site").built();
    let pid = ended_process();
    leave_behind(&book, &format!(".public.staging-{pid}"), "half written");
    leave_behind(&book, &format!(".public.old-{pid}"), "the build before");
    // Not ours: no marker, or not a name we give.
    book.write(&format!(".public.old-{}/keep.txt", pid + 1), "keep");
    leave_behind(&book, ".public.staging-backup", "keep");
    book.write("backup/keep.txt", "keep");

    book.build().success();
    let mut entries: Vec<String> = std::fs::read_dir(book.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    let mut expected = vec![
        format!(".public.old-{}", pid + 1),
        ".public.staging-backup".to_string(),
        "backup".to_string(),
        "content".to_string(),
        "public".to_string(),
        "site.toml".to_string(),
    ];
    expected.sort();
    assert_eq!(entries, expected);
}

#[test]
fn an_output_lost_mid_swap_is_put_back_by_the_next_build() {
    let book = Handbook::fixture("output/site");
    let pid = ended_process();
    // Killed between moving the output aside and moving the new one in.
    leave_behind(&book, &format!(".public.old-{pid}"), "the last good site");
    leave_behind(&book, &format!(".public.staging-{pid}"), "never finished");
    // The next build fails, yet the last good site is back in place.
    book.write(
        "content/guides/two.md",
        "---\ntitle: Two\n---\n[gone](gone.md)\n",
    );
    book.build().code(1);
    assert_eq!(book.read("guides/one/index.html"), "the last good site");
    assert!(!book.path(&format!(".public.old-{pid}")).exists());
    assert!(!book.path(&format!(".public.staging-{pid}")).exists());
}

#[test]
fn out_flag_writes_the_site_elsewhere() {
    let book = Handbook::fixture("output/site");
    book.build_with(&["--out", "site-out"]).success();
    assert!(book.path("site-out/guides/one/index.html").is_file());
    assert!(!book.path("public").exists());
}

#[test]
fn missing_site_toml_is_a_usage_error_pointing_at_init() {
    let book = Handbook::empty();
    book.write("content/page.md", "---\ntitle: Page\n---\n");
    let run = book.build();
    run.code(2)
        .stderr_has("site.toml")
        .stderr_has("coachbook init");
    assert!(!book.path("public").exists());
}

#[test]
fn static_files_are_copied_to_the_output_root() {
    let book = Handbook::fixture("output/site");
    book.write("static/robots.txt", "User-agent: *\n");
    book.write("static/img/logo.svg", "<svg/>");
    book.build().success();
    assert_eq!(book.read("robots.txt"), "User-agent: *\n");
    assert_eq!(book.read("img/logo.svg"), "<svg/>");
}

#[test]
fn static_file_that_would_replace_a_page_is_an_error_naming_it() {
    let book = Handbook::fixture("output/site");
    book.write("static/guides/one/index.html", "not the page");
    let run = book.build();
    run.code(1)
        .error_at(
            "static/guides/one/index.html:1",
            "`guides/one/index.html` would be written twice: by content/guides/one.md and by static/guides/one/index.html",
        )
        .error_count(1);
    assert!(!book.path("public").exists());
}

#[test]
fn a_build_for_a_web_server_ends_by_saying_how_to_open_it() {
    let book = Handbook::fixture("output/site");
    let run = book.build();
    run.success();
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(last.contains("coachbook serve"), "{}", run.stdout);
    assert!(last.contains("--portable"), "{}", run.stdout);
    // A portable build opens from disk, and a check writes nothing to open.
    for run in [book.build_with(&["--portable"]), book.check()] {
        run.success();
        assert!(!run.stdout.contains("coachbook serve"), "{}", run.stdout);
    }
}
