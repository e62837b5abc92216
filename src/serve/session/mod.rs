//! The state `serve` and `watch` keep between rebuilds, and the rebuild that
//! does the least work a change allows.
//!
//! A [`Session`] holds the configuration, the templates, every content file's
//! hash and parsed document, the site, and the last good output (path →
//! contents) with a fingerprint of the view behind each rendered page. Given
//! the paths that changed, [`Session::apply`] picks one of:
//! - **pages**: only Markdown bodies changed, and nothing other pages see
//!   (front matter, title, anchors) did. The new documents replace the old
//!   ones in the site, their links are resolved again, and only their pages
//!   and role cards are rendered. Outputs that show every page (the print
//!   page, the sitemap, the exports) are left for [`Session::render_deferred`],
//!   so the page the author is looking at is ready first.
//! - **site**: files were added, removed or renamed, or what other pages see
//!   changed. The site is built again from the kept documents (only changed
//!   files are read and parsed), every view is fingerprinted, and only views
//!   whose fingerprint changed are rendered.
//! - **templates**: templates changed; everything is rendered again.
//! - **everything**: `site.toml` changed; the session starts over.
//! - **static**: only static files or assets changed; nothing is rendered.
//!
//! A rebuild with errors changes nothing in the output: the last good pages
//! stay, and the diagnostics say what is wrong. Shared steps come from
//! `build.rs`, so `build` and `serve` make the same files. This module reads
//! files through `discover` and never writes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::watch::{ChangeKind, classify};
use crate::Error;
use crate::artifact::{Contents, OutputFile, slash};
use crate::build::{
    BuildOptions, Counts, copied_files, count, edition_audience, known_files, load_templates,
    parse_options, render_options, resolve_config, select_assets, select_documents, today,
};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::discover::{OtherFile, Sources, list_content, load_theme_sources, page_rel, read_page};
use crate::document::{AudienceFilter, Date, Document, parse_document, split_front_matter};
use crate::render::{Job, Rendered, Reuse, Templates, jobs, render_jobs, render_site_wide};
use crate::site::{Linker, PageId, Site, SiteInput, build_site, replace_document};

/// What a rebuild had to do, from least to most work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RebuildKind {
    /// Nothing that the output depends on changed.
    Nothing,
    /// Only files that are copied as they are (static files, assets).
    Static,
    /// Only page bodies: those pages were rendered again.
    Pages,
    /// The site was built again; pages whose view changed were rendered.
    Site,
    /// Templates changed: every page was rendered again.
    Templates,
    /// `site.toml` changed: the session started over.
    Everything,
}

/// The outcome of one rebuild.
#[derive(Debug, Clone)]
pub struct Rebuild {
    pub kind: RebuildKind,
    /// Output paths rendered from a template in this rebuild, sorted.
    pub rendered: Vec<String>,
    /// Output paths whose contents appeared or changed, sorted.
    pub changed: Vec<String>,
    /// Output paths that are gone, sorted.
    pub removed: Vec<String>,
    /// Every problem the handbook has now (not only new ones), sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The handbook has errors, so the output was left as it was.
    pub failed: bool,
    /// Outputs showing every page still wait for [`Session::render_deferred`].
    pub deferred: bool,
    pub elapsed: Duration,
}

impl Rebuild {
    fn new(kind: RebuildKind) -> Self {
        Rebuild {
            kind,
            rendered: Vec::new(),
            changed: Vec::new(),
            removed: Vec::new(),
            diagnostics: Vec::new(),
            failed: false,
            deferred: false,
            elapsed: Duration::ZERO,
        }
    }

    /// The report of a session's first build.
    pub fn for_start(session: &Session, elapsed: Duration) -> Rebuild {
        let mut rebuild = Rebuild::new(RebuildKind::Everything);
        rebuild.rendered = session.outputs.keys().cloned().collect();
        rebuild.diagnostics = session.diagnostics();
        rebuild.failed = session.failed;
        rebuild.elapsed = elapsed;
        rebuild
    }

    /// Whether a browser showing the output should reload.
    pub fn needs_reload(&self) -> bool {
        self.failed || !self.changed.is_empty() || !self.removed.is_empty()
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Which outputs [`Session::render_deferred`] may still change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deferred {
    Nothing,
    /// These outputs.
    Paths(Vec<String>),
    /// Every output but these (after the site was built again, any page may
    /// change, and so may the set of pages).
    AllBut(Vec<String>),
}

/// One Markdown file under `content/`.
struct SourceState {
    file: OtherFile,
    /// Position in the sorted listing, so documents reach the site in the order `build` gives them.
    order: usize,
    /// Hash of the text; `None` when it could not be read.
    hash: Option<u64>,
    /// What other pages see of the document; `None` when it did not parse.
    shape: Option<u64>,
    /// Reading and parsing problems.
    diagnostics: Vec<Diagnostic>,
}

/// Changed content files, sorted out.
#[derive(Default)]
struct ContentChange {
    /// Parsed again: content path → new document (`None`: it did not parse).
    reparsed: Vec<(String, Option<Document>)>,
    /// Markdown files that are gone.
    removed: Vec<String>,
    /// Files were added or removed, or a document's shape changed.
    structural: bool,
}

/// A handbook kept in memory between rebuilds.
pub struct Session {
    options: BuildOptions,
    base_url: Option<String>,
    config: Config,
    audience: AudienceFilter,
    today: Date,
    /// Templates and static files of the theme and the site (no pages).
    theme: Sources,
    theme_diagnostics: Vec<Diagnostic>,
    templates: Result<Templates, Vec<Diagnostic>>,
    files: BTreeMap<String, SourceState>,
    assets: Vec<OtherFile>,
    listing_diagnostics: Vec<Diagnostic>,
    site: Site,
    /// Parsed documents this build leaves out (drafts, other editions).
    left_out: Vec<Document>,
    omitted: HashMap<String, String>,
    page_of: HashMap<String, PageId>,
    site_diagnostics: Vec<Diagnostic>,
    render_diagnostics: Vec<Diagnostic>,
    copy_diagnostics: Vec<Diagnostic>,
    /// Problems with a changed `site.toml`; the session keeps the previous configuration.
    config_diagnostics: Vec<Diagnostic>,
    /// The last good output, by path under the output folder (`/` separators).
    outputs: BTreeMap<String, Contents>,
    /// Fingerprint of the view behind each rendered output in `outputs`.
    fingerprints: HashMap<PathBuf, u64>,
    /// Jobs left for [`Session::render_deferred`] (the print page); the
    /// site-wide outputs (sitemap, exports) are always redone then too.
    deferred: Vec<Job>,
    /// Whether [`Session::render_deferred`] has work to do.
    pending: bool,
    /// Whether that work is a full pass over every view (after the site was
    /// built again), rather than only the jobs in `deferred`.
    full_pass: bool,
    /// Outputs already fresh while a full pass is pending.
    fresh: HashSet<String>,
    /// The output paths of each content file's own pages (page, role cards).
    page_paths: HashMap<String, Vec<String>>,
    /// Output path of each job that is not one page's own (print, taxonomy, 404).
    shared_paths: HashMap<Job, String>,
    /// Output paths of the site-wide outputs (sitemap, exports).
    site_wide_paths: Vec<String>,
    /// The handbook has errors now, so `outputs` is from an earlier state.
    failed: bool,
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// What other pages see of a document: its front matter, its title (which may
/// come from the first heading), its role and its anchors. A body edit that
/// keeps this unchanged can only change the document's own pages.
fn shape_of(document: &Document) -> u64 {
    let mut hasher = DefaultHasher::new();
    let yaml = split_front_matter(&document.text)
        .ok()
        .and_then(|split| split.yaml)
        .map(|(yaml, _)| yaml);
    yaml.hash(&mut hasher);
    document.front.title.hash(&mut hasher);
    format!("{:?}", document.role).hash(&mut hasher);
    let mut anchors: Vec<&String> = document.anchors.iter().collect();
    anchors.sort();
    anchors.hash(&mut hasher);
    document.omitted_anchors.hash(&mut hasher);
    hasher.finish()
}

/// A tool error as a diagnostic, for a rebuild that must go on serving.
fn error_diagnostic(error: &Error) -> Vec<Diagnostic> {
    match error {
        Error::Config(diagnostics) => diagnostics.clone(),
        Error::NoConfig { .. } => vec![
            Diagnostic::file(Severity::Error, Path::new(CONFIG_FILE), error.to_string())
                .with_help("put site.toml back; coachbook keeps serving the last good pages"),
        ],
        other => vec![Diagnostic::file(
            Severity::Error,
            Path::new(CONFIG_FILE),
            other.to_string(),
        )],
    }
}

impl Session {
    /// Reads and builds the handbook. `base_url` replaces the one in site.toml
    /// (`serve` serves at `/`). `Err` is for a missing or invalid `site.toml`,
    /// an unknown edition or an unsafe output folder; problems in the handbook
    /// are diagnostics, and the session starts even with errors.
    pub fn start(options: &BuildOptions, base_url: Option<&str>) -> Result<Session, Error> {
        let mut options = options.clone();
        // Watchers report absolute paths; an absolute root lets them be compared.
        if let Ok(root) = std::path::absolute(&options.root) {
            options.root = crate::config::normalize(&root);
        }
        let mut config = resolve_config(&options)?;
        if let Some(base_url) = base_url {
            config.base_url = base_url.to_string();
        }
        let audience = edition_audience(&config, options.edition.as_deref())?;
        let mut theme_diagnostics = Vec::new();
        let theme = load_theme_sources(
            &config.root,
            &config.static_dir,
            &config.templates_dir,
            &config.theme_dir(),
            &mut theme_diagnostics,
        );
        let templates = load_templates(&config, &theme);
        let mut session = Session {
            options,
            base_url: base_url.map(str::to_string),
            audience,
            today: today(),
            theme,
            theme_diagnostics,
            templates,
            files: BTreeMap::new(),
            assets: Vec::new(),
            listing_diagnostics: Vec::new(),
            site: build_site(SiteInput {
                documents: Vec::new(),
                assets: Vec::new(),
                site_title: &config.title,
                taxonomies: &config.taxonomies,
                today: today(),
                omitted: HashMap::new(),
                known: Default::default(),
            })
            .0,
            config,
            left_out: Vec::new(),
            omitted: HashMap::new(),
            page_of: HashMap::new(),
            site_diagnostics: Vec::new(),
            render_diagnostics: Vec::new(),
            copy_diagnostics: Vec::new(),
            config_diagnostics: Vec::new(),
            outputs: BTreeMap::new(),
            fingerprints: HashMap::new(),
            deferred: Vec::new(),
            pending: false,
            full_pass: false,
            fresh: HashSet::new(),
            page_paths: HashMap::new(),
            shared_paths: HashMap::new(),
            site_wide_paths: Vec::new(),
            failed: false,
        };
        let change = session.relist_content(&[])?;
        let documents = change.reparsed.into_iter().filter_map(|(_, d)| d).collect();
        session.rebuild_site(documents);
        let mut rebuild = Rebuild::new(RebuildKind::Everything);
        session.render_everything(&mut rebuild, true, &HashSet::new());
        Ok(session)
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The last good output: path under the output folder → contents.
    pub fn outputs(&self) -> &BTreeMap<String, Contents> {
        &self.outputs
    }

    /// The last good output as files for `output::write_site_reusing`.
    pub fn output_files(&self) -> Vec<OutputFile> {
        self.outputs
            .iter()
            .map(|(path, contents)| OutputFile {
                path: PathBuf::from(path),
                contents: contents.clone(),
            })
            .collect()
    }

    /// Whether the handbook has errors now (the output is from an earlier state).
    pub fn failed(&self) -> bool {
        self.failed
    }

    /// Whether outputs showing every page wait for [`Session::render_deferred`].
    pub fn has_deferred(&self) -> bool {
        self.pending
    }

    /// The outputs [`Session::render_deferred`] will render again: requests
    /// for them should wait for it.
    pub fn deferred_outputs(&self) -> Deferred {
        if !self.pending {
            return Deferred::Nothing;
        }
        if self.full_pass {
            return Deferred::AllBut(self.fresh.iter().cloned().collect());
        }
        let mut paths: Vec<String> = self
            .deferred
            .iter()
            .filter_map(|job| self.shared_paths.get(job).cloned())
            .collect();
        paths.extend(self.site_wide_paths.iter().cloned());
        Deferred::Paths(paths)
    }

    /// How many pages of each kind the site has.
    pub fn counts(&self) -> Counts {
        count(&self.site, self.outputs.len())
    }

    /// Every problem the handbook has now, sorted.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .listing_diagnostics
            .iter()
            .chain(&self.theme_diagnostics)
            .chain(self.files.values().flat_map(|f| &f.diagnostics))
            .chain(&self.site_diagnostics)
            .chain(self.templates.as_ref().err().into_iter().flatten())
            .chain(&self.render_diagnostics)
            .chain(&self.copy_diagnostics)
            .chain(&self.config_diagnostics)
            .cloned()
            .collect();
        diagnostics::sort(&mut all);
        all.dedup();
        all
    }

    fn has_errors(&self) -> bool {
        self.diagnostics().iter().any(Diagnostic::is_error)
    }

    /// Rebuilds after `paths` changed (files or folders, created, modified,
    /// renamed or deleted). Paths the handbook does not depend on are ignored.
    pub fn apply(&mut self, paths: &[PathBuf]) -> Rebuild {
        let started = Instant::now();
        let mut rebuild = self.apply_inner(paths);
        rebuild.diagnostics = self.diagnostics();
        rebuild.failed = self.failed;
        rebuild.deferred = self.has_deferred();
        rebuild.elapsed = started.elapsed();
        rebuild
    }

    fn apply_inner(&mut self, paths: &[PathBuf]) -> Rebuild {
        let mut config = false;
        let mut templates = false;
        let mut statics = false;
        let mut content = Vec::new();
        for path in paths {
            match classify(&self.config, path) {
                ChangeKind::Config => config = true,
                ChangeKind::Template => templates = true,
                ChangeKind::Static => statics = true,
                ChangeKind::Content => content.push(path.clone()),
                ChangeKind::Ignored => {}
            }
        }
        // While site.toml is broken, every change waits for it to be fixed.
        if config || !self.config_diagnostics.is_empty() {
            return self.restart();
        }
        let touched: HashSet<PathBuf> = paths.iter().cloned().collect();
        let mut kind = RebuildKind::Nothing;
        if templates || statics {
            let mut found = Vec::new();
            self.theme = load_theme_sources(
                &self.config.root,
                &self.config.static_dir,
                &self.config.templates_dir,
                &self.config.theme_dir(),
                &mut found,
            );
            self.theme_diagnostics = found;
            if templates {
                self.templates = load_templates(&self.config, &self.theme);
                kind = RebuildKind::Templates;
            } else {
                kind = RebuildKind::Static;
            }
        }
        let change = if content.is_empty() {
            ContentChange::default()
        } else {
            match self.update_content(&content) {
                Ok(change) => change,
                Err(error) => {
                    self.listing_diagnostics = error_diagnostic(&error);
                    self.failed = true;
                    return Rebuild::new(RebuildKind::Site);
                }
            }
        };
        let content_changed = change.structural || !change.reparsed.is_empty();
        let assets_touched = content
            .iter()
            .any(|p| p.extension().is_none_or(|e| e != "md") && !p.is_dir());
        let mut rebuild;
        if kind == RebuildKind::Templates {
            if change.structural {
                self.rebuild_with(change);
            } else {
                self.fast_replace(change);
            }
            rebuild = Rebuild::new(RebuildKind::Templates);
            self.render_everything(&mut rebuild, true, &touched);
        } else if change.structural || (self.failed && (content_changed || statics)) {
            let first_build = self.outputs.is_empty();
            let mut rels: Vec<String> =
                change.reparsed.iter().map(|(rel, _)| rel.clone()).collect();
            rels.extend(change.removed.iter().cloned());
            self.rebuild_with(change);
            rebuild = Rebuild::new(RebuildKind::Site);
            if first_build {
                self.render_everything(&mut rebuild, false, &touched);
            } else {
                self.render_first(&mut rebuild, &rels, &touched);
            }
        } else if content_changed {
            let ids = self.fast_replace(change);
            rebuild = Rebuild::new(RebuildKind::Pages);
            self.render_pages(&mut rebuild, &ids);
            if assets_touched {
                self.refresh_copied(&mut rebuild, &touched);
            }
        } else if statics || assets_touched {
            rebuild = Rebuild::new(RebuildKind::Static);
            self.refresh_copied(&mut rebuild, &touched);
        } else {
            rebuild = Rebuild::new(kind);
        }
        rebuild
    }

    /// Starts over after `site.toml` changed, keeping the served output if
    /// the new configuration or the handbook has errors.
    fn restart(&mut self) -> Rebuild {
        let mut rebuild = Rebuild::new(RebuildKind::Everything);
        match Session::start(&self.options, self.base_url.as_deref()) {
            Ok(mut next) => {
                if next.failed {
                    next.outputs = std::mem::take(&mut self.outputs);
                    next.fingerprints = std::mem::take(&mut self.fingerprints);
                } else {
                    for (path, contents) in &next.outputs {
                        if self
                            .outputs
                            .get(path)
                            .is_none_or(|old| !old.same_as(contents))
                        {
                            rebuild.changed.push(path.clone());
                        }
                    }
                    rebuild.removed = self
                        .outputs
                        .keys()
                        .filter(|path| !next.outputs.contains_key(*path))
                        .cloned()
                        .collect();
                    rebuild.rendered = next.outputs.keys().cloned().collect();
                }
                *self = next;
            }
            Err(error) => {
                self.config_diagnostics = error_diagnostic(&error);
                self.failed = true;
            }
        }
        rebuild
    }

    /// Reads the changed content paths again and sorts out what changed.
    fn update_content(&mut self, paths: &[PathBuf]) -> Result<ContentChange, Error> {
        let content_dir = self.config.content_dir.clone();
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
        let mut change = ContentChange::default();
        change.reparsed = self.read_and_parse(&modified)?;
        change.structural = self.shape_changed(&change.reparsed);
        Ok(change)
    }

    /// Lists `content/` again: files added and removed are found by
    /// comparing listings (a moved folder only reports the folder), and new
    /// files plus `modified` ones are read and parsed.
    fn relist_content(&mut self, modified: &[String]) -> Result<ContentChange, Error> {
        let mut listing = Vec::new();
        let (markdown, assets) =
            list_content(&self.config.root, &self.config.content_dir, &mut listing);
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
                        },
                    );
                }
            }
        }
        to_read.sort();
        to_read.dedup();
        to_read.retain(|rel| self.files.contains_key(rel));
        self.assets = assets;
        Ok(ContentChange {
            reparsed: self.read_and_parse(&to_read)?,
            removed,
            structural: true,
        })
    }

    /// Reads and parses the files at `rels` in parallel, recording their new
    /// state. Files whose text did not change are left out of the result.
    fn read_and_parse(
        &mut self,
        rels: &[String],
    ) -> Result<Vec<(String, Option<Document>)>, Error> {
        let root = self.config.root.clone();
        let parse_options = parse_options(&self.config, self.audience);
        let files = &self.files;
        let results: Vec<(String, u64, Option<Document>, Vec<Diagnostic>)> = rels
            .par_iter()
            .filter_map(|rel| {
                let state = files.get(rel)?;
                let (hash, document, diagnostics) = match read_page(&root, &state.file) {
                    Ok(source) => {
                        let hash = hash_of(&source.text);
                        if state.hash == Some(hash) {
                            return None;
                        }
                        let (document, diagnostics) = parse_document(source, &parse_options);
                        (hash, document, diagnostics)
                    }
                    // Gone between the event and the read: the next event lists it again.
                    Err(diagnostic) => (0, None, vec![*diagnostic]),
                };
                Some((rel.clone(), hash, document, diagnostics))
            })
            .collect();
        let mut reparsed = Vec::with_capacity(results.len());
        for (rel, hash, document, diagnostics) in results {
            if let Some(state) = self.files.get_mut(&rel) {
                state.hash = Some(hash).filter(|_| document.is_some());
                state.diagnostics = diagnostics;
            }
            reparsed.push((rel, document));
        }
        Ok(reparsed)
    }

    /// Whether any re-parsed document changed what other pages see, or
    /// appeared or disappeared (a file that stops parsing leaves the site).
    fn shape_changed(&self, reparsed: &[(String, Option<Document>)]) -> bool {
        reparsed.iter().any(|(rel, document)| {
            let old = self.files.get(rel).and_then(|s| s.shape);
            let new = document.as_ref().map(shape_of);
            old.is_none() || new.is_none() || old != new
        })
    }

    /// Takes every document out of the site and the left-out list, to build again.
    fn take_documents(&mut self) -> Vec<Document> {
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
    fn rebuild_with(&mut self, change: ContentChange) {
        let replaced: HashSet<&str> = change
            .reparsed
            .iter()
            .map(|(rel, _)| rel.as_str())
            .chain(change.removed.iter().map(String::as_str))
            .collect();
        let mut documents = self.take_documents();
        documents.retain(|d| !replaced.contains(d.rel.as_str()));
        let mut shapes = Vec::new();
        for (rel, document) in change.reparsed {
            shapes.push((rel, document.as_ref().map(shape_of)));
            documents.extend(document);
        }
        for (rel, shape) in shapes {
            if let Some(state) = self.files.get_mut(&rel) {
                state.shape = shape;
            }
        }
        self.rebuild_site(documents);
    }

    /// Selects, orders and connects `documents` into the site.
    fn rebuild_site(&mut self, mut documents: Vec<Document>) {
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
        let known = known_files(
            &self.theme.static_files,
            page_paths,
            &documents,
            &HashMap::new(),
        );
        let (kept, left_out, mut omitted) =
            select_documents(documents, self.options.drafts, self.audience);
        let assets = select_assets(&self.assets, &left_out, &mut omitted);
        let (site, diagnostics) = build_site(SiteInput {
            documents: kept,
            assets,
            site_title: &self.config.title,
            taxonomies: &self.config.taxonomies,
            omitted: omitted.clone(),
            today: self.today.clone(),
            known,
        });
        self.page_of = site
            .pages
            .iter()
            .filter_map(|page| Some((page.document.as_ref()?.rel.clone(), page.id)))
            .collect();
        self.site = site;
        self.left_out = left_out;
        self.omitted = omitted;
        self.site_diagnostics = diagnostics;
        // The copied files are checked against the new site when they are next listed.
        self.copy_diagnostics.clear();
        self.deferred.clear();
        self.pending = false;
        self.full_pass = false;
    }

    /// Puts re-parsed documents whose shape did not change in place, and
    /// returns the pages they belong to.
    fn fast_replace(&mut self, change: ContentChange) -> Vec<PageId> {
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

    fn linker(&self) -> Linker {
        Linker {
            portable: self.options.portable,
        }
    }

    /// Renders the jobs that show the pages `ids` themselves, and leaves
    /// outputs that show every page for [`Session::render_deferred`].
    fn render_pages(&mut self, rebuild: &mut Rebuild, ids: &[PageId]) {
        if ids.is_empty() {
            return;
        }
        let own: Vec<Job> = jobs(&self.site)
            .into_iter()
            .filter(|job| matches!(job, Job::Page(p) | Job::RoleCard(p, _) if ids.contains(p)))
            .collect();
        if self.render_into(rebuild, &own, false, false).is_some() {
            for job in jobs(&self.site) {
                let own = matches!(job, Job::Page(p) | Job::RoleCard(p, _) if ids.contains(&p));
                let shows = ids.iter().any(|id| job.shows_body_of(*id));
                if !own && shows && !self.deferred.contains(&job) {
                    self.deferred.push(job);
                }
            }
            self.pending = true;
        }
    }

    /// After the site was built again: renders the changed files' own pages
    /// (so the page the author edits is ready at once), drops the pages of
    /// removed files, and leaves every other view to a full pass in
    /// [`Session::render_deferred`], which finds the ones that changed.
    fn render_first(&mut self, rebuild: &mut Rebuild, rels: &[String], touched: &HashSet<PathBuf>) {
        let ids: Vec<PageId> = rels
            .iter()
            .filter_map(|rel| self.page_of.get(rel))
            .copied()
            .collect();
        let own: Vec<Job> = jobs(&self.site)
            .into_iter()
            .filter(|job| matches!(job, Job::Page(p) | Job::RoleCard(p, _) if ids.contains(p)))
            .collect();
        let old: Vec<String> = rels
            .iter()
            .filter_map(|rel| self.page_paths.remove(rel))
            .flatten()
            .collect();
        if self.render_into(rebuild, &own, false, false).is_none() {
            // The next good rebuild is a full pass, which finds stale pages.
            return;
        }
        let kept: HashSet<&String> = rels
            .iter()
            .filter_map(|rel| self.page_paths.get(rel))
            .flatten()
            .collect();
        let gone: Vec<String> = old
            .into_iter()
            .filter(|path| !kept.contains(path))
            .collect();
        for path in gone {
            if self.outputs.remove(&path).is_some() {
                self.fingerprints.remove(Path::new(&path));
                rebuild.removed.push(path);
            }
        }
        self.refresh_copied(rebuild, touched);
        self.fresh = self
            .outputs
            .iter()
            .filter(|(_, contents)| !matches!(contents, Contents::Bytes(_)))
            .map(|(path, _)| path.clone())
            .chain(rebuild.rendered.iter().cloned())
            .collect();
        self.full_pass = true;
        self.pending = true;
        rebuild.removed.sort();
        rebuild.removed.dedup();
    }

    /// Renders what [`Session::apply`] left for later: outputs that show every
    /// page (the print page), the sitemap, the exports and the search index,
    /// or, after the site was built again, every view that changed.
    pub fn render_deferred(&mut self) -> Rebuild {
        let started = Instant::now();
        let mut rebuild = Rebuild::new(RebuildKind::Pages);
        if self.failed {
            // Nothing is rendered while the handbook has errors; the rebuild
            // that fixes them builds the site again and schedules a full pass.
            self.deferred.clear();
            self.pending = false;
            self.full_pass = false;
            self.fresh.clear();
        }
        if self.pending && !self.failed && self.full_pass {
            rebuild.kind = RebuildKind::Site;
            self.full_pass = false;
            self.pending = false;
            self.fresh.clear();
            self.render_all_views(&mut rebuild);
        } else if self.pending && !self.failed {
            let later = std::mem::take(&mut self.deferred);
            let before = self.site_wide_paths.clone();
            if self
                .render_into(&mut rebuild, &later, false, true)
                .is_some()
            {
                self.pending = false;
                // A site-wide output that is no longer made goes.
                for path in before {
                    if !self.site_wide_paths.contains(&path) {
                        self.outputs.remove(&path);
                        rebuild.removed.push(path);
                    }
                }
            } else {
                self.deferred = later;
            }
        }
        rebuild.diagnostics = self.diagnostics();
        rebuild.failed = self.failed;
        rebuild.elapsed = started.elapsed();
        rebuild
    }

    /// The full pass: every view fingerprinted, those that changed rendered,
    /// with the print page and the site-wide outputs, and outputs that are
    /// no longer made removed.
    fn render_all_views(&mut self, rebuild: &mut Rebuild) {
        let all = jobs(&self.site);
        let Some(produced) = self.render_into(rebuild, &all, false, true) else {
            return;
        };
        self.finish_output(rebuild, produced, &HashSet::new());
    }

    /// Renders every job (skipping unchanged views unless `force`), the
    /// site-wide outputs and the copied files, and replaces the output.
    /// Without `force`, outputs that show every page (the print page) and
    /// the site-wide outputs are left for [`Session::render_deferred`].
    fn render_everything(
        &mut self,
        rebuild: &mut Rebuild,
        force: bool,
        touched: &HashSet<PathBuf>,
    ) {
        let (now, later): (Vec<Job>, Vec<Job>) = jobs(&self.site).into_iter().partition(|job| {
            force
                || matches!(job, Job::Page(_) | Job::RoleCard(..))
                || !job.shows_body_of(PageId(0))
                || !self.shared_paths.contains_key(job)
        });
        let Some(mut produced) = self.render_into(rebuild, &now, force, later.is_empty()) else {
            return;
        };
        if later.is_empty() {
            // Everything was rendered: nothing is left for later.
            self.deferred.clear();
            self.pending = false;
            self.full_pass = false;
            self.fresh.clear();
        }
        if !later.is_empty() {
            produced.extend(
                later
                    .iter()
                    .filter_map(|job| self.shared_paths.get(job).cloned()),
            );
            produced.extend(self.site_wide_paths.iter().cloned());
            self.deferred = later;
            self.pending = true;
        }
        self.finish_output(rebuild, produced, touched);
    }

    /// Adds the copied files to the `produced` outputs, and removes outputs
    /// that are no longer produced.
    fn finish_output(
        &mut self,
        rebuild: &mut Rebuild,
        produced: HashSet<String>,
        touched: &HashSet<PathBuf>,
    ) {
        let copied = self.copied_files();
        self.merge_copied(rebuild, copied, produced, touched);
    }

    /// Re-lists the copied files after static files or assets changed.
    fn refresh_copied(&mut self, rebuild: &mut Rebuild, touched: &HashSet<PathBuf>) {
        if self.failed {
            return;
        }
        let generated: HashSet<String> = self
            .outputs
            .iter()
            .filter(|(_, contents)| matches!(contents, Contents::Bytes(_)))
            .map(|(path, _)| path.clone())
            .collect();
        let copied = self.copied_files();
        if self.copy_diagnostics.iter().any(Diagnostic::is_error) {
            self.failed = true;
            return;
        }
        self.merge_copied(rebuild, copied, generated, touched);
    }

    /// Puts `copied` into the output beside the `kept` paths, noting which
    /// changed (or whose source was `touched`), and removes every other output.
    fn merge_copied(
        &mut self,
        rebuild: &mut Rebuild,
        copied: Vec<OutputFile>,
        mut kept: HashSet<String>,
        touched: &HashSet<PathBuf>,
    ) {
        for file in copied {
            let path = slash(&file.path);
            let source_touched =
                matches!(&file.contents, Contents::Copy(source) if touched.contains(source));
            if source_touched
                || self
                    .outputs
                    .get(&path)
                    .is_none_or(|old| !old.same_as(&file.contents))
            {
                rebuild.changed.push(path.clone());
            }
            self.outputs.insert(path.clone(), file.contents);
            kept.insert(path);
        }
        let gone: Vec<String> = self
            .outputs
            .keys()
            .filter(|path| !kept.contains(*path))
            .cloned()
            .collect();
        for path in gone {
            self.outputs.remove(&path);
            self.fingerprints.remove(Path::new(&path));
            rebuild.removed.push(path);
        }
        rebuild.changed.sort();
        rebuild.changed.dedup();
    }

    /// The assets and static files the output copies.
    fn copied_files(&mut self) -> Vec<OutputFile> {
        let mut found = Vec::new();
        let files = copied_files(&self.site, &self.config.root, &self.theme, &mut found);
        self.copy_diagnostics = found;
        files
    }

    /// Renders `jobs` (and the site-wide outputs when `site_wide`), then, if
    /// the handbook has no errors, puts what changed into the output. Returns
    /// every output path these jobs produce, or `None` when the handbook has
    /// errors (the output is left as it was).
    fn render_into(
        &mut self,
        rebuild: &mut Rebuild,
        jobs: &[Job],
        force: bool,
        site_wide: bool,
    ) -> Option<HashSet<String>> {
        self.render_diagnostics.clear();
        if self.has_errors() {
            self.failed = true;
            return None;
        }
        let Ok(templates) = &self.templates else {
            self.failed = true;
            return None;
        };
        let options = render_options(&self.config, self.linker());
        let fingerprints = &self.fingerprints;
        let known = |path: &Path| {
            if force {
                None
            } else {
                fingerprints.get(path).copied()
            }
        };
        let (rendered, mut errors): (Vec<Rendered>, Vec<Diagnostic>) = render_jobs(
            &self.site,
            templates,
            &options,
            jobs,
            Reuse::Fingerprints(&known),
        );
        let mut wide = Vec::new();
        if site_wide {
            let (files, mut found) = render_site_wide(&self.site, templates, &options);
            wide = files;
            errors.append(&mut found);
        }
        if errors.iter().any(Diagnostic::is_error) {
            self.render_diagnostics = errors;
            self.failed = true;
            return None;
        }
        self.failed = false;
        if site_wide {
            self.site_wide_paths = wide.iter().map(|file| slash(&file.path)).collect();
        }
        // Without errors there is one result per job, in order.
        for (job, result) in jobs.iter().zip(&rendered) {
            let path = slash(&result.path);
            match job {
                Job::Page(id) | Job::RoleCard(id, _) => {
                    if let Some(document) = &self.site.pages[id.0].document {
                        let paths = self.page_paths.entry(document.rel.clone()).or_default();
                        if !paths.contains(&path) {
                            paths.push(path);
                        }
                    }
                }
                _ => {
                    self.shared_paths.insert(*job, path);
                }
            }
        }
        let mut produced = HashSet::with_capacity(rendered.len() + wide.len());
        for job in rendered {
            let path = slash(&job.path);
            produced.insert(path.clone());
            let Some(bytes) = job.bytes else { continue };
            rebuild.rendered.push(path.clone());
            let contents = Contents::Bytes(bytes);
            if self
                .outputs
                .get(&path)
                .is_none_or(|old| !old.same_as(&contents))
            {
                rebuild.changed.push(path.clone());
            }
            self.outputs.insert(path, contents);
            self.fingerprints.insert(job.path, job.fingerprint);
        }
        for file in wide {
            let path = slash(&file.path);
            produced.insert(path.clone());
            rebuild.rendered.push(path.clone());
            if self
                .outputs
                .get(&path)
                .is_none_or(|old| !old.same_as(&file.contents))
            {
                rebuild.changed.push(path.clone());
            }
            self.outputs.insert(path, file.contents);
        }
        rebuild.rendered.sort();
        rebuild.changed.sort();
        if self.full_pass {
            // Rendered from the current site: requests need not wait for these.
            self.fresh.extend(rebuild.rendered.iter().cloned());
        }
        Some(produced)
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    const SCENARIO: &str = "---
title: The missed deadline
kind: scenario
summary: A late report.
duration: 20
roles:
  - id: manager
    name: Team lead
    brief: You found out from the client.
  - id: analyst
    name: Analyst
    brief: The data came late.
debrief:
  - ref: ../questions/grow.md#goal
---
The report was late.
";

    fn page(title: &str, extra: &str, body: &str) -> String {
        format!("---\ntitle: {title}\nsummary: About {title}.\n{extra}---\n{body}\n")
    }

    fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    fn handbook() -> (tempfile::TempDir, Session) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "site.toml",
            "title = \"Test\"\n[taxonomies]\ntags = \"Tags\"\n",
        );
        write(
            root,
            "content/_index.md",
            "---\ntitle: Home\n---\nWelcome.\n",
        );
        write(
            root,
            "content/guides/_index.md",
            "---\ntitle: Guides\n---\nAll guides.\n",
        );
        write(
            root,
            "content/guides/listening.md",
            &page(
                "Listening",
                "tags: [core]\n",
                "Listen first.\n\n## Why it matters\n\nBecause.",
            ),
        );
        write(
            root,
            "content/guides/feedback.md",
            &page("Feedback", "", "See [why](listening.md#why-it-matters)."),
        );
        write(
            root,
            "content/other/_index.md",
            "---\ntitle: Other\n---\nMore.\n",
        );
        write(root, "content/other/intro.md", &page("Intro", "", "Hello."));
        write(
            root,
            "content/questions/grow.md",
            "---\ntitle: GROW\nkind: questions\nsummary: Questions.\nquestions:\n  - id: goal\n    text: What do you want?\n---\nAsk well.\n",
        );
        write(root, "content/scenarios/deadline.md", SCENARIO);
        let options = BuildOptions {
            root: root.to_path_buf(),
            ..BuildOptions::default()
        };
        let session = Session::start(&options, Some("/")).expect("the handbook builds");
        assert!(!session.failed(), "{:?}", session.diagnostics());
        (dir, session)
    }

    /// The rendered outputs that are pages (not the print page, sitemap or exports).
    fn pages(rendered: &[String]) -> Vec<&str> {
        rendered
            .iter()
            .map(String::as_str)
            .filter(|p| p.ends_with("index.html") && !p.starts_with("print/"))
            .collect()
    }

    fn edit(session: &mut Session, root: &Path, rel: &str, text: &str) -> Rebuild {
        let path = write(root, rel, text);
        session.apply(&[path])
    }

    /// The session's output, once deferred outputs are done (as the preview
    /// loop does right after each rebuild), equals what a fresh start makes
    /// of the same files.
    fn assert_same_as_fresh(session: &mut Session, root: &Path) {
        session.render_deferred();
        let options = BuildOptions {
            root: root.to_path_buf(),
            ..BuildOptions::default()
        };
        let fresh = Session::start(&options, Some("/")).unwrap();
        let keys: Vec<&String> = session.outputs().keys().collect();
        let fresh_keys: Vec<&String> = fresh.outputs().keys().collect();
        assert_eq!(keys, fresh_keys);
        for (path, contents) in fresh.outputs() {
            assert!(
                contents.same_as(&session.outputs()[path]),
                "{path} differs from a fresh build"
            );
        }
    }

    #[test]
    fn a_session_makes_the_same_files_as_build() {
        let (dir, _) = handbook();
        let root = dir.path();
        let out = tempfile::tempdir().unwrap();
        let options = BuildOptions {
            root: root.to_path_buf(),
            out: Some(out.path().join("site")),
            write: true,
            ..BuildOptions::default()
        };
        let report = crate::build::run_build(&options).unwrap();
        assert!(report.wrote, "{:?}", report.diagnostics);
        let session = Session::start(&options, None).unwrap();
        let mut written = Vec::new();
        for entry in walkdir::WalkDir::new(out.path().join("site")) {
            let entry = entry.unwrap();
            // The marker says a build made the folder; it is no page of the site.
            if entry.file_type().is_file() && entry.file_name() != crate::output::MARKER {
                let rel = entry.path().strip_prefix(out.path().join("site")).unwrap();
                written.push((slash(rel), fs::read(entry.path()).unwrap()));
            }
        }
        written.sort();
        let served: Vec<(String, Vec<u8>)> = session
            .outputs()
            .iter()
            .map(|(path, contents)| {
                let bytes = match contents {
                    Contents::Bytes(bytes) => bytes.clone(),
                    Contents::Embedded(bytes) => bytes.to_vec(),
                    Contents::Copy(source) => fs::read(source).unwrap(),
                };
                (path.clone(), bytes)
            })
            .collect();
        let names =
            |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&served), names(&written));
        for ((path, a), (_, b)) in served.iter().zip(&written) {
            assert!(a == b, "{path} differs between build and the session");
        }
    }

    #[test]
    fn a_body_edit_renders_only_its_own_page_then_the_print_page() {
        let (dir, mut session) = handbook();
        let rebuild = edit(
            &mut session,
            dir.path(),
            "content/guides/listening.md",
            &page(
                "Listening",
                "tags: [core]\n",
                "Listen fully.\n\n## Why it matters\n\nBecause.",
            ),
        );
        assert_eq!(rebuild.kind, RebuildKind::Pages);
        assert_eq!(rebuild.rendered, vec!["guides/listening/index.html"]);
        assert_eq!(rebuild.changed, vec!["guides/listening/index.html"]);
        assert!(rebuild.deferred && !rebuild.failed);
        let Deferred::Paths(later) = session.deferred_outputs() else {
            panic!("only some outputs wait")
        };
        assert!(later.contains(&"print/index.html".to_string()));
        assert!(later.contains(&"sitemap.xml".to_string()));
        let rest = session.render_deferred();
        assert_eq!(pages(&rest.rendered), Vec::<&str>::new());
        assert!(rest.rendered.contains(&"print/index.html".to_string()));
        assert!(rest.changed.contains(&"print/index.html".to_string()));
        assert!(!session.has_deferred());
        assert_same_as_fresh(&mut session, dir.path());
    }

    #[test]
    fn a_scenario_body_edit_renders_its_role_cards_too() {
        let (dir, mut session) = handbook();
        let rebuild = edit(
            &mut session,
            dir.path(),
            "content/scenarios/deadline.md",
            &SCENARIO.replace("The report was late.", "The report was a week late."),
        );
        assert_eq!(rebuild.kind, RebuildKind::Pages);
        assert_eq!(
            rebuild.rendered,
            vec![
                "scenarios/deadline/index.html",
                "scenarios/deadline/roles/analyst/index.html",
                "scenarios/deadline/roles/manager/index.html",
            ]
        );
        session.render_deferred();
        assert_same_as_fresh(&mut session, dir.path());
    }

    #[test]
    fn a_title_edit_renders_the_pages_that_show_the_title() {
        let (dir, mut session) = handbook();
        let rebuild = edit(
            &mut session,
            dir.path(),
            "content/guides/listening.md",
            &page(
                "Deep listening",
                "tags: [core]\n",
                "Listen first.\n\n## Why it matters\n\nBecause.",
            ),
        );
        assert_eq!(rebuild.kind, RebuildKind::Site);
        // First the page itself, so the author sees it at once; every other
        // page waits for the full pass.
        assert_eq!(rebuild.rendered, vec!["guides/listening/index.html"]);
        assert!(rebuild.deferred);
        let Deferred::AllBut(fresh) = session.deferred_outputs() else {
            panic!("after a site rebuild every other page waits")
        };
        assert!(fresh.contains(&"guides/listening/index.html".to_string()));
        assert!(!fresh.contains(&"guides/index.html".to_string()));
        // The full pass renders the views that show the title: the section's
        // listing, the sibling's sidebar and previous/next links, the tag's
        // listing, and the print page.
        let rest = session.render_deferred();
        assert_eq!(rest.kind, RebuildKind::Site);
        let rendered = pages(&rest.rendered);
        for expected in [
            "guides/index.html",
            "guides/feedback/index.html",
            "tags/core/index.html",
        ] {
            assert!(rendered.contains(&expected), "{expected} in {rendered:?}");
        }
        // Pages in other sections show neither the title nor the page.
        for unaffected in [
            "guides/listening/index.html",
            "other/intro/index.html",
            "questions/grow/index.html",
            "index.html",
        ] {
            assert!(
                !rendered.contains(&unaffected),
                "{unaffected} in {rendered:?}"
            );
        }
        assert!(rest.changed.contains(&"print/index.html".to_string()));
        assert!(!session.has_deferred());
        assert_same_as_fresh(&mut session, dir.path());
    }

    #[test]
    fn a_body_edit_while_the_full_pass_waits_is_served_at_once() {
        let (dir, mut session) = handbook();
        let root = dir.path();
        let retitled = edit(
            &mut session,
            root,
            "content/guides/listening.md",
            &page(
                "Deep listening",
                "tags: [core]\n",
                "Listen first.\n\n## Why it matters\n\nBecause.",
            ),
        );
        assert!(retitled.deferred);
        let body = edit(
            &mut session,
            root,
            "content/other/intro.md",
            &page("Intro", "", "Hello there."),
        );
        assert_eq!(body.kind, RebuildKind::Pages);
        let Deferred::AllBut(fresh) = session.deferred_outputs() else {
            panic!("the full pass still waits")
        };
        assert!(fresh.contains(&"other/intro/index.html".to_string()));
        assert!(fresh.contains(&"guides/listening/index.html".to_string()));
        assert_same_as_fresh(&mut session, root);
    }

    #[test]
    fn a_template_edit_renders_everything() {
        let (dir, mut session) = handbook();
        let before = session.outputs().len();
        let rebuild = edit(
            &mut session,
            dir.path(),
            "templates/404.html",
            "<!doctype html><p>Lost</p>",
        );
        assert_eq!(rebuild.kind, RebuildKind::Templates);
        let every_page = session
            .outputs()
            .iter()
            .filter(|(path, contents)| {
                path.ends_with(".html") && matches!(contents, Contents::Bytes(_))
            })
            .count();
        assert_eq!(
            pages(&rebuild.rendered).len() + 2,
            every_page,
            "all pages, print and 404 too"
        );
        assert_eq!(rebuild.changed, vec!["404.html"]);
        assert_eq!(session.outputs().len(), before);
        assert_same_as_fresh(&mut session, dir.path());
    }

    #[test]
    fn pages_added_renamed_and_deleted_update_the_navigation_and_the_output() {
        let (dir, mut session) = handbook();
        let root = dir.path();
        let added = edit(
            &mut session,
            root,
            "content/guides/silence.md",
            &page("Silence", "", "Wait."),
        );
        assert_eq!(added.kind, RebuildKind::Site);
        assert!(
            added
                .changed
                .contains(&"guides/silence/index.html".to_string())
        );
        let rest = session.render_deferred();
        assert!(rest.changed.contains(&"guides/index.html".to_string()));

        fs::rename(
            root.join("content/guides/silence.md"),
            root.join("content/guides/pauses.md"),
        )
        .unwrap();
        let renamed = session.apply(&[
            root.join("content/guides/silence.md"),
            root.join("content/guides/pauses.md"),
        ]);
        assert_eq!(renamed.removed, vec!["guides/silence/index.html"]);
        assert!(
            renamed
                .changed
                .contains(&"guides/pauses/index.html".to_string())
        );

        fs::remove_file(root.join("content/guides/pauses.md")).unwrap();
        let deleted = session.apply(&[root.join("content/guides/pauses.md")]);
        assert_eq!(deleted.removed, vec!["guides/pauses/index.html"]);
        session.render_deferred();
        let Contents::Bytes(section) = &session.outputs()["guides/index.html"] else {
            panic!("a rendered page")
        };
        assert!(!String::from_utf8_lossy(section).contains("Silence"));
        assert_same_as_fresh(&mut session, root);

        // A folder moved: only the folder is reported, its pages move along.
        fs::rename(root.join("content/other"), root.join("content/more")).unwrap();
        let moved = session.apply(&[root.join("content/other"), root.join("content/more")]);
        assert_eq!(moved.kind, RebuildKind::Site);
        assert!(
            moved
                .removed
                .contains(&"other/intro/index.html".to_string())
        );
        assert!(moved.changed.contains(&"more/intro/index.html".to_string()));
        assert_same_as_fresh(&mut session, root);
    }

    #[test]
    fn a_broken_page_keeps_the_last_good_output_until_it_is_fixed() {
        let (dir, mut session) = handbook();
        let root = dir.path();
        // A body edit leaves the print page for later...
        let body = edit(
            &mut session,
            root,
            "content/other/intro.md",
            &page("Intro", "", "Hello, world."),
        );
        assert!(body.deferred);
        let good = session.outputs().clone();
        // ...and then a save breaks the page.
        let broken = edit(
            &mut session,
            root,
            "content/other/intro.md",
            "---
title: [oops
---
",
        );
        assert!(broken.failed);
        assert!(broken.changed.is_empty() && broken.removed.is_empty());
        assert!(broken.needs_reload(), "the overlay must appear");
        assert!(
            broken
                .diagnostics
                .iter()
                .any(|d| d.is_error() && d.path == Path::new("content/other/intro.md"))
        );
        assert_eq!(session.outputs().len(), good.len());
        // Deferred work is dropped while broken, so the preview loop does
        // not keep trying it; the fix schedules it again.
        session.render_deferred();
        assert!(!session.has_deferred());
        // Another edit while broken still changes nothing in the output.
        let still = edit(
            &mut session,
            root,
            "content/guides/feedback.md",
            &page("Feedback", "", "Later."),
        );
        assert!(still.failed && still.changed.is_empty());

        let fixed = edit(
            &mut session,
            root,
            "content/other/intro.md",
            &page("Intro", "", "Hello again."),
        );
        assert!(!fixed.failed);
        assert!(
            fixed
                .changed
                .contains(&"other/intro/index.html".to_string())
        );
        // The edit made while broken reaches its page in the full pass.
        let rest = session.render_deferred();
        assert!(
            rest.changed
                .contains(&"guides/feedback/index.html".to_string())
        );
        assert!(fixed.diagnostics.iter().all(|d| !d.is_error()));
        assert_same_as_fresh(&mut session, root);
    }

    #[test]
    fn a_save_that_changes_nothing_renders_nothing() {
        let (dir, mut session) = handbook();
        let root = dir.path();
        let same = fs::read_to_string(root.join("content/other/intro.md")).unwrap();
        let rebuild = edit(&mut session, root, "content/other/intro.md", &same);
        assert_eq!(rebuild.kind, RebuildKind::Nothing);
        assert!(!rebuild.needs_reload());
        let ignored = session.apply(&[
            root.join("content/other/.intro.md.swp"),
            root.join("content/other/intro.md~"),
            root.join("public/index.html"),
            root.join("notes.txt"),
        ]);
        assert_eq!(ignored.kind, RebuildKind::Nothing);
    }

    #[test]
    fn a_static_file_change_only_reloads() {
        let (dir, mut session) = handbook();
        let root = dir.path();
        let added = edit(&mut session, root, "static/logo.svg", "<svg/>");
        assert_eq!(added.kind, RebuildKind::Static);
        assert_eq!(added.changed, vec!["logo.svg"]);
        assert!(added.rendered.is_empty());
        let modified = edit(&mut session, root, "static/logo.svg", "<svg></svg>");
        assert_eq!(modified.changed, vec!["logo.svg"]);
        fs::remove_file(root.join("static/logo.svg")).unwrap();
        let removed = session.apply(&[root.join("static/logo.svg")]);
        assert_eq!(removed.removed, vec!["logo.svg"]);
    }

    #[test]
    fn a_site_toml_change_starts_over_and_a_broken_one_keeps_the_output() {
        let (dir, mut session) = handbook();
        let root = dir.path();
        let renamed = edit(
            &mut session,
            root,
            "site.toml",
            "title = \"Renamed\"\n[taxonomies]\ntags = \"Tags\"\n",
        );
        assert_eq!(renamed.kind, RebuildKind::Everything);
        assert!(!renamed.failed);
        let broken = edit(&mut session, root, "site.toml", "titel = \"Oops\"\n");
        assert!(broken.failed);
        assert!(
            broken
                .diagnostics
                .iter()
                .any(|d| d.path == Path::new("site.toml"))
        );
        assert!(!session.outputs().is_empty());
        // A page edit waits for site.toml to be fixed.
        let waiting = edit(
            &mut session,
            root,
            "content/other/intro.md",
            &page("Intro", "", "Hi."),
        );
        assert!(waiting.failed);
        let fixed = edit(
            &mut session,
            root,
            "site.toml",
            "title = \"Fixed\"\n[taxonomies]\ntags = \"Tags\"\n",
        );
        assert!(!fixed.failed);
        assert_same_as_fresh(&mut session, root);
    }
}
