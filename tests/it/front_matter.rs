//! Bad front matter, one case per mistake: each is an error at the file and
//! line where the author made it (lines of the whole file, `---` being line 1),
//! exit code 1, and nothing written.

use std::time::Duration;

use crate::support::{Handbook, Run};

/// Builds `front_matter/<case>`, asserts it failed with exit code 1 and wrote nothing.
fn failed_build(case: &str) -> Run {
    let book = Handbook::fixture(&format!("front_matter/{case}"));
    let run = book.build();
    run.code(1);
    assert!(!book.path("public").exists(), "a failed build wrote output");
    run
}

#[test]
fn unknown_field_is_an_error_with_did_you_mean() {
    failed_build("unknown_field")
        .error_at(
            "content/guides/partnering.md:4",
            "unknown field `competences`",
        )
        .stderr_has("4 | competences: [feedback]")
        .stderr_has("= help: did you mean `competencies`?")
        .error_count(1);
}

#[test]
fn wrong_type_is_an_error_at_its_line() {
    failed_build("wrong_type")
        .error_at("content/guides/partnering.md:4", "wrong type for `weight`")
        .error_count(1);
}

#[test]
fn a_page_without_title_or_heading_is_titled_by_its_file_name() {
    let book = Handbook::fixture("front_matter/missing_title");
    book.build().success().error_count(0);
    assert_eq!(book.texts("guides/untitled/", "main h1"), ["Untitled"]);
}

#[test]
fn unknown_kind_is_an_error_suggesting_the_valid_kind() {
    failed_build("bad_kind")
        .error_at(
            "content/scenarios/deadline.md:3",
            "`scenrio` is not a valid value for `kind`",
        )
        .stderr_has("did you mean `scenario`?")
        .error_count(1);
}

#[test]
fn question_stage_outside_stages_is_an_error_at_the_stage_line() {
    failed_build("unknown_stage")
        .error_at(
            "content/questions/grow.md:11",
            "stage `Realty` is not one of `stages`",
        )
        .stderr_has("did you mean `Reality`?")
        .error_count(1);
}

#[test]
fn duplicate_question_id_is_an_error_at_the_second_id() {
    failed_build("duplicate_question_ids")
        .error_at(
            "content/questions/grow.md:10",
            "duplicate question id `first`",
        )
        .error_count(1);
}

#[test]
fn scenario_with_one_role_is_an_error_at_roles() {
    failed_build("one_role")
        .error_at("content/scenarios/solo.md:6", "at least two roles, found 1")
        .error_count(1);
}

#[test]
fn timing_that_does_not_add_up_to_duration_is_an_error() {
    failed_build("timing_mismatch")
        .error_at(
            "content/scenarios/deadline.md:9",
            "timing phases add up to 20 minutes, but `duration` is 30",
        )
        .error_count(1);
}

#[test]
fn invalid_yaml_is_an_error_at_the_offending_line() {
    failed_build("invalid_yaml")
        .error_at("content/guides/broken.md:3", "invalid YAML in front matter")
        .error_count(1);
}

#[test]
fn duplicate_key_is_an_error_at_the_repeated_key() {
    failed_build("duplicate_key")
        .error_at("content/guides/twice.md:5", "duplicate field `title`")
        .error_count(1);
}

#[test]
fn yaml_alias_bomb_is_rejected_quickly() {
    let run = failed_build("alias_bomb");
    // The parser gives no position for an expansion limit, so the error sits at the opening `---`.
    run.error_at("content/guides/laughs.md:1", "invalid YAML in front matter")
        .stderr_has("anchors and aliases")
        .error_count(1);
    assert!(
        run.elapsed < Duration::from_secs(10),
        "took {:?}",
        run.elapsed
    );
}

#[test]
fn invalid_utf8_is_an_error_naming_the_file() {
    let book = Handbook::minimal();
    book.write(
        "content/good.md",
        "---\ntitle: Good\nsummary: Fine.\n---\nFine.\n",
    );
    book.write(
        "content/guides/latin1.md",
        b"---\ntitle: Caf\xe9 culture\nsummary: Saved as Latin-1.\n---\nBody.\n",
    );
    let run = book.build();
    run.code(1)
        .error_at("content/guides/latin1.md:2", "not valid UTF-8")
        .error_count(1);
    assert!(!book.path("public").exists());
}

/// A guide saved by a Windows editor: a byte-order mark and CRLF line endings.
fn windows_file(lines: &[&str]) -> Vec<u8> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    for line in lines {
        bytes.extend_from_slice(line.as_bytes());
        bytes.extend_from_slice(b"\r\n");
    }
    bytes
}

#[test]
fn bom_and_crlf_file_builds_cleanly() {
    let book = Handbook::minimal();
    book.write(
        "content/windows.md",
        windows_file(&[
            "---",
            "title: Saved on Windows",
            "summary: Byte-order mark and CRLF.",
            "---",
            "First paragraph.",
            "",
            "## A heading",
        ]),
    );
    book.build().success();
    let titles = book.texts("windows/", "main h1");
    assert_eq!(titles, ["Saved on Windows"]);
    let main = book.main_of("windows/");
    assert!(main.contains(r#"<h2 id="a-heading">"#), "{main}");
    assert!(!main.contains('\r'), "carriage returns reached the page");
    assert!(!book.read("windows/").contains('\u{feff}'));
}

#[test]
fn bom_and_crlf_file_reports_errors_at_their_true_lines() {
    let lines = [
        "---",
        "title: Saved on Windows",
        "summary: Byte-order mark and CRLF.",
        "competences: [listening]",
        "---",
        "First paragraph.",
        "",
        "See [the missing page](missing.md).",
    ];
    let book = Handbook::minimal();
    book.write("content/windows.md", windows_file(&lines));
    let run = book.build();
    run.code(1)
        .error_at("content/windows.md:4", "unknown field `competences`")
        .error_at("content/windows.md:8", "missing.md")
        .error_count(2);
    // The same text saved with LF and no BOM gives the very same report, columns
    // included: neither the BOM nor a CR shifts a position.
    let unix = Handbook::minimal();
    unix.write("content/windows.md", lines.join("\n") + "\n");
    let expected = unix.build();
    assert_eq!(run.stderr, expected.stderr);
}

/// Builds a handbook whose only page, `content/guides/page.md`, is `lines`;
/// asserts the build failed with one error at `line:col` holding `message`.
fn one_yaml_error(lines: &[&str], (line, col): (usize, usize), message: &str) -> Run {
    let book = Handbook::minimal();
    book.write("content/guides/page.md", lines.join("\n") + "\n");
    let run = book.build();
    run.code(1)
        .error_at(&format!("content/guides/page.md:{line}"), message)
        .stderr_has(&format!("content/guides/page.md:{line}:{col}: error["))
        .error_count(1);
    assert!(!book.path("public").exists());
    run
}

#[test]
fn a_tab_is_shown_and_its_fix_named() {
    one_yaml_error(
        &["---", "title: Tabs", "tags:", "\t- listening", "---"],
        (4, 1),
        "a tab where YAML expects spaces",
    )
    .stderr_has("4 | →- listening\n  | ^\n")
    .stderr_has("= help: replace the tab with spaces");
}

#[test]
fn an_unquoted_colon_in_a_value_shows_the_quoted_fix() {
    one_yaml_error(
        &[
            "---",
            "title: Listening",
            "summary: Listening: the basics",
            "---",
        ],
        (3, 19),
        "the value of `summary` holds `: `",
    )
    .stderr_has("= help: put the value in quotes: `summary: \"Listening: the basics\"`");
}

#[test]
fn bad_indentation_names_both_columns() {
    one_yaml_error(
        &[
            "---",
            "title: Bank",
            "kind: questions",
            "questions:",
            "  - text: What matters?",
            "     purpose: Opens up.",
            "---",
        ],
        (6, 6),
        "`purpose` starts at column 6, but `text` above it at column 5",
    )
    .stderr_has("line up the fields of one item");
}

#[test]
fn an_impossible_date_says_why() {
    one_yaml_error(
        &[
            "---",
            "title: Dated",
            "summary: S.",
            "updated: 2026-13-01",
            "---",
        ],
        (4, 10),
        "month 13 does not exist",
    );
    one_yaml_error(
        &[
            "---",
            "title: Dated",
            "summary: S.",
            "review_by: 2026-02-30",
            "---",
        ],
        (4, 12),
        "February 2026 has no day 30",
    );
}

#[test]
fn minutes_that_are_not_a_number_are_one_error() {
    let run = one_yaml_error(
        &[
            "---",
            "title: Practice",
            "kind: scenario",
            "summary: S.",
            "duration: 7",
            "roles:",
            "  - { id: a, name: A, brief: Talk. }",
            "  - { id: b, name: B, brief: Listen. }",
            "timing:",
            "  - phase: Play",
            "    minutes: seven",
            "---",
        ],
        (11, 14),
        "wrong type for `timing[0].minutes`: found string \"seven\", expected a whole number",
    );
    assert!(!run.stderr.contains("Raw"), "{}", run.stderr);
}

#[test]
fn front_matter_without_its_opening_line_is_an_error_not_text() {
    one_yaml_error(
        &["title: Lost its first line", "summary: S.", "---", "Body."],
        (1, 1),
        "front matter has no opening `---` line",
    )
    .stderr_has("= help: add a line `---` at the very top of the file");
    // Markdown that only looks alike (a paragraph above a rule) still builds.
    let book = Handbook::minimal();
    book.write(
        "content/note.md",
        "Note: this page is old.\n\n---\n\nBody.\n",
    );
    book.build().code(0);
    assert!(book.read("note/").contains("Note: this page is old."));
}

#[test]
fn a_slug_without_a_letter_or_digit_is_an_error_at_its_line() {
    let book = Handbook::minimal();
    book.write(
        "content/a.md",
        "---\ntitle: A\nslug: '.'\nsummary: s\n---\nText.\n",
    );
    book.build()
        .code(1)
        .error_at("content/a.md:3", "`slug` \".\" has no letter or digit")
        .error_count(1);
}
