//! Navigation: the sidebar's order and current-page mark, breadcrumbs, and
//! previous/next in depth-first reading order.
//!
//! The `navigation/folders` fixture holds one folder for each way a real
//! Markdown tree names a folder's own page (see `folders()`).
//!
//! The `navigation/order` fixture: top level Beta (weight 1), Alpha (2), Gamma
//! (a page, 3); Beta holds Apple and Zeta (weight 0, so by title, though
//! Zeta's file is `a-zeta.md`), Mango (1) and the section Deep (2) with Inner.

use crate::support::{Handbook, Run};

fn order() -> Handbook {
    Handbook::fixture("navigation/order").built()
}

/// Every page in reading order: URL and title.
const READING_ORDER: [(&str, &str); 10] = [
    ("", "Navigation Handbook"),
    ("beta/", "Beta"),
    ("beta/apple/", "Apple"),
    ("beta/a-zeta/", "Zeta"),
    ("beta/mango/", "Mango"),
    ("beta/deep/", "Deep"),
    ("beta/deep/inner/", "Inner"),
    ("alpha/", "Alpha"),
    ("alpha/one/", "One"),
    ("gamma/", "Gamma"),
];

#[test]
fn sidebar_orders_siblings_by_weight_then_title() {
    let book = order();
    let page = "beta/a-zeta/";
    assert_eq!(
        book.texts(page, "nav#sidebar > ul > li > a"),
        ["Beta", "Alpha", "Gamma"]
    );
    assert_eq!(
        book.texts(page, "nav#sidebar > ul > li:first-child > ul > li > a"),
        ["Apple", "Zeta", "Mango", "Deep"]
    );
}

#[test]
fn sidebar_expands_only_the_sections_on_the_current_path() {
    let book = order();
    let sidebar = book.texts("beta/a-zeta/", "nav#sidebar a");
    assert!(!sidebar.contains(&"One".to_string()), "{sidebar:?}");
    assert!(!sidebar.contains(&"Inner".to_string()), "{sidebar:?}");
    let sidebar = book.texts("beta/deep/inner/", "nav#sidebar a");
    assert!(sidebar.contains(&"Inner".to_string()), "{sidebar:?}");
    assert!(!sidebar.contains(&"One".to_string()), "{sidebar:?}");
}

#[test]
fn sidebar_marks_the_current_page_and_only_it() {
    let book = order();
    for (url, title) in READING_ORDER.iter().skip(1) {
        let current = book.texts(url, "nav#sidebar a[aria-current=page]");
        assert_eq!(current, [*title], "on {url}");
        assert_eq!(
            book.attrs(url, "nav#sidebar a[aria-current=page]", "href"),
            ["./"],
            "on {url}"
        );
    }
}

#[test]
fn breadcrumbs_lead_from_home_to_the_page() {
    let book = order();
    let page = "beta/deep/inner/";
    assert_eq!(
        book.texts(page, "main nav.breadcrumbs li"),
        ["Navigation Handbook", "Beta", "Deep", "Inner"]
    );
    assert_eq!(
        book.attrs(page, "main nav.breadcrumbs a", "href"),
        ["../../../", "../../", "../"]
    );
    assert_eq!(
        book.texts(page, "main nav.breadcrumbs [aria-current=page]"),
        ["Inner"]
    );
}

#[test]
fn previous_and_next_follow_depth_first_reading_order() {
    let book = order();
    for (i, (url, _)) in READING_ORDER.iter().enumerate() {
        let prev = book.texts(url, "a[rel=prev]");
        let next = book.texts(url, "a[rel=next]");
        match i.checked_sub(1).map(|p| READING_ORDER[p]) {
            Some((_, title)) => {
                assert_eq!(prev.len(), 1, "prev on {url}");
                assert!(prev[0].ends_with(title), "prev on {url}: {prev:?}");
            }
            None => assert!(prev.is_empty(), "home has no previous page: {prev:?}"),
        }
        match READING_ORDER.get(i + 1) {
            Some((_, title)) => {
                assert_eq!(next.len(), 1, "next on {url}");
                assert!(next[0].ends_with(title), "next on {url}: {next:?}");
            }
            None => assert!(next.is_empty(), "the last page has no next: {next:?}"),
        }
    }
    // The links are relative hrefs to the neighbours.
    assert_eq!(
        book.attrs("beta/mango/", "a[rel=prev]", "href"),
        ["../a-zeta/"]
    );
    assert_eq!(
        book.attrs("beta/mango/", "a[rel=next]", "href"),
        ["../deep/"]
    );
    assert_eq!(
        book.attrs("beta/deep/inner/", "a[rel=next]", "href"),
        ["../../../alpha/"]
    );
}

/// The `navigation/folders` fixture, built: `mkdocs/index.md` and
/// `github/README.md` beside other pages, `Coaching.md` beside `Coaching/`,
/// `vault/vault.md` inside its folder, `both/` with an `_index.md` and a
/// `README.md`, and `bundle/index.md` alone with its picture.
fn folders() -> (Handbook, Run) {
    let book = Handbook::fixture("navigation/folders");
    let run = book.build();
    run.success();
    (book, run)
}

/// The section at `url` shows `title` and `text` from its own file, lists
/// `child` among its pages, and the file gets no page of its own.
#[track_caller]
fn is_section_page(book: &Handbook, url: &str, title: &str, text: &str, child: &str) {
    assert_eq!(book.texts(url, "main h1")[0], title, "on {url}");
    assert!(
        book.main_of(url).contains(text),
        "{url}: {}",
        book.main_of(url)
    );
    let sidebar = book.texts(url, "nav#sidebar a");
    assert!(sidebar.contains(&child.to_string()), "{url}: {sidebar:?}");
}

#[test]
fn index_md_beside_other_pages_is_the_sections_text() {
    let (book, _) = folders();
    is_section_page(
        &book,
        "mkdocs/",
        "MkDocs section",
        "The MkDocs section’s own text.",
        "Setup",
    );
    assert!(!book.exists("mkdocs/index/"));
    assert_eq!(
        book.attrs("mkdocs/setup/", "main .prose a", "href"),
        ["../"]
    );
}

#[test]
fn readme_beside_other_pages_is_the_sections_text() {
    let (book, _) = folders();
    is_section_page(
        &book,
        "github/",
        "GitHub handbook",
        "The README’s own text.",
        "Pull requests",
    );
    assert!(!book.exists("github/readme/"));
    assert_eq!(
        book.attrs("github/pull-requests/", "main .prose a", "href"),
        ["../"]
    );
}

#[test]
fn folder_note_beside_its_folder_is_the_folders_page() {
    let (book, _) = folders();
    is_section_page(
        &book,
        "coaching/",
        "Coaching notes",
        "The folder note’s own text.",
        "GROW",
    );
    assert_eq!(
        book.attrs("coaching/grow/", "main .prose a", "href"),
        ["../"]
    );
}

#[test]
fn folder_note_inside_its_folder_is_the_folders_page() {
    let (book, _) = folders();
    is_section_page(
        &book,
        "vault/",
        "Vault home",
        "The inner folder note’s own text.",
        "Daily notes",
    );
    assert!(!book.exists("vault/vault/"));
    assert_eq!(book.attrs("vault/daily/", "main .prose a", "href"), ["../"]);
}

#[test]
fn two_candidates_for_one_folder_warn_and_the_first_wins() {
    let (book, run) = folders();
    run.stderr_has(
        "content/both/README.md:1:1: warning[duplicate-folder-page]: content/both/README.md and \
         content/both/_index.md are both the page of `both/`; _index.md is used",
    );
    is_section_page(
        &book,
        "both/",
        "Both candidates",
        "The _index.md text.",
        "A page",
    );
    assert!(!book.exists("both/readme/"));
    let everything: String = book
        .output_files()
        .iter()
        .filter(|file| file.ends_with(".html"))
        .map(|file| std::fs::read_to_string(book.output_path(file)).unwrap())
        .collect();
    assert!(!everything.contains("The README text, not published."));
    // A link to the file that lost leads to the folder's page.
    assert_eq!(book.attrs("both/page/", "main .prose a", "href"), ["../"]);
}

#[test]
fn index_md_alone_with_its_files_stays_a_page_bundle() {
    let (book, _) = folders();
    assert_eq!(book.texts("bundle/", "main h1"), ["Bundle"]);
    assert_eq!(
        book.attrs("bundle/", "main .prose img", "src"),
        ["diagram.png"]
    );
    assert!(book.exists("bundle/diagram.png"));
    // A page, not a section: the home lists it among the top-level pages.
    assert!(
        book.texts("", "nav#sidebar > ul > li > a")
            .contains(&"Bundle".to_string())
    );
}

#[test]
fn a_folder_page_that_sets_kind_is_an_error_not_a_lost_bank() {
    let book = Handbook::minimal();
    book.write(
        "content/questions/README.md",
        "---\ntitle: GROW\nkind: questions\nstages: [Goal]\nquestions:\n  \
         - id: goal\n    stage: Goal\n    text: What do you want?\n---\n",
    )
    .write("content/questions/more.md", "# More\n");
    book.build()
        .code(1)
        .error_at(
            "content/questions/README.md:1",
            "README.md is its folder's own page here, so it cannot set `kind`",
        )
        .error_count(1);
}

#[test]
fn a_readme_at_the_top_is_the_home_pages_text_and_one_alone_is_a_bundle() {
    let book = Handbook::minimal();
    book.write(
        "content/README.md",
        "# Our handbook\n\nRead [the notes](notes/README.md).\n",
    )
    .write("content/notes/README.md", "# Notes\n\n![Map](map.png)\n")
    .write("content/notes/map.png", "PNG")
    .build()
    .success();
    assert!(book.main_of("").contains("Read"), "{}", book.main_of(""));
    assert!(!book.exists("readme/"));
    let links = book.attrs("", "main .prose p a", "href");
    assert_eq!(links, ["notes/"]);
    assert_eq!(book.attrs("notes/", "main .prose img", "src"), ["map.png"]);
    assert!(book.exists("notes/map.png"));
}
