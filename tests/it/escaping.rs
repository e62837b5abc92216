//! Front-matter strings that the SPEC does not call Markdown are text: they
//! are escaped on every page, so none of them can add markup.

use crate::support::{Handbook, selector};

/// Markup that must show as text wherever a front-matter string appears.
const HOSTILE: &str = "<i data-injected>x</i>";

fn hostile_handbook() -> Handbook {
    let book = Handbook::empty();
    let h = HOSTILE;
    book.write(
        "site.toml",
        format!("title = \"Site {h}\"\ndescription = \"About {h}\"\n"),
    );
    book.write(
        "content/guides/_index.md",
        format!("---\ntitle: 'Section {h}'\nsummary: 'Section summary {h}'\n---\n"),
    );
    book.write(
        "content/guides/listening.md",
        format!(
            "---\ntitle: 'Guide {h}'\nsummary: 'Summary {h}'\nowner: 'Owner {h}'\nlevel: 'Level {h}'\ntags: ['Tag {h}']\ntakeaways: ['Takeaway {h}']\n---\nBody.\n"
        ),
    );
    book.write(
        "content/questions/grow.md",
        format!(
            "---\ntitle: 'Bank {h}'\nkind: questions\nsummary: Questions.\nmodel: 'Model {h}'\nstages: ['Stage {h}']\nquestions:\n  - id: first\n    stage: 'Stage {h}'\n    text: Plain question?\n    follow_ups: ['Follow-up {h}']\n    tags: ['Question tag {h}']\n---\n"
        ),
    );
    book.write(
        "content/scenarios/handover.md",
        format!(
            "---\ntitle: 'Scenario {h}'\nkind: scenario\nsummary: A scenario.\nduration: 10\ncompetencies: ['Competency {h}']\nroles:\n  - {{ id: lead, name: 'Lead {h}', brief: Brief. }}\n  - {{ id: analyst, name: Analyst, brief: Brief. }}\ntiming:\n  - {{ phase: 'Phase {h}', minutes: 10 }}\nobserver_checklist: ['Check {h}']\ndebrief:\n  - 'Debrief {h}'\n  - ref: ../questions/grow.md#first\n---\nThe situation.\n"
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
    assert!(pages.len() > 8, "{pages:?}");
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
    // The text shows as written.
    assert_eq!(
        book.texts("questions/grow/", "main .follow-ups li"),
        [format!("Follow-up {HOSTILE}")]
    );
    let debrief = book.texts("scenarios/handover/", "main .debrief li");
    assert_eq!(debrief[0], format!("Debrief {HOSTILE}"), "{debrief:?}");
}
