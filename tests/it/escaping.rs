//! Front-matter strings that the SPEC does not call Markdown are text: they
//! are escaped on every page, so none of them can add markup.

use crate::support::{Handbook, selector};

/// Markup that must show as text wherever a front-matter string appears;
/// its quotes would also end an attribute value that was not escaped.
const HOSTILE: &str = "\"'><i data-injected>x</i>";

/// `text` followed by [`HOSTILE`], as a YAML single-quoted string.
fn yaml(text: &str) -> String {
    format!("'{text} {}'", HOSTILE.replace('\'', "''"))
}

/// `text` followed by [`HOSTILE`], as a TOML basic string.
fn toml(text: &str) -> String {
    format!("\"{text} {}\"", HOSTILE.replace('"', "\\\""))
}

fn hostile_handbook() -> Handbook {
    let book = Handbook::empty();
    book.write(
        "site.toml",
        format!(
            "title = {}\ndescription = {}\n[taxonomies]\ntags = {}\ncompetencies = {}\n",
            toml("Site"),
            toml("About"),
            toml("Tags"),
            toml("Competencies")
        ),
    );
    book.write(
        "content/guides/_index.md",
        format!(
            "---\ntitle: {}\nsummary: {}\n---\n",
            yaml("Section"),
            yaml("Section summary")
        ),
    );
    book.write(
        "content/guides/listening.md",
        format!(
            "---\ntitle: {}\nsummary: {}\nowner: {}\nlevel: {}\ntags: [{}]\ntakeaways: [{}]\n---\nBody.\n",
            yaml("Guide"),
            yaml("Summary"),
            yaml("Owner"),
            yaml("Level"),
            yaml("Tag"),
            yaml("Takeaway")
        ),
    );
    book.write(
        "content/questions/grow.md",
        format!(
            "---\ntitle: {}\nkind: questions\nsummary: Questions.\nmodel: {}\nstages: [{stage}]\nquestions:\n  - id: first\n    stage: {stage}\n    text: Plain question?\n    follow_ups: [{}]\n    tags: [{}]\n---\n",
            yaml("Bank"),
            yaml("Model"),
            yaml("Follow-up"),
            yaml("Question tag"),
            stage = yaml("Stage"),
        ),
    );
    book.write(
        "content/scenarios/handover.md",
        format!(
            "---\ntitle: {}\nkind: scenario\nsummary: A scenario.\nduration: 10\nlevel: {}\ncompetencies: [{}]\nroles:\n  - {{ id: lead, name: {}, brief: Brief. }}\n  - {{ id: analyst, name: Analyst, brief: Brief. }}\ntiming:\n  - {{ phase: {}, minutes: 10 }}\nobserver_checklist: [{}]\ndebrief:\n  - {}\n  - ref: ../questions/grow.md#first\n---\nThe situation.\n",
            yaml("Scenario"),
            yaml("Level"),
            yaml("Competency"),
            yaml("Lead"),
            yaml("Phase"),
            yaml("Check"),
            yaml("Debrief"),
        ),
    );
    book
}

#[test]
fn front_matter_strings_are_escaped_on_every_page() {
    let book = hostile_handbook();
    book.build().success();
    let pages: Vec<String> = book
        .output_files()
        .into_iter()
        .filter(|path| path.ends_with(".html"))
        .collect();
    // Pages, listings, term pages, role cards, print and 404 all hold some of them.
    assert!(pages.len() > 12, "{pages:?}");
    let injected = selector("[data-injected]");
    for page in &pages {
        let html = book.html(page);
        assert_eq!(
            html.select(&injected).count(),
            0,
            "{page} holds markup from front matter:\n{}",
            html.html()
        );
    }
    // The text shows as written, its quotes typeset like the body's.
    let typeset = HOSTILE.replacen("\"'", "“’", 1);
    assert_eq!(
        book.texts("questions/grow/", "main .follow-ups li"),
        [format!("Follow-up {typeset}")]
    );
    let debrief = book.texts("scenarios/handover/", "main .debrief li");
    assert_eq!(debrief[0], format!("Debrief {typeset}"), "{debrief:?}");
}
