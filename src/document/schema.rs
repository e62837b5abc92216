//! `coachbook schema`: a JSON Schema (draft 2020-12) of front matter, derived
//! from the same raw types the parser reads, plus the site's own taxonomies
//! and extra fields, for editor tooling that validates front matter.

use serde_json::{Value, json};

use super::FieldRules;
use super::front_matter::RawFrontMatter;

/// The schema of front matter for a site with `rules`.
pub fn front_matter_schema(rules: &FieldRules) -> Value {
    let mut schema = schemars::schema_for!(RawFrontMatter).to_value();
    schema["required"] = json!(["title"]);
    schema["description"] = json!(
        "Front matter of a coachbook page: a guide, a question bank (kind: questions) or a role-play (kind: scenario). A section's _index.md may leave out title."
    );
    if let Some(properties) = schema["properties"].as_object_mut() {
        for name in &rules.taxonomies {
            properties.entry(name.clone()).or_insert_with(|| {
                json!({ "type": "array", "items": { "type": "string" }, "description": "A taxonomy of this site." })
            });
        }
        for name in &rules.extra_fields {
            properties.insert(
                name.clone(),
                json!({ "description": "An extra field allowed by this site's site.toml." }),
            );
        }
    }
    schema
}
