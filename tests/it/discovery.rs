//! Finding pages: nested sections, page bundles, drafts, hidden and editor
//! temporary files, symlink loops, links out of the handbook, files that
//! cannot be read, text encodings, static dotfiles, and two pages on one URL.

use std::fs;
use std::time::Duration;

use crate::support::Handbook;

#[test]
fn nested_folders_become_nested_sections() {
    let book = Handbook::fixture("discovery/tree").built();
    assert!(book.exists("guides/deep/nested/page/"));
    // Folders without `_index.md` are sections too, titled from their names.
    assert_eq!(book.texts("guides/deep/", "main h1"), ["Deep"]);
    assert_eq!(book.texts("guides/deep/nested/", "main h1"), ["Nested"]);
    assert_eq!(
        book.texts("guides/deep/nested/page/", "main nav.breadcrumbs li"),
        [
            "Discovery Handbook",
            "Guides",
            "Deep",
            "Nested",
            "Deeply nested page"
        ]
    );
}

#[test]
fn page_bundle_keeps_its_files_beside_it() {
    let book = Handbook::fixture("discovery/tree").built();
    assert!(book.exists("guides/listening/"));
    assert_eq!(
        std::fs::read(book.output_path("guides/listening/pic.png")).unwrap(),
        std::fs::read(book.path("content/guides/listening/pic.png")).unwrap()
    );
    assert_eq!(
        book.attrs("guides/listening/", "main img", "src"),
        ["pic.png"]
    );
    // A bundle is a page, not a section: no `index/` page of its own.
    assert!(!book.exists("guides/listening/index/"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let book = Handbook::fixture("discovery/tree").built();
    assert!(!book.exists("guides/draft/"));
    let everywhere: String = book
        .output_files()
        .iter()
        .filter_map(|f| std::fs::read_to_string(book.output_path(f)).ok())
        .collect();
    assert!(!everywhere.contains("Work in progress"));

    book.build_with(&["--drafts"]).success();
    assert_eq!(book.texts("guides/draft/", "main h1"), ["Work in progress"]);
    assert!(
        book.texts("guides/", "nav#sidebar a")
            .contains(&"Work in progress".to_string())
    );
}

#[test]
fn hidden_and_editor_temporary_files_are_ignored() {
    let book = Handbook::fixture("discovery/tree");
    // If any of these were read as pages, their unclosed front matter would fail the build.
    let broken = "---\ntitle: [never closed\n";
    for name in [
        "content/guides/.#partnering.md",
        "content/guides/partnering.md~",
        "content/guides/.partnering.md.swp",
        "content/guides/4913",
        "content/guides/#partnering.md#",
        "content/.hidden/page.md",
    ] {
        book.write(name, broken);
    }
    book.build().success();
    let files = book.output_files();
    for leaked in ["partnering", "4913", "swp", "hidden", "~"] {
        assert!(
            files.iter().all(|f| !f.contains(leaked)),
            "{leaked} reached the output: {files:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn symlink_loop_in_content_does_not_hang_the_build() {
    let book = Handbook::fixture("discovery/tree");
    // `guides/loop` points back at content/, an ancestor of itself.
    std::os::unix::fs::symlink("..", book.path("content/guides/loop")).unwrap();
    let run = book.build();
    run.code(0)
        .stderr_has("content/guides/loop:1:1: warning[symlink-loop]: symbolic link loop");
    assert!(run.elapsed < Duration::from_secs(30), "{:?}", run.elapsed);
    assert!(book.exists("guides/deep/nested/page/"));
    assert!(
        book.output_files().iter().all(|f| !f.contains("loop")),
        "{:?}",
        book.output_files()
    );
}

#[test]
fn two_pages_on_one_url_is_an_error_naming_both_files() {
    let book = Handbook::fixture("discovery/collision");
    let run = book.build();
    run.code(1)
        .error_in(
            "content/guides/active-listening.md",
            "content/guides/Active Listening.md and content/guides/active-listening.md",
        )
        .stderr_has("`guides/active-listening/`")
        .error_count(1);
    assert!(!book.path("public").exists());
}

#[test]
fn markdown_extensions_match_in_any_case() {
    let book = Handbook::fixture("discovery/tree");
    book.write(
        "content/guides/Upper Case.MD",
        "---\ntitle: Shouting extension\n---\nBody.\n",
    );
    book.write(
        "content/guides/mixed.Md",
        "---\ntitle: Mixed extension\n---\nBody.\n",
    );
    book.build().success();
    assert_eq!(
        book.texts("guides/upper-case/", "main h1"),
        ["Shouting extension"]
    );
    assert_eq!(book.texts("guides/mixed/", "main h1"), ["Mixed extension"]);
    let files = book.output_files();
    assert!(
        files
            .iter()
            .all(|f| !f.ends_with(".MD") && !f.ends_with(".Md")),
        "a page was copied as an asset: {files:?}"
    );
}

/// Every output file's bytes, joined, to look for what must not be published.
fn all_output(book: &Handbook) -> Vec<u8> {
    book.snapshot("public").into_values().flatten().collect()
}

#[cfg(unix)]
fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_handbook_are_not_followed() {
    use std::os::unix::fs::symlink;

    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    fs::write(&secret, "OUTSIDE-SECRET-FILE\n").unwrap();
    fs::create_dir(outside.path().join("etc")).unwrap();
    fs::write(outside.path().join("etc/hosts"), "OUTSIDE-SECRET-FOLDER\n").unwrap();
    fs::write(
        outside.path().join("guide.html"),
        "OUTSIDE-SECRET-TEMPLATE {{ page.title }}\n",
    )
    .unwrap();
    fs::write(
        outside.path().join("page.md"),
        "# OUTSIDE-SECRET-PAGE\n\nText.\n",
    )
    .unwrap();

    let book = Handbook::fixture("discovery/tree");
    book.write("static/site.css", "body {}\n");
    book.write(
        "shared/inside.md",
        "---\ntitle: Linked from inside\n---\nText.\n",
    );
    book.write("shared/inside.txt", "inside the handbook\n");
    symlink(&secret, book.path("static/secret.txt")).unwrap();
    symlink(outside.path().join("etc"), book.path("static/etc")).unwrap();
    symlink(outside.path().join("page.md"), book.path("content/leak.md")).unwrap();
    symlink(outside.path(), book.path("content/guides/outside")).unwrap();
    fs::create_dir(book.path("templates")).unwrap();
    symlink(
        outside.path().join("guide.html"),
        book.path("templates/guide.html"),
    )
    .unwrap();
    // Links that stay inside the handbook keep working.
    symlink("../shared/inside.md", book.path("content/alias.md")).unwrap();
    symlink("../shared/inside.txt", book.path("static/inside.txt")).unwrap();

    let run = book.build();
    run.code(0);
    for link in [
        "static/secret.txt",
        "static/etc",
        "content/leak.md",
        "content/guides/outside",
        "templates/guide.html",
    ] {
        run.stderr_has(&format!(
            "{link}:1:1: warning[symlink-outside]: symbolic link to {}",
            fs::canonicalize(outside.path()).unwrap().display()
        ));
    }
    run.stderr_has("coachbook reads nothing from outside the handbook folder");
    let published = all_output(&book);
    for marker in [
        "OUTSIDE-SECRET-FILE",
        "OUTSIDE-SECRET-FOLDER",
        "OUTSIDE-SECRET-PAGE",
        "OUTSIDE-SECRET-TEMPLATE",
    ] {
        assert!(!contains(&published, marker), "{marker} was published");
    }
    let files = book.output_files();
    assert!(
        files
            .iter()
            .all(|f| !f.contains("secret") && !f.starts_with("etc/") && !f.contains("leak")),
        "{files:?}"
    );
    assert_eq!(book.texts("alias/", "main h1"), ["Linked from inside"]);
    assert_eq!(book.read("inside.txt"), "inside the handbook\n");

    let strict = Handbook::fixture("discovery/tree");
    symlink(&secret, strict.path("content/guides/secret.md")).unwrap();
    let run = strict.build_with(&["--strict"]);
    run.code(1)
        .stderr_has("content/guides/secret.md:1:1: warning[symlink-outside]: symbolic link to");
    assert!(!strict.path("public").exists());
}

#[cfg(unix)]
#[test]
fn a_static_folder_that_is_a_link_out_of_the_handbook_is_not_read() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("passwd.txt"), "OUTSIDE-STATIC\n").unwrap();
    let book = Handbook::fixture("discovery/tree");
    std::os::unix::fs::symlink(outside.path(), book.path("static")).unwrap();
    let run = book.build();
    run.code(0)
        .stderr_has("static:1:1: warning[symlink-outside]: symbolic link to");
    assert!(!contains(&all_output(&book), "OUTSIDE-STATIC"));
    assert!(!book.exists("passwd.txt"));
}

#[cfg(unix)]
#[test]
fn every_file_and_folder_that_cannot_be_read_is_an_error() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    use std::os::unix::net::UnixListener;

    let book = Handbook::fixture("discovery/tree");
    book.write("static/site.css", "body {}\n");
    // Sockets and broken links are unreadable for everyone, root included.
    let _page = UnixListener::bind(book.path("content/guides/socket.md")).unwrap();
    let _asset = UnixListener::bind(book.path("static/socket.css")).unwrap();
    symlink("missing.md", book.path("content/guides/broken.md")).unwrap();
    let run = book.build();
    run.code(1)
        .error_at("content/guides/socket.md:1", "not a regular file")
        .error_at("static/socket.css:1", "not a regular file")
        .error_at("content/guides/broken.md:1", "broken symbolic link")
        .stderr_has("content/guides/socket.md:1:1: error[not-a-file]:")
        .error_count(3);
    assert!(!book.path("public").exists());

    let locked = Handbook::fixture("discovery/tree");
    locked.write("content/locked/page.md", "# Locked away\n");
    locked.write("content/guides/closed.md", "# Closed\n");
    locked.write("content/guides/closed.png", "png");
    let folder = locked.path("content/locked");
    let chmod = |path: &std::path::Path, mode| {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    };
    chmod(&folder, 0o000);
    chmod(&locked.path("content/guides/closed.md"), 0o000);
    chmod(&locked.path("content/guides/closed.png"), 0o000);
    // Permissions do not stop a privileged user (root in a container) from reading.
    let privileged = fs::read_dir(&folder).is_ok();
    let run = locked.build();
    chmod(&folder, 0o755);
    if !privileged {
        run.code(1)
            .error_at("content/locked:1", "could not read")
            .error_at("content/guides/closed.md:1", "could not read")
            .error_at("content/guides/closed.png:1", "could not read")
            .error_count(3);
    }
}

#[test]
fn text_in_any_line_ending_and_in_utf16_is_read() {
    let page = "---\ntitle: Encoded page\nsummary: Read right.\n---\nFirst line.\n";
    let utf16 = |big: bool, bom: bool| -> Vec<u8> {
        let text = if bom {
            format!("\u{FEFF}{page}")
        } else {
            page.to_string()
        };
        text.encode_utf16()
            .flat_map(|unit| {
                if big {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                }
            })
            .collect()
    };
    let book = Handbook::minimal();
    book.write("content/cr.md", page.replace('\n', "\r"));
    book.write("content/le-bom.md", utf16(false, true));
    book.write("content/be-bom.md", utf16(true, true));
    book.write("content/le-bare.md", utf16(false, false));
    book.write("content/be-bare.md", utf16(true, false));
    book.build().success();
    for url in ["cr/", "le-bom/", "be-bom/", "le-bare/", "be-bare/"] {
        assert_eq!(book.texts(url, "main h1"), ["Encoded page"], "{url}");
        let main = book.main_of(url);
        assert!(main.contains("First line."), "{url}: {main}");
        assert!(
            !main.contains("summary:"),
            "{url}: front matter in the body"
        );
    }
}

#[test]
fn a_nul_byte_becomes_the_replacement_character() {
    let book = Handbook::minimal();
    book.write("content/nul.md", b"# Nul page\n\nbefore\0after\n");
    book.build().success();
    assert!(book.main_of("nul/").contains("before\u{FFFD}after"));
    assert!(
        !all_output(&book).contains(&0),
        "a NUL byte reached the output"
    );
}

#[test]
fn static_files_are_copied_verbatim_with_their_dotfiles() {
    let book = Handbook::fixture("discovery/tree");
    for (name, text) in [
        (
            "static/.well-known/security.txt",
            "Contact: mailto:a@example.com\n",
        ),
        ("static/.nojekyll", ""),
        ("static/.htaccess", "Options -Indexes\n"),
    ] {
        book.write(name, text);
    }
    for name in [
        "static/.git/config",
        "static/.hg/hgrc",
        "static/.svn/entries",
        "static/site.css~",
        "static/.site.css.swp",
        "static/4913",
        "static/.#site.css",
        "static/#site.css#",
        "static/site.css___jb_tmp___",
    ] {
        book.write(name, "junk");
    }
    book.build().success();
    assert_eq!(
        book.read(".well-known/security.txt"),
        "Contact: mailto:a@example.com\n"
    );
    assert_eq!(book.read(".nojekyll"), "");
    assert_eq!(book.read(".htaccess"), "Options -Indexes\n");
    let files = book.output_files();
    for skipped in [
        ".git", ".hg", ".svn", "~", ".swp", "4913", ".#", "#site", "jb_tmp",
    ] {
        assert!(
            files.iter().all(|f| !f.contains(skipped)),
            "{skipped} reached the output: {files:?}"
        );
    }
}
