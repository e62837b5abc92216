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
    let book = crate::commands::new_page("session", "sessions/intro.md", "Intro morning");
    assert_eq!(book.texts("sessions/intro/", "main h1"), ["Intro morning"]);
    assert_eq!(book.select("sessions/intro/", "main .agenda-row").len(), 4);
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

#[test]
fn the_run_sheet_shows_clock_times_material_notes_and_the_cards_to_print() {
    let handbook = Handbook::fixture(OK).built();
    let page = "sessions/workshop/";
    let clocks = handbook.texts(page, "main .agenda-clock");
    assert_eq!(
        clocks,
        [
            "09:30", "09:40", "10:00", "10:15", "10:20", "10:30", "11:10"
        ]
    );
    let minutes = handbook.texts(page, "main .agenda-minutes");
    assert_eq!(minutes, ["10", "20", "15", "5", "10", "40", "20"]);
    assert_eq!(handbook.texts(page, "main tfoot th"), ["09:30–11:30"]);
    assert_eq!(handbook.select(page, "main .agenda-break").len(), 1);
    // Each row links its material; a stage shows its questions, a question itself.
    let material = handbook.attrs(page, "main .agenda-material > a", "href");
    assert_eq!(
        material,
        [
            "../../guides/listening/",
            "../../questions/grow/",
            "../../questions/grow/",
            "../../scenarios/deadline/"
        ]
    );
    let asked = handbook.attrs(page, "main .agenda-questions a", "href");
    assert_eq!(
        asked,
        [
            "../../questions/grow/#goal-outcome",
            "../../questions/grow/#goal-measure",
            "../../questions/grow/#will-first-step"
        ]
    );
    // Notes are marked as facilitator material.
    let notes = handbook.texts(page, "main .agenda-notes[data-audience=facilitator]");
    assert_eq!(notes.len(), 1);
    assert!(notes[0].contains("MARKER-SESSION-NOTES"), "{notes:?}");
    // Role cards are counted: 3 roles × 2 groups.
    let counts = handbook.texts(page, "main .card-count");
    assert!(
        counts[0].contains("3 roles × 2 groups = 6 cards"),
        "{counts:?}"
    );
    assert!(counts[0].contains("2 observer checklists"), "{counts:?}");
    assert_eq!(
        handbook.texts(page, "main .session-pre-work li"),
        ["Listening"]
    );
    assert_eq!(
        handbook.attrs(page, "main .session-links a", "href"),
        ["pack/", "handout/"]
    );
    // A session without `start` has no clock.
    assert!(
        handbook
            .select("sessions/clinic/", "main .agenda-clock")
            .is_empty()
    );
}

#[test]
fn pages_list_the_sessions_that_use_them() {
    let handbook = Handbook::fixture(OK).built();
    for (page, count) in [
        ("guides/listening/", "Used in 1 session"),
        ("questions/grow/", "Used in 2 sessions"),
        ("scenarios/deadline/", "Used in 1 session"),
    ] {
        let heading = handbook.texts(page, "main .used-in-sessions h2");
        assert_eq!(heading, [count], "{page}");
    }
    let links = handbook.attrs("questions/grow/", "main .used-in-sessions a", "href");
    assert_eq!(
        links,
        ["../../sessions/clinic/", "../../sessions/workshop/"]
    );
}

#[test]
fn the_pack_prints_the_run_sheet_the_material_in_agenda_order_then_every_card_per_group() {
    let handbook = Handbook::fixture(OK).built();
    let pack = "sessions/workshop/pack/";
    assert_eq!(handbook.select(pack, "main .agenda-table").len(), 1);
    let printed = handbook.texts(pack, "main .print-entry > h1");
    assert_eq!(
        printed,
        ["Listening", "GROW questions", "The missed deadline"]
    );
    // The bank prints only the parts the agenda asks, in one entry.
    let questions = handbook.attrs(pack, "main .print-entry .question", "id");
    assert_eq!(questions.len(), 3, "{questions:?}");
    assert!(!questions.iter().any(|id| id.ends_with("will-secret")));
    // Links to printed pages stay on the page.
    let material = handbook.attrs(pack, "main .agenda-material > a", "href");
    assert!(
        material.iter().all(|href| href.starts_with("#p")),
        "{material:?}"
    );
    // 3 roles and 1 checklist, for each of 2 groups.
    let sheets = handbook.texts(pack, "main .card-sheet .page-header h2");
    assert_eq!(
        sheets,
        [
            "Team lead",
            "Sam",
            "Observer",
            "Observer checklist",
            "Team lead",
            "Sam",
            "Observer",
            "Observer checklist"
        ]
    );
    let groups = handbook.texts(pack, "main .card-group");
    assert_eq!(groups[0], "Group 1 of 2");
    assert_eq!(groups[7], "Group 2 of 2");
    let cards = handbook.select(pack, "main .card-sheet.role-card");
    assert!(cards[0].contains("MARKER-BRIEF-MANAGER"));
    assert!(!cards[0].contains("MARKER-BRIEF-EMPLOYEE"));
    assert!(!cards[0].contains("MARKER-SCENARIO-NOTES"));
    let button = handbook.select(pack, "main button.print-button[data-print]");
    assert_eq!(button.len(), 1);
    // Every id on the page is unique, though cards repeat per group.
    let html = handbook.read(pack);
    let ids = handbook.attrs(pack, "[id]", "id");
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "{html}");
}

#[test]
fn the_handout_holds_the_participant_parts_and_no_facilitator_material() {
    let handbook = Handbook::fixture(OK).built();
    let handout = "sessions/workshop/handout/";
    assert_eq!(
        handbook.texts(handout, "main .session-objectives li"),
        ["Listen to understand.", "Ask one open question at a time."]
    );
    assert_eq!(handbook.select(handout, "main .agenda-row").len(), 7);
    assert_eq!(handbook.select(handout, "main .notes-space").len(), 1);
    let parts = handbook.texts(handout, "main .handout-part h3 a");
    assert_eq!(
        parts,
        ["Listening", "GROW questions", "The missed deadline"]
    );
    let html = handbook.read(handout);
    for secret in [
        "MARKER",
        "data-audience=\"facilitator\"",
        "role-brief",
        "roles/",
    ] {
        assert!(
            !html.contains(secret),
            "{secret} is in the handout:\n{html}"
        );
    }
}

#[test]
fn in_the_participant_edition_the_session_page_is_the_handout_and_there_is_no_pack() {
    let handbook = Handbook::fixture(OK);
    handbook.build_with(&["--edition", "participant"]).success();
    assert!(!handbook.exists("sessions/workshop/pack/"));
    assert!(!handbook.exists("sessions/workshop/handout/"));
    let page = "sessions/workshop/";
    assert_eq!(handbook.select(page, "main .notes-space").len(), 1);
    assert!(handbook.select(page, "main .session-links").is_empty());
    assert_eq!(handbook.texts(page, "main .agenda-clock").len(), 7);
}

#[test]
fn the_sessions_listing_filters_by_duration_level_and_competency() {
    let handbook = Handbook::fixture(OK).built();
    let form = handbook.select(
        "sessions/",
        "main form.filters[data-filter-items='.card-session']",
    );
    assert_eq!(form.len(), 1, "{form:?}");
    let durations = handbook.attrs("sessions/", "main .card-session", "data-duration");
    assert_eq!(durations, ["45", "120"]);
    let levels = handbook.attrs("sessions/", "main .card-session", "data-level");
    assert_eq!(levels, ["senior-leader", "new-manager"]);
    let competencies = handbook.attrs("sessions/", "main .card-session", "data-competencies");
    assert_eq!(competencies, ["listening", "listening|questioning"]);
    let options = handbook.attrs("sessions/", "main #filter-duration option", "value");
    assert_eq!(options, ["", "45", "120"]);
    // A choice that leaves no session says so in the listing's own words.
    let empty = handbook.texts("sessions/", "main .filter-empty p");
    assert_eq!(empty, ["No sessions match these filters."]);
}

#[test]
fn sessions_are_exported_with_their_agenda_and_resolved_urls() {
    let handbook = Handbook::fixture(OK).built();
    let json: Value = serde_json::from_str(&handbook.read("exports/sessions.json")).unwrap();
    let workshop = json
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "Partnering workshop")
        .expect("the workshop is exported");
    assert_eq!(workshop["url"], "/sessions/workshop/");
    assert_eq!(workshop["pack_url"], "/sessions/workshop/pack/");
    assert_eq!(workshop["start"], "09:30");
    assert_eq!(workshop["pre_work"], json!(["/guides/listening/"]));
    let agenda = workshop["agenda"].as_array().unwrap();
    assert_eq!(agenda.len(), 7);
    assert_eq!(agenda[1]["guide"], "/guides/listening/");
    assert_eq!(agenda[1]["clock"], "09:40");
    assert_eq!(agenda[2]["questions"], "/questions/grow/#stage-goal");
    assert_eq!(agenda[3]["questions"], "/questions/grow/#will-first-step");
    assert_eq!(agenda[4]["break"], true);
    assert_eq!(agenda[5]["scenario"], "/scenarios/deadline/");
    assert_eq!(agenda[5]["groups"], 2);
    assert!(
        agenda[6]["notes"]
            .as_str()
            .unwrap()
            .contains("MARKER-SESSION-NOTES")
    );
    let participant = Handbook::fixture(OK);
    participant
        .build_with(&["--edition", "participant"])
        .success();
    let exported = participant.read("exports/sessions.json");
    assert!(!exported.contains("MARKER"), "{exported}");
    assert!(!exported.contains("pack_url"), "{exported}");
}

#[test]
fn the_print_page_shows_the_run_sheet_or_in_the_participant_edition_the_handout() {
    let full = Handbook::fixture(OK).built();
    assert_eq!(
        full.select("print/", "main .print-kind-session .agenda-table")
            .len(),
        2
    );
    assert_eq!(
        full.select("print/", "main .print-kind-session .agenda-notes")
            .len(),
        1
    );
    let participant = Handbook::fixture(OK);
    participant
        .build_with(&["--edition", "participant"])
        .success();
    assert_eq!(
        participant
            .select("print/", "main .print-kind-session .notes-space")
            .len(),
        2
    );
    assert!(!participant.read("print/").contains("MARKER"));
}

#[test]
fn groups_count_the_role_play_groups_of_a_scenario_row() {
    let handbook = Handbook::fixture(OK);
    handbook.write(
        "content/sessions/groups.md",
        "---\ntitle: Groups\nkind: session\nsummary: s\nduration: 60\nagenda:\n  - { minutes: 30, activity: Talk, groups: 2 }\n  - { minutes: 30, scenario: ../scenarios/deadline.md, groups: 0 }\n---\n",
    );
    handbook
        .build()
        .code(1)
        .code_at("content/sessions/groups.md:7", "invalid-value")
        .stderr_has("this row has no `scenario`")
        .code_at("content/sessions/groups.md:8", "invalid-value")
        .stderr_has("`groups` is 0")
        .error_count(2);
}

const PROGRAMME: &str = "---\ntitle: Two-day programme\nkind: session\nsummary: s\nduration: 60\nstart: \"09:30\"\nagenda:\n  - { minutes: 20, activity: Welcome }\n  - { minutes: 10, activity: Close day one }\n  - { day: 2, start: \"13:00\" }\n  - { minutes: 30, activity: Practice }\n---\n";

#[test]
fn a_day_row_starts_the_clock_again_on_the_run_sheet_the_pack_and_the_export() {
    let handbook = Handbook::fixture(OK);
    handbook.write("content/sessions/programme.md", PROGRAMME);
    handbook.build().success();
    for page in ["sessions/programme/", "sessions/programme/pack/"] {
        assert_eq!(
            handbook.texts(page, "main .agenda-row .agenda-clock"),
            ["09:30", "09:50", "13:00"],
            "{page}"
        );
        assert_eq!(
            handbook.texts(page, "main .agenda-day th[scope=rowgroup]"),
            ["Day 1, from 09:30", "Day 2, from 13:00"],
            "{page}"
        );
        // Each day is a group of rows under its heading.
        assert_eq!(handbook.select(page, "main .agenda-table tbody").len(), 2);
    }
    assert_eq!(
        handbook.texts("sessions/programme/", "main tfoot th"),
        ["2 days"]
    );
    assert_eq!(
        handbook.texts("sessions/programme/handout/", "main .agenda-day th"),
        ["Day 1, from 09:30", "Day 2, from 13:00"]
    );
    let json: Value = serde_json::from_str(&handbook.read("exports/sessions.json")).unwrap();
    let programme = json
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "Two-day programme")
        .unwrap();
    let agenda = &programme["agenda"];
    assert_eq!(agenda[2]["day"], 2);
    assert_eq!(agenda[2]["clock"], "13:00");
    assert_eq!(agenda[3]["clock"], "13:00");
    assert!(agenda[1].get("day").is_none());
}

#[test]
fn a_bad_day_row_is_an_error_at_its_line() {
    let handbook = Handbook::fixture(OK);
    handbook.write(
        "content/sessions/days.md",
        "---\ntitle: Days\nkind: session\nsummary: s\nduration: 30\nstart: \"09:00\"\nagenda:\n  - { minutes: 10, activity: One }\n  - { day: 1, start: \"09:00\" }\n  - { day: 3, start: \"25:00\" }\n  - { day: 4, start: \"09:00\", minutes: 5 }\n  - { start: \"09:00\" }\n  - { day: 5 }\n  - { day: 2.5, start: \"09:00\" }\n  - { minutes: 20, activity: Two }\n---\n",
    );
    handbook
        .build()
        .code(1)
        .code_at("content/sessions/days.md:9", "invalid-value")
        .error_at("content/sessions/days.md:9", "`day: 1` follows day 1")
        .code_at("content/sessions/days.md:10", "invalid-value")
        .error_at("content/sessions/days.md:10", "is not a clock time")
        .code_at("content/sessions/days.md:11", "invalid-value")
        .error_at(
            "content/sessions/days.md:11",
            "`minutes` in a row that starts a new day",
        )
        .code_at("content/sessions/days.md:12", "missing-field")
        .code_at("content/sessions/days.md:13", "missing-field")
        .error_at(
            "content/sessions/days.md:13",
            "a new day needs the clock time it starts",
        )
        .code_at("content/sessions/days.md:14", "wrong-type")
        .error_count(6);

    // Days need the first day's start; the minutes still add up to `duration`.
    let handbook = Handbook::fixture(OK);
    handbook.write(
        "content/sessions/days.md",
        "---\ntitle: Days\nkind: session\nsummary: s\nduration: 40\nagenda:\n  - { minutes: 10, activity: One }\n  - { day: 2, start: \"09:00\" }\n  - { minutes: 20, activity: Two }\n---\n",
    );
    handbook
        .build()
        .code(1)
        .code_at("content/sessions/days.md:6", "missing-field")
        .code_at("content/sessions/days.md:6", "agenda-sum")
        .error_at(
            "content/sessions/days.md:6",
            "agenda rows add up to 30 minutes, but `duration` is 40",
        )
        .error_count(2);
}
