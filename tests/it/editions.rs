//! Editions: `--edition participant` leaves facilitator material out of every
//! byte of the output (briefs, role cards, facilitator blocks wherever they
//! sit, the files of facilitator bundles and sections, review data), links
//! to left-out pages keep only their text, and the full build keeps
//! facilitator material with a visible mark but off the role cards.

use crate::support::Handbook;

const FIXTURE: &str = "editions/markers";

/// Every marker the fixture puts in facilitator material.
const MARKERS: &[&str] = &[
    "MARKER-BLOCK-IN-GUIDE",
    "MARKER-PAGE-TITLE",
    "MARKER-PAGE-SUMMARY",
    "MARKER-PAGE-TAG",
    "MARKER-PAGE-BODY",
    "MARKER-SECTION-TITLE",
    "MARKER-SECTION-BODY",
    "MARKER-SECTION-PAGE",
    "MARKER-QUESTION-TEXT",
    "MARKER-QUESTION-PURPOSE",
    "MARKER-QUESTION-FOLLOW-UP",
    "MARKER-QUESTION-TAG",
    "MARKER-NOTES",
    "MARKER-BLOCK-IN-SCENARIO",
    "MARKER-BRIEF-COACH",
    "MARKER-BRIEF-COACHEE",
    "MARKER-BLOCK-IN-BRIEF",
    "MARKER-AFTER-FAKE-FENCE",
    "MARKER-BEFORE-STRAY-ASIDE",
    "MARKER-AFTER-STRAY-ASIDE",
    "MARKER-BUNDLE-PAGE",
    "MARKER-BUNDLE-ASSET",
    "MARKER-BUNDLE-SVG",
    "MARKER-SECTION-ASSET",
    "MARKER-OWNER",
    "MARKER-REF-DEFINITION",
    "MARKER-CALLOUT-IN-SCENARIO",
    "MARKER-SESSION-NOTES",
];

/// Facilitator material of the scenario that its role cards must not show,
/// even in the full build.
const OFF_THE_CARDS: &[&str] = &[
    "MARKER-NOTES",
    "MARKER-BLOCK-IN-SCENARIO",
    "MARKER-BLOCK-IN-BRIEF",
    "MARKER-AFTER-FAKE-FENCE",
    "MARKER-BEFORE-STRAY-ASIDE",
    "MARKER-AFTER-STRAY-ASIDE",
    "MARKER-REF-DEFINITION",
    "MARKER-CALLOUT-IN-SCENARIO",
];

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[test]
fn participant_edition_leaves_every_marker_out_of_every_file() {
    let handbook = Handbook::fixture(FIXTURE);
    handbook.build_with(&["--edition", "participant"]).success();
    let files = handbook.snapshot("public");
    assert!(
        files.len() > 10,
        "the edition was built: {:?}",
        files.keys()
    );
    for (path, bytes) in &files {
        let name = path.to_string_lossy().to_lowercase();
        assert!(
            !name.contains("marker"),
            "a left-out file was copied: {name}"
        );
        // No role card, no page printing the cards, no session pack.
        assert!(
            !name.contains("roles/") && !name.contains("cards/") && !name.contains("pack/"),
            "{name} is a role card or a pack"
        );
        for marker in MARKERS {
            assert!(
                !contains(bytes, marker),
                "{marker} leaked into {}",
                path.display()
            );
        }
        assert!(
            !contains(bytes, "MARKER"),
            "some marker leaked into {}",
            path.display()
        );
    }
    assert!(!handbook.exists("guides/trainer-notes/"));
    assert!(!handbook.exists("trainers/"));
    assert!(!handbook.exists("trainers/inside/"));
    assert!(!handbook.exists("guides/trainer-kit/handout.txt"));
    assert!(!handbook.exists("guides/trainer-kit/diagram.svg"));
    // The participant pages are all there.
    for page in [
        "",
        "guides/listening/",
        "guides/reviewed/",
        "questions/bank/",
        "scenarios/feedback/",
        "sessions/workshop/",
    ] {
        assert!(handbook.exists(page), "{page} is missing");
    }
    // The session page is the handout: it shows no brief and no facilitator mark.
    let session = handbook.read("sessions/workshop/");
    assert!(session.contains("notes-space"), "{session}");
    assert!(!session.contains("data-audience"), "{session}");
}

#[test]
fn the_participant_scenario_page_names_the_roles_and_who_hands_out_the_cards() {
    let handbook = Handbook::fixture(FIXTURE);
    handbook.build_with(&["--edition", "participant"]).success();
    let roles = handbook.texts("scenarios/feedback/", "main .role-list li");
    assert_eq!(roles, ["The coach", "The coachee"]);
    assert!(
        handbook
            .select("scenarios/feedback/", "main .roles a")
            .is_empty()
    );
    assert!(
        handbook
            .select("scenarios/feedback/", "main .role-brief")
            .is_empty()
    );
    let note = handbook.texts("scenarios/feedback/", "main .role-cards-note");
    assert!(
        note[0].contains("facilitator hands out the role cards"),
        "{note:?}"
    );
    // Text the scenario shows everyone is still there, around the cut blocks.
    let situation = handbook.texts("scenarios/feedback/", "main .situation");
    assert!(situation[0].contains("```js`"), "{situation:?}");
    assert!(situation[0].contains("Everyone reads this closing line."));
}

#[test]
fn only_the_full_build_prints_a_scenarios_cards() {
    let full = Handbook::fixture(FIXTURE).built();
    let cards = full.read("scenarios/feedback/cards/");
    assert!(cards.contains("MARKER-BRIEF-COACH"), "{cards}");
    assert!(cards.contains("MARKER-BRIEF-COACHEE"), "{cards}");
    for marker in OFF_THE_CARDS {
        assert!(!cards.contains(marker), "{marker} is on the cards page");
    }
    assert_eq!(
        full.attrs("scenarios/feedback/", "main a.cards-link", "href"),
        ["cards/"]
    );
    let participant = Handbook::fixture(FIXTURE);
    participant
        .build_with(&["--edition", "participant"])
        .success();
    assert!(!participant.exists("scenarios/feedback/cards/"));
    assert!(
        participant
            .select("scenarios/feedback/", "main a.cards-link")
            .is_empty()
    );
    for (path, bytes) in participant.snapshot("public") {
        assert!(!contains(&bytes, "MARKER-BRIEF"), "a brief in {path:?}");
    }
}

#[test]
fn review_data_is_for_authors_not_for_the_participant_edition() {
    let full = Handbook::fixture(FIXTURE).built();
    let badge = full.texts("guides/reviewed/", "main .badge-stale");
    assert_eq!(badge, ["Review due since 2001-01-01"]);
    let participant = Handbook::fixture(FIXTURE);
    participant
        .build_with(&["--edition", "participant"])
        .success();
    let page = participant.read("guides/reviewed/");
    assert!(!page.contains("badge-stale"), "{page}");
    assert!(!page.contains("2001-01-01"), "{page}");
    assert!(!page.contains("Owner"), "{page}");
}

#[test]
fn role_cards_of_the_full_build_hold_their_brief_and_no_facilitator_material() {
    let handbook = Handbook::fixture(FIXTURE).built();
    let coach = handbook.read("scenarios/feedback/roles/coach/");
    let coachee = handbook.read("scenarios/feedback/roles/coachee/");
    assert!(coach.contains("MARKER-BRIEF-COACH"), "{coach}");
    assert!(!coach.contains("MARKER-BRIEF-COACHEE"), "{coach}");
    assert!(coachee.contains("MARKER-BRIEF-COACHEE"), "{coachee}");
    for card in [&coach, &coachee] {
        for marker in OFF_THE_CARDS {
            assert!(
                !card.contains(marker),
                "{marker} is on a role card:\n{card}"
            );
        }
        assert!(card.contains("Everyone reads this closing line."), "{card}");
        // A link defined in a facilitator block keeps its text on the card.
        assert!(card.contains("Read the preparation notes before"), "{card}");
        assert!(!card.contains("data-audience=\"facilitator\""), "{card}");
    }
    // The facilitator's scenario page has every brief, its facilitator
    // block marked, and links each role to its card.
    let briefs = handbook.texts("scenarios/feedback/", "main .role-brief");
    assert!(briefs[0].contains("MARKER-BRIEF-COACH"), "{briefs:?}");
    assert!(briefs[1].contains("MARKER-BRIEF-COACHEE"), "{briefs:?}");
    let marked = handbook.texts(
        "scenarios/feedback/",
        "main .role-brief aside[data-audience=facilitator]",
    );
    assert!(marked[0].contains("MARKER-BLOCK-IN-BRIEF"), "{marked:?}");
    let cards = handbook.attrs("scenarios/feedback/", "main .role-list a", "href");
    assert_eq!(cards, ["roles/coach/", "roles/coachee/"]);
    // The facilitator bundle and section keep their files.
    assert!(handbook.exists("guides/trainer-kit/handout.txt"));
    assert!(handbook.exists("trainers/marker-slides.txt"));
}

#[test]
fn links_to_left_out_material_keep_their_text_without_the_link() {
    let handbook = Handbook::fixture(FIXTURE);
    handbook.build_with(&["--edition", "participant"]).success();
    let main = handbook.main_of("guides/listening/");
    assert!(
        main.contains("<span class=\"unlinked\">trainer’s notes</span>"),
        "{main}"
    );
    assert!(
        main.contains("<span class=\"unlinked\">facilitator question</span>"),
        "{main}"
    );
    assert!(!main.contains("trainer-notes"), "{main}");
    assert!(!main.contains("secret-question"), "{main}");
    assert!(
        main.contains("<span class=\"unlinked\">trainer’s handout</span>"),
        "{main}"
    );
    assert!(!main.contains("handout.txt"), "{main}");
    // The question for everyone stays linked.
    assert!(
        main.contains("href=\"../../questions/bank/#open-question\""),
        "{main}"
    );
    // The debrief keeps its other items and drops the left-out question.
    let debrief = handbook.texts("scenarios/feedback/", ".debrief li");
    assert_eq!(debrief.len(), 2, "{debrief:?}");
}

#[test]
fn check_warns_at_each_link_to_left_out_material() {
    let handbook = Handbook::fixture(FIXTURE);
    let root = handbook.root().to_str().unwrap().to_string();
    let run = handbook.run(&["check", "--root", &root, "--edition", "participant"]);
    run.success();
    for place in [
        "content/guides/listening.md:12:9: warning[left-out-link]: `trainer-notes.md` is",
        "content/guides/listening.md:13:1: warning[left-out-link]: question `secret-question` is for another audience",
        "content/scenarios/feedback.md:25:10: warning[left-out-link]: question `secret-question` is for another audience",
        "content/guides/listening.md:17:5: warning[left-out-link]: `trainer-kit/handout.txt` is for the facilitator audience only",
    ] {
        assert!(
            run.stderr.contains(place),
            "missing `{place}` in:\n{}",
            run.stderr
        );
    }
    let strict = handbook.run(&[
        "check",
        "--root",
        &root,
        "--edition",
        "participant",
        "--strict",
    ]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

#[test]
fn the_full_build_keeps_facilitator_material_and_marks_it() {
    let handbook = Handbook::fixture(FIXTURE).built();
    let everything: Vec<u8> = handbook
        .snapshot("public")
        .into_values()
        .flatten()
        .collect();
    for marker in MARKERS {
        assert!(
            contains(&everything, marker),
            "{marker} is missing from the full build"
        );
    }
    let guide_blocks = handbook.texts("guides/listening/", "aside[data-audience=facilitator]");
    assert_eq!(guide_blocks.len(), 1);
    assert!(guide_blocks[0].contains("MARKER-BLOCK-IN-GUIDE"));
    let notes = handbook.texts("scenarios/feedback/", ".facilitator-notes");
    assert!(notes[0].contains("MARKER-NOTES"), "{notes:?}");
    let badges = handbook.texts("guides/trainer-notes/", ".badge-facilitator");
    assert_eq!(badges, ["Facilitator material"]);
    let question = handbook.select("questions/bank/", "#secret-question");
    assert!(question[0].contains("facilitator-only"), "{}", question[0]);
}

#[test]
fn an_unknown_edition_is_a_usage_error_naming_the_known_ones() {
    let handbook = Handbook::fixture(FIXTURE);
    let run = handbook.build_with(&["--edition", "participants"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown edition `participants`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("editions in site.toml: participant"),
        "{}",
        run.stderr
    );
    assert!(!handbook.path("public").exists());
}

#[test]
fn a_facilitator_line_that_markdown_reads_as_text_is_an_error_not_a_leak() {
    let handbook = Handbook::empty();
    handbook.write(
        "site.toml",
        "title = \"Lists\"\n[editions.participant]\naudience = \"participant\"\n",
    );
    handbook.write(
        "content/guides/lists.md",
        "---\ntitle: Lists\nsummary: s\n---\n- A code block left open in a list item:\n  ```\n:::facilitator\nSECRET-AFTER-OPEN-FENCE\n:::\n\n1. A block indented into a list item:\n\n    :::facilitator\n    SECRET-IN-ITEM\n    :::\n",
    );
    let run = handbook.build_with(&["--edition", "participant"]);
    run.code(1)
        .error_at(
            "content/guides/lists.md:7",
            "`:::facilitator` line is read as text",
        )
        .error_at(
            "content/guides/lists.md:13",
            "`:::facilitator` line is read as text",
        )
        .error_count(2);
    assert!(!handbook.path("public").exists());
    // The full build refuses it too, so both editions agree on what is valid.
    handbook.build().code(1).error_count(2);
}

#[test]
fn the_handout_of_the_full_build_holds_no_facilitator_material() {
    let handbook = Handbook::fixture(FIXTURE).built();
    // The sidebar of the full build names facilitator pages; the handout itself does not.
    let handout = handbook.main_of("sessions/workshop/handout/");
    for marker in MARKERS {
        assert!(!handout.contains(marker), "{marker} is in the handout");
    }
    assert!(!handout.contains("data-audience"), "{handout}");
    assert!(!handout.contains("roles/"), "{handout}");
    // The pack is the facilitator's: it has the notes and the briefs.
    let pack = handbook.read("sessions/workshop/pack/");
    for marker in ["MARKER-SESSION-NOTES", "MARKER-BRIEF-COACH", "MARKER-NOTES"] {
        assert!(pack.contains(marker), "{marker} is missing from the pack");
    }
}
