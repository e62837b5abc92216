//! Session plans (`kind: session`): their fields checked at their lines, the
//! references of the agenda resolved, and the pages made from one plan (the
//! run-sheet, the facilitator's pack, the participants' handout).

use serde_json::{Value, json};

use crate::support::Handbook;

const OK: &str = "sessions/ok";
const BROKEN: &str = "sessions/broken";

#[test]
fn a_valid_session_builds_without_a_problem() {
    let handbook = Handbook::fixture(OK);
    let run = handbook.build();
    run.success();
    assert!(
        run.stdout.contains("0 errors, 0 warnings"),
        "{}",
        run.stdout
    );
    assert!(handbook.exists("sessions/workshop/"));
}

#[test]
fn every_mistake_in_a_session_is_reported_at_its_line_with_its_code() {
    let handbook = Handbook::fixture(BROKEN);
    let run = handbook.build();
    run.code(1)
        .code_at("content/sessions/typo.md:6", "unknown-field")
        .stderr_has("did you mean `objectives`?")
        .code_at("content/sessions/typo.md:8", "unknown-field")
        .stderr_has("did you mean `activity`?")
        .code_at("content/sessions/empty-row.md:8", "empty-agenda-row")
        .code_at("content/sessions/sum.md:6", "agenda-sum")
        .error_at(
            "content/sessions/sum.md:6",
            "agenda rows add up to 75 minutes, but `duration` is 90",
        )
        .code_at("content/sessions/start.md:6", "invalid-value")
        .code_at("content/sessions/groups.md:7", "wrong-type")
        .error_at("content/sessions/groups.md:7", "expected a whole number")
        .code_at("content/sessions/refs.md:6", "broken-link")
        .stderr_has("did you mean `../guides/listening.md`?")
        .code_at("content/sessions/refs.md:9", "broken-ref")
        .stderr_has("did you mean `#will`?")
        .code_at("content/sessions/refs.md:10", "broken-ref")
        .error_at("content/sessions/refs.md:10", "is a guide")
        .code_at("content/sessions/refs.md:11", "broken-link")
        .code_at("content/sessions/short.md:7", "short-scenario-row")
        // One mistake, one error: the row with a typo is not also "empty".
        .error_count(10);
    assert!(!handbook.path("public").exists());
}

#[test]
fn a_short_scenario_row_is_only_a_warning() {
    let handbook = Handbook::fixture(OK);
    handbook.write(
        "content/sessions/short.md",
        "---\ntitle: Short\nkind: session\nsummary: s\nduration: 20\nagenda:\n  - { minutes: 20, scenario: ../scenarios/deadline.md }\n---\n",
    );
    let run = handbook.build();
    run.success()
        .code_at("content/sessions/short.md:7", "short-scenario-row")
        .stderr_has("gives the scenario 20 minutes, but it takes 30");
    let strict = handbook.build_with(&["--strict"]);
    strict.code(1);
}

#[test]
fn session_fields_belong_to_sessions_only() {
    let handbook = Handbook::fixture(OK);
    handbook.write(
        "content/guides/agenda.md",
        "---\ntitle: Agenda\nsummary: s\nagenda:\n  - { minutes: 5, activity: A }\n---\n",
    );
    handbook
        .build()
        .code(1)
        .code_at("content/guides/agenda.md:4", "field-of-other-kind");
}

#[test]
fn new_session_writes_a_plan_that_builds_cleanly() {
    let book = Handbook::minimal();
    let root = book.root().to_str().unwrap().to_string();
    book.run(&[
        "new",
        "session",
        "sessions/intro.md",
        "--title",
        "Intro morning",
        "--root",
        &root,
    ])
    .success();
    let build = book.build();
    build.success();
    assert!(
        build.stdout.contains("0 errors, 0 warnings"),
        "{}",
        build.stdout
    );
    assert_eq!(book.texts("sessions/intro/", "main h1"), ["Intro morning"]);
}

#[test]
fn the_schema_knows_every_session_field_and_refuses_a_typo_in_a_row() {
    let handbook = Handbook::empty();
    let root = env!("CARGO_MANIFEST_DIR");
    let run = handbook.run(&["schema", "--root", root]);
    run.success();
    let schema: Value = serde_json::from_str(&run.stdout).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let good = json!({
        "title": "W", "kind": "session", "duration": 20, "start": "09:00",
        "objectives": ["o"], "pre_work": ["a.md"], "materials": ["m"],
        "agenda": [
            { "minutes": 10, "guide": "g.md", "activity": "a", "notes": "n" },
            { "minutes": 5, "scenario": "s.md", "groups": 2, "questions": "q.md#goal" },
            { "minutes": 5, "break": true }
        ]
    });
    assert!(validator.is_valid(&good));
    let typo =
        json!({ "title": "W", "kind": "session", "agenda": [{ "minutes": 5, "activty": "a" }] });
    assert!(!validator.is_valid(&typo));
    let half =
        json!({ "title": "W", "kind": "session", "agenda": [{ "minutes": 5, "groups": 2.5 }] });
    assert!(!validator.is_valid(&half));
}
