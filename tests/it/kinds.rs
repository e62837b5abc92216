//! Each content kind renders as such: guides, question banks, scenarios and
//! their role cards, plus the site-wide pages every build writes.

use crate::support::{Handbook, collapse};

fn kinds() -> Handbook {
    Handbook::fixture("kinds/all").built()
}

const GUIDE: &str = "guides/listening/";
const BANK: &str = "questions/grow/";
const SCENARIO: &str = "scenarios/missed-deadline/";

#[test]
fn guide_toc_lists_h2_and_h3_headings_with_their_anchors() {
    let book = kinds();
    let toc = book.attrs(GUIDE, "nav.toc a", "href");
    assert_eq!(
        toc,
        [
            "#why-listening-matters",
            "#level-one-internal",
            "#practising-it"
        ]
    );
    let titles = book.texts(GUIDE, "nav.toc a");
    assert_eq!(
        titles,
        [
            "Why listening matters",
            "Level one: internal",
            "Practising it"
        ]
    );
    // Every TOC entry points at a heading of the page, and h4 headings get ids but no entry.
    let main = book.main_of(GUIDE);
    assert!(
        main.contains(r#"<h2 id="why-listening-matters">"#),
        "{main}"
    );
    assert!(main.contains(r#"<h3 id="level-one-internal">"#), "{main}");
    assert!(main.contains(r#"<h2 id="practising-it">"#), "{main}");
    assert!(
        main.contains(r#"<h4 id="a-detail-too-deep-for-the-contents">"#),
        "{main}"
    );
}

#[test]
fn guide_shows_its_takeaways_in_a_box() {
    let book = kinds();
    let takeaways = book.texts(GUIDE, "main .takeaways li");
    assert_eq!(
        takeaways,
        ["Listen to understand, not to reply.", "Silence is a tool."]
    );
    assert_eq!(book.texts(GUIDE, "main .takeaways h2"), ["Key takeaways"]);
}

#[test]
fn guide_containers_become_callouts_of_their_kind() {
    let book = kinds();
    for (kind, text) in [
        ("tip", "Count to three before you answer."),
        ("note", "Notes help you remember what was said."),
        ("warning", "Do not fake attention."),
        ("exercise", "Listen for two minutes without speaking."),
        ("facilitator", "Pair people who do not know each other."),
    ] {
        let callouts = book.texts(GUIDE, &format!("main .callout-{kind}"));
        assert_eq!(callouts.len(), 1, "one :::{kind} callout");
        assert!(
            callouts[0].contains(text),
            "{kind}: {callouts:?} lacks {text}"
        );
    }
    // The `:::` fences themselves never reach the page.
    assert!(!book.main_of(GUIDE).contains(":::"));
    // Facilitator material is marked as such in the default build.
    assert_eq!(
        book.attrs(GUIDE, "main .callout-facilitator", "data-audience"),
        ["facilitator"]
    );
}

#[test]
fn question_bank_groups_questions_by_stage_in_stages_order() {
    let book = kinds();
    let stages = book.texts(BANK, "main section.stage > h2");
    assert_eq!(stages, ["Goal", "Reality", "Options", "Will"]);
    // Questions sit under their own stage, each with its id as anchor.
    for (stage, id) in [
        ("goal", "goal-outcome"),
        ("reality", "reality-now"),
        ("options", "options-else"),
        ("will", "will-first-step"),
    ] {
        let ids = book.attrs(BANK, &format!("main #stage-{stage} li.question"), "id");
        assert_eq!(ids, [id], "stage {stage}");
    }
}

#[test]
fn question_bank_shows_text_purpose_and_follow_ups() {
    let book = kinds();
    let question = &book.texts(BANK, "main #goal-outcome")[0];
    assert!(
        question.contains("What would you like to walk away with today?"),
        "{question}"
    );
    assert!(
        question.contains("Sets a shared aim for the conversation."),
        "{question}"
    );
    assert_eq!(
        book.texts(BANK, "main #goal-outcome .follow-ups li"),
        [
            "What would that give you?",
            "How will you know you have it?"
        ]
    );
    // Question text is inline Markdown.
    let will = book.select(BANK, "main #will-first-step");
    assert!(will[0].contains("<em>first</em>"), "{}", will[0]);
}

#[test]
fn scenario_page_shows_situation_timing_roles_checklist_and_notes() {
    let book = kinds();
    let main = book.main_of(SCENARIO);
    assert!(main.contains("SITUATION-TEXT"), "{main}");
    assert_eq!(
        book.texts(SCENARIO, "main .timing tbody td"),
        ["Read briefs", "5", "Role-play", "15", "Debrief", "10"]
    );
    assert_eq!(
        book.texts(SCENARIO, "main .checklist li"),
        [
            "Asked open questions before offering solutions",
            "Described impact without labels"
        ]
    );
    // Facilitator notes are on the page and marked as facilitator material.
    let notes = book.select(
        SCENARIO,
        "main aside.facilitator-notes[data-audience=facilitator]",
    );
    assert_eq!(notes.len(), 1, "{main}");
    assert!(notes[0].contains("FACILITATOR-NOTE-TEXT"), "{}", notes[0]);
    // A `:::facilitator` block in the situation stays on the scenario page, marked.
    let blocks = book.texts(SCENARIO, "main .situation .callout-facilitator");
    assert_eq!(blocks.len(), 1, "{main}");
    assert!(blocks[0].contains("FACILITATOR-BLOCK-TEXT"), "{blocks:?}");
}

#[test]
fn scenario_roles_link_to_their_role_cards() {
    let book = kinds();
    let links: Vec<(String, String)> = book
        .attrs(SCENARIO, "main .role-list a", "href")
        .into_iter()
        .zip(book.texts(SCENARIO, "main .role-list a"))
        .collect();
    assert_eq!(
        links,
        [
            (
                "roles/manager/".to_string(),
                "Jordan, team lead".to_string()
            ),
            ("roles/employee/".to_string(), "Sam, analyst".to_string()),
        ]
    );
}

#[test]
fn scenario_debrief_shows_a_referenced_question_in_full_and_links_it() {
    let book = kinds();
    let items = book.texts(SCENARIO, "main .debrief li");
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(
        items[0].contains("What would you like to walk away with today?"),
        "{items:?}"
    );
    assert_eq!(
        items[1],
        "What did the employee need that they did not ask for?"
    );
    let hrefs = book.attrs(SCENARIO, "main .debrief li a", "href");
    assert!(
        hrefs.contains(&"../../questions/grow/#goal-outcome".to_string()),
        "{hrefs:?}"
    );
}

#[test]
fn role_card_holds_the_situation_and_only_its_own_brief() {
    let book = kinds();
    let manager = book.main_of("scenarios/missed-deadline/roles/manager/");
    assert!(manager.contains("SITUATION-TEXT"), "{manager}");
    assert!(manager.contains("MANAGER-BRIEF-TEXT"), "{manager}");
    assert!(!manager.contains("EMPLOYEE-BRIEF-TEXT"), "{manager}");
    // A card is handed to a participant: no facilitator material, even in the full build.
    assert!(!manager.contains("FACILITATOR-NOTE-TEXT"), "{manager}");
    assert!(!manager.contains("FACILITATOR-BLOCK-TEXT"), "{manager}");
    let employee = book.main_of("scenarios/missed-deadline/roles/employee/");
    assert!(employee.contains("EMPLOYEE-BRIEF-TEXT"), "{employee}");
    assert!(!employee.contains("MANAGER-BRIEF-TEXT"), "{employee}");
    // The whole card file, not only <main>, keeps the other brief out.
    let whole = book.read("scenarios/missed-deadline/roles/employee/");
    assert!(!whole.contains("MANAGER-BRIEF-TEXT"));
}

#[test]
fn bank_question_lists_the_scenarios_that_use_it() {
    let book = kinds();
    let used = book.texts(BANK, "main #goal-outcome .used-in");
    assert_eq!(used.len(), 1, "{used:?}");
    assert!(used[0].starts_with("Used in 1 scenario"), "{used:?}");
    assert!(used[0].contains("The missed deadline"), "{used:?}");
    assert_eq!(
        book.attrs(BANK, "main #goal-outcome .used-in a", "href"),
        ["../../scenarios/missed-deadline/"]
    );
    // A question no scenario uses says nothing of the kind.
    assert!(book.texts(BANK, "main #reality-now .used-in").is_empty());
}

#[test]
fn taxonomy_pages_list_terms_and_their_pages() {
    let book = kinds();
    let terms = book.texts("tags/", "main .term-list a");
    assert_eq!(terms, ["basics", "feedback", "grow", "listening"]);
    let feedback = book.texts("tags/feedback/", "main .card h3");
    assert_eq!(feedback, ["The missed deadline"]);
    let listening = book.texts("competencies/listening/", "main .card h3");
    assert_eq!(
        listening,
        ["Listening at three levels", "The missed deadline"]
    );
    // The guide links to its term page.
    let hrefs = book.attrs(GUIDE, "main a.term", "href");
    assert!(
        hrefs.contains(&"../../tags/listening/".to_string()),
        "{hrefs:?}"
    );
}

/// A sitemap lists full addresses (its format asks for them), so one is
/// written only under a full `base_url`; a bare `/` gives none and a note
/// saying how to get one.
#[test]
fn sitemap_and_not_found_page_are_written() {
    let book = Handbook::fixture("kinds/all");
    let config = std::fs::read_to_string(book.path("site.toml")).unwrap();
    book.write(
        "site.toml",
        config.replacen(
            "\n",
            "\nbase_url = \"https://handbook.example.com/guide\"\n",
            1,
        ),
    );
    let run = book.build();
    run.success();
    assert!(!run.stderr.contains("sitemap"), "{}", run.stderr);
    let sitemap = book.read("sitemap.xml");
    for url in [
        "https://handbook.example.com/guide/",
        "https://handbook.example.com/guide/guides/listening/",
        "https://handbook.example.com/guide/questions/grow/",
        "https://handbook.example.com/guide/tags/feedback/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{url}</loc>")),
            "{url} missing from {sitemap}"
        );
    }
    let not_found = book.main_of("404.html");
    assert!(
        collapse(&not_found).contains("Page not found"),
        "{not_found}"
    );
}

#[test]
fn front_matter_prose_gets_the_bodys_smart_punctuation() {
    let book = Handbook::minimal();
    book.write(
        "content/guides/listen.md",
        "---\ntitle: Listen\nsummary: '\"Listen first\" -- it''s the manager''s job...'\ntakeaways: [\"Ask, don't tell\"]\n---\nThe body's \"quotes\".\n",
    );
    book.write(
        "content/questions/grow.md",
        "---\ntitle: GROW\nkind: questions\nsummary: s\nquestions:\n  - id: one\n    text: What's next?\n    purpose: It's \"theirs\"\n    follow_ups: [\"And then what's -- really -- next?\"]\n---\n",
    );
    let book = book.built();
    let guide = book.read("guides/listen/");
    assert!(
        guide.contains("“Listen first” – it’s the manager’s job…"),
        "{guide}"
    );
    assert!(guide.contains("Ask, don’t tell"), "{guide}");
    assert!(guide.contains("The body’s “quotes”"), "{guide}");
    let bank = book.read("questions/grow/");
    assert!(bank.contains("What’s next?"), "{bank}");
    assert!(bank.contains("It’s “theirs”"), "{bank}");
    assert!(bank.contains("And then what’s – really – next?"), "{bank}");
}

#[test]
fn no_sitemap_under_a_bare_slash_and_build_and_check_say_how_to_get_one() {
    let book = kinds();
    assert!(!book.exists("sitemap.xml"));
    for run in [book.build(), book.check()] {
        run.success();
        assert_eq!(
            run.stderr.matches("note: no sitemap.xml").count(),
            1,
            "{}",
            run.stderr
        );
        run.stderr_has("base_url = \"https://");
    }
}
