//! The search index a build writes under `search/`: one entry per page, bank
//! question and scenario, words found through their stems and without their
//! accents, and, in the participant edition, nothing that edition leaves out.
//!
//! The index is read back here the way the browser's script reads it: the
//! word list gives a stem, the stem's shard gives postings, and the postings
//! name documents in the document shards.

use serde_json::Value;

use crate::support::{Handbook, selector};

const FIXTURE: &str = "search/handbook";

/// Words the fixture puts only in material the participant edition leaves out.
const FACILITATOR_WORDS: &[&str] = &[
    "backstagery",  // a facilitator section and the page under it
    "cloakroomish", // a :::facilitator block in a guide
    "hushquestion", // a facilitator-only bank question
    "notewhisper",  // a scenario's facilitator notes
    "briefsecret",  // a role brief (not indexed for participants)
];

/// One document of the index: `[title, url, kind, section, text]`.
#[derive(Debug, Clone)]
struct Doc {
    title: String,
    url: String,
    kind: String,
    section: String,
}

/// The index of a built handbook, read from its files.
struct Index<'a> {
    book: &'a Handbook,
    head: Value,
}

/// The data a search file hands to `window.coachbookSearch.add(name, data)`.
fn data_of(text: &str) -> Value {
    let json = text
        .trim_end()
        .strip_prefix("window.coachbookSearch.add(\"")
        .and_then(|rest| rest.split_once("\","))
        .and_then(|(_, rest)| rest.strip_suffix(");"))
        .unwrap_or_else(|| panic!("not a search file: {}", &text[..text.len().min(80)]));
    serde_json::from_str(json).unwrap()
}

impl<'a> Index<'a> {
    fn read(book: &'a Handbook) -> Index<'a> {
        Index {
            book,
            head: data_of(&book.read("search/index.js")),
        }
    }

    /// Item `id` of a shard list (`posting_shards` or `document_shards`).
    fn item(&self, shards: &str, id: usize) -> Value {
        let list = self.head[shards].as_array().unwrap();
        let shard = list
            .iter()
            .rev()
            .find(|s| s[0].as_u64().unwrap() as usize <= id)
            .unwrap();
        let data = data_of(
            &self
                .book
                .read(&format!("search/{}", shard[1].as_str().unwrap())),
        );
        let first = data[0].as_u64().unwrap() as usize;
        data[1][id - first].clone()
    }

    fn words(&self) -> Vec<&str> {
        self.head["words"].as_str().unwrap().split('\n').collect()
    }

    fn doc(&self, id: usize) -> Doc {
        let doc = self.item("document_shards", id);
        let text = |i: usize| doc[i].as_str().unwrap().to_string();
        Doc {
            title: text(0),
            url: text(1),
            kind: text(2),
            section: text(3),
        }
    }

    fn docs(&self) -> Vec<Doc> {
        let count = self.head["documents"].as_u64().unwrap() as usize;
        (0..count).map(|id| self.doc(id)).collect()
    }

    /// The titles of the documents holding a word with the same stem as `word`
    /// (typed as a reader would: any case, any accents).
    fn find(&self, word: &str) -> Vec<String> {
        let folded = coachbook::search::fold(word);
        let words = self.words();
        let Ok(at) = words.binary_search(&folded.as_str()) else {
            return Vec::new();
        };
        // Stem ids are written as gaps from the previous word's.
        let stem = self.head["word_stems"].as_array().unwrap()[..=at]
            .iter()
            .map(|gap| gap.as_i64().unwrap())
            .sum::<i64>() as usize;
        let postings = self.item("posting_shards", stem);
        let postings = postings.as_array().unwrap();
        let mut doc = 0;
        let mut titles = Vec::new();
        for pair in postings.chunks(2) {
            doc += pair[0].as_u64().unwrap() as usize;
            titles.push(self.doc(doc).title);
        }
        titles
    }
}

#[test]
fn the_index_holds_every_page_every_bank_question_and_every_scenario() {
    let book = Handbook::fixture(FIXTURE).built();
    let index = Index::read(&book);
    let docs = index.docs();
    let entries: Vec<(&str, &str, &str)> = docs
        .iter()
        .map(|d| (d.kind.as_str(), d.title.as_str(), d.url.as_str()))
        .collect();
    assert_eq!(
        entries,
        [
            ("home", "Search Handbook", ""),
            ("section", "Guides", "guides/"),
            ("guide", "Giving feedback", "guides/feedback/"),
            ("guide", "Using silence", "guides/silence/"),
            ("section", "Questions", "questions/"),
            ("questions", "GROW questions", "questions/grow/"),
            (
                "question",
                "What quixotical goal would you chase if nothing stood in the way?",
                "questions/grow/#quixotical-goal"
            ),
            (
                "question",
                "What is happening now?",
                "questions/grow/#reality-check"
            ),
            (
                "question",
                "What hushquestion do you avoid asking?",
                "questions/grow/#hushed-question"
            ),
            ("section", "Scenarios", "scenarios/"),
            (
                "scenario",
                "The missed deadline",
                "scenarios/missed-deadline/"
            ),
            ("section", "Trainer backstage", "trainers/"),
            ("guide", "Running a session", "trainers/running/"),
            ("gathered", "Key takeaways", "takeaways/"),
            ("gathered", "Exercises", "exercises/"),
            ("gathered", "Facilitator notes", "facilitator/"),
        ]
    );
    let question = &docs[6];
    assert_eq!(question.section, "GROW questions · Goal");
    assert_eq!(docs[2].section, "Guides");
    assert_eq!(docs[0].section, "");
}

#[test]
fn a_word_finds_the_pages_and_questions_that_hold_it() {
    let book = Handbook::fixture(FIXTURE).built();
    let index = Index::read(&book);
    // A word in one guide's body only.
    assert_eq!(index.find("zanzibarish"), ["Using silence"]);
    // A word in one bank question, which a scenario's debrief also shows.
    assert_eq!(
        index.find("quixotical"),
        [
            "What quixotical goal would you chase if nothing stood in the way?",
            "The missed deadline"
        ]
    );
    // Case and accents do not matter: "Café" in the text, "CAFE" typed.
    assert_eq!(index.find("CAFE"), ["Giving feedback"]);
    assert_eq!(index.find("crème"), ["Giving feedback"]);
    // Word forms share a stem: "listening" in one guide, "listened" in the other.
    assert_eq!(
        index.find("listening"),
        ["Giving feedback", "Using silence"]
    );
    assert_eq!(index.find("listened"), index.find("listening"));
    // Stop words are not indexed.
    assert!(index.find("the").is_empty());
    // Tags and headings are indexed with the page.
    assert!(
        index
            .find("counting")
            .contains(&"Using silence".to_string())
    );
}

#[test]
fn the_full_build_indexes_facilitator_material() {
    let book = Handbook::fixture(FIXTURE).built();
    let index = Index::read(&book);
    for word in FACILITATOR_WORDS {
        assert!(!index.find(word).is_empty(), "{word} is not indexed");
    }
}

#[test]
fn the_participant_index_holds_nothing_the_edition_leaves_out() {
    let book = Handbook::fixture(FIXTURE);
    book.build_with(&["--edition", "participant"]).success();
    let index = Index::read(&book);
    for word in FACILITATOR_WORDS {
        assert!(index.find(word).is_empty(), "{word} is indexed");
    }
    // Not in any search file in any form: not as a word, a title or a snippet.
    for (path, bytes) in book.snapshot("public/search") {
        let text = String::from_utf8(bytes).unwrap().to_lowercase();
        for word in FACILITATOR_WORDS {
            assert!(!text.contains(word), "{word} is in {}", path.display());
        }
        assert!(!text.contains("trainer backstage"), "{}", path.display());
    }
    let titles: Vec<String> = index.docs().into_iter().map(|d| d.title).collect();
    assert!(
        !titles
            .iter()
            .any(|t| t.contains("Trainer") || t == "Running a session")
    );
    assert!(!titles.iter().any(|t| t.contains("hushquestion")));
    // What participants may read is all there.
    assert_eq!(index.find("zanzibarish"), ["Using silence"]);
    assert_eq!(index.find("quixotical").len(), 2);
}

#[test]
fn every_page_has_a_labelled_search_box_and_portable_builds_say_so() {
    let book = Handbook::fixture(FIXTURE).built();
    for page in ["", "guides/silence/", "questions/grow/", "tags/"] {
        let html = book.html(page);
        let input = html
            .select(&selector("header input[type=search]"))
            .next()
            .unwrap_or_else(|| panic!("no search box on {page:?}"));
        let id = input.value().attr("id").unwrap();
        let label = selector(&format!("label[for={id}]"));
        assert_eq!(html.select(&label).count(), 1, "{page:?}");
        let panel = input.value().attr("aria-controls").unwrap();
        assert_eq!(html.select(&selector(&format!("#{panel}"))).count(), 1);
    }
    let base = book.attrs("guides/silence/", "[data-search-base]", "data-search-base");
    assert_eq!(base, ["../../search/"]);
    assert!(
        book.attrs("guides/silence/", "[data-search-base]", "data-portable")
            .is_empty()
    );

    let portable = Handbook::fixture(FIXTURE);
    portable.build_with(&["--portable"]).success();
    assert_eq!(
        portable.attrs("guides/silence/", "[data-search-base]", "data-portable"),
        [""]
    );
}

#[test]
fn search_can_be_turned_off_in_site_toml() {
    let book = Handbook::fixture(FIXTURE);
    let config = std::fs::read_to_string(book.path("site.toml")).unwrap();
    book.write(
        "site.toml",
        config.replace("[search]\nenabled = true", "[search]\nenabled = false"),
    );
    book.build().success();
    assert!(!book.path("public/search").exists());
    assert!(!book.read("guides/silence/").contains("type=\"search\""));
    assert!(!book.read("guides/silence/").contains("coachbook-search"));
}
