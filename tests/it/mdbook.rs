//! An mdBook builds unchanged: `SUMMARY.md` gives the sidebar's order,
//! titles, part headings and nesting and the reading order, and is not a
//! page; `{{#include}}` reads files under the root, with line ranges and
//! anchors, also inside code fences.

use crate::support::{Handbook, collapse};

const BOOK: &str = "mdbook/book";

/// The pages in reading order, from the home page along the `next` links.
fn reading_order(book: &Handbook) -> Vec<String> {
    let mut order = vec![String::new()];
    loop {
        let here = order.last().unwrap().clone();
        let next = book.attrs(&here, "a[rel=next]", "href");
        let Some(href) = next.first() else { break };
        let url = resolve(&here, href);
        assert!(
            !order.contains(&url),
            "the reading order loops at {url}: {order:?}"
        );
        order.push(url);
    }
    order
}

/// A relative `href` from the page at `from`, as a site URL.
fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').filter(|p| !p.is_empty()).collect();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            part => parts.push(part),
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}/", parts.join("/"))
    }
}

#[test]
fn the_book_builds_with_no_errors_and_summary_is_not_a_page() {
    let book = Handbook::fixture(BOOK);
    book.build().success().error_count(0);
    assert!(!book.exists("summary/"), "SUMMARY.md became a page");
    // `exclude = ["snippets/"]`: the included files are not pages or assets.
    assert!(!book.exists("snippets/questions/"));
    assert!(!book.exists("snippets/script.txt"));
    for page in book.output_files() {
        if page.ends_with(".html") {
            let html = book.read(&page);
            assert!(!html.contains("script.txt:"), "{page}");
            assert!(!html.contains("snippets/questions.md"), "{page}");
        }
    }
}

#[test]
fn the_reading_order_follows_summary_and_leaves_out_draft_chapters() {
    let book = Handbook::fixture(BOOK).built();
    assert_eq!(
        reading_order(&book),
        [
            "",
            "listening/",
            "listening/silence/",
            "questions/",
            "practice/grow/",
            "goal-questions/",
            "practice/first-session/",
            "reading/",
        ]
    );
}

#[test]
fn the_sidebar_has_summary_titles_part_headings_and_nesting() {
    let book = Handbook::fixture(BOOK).built();
    let sidebar = collapse(
        &book
            .select("practice/grow/", ".sidebar > ul, nav ul")
            .join(""),
    );
    let top: Vec<String> = book.texts("practice/grow/", ".nav-part, li > a");
    let top: Vec<&str> = top.iter().map(String::as_str).collect();
    let expected = [
        "Foundations",
        "Listening well",
        "Asking open questions",
        "In practice",
        "The GROW model",
        "Goal questions",
        "A first session",
        "Further reading",
    ];
    let shown: Vec<&str> = top
        .iter()
        .copied()
        .filter(|t| expected.contains(t))
        .collect();
    assert_eq!(shown, expected, "{sidebar}");
    // "Goal questions" is nested under "The GROW model", though its file is not in that folder.
    let nested = book.texts("practice/grow/", "li.nav-section > ul > li > a");
    assert!(nested.contains(&"Goal questions".to_string()), "{nested:?}");
    // The draft chapter and the separator show nothing.
    assert!(!sidebar.contains("Giving feedback"), "{sidebar}");
    // Titles come from SUMMARY.md in prev/next links too.
    assert_eq!(book.texts("practice/grow/", "a[rel=next]").len(), 1);
    assert!(collapse(&book.texts("practice/grow/", "a[rel=next]")[0]).contains("Goal questions"));
}

#[test]
fn includes_take_line_ranges_anchors_and_open_ranges_and_escapes_stay_as_written() {
    let book = Handbook::fixture(BOOK).built();
    let blocks = book.texts("practice/first-session/", "pre code");
    assert_eq!(
        blocks,
        [
            "This hour is yours: we talk about what you bring. What you say stays between us.",
            "What will you do first, and when?",
            "What you say stays between us. What will you do first, and when?",
        ]
    );
    let inline = book.texts("practice/first-session/", "p code");
    assert_eq!(inline, ["{{#include ../snippets/script.txt}}"]);
    // An included Markdown file is Markdown of the page.
    let headings = book.texts("questions/", "main h2");
    assert!(
        headings.iter().any(|h| h.contains("A few to try")),
        "{headings:?}"
    );
}

#[test]
fn pages_summary_does_not_list_follow_the_listed_ones_with_one_warning() {
    let book = Handbook::fixture(BOOK);
    book.write("content/extra.md", "# Extra\n\nNot in the summary.\n");
    book.write("content/practice/notes.md", "# Notes\n\nNor this.\n");
    let run = book.build();
    run.success();
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("not listed here"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0].starts_with("content/SUMMARY.md"),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("2 pages"), "{}", warnings[0]);
    assert!(warnings[0].contains("content/extra.md"), "{}", warnings[0]);
    assert!(
        warnings[0].contains("content/practice/notes.md"),
        "{}",
        warnings[0]
    );
    let order = reading_order(&book);
    assert_eq!(&order[..8].last().unwrap()[..], "reading/", "{order:?}");
    assert!(order[8..].contains(&"extra/".to_string()), "{order:?}");
    assert!(
        order[8..].contains(&"practice/notes/".to_string()),
        "{order:?}"
    );
}

#[test]
fn a_summary_entry_to_a_missing_file_is_an_error_at_its_line() {
    let book = Handbook::fixture(BOOK);
    let summary = std::fs::read_to_string(book.path("content/SUMMARY.md")).unwrap();
    book.write(
        "content/SUMMARY.md",
        summary.replace("(questions.md)", "(question.md)"),
    );
    book.build()
        .code(1)
        .error_at("content/SUMMARY.md:9", "`question.md` is listed here")
        .stderr_has("did you mean `questions.md`?");
}

#[test]
fn an_include_outside_the_root_or_of_a_missing_file_or_anchor_is_an_error_at_its_line() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "SECRET-OUTSIDE\n").unwrap();
    let book = Handbook::fixture(BOOK);
    let secret = outside.path().join("secret.txt");
    book.write(
        "content/reading.md",
        format!(
            "# Further reading\n\n{{{{#include {}}}}}\n\n{{{{#include ../../../../../../../../../../../../../../{}}}}}\n\n{{{{#include snippets/none.md}}}}\n\n{{{{#include snippets/script.txt:nowhere}}}}\n\n[broken](nowhere.md)\n",
            secret.display(),
            secret.display()
        ),
    );
    let run = book.build();
    run.code(1)
        .error_at("content/reading.md:3", "outside the handbook")
        .error_at("content/reading.md:5", "outside the handbook")
        .error_at("content/reading.md:7", "`snippets/none.md`: no such file")
        .error_at("content/reading.md:9", "no anchor `nowhere`")
        .error_at("content/reading.md:11", "nowhere.md");
    assert!(!run.stderr.contains("SECRET-OUTSIDE"), "{}", run.stderr);
}

#[test]
fn diagnostics_after_an_include_point_at_the_lines_of_the_file() {
    let book = Handbook::fixture(BOOK);
    book.write(
        "content/reading.md",
        "# Further reading\n\n```text\n{{#include snippets/script.txt}}\n```\n\nSee [nothing](nothing.md).\n\n{{#include snippets/none.md}}\n",
    );
    book.write("content/snippets/bad.md", "Line one.\n\n[gone](gone.md)\n");
    book.write(
        "content/practice/grow.md",
        "# GROW\n\n{{#include ../snippets/bad.md}}\n",
    );
    book.build()
        .code(1)
        .error_at("content/reading.md:7", "nothing.md")
        .error_at("content/reading.md:9", "`snippets/none.md`: no such file")
        .error_at("content/snippets/bad.md:3", "gone.md");
}
