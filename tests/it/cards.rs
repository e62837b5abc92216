//! A scenario's cards: `<scenario>/cards/` prints every role card once, with
//! its own brief only, then the observer checklist on a sheet of its own;
//! an observer's card carries the checklist; every card page and the
//! scenario page have a print button; the cards page has one owner.

use std::collections::HashMap;

use crate::support::Handbook;

const FIXTURE: &str = "cards/workshop";
const HANDOVER: &str = "scenarios/handover/";
const CARDS: &str = "scenarios/handover/cards/";

/// Each role's brief marker in the fixture's handover scenario, in order.
const BRIEFS: [(&str, &str); 3] = [
    ("lead", "LEAD-BRIEF"),
    ("analyst", "ANALYST-BRIEF"),
    ("note-taker", "TAKER-BRIEF"),
];

fn built() -> Handbook {
    Handbook::fixture(FIXTURE).built()
}

/// How often `needle` occurs in `haystack`.
fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn the_cards_page_holds_each_role_card_once_with_its_brief_then_the_checklist() {
    let book = built();
    let sheets = book.texts(CARDS, "main .card-sheet");
    assert_eq!(sheets.len(), BRIEFS.len() + 1, "{sheets:?}");
    for (i, (_, brief)) in BRIEFS.iter().enumerate() {
        assert!(sheets[i].contains(brief), "sheet {i}: {}", sheets[i]);
        for (_, other) in BRIEFS.iter().filter(|(_, b)| b != brief) {
            assert!(!sheets[i].contains(other), "{other} is on {brief}'s card");
        }
        assert!(sheets[i].contains("SITUATION-TEXT"), "{}", sheets[i]);
    }
    let main = book.main_of(CARDS);
    for (_, brief) in BRIEFS {
        assert_eq!(count(&main, brief), 1, "{brief} once on the cards page");
    }
    assert_eq!(
        book.texts(CARDS, "main .role-card > .page-header h2"),
        ["Alex, the lead", "Lena, the analyst", "Note-taker"]
    );
    // The last sheet is the checklist alone, for the facilitator to hand out.
    let checklist = book.texts(CARDS, "main .checklist-sheet .checklist li");
    assert_eq!(
        checklist,
        [
            "CHECK-OUTCOME stated before the method",
            "CHECK-AUTHORITY level said out loud"
        ]
    );
    assert_eq!(book.select(CARDS, "main .checklist-sheet").len(), 1);
    assert!(!sheets[3].contains("BRIEF"), "{}", sheets[3]);
}

#[test]
fn the_cards_page_leaves_facilitator_material_out_and_keeps_ids_unique() {
    let book = built();
    let page = book.read(CARDS);
    for marker in [
        "FACILITATOR-NOTES",
        "FACILITATOR-IN-BRIEF",
        "FACILITATOR-IN-SITUATION",
    ] {
        assert!(!page.contains(marker), "{marker} is on the cards page");
    }
    // The situation, with its heading and footnote, is on every card.
    assert_eq!(count(&page, "FOOTNOTE-TEXT"), BRIEFS.len());
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for part in page.split(" id=\"").skip(1) {
        *ids.entry(part.split('"').next().unwrap()).or_default() += 1;
    }
    let twice: Vec<_> = ids.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "ids used twice: {twice:?}");
    // Every in-page link leads to an id of the page.
    for part in page.split("href=\"#").skip(1) {
        let target = part.split('"').next().unwrap();
        assert!(ids.contains_key(target), "#{target} leads nowhere");
    }
}

#[test]
fn the_observers_card_carries_the_checklist_and_the_others_do_not() {
    let book = built();
    // `observer: true` on a role named otherwise.
    assert_eq!(
        book.texts(
            "scenarios/handover/roles/note-taker/",
            "main .role-card .checklist li"
        ),
        [
            "CHECK-OUTCOME stated before the method",
            "CHECK-AUTHORITY level said out loud"
        ]
    );
    for role in ["lead", "analyst"] {
        let card = book.main_of(&format!("scenarios/handover/roles/{role}/"));
        assert!(!card.contains("CHECK-"), "{role}'s card has the checklist");
        assert!(!card.contains("class=\"checklist"), "{card}");
    }
    // On the cards page too: the note-taker's sheet, then the checklist sheet.
    let sheets = book.texts(CARDS, "main .card-sheet");
    let with_checklist: Vec<bool> = sheets.iter().map(|s| s.contains("CHECK-")).collect();
    assert_eq!(with_checklist, [false, false, true, true]);
    // A role whose id or name says observer, in any case, carries it
    // without `observer: true`; `observer: false` keeps it off.
    let late = "scenarios/feedback/roles/";
    for role in ["observer", "second"] {
        assert_eq!(
            book.texts(&format!("{late}{role}/"), "main .checklist li"),
            ["CHECK-OPEN-QUESTION asked before advice"],
            "{role}"
        );
    }
    for role in ["manager", "employee", "silent"] {
        let card = book.main_of(&format!("{late}{role}/"));
        assert!(!card.contains("CHECK-OPEN-QUESTION"), "{role}: {card}");
    }
    let sheets = book.texts("scenarios/feedback/cards/", "main .card-sheet");
    let with_checklist: Vec<bool> = sheets.iter().map(|s| s.contains("CHECK-")).collect();
    assert_eq!(with_checklist, [false, false, true, true, false, true]);
}

#[test]
fn a_scenario_without_a_checklist_prints_its_role_cards_only() {
    let book = built();
    let cards = "scenarios/pairs/cards/";
    assert_eq!(book.select(cards, "main .card-sheet").len(), 2);
    assert!(book.select(cards, "main .checklist-sheet").is_empty());
    assert!(book.select(cards, "main .checklist").is_empty());
    assert_eq!(
        book.texts(cards, "main .brief .prose"),
        [
            "COACH-BRIEF: ask, then wait.",
            "TRAINEE-BRIEF: you watch how you are coached."
        ]
    );
}

#[test]
fn role_cards_carry_no_other_roles_brief() {
    let book = built();
    for (role, brief) in BRIEFS {
        let card = book.read(&format!("scenarios/handover/roles/{role}/"));
        assert_eq!(count(&card, brief), 1, "{role}");
        for (_, other) in BRIEFS.iter().filter(|(r, _)| *r != role) {
            assert!(!card.contains(other), "{other} is on the card of {role}");
        }
        assert!(card.contains("SITUATION-TEXT"), "{card}");
    }
}

#[test]
fn the_scenario_page_links_its_cards_and_every_card_page_has_a_print_button() {
    let book = built();
    assert_eq!(
        book.attrs(HANDOVER, "main a.cards-link", "href"),
        ["cards/"]
    );
    assert_eq!(
        book.texts(HANDOVER, "main a.cards-link"),
        ["Print all cards"]
    );
    for page in [HANDOVER, CARDS, "scenarios/handover/roles/lead/"] {
        let buttons = book.attrs(page, "main button.print-button[data-print]", "type");
        assert_eq!(buttons, ["button"], "{page}");
        // The script wires it up: no handler is written into the page.
        assert!(!book.read(page).contains("onclick"), "{page}");
    }
    // The cards page links back to its scenario from every sheet.
    let back = book.attrs(CARDS, "main .card-sheet .summary a", "href");
    assert_eq!(back, ["../"; 4]);
}

#[test]
fn a_file_on_the_cards_path_is_an_error_naming_both() {
    let book = Handbook::fixture(FIXTURE);
    book.write("static/scenarios/handover/cards/index.html", "mine");
    let run = book.build();
    run.code(1).error_count(1);
    run.error_at(
        "static/scenarios/handover/cards/index.html:1",
        "the cards of content/scenarios/handover.md",
    );
    run.code_at(
        "static/scenarios/handover/cards/index.html:1",
        "output-collision",
    );
}

#[test]
fn observer_must_be_true_or_false_at_its_line() {
    let book = Handbook::fixture(FIXTURE);
    let path = book.path("content/scenarios/handover.md");
    let text = std::fs::read_to_string(&path).unwrap();
    book.write(
        "content/scenarios/handover.md",
        text.replace("observer: true", "observer: sometimes"),
    );
    let run = book.check();
    run.code(1).error_count(1);
    run.code_at("content/scenarios/handover.md:26", "wrong-type");
}
