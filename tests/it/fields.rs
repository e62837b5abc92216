//! Front matter written for other generators (Hugo, Jekyll, Docusaurus,
//! Carpentries lessons) builds unchanged: their fields are read as ours,
//! fields with no meaning here are one warning for the handbook, a near miss
//! of a known field stays an error, and a page without a title takes its
//! first heading.

use crate::support::{Handbook, Run, collapse};

const MIGRATED: &str = "fields/migrated";

fn built() -> (Handbook, Run) {
    let book = Handbook::fixture(MIGRATED);
    let run = book.build();
    run.success().error_count(0);
    (book, run)
}

/// The page header's `label: value` pairs (Time, Updated, the taxonomies).
fn header_facts(book: &Handbook, page: &str) -> Vec<String> {
    let html = book.html(page);
    let pairs = crate::support::selector("header dl > div");
    html.select(&pairs)
        .map(|pair| collapse(&pair.text().collect::<Vec<_>>().join(" ")))
        .collect()
}

/// The titles of the pages listed in the sidebar under `section`, in order.
fn sidebar_order(book: &Handbook, section: &str) -> Vec<String> {
    book.texts(
        &format!("{section}/"),
        "nav li.nav-section > a[href='./'] + ul > li > a",
    )
}

#[test]
fn a_hugo_page_reads_description_date_and_lastmod() {
    let (book, _) = built();
    let page = "hugo/listening/";
    assert_eq!(
        book.attrs(page, "meta[name=description]", "content"),
        ["Hear the words, the feeling and the need behind them."]
    );
    let facts = header_facts(&book, page);
    // The later of `date` and `lastmod`, its date part only.
    assert!(
        facts.contains(&"Updated 2024-03-05".to_string()),
        "{facts:?}"
    );
    // `tags: toread` is a list of one.
    assert!(book.exists("tags/toread/"));
}

#[test]
fn a_jekyll_page_reads_nav_order_and_last_modified_at() {
    let (book, _) = built();
    let facts = header_facts(&book, "jekyll/feedback/");
    assert!(
        facts.contains(&"Updated 2023-11-20".to_string()),
        "{facts:?}"
    );
    // `nav_order` orders the pages, against the order of their titles.
    assert_eq!(
        sidebar_order(&book, "jekyll"),
        ["Giving feedback", "Contracting"]
    );
    assert!(book.exists("competencies/feedback/"));
}

#[test]
fn a_docusaurus_page_reads_sidebar_position_and_description() {
    let (book, _) = built();
    assert_eq!(
        sidebar_order(&book, "docusaurus"),
        ["Getting started", "A next step"]
    );
    assert_eq!(
        book.attrs("docusaurus/intro/", "meta[name=description]", "content"),
        ["Where a new coach begins."]
    );
}

#[test]
fn a_carpentries_episode_takes_teaching_and_exercises_as_its_duration() {
    let (book, _) = built();
    let facts = header_facts(&book, "episodes/questions/");
    assert!(facts.contains(&"Time 25 min".to_string()), "{facts:?}");
}

#[test]
fn a_page_without_a_title_takes_its_first_heading_once() {
    let (book, _) = built();
    let page = "jekyll/feedback/";
    assert_eq!(book.texts(page, "main h1"), ["Giving feedback"]);
    assert!(!book.main_of(page).contains("id=\"giving-feedback\""));
    assert!(book.read(page).contains("<title>Giving feedback ·"));
}

#[test]
fn fields_with_no_meaning_here_are_one_warning_for_the_handbook() {
    let (_, run) = built();
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|line| line.contains("does not use"))
        .collect();
    assert_eq!(
        warnings,
        [
            "content/docusaurus/intro.md:5:1: warning[unknown-field]: front matter has fields coachbook does not use, left out: `categories` (1 file), `layout` (3 files), `permalink` (1 file), `sidebar_label` (1 file)"
        ],
        "{}",
        run.stderr
    );
    run.stderr_has(
        "name them in site.toml: `extra_fields = [\"categories\", \"layout\", \"permalink\", \"sidebar_label\"]`",
    );
}

#[test]
fn named_extra_fields_are_no_warning_and_reach_templates() {
    let book = Handbook::fixture(MIGRATED);
    let config = std::fs::read_to_string(book.path("site.toml")).unwrap();
    book.write(
        "site.toml",
        config.replace(
            "title = \"Migrated Handbook\"\n",
            "title = \"Migrated Handbook\"\nextra_fields = [\"layout\", \"categories\"]\n",
        ),
    );
    book.write(
        "templates/guide.html",
        "{% extends \"base.html\" %}{% block main %}<p id=\"layout\">{{ page.extra.layout | default(value='') }}</p>{% endblock %}",
    );
    let run = book.build();
    run.success()
        .stderr_has("left out: `permalink` (1 file), `sidebar_label` (1 file)");
    assert!(!run.stderr.contains("`layout`"), "{}", run.stderr);
    assert_eq!(book.texts("hugo/listening/", "#layout"), ["single"]);
}

#[test]
fn a_near_miss_of_a_known_field_stays_an_error_with_did_you_mean() {
    let book = Handbook::fixture(MIGRATED);
    book.write(
        "content/hugo/typo.md",
        "---\ntitle: Typo\nsumary: One line.\ncompetences: [listening]\nlayout: single\n---\nText.\n",
    );
    let run = book.build();
    run.code(1)
        .error_at("content/hugo/typo.md:3", "unknown field `sumary`")
        .stderr_has("did you mean `summary`?")
        .error_at("content/hugo/typo.md:4", "unknown field `competences`")
        .stderr_has("did you mean `competencies`?")
        .error_count(2)
        .stderr_has("`layout` (4 files)");
}

#[test]
fn one_word_where_a_list_is_expected_is_a_list_of_one_and_anything_else_an_error() {
    let book = Handbook::fixture(MIGRATED);
    book.write(
        "content/hugo/one.md",
        "---\ntitle: One\nsummary: s\nrelated: listening.md\n---\nSee [[Hearing]].\n",
    );
    book.write(
        "content/hugo/hear.md",
        "---\ntitle: Hear\nsummary: s\naliases: Hearing\n---\nText.\n",
    );
    book.write(
        "content/hugo/bad.md",
        "---\ntitle: Bad\nsummary: s\ntags: { a: b }\n---\nText.\n",
    );
    let run = book.build();
    run.code(1)
        .error_at("content/hugo/bad.md:4", "wrong type for `tags`")
        .stderr_has("expected a list of strings, or one string")
        .error_count(1);
    book.write("content/hugo/bad.md", "---\ntitle: Bad\nsummary: s\n---\n");
    book.build().success();
    assert_eq!(
        book.texts("hugo/one/", ".related a"),
        ["Listening at three levels"]
    );
    assert_eq!(
        book.attrs("hugo/one/", "main .prose a", "href"),
        ["../hear/"]
    );
}
