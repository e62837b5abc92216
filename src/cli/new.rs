//! `coachbook new guide|questions|scenario|session PATH [--title T]`: a content file
//! with its front matter filled in, ready to edit.

use std::fs;
use std::path::{Component, Path, PathBuf};

use clap::ValueEnum;
use coachbook::config::resolve;
use coachbook::document::title_from_name;

use super::ExitStatus;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NewKind {
    Guide,
    Questions,
    Scenario,
    Session,
}

/// Where PATH lands: under `root/content/` unless it already starts with
/// `content/`. `None` if it would land anywhere else: an absolute path, a
/// `..`, or a symlink out of `content/`.
fn target_path(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !relative {
        return None;
    }
    let content = root.join("content");
    let mut target = if path.starts_with("content") {
        root.join(path)
    } else {
        content.join(path)
    };
    if target.extension().is_none_or(|ext| ext != "md") {
        target.set_extension("md");
    }
    resolve(&target)
        .starts_with(resolve(&content))
        .then_some(target)
}

/// A YAML double-quoted string: JSON's escaping is valid YAML.
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

fn front_matter(kind: NewKind, title: &str) -> String {
    let title = yaml_string(title);
    match kind {
        NewKind::Guide => format!(
            "---\ntitle: {title}\nsummary: One or two sentences shown in listings and search.\nweight: 10\ntags: []\ncompetencies: []\ntakeaways:\n  - The one thing to remember.\n---\nWrite the guide here.\n\n## First part\n\nUse `##` headings: they become the page's table of contents.\n"
        ),
        NewKind::Questions => format!(
            "---\ntitle: {title}\nkind: questions\nsummary: What these questions help a coach do.\nstages: [Goal, Reality, Options, Will]\nquestions:\n  - id: first-question\n    stage: Goal\n    text: What would you like to walk away with today?\n    purpose: Sets a shared aim for the conversation.\n    follow_ups: [What would that give you?]\n    tags: [opening]\n---\nIntroduce the bank: when to use it and how.\n"
        ),
        NewKind::Scenario => format!(
            "---\ntitle: {title}\nkind: scenario\nsummary: The situation in one sentence.\nduration: 30\nformat: triad\nlevel: new-manager\ncompetencies: []\nroles:\n  - id: coach\n    name: The manager (coach)\n    brief: |\n      What this role knows and wants.\n  - id: coachee\n    name: The team member\n    brief: |\n      What this role knows and wants.\ntiming:\n  - {{ phase: Read briefs, minutes: 5 }}\n  - {{ phase: Role-play, minutes: 15 }}\n  - {{ phase: Debrief, minutes: 10 }}\nobserver_checklist:\n  - Asked open questions before offering solutions\ndebrief:\n  - What did you notice?\nfacilitator_notes: |\n  Notes for the facilitator only.\n---\nThe situation every participant reads.\n"
        ),
        NewKind::Session => format!(
            "---\ntitle: {title}\nkind: session\nsummary: What participants leave able to do, in a sentence.\nduration: 90\nstart: \"09:00\"\nlevel: new-manager\ncompetencies: []\nobjectives:\n  - Practise one skill they will use this week.\npre_work: []   # pages to read first, such as ../guides/listening.md\nmaterials: [Flip chart, Sticky notes]\nagenda:\n  - {{ minutes: 10, activity: Welcome and check-in }}\n  # Rows may present a guide, ask a bank's questions or play a scenario:\n  # - {{ minutes: 30, guide: ../guides/listening.md, activity: \"Input: listening\" }}\n  # - {{ minutes: 20, questions: ../questions/grow.md#goal, activity: Practice in pairs }}\n  # - {{ minutes: 30, scenario: ../scenarios/first-one-to-one.md, groups: 3 }}\n  - {{ minutes: 55, activity: Practice in pairs }}\n  - {{ minutes: 10, break: true }}\n  - minutes: 15\n    activity: Commitments\n    notes: |\n      Notes for the facilitator only.\n---\nThe facilitator's overview of the session.\n"
        ),
    }
}

pub fn run(kind: NewKind, root: &Path, path: &Path, title: Option<&str>) -> ExitStatus {
    let Some(target) = target_path(root, path) else {
        eprintln!(
            "error: {} is outside content/; `new` writes only under the handbook's content folder\n  = help: give a path under content/, such as `guides/feedback.md`",
            path.display()
        );
        return ExitStatus::Error;
    };
    if target.exists() {
        eprintln!(
            "error: {} already exists; `new` never overwrites files",
            target.display()
        );
        return ExitStatus::Error;
    }
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = title.map_or_else(|| title_from_name(&file_name), str::to_string);
    let written = target
        .parent()
        .map_or(Ok(()), fs::create_dir_all)
        .and_then(|()| fs::write(&target, front_matter(kind, &title)));
    match written {
        Ok(()) => {
            println!("created {}", target.display());
            ExitStatus::Success
        }
        Err(error) => {
            eprintln!("error: could not write {}: {error}", target.display());
            ExitStatus::Error
        }
    }
}
