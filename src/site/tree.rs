//! The section tree: which folder each page sits in, each page's URL, the
//! order of siblings (weight, then title), and the reading order.
//!
//! Every folder that holds a page (at any depth) is a section; `content/`
//! itself is the home page. `name/index.md` is a page bundle: a page, not a
//! section, whose other files are copied beside it.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::urls::{folder_url, parent_dir, url_part};
use super::{Page, PageId, PageKind};
use crate::diagnostics::{Diagnostic, Severity};
use crate::document::{Document, FileRole, title_from_name};

/// Pages with URLs and parents, before links are resolved.
pub struct Tree {
    pub pages: Vec<Page>,
    /// Content-relative source path → page (for links and references).
    pub by_path: HashMap<String, PageId>,
    pub reading_order: Vec<PageId>,
}

/// The folder a document belongs to as a child: a bundle belongs to its folder's parent.
fn owner_folder(document: &Document) -> &str {
    match document.role {
        FileRole::BundlePage => parent_dir(parent_dir(&document.rel)),
        FileRole::Page | FileRole::SectionIndex => parent_dir(&document.rel),
    }
}

fn page_url(document: &Document) -> String {
    let folder = owner_folder(document);
    let own_name = match document.role {
        FileRole::BundlePage => parent_dir(&document.rel).rsplit('/').next().unwrap_or(""),
        _ => document
            .rel
            .rsplit('/')
            .next()
            .and_then(|name| name.strip_suffix(".md"))
            .unwrap_or(""),
    };
    let last = document
        .front
        .slug
        .as_deref()
        .map_or_else(|| url_part(own_name), url_part);
    format!("{}{last}/", folder_url(folder))
}

/// Builds the tree from documents (drafts already left out).
pub fn build_tree(documents: Vec<Document>) -> (Tree, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    // Section folders: "" (home) plus every ancestor folder of a page.
    let mut folders: BTreeMap<String, Option<Document>> = BTreeMap::new();
    folders.insert(String::new(), None);
    let mut content_pages = Vec::new();
    let bundle_dirs: HashSet<String> = documents
        .iter()
        .filter(|d| d.role == FileRole::BundlePage)
        .map(|d| parent_dir(&d.rel).to_string())
        .collect();
    for document in documents {
        let mut folder = owner_folder(&document).to_string();
        // Walking up the folder's ancestors keeps this linear in the page count;
        // comparing every page with every bundle made large handbooks slow.
        if document.role != FileRole::BundlePage
            && let Some(bundle) = std::iter::successors(Some(folder.as_str()), |f| {
                (!f.is_empty()).then(|| parent_dir(f))
            })
            .find(|f| bundle_dirs.contains(*f))
        {
            diagnostics.push(Diagnostic::file(
                Severity::Error,
                &document.display,
                format!("`{bundle}/` is a page bundle (it has an index.md), so it cannot hold other pages"),
            ).with_help(format!("rename `{bundle}/index.md` to `{bundle}/_index.md` to make the folder a section")));
            continue;
        }
        loop {
            folders.entry(folder.clone()).or_insert(None);
            if folder.is_empty() {
                break;
            }
            folder = parent_dir(&folder).to_string();
        }
        if document.role == FileRole::SectionIndex {
            let key = parent_dir(&document.rel).to_string();
            folders.insert(key, Some(document));
        } else {
            content_pages.push(document);
        }
    }

    let mut pages = Vec::new();
    let mut by_path = HashMap::new();
    let mut section_ids: HashMap<String, PageId> = HashMap::new();
    for (folder, index) in folders {
        let id = PageId(pages.len());
        let (title, weight) = match &index {
            Some(doc) => (doc.front.title.clone(), doc.front.weight),
            None if folder.is_empty() => (String::new(), 0),
            None => (
                title_from_name(folder.rsplit('/').next().unwrap_or(&folder)),
                0,
            ),
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
    for document in content_pages {
        let id = PageId(pages.len());
        by_path.insert(document.rel.clone(), id);
        let url = page_url(&document);
        let (title, weight) = (document.front.title.clone(), document.front.weight);
        let folder = owner_folder(&document).to_string();
        let mut page = Page::new(id, PageKind::Content, url, title, weight, Some(document));
        page.parent = section_ids.get(&folder).copied();
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
        let mut children = std::mem::take(&mut pages[id].children);
        // Lowercasing once per page, not once per comparison, matters for
        // sections with thousands of pages.
        children.sort_by_cached_key(|id| {
            let page = &pages[id.0];
            (page.weight, page.title.to_lowercase(), page.url.clone())
        });
        pages[id].children = children;
    }
    for id in 0..pages.len() {
        let depth = std::iter::successors(pages[id].parent, |p| pages[p.0].parent).count();
        pages[id].depth = depth;
    }
    diagnostics.extend(url_collisions(&pages));
    let reading_order = reading_order(&pages);
    (
        Tree {
            pages,
            by_path,
            reading_order,
        },
        diagnostics,
    )
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

/// Depth-first from the home page, children in their sorted order.
fn reading_order(pages: &[Page]) -> Vec<PageId> {
    let mut order = Vec::with_capacity(pages.len());
    let mut stack = vec![PageId(0)];
    while let Some(id) = stack.pop() {
        order.push(id);
        stack.extend(pages[id.0].children.iter().rev().copied());
    }
    order
}
