//! Filters in the page: the markup they work on. The forms ship hidden (the
//! page reads fully without JavaScript) and list the choices found in the
//! page; each item carries the data the script filters by.

use crate::support::Handbook;

fn scenario(duration: u32, format: &str, level: &str, competencies: &str) -> String {
    format!(
        "---\ntitle: A {format} role-play\nkind: scenario\nsummary: s\nduration: {duration}\nformat: {format}\nlevel: {level}\ncompetencies: [{competencies}]\nroles:\n  - {{ id: a, name: A, brief: x }}\n  - {{ id: b, name: B, brief: y }}\n---\nSituation.\n"
    )
}

fn handbook() -> Handbook {
    let handbook = Handbook::minimal();
    handbook.write(
        "site.toml",
        "title = \"Filters\"\n[taxonomies]\ncompetencies = \"Competencies\"\n",
    );
    handbook.write(
        "content/scenarios/short.md",
        scenario(15, "pairs", "new-manager", "feedback, listening"),
    );
    handbook.write(
        "content/scenarios/long.md",
        scenario(45, "fishbowl", "senior-leader", "trust"),
    );
    handbook.write(
        "content/guides/only.md",
        "---\ntitle: Only a guide\nsummary: s\n---\nText.\n",
    );
    handbook.write(
        "content/questions/grow.md",
        "---\ntitle: GROW\nkind: questions\nsummary: s\nstages: [Goal, Will]\nquestions:\n  - { id: one, stage: Will, text: One?, tags: [closing, action plan] }\n  - { id: two, stage: Goal, text: Two?, tags: [opening] }\n---\n",
    );
    handbook
}

#[test]
fn a_question_bank_has_a_hidden_stage_and_tag_filter() {
    let book = handbook().built();
    let form = book.select("questions/grow/", "form.filters");
    assert_eq!(form.len(), 1);
    assert!(form[0].contains(" hidden"), "{}", form[0]);
    assert_eq!(
        book.texts("questions/grow/", "#filter-stage option"),
        ["All stages", "Goal", "Will"]
    );
    assert_eq!(
        book.texts("questions/grow/", "#filter-tag option"),
        ["All tags", "Action plan", "Closing", "Opening"]
    );
    assert_eq!(
        book.attrs("questions/grow/", "li.question", "data-stage"),
        ["Goal", "Will"]
    );
    assert_eq!(
        book.attrs("questions/grow/", "li.question", "data-tags"),
        ["opening", "closing|action plan"]
    );
}

#[test]
fn a_listing_with_scenarios_has_a_hidden_filter_for_time_format_level_and_competency() {
    let book = handbook().built();
    let page = "scenarios/";
    assert_eq!(book.select(page, "form.filters").len(), 1);
    assert_eq!(
        book.texts(page, "#filter-duration option"),
        ["Any length", "Up to 15 min", "Up to 45 min"]
    );
    assert_eq!(
        book.texts(page, "#filter-format option"),
        ["Any format", "Fishbowl", "Pairs"]
    );
    assert_eq!(
        book.texts(page, "#filter-level option"),
        ["Any level", "New manager", "Senior leader"]
    );
    assert_eq!(
        book.texts(page, "#filter-competency option"),
        ["Any competency", "Feedback", "Listening", "Trust"]
    );
    assert_eq!(
        book.attrs(page, "#filter-level option", "value"),
        ["", "new-manager", "senior-leader"]
    );
    assert_eq!(
        book.attrs(page, "li.card-scenario", "data-competencies"),
        ["trust", "feedback|listening"]
    );
    assert_eq!(
        book.attrs(page, "li.card-scenario", "data-duration"),
        ["45", "15"]
    );
    // A listing without two scenarios to choose between has no filter.
    assert!(book.select("guides/", "form.filters").is_empty());
    assert!(book.select("", "form.filters").is_empty());
    // The script that runs the filters is loaded on every page.
    assert!(book.read("guides/only/").contains("coachbook-pages.js"));
    assert!(book.exists("coachbook-pages.js"));
}

#[test]
fn scenario_cards_show_time_format_and_level_in_readable_words() {
    let book = handbook().built();
    assert_eq!(
        book.texts("scenarios/", "li.card-scenario .card-meta"),
        ["45 min Fishbowl Senior leader", "15 min Pairs New manager"]
    );
    let meta = book.texts("scenarios/short/", ".meta dd");
    assert!(meta.contains(&"Pairs".to_string()), "{meta:?}");
    assert!(meta.contains(&"New manager".to_string()), "{meta:?}");
}

#[test]
fn labels_in_site_toml_name_values_for_readers() {
    let book = handbook();
    book.write(
        "site.toml",
        "title = \"Filters\"\n[taxonomies]\ncompetencies = \"Competencies\"\n[labels]\nnew-manager = \"New to managing\"\npairs = \"In pairs\"\n",
    );
    let book = book.built();
    assert_eq!(
        book.texts("scenarios/", "#filter-level option"),
        ["Any level", "New to managing", "Senior leader"]
    );
    assert_eq!(
        book.texts("scenarios/", "#filter-format option"),
        ["Any format", "Fishbowl", "In pairs"]
    );
    let meta = book.texts("scenarios/short/", ".meta dd");
    assert!(meta.contains(&"In pairs".to_string()), "{meta:?}");
    assert!(meta.contains(&"New to managing".to_string()), "{meta:?}");
}

#[test]
fn an_empty_or_mistyped_label_is_an_error_at_its_line() {
    let book = handbook();
    book.write(
        "site.toml",
        "title = \"Filters\"\n[labels]\nnew-manager = \"\"\ntriad = 3\n",
    );
    book.build()
        .code(2)
        .error_at("site.toml:3", "the label of `new-manager` is empty")
        .error_at("site.toml:4", "wrong type for `labels.triad`")
        .error_count(2);
}
