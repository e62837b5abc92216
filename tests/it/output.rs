//! Output safety: builds replace the output whole or not at all, `check`
//! writes nothing, and an output folder that would swallow the sources is refused.

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
    run.stderr.clone()
}

#[test]
fn output_dir_dot_is_refused() {
    let book = Handbook::fixture("config/output_dot");
    let stderr = assert_refused(&book, &[]);
    assert!(
        stderr.contains("site.toml:2:1: error: output folder is the handbook root"),
        "{stderr}"
    );
}

#[test]
fn output_dir_content_is_refused() {
    let book = Handbook::fixture("config/output_content");
    let stderr = assert_refused(&book, &[]);
    assert!(
        stderr.contains("site.toml:2:1: error: output folder overlaps content/"),
        "{stderr}"
    );
}

#[test]
fn out_flag_pointing_at_content_is_refused() {
    let book = Handbook::fixture("output/site");
    let stderr = assert_refused(&book, &["--out", "content"]);
    assert!(stderr.contains("refusing to write to"), "{stderr}");
    assert!(stderr.contains("content"), "{stderr}");
    let stderr = assert_refused(&book, &["--out", "."]);
    assert!(stderr.contains("refusing to write to"), "{stderr}");
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
