//! Editions: `--edition participant` leaves facilitator material out of every
//! byte of the output, links to left-out pages keep only their text, and the
//! full build keeps facilitator material with a visible mark.

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
    // The participant pages are all there.
    for page in [
        "",
        "guides/listening/",
        "questions/bank/",
        "scenarios/feedback/",
        "scenarios/feedback/roles/coach/",
    ] {
        assert!(handbook.exists(page), "{page} is missing");
    }
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
        "content/guides/listening.md:12:9: warning: `trainer-notes.md` is",
        "content/guides/listening.md:13:1: warning: question `secret-question` is for another audience",
        "content/scenarios/feedback.md:21:10: warning: question `secret-question` is for another audience",
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
