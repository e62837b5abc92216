//! A handbook in several languages: translations `name.<code>.md` beside
//! their originals, at `<code>/…` URLs, each language with its own
//! navigation, listings, taxonomies, print page, exports and search index;
//! links to an untranslated page lead to the original, marked; every page
//! names its translations (hreflang, the language menu, the sitemap).

use crate::support::Handbook;

const FIXTURE: &str = "languages/handbook";

fn built() -> Handbook {
    Handbook::fixture(FIXTURE).built()
}

#[test]
fn translations_are_written_under_their_language_and_originals_keep_their_urls() {
    let book = built();
    for page in [
        "",
        "guides/listening/",
        "guides/feedback/",
        "questions/grow/",
        "de/",
        "de/guides/",
        "de/guides/listening/",
        "de/questions/grow/",
        "ja/",
        "ja/guides/listening/",
    ] {
        assert!(book.exists(page), "{page} was not written");
    }
    // Only what was translated exists in a language.
    assert!(!book.exists("de/guides/feedback/"));
    assert!(!book.exists("ja/questions/grow/"));
    assert!(!book.exists("guides/listening-de/"));
    // One 404 page, at the root, where servers look for it.
    assert!(book.exists("404.html"));
    assert!(!book.exists("de/404.html"));
    assert_eq!(
        book.texts("de/guides/listening/", "h1"),
        ["Aktives Zuhören"]
    );
}

#[test]
fn every_page_names_its_own_language() {
    let book = built();
    for (page, lang) in [
        ("", "en"),
        ("guides/feedback/", "en"),
        ("scenarios/deadline/roles/manager/", "en"),
        ("de/guides/listening/", "de"),
        ("de/tags/", "de"),
        ("de/print/", "de"),
        ("ja/guides/listening/", "ja"),
    ] {
        assert_eq!(book.attrs(page, "html", "lang"), [lang], "{page}");
    }
}

#[test]
fn pages_link_to_their_translations_with_hreflang_and_a_menu() {
    let book = built();
    let alternates = |page: &str| -> Vec<(String, String)> {
        let codes = book.attrs(page, "link[rel=alternate]", "hreflang");
        let hrefs = book.attrs(page, "link[rel=alternate]", "href");
        codes.into_iter().zip(hrefs).collect()
    };
    assert_eq!(
        alternates("de/guides/listening/"),
        [
            ("en".to_string(), "../../../guides/listening/".to_string()),
            ("x-default".into(), "../../../guides/listening/".into()),
            ("de".into(), "../../../de/guides/listening/".into()),
            ("ja".into(), "../../../ja/guides/listening/".into()),
        ]
    );
    // A page with no translation names none.
    assert!(alternates("guides/feedback/").is_empty());

    let menu = "details.language-menu li a";
    assert_eq!(
        book.texts("guides/listening/", menu),
        ["English", "Deutsch", "日本語"]
    );
    assert_eq!(
        book.attrs("guides/listening/", menu, "href"),
        [
            "./",
            "../../de/guides/listening/",
            "../../ja/guides/listening/"
        ]
    );
    assert_eq!(
        book.attrs(
            "de/guides/listening/",
            &format!("{menu}[aria-current]"),
            "lang"
        ),
        ["de"]
    );
    // Without a translation, the menu leads to that language's home page.
    assert_eq!(
        book.attrs("guides/feedback/", menu, "href"),
        ["./", "../../de/", "../../ja/"]
    );
}

#[test]
fn the_portable_menu_links_end_in_index_html() {
    let book = Handbook::fixture(FIXTURE);
    book.build_with(&["--portable"]).success();
    assert_eq!(
        book.attrs("ja/guides/listening/", "details.language-menu li a", "href"),
        [
            "../../../guides/listening/index.html",
            "../../../de/guides/listening/index.html",
            "../../../ja/guides/listening/index.html"
        ]
    );
}

#[test]
fn the_sitemap_lists_every_language_with_its_alternates() {
    // A sitemap's addresses are absolute, so it needs a full base_url.
    let book = with_full_base_url(Handbook::fixture(FIXTURE)).built();
    let sitemap = book.read("sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains("<loc>https://handbook.example.org/de/guides/listening/</loc>"));
    assert!(sitemap.contains("<loc>https://handbook.example.org/ja/guides/listening/</loc>"));
    let entry = sitemap
        .lines()
        .find(|line| line.contains("<loc>https://handbook.example.org/de/guides/listening/</loc>"))
        .unwrap();
    for alternate in [
        r#"hreflang="en" href="https://handbook.example.org/guides/listening/""#,
        r#"hreflang="de" href="https://handbook.example.org/de/guides/listening/""#,
        r#"hreflang="ja" href="https://handbook.example.org/ja/guides/listening/""#,
        r#"hreflang="x-default" href="https://handbook.example.org/guides/listening/""#,
    ] {
        assert!(entry.contains(alternate), "{alternate} missing in {entry}");
    }
    let untranslated = sitemap
        .lines()
        .find(|line| line.contains("<loc>https://handbook.example.org/guides/feedback/</loc>"))
        .unwrap();
    assert!(!untranslated.contains("xhtml:link"), "{untranslated}");
    assert!(!book.exists("de/sitemap.xml"));
}

#[test]
fn a_one_language_handbook_has_no_alternates_and_no_menu() {
    let book = with_full_base_url(Handbook::fixture("search/handbook")).built();
    for page in ["", "guides/"] {
        assert!(book.select(page, "link[hreflang]").is_empty(), "{page}");
        assert!(book.select(page, ".language-menu").is_empty(), "{page}");
        assert!(!book.read(page).contains("hreflang"), "{page}");
    }
    assert!(!book.read("sitemap.xml").contains("xhtml"));
}

#[test]
fn each_language_has_its_own_navigation_listings_and_taxonomies() {
    let book = built();
    let sidebar = |page: &str| book.texts(page, "#sidebar a");
    let german = sidebar("de/guides/listening/");
    assert!(
        german.contains(&"Aktives Zuhören".to_string()),
        "{german:?}"
    );
    assert!(german.contains(&"Leitfäden".to_string()), "{german:?}");
    for english in ["Active listening", "Giving feedback", "Scenarios"] {
        assert!(!german.contains(&english.to_string()), "{german:?}");
    }
    let english = sidebar("guides/listening/");
    assert!(
        !english.contains(&"Aktives Zuhören".to_string()),
        "{english:?}"
    );
    // Breadcrumbs and previous/next stay in the language.
    assert_eq!(
        book.attrs("de/guides/listening/", ".breadcrumbs a", "href"),
        ["../../", "../"]
    );
    for href in book.attrs("de/guides/listening/", ".pager a", "href") {
        assert!(!href.starts_with("../../../"), "{href} leaves the language");
    }
    // A listing lists the language's pages.
    assert_eq!(
        book.texts("de/guides/", ".cards .card h3"),
        ["Aktives Zuhören"]
    );
    // Taxonomies count the language's pages only.
    assert!(book.exists("de/tags/zuhören/"));
    assert!(!book.exists("de/tags/listening/"));
    assert!(!book.exists("tags/zuhören/"));
    // The print page prints the language's pages.
    let print = book.read("de/print/");
    assert!(print.contains("Aktives Zuhören"));
    assert!(!print.contains("Giving feedback"));
}

#[test]
fn exports_and_search_hold_the_language_s_pages_only() {
    let book = built();
    let german = book.read("de/exports/questions.json");
    assert!(
        german.contains("Was möchten Sie heute erreichen?"),
        "{german}"
    );
    assert!(!german.contains("What do you want from today?"));
    assert!(german.contains("/de/questions/grow/"), "{german}");
    let english = book.read("exports/questions.json");
    assert!(!english.contains("Was möchten Sie"));
    let german_docs = book.read("de/search/d0.js");
    assert!(german_docs.contains("Aktives Zuhören"));
    assert!(!german_docs.contains("Giving feedback"));
    assert!(!book.read("search/d0.js").contains("Aktives Zuhören"));
    // The search box of a translation loads its language's index, and the
    // theme's files from the site root.
    assert_eq!(
        book.attrs("de/guides/listening/", ".search", "data-search-base"),
        ["../../search/"]
    );
    assert_eq!(
        book.attrs("de/guides/listening/", "link[rel=stylesheet]", "href"),
        ["../../../coachbook.css"]
    );
}

#[test]
fn links_resolve_to_the_translation_or_to_the_marked_original() {
    let book = built();
    let links = |page: &str| -> Vec<(String, String)> {
        let hrefs = book.attrs(page, "main article a", "href");
        let langs = book.select(page, "main article a");
        hrefs.into_iter().zip(langs).collect()
    };
    let german = links("de/guides/listening/");
    let grow = german
        .iter()
        .find(|(_, html)| html.contains("GROW-Fragen"))
        .expect("the link to the bank");
    assert_eq!(grow.0, "../../questions/grow/");
    assert!(!grow.1.contains("hreflang"), "{}", grow.1);
    let feedback = german
        .iter()
        .find(|(_, html)| html.contains("Feedback geben"))
        .expect("the link to the untranslated guide");
    assert_eq!(feedback.0, "../../../guides/feedback/#the-model");
    assert!(feedback.1.contains(r#"hreflang="en""#), "{}", feedback.1);
}

#[test]
fn a_file_named_for_an_unconfigured_language_is_an_ordinary_page() {
    let book = Handbook::fixture(FIXTURE);
    book.build()
        .success()
        .code_at("content/notes.fr.md:1", "unconfigured-language");
    assert!(book.exists("notes-fr/"));
    assert!(!book.exists("fr/"));
}

#[test]
fn languages_in_site_toml_are_checked_like_every_key() {
    let book = Handbook::fixture(FIXTURE);
    book.write(
        "site.toml",
        "title = \"H\"\nlanguage = \"en\"\n[languages.de]\ntitel = \"Handbuch\"\n[languages.en]\ntitle = \"Twice\"\n[languages.\"d e\"]\n",
    );
    let run = book.build();
    run.code(2)
        .code_at("site.toml:4", "unknown-field")
        .stderr_has("did you mean `title`?")
        .code_at("site.toml:6", "invalid-value")
        .code_at("site.toml:7", "invalid-value");
    book.write(
        "site.toml",
        "title = \"H\"\n[languages.xx]\ntitle = \"X\"\n",
    );
    book.build()
        .success()
        .code_at("site.toml:2", "unknown-language");
}

#[test]
fn each_language_s_index_splits_and_stems_its_own_way() {
    let book = built();
    let words = |file: &str| -> Vec<String> {
        let text = book.read(file);
        let start = text.find("\"words\":\"").expect("a word list") + 9;
        let end = start + text[start..].find('"').unwrap();
        text[start..end].split("\\n").map(str::to_string).collect()
    };
    let japanese = words("ja/search/index.js");
    // 「質問が信頼を築きます」 is one run of letters: its pairs and characters are words.
    for word in ["信頼", "頼", "傾聴", "質問"] {
        assert!(
            japanese.contains(&word.to_string()),
            "{word} not in {japanese:?}"
        );
    }
    assert!(
        !japanese
            .iter()
            .any(|w| w.chars().count() > 2 && !w.is_ascii())
    );
    let german = words("de/search/index.js");
    // Folded without accents, and both forms of „Gespräch“ are there for the stemmer.
    for word in ["gesprachen", "gesprach", "zuhoren"] {
        assert!(
            german.contains(&word.to_string()),
            "{word} not in {german:?}"
        );
    }
}

#[test]
fn the_theme_speaks_the_page_s_language() {
    let book = built();
    let page = "de/guides/listening/";
    assert_eq!(book.texts(page, ".toc h2"), ["Auf dieser Seite"]);
    assert_eq!(book.texts(page, ".skip-link"), ["Zum Inhalt springen"]);
    assert_eq!(book.attrs(page, "#search-input", "placeholder"), ["Suchen"]);
    // Dates are written the German way, and kept as data in `datetime`.
    assert_eq!(book.texts(page, ".meta time"), ["15. Januar 2026"]);
    assert_eq!(book.attrs(page, ".meta time", "datetime"), ["2026-01-15"]);
    assert_eq!(
        book.texts("ja/guides/listening/", ".meta time"),
        ["2026年4月1日"]
    );
    // English stays as it always was.
    assert_eq!(
        book.texts("guides/listening/", ".meta time"),
        ["2026-03-01"]
    );
    assert_eq!(book.texts("guides/listening/", ".toc h2"), ["On this page"]);
    // The handbook's i18n/ja.toml overrides a built-in word.
    assert_eq!(
        book.texts("ja/guides/listening/", ".toc h2"),
        ["このページの見出し"]
    );
    assert_eq!(book.texts("ja/", ".skip-link"), ["本文へ移動"]);
    assert_eq!(
        book.texts("de/print/", "h1").first().unwrap(),
        "Coaching-Handbuch"
    );
    assert!(book.read("de/print/").contains("<title>Das ganze Handbuch"));
}

#[test]
fn a_missing_word_falls_back_to_english_with_a_warning_naming_it() {
    let book = Handbook::fixture(FIXTURE);
    let config = std::fs::read_to_string(book.path("site.toml")).unwrap();
    book.write(
        "site.toml",
        format!("{config}\n[languages.it]\ntitle = \"Manuale\"\n"),
    );
    book.write(
        "content/_index.it.md",
        "---\ntitle: Manuale\nsummary: Inizio.\n---\n",
    );
    book.write(
        "i18n/it.toml",
        "previous = \"Indietro\"\nnxet = \"Avanti\"\n",
    );
    let run = book.build();
    run.success()
        .code_at("i18n/it.toml:1", "missing-word")
        .stderr_has("`all`")
        .code_at("i18n/it.toml:2", "unknown-word")
        .stderr_has("did you mean `next`?");
    assert_eq!(book.texts("it/", ".skip-link"), ["Skip to content"]);
}

#[test]
fn check_translations_reports_missing_and_outdated_translations() {
    let book = Handbook::fixture(FIXTURE);
    let root = book.root().to_str().unwrap().to_string();
    let run = book.run(&["check", "--root", &root, "--translations"]);
    run.success();
    let line = |language: &str, finding: &str, file: &str| {
        run.stdout.lines().any(|line| {
            let cells: Vec<&str> = line
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            cells.len() >= 3 && cells[0] == language && cells[1] == finding && cells[2] == file
        })
    };
    assert!(
        line("de", "not translated", "content/guides/feedback.md"),
        "{}",
        run.stdout
    );
    assert!(
        line("ja", "not translated", "content/questions/grow.md"),
        "{}",
        run.stdout
    );
    assert!(
        !line("de", "not translated", "content/questions/grow.md"),
        "{}",
        run.stdout
    );
    assert!(
        line(
            "de",
            "older than original",
            "content/guides/listening.de.md"
        ),
        "{}",
        run.stdout
    );
    // The Japanese guide is newer than its original.
    assert!(!run.stdout.contains("listening.ja.md"), "{}", run.stdout);

    let json = book.run(&[
        "check",
        "--root",
        &root,
        "--translations",
        "--format",
        "json",
    ]);
    json.success();
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let german = &value["translations"][0];
    assert_eq!(german["language"], "de");
    assert_eq!(
        german["outdated"][0]["translation"],
        "content/guides/listening.de.md"
    );
    assert_eq!(german["outdated"][0]["original_date"], "2026-03-01");
    assert_eq!(german["outdated"][0]["translation_date"], "2026-01-15");
    let missing: Vec<&str> = german["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["original"].as_str().unwrap())
        .collect();
    assert!(
        missing.contains(&"content/scenarios/deadline.md"),
        "{missing:?}"
    );
    assert!(value["diagnostics"].is_array());
    // Without the flag the JSON is the diagnostics alone, as before.
    let plain = book.run(&["check", "--root", &root, "--format", "json"]);
    assert!(
        serde_json::from_str::<serde_json::Value>(&plain.stdout)
            .unwrap()
            .is_array()
    );
}

#[test]
fn a_folder_named_like_a_language_is_an_error_at_its_page() {
    let book = Handbook::fixture(FIXTURE);
    book.write(
        "content/de/notes.md",
        "---\ntitle: Notes\nsummary: S.\n---\n",
    );
    book.build()
        .code(1)
        .code_at("content/de/notes.md:1", "output-collision");
}

#[test]
fn the_scripts_get_the_words_of_a_language_other_than_english() {
    let book = built();
    let words = book.attrs("de/guides/listening/", ".search", "data-words");
    assert_eq!(words.len(), 1);
    let words: serde_json::Value = serde_json::from_str(&words[0]).unwrap();
    assert_eq!(words["kind_guide"], "Leitfaden");
    assert_eq!(words["script_results"], "{count} Treffer");
    // English pages carry none: the scripts hold the English words.
    assert!(
        book.attrs("guides/listening/", ".search", "data-words")
            .is_empty()
    );
}

/// `book` published at a full address, so that it writes a sitemap.
fn with_full_base_url(book: Handbook) -> Handbook {
    let config = std::fs::read_to_string(book.path("site.toml")).unwrap();
    let others: String = config
        .lines()
        .filter(|line| !line.starts_with("base_url"))
        .map(|line| format!("{line}\n"))
        .collect();
    book.write(
        "site.toml",
        format!("base_url = \"https://handbook.example.org/\"\n{others}"),
    );
    book
}

/// A German scenario's cards, and a German session's run-sheet, pack and
/// presenter window, are written in the German table's words, not the English ones.
#[test]
fn german_cards_and_sessions_read_in_german() {
    let book = Handbook::fixture(FIXTURE);
    book.write(
        "content/scenarios/deadline.de.md",
        "---\ntitle: Die verpasste Frist\nkind: scenario\nsummary: Ein Bericht kommt zu spät.\nduration: 30\nroles:\n  - id: manager\n    name: Führungskraft\n    brief: Sie brauchen den Bericht.\n  - id: report\n    name: Teammitglied\n    brief: Sie waren überlastet.\nobserver_checklist:\n  - Offene Fragen\n---\nEin Wochenbericht kam zwei Tage zu spät.\n",
    );
    book.write(
        "content/sessions/morning.de.md",
        "---\ntitle: Ein Vormittag\nkind: session\nsummary: Zuhören üben.\nduration: 60\nstart: \"09:00\"\nobjectives: [Zuhören]\nagenda:\n  - { minutes: 10, break: true }\n  - { minutes: 30, scenario: ../scenarios/deadline.md, groups: 2 }\n  - { day: 2, start: \"13:00\" }\n  - { minutes: 20, activity: Abschluss }\n---\nDer Vormittag.\n",
    );
    book.build().success();

    let says = |page: &str, css: &str, words: &[&str]| {
        let text = book.texts(page, css).join(" ");
        for word in words {
            assert!(text.contains(word), "{page} lacks {word:?}:\n{text}");
        }
    };
    let cards = "de/scenarios/deadline/cards/";
    says(
        cards,
        "main",
        &[
            "Karten — Die verpasste Frist",
            "Rollenkarte",
            "Ihre Rolle in",
            "Die Ausgangslage",
            "Ihre Rollenbeschreibung",
            "Checkliste für Beobachtende",
            "Achten Sie auf",
            "Alle Karten drucken",
        ],
    );
    says(
        "de/scenarios/deadline/",
        "body",
        &["Verwendet in 1 Sitzung", "Im ganzen Handbuch"],
    );
    let session = "de/sessions/morning/";
    let pack = "de/sessions/morning/pack/";
    says(
        session,
        "main",
        &[
            "Programm",
            "Uhrzeit",
            "Aktivität",
            "Pause",
            "2 Gruppen",
            "Tag 2, ab 13:00",
            "Benötigtes Material",
            "Rollenkarten für",
            "Präsentieren",
        ],
    );
    let groups = book.texts(pack, "main .card-group");
    assert!(groups.contains(&"Gruppe 2 von 2".to_string()), "{groups:?}");
    let english = [
        "Role card",
        "Your role in",
        "The situation",
        "Your brief",
        "Observer checklist",
        "Watch for",
        "Print all cards",
        "Agenda",
        "Activity",
        "Break",
        "Materials",
        "Role cards for",
        "Group ",
        "Day 2",
        "Present",
        "Facilitator",
        "minutes",
    ];
    let presenter = "de/sessions/morning/present/presenter/";
    says(
        presenter,
        "body",
        &[
            "2 Gruppen",
            "Rollen: ",
            "Tag 2",
            "Ab 13:00",
            "Weiter um 09:10",
            "Vielen Dank",
            "Zeitmesser",
        ],
    );
    let screens = book.texts(presenter, "body").join(" ");
    assert!(
        !screens.contains("Thank you") && !screens.contains("Timer"),
        "{screens}"
    );
    for page in [cards, session, pack] {
        let text = book.texts(page, "main").join(" ");
        for word in english {
            assert!(!text.contains(word), "{page} still says {word:?}:\n{text}");
        }
    }
}
