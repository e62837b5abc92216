//! Presenting a guide (`<guide>/present/` and its presenter window) and the
//! pages gathered across the handbook (`takeaways/`, `exercises/`,
//! `facilitator/`): screens in order, facilitator material only in the
//! presenter window and never in a participant edition, every takeaway and
//! exercise listed and linked.

use crate::support::{Handbook, collapse};

const FIXTURE: &str = "present/workshop";
const ROOM: &str = "guides/listening/present/";
const PRESENTER: &str = "guides/listening/present/presenter/";

/// Every facilitator marker of the fixture.
const FACILITATOR: &[&str] = &[
    "FACILITATOR-INTRO",
    "FACILITATOR-CALLOUT",
    "FACILITATOR-IN-EXERCISE",
    "FACILITATOR-ADMONITION",
    "FACILITATOR-NOTES-SCENARIO",
];

fn built(extra: &[&str]) -> Handbook {
    let handbook = Handbook::fixture(FIXTURE);
    handbook.build_with(extra).success();
    handbook
}

#[test]
fn a_guide_is_presented_one_screen_per_section_in_order() {
    let handbook = built(&[]);
    let screens = handbook.attrs(ROOM, "section.screen", "aria-label");
    assert_eq!(
        screens,
        [
            "Listening",
            "First section",
            "Second section",
            "Third section",
            "Key takeaways"
        ]
    );
    let classes = handbook.attrs(ROOM, "section.screen", "class");
    assert!(classes[0].contains("screen-title") && classes[4].contains("screen-closing"));
    let texts = handbook.texts(ROOM, "section.screen");
    for (screen, marker) in ["INTRO-TEXT", "FIRST-TEXT", "SECOND-TEXT", "THIRD-TEXT"]
        .iter()
        .enumerate()
    {
        assert!(
            texts[screen].contains(marker),
            "{marker} on screen {screen}"
        );
        for (other, text) in texts.iter().enumerate().filter(|(i, _)| *i != screen) {
            assert!(!text.contains(marker), "{marker} also on screen {other}");
        }
    }
    // A `##` inside a box is part of its section, not a screen of its own.
    assert!(texts[2].contains("A heading in a box") && texts[2].contains("TIP-TEXT"));
    assert!(texts[2].contains("EXERCISE-CHALLENGE"));
    assert!(texts[4].contains("TAKEAWAY-LISTEN-ONE") && texts[4].contains("TAKEAWAY-LISTEN-TWO"));
    // Guides have no minutes of their own: their screens are not timed.
    assert!(
        handbook
            .attrs(ROOM, "section.screen", "data-minutes")
            .is_empty()
    );
    // The engine and the way back.
    assert_eq!(
        handbook.attrs(ROOM, "script[src$='coachbook-present.js']", "src"),
        ["../../../coachbook-present.js"]
    );
    assert_eq!(
        handbook.attrs(ROOM, ".present-controls a[href='../']", "href"),
        ["../"]
    );
    // The guide itself links to its presentation.
    assert_eq!(
        handbook.attrs("guides/listening/", "a.present-start", "href"),
        ["present/"]
    );
    // A scenario is not a guide: it is not presented.
    assert!(!handbook.exists("scenarios/deadline/present/"));
}

#[test]
fn a_guide_without_sections_has_a_title_and_a_closing_screen() {
    let handbook = Handbook::minimal();
    handbook.write(
        "content/flat.md",
        "---\ntitle: Flat\n---\nOnly text.\n\n- a list\n\n  ## not a section\n",
    );
    handbook.build().success();
    let screens = handbook.attrs("flat/present/", "section.screen", "aria-label");
    assert_eq!(screens, ["Flat", "The end"]);
    assert!(handbook.texts("flat/present/", "section.screen")[0].contains("not a section"));
}

#[test]
fn facilitator_material_is_only_in_the_presenter_window() {
    let handbook = built(&[]);
    let room = handbook.read(ROOM);
    for marker in FACILITATOR {
        assert!(!room.contains(marker), "{marker} on the room's screen");
    }
    assert!(
        !room.contains("facilitator"),
        "a facilitator marker on the room's screen"
    );
    assert_eq!(
        handbook.attrs(ROOM, "main.deck", "data-presenter"),
        ["presenter/"]
    );
    let notes: Vec<String> = handbook
        .html(PRESENTER)
        .select(&crate::support::selector("section.screen"))
        .map(|screen| {
            let notes = crate::support::selector(".screen-notes");
            screen
                .select(&notes)
                .map(|n| collapse(&n.text().collect::<String>()))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    assert_eq!(notes.len(), 5);
    assert!(notes[0].contains("FACILITATOR-INTRO"), "{notes:?}");
    assert!(notes[1].contains("FACILITATOR-CALLOUT"), "{notes:?}");
    assert!(
        notes[2].contains("FACILITATOR-IN-EXERCISE") && notes[2].contains("FACILITATOR-ADMONITION"),
        "{notes:?}"
    );
    assert!(notes[3].is_empty() && notes[4].is_empty(), "{notes:?}");
    // The notes are not on the screens' material in the presenter window either.
    let material = handbook.texts(PRESENTER, ".screen-body");
    assert!(material.iter().all(|m| !m.contains("FACILITATOR-")));
    assert_eq!(
        handbook.attrs(PRESENTER, "main.deck", "data-role"),
        ["presenter"]
    );
}

#[test]
fn the_participant_edition_has_no_presenter_window_and_no_facilitator_material() {
    let handbook = built(&["--edition", "participant"]);
    for (path, bytes) in handbook.snapshot("public") {
        let text = String::from_utf8_lossy(&bytes);
        for marker in FACILITATOR {
            assert!(!text.contains(marker), "{marker} in {}", path.display());
        }
        let name = path.to_string_lossy().replace('\\', "/");
        assert!(!name.contains("presenter/"), "{name}");
        assert!(!name.starts_with("facilitator/"), "{name}");
    }
    assert!(handbook.exists(ROOM));
    assert!(
        handbook
            .attrs(ROOM, "main.deck", "data-presenter")
            .is_empty()
    );
    assert!(
        handbook
            .select(ROOM, "[data-action='presenter']")
            .is_empty()
    );
    assert!(!handbook.exists("facilitator/"));
    let sidebar = handbook.texts("guides/listening/", ".nav-gathered a");
    assert_eq!(sidebar, ["Key takeaways", "Exercises"]);
    assert!(!handbook.read("sitemap.xml").contains("facilitator/"));
}

#[test]
fn gathered_pages_list_every_takeaway_and_exercise_linked() {
    let handbook = built(&[]);
    let takeaways = handbook.texts("takeaways/", ".gathered-item");
    assert_eq!(
        takeaways,
        [
            "TAKEAWAY-LISTEN-ONE",
            "TAKEAWAY-LISTEN-TWO",
            "TAKEAWAY-QUESTION-ONE"
        ]
    );
    assert_eq!(
        handbook.texts("takeaways/", ".gathered-section > h2"),
        ["Guides"]
    );
    assert_eq!(
        handbook.attrs("takeaways/", ".gathered-page > h3 a", "href"),
        ["../guides/listening/", "../guides/questioning/"]
    );

    let exercises = handbook.texts("exercises/", ".gathered-item");
    let expected = [
        ("EXERCISE-DIV", "../guides/listening/#first-section"),
        ("EXERCISE-CHALLENGE", "../guides/listening/#second-section"),
        ("EXERCISE-CALLOUT", "../guides/questioning/#open-questions"),
        ("EXERCISE-IN-SCENARIO", "../scenarios/deadline/"),
    ];
    assert_eq!(exercises.len(), expected.len(), "{exercises:?}");
    let places = handbook.attrs("exercises/", ".gathered-place a", "href");
    let pages = handbook.attrs("exercises/", ".gathered-page > h3 a", "href");
    assert_eq!(
        pages,
        [
            "../guides/listening/",
            "../guides/questioning/",
            "../scenarios/deadline/"
        ]
    );
    for (i, (marker, _)) in expected.iter().enumerate() {
        assert!(exercises[i].contains(marker), "{marker}: {exercises:?}");
    }
    assert_eq!(
        places,
        expected[..3]
            .iter()
            .map(|(_, href)| *href)
            .collect::<Vec<_>>()
    );

    let facilitator = handbook.texts("facilitator/", ".gathered-item").join(" ");
    for marker in FACILITATOR {
        assert!(
            facilitator.contains(marker),
            "{marker} missing: {facilitator}"
        );
    }
}

#[test]
fn gathered_pages_are_in_the_sidebar_search_print_and_sitemap() {
    let handbook = built(&[]);
    assert_eq!(
        handbook.attrs("guides/listening/", ".nav-gathered a", "href"),
        ["../../takeaways/", "../../exercises/", "../../facilitator/"]
    );
    assert_eq!(
        handbook.attrs("exercises/", ".nav-gathered a[aria-current='page']", "href"),
        ["./"]
    );
    let print = handbook.read("print/");
    for anchor in ["id=\"takeaways\"", "id=\"exercises\"", "id=\"facilitator\""] {
        assert!(
            print.contains(anchor),
            "{anchor} missing from the print page"
        );
    }
    let documents: String = handbook
        .output_files()
        .iter()
        .filter(|file| file.starts_with("search/d"))
        .map(|file| handbook.read(file))
        .collect();
    for url in ["takeaways/", "exercises/", "facilitator/"] {
        assert!(documents.contains(url), "{url} is not in the search index");
    }
    let sitemap = handbook.read("sitemap.xml");
    assert!(sitemap.contains("/takeaways/") && sitemap.contains("/exercises/"));
}

#[test]
fn a_page_on_a_gathered_url_is_an_output_collision() {
    let handbook = Handbook::fixture(FIXTURE);
    handbook.write("content/takeaways.md", "---\ntitle: Mine\n---\nText.\n");
    handbook
        .build()
        .code(1)
        .code_at("content/takeaways.md:1", "output-collision");
}

#[test]
fn a_file_on_a_presentation_url_is_an_output_collision_and_one_url_is_one_error() {
    let handbook = Handbook::minimal();
    handbook.write(
        "content/talk.md",
        "---\ntitle: Talk\n---\n## One\n\nText.\n",
    );
    handbook.write("static/talk/present/index.html", "<p>mine</p>\n");
    let run = handbook.build();
    run.code(1)
        .code_at("static/talk/present/index.html:1", "output-collision")
        .stderr_has("the presentation of content/talk.md")
        .error_count(1);

    // Two pages on one URL are one error, not one more per presentation.
    let handbook = Handbook::minimal();
    handbook.write("content/Talk.md", "---\ntitle: Talk\n---\nText.\n");
    handbook.write("content/talk.md", "---\ntitle: Other talk\n---\nText.\n");
    handbook.build().code(1).error_count(1);
}

/// A session plan on the room's screen: the sessions fixture's workshop.
mod session {
    use crate::support::Handbook;

    const FIXTURE: &str = "sessions/ok";
    const ROOM: &str = "sessions/workshop/present/";
    const PRESENTER: &str = "sessions/workshop/present/presenter/";
    /// Facilitator material and briefs of the fixture's session, material and scenario.
    const SECRETS: &[&str] = &[
        "MARKER-SESSION-NOTES",
        "MARKER-SCENARIO-NOTES",
        "MARKER-GUIDE-BLOCK",
        "MARKER-FACILITATOR-QUESTION",
        "MARKER-BRIEF-",
        "data-audience=\"facilitator\"",
        "screen-notes",
        "role-brief",
    ];

    #[test]
    fn a_session_is_presented_one_screen_per_agenda_row_in_order() {
        let handbook = Handbook::fixture(FIXTURE).built();
        let titles = handbook.attrs(ROOM, "section.screen", "aria-label");
        assert_eq!(
            titles,
            [
                "Partnering workshop",
                "Welcome",
                "Input: listening",
                "Practice in pairs",
                "GROW questions",
                "Break",
                "The missed deadline",
                "Commitments",
                "Thank you"
            ]
        );
        let classes = handbook.attrs(ROOM, "section.screen", "class");
        let kinds: Vec<&str> = classes
            .iter()
            .map(|c| c.trim_start_matches("screen screen-"))
            .collect();
        assert_eq!(
            kinds,
            [
                "title",
                "activity",
                "guide",
                "questions",
                "questions",
                "break",
                "scenario",
                "activity",
                "closing"
            ]
        );
        // Every row's minutes, in order; the title and closing screens are untimed.
        assert_eq!(
            handbook.attrs(ROOM, "section.screen", "data-minutes"),
            ["10", "20", "15", "5", "10", "40", "20"]
        );
        assert_eq!(
            handbook.attrs(ROOM, "section.screen", "data-at"),
            [
                "09:30", "09:30", "09:40", "10:00", "10:15", "10:20", "10:30", "11:10", "11:30"
            ]
        );
        assert_eq!(handbook.attrs(ROOM, "main.deck", "data-start"), ["09:30"]);
        let texts = handbook.texts(ROOM, "section.screen");
        assert!(texts[0].contains("Listen to understand."), "objectives");
        // A guide row shows its takeaways; a bank row the questions it asks.
        assert!(texts[2].contains("Key takeaways") && texts[2].contains("Listen to understand."));
        assert_eq!(
            handbook.texts(ROOM, ".screen-questions li"),
            [
                "What would you like to walk away with?",
                "How will you know you got there?",
                "What is your first step?"
            ]
        );
        assert!(texts[5].contains("Back at 10:30"), "{}", texts[5]);
        assert_eq!(
            handbook
                .select(ROOM, ".screen-break [data-countdown]")
                .len(),
            1
        );
        // A scenario row: situation, format, groups, roles, and its phases
        // scaled from the scenario's 30 minutes to the row's 40.
        assert!(texts[6].contains("The monthly report arrived two days late."));
        assert_eq!(
            handbook.texts(ROOM, ".screen-scenario .screen-facts li"),
            [
                "Format: triad",
                "2 groups",
                "Roles: Team lead, Sam, Observer"
            ]
        );
        let phases = handbook.attrs(ROOM, ".screen-scenario", "data-phases");
        let phases: serde_json::Value = serde_json::from_str(&phases[0]).unwrap();
        assert_eq!(
            phases,
            serde_json::json!([
                { "phase": "Read briefs", "minutes": 7 },
                { "phase": "Role-play", "minutes": 20 },
                { "phase": "Debrief", "minutes": 13 }
            ])
        );
        // The session page links to its presentation.
        assert_eq!(
            handbook.attrs("sessions/workshop/", "a.present-start", "href"),
            ["present/"]
        );
    }

    #[test]
    fn the_room_never_shows_facilitator_material_and_the_presenter_window_has_every_note() {
        let handbook = Handbook::fixture(FIXTURE).built();
        let room = handbook.read(ROOM);
        for secret in SECRETS {
            assert!(!room.contains(secret), "{secret} on the room's screen");
        }
        assert_eq!(
            handbook.attrs(ROOM, "main.deck", "data-presenter"),
            ["presenter/"]
        );
        let notes = |label: &str| {
            handbook
                .texts(
                    PRESENTER,
                    &format!("section.screen[aria-label='{label}'] .screen-notes"),
                )
                .join(" ")
        };
        assert!(notes("Commitments").contains("MARKER-SESSION-NOTES"));
        assert!(notes("The missed deadline").contains("MARKER-SCENARIO-NOTES"));
        assert!(notes("Input: listening").contains("MARKER-GUIDE-BLOCK"));
        assert!(notes("Welcome").is_empty());
        let presenter = handbook.read(PRESENTER);
        assert!(
            !presenter.contains("MARKER-BRIEF-"),
            "a brief in the presenter window"
        );
        assert!(!presenter.contains("MARKER-FACILITATOR-QUESTION"));
        let material = handbook.texts(PRESENTER, ".screen-body").join(" ");
        assert!(!material.contains("MARKER"), "{material}");
    }

    #[test]
    fn the_participant_edition_presents_a_session_without_any_note_or_brief() {
        let handbook = Handbook::fixture(FIXTURE);
        handbook.build_with(&["--edition", "participant"]).success();
        assert!(handbook.exists(ROOM));
        assert!(!handbook.exists(PRESENTER));
        for (path, bytes) in handbook.snapshot("public") {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("MARKER"), "a marker in {}", path.display());
            let name = path.to_string_lossy().replace('\\', "/");
            assert!(!name.contains("presenter/"), "{name}");
        }
        let room = handbook.read(ROOM);
        for secret in SECRETS {
            assert!(!room.contains(secret), "{secret} on the room's screen");
        }
        assert!(!room.contains("data-presenter"));
        assert_eq!(
            handbook.attrs(ROOM, "section.screen", "data-minutes"),
            ["10", "20", "15", "5", "10", "40", "20"]
        );
        assert_eq!(
            handbook.attrs("sessions/workshop/", "a.present-start", "href"),
            ["present/"]
        );
    }

    #[test]
    fn a_programme_over_days_has_a_screen_for_each_new_day() {
        let handbook = Handbook::fixture(FIXTURE);
        handbook.write(
            "content/sessions/programme.md",
            "---\ntitle: Two days\nkind: session\nsummary: s\nduration: 60\nstart: \"09:30\"\nagenda:\n  - { minutes: 20, activity: Welcome }\n  - { minutes: 10, activity: Close day one }\n  - { day: 2, start: \"13:00\" }\n  - { minutes: 30, activity: Practice }\n---\n",
        );
        handbook.build().success();
        let room = "sessions/programme/present/";
        assert_eq!(
            handbook.attrs(room, "section.screen", "aria-label"),
            [
                "Two days",
                "Welcome",
                "Close day one",
                "Day 2",
                "Practice",
                "Thank you"
            ]
        );
        assert_eq!(
            handbook.attrs(room, "section.screen", "data-at"),
            ["09:30", "09:30", "09:50", "13:00", "13:00", "13:30"]
        );
        assert_eq!(
            handbook.attrs(room, "section.screen", "data-minutes"),
            ["20", "10", "30"]
        );
        assert_eq!(
            handbook.texts(room, ".screen-day .screen-lead"),
            ["From 13:00"]
        );
    }
}
