//! `coachbook schema`: the JSON Schema of front matter accepts every front
//! matter of the sample handbook and rejects what the parser rejects.

use std::path::Path;

use coachbook::document::split_front_matter;
use serde_json::{Value, json};

use crate::support::Handbook;

fn schema_of(handbook_root: &Path) -> Value {
    let handbook = Handbook::empty();
    let root = handbook_root.to_str().unwrap();
    let run = handbook.run(&["schema", "--root", root]);
    run.success();
    serde_json::from_str(&run.stdout).expect("the schema is JSON")
}

/// Every front matter under `content/`, as the parser reads it.
fn front_matters(root: &Path) -> Vec<(String, Value)> {
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|entry| {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let (yaml, _) = split_front_matter(&text).unwrap().yaml?;
            let value: Value = serde_yaml::from_str(yaml).unwrap();
            Some((entry.path().display().to_string(), value))
        })
        .collect()
}

#[test]
fn the_schema_is_draft_2020_12_and_accepts_every_front_matter_of_the_sample_handbook() {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema = schema_of(repository);
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let validator = jsonschema::draft202012::new(&schema).expect("a valid schema");
    let pages = front_matters(repository);
    assert!(pages.len() >= 15, "{}", pages.len());
    for (path, front_matter) in &pages {
        let errors: Vec<String> = validator
            .iter_errors(front_matter)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:?}");
    }
}

#[test]
fn the_schema_rejects_a_typo_a_wrong_type_and_a_bad_kind() {
    let schema = schema_of(Path::new(env!("CARGO_MANIFEST_DIR")));
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    assert!(validator.is_valid(&json!({ "title": "Listening", "competencies": ["listening"] })));
    for bad in [
        json!({ "title": "Listening", "competences": ["listening"] }),
        json!({ "title": "Listening", "weight": "heavy" }),
        json!({ "title": "Listening", "kind": "scenrio" }),
        json!({ "title": "Bank", "kind": "questions", "questions": [{ "txt": "Typo?" }] }),
        json!({ "title": "Old", "review_by": "next year" }),
        json!({ "title": "Listening", "tags": { "a": "b" } }),
        json!({ "title": "Listening", "date": "last week" }),
        json!({ "title": "Listening", "nav_order": "first" }),
    ] {
        assert!(!validator.is_valid(&bad), "accepted {bad}");
    }
}

#[test]
fn the_schema_includes_the_sites_own_taxonomies_and_extra_fields() {
    let handbook = Handbook::minimal();
    handbook.write(
        "site.toml",
        "title = \"T\"\nextra_fields = [\"layout\"]\n[taxonomies]\nthemes = \"Themes\"\n",
    );
    let schema = schema_of(handbook.root());
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    assert!(
        validator.is_valid(&json!({ "title": "A", "themes": ["trust"], "layout": { "any": 1 } }))
    );
    // One term alone is a list of one, for the site's taxonomies too.
    assert!(validator.is_valid(&json!({ "title": "A", "themes": "trust" })));
    assert!(!validator.is_valid(&json!({ "title": "A", "themes": 3 })));
}

#[test]
fn the_schema_accepts_the_fields_of_other_generators_and_one_word_for_a_list() {
    let schema = schema_of(Path::new(env!("CARGO_MANIFEST_DIR")));
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    for good in [
        json!({ "title": "Hugo", "description": "d", "date": "2024-01-01T10:00:00Z", "lastmod": "2024-01-01 10:00:00 +0100" }),
        json!({ "nav_order": 2, "last_modified_at": "2024-01-01" }),
        json!({ "title": "Docusaurus", "sidebar_position": 1 }),
        json!({ "title": "Episode", "teaching": 10, "exercises": 5 }),
        json!({ "title": "One", "tags": "toread", "competencies": "feedback", "related": "x.md", "aliases": "X" }),
    ] {
        assert!(validator.is_valid(&good), "rejected {good}");
    }
}
