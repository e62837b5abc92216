//! `coachbook init [DIR]`: writes a starter handbook that builds cleanly.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use super::USAGE_ERRORS;

/// The starter handbook: path and text, embedded so an installed binary needs nothing else.
const STARTER: &[(&str, &str)] = &[
    ("site.toml", include_str!("starter/site.toml")),
    (
        "content/_index.md",
        include_str!("starter/content/_index.md"),
    ),
    (
        "content/guides/_index.md",
        include_str!("starter/content/guides/_index.md"),
    ),
    (
        "content/guides/listening.md",
        include_str!("starter/content/guides/listening.md"),
    ),
    (
        "content/questions/_index.md",
        include_str!("starter/content/questions/_index.md"),
    ),
    (
        "content/questions/listening.md",
        include_str!("starter/content/questions/listening.md"),
    ),
    (
        "content/scenarios/_index.md",
        include_str!("starter/content/scenarios/_index.md"),
    ),
    (
        "content/scenarios/first-one-to-one.md",
        include_str!("starter/content/scenarios/first-one-to-one.md"),
    ),
];

pub fn run(dir: &Path) -> ExitCode {
    if let Some((existing, _)) = STARTER.iter().find(|(rel, _)| dir.join(rel).exists()) {
        eprintln!(
            "error: {} already exists; init never overwrites files\n  = help: run `coachbook init <new-folder>` to start a handbook elsewhere",
            dir.join(existing).display()
        );
        return ExitCode::from(USAGE_ERRORS);
    }
    for (rel, text) in STARTER {
        let path = dir.join(rel);
        let written = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&path, text));
        if let Err(error) = written {
            eprintln!("error: could not write {}: {error}", path.display());
            return ExitCode::from(super::CONTENT_ERRORS);
        }
    }
    println!(
        "created a handbook in {}: a guide, a question bank and a scenario\nnext: cd {} && coachbook build",
        dir.display(),
        dir.display()
    );
    ExitCode::SUCCESS
}
