//! The Markdown of other tools: a Carpentries-Workbench-style lesson (long
//! nested fenced divs, instructor notes), an MkDocs site (admonitions), and
//! GitHub alerts and Obsidian callouts build unchanged into the theme's
//! boxes, never printed as text; syntax coachbook does not run (Hugo
//! shortcodes, Liquid tags, mdBook includes) is a warning at its line.

use scraper::{ElementRef, Html, node::Node};

use crate::support::{Handbook, selector};

/// The text of `html` outside `<code>`, `<pre>`, `<script>` and `<style>`.
fn text_outside_code(html: &str) -> String {
    fn walk(element: ElementRef, out: &mut String) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => out.push_str(text),
                Node::Element(e) if matches!(e.name(), "code" | "pre" | "script" | "style") => {}
                Node::Element(_) => {
                    if let Some(inner) = ElementRef::wrap(child) {
                        walk(inner, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    walk(Html::parse_document(html).root_element(), &mut out);
    out
}

/// Asserts that no page of the build shows `syntax` outside code.
#[track_caller]
fn no_page_shows(handbook: &Handbook, syntax: &[&str]) {
    let pages: Vec<String> = handbook
        .output_files()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.iter().any(|p| p == "index.html"), "{pages:?}");
    for page in pages {
        let text = text_outside_code(&handbook.read(&page));
        for raw in syntax {
            assert!(!text.contains(raw), "{page} shows {raw}:\n{text}");
        }
    }
}

fn warning_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| line.contains(": warning: "))
        .collect()
}

const SILENCE: &str = "episodes/01-silence/";
const REFLECTING: &str = "episodes/02-reflecting/";

#[test]
fn a_workbench_lesson_builds_with_its_boxes() {
    let lesson = Handbook::fixture("dialects/workbench");
    lesson.build().success();
    no_page_shows(&lesson, &[":::", "[!"]);
    // A challenge is an exercise, with its nested solution folded inside it.
    let challenge = lesson.select(SILENCE, "main div.callout-exercise.callout-challenge");
    assert_eq!(challenge.len(), 1, "{challenge:?}");
    assert_eq!(
        lesson.texts(
            SILENCE,
            "main .callout-challenge > details.callout-solution:not([open]) > summary"
        ),
        ["What partners usually notice"]
    );
    assert!(lesson.texts(SILENCE, "main .callout-challenge h2")[0].contains("Practise the pause"));
    // The titled boxes of an episode, each titled once and no heading lost.
    for (css, title) in [
        (".callout-questions", "Questions"),
        (".callout-objectives", "Objectives"),
        (".callout-keypoints", "Key points"),
    ] {
        assert_eq!(
            lesson.texts(SILENCE, &format!("main {css} > .callout-title")),
            [title]
        );
    }
    // A callout's first heading is its title; hints and solutions fold.
    assert_eq!(
        lesson.texts(REFLECTING, "main .callout-callout > p.callout-title"),
        ["Reflecting is not repeating"]
    );
    assert!(
        lesson
            .select(REFLECTING, "main .callout-callout h3")
            .is_empty()
    );
    assert_eq!(
        lesson.texts(REFLECTING, "main details.callout > summary"),
        ["Hint", "Solution"]
    );
    assert_eq!(
        lesson.texts(
            "episodes/03-closing/",
            "main .callout-tip:not(.callout-keypoints) > .callout-title"
        ),
        ["A closing question"]
    );
    // The full build keeps instructor notes, marked as facilitator material.
    let instructor = lesson.attrs(REFLECTING, "main aside.callout-instructor", "data-audience");
    assert_eq!(instructor, ["facilitator"]);
    assert!(lesson.texts(REFLECTING, "main aside .callout-discussion")[0].contains("NESTED"));
}

#[test]
fn the_participant_edition_of_a_lesson_holds_no_byte_of_an_instructor_block() {
    let lesson = Handbook::fixture("dialects/workbench");
    lesson.build_with(&["--edition", "participant"]).success();
    let files = lesson.snapshot("public");
    assert!(files.len() > 10, "{:?}", files.keys());
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("INSTRUCTOR-ONLY") && !text.contains("callout-instructor"),
            "instructor material in {}",
            path.display()
        );
    }
    // The rest of the lesson is there.
    assert_eq!(
        lesson.texts(SILENCE, "main details.callout-solution > summary"),
        ["What partners usually notice"]
    );
}

#[test]
fn an_unknown_class_is_one_warning_for_the_whole_handbook() {
    let lesson = Handbook::fixture("dialects/workbench");
    let run = lesson.build();
    run.success();
    let recipe: Vec<_> = warning_lines(&run.stderr)
        .into_iter()
        .filter(|line| line.contains("`recipe`"))
        .collect();
    assert_eq!(
        recipe,
        [
            "content/episodes/02-reflecting.md:53:1: warning: unknown div class `recipe`, shown as a box titled \"Recipe\""
        ],
        "{}",
        run.stderr
    );
    // Every use still renders as a generic box titled by the word.
    for page in [REFLECTING, "episodes/03-closing/"] {
        assert_eq!(
            lesson.texts(page, "main .callout-other.callout-recipe > .callout-title"),
            ["Recipe"]
        );
    }
}

#[test]
fn an_mkdocs_site_builds_with_its_admonitions() {
    let site = Handbook::fixture("dialects/mkdocs");
    site.build().success();
    no_page_shows(&site, &["!!!", "???"]);
    const GIVING: &str = "guides/giving/";
    assert_eq!(
        site.texts(GIVING, "main .callout > .callout-title"),
        [
            "Tip",
            "Not in front of the team",
            "Show a worked example",
            "Try it",
            "Hint"
        ]
    );
    // Both paragraphs of an indented body are inside the box.
    assert_eq!(
        site.select(GIVING, "main .callout-warning > p:not(.callout-title)")
            .len(),
        3
    );
    // `???` folds closed, `???+` open; an admonition nests in another.
    assert_eq!(
        site.select(GIVING, "main details.callout:not([open])")
            .len(),
        1
    );
    assert_eq!(
        site.texts(
            GIVING,
            "main details.callout[open] > .callout-tip > .callout-title"
        ),
        ["Hint"]
    );
    // An admonition line in a code block inside an admonition is code.
    assert!(site.texts(GIVING, "main details pre")[0].contains("!!! note"));
    // `!!! danger ""` asks for no title.
    assert!(
        site.select(GIVING, "main .callout-danger > .callout-title")
            .is_empty()
    );
    assert_eq!(
        site.texts("", "main .callout-note > .callout-title"),
        ["How to use this guide"]
    );
}

const NOTES: &str = "";

#[test]
fn github_alerts_and_obsidian_callouts_are_boxes_with_their_title() {
    let notes = Handbook::fixture("dialects/callouts");
    notes.build().success();
    no_page_shows(&notes, &["[!"]);
    let titles = notes.texts(NOTES, "main .callout > .callout-title");
    assert_eq!(
        titles,
        [
            "Note",
            "Tip",
            "Important",
            "Warning",
            "Caution",
            "Before the session",
            "What if they bring nothing?",
            "An opening that works",
            "Growing over time",
            "Signs it is working",
            "A custom type",
            "For whoever runs the training",
        ]
    );
    // `-` folds closed, `+` open, and a callout nests in a callout.
    let closed = notes.texts(NOTES, "main details.callout:not([open]) > summary");
    assert_eq!(
        closed,
        ["What if they bring nothing?", "Signs it is working"]
    );
    let open = notes.texts(NOTES, "main details.callout[open] > summary");
    assert_eq!(open, ["An opening that works"]);
    assert_eq!(
        notes.texts(
            NOTES,
            "main .callout-note > details.callout-success > summary"
        ),
        ["Signs it is working"]
    );
    // An ordinary quote stays one, and code keeps the marker.
    assert_eq!(notes.select(NOTES, "main blockquote").len(), 1);
    assert!(notes.texts(NOTES, "main pre")[0].contains("[!tip] shown as code"));
    let html = notes.html(NOTES);
    assert!(
        html.select(&selector("main blockquote .callout"))
            .next()
            .is_none()
    );
}

#[test]
fn an_instructor_callout_leaves_the_participant_edition() {
    let notes = Handbook::fixture("dialects/callouts");
    notes.build_with(&["--edition", "participant"]).success();
    for (path, bytes) in notes.snapshot("public") {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("FACILITATOR-ONLY") && !text.contains("whoever runs"),
            "facilitator callout in {}",
            path.display()
        );
    }
    assert!(
        notes
            .texts(NOTES, "main .callout-title")
            .contains(&"Caution".to_string())
    );
}

#[test]
fn syntax_of_other_generators_is_a_warning_at_its_line_and_shown_as_text() {
    let handbook = Handbook::minimal();
    handbook.write(
        "content/imported.md",
        "---\ntitle: Imported\nsummary: From elsewhere.\n---\n\
         Intro.\n\
         \n\
         {{< figure src=\"circle.png\" >}}\n\
         \n\
         Text with {% include feedback-card.html %} inside.\n\
         \n\
         {{% notice tip %}}\n\
         \n\
         {{#include ../snippets/agenda.md:2:8}}\n\
         \n\
         In code it is fine: `{{< ref \"a.md\" >}}` and\n\
         \n\
         ```\n\
         {% raw %}\n\
         ```\n\
         \n\
         Sets like {1, 2} and {{ page.title }} are not flagged.\n",
    );
    let run = handbook.build();
    run.success();
    let warnings = warning_lines(&run.stderr);
    let expected = [
        "content/imported.md:7:1: warning: a Hugo shortcode, which coachbook does not run: it is shown as text",
        "content/imported.md:9:11: warning: a Liquid tag, which coachbook does not run: it is shown as text",
        "content/imported.md:11:1: warning: a Hugo shortcode, which coachbook does not run: it is shown as text",
        "content/imported.md:13:1: warning: an mdBook include, which coachbook does not run: it is shown as text",
    ];
    for line in expected {
        assert!(warnings.contains(&line), "{line}\n{}", run.stderr);
    }
    assert_eq!(warnings.len(), expected.len(), "{}", run.stderr);
    let main = handbook.texts("imported/", "main .prose p");
    assert!(
        main.iter().any(|p| p.contains("{{< figure src=")),
        "{main:?}"
    );
    assert!(
        main.iter()
            .any(|p| p.contains("{% include feedback-card.html %}"))
    );
    assert!(
        main.iter()
            .any(|p| p.contains("{{#include ../snippets/agenda.md:2:8}}"))
    );
}

#[test]
fn a_div_left_open_or_closed_twice_is_a_warning_not_a_lost_page() {
    let handbook = Handbook::minimal();
    handbook.write(
        "content/drafty.md",
        "---\ntitle: Drafty\nsummary: Unbalanced fences.\n---\n\
         ::: tipp\n\
         Breathe before answering.\n\
         :::\n\
         :::\n\
         \n\
         :::: challenge\n\
         Never closed.\n",
    );
    let run = handbook.build();
    run.success()
        .stderr_has("content/drafty.md:5:1: warning: unknown div class `tipp`")
        .stderr_has("did you mean `::: tip`?")
        .stderr_has(
            "content/drafty.md:8:1: warning: this `:::` closes no open div, so it is left out",
        )
        .stderr_has("content/drafty.md:10:1: warning: `::: challenge` is never closed");
    assert_eq!(
        handbook.texts("drafty/", "main .callout-exercise"),
        ["Challenge Never closed."]
    );
    no_page_shows(&handbook, &[":::"]);
    // With `--strict` the warnings fail the build.
    handbook.build_with(&["--strict"]).code(1);
}

#[test]
fn an_instructor_line_that_markdown_reads_as_text_is_an_error_not_a_leak() {
    let handbook = Handbook::minimal();
    handbook.write(
        "content/lists.md",
        "---\ntitle: Lists\nsummary: s\n---\n1. An instructor div indented into a list item:\n\n    :::::: {.instructor}\n    SECRET-IN-ITEM\n    ::::::\n",
    );
    handbook
        .build()
        .code(1)
        .error_at(
            "content/lists.md:7",
            "`:::facilitator` line is read as text",
        )
        .error_count(1);
}

#[test]
fn boxes_in_a_list_item_stay_in_the_item() {
    let handbook = Handbook::minimal();
    handbook.write(
        "content/steps.md",
        "---\ntitle: Steps\nsummary: s\n---\n\
         - Open with a question.\n\
         \n\
         \x20 ::: challenge\n\
         \x20 Ask it twice.\n\
         \x20 :::\n\
         \n\
         \x20 > [!tip]- Why twice\n\
         \x20 > The second answer is the real one.\n\
         - Close with a next step.\n",
    );
    handbook.build().success();
    assert_eq!(handbook.select("steps/", "main .prose > ul > li").len(), 2);
    assert_eq!(
        handbook.texts(
            "steps/",
            "main li > .callout-challenge > p:not(.callout-title)"
        ),
        ["Ask it twice."]
    );
    assert_eq!(
        handbook.texts("steps/", "main li > details.callout-tip > summary"),
        ["Why twice"]
    );
}

#[test]
fn a_facilitator_admonition_that_markdown_reads_as_text_is_an_error() {
    let handbook = Handbook::minimal();
    handbook.write(
        "content/items.md",
        "---\ntitle: Items\nsummary: s\n---\n- An item:\n\n    !!! instructor \"Timing\"\n        SECRET-IN-ITEM\n\n```\n!!! instructor\n```\n",
    );
    handbook
        .build()
        .code(1)
        .error_at(
            "content/items.md:7",
            "`!!! facilitator` line is read as text",
        )
        .error_count(1);
}

#[test]
fn a_box_line_that_markdown_reads_as_text_is_a_warning() {
    let handbook = Handbook::minimal();
    handbook.write(
        "content/items.md",
        "---\ntitle: Items\nsummary: s\n---\n1. A step:\n\n    !!! tip \"Shown as text\"\n        Indented twice.\n\n2. Another:\n\n    :::: note\n    Also text.\n    ::::\n",
    );
    let run = handbook.build();
    run.success()
        .stderr_has("content/items.md:7:5: warning: this `!!!` line is read as text, so it shows on the page as written")
        // The caret may stand one column in: with definition lists on,
        // pulldown-cmark reads the line's first colon as a definition marker.
        .stderr_has("warning: this `:::` line is read as text");
    assert!(
        run.stderr.contains("content/items.md:12:"),
        "{}",
        run.stderr
    );
}
