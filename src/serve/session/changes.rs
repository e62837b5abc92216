//! What changed: which content files a list of changed paths touches, their
//! new documents, and whether other pages see the change (their "shape"),
//! and the site brought up to date, whole or one document at a time.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

use rayon::prelude::*;

use super::Session;
use super::rerender::Pending;
use crate::artifact::slash;
use crate::diagnostics::Diagnostic;
use crate::discover::{OtherFile, list_content, page_rel, read_page};
use crate::document::LinkKind;
use crate::document::{Document, parse_document, split_front_matter};
use crate::pipeline::Parsed;
use crate::site::{PageId, PageKind, replace_document, retitle_page};

/// One Markdown file under `content/`.
pub(super) struct SourceState {
    file: OtherFile,
    /// Position in the sorted listing, so documents reach the site in the order `build` gives them.
    order: usize,
    /// Hash of the text; `None` when it could not be read.
    hash: Option<u64>,
    /// What other pages see of the document; `None` when it did not parse.
    shape: Option<Shape>,
    /// Reading and parsing problems.
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Where each line came from, when includes changed the lines.
    pub(super) origins: Vec<(PathBuf, usize)>,
}

impl SourceState {
    /// The file's path as diagnostics show it.
    pub(super) fn display(&self, root: &std::path::Path) -> PathBuf {
        crate::discover::display_path(root, &self.file.absolute)
    }
}

/// One content file read and parsed again.
struct ReadPage {
    rel: String,
    hash: u64,
    document: Option<Document>,
    diagnostics: Vec<Diagnostic>,
    origins: Vec<(PathBuf, usize)>,
}

/// Changed content files, sorted out.
#[derive(Default)]
pub(super) struct ContentChange {
    /// Parsed again: content path → new document (`None`: it did not parse).
    pub(super) reparsed: Vec<(String, Option<Document>)>,
    /// Markdown files that are gone.
    pub(super) removed: Vec<String>,
    /// Files were added or removed, or a document's shape changed.
    pub(super) structural: bool,
    /// Structural only because titles changed: every re-parsed document
    /// parsed, and differs from before in its title alone.
    pub(super) titles_only: bool,
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// What other pages see of a document: its front matter, its title (which may
/// come from the first heading), its role and its anchors. A body edit that
/// keeps this unchanged can only change the document's own pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    whole: u64,
    /// All of it but the title, so an edit of the title alone is told apart.
    besides_title: u64,
}

fn shape_of(document: &Document) -> Shape {
    let yaml = split_front_matter(&document.text)
        .ok()
        .and_then(|split| split.yaml)
        .map(|(yaml, _)| yaml);
    let mut hasher = DefaultHasher::new();
    yaml.map(without_title).hash(&mut hasher);
    format!("{:?}", document.role).hash(&mut hasher);
    let mut anchors: Vec<&String> = document.anchors.iter().collect();
    anchors.sort();
    anchors.hash(&mut hasher);
    document.omitted_anchors.hash(&mut hasher);
    let besides_title = hasher.finish();
    Shape {
        whole: hash_of(&(besides_title, yaml, &document.front.title)),
        besides_title,
    }
}

/// `yaml` without its `title:` field: the line, and the lines that continue
/// it. A title written any other way (in a `{ }` map) stays, and the edit
/// is then taken for more than a title's.
fn without_title(yaml: &str) -> String {
    let mut kept = String::with_capacity(yaml.len());
    let mut in_title = false;
    for line in yaml.split_inclusive('\n') {
        if line.starts_with("title:") {
            in_title = true;
            continue;
        }
        if in_title && (line.starts_with([' ', '\t']) || line.trim().is_empty()) {
            continue;
        }
        in_title = false;
        kept.push_str(line);
    }
    kept
}

impl Session {
    /// Reads the changed content paths again and sorts out what changed.
    pub(super) fn update_content(&mut self, paths: &[PathBuf]) -> ContentChange {
        let content_dir = self.pipeline.config.content_dir.clone();
        let mut modified = Vec::new();
        let mut structural = false;
        for path in paths {
            let Ok(rel) = path.strip_prefix(&content_dir) else {
                continue;
            };
            let rel = slash(rel);
            let rel = page_rel(&rel).unwrap_or(rel);
            if self.files.contains_key(&rel) && path.is_file() {
                modified.push(rel);
            } else if rel.ends_with(".md") || path.is_dir() || rel.is_empty() {
                // A page added or removed, or a folder created, moved or deleted.
                structural = true;
            } else if self.assets.iter().any(|a| a.rel == rel) != path.is_file() {
                // An asset appeared or disappeared: links to it may break or mend.
                structural = true;
            }
        }
        if structural {
            return self.relist_content(&modified);
        }
        let reparsed = self.read_and_parse(&modified);
        let structural = self.shape_changed(&reparsed);
        let titles_only = structural && self.titles_only(&reparsed);
        ContentChange {
            reparsed,
            removed: Vec::new(),
            structural,
            titles_only,
        }
    }

    /// Lists `content/` again: files added and removed are found by
    /// comparing listings (a moved folder only reports the folder), and new
    /// files plus `modified` ones are read and parsed.
    pub(super) fn relist_content(&mut self, modified: &[String]) -> ContentChange {
        let mut listing = Vec::new();
        let config = &self.pipeline.config;
        let (markdown, assets) = list_content(
            &config.root,
            &config.content_dir,
            &self.pipeline.exclude(),
            &mut listing,
        );
        self.listing_diagnostics = listing;
        let listed: HashSet<&str> = markdown.iter().map(|f| f.rel.as_str()).collect();
        let removed: Vec<String> = self
            .files
            .keys()
            .filter(|rel| !listed.contains(rel.as_str()))
            .cloned()
            .collect();
        for rel in &removed {
            self.files.remove(rel);
        }
        let mut to_read: Vec<String> = modified.to_vec();
        for (order, file) in markdown.into_iter().enumerate() {
            match self.files.get_mut(&file.rel) {
                Some(state) => {
                    state.order = order;
                    state.file = file;
                }
                None => {
                    to_read.push(file.rel.clone());
                    self.files.insert(
                        file.rel.clone(),
                        SourceState {
                            file,
                            order,
                            hash: None,
                            shape: None,
                            diagnostics: Vec::new(),
                            origins: Vec::new(),
                        },
                    );
                }
            }
        }
        to_read.sort();
        to_read.dedup();
        to_read.retain(|rel| self.files.contains_key(rel));
        self.assets = assets;
        ContentChange {
            reparsed: self.read_and_parse(&to_read),
            removed,
            structural: true,
            titles_only: false,
        }
    }

    /// Reads and parses the files at `rels` in parallel, recording their new
    /// state. Files whose text did not change are left out of the result.
    pub(super) fn read_and_parse(&mut self, rels: &[String]) -> Vec<(String, Option<Document>)> {
        let root = self.pipeline.config.root.clone();
        let parse_options = self.pipeline.parse_options();
        let files = &self.files;
        let results: Vec<ReadPage> = rels
            .par_iter()
            .filter_map(|rel| {
                let state = files.get(rel)?;
                let read = match read_page(&root, &state.file) {
                    Ok(mut source) => {
                        let hash = hash_of(&source.text);
                        if state.hash == Some(hash) {
                            return None;
                        }
                        let mut problems = std::mem::take(&mut source.problems);
                        let origins = std::mem::take(&mut source.origins);
                        let display = source.display.clone();
                        let (document, mut diagnostics) = parse_document(source, &parse_options);
                        if !origins.is_empty() {
                            let placed = HashMap::from([(display, origins.clone())]);
                            crate::discover::expand::place_diagnostics(&mut diagnostics, &placed);
                        }
                        diagnostics.append(&mut problems);
                        ReadPage {
                            rel: rel.clone(),
                            hash,
                            document,
                            diagnostics,
                            origins,
                        }
                    }
                    // Gone between the event and the read: the next event lists it again.
                    Err(diagnostic) => ReadPage {
                        rel: rel.clone(),
                        hash: 0,
                        document: None,
                        diagnostics: vec![*diagnostic],
                        origins: Vec::new(),
                    },
                };
                Some(read)
            })
            .collect();
        let mut reparsed = Vec::with_capacity(results.len());
        for read in results {
            if let Some(state) = self.files.get_mut(&read.rel) {
                state.hash = Some(read.hash).filter(|_| read.document.is_some());
                state.diagnostics = read.diagnostics;
                state.origins = read.origins;
            }
            reparsed.push((read.rel, read.document));
        }
        reparsed
    }

    /// Whether any re-parsed document changed what other pages see, or
    /// appeared or disappeared (a file that stops parsing leaves the site).
    pub(super) fn shape_changed(&self, reparsed: &[(String, Option<Document>)]) -> bool {
        reparsed.iter().any(|(rel, document)| {
            let old = self.files.get(rel).and_then(|s| s.shape);
            let new = document.as_ref().map(shape_of);
            old.is_none() || new.is_none() || old != new
        })
    }

    /// Whether every re-parsed document parsed, and shows other pages what it
    /// did before but for its title.
    fn titles_only(&self, reparsed: &[(String, Option<Document>)]) -> bool {
        reparsed.iter().all(|(rel, document)| {
            let old = self.files.get(rel).and_then(|s| s.shape);
            let new = document.as_ref().map(shape_of);
            old.zip(new)
                .is_some_and(|(old, new)| old.besides_title == new.besides_title)
        })
    }

    /// Records the shape of each re-parsed document.
    fn record_shapes(&mut self, reparsed: &[(String, Option<Document>)]) {
        for (rel, document) in reparsed {
            if let Some(state) = self.files.get_mut(rel) {
                state.shape = document.as_ref().map(shape_of);
            }
        }
    }

    /// Takes every document out of the site and the left-out list, to build again.
    pub(super) fn take_documents(&mut self) -> Vec<Document> {
        let mut documents: Vec<Document> = self
            .site
            .pages
            .iter_mut()
            .filter_map(|page| page.document.take())
            .collect();
        documents.append(&mut self.left_out);
        documents
    }

    /// Builds the site again from the kept documents plus `change`.
    pub(super) fn rebuild_with(&mut self, change: ContentChange) {
        let replaced: HashSet<&str> = change
            .reparsed
            .iter()
            .map(|(rel, _)| rel.as_str())
            .chain(change.removed.iter().map(String::as_str))
            .collect();
        self.record_shapes(&change.reparsed);
        let mut documents = self.take_documents();
        documents.retain(|d| !replaced.contains(d.rel.as_str()));
        documents.extend(change.reparsed.into_iter().filter_map(|(_, d)| d));
        self.rebuild_site(documents);
    }

    /// Selects, orders and connects `documents` into the site.
    pub(super) fn rebuild_site(&mut self, mut documents: Vec<Document>) {
        let order = |d: &Document| self.files.get(&d.rel).map_or(usize::MAX, |s| s.order);
        documents.sort_by_cached_key(|d| (order(d), d.rel.clone()));
        for document in &documents {
            if let Some(state) = self.files.get_mut(&document.rel)
                && state.shape.is_none()
            {
                state.shape = Some(shape_of(document));
            }
        }
        let page_paths = self
            .files
            .keys()
            .filter(|rel| crate::site::urls::md_stem(rel).is_some())
            .cloned()
            .collect();
        let selection = self.pipeline.select(
            Parsed { documents },
            page_paths,
            &self.assets,
            &self.theme.static_files,
        );
        let mut found = Vec::new();
        let config = &self.pipeline.config;
        let summary = crate::discover::read_summary(
            &config.root,
            &config.content_dir,
            &self.pipeline.exclude(),
            &mut found,
        )
        .map(|file| crate::site::summary::parse_summary(&file.display, &file.text));
        let (stage, mut diagnostics) = self.pipeline.site(selection, summary.as_ref(), None);
        diagnostics.append(&mut found);
        let site = stage.site;
        self.page_of = site
            .pages
            .iter()
            .filter_map(|page| Some((page.document.as_ref()?.rel.clone(), page.id)))
            .collect();
        // The old site is freed beside the preview rather than before it:
        // at 10,000 pages that takes longer than rendering the edited page.
        let old = std::mem::replace(&mut self.site, site);
        std::thread::spawn(move || drop(old));
        self.left_out = stage.left_out;
        self.omitted = stage.omitted;
        self.site_diagnostics = diagnostics;
        // The copied files are checked against the new site when they are next listed.
        self.copy_diagnostics.clear();
        self.pending = Pending::Nothing;
    }

    /// Puts re-parsed documents whose titles alone changed in place (see
    /// [`retitle_page`]), or hands `change` back when it needs the site built
    /// again: a section's or the home page's title, which the tree gives from
    /// its folder, a handbook arranged by `SUMMARY.md`, or one with
    /// wikilinks, which may name pages by their titles.
    pub(super) fn retitle(&mut self, change: ContentChange) -> Result<(), ContentChange> {
        let summary = self
            .pipeline
            .config
            .content_dir
            .join(crate::discover::SUMMARY_FILE);
        let content_pages = change.reparsed.iter().all(|(rel, _)| {
            self.page_of
                .get(rel)
                .is_some_and(|&id| self.site.page(id).kind == PageKind::Content)
        });
        let has_wikilinks = |document: &Document| {
            document
                .links
                .iter()
                .any(|link| link.kind == LinkKind::Wiki)
        };
        let wikilinks = self
            .site
            .pages
            .iter()
            .filter_map(|page| page.document.as_ref())
            .chain(change.reparsed.iter().filter_map(|(_, d)| d.as_ref()))
            .any(has_wikilinks);
        if !change.titles_only
            || !change.removed.is_empty()
            || !content_pages
            || wikilinks
            || summary.is_file()
        {
            return Err(change);
        }
        self.record_shapes(&change.reparsed);
        let ids = self.fast_replace(change);
        for id in ids {
            retitle_page(&mut self.site, id, &self.pipeline.config.taxonomies);
        }
        self.pending = Pending::Nothing;
        Ok(())
    }

    /// Puts re-parsed documents whose shape did not change in place, and
    /// returns the pages they belong to.
    pub(super) fn fast_replace(&mut self, change: ContentChange) -> Vec<PageId> {
        let mut ids = Vec::new();
        for (rel, document) in change.reparsed {
            let Some(document) = document else { continue };
            if let Some(&id) = self.page_of.get(&rel) {
                let display = document.display.clone();
                let mut found = replace_document(&mut self.site, id, document, &self.omitted);
                self.site_diagnostics.retain(|d| d.path != display);
                self.site_diagnostics.append(&mut found);
                ids.push(id);
            } else if let Some(slot) = self.left_out.iter_mut().find(|d| d.rel == rel) {
                // A left-out page (a draft) is in no output.
                *slot = document;
            }
        }
        ids
    }
}
