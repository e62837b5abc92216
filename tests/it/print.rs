//! The print page: the whole handbook in reading order on one page, with links
//! between pages turned into in-page anchors and every id unique.

use std::collections::{HashMap, HashSet};

use crate::support::Handbook;

/// Every `id` on a page, counted.
fn ids(html: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for part in html.split(" id=\"").skip(1) {
        let id = part.split('"').next().unwrap().to_string();
        *counts.entry(id).or_insert(0) += 1;
    }
    counts
}

/// Every in-page link target (`href="#x"`).
fn anchors(html: &str) -> HashSet<String> {
    html.split("href=\"#")
        .skip(1)
        .map(|part| part.split('"').next().unwrap().to_string())
        .collect()
}

#[test]
fn the_print_page_holds_every_page_in_reading_order() {
    let book = Handbook::fixture("kinds/all").built();
    let entries = book.texts("print/", ".print-entry > h1");
    let reading_order = [
        "Kinds Handbook",
        "Guides",
        "Listening at three levels",
        "Question banks",
        "GROW questions",
        "Scenarios",
        "The missed deadline",
        // The pages gathered across the handbook follow every page.
        "Key takeaways",
        "Exercises",
        "Facilitator notes",
    ];
    assert_eq!(entries, reading_order);
    // Every page built (not role cards, cards pages, presentations or taxonomy pages) is printed once.
    let pages = book
        .output_files()
        .into_iter()
        .filter(|f| f.ends_with("index.html"))
        .filter(|f| {
            !f.contains("/roles/")
                && !f.ends_with("/cards/index.html")
                && !f.contains("/present/")
                && !f.starts_with("tags/")
                && !f.starts_with("competencies/")
                && !f.starts_with("print/")
        })
        .count();
    assert_eq!(entries.len(), pages, "{entries:?}");
    let main = book.main_of("print/");
    assert!(
        main.contains("class=\"question"),
        "bank questions are printed"
    );
    assert!(
        main.contains("class=\"timing\""),
        "scenario run-sheets are printed"
    );
}

#[test]
fn links_between_pages_become_in_page_anchors_and_ids_stay_unique() {
    let book = Handbook::fixture("links/ok").built();
    let html = book.read("print/");
    let ids = ids(&html);
    let duplicates: Vec<_> = ids.iter().filter(|(_, n)| **n > 1).collect();
    assert!(duplicates.is_empty(), "duplicate ids: {duplicates:?}");
    for anchor in anchors(&html) {
        assert!(ids.contains_key(&anchor), "#{anchor} points at nothing");
    }
    let start = book
        .select("print/", ".print-entry")
        .into_iter()
        .find(|s| s.contains("Same folder"))
        .unwrap();
    // Links to other pages, to their headings and questions, and on the page itself.
    assert!(
        !start.contains("href=\"../"),
        "no link leaves the print page for a page on it: {start}"
    );
    assert!(
        start.contains("href=\"https://example.org/page\""),
        "{start}"
    );
    assert!(start.contains("src=\"../guides/diagram.png\""), "{start}");
}

#[test]
fn every_page_links_to_the_print_page_and_print_styles_exist() {
    let book = Handbook::fixture("kinds/all").built();
    assert_eq!(
        book.attrs("guides/listening/", "a.print-link", "href"),
        ["../../print/"]
    );
    let css = book.read("coachbook.css");
    assert!(css.contains("@media print"), "print styles");
    assert!(css.contains("break-before: page"), "page breaks");
}
