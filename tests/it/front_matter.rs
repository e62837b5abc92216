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
fn missing_title_is_an_error_at_the_front_matter() {
    failed_build("missing_title")
        .error_at(
            "content/guides/untitled.md:1",
            "missing required field `title`",
        )
        .error_count(1);
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
