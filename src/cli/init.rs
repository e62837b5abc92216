//! `coachbook init [DIR] [--ci github|gitlab]`: writes a starter handbook
//! that builds cleanly, and if asked the CI file that publishes it.

use std::fs;
use std::path::Path;

use clap::ValueEnum;

use super::ExitStatus;

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

/// The CI services `init --ci` writes a publishing workflow for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Ci {
    /// GitHub Actions publishing to GitHub Pages.
    Github,
    /// GitLab CI publishing to GitLab Pages.
    Gitlab,
}

impl Ci {
    /// Where the service looks for the file, and the file (the same as under `examples/ci/`).
    fn file(self) -> (&'static str, &'static str) {
        match self {
            Ci::Github => (
                ".github/workflows/pages.yml",
                include_str!("../../examples/ci/github-pages.yml"),
            ),
            Ci::Gitlab => (
                ".gitlab-ci.yml",
                include_str!("../../examples/ci/gitlab-ci.yml"),
            ),
        }
    }
}

/// Writes the starter handbook into `dir`, with the publishing workflow of `ci` if asked.
pub fn run(dir: &Path, ci: Option<Ci>) -> ExitStatus {
    let files: Vec<(&str, &str)> = STARTER.iter().copied().chain(ci.map(Ci::file)).collect();
    if let Some((existing, _)) = files.iter().find(|(rel, _)| dir.join(rel).exists()) {
        eprintln!(
            "error: {} already exists; init never overwrites files\n  = help: run `coachbook init <new-folder>` to start a handbook elsewhere",
            dir.join(existing).display()
        );
        return ExitStatus::Error;
    }
    for (rel, text) in files {
        let path = dir.join(rel);
        let written = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&path, text));
        if let Err(error) = written {
            eprintln!("error: could not write {}: {error}", path.display());
            return ExitStatus::Error;
        }
    }
    let workflow = ci.map_or(String::new(), |ci| format!(", and {}", ci.file().0));
    println!(
        "created a handbook in {}: a guide, a question bank and a scenario{workflow}\nnext: cd {} && coachbook build",
        dir.display(),
        dir.display()
    );
    ExitStatus::Success
}
