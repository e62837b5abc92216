//! Ids on a page: every one unique (headings written and automatic,
//! footnotes, a bank's questions and stages, the layout's own), attribute
//! values escaped, and the link placeholder out of reach of content.

use std::collections::BTreeMap;

use crate::support::{Handbook, selector};

/// A handbook whose page `content/page.md` is `text`, built.
fn built_page(text: &str) -> Handbook {
    let book = Handbook::minimal();
    book.write("content/page.md", text);
    book.build().success();
    book
}

/// Every id on `page` that occurs more than once, with its count.
fn repeated_ids(book: &Handbook, page: &str) -> BTreeMap<String, usize> {
    let html = book.html(page);
    let mut counts = BTreeMap::new();
    for element in html.select(&selector("[id]")) {
        let id = element.value().attr("id").unwrap().to_string();
        *counts.entry(id).or_insert(0) += 1;
    }
    counts.retain(|_, n| *n > 1);
    counts
}

#[test]
fn a_written_id_used_twice_is_an_error_at_the_second() {
    let book = Handbook::minimal();
    book.write(
        "content/page.md",
        "---\ntitle: Twice\nsummary: S.\n---\n## One {#x}\n\n## Two {#x}\n",
    );
    book.build()
        .code(1)
        .error_at("content/page.md:7", "heading id `x` is already used")
        .error_count(1);
}

#[test]
fn an_automatic_id_steps_aside_for_a_written_one() {
    let book = built_page(
        "---\ntitle: Goals\nsummary: S.\n---\n[the written one](#goal)\n\n## Goal\n\n## Setting goals {#goal}\n",
    );
    assert_eq!(repeated_ids(&book, "page/"), BTreeMap::new());
    assert_eq!(book.texts("page/", "h2#goal"), ["Setting goals #"]);
    assert_eq!(book.texts("page/", "h2#goal-1"), ["Goal #"]);
}

#[test]
fn a_footnote_beside_a_heading_of_its_name_gets_an_id_of_its_own() {
    let book = built_page(
        "---\ntitle: Silence\nsummary: S.\n---\n## Silence\n\nLet it last.[^silence]\n\n[^silence]: Count to ten.\n",
    );
    assert_eq!(repeated_ids(&book, "page/"), BTreeMap::new());
    let reference = book.attrs("page/", ".footnote-reference a", "href");
    let definition = book.attrs("page/", ".footnote-definition", "id");
    assert_eq!(reference.len(), 1);
    assert_eq!(reference[0], format!("#{}", definition[0]));
    assert_ne!(definition[0], "silence");
}

#[test]
fn headings_named_like_the_layout_ids_leave_them_alone() {
    let book = built_page(
        "---\ntitle: Layout\nsummary: S.\n---\n## Main\n\n## Sidebar\n\n## Search input\n",
    );
    assert_eq!(repeated_ids(&book, "page/"), BTreeMap::new());
    // The skip link still reaches the main content.
    assert_eq!(book.attrs("page/", "a.skip-link", "href"), ["#main"]);
    assert!(book.select("page/", "#main")[0].starts_with("<main"));

    let book = Handbook::minimal();
    book.write(
        "content/page.md",
        "---\ntitle: Layout\nsummary: S.\n---\n## Skip here {#main}\n",
    );
    book.build()
        .code(1)
        .error_at(
            "content/page.md:5",
            "heading id `main` is already used by the page layout",
        )
        .error_count(1);
}

#[test]
fn a_bank_heading_leaves_the_question_ids_alone() {
    let bank = "---\ntitle: Bank\nkind: questions\nsummary: S.\nstages: [Goal]\nquestions:\n  - id: open\n    stage: Goal\n    text: What is open?\n---\n## Open\n\n## Stage goal\n";
    let book = built_page(bank);
    assert_eq!(repeated_ids(&book, "page/"), BTreeMap::new());
    assert_eq!(
        book.texts("page/", "li#open .question-text"),
        ["# What is open?"]
    );

    let book = Handbook::minimal();
    book.write("content/page.md", format!("{bank}\n## Asked {{#open}}\n"));
    book.build()
        .code(1)
        .error_at(
            "content/page.md:15",
            "heading id `open` is already used by question `open` of this bank",
        )
        .error_count(1);
}

#[test]
fn a_written_id_with_a_quote_stays_inside_its_attribute() {
    let book = built_page("---\ntitle: Quote\nsummary: S.\n---\n## Say {#say\"hi}\n\nText.\n");
    assert_eq!(book.attrs("page/", "h2", "id"), ["say\"hi"]);
    let anchors = book.select("page/", "h2 a.heading-anchor");
    assert_eq!(anchors.len(), 1);
    assert_eq!(
        book.attrs("page/", "h2 a.heading-anchor", "href"),
        ["#say\"hi"]
    );
    // Nothing leaked out of the attribute into another one.
    let html = book.html("page/");
    let anchor = html
        .select(&selector("h2 a.heading-anchor"))
        .next()
        .unwrap();
    let names: Vec<&str> = anchor.value().attrs().map(|(name, _)| name).collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn literal_placeholder_text_stays_as_written() {
    let book = Handbook::minimal();
    book.write("content/other.md", "---\ntitle: Other\nsummary: S.\n---\n");
    book.write(
        "content/page.md",
        "---\ntitle: Literal\nsummary: S.\n---\n\
         A [real link](other.md) then coachbook-link:0 as text, `coachbook-link:0` as code,\n\
         <span title=\"coachbook-link:0\">in raw HTML</span> and\n\
         [a titled link](other.md \"coachbook-link:0\").\n\n\
         <p class=\"raw\"><a title=\"coachbook-link:1\" href=\"other.md\">raw link</a></p>\n",
    );
    book.build().success();
    let text = book.texts("page/", ".prose p")[0].clone();
    assert_eq!(
        text,
        "A real link then coachbook-link:0 as text, coachbook-link:0 as code, in raw HTML and a titled link."
    );
    let attrs = |css: &str, name: &str| book.attrs("page/", css, name);
    let links = (attrs(".prose a", "href"), attrs(".prose a", "title"));
    assert_eq!(links.0, ["../other/", "../other/", "../other/"]);
    assert_eq!(links.1, ["coachbook-link:0", "coachbook-link:1"]);
    assert_eq!(attrs(".prose span", "title"), ["coachbook-link:0"]);
    // Raw HTML whose own link became a placeholder keeps its literal text too.
    assert_eq!(attrs(".raw a", "title"), ["coachbook-link:1"]);
    assert_eq!(attrs(".raw a", "href"), ["../other/"]);
}
