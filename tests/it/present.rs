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
