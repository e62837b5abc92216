//! `coachbook schema [--root DIR]`: the front-matter JSON Schema on standard output.

use std::path::Path;

use coachbook::Error;
use coachbook::build::load_config;
use coachbook::document::{FieldRules, front_matter_schema};

use super::{ExitStatus, report_error};

pub fn run(root: &Path) -> ExitStatus {
    // Without a handbook here, the schema still covers every built-in field.
    let rules = match load_config(root) {
        Ok(config) => config.field_rules(),
        Err(Error::NoConfig { .. }) => FieldRules::default(),
        Err(error) => return report_error(&error),
    };
    let schema = front_matter_schema(&rules);
    match serde_json::to_string_pretty(&schema) {
        Ok(text) => {
            println!("{text}");
            ExitStatus::Success
        }
        Err(error) => {
            eprintln!("error: could not write the schema: {error}");
            ExitStatus::Error
        }
    }
}
