//! `coachbook schema`: a JSON Schema (draft 2020-12) of front matter, derived
//! from the same raw types the parser reads, plus the site's own taxonomies
//! and extra fields, for editor tooling that validates front matter.

use serde_json::{Value, json};

use super::FieldRules;
use super::front_matter::RawFrontMatter;

/// The schema of front matter for a site with `rules`.
pub fn front_matter_schema(rules: &FieldRules) -> Value {
    let mut schema = schemars::schema_for!(RawFrontMatter).to_value();
    schema["description"] = json!(
        "Front matter of a coachbook page: a guide, a question bank (kind: questions) or a role-play (kind: scenario). Without title, the page is titled by its first heading or its file name. Fields of other generators are read where they mean something here (description, date, lastmod, last_modified_at, sidebar_position, nav_order, teaching, exercises); other fields are left out with a warning unless site.toml names them in extra_fields."
    );
    if let Some(properties) = schema["properties"].as_object_mut() {
        for name in &rules.taxonomies {
            properties.entry(name.clone()).or_insert_with(|| {
                json!({ "anyOf": [{ "type": "array", "items": { "type": "string" } }, { "type": "string" }], "description": "A taxonomy of this site; one term alone is a list of one." })
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
