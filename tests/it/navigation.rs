//! Navigation: the sidebar's order and current-page mark, breadcrumbs, and
//! previous/next in depth-first reading order.
//!
//! The `navigation/order` fixture: top level Beta (weight 1), Alpha (2), Gamma
//! (a page, 3); Beta holds Apple and Zeta (weight 0, so by title, though
//! Zeta's file is `a-zeta.md`), Mango (1) and the section Deep (2) with Inner.

use crate::support::Handbook;

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
