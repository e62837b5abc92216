//! Which file is a folder's own page, as real Markdown trees write it. In
//! this order: the folder's `_index.md`; its `index.md` or `README.md` when
//! the folder holds other pages too (the section's text, as in MkDocs, mdBook
//! and GitHub); a folder note, `name.md` beside the folder `name/` or
//! `name/name.md` inside it (Obsidian). Alone in its folder, an `index.md`,
//! `README.md` or inner folder note is a page bundle instead.
//!
//! When two files claim one folder, the first in that order wins and a
//! warning names both; the other is not published, and links to it lead to
//! the folder's page. File names are compared case-insensitively.

use std::collections::HashMap;

use super::urls::{file_name, md_stem, parent_dir};
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::document::{Document, FileRole, Kind};

/// What a document is in the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A page of its own (its role says whether it is a bundle).
    Page,
    /// The own page of this folder.
    FolderPage(String),
    /// Another file won this folder: not published, links to it lead to the folder.
    Dropped(String),
}

/// Why a file may be a folder's page, in order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Claim {
    SectionIndex,
    Index,
    Readme,
    NoteBeside,
    NoteInside,
}

/// Decides every document's place and sets its role to match: `SectionIndex`
/// for a folder's page, `BundlePage` for a bundle, `Page` otherwise. The role
/// is worked out from the file names alone, whatever it was before, so a
/// document from an earlier site gets the same answer.
pub fn assign(documents: &mut [Document]) -> (Vec<Place>, Vec<Diagnostic>) {
    // How many pages each folder holds at any depth, and its name lowercased.
    let mut pages_under: HashMap<&str, usize> = HashMap::new();
    for document in documents.iter() {
        let mut folder = parent_dir(&document.rel);
        loop {
            *pages_under.entry(folder).or_default() += 1;
            if folder.is_empty() {
                break;
            }
            folder = parent_dir(folder);
        }
    }
    let by_lowercase: HashMap<String, &str> = pages_under
        .keys()
        .map(|folder| (folder.to_lowercase(), *folder))
        .collect();
    let holds_others = |folder: &str| folder.is_empty() || pages_under[folder] > 1;

    let mut claims: Vec<Option<(String, Claim)>> = Vec::with_capacity(documents.len());
    let mut bundles = Vec::with_capacity(documents.len());
    for document in documents.iter() {
        let folder = parent_dir(&document.rel);
        let name = file_name(&document.rel);
        let stem = md_stem(name).unwrap_or(name).to_lowercase();
        let folder_name = file_name(folder).to_lowercase();
        let own = match stem.as_str() {
            "_index" => Some(Claim::SectionIndex),
            "index" => Some(Claim::Index),
            "readme" => Some(Claim::Readme),
            _ if !folder.is_empty() && stem == folder_name => Some(Claim::NoteInside),
            _ => None,
        };
        let beside = || {
            let key = if folder.is_empty() {
                stem.clone()
            } else {
                format!("{}/{stem}", folder.to_lowercase())
            };
            by_lowercase
                .get(&key)
                .map(|f| (f.to_string(), Claim::NoteBeside))
        };
        let claim = match own {
            Some(Claim::SectionIndex) => Some((folder.to_string(), Claim::SectionIndex)),
            Some(claim) if holds_others(folder) => Some((folder.to_string(), claim)),
            Some(_) => None,
            None => beside(),
        };
        bundles.push(own.is_some() && claim.is_none());
        claims.push(claim);
    }

    // The winner of each folder: the first claim in order, then by path.
    let mut winners: HashMap<&str, usize> = HashMap::new();
    for (index, claim) in claims.iter().enumerate() {
        let Some((folder, rank)) = claim else {
            continue;
        };
        let entry = winners.entry(folder.as_str()).or_insert(index);
        let best = claims[*entry].as_ref().map(|(_, r)| *r);
        if (Some(*rank), &documents[index].rel) < (best, &documents[*entry].rel) {
            *entry = index;
        }
    }

    let mut diagnostics = Vec::new();
    let mut places = Vec::with_capacity(documents.len());
    for (index, claim) in claims.iter().enumerate() {
        let place = match claim {
            None => Place::Page,
            Some((folder, rank)) if winners[folder.as_str()] == index => {
                // `_index.md` is held to this when it is parsed.
                if *rank != Claim::SectionIndex && documents[index].front.kind != Kind::Guide {
                    diagnostics.push(kind_on_folder_page(&documents[index]));
                }
                Place::FolderPage(folder.clone())
            }
            Some((folder, _)) => {
                let winner = &documents[winners[folder.as_str()]];
                diagnostics.push(two_candidates(&documents[index], winner, folder));
                Place::Dropped(folder.clone())
            }
        };
        documents[index].role = match (&place, bundles[index]) {
            (Place::Page, true) => FileRole::BundlePage,
            (Place::Page, false) => FileRole::Page,
            _ => FileRole::SectionIndex,
        };
        places.push(place);
    }
    (places, diagnostics)
}

fn kind_on_folder_page(document: &Document) -> Diagnostic {
    let name = file_name(&document.rel);
    Diagnostic::at_line(
        Code::KindOnSection,
        Severity::Error,
        &document.display,
        &document.text,
        1,
        format!("{name} is its folder's own page here, so it cannot set `kind`"),
    )
    .with_help(format!(
        "move the questions or scenario into a page of its own beside {name}"
    ))
}

fn two_candidates(loser: &Document, winner: &Document, folder: &str) -> Diagnostic {
    let shown = if folder.is_empty() {
        "content/".to_string()
    } else {
        format!("`{folder}/`")
    };
    Diagnostic::at_line(
        Code::DuplicateFolderPage,
        Severity::Warning,
        &loser.display,
        &loser.text,
        1,
        format!(
            "{} and {} are both the page of {shown}; {} is used",
            loser.display.display(),
            winner.display.display(),
            file_name(&winner.rel)
        ),
    )
    .with_help(format!(
        "move what {} says into {}, or rename it; links to it lead to the folder's page",
        file_name(&loser.rel),
        file_name(&winner.rel)
    ))
}
