//! When each page last changed, from git: one `git log` per build lists
//! every commit touching `content/`, newest first, with the files it
//! touched, and the first date seen for a file is its last change. Never
//! one process per file.
//!
//! Anything short of a full history gives no dates rather than wrong ones:
//! no `git` on the path, a handbook outside a repository, a failing command,
//! or a shallow clone (whose oldest commit would seem to touch every file).
//! Pages then show only the `updated` their authors wrote.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};

use super::page_rel;
use crate::sources::History;
use crate::vocab::Date;

/// The folder under the root whose history is read.
const CONTENT: &str = "content";

/// The history of the pages under `root/content/`, by path relative to it.
pub fn read_history(root: &Path) -> History {
    if shallow(root) != Some(false) {
        return History::default();
    }
    let output = git(root)
        .args([
            "log",
            "-z",
            "--format=%cs",
            "--name-only",
            "--relative",
            "--",
        ])
        .arg(CONTENT)
        .output();
    match output {
        Ok(output) if output.status.success() => {
            History(parse_log(&String::from_utf8_lossy(&output.stdout)))
        }
        _ => History::default(),
    }
}

/// `git` run in `root`, its own messages silenced (a handbook outside a
/// repository is not a problem worth reporting).
fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(root)
        .stdin(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Whether the repository holding `root` is a shallow clone; `None` when
/// there is no repository or no git.
fn shallow(root: &Path) -> Option<bool> {
    let output = git(root)
        .args(["rev-parse", "--is-shallow-repository"])
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    match String::from_utf8_lossy(&output.stdout).trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// Reads `git log -z --format=%cs --name-only` output: each commit's date,
/// then the paths it touched, every field ended by a NUL (a commit's first
/// path after a newline). Paths hold a `/` (they are under `content/`);
/// dates never do.
fn parse_log(log: &str) -> HashMap<String, Date> {
    let mut dates = HashMap::new();
    let mut current: Option<Date> = None;
    for field in log.split('\0') {
        let field = field.trim_start_matches('\n');
        if field.is_empty() {
            continue;
        }
        let Some(path) = field.strip_prefix("content/") else {
            current = Date::read(field);
            continue;
        };
        if let (Some(date), Some(rel)) = (&current, page_rel(path)) {
            dates.entry(rel).or_insert_with(|| date.clone());
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_touching_a_page_gives_its_date() {
        let log = [
            "2025-03-04",
            "\ncontent/a/x.md",
            "content/img.png",
            "2024-01-02",
            "\ncontent/a/x.md",
            "content/y z.MD",
            "",
        ]
        .join("\0");
        let dates = parse_log(&log);
        assert_eq!(dates["a/x.md"].as_str(), "2025-03-04");
        assert_eq!(dates["y z.md"].as_str(), "2024-01-02");
        assert!(!dates.contains_key("img.png"), "{dates:?}");
        assert!(parse_log("").is_empty());
    }
}
