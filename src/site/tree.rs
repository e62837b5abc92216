//! The section tree: which folder each page sits in, each page's URL, the
//! order of siblings (weight, then title), and the reading order.
//!
//! Every folder that holds a page (at any depth) is a section; `content/`
//! itself is the home page. Which file is a folder's own page, and which is
//! a page bundle (a page, not a section, whose other files are copied beside
//! it), is decided by [`folders`].

use std::collections::{BTreeMap, HashMap};

use super::folders::{self, Place};
use super::summary::{self, Elsewhere, Summary};
use super::urls::{file_name, folder_url, md_stem, parent_dir, url_part};
use super::{Page, PageId, PageKind};
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::document::{Document, FileRole, title_from_name};

/// Pages with URLs and parents, before links are resolved.
pub struct Tree {
    pub pages: Vec<Page>,
    /// Content-relative source path → page (for links and references).
    pub by_path: HashMap<String, PageId>,
    pub reading_order: Vec<PageId>,
    /// Section pages that `SUMMARY.md` left without pages: built, but in
    /// neither the sidebar nor the reading order.
    pub unlisted: Vec<PageId>,
}

/// The folder a document belongs to as a child: a bundle belongs to its folder's parent.
fn owner_folder(document: &Document) -> &str {
    match document.role {
        FileRole::BundlePage => parent_dir(parent_dir(&document.rel)),
        FileRole::Page | FileRole::SectionIndex => parent_dir(&document.rel),
    }
}

/// The URL of `document`, a page in the section at `folder_url`.
fn page_url(document: &Document, folder_url: &str) -> String {
    let own_name = match document.role {
        FileRole::BundlePage => parent_dir(&document.rel).rsplit('/').next().unwrap_or(""),
        _ => md_stem(file_name(&document.rel)).unwrap_or(""),
    };
    let last = document
        .front
        .slug
        .as_deref()
        .map_or_else(|| url_part(own_name), url_part);
    format!("{folder_url}{last}/")
}

/// Builds the tree from documents (drafts already left out), arranged as
/// `summary` says when there is one; its closure tells a path the build
/// knows but leaves out.
pub fn build_tree(
    mut documents: Vec<Document>,
    summary: Option<(&Summary, Elsewhere)>,
) -> (Tree, Vec<Diagnostic>) {
    let (places, mut diagnostics) = folders::assign(&mut documents);
    // Section folders: "" (home) plus every ancestor folder of a page.
    let mut folders: BTreeMap<String, Option<Document>> = BTreeMap::new();
    folders.insert(String::new(), None);
    let mut content_pages = Vec::with_capacity(documents.len());
    // Files that lost their folder to another candidate: path → folder.
    let mut dropped = Vec::new();
    for (document, place) in documents.into_iter().zip(places) {
        let mut folder = match &place {
            Place::FolderPage(folder) | Place::Dropped(folder) => folder.clone(),
            Place::Page => owner_folder(&document).to_string(),
        };
        loop {
            folders.entry(folder.clone()).or_insert(None);
            if folder.is_empty() {
                break;
            }
            folder = parent_dir(&folder).to_string();
        }
        match place {
            Place::FolderPage(folder) => {
                folders.insert(folder, Some(document));
            }
            Place::Dropped(folder) => dropped.push((document.rel, folder)),
            Place::Page => content_pages.push(document),
        }
    }

    let mut pages = Vec::with_capacity(folders.len() + content_pages.len());
    let mut by_path = HashMap::with_capacity(pages.capacity());
    let mut section_ids: HashMap<String, PageId> = HashMap::new();
    for (folder, index) in folders {
        let id = PageId(pages.len());
        let folder_title = || {
            if folder.is_empty() {
                String::new()
            } else {
                title_from_name(file_name(&folder))
            }
        };
        let (title, weight) = match &index {
            // A `README.md` without a title of its own is named after its folder.
            Some(doc) if doc.front.title == title_from_name(file_name(&doc.rel)) => {
                (folder_title(), doc.front.weight)
            }
            Some(doc) => (doc.front.title.clone(), doc.front.weight),
            None => (folder_title(), 0),
        };
        if let Some(doc) = &index {
            by_path.insert(doc.rel.clone(), id);
        }
        let kind = if folder.is_empty() {
            PageKind::Home
        } else {
            PageKind::Section
        };
        pages.push(Page::new(
            id,
            kind,
            folder_url(&folder),
            title,
            weight,
            index,
        ));
        section_ids.insert(folder, id);
    }
    for (rel, folder) in dropped {
        by_path.insert(rel, section_ids[&folder]);
    }
    for document in content_pages {
        let id = PageId(pages.len());
        by_path.insert(document.rel.clone(), id);
        let section = section_ids[owner_folder(&document)];
        let url = page_url(&document, &pages[section.0].url);
        let (title, weight) = (document.front.title.clone(), document.front.weight);
        let mut page = Page::new(id, PageKind::Content, url, title, weight, Some(document));
        page.parent = Some(section);
        pages.push(page);
    }
    // Parents of sections, then children lists.
    for (folder, &id) in &section_ids {
        if !folder.is_empty() {
            pages[id.0].parent = section_ids.get(parent_dir(folder)).copied();
        }
    }
    for id in 0..pages.len() {
        if let Some(parent) = pages[id].parent {
            pages[parent.0].children.push(PageId(id));
        }
    }
    for id in 0..pages.len() {
        sort_children(&mut pages, PageId(id));
    }
    let unlisted = match summary {
        Some((summary, elsewhere)) => {
            summary::arrange(&mut pages, &by_path, summary, elsewhere, &mut diagnostics)
        }
        None => Vec::new(),
    };
    for id in 0..pages.len() {
        let depth = std::iter::successors(pages[id].parent, |p| pages[p.0].parent).count();
        pages[id].depth = depth;
    }
    diagnostics.extend(url_collisions(&pages));
    let reading_order = super::order::reading_order(&pages);
    (
        Tree {
            pages,
            by_path,
            reading_order,
            unlisted,
        },
        diagnostics,
    )
}

/// Sorts the children of page `id` by weight, then title, then URL.
pub(super) fn sort_children(pages: &mut [Page], id: PageId) {
    let mut children = std::mem::take(&mut pages[id.0].children);
    // Lowercasing once per page, not once per comparison, matters for
    // sections with thousands of pages.
    children.sort_by_cached_key(|id| {
        let page = &pages[id.0];
        (page.weight, page.title.to_lowercase(), page.url.clone())
    });
    pages[id.0].children = children;
}

/// Two pages that would be written to one URL.
fn url_collisions(pages: &[Page]) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &Page> = HashMap::new();
    let mut diagnostics = Vec::new();
    for page in pages {
        match seen.get(page.url.as_str()) {
            Some(first) => {
                let name = |p: &Page| {
                    p.document.as_ref().map_or_else(
                        || format!("the folder for {}", p.url),
                        |d| d.display.display().to_string(),
                    )
                };
                let path = page.document.as_ref().map_or_else(
                    || std::path::PathBuf::from("content"),
                    |d| d.display.clone(),
                );
                diagnostics.push(
                    Diagnostic::file(
                        Code::OutputCollision,
                        Severity::Error,
                        &path,
                        format!(
                            "{} and {} would both be written to `{}`",
                            name(first),
                            name(page),
                            page.url
                        ),
                    )
                    .with_help("rename one of them, or give one a different `slug`"),
                );
            }
            None => {
                seen.insert(page.url.as_str(), page);
            }
        }
    }
    diagnostics
}
