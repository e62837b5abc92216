//! Robustness: no input makes coachbook panic, every problem it reports has a
//! place, and adversarial input (deep nesting, huge lines) is handled in time
//! that grows with its size, not with its square.
//!
//! A property test drives the whole pipeline through the library with
//! generated handbooks (front matter valid and broken, multibyte text,
//! entities, raw HTML, containers, links, ids); the known crashes and the slow
//! inputs are plain tests through the binary. The slow inputs are large enough
//! that quadratic work would run into the harness's timeout.

use std::collections::BTreeMap;

use coachbook::build::{BuildOptions, run_build};
use coachbook::diagnostics::{Code, Diagnostic, Severity};
use proptest::prelude::*;

use crate::support::Handbook;

/// A page with a valid title and `body`.
fn page(body: &str) -> String {
    format!("---\ntitle: Page\nsummary: s\n---\n\n{body}\n")
}

#[test]
fn japanese_text_after_an_entity_builds() {
    let book = Handbook::minimal();
    book.write(
        "content/video.md",
        page("動画を見る &lt; vimeo “175…” です。\n\n<div>&éééééééé</div>\n"),
    );
    let book = book.built();
    let html = book.main_of("video/");
    assert!(html.contains("&lt; vimeo “175…” です"), "{html}");
    let index = std::fs::read_to_string(book.path("public/search/index.js")).unwrap();
    assert!(
        index.contains("vimeo"),
        "the page's words are not in the index"
    );
}

#[test]
fn an_ampersand_before_accented_raw_html_builds() {
    let book = Handbook::minimal();
    book.write("content/raw.md", page("<div>&éééééééé</div>"));
    book.built();
}

#[test]
fn deeply_nested_flow_yaml_fails_fast_with_one_error_at_its_line() {
    for (open, close) in [("[", "]"), ("{a: ", "}")] {
        let book = Handbook::minimal();
        let depth = 200_000 / open.len();
        book.write(
            "content/deep.md",
            format!(
                "---\ntitle: Deep\ntags: {}x{}\n---\n\nText.\n",
                open.repeat(depth),
                close.repeat(depth)
            ),
        );
        let run = book.check();
        run.code(1)
            .error_at("content/deep.md:3", "nest more than 64 levels deep")
            .error_count(1);
        assert!(!run.stderr.contains("aliases"), "{}", run.stderr);
    }
}

#[test]
fn a_long_line_is_shown_cut_around_the_caret() {
    let book = Handbook::minimal();
    let long = "x".repeat(600_000);
    book.write(
        "content/long.md",
        format!("---\ntitle: Long\nsummary: {long}\nwieght: 1\n---\n\nText.\n"),
    );
    book.write(
        "content/wide.md",
        format!("---\ntitle: Wide\nsummary: s\nsumary: {long}\n---\n\nText.\n"),
    );
    let run = book.check();
    run.code(1)
        .error_at("content/long.md:4", "unknown field `wieght`")
        .error_at("content/wide.md:4", "unknown field `sumary`");
    assert!(run.stderr.len() < 4_000, "{} bytes", run.stderr.len());
    assert!(run.stderr.contains("4 | sumary: xxx"), "{}", run.stderr);
    assert!(run.stderr.contains("xxx…\n"), "{}", run.stderr);
}

#[test]
fn the_caret_lines_up_under_wide_characters() {
    let book = Handbook::minimal();
    book.write(
        "content/wide.md",
        "---\ntitle: 日本語のページ\nsummary: s\nupdated: 2026-13-01\n---\n\nText.\n",
    );
    book.write(
        "content/ja.md",
        "---\ntitle: 見出し\nsummary: 説明\nタグ: x\n---\n\nText.\n",
    );
    let run = book.check();
    run.code(1);
    // `タグ` is two characters, four columns: the caret covers it whole.
    run.stderr_has("4 | タグ: x\n  | ^^^^\n");
}

#[test]
fn nested_brackets_in_markdown_render_in_linear_time() {
    let book = Handbook::minimal();
    let depth = 100_000;
    book.write(
        "content/brackets.md",
        page(&format!(
            "{}a{}\n\n{}\n\n{}",
            "[".repeat(depth),
            "]".repeat(depth),
            "[a](".repeat(depth / 4),
            "![[".repeat(depth / 3)
        )),
    );
    book.write("content/refs.md", page(&"[a]".repeat(depth)));
    // The innermost `[[a]]` is a wikilink: give it a page to lead to.
    book.write("content/a.md", page("A page the brackets name."));
    book.built();
}

/// Pieces of Markdown that have tripped parsers: multibyte text, entities
/// next to it, raw HTML, containers, links, ids and odd whitespace.
const BODY_PIECES: &[&str] = &[
    "日本語のテキスト",
    "見出し",
    "👩‍👩‍👧‍👦",
    "e\u{301}",
    "\u{200d}",
    "ｱ",
    "\u{3000}",
    "&lt;",
    "&amp;",
    "&#x1F600;",
    "&#99999999;",
    "&",
    "&é",
    "&éééééééé",
    " “175…” ",
    "<div>",
    "</div>",
    "<span>&éé</span>",
    "<a href=\"x.md\">",
    "</a>",
    "<!--",
    "-->",
    "\n::: tip\n",
    "\n::: facilitator\n",
    "\n::: ノート\n",
    "\n:::\n",
    "[link](other.md)",
    "[x](missing.md#frag)",
    "[日本](other.md#見出し)",
    "[^1]",
    "\n[^1]: note\n",
    "<coach@example.com>",
    "\n## 見出し {#id}\n",
    "\n## Same\n",
    "{#x}",
    "{#say\"hi}",
    "`code`",
    "\n```\n",
    "\n- ",
    "\n1. ",
    "\n> ",
    "\n|a|b|\n|-|-|\n",
    "[[[",
    "]]]",
    "*",
    "_",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
    "\u{0}",
    "\u{feff}",
    "coachbook-link:0",
    // Other tools' Markdown: fenced divs, admonitions, callouts, Obsidian,
    // Pandoc attributes, definition lists, includes and shortcodes.
    "\n:::: {.callout-tip title=\"試す\"}\n",
    "\n::: challenge\n",
    "\n:::::: solution\n",
    "\n:::note[題名]\n",
    "\n::::::::\n",
    "\n!!! note \"Title\"\n    body\n",
    "\n??? tip\n",
    "\n> [!tip]- 題名\n> ",
    "\n> [!NOTE]\n",
    "[[other]]",
    "[[other|ラベル]]",
    "[[Missing#見出し]]",
    "![[room.png|300]]",
    "%%",
    "%%secret%%",
    "==mark==",
    "[span]{#sp .c}",
    "{alt=\"a\" width=\"50%\"}",
    "\n{: .lead}\n",
    "\nTerm\n:   definition\n",
    "\n:word\n",
    "{{#include other.md:2:3}}",
    "\\{{#include x}}",
    "{{< ref \"other.md\" >}}",
    "{{% notice %}}",
    "{% raw %}",
    " ^block",
];

/// Front matter lines, valid and broken.
const YAML_PIECES: &[&str] = &[
    "title: 日本語のページ &lt;\n",
    "title: Plain\n",
    "title: [unclosed\n",
    "\ttitle: tab\n",
    "summary: a: b\n",
    "summary: \"日本語 “175…”\"\n",
    "tags: [日本, 'x', \"y\"]\n",
    "tags: [[[[\n",
    "competencies: {a: \n",
    "updated: 2026-13-45\n",
    "updated: 2026-01-05\n",
    "kind: questions\n",
    "kind: scenario\n",
    "minutes: seven\n",
    "slug: '.'\n",
    "stages: [Goal]\n",
    "questions:\n  - text: 何を？\n    stage: Goal\n",
    "questions:\n  - id: é\n    text: x\n    stage: Nope\n",
    "roles:\n  - id: ロール\n    brief: 説明\n",
    "related: [other.md, 日本.md]\n",
    "title: \"unterminated\n",
    "  - stray\n",
    "タグ: x\n",
    "title: x\ntitle: y\n",
    ": \n",
    "'\n",
];

/// Whole front matter blocks that are valid, so role cards, bank questions
/// and facilitator notes render too.
const VALID_FRONT_MATTER: &[&str] = &[
    "title: 日本語 &lt; “175…”\nsummary: 説明\ntags: [日本, é]\n",
    "title: 質問\nsummary: s\nkind: questions\nstages: [Goal]\nquestions:\n  - text: \"何を &amp; [x](other.md)？\"\n    stage: Goal\n    purpose: e\u{301}\n",
    "title: ロールプレイ\nsummary: s\nkind: scenario\nroles:\n  - id: a\n    name: A\n    brief: \"説明 &lt; <div>&éé</div>\"\n  - id: b\n    name: B\n    brief: b\nfacilitator_notes: \"::: tip\\n注意\\n:::\"\n",
];

/// Where generated pages go: distinct names whose URLs cannot collide.
const NAMES: &[&str] = &[
    "content/other.md",
    "content/日本語.md",
    "content/guide/_index.md",
    "content/guide/b.md",
    "content/guide/ページ.md",
    "content/questions/q.md",
    "content/_index.md",
];

/// Text from the pieces, with arbitrary characters mixed in.
fn text_from(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(pieces).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..max).prop_map(|parts| parts.concat())
}

/// A page file: no front matter, or front matter (maybe unclosed) and a body.
fn page_text() -> impl Strategy<Value = String> {
    (
        0..5u8,
        text_from(YAML_PIECES, 6),
        prop::sample::select(VALID_FRONT_MATTER),
        text_from(BODY_PIECES, 40),
    )
        .prop_map(|(shape, yaml, valid, body)| match shape {
            0 => body,
            1 => format!("---\n{yaml}{body}"),
            2 => format!("---\n{valid}---\n{body}"),
            _ => format!("---\n{yaml}---\n{body}"),
        })
}

fn handbook() -> impl Strategy<Value = BTreeMap<&'static str, String>> {
    prop::collection::btree_map(prop::sample::select(NAMES), page_text(), 1..4)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_generated_handbook_panics_and_every_problem_has_a_place(files in handbook()) {
        let book = Handbook::minimal();
        for (name, text) in &files {
            book.write(name, text);
        }
        let report = run_build(&BuildOptions {
            root: book.root().to_path_buf(),
            write: false,
            ..BuildOptions::default()
        })
        .expect("the tool itself failed");
        for diagnostic in &report.diagnostics {
            prop_assert!(!diagnostic.path.as_os_str().is_empty(), "{diagnostic}");
            prop_assert!(diagnostic.line >= 1, "no line: {diagnostic}");
            prop_assert!(diagnostic.col >= 1, "no column: {diagnostic}");
            // Rendering a diagnostic must not panic either.
            let _ = diagnostic.to_string();
        }
    }

    #[test]
    fn a_diagnostic_anywhere_in_any_text_renders(
        text in text_from(BODY_PIECES, 60),
        offset in any::<usize>(),
        span in 0..200usize,
    ) {
        let offset = if text.is_empty() { 0 } else { offset % (text.len() + 2) };
        let diagnostic = Diagnostic::at(
            Code::Tool,
            Severity::Error,
            std::path::Path::new("a.md"),
            &text,
            offset,
            "m",
        )
        .with_span_len(span);
        prop_assert!(diagnostic.line >= 1 && diagnostic.col >= 1);
        let shown = diagnostic.to_string();
        prop_assert!(shown.contains('^'), "{shown}");
    }
}

#[test]
fn a_name_too_long_for_a_file_system_is_an_error_where_it_is_written() {
    let book = Handbook::minimal();
    let long = "x".repeat(300);
    book.write(
        "content/tagged.md",
        format!("---\ntitle: Tagged\nsummary: s\ntags: [ok, {long}]\ncompetencies:\n  - fine\n  - {long}\n---\n\nText.\n"),
    );
    book.write(
        "content/play.md",
        format!(
            "---\ntitle: Play\nsummary: s\nkind: scenario\nroles:\n  - id: {long}\n    name: A\n    brief: b\n  - id: other\n    name: B\n    brief: b\n---\n\nText.\n"
        ),
    );
    book.write(
        "content/slugged.md",
        format!("---\ntitle: Slugged\nsummary: s\nslug: {long}\n---\n\nText.\n"),
    );
    // 120 × `İ` is a 240-byte name, but its lowercase `i̇` takes three bytes.
    book.write(&format!("content/{}.md", "İ".repeat(120)), page("Text."));
    let run = book.build();
    run.code(1)
        .error_at(
            "content/tagged.md:4",
            "a `tags` term makes a folder name of 300 bytes",
        )
        .error_at(
            "content/tagged.md:7",
            "a `competencies` term makes a folder name",
        )
        .error_at(
            "content/play.md:6",
            "role id makes a folder name of 300 bytes",
        )
        .error_at("content/slugged.md:4", "`slug` makes a folder name")
        .error_in(
            &format!("content/{}.md", "İ".repeat(120)),
            "this file's name makes a folder name of 360 bytes",
        )
        .error_count(5);
    assert!(!run.stderr.contains("staging"), "{}", run.stderr);
    assert!(!book.path("public").exists());
}

#[test]
fn many_problems_in_one_large_file_are_reported_in_linear_time() {
    let book = Handbook::minimal();
    let links: Vec<String> = (0..50_000).map(|i| format!("[a](nope{i}.md)")).collect();
    book.write("content/links.md", page(&links.join("\n")));
    book.write(
        "content/boxes.md",
        page(&"::: nope\nx\n:::\n\n".repeat(40_000)),
    );
    // All on one line of 450 KB: each problem keeps only the part around it.
    book.write("content/line.md", page(&links[..30_000].join(" ")));
    let run = book.check();
    run.code(1)
        .error_at("content/links.md:50005", "`nope49999.md`")
        .error_at("content/line.md:6", "`nope29999.md`")
        .error_count(80_000);
    // An unknown box class is one warning for the whole handbook, however often it is used.
    assert_eq!(
        run.stderr.matches("unknown div class `nope`").count(),
        1,
        "{}",
        &run.stderr[..2_000.min(run.stderr.len())]
    );
    assert!(
        run.stderr.len() < 80_000 * 1_000,
        "{} bytes",
        run.stderr.len()
    );
}

#[test]
fn many_problems_in_large_front_matter_are_reported_in_linear_time() {
    let book = Handbook::minimal();
    let count = 20_000;
    let questions: String = (0..count)
        .map(|i| format!("  - id: q{i}\n    stage: Nope\n    text: t\n"))
        .collect();
    book.write(
        "content/bank.md",
        format!("---\ntitle: Bank\nsummary: s\nkind: questions\nstages: [Goal]\nquestions:\n{questions}---\n\nText.\n"),
    );
    let repeated = "owner: x\n".repeat(count);
    book.write(
        "content/repeated.md",
        format!("---\ntitle: Repeated\nsummary: s\n{repeated}---\n\nText.\n"),
    );
    let run = book.check();
    run.code(1)
        .error_at(&format!("content/bank.md:{}", 6 + 3 * count - 1), "Nope")
        .error_at(
            &format!("content/repeated.md:{}", 3 + count),
            "duplicate field `owner`",
        )
        .error_count(2 * count - 1);
}

#[test]
fn many_headings_of_one_name_get_their_ids_in_linear_time() {
    let book = Handbook::minimal();
    book.write(
        "content/same.md",
        page(&"## Same\n\ntext\n\n".repeat(40_000)),
    );
    book.write("content/link.md", page("[Last](same.md#same-39999)"));
    let book = book.built();
    let html = std::fs::read_to_string(book.output_path("same/")).unwrap();
    assert!(html.contains("id=\"same-39999\""));
}
