//! `site.toml` problems: each is an error at its key's line with exit code 2,
//! and nothing is built.

use crate::support::{Handbook, Run};

fn refused(case: &str) -> Run {
    let book = Handbook::fixture(&format!("config/{case}"));
    let run = book.build();
    run.code(2);
    assert!(!book.path("public").exists());
    run
}

#[test]
fn unknown_key_is_an_error_with_did_you_mean() {
    refused("unknown_key")
        .error_at("site.toml:2", "unknown field `descripton`")
        .stderr_has("= help: did you mean `description`?")
        .error_count(1);
}

#[test]
fn wrong_type_is_an_error_at_its_key() {
    refused("wrong_type")
        .error_at("site.toml:5", "wrong type for `search.enabled`")
        .error_count(1);
}

#[test]
fn missing_title_is_an_error() {
    refused("missing_title")
        .error_at("site.toml:1", "missing required key `title`")
        .error_count(1);
}

#[test]
fn invalid_toml_is_an_error_at_its_line() {
    refused("invalid_toml")
        .error_at("site.toml:2", "invalid TOML")
        .error_count(1);
}

#[test]
fn check_refuses_a_bad_config_too() {
    let book = Handbook::fixture("config/unknown_key");
    book.check()
        .code(2)
        .error_at("site.toml:2", "unknown field `descripton`");
}
