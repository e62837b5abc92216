//! Finding pages: nested sections, page bundles, drafts, hidden and editor
//! temporary files, symlink loops, and two pages on one URL.

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
    run.code(0);
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
