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
//! stay, and the diagnostics say what is wrong. Every stage is a
//! [`Pipeline`] method, so `build` and `serve` make the same files. The
//! session reads files through `discover` and never writes.
//!
//! By job: `changes.rs` finds what changed and brings the site up to date,
//! `rerender.rs` decides what to render now and what later ([`Pending`]),
//! `merge.rs` renders and merges the results into the served output.

mod changes;
mod merge;
mod rerender;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::watch::{ChangeKind, classify};
use crate::Error;
use crate::artifact::{Contents, OutputFile};
use crate::build::{BuildOptions, Counts, count};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::{self, Code, Diagnostic, Severity};
use crate::discover::{OtherFile, Sources};
use crate::document::Document;
use crate::pipeline::{Pipeline, Selection};
use crate::render::{Job, Templates};
use crate::site::{PageId, Site};
use changes::{ContentChange, SourceState};
use rerender::Pending;

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
}

impl crate::diagnostics::Report for Rebuild {
    fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
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

/// A handbook kept in memory between rebuilds.
pub struct Session {
    options: BuildOptions,
    base_url: Option<String>,
    /// The stages, with the configuration in force.
    pipeline: Pipeline,
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
    /// What [`Session::render_deferred`] has left to do.
    pending: Pending,
    /// The output paths of each content file's own pages (page, role cards).
    page_paths: HashMap<String, Vec<String>>,
    /// Output path of each job that is not one page's own (print, taxonomy, 404).
    shared_paths: HashMap<Job, String>,
    /// Output paths of the site-wide outputs (sitemap, exports).
    site_wide_paths: Vec<String>,
    /// The handbook has errors now, so `outputs` is from an earlier state.
    failed: bool,
}

/// Keeps every file a build makes: a multi-language preview's output.
#[derive(Default)]
struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl crate::artifact::Sink for Collect {
    fn put(&self, file: &OutputFile) {
        if let Ok(mut files) = self.0.lock() {
            files.push(file.clone());
        }
    }
}

/// A tool error as a diagnostic, for a rebuild that must go on serving.
fn error_diagnostic(error: &Error) -> Vec<Diagnostic> {
    match error {
        Error::Config(diagnostics) => diagnostics.clone(),
        Error::NoConfig { .. } => vec![
            Diagnostic::file(
                Code::NoConfig,
                Severity::Error,
                Path::new(CONFIG_FILE),
                error.to_string(),
            )
            .with_help("put site.toml back; coachbook keeps serving the last good pages"),
        ],
        other => vec![Diagnostic::file(
            Code::Tool,
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
        let mut pipeline = Pipeline::new(&options)?;
        if let Some(base_url) = base_url {
            pipeline.config.base_url = base_url.to_string();
        }
        let mut theme_diagnostics = Vec::new();
        let theme = pipeline.load_theme(&mut theme_diagnostics);
        let templates = pipeline.templates(&theme);
        let site = pipeline.site(Selection::default(), None, None).0.site;
        let mut session = Session {
            options,
            base_url: base_url.map(str::to_string),
            pipeline,
            theme,
            theme_diagnostics,
            templates,
            files: BTreeMap::new(),
            assets: Vec::new(),
            listing_diagnostics: Vec::new(),
            site,
            left_out: Vec::new(),
            omitted: HashMap::new(),
            page_of: HashMap::new(),
            site_diagnostics: Vec::new(),
            render_diagnostics: Vec::new(),
            copy_diagnostics: Vec::new(),
            config_diagnostics: Vec::new(),
            outputs: BTreeMap::new(),
            fingerprints: HashMap::new(),
            pending: Pending::Nothing,
            page_paths: HashMap::new(),
            shared_paths: HashMap::new(),
            site_wide_paths: Vec::new(),
            failed: false,
        };
        if !session.pipeline.config.languages.is_empty() {
            session.make_every_language();
            return Ok(session);
        }
        let change = session.relist_content(&[]);
        let documents = change.reparsed.into_iter().filter_map(|(_, d)| d).collect();
        session.rebuild_site(documents);
        let mut rebuild = Rebuild::new(RebuildKind::Everything);
        session.render_everything(&mut rebuild, true, &HashSet::new());
        Ok(session)
    }

    /// Builds every language of a multi-language handbook through
    /// [`crate::build::make`], as `build` does, into the served output.
    fn make_every_language(&mut self) {
        let collect = Collect::default();
        let made = crate::build::make(&self.pipeline, Some(&collect), false);
        self.theme_diagnostics.clear();
        self.failed = made.diagnostics.iter().any(Diagnostic::is_error);
        self.site_diagnostics = made.diagnostics;
        if !self.failed {
            let files = collect.0.into_inner().unwrap_or_default();
            self.outputs = files
                .into_iter()
                .map(|file| (crate::artifact::slash(&file.path), file.contents))
                .collect();
        }
        if let Some(site) = made.sites.into_iter().next() {
            self.site = site;
        }
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.pipeline.config
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
        !matches!(self.pending, Pending::Nothing)
    }

    /// The outputs [`Session::render_deferred`] will render again: requests
    /// for them should wait for it.
    pub fn deferred_outputs(&self) -> Deferred {
        match &self.pending {
            Pending::Nothing => Deferred::Nothing,
            Pending::FullPass { fresh } => Deferred::AllBut(fresh.iter().cloned().collect()),
            Pending::Later(jobs) => {
                let mut paths: Vec<String> = jobs
                    .iter()
                    .filter_map(|job| self.shared_paths.get(job).cloned())
                    .collect();
                paths.extend(self.site_wide_paths.iter().cloned());
                Deferred::Paths(paths)
            }
        }
    }

    /// How many pages of each kind the site has.
    pub fn counts(&self) -> Counts {
        count(std::slice::from_ref(&self.site), self.outputs.len())
    }

    /// Every problem the handbook has now, sorted.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .listing_diagnostics
            .iter()
            .chain(&self.theme_diagnostics)
            .chain(self.files.values().flat_map(|f| &f.diagnostics))
            .chain(&self.site_diagnostics())
            .chain(self.templates.as_ref().err().into_iter().flatten())
            .chain(&self.render_diagnostics)
            .chain(&self.copy_diagnostics)
            .chain(&self.config_diagnostics)
            .cloned()
            .collect();
        diagnostics::sort(&mut all);
        all.dedup();
        crate::document::group_unknown_fields(&mut all);
        diagnostics::keep_first_of_handbook_wide(&mut all);
        all
    }

    /// The site stage's diagnostics, each on a page with includes moved to
    /// the file and line its text came from.
    fn site_diagnostics(&self) -> Vec<Diagnostic> {
        let mut site = self.site_diagnostics.clone();
        let origins: HashMap<PathBuf, Vec<(PathBuf, usize)>> = self
            .files
            .values()
            .filter(|f| !f.origins.is_empty())
            .map(|f| (f.display(&self.pipeline.config.root), f.origins.clone()))
            .collect();
        crate::discover::expand::place_diagnostics(&mut site, &origins);
        site
    }

    /// Whether the handbook has errors now, before rendering.
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
            match classify(&self.pipeline.config, path) {
                ChangeKind::Config => config = true,
                ChangeKind::Template => templates = true,
                ChangeKind::Static => statics = true,
                ChangeKind::Content => content.push(path.clone()),
                ChangeKind::Ignored => {}
            }
        }
        // While site.toml is broken, every change waits for it to be fixed.
        // A handbook in several languages is built again whole (each
        // language's site depends on the default language's).
        let multilingual = !self.pipeline.config.languages.is_empty()
            && (templates || statics || !content.is_empty());
        if config || !self.config_diagnostics.is_empty() || multilingual {
            return self.restart();
        }
        let touched: HashSet<PathBuf> = paths.iter().cloned().collect();
        let mut kind = RebuildKind::Nothing;
        if templates || statics {
            let mut found = Vec::new();
            self.theme = self.pipeline.load_theme(&mut found);
            self.theme_diagnostics = found;
            if templates {
                self.templates = self.pipeline.templates(&self.theme);
                kind = RebuildKind::Templates;
            } else {
                kind = RebuildKind::Static;
            }
        }
        let change = if content.is_empty() {
            ContentChange::default()
        } else {
            self.update_content(&content)
        };
        let content_changed = change.structural || !change.reparsed.is_empty();
        // SUMMARY.md orders every page's sidebar and previous and next links.
        let summary_file = self
            .pipeline
            .config
            .content_dir
            .join(crate::discover::SUMMARY_FILE);
        let summary_touched = content.contains(&summary_file);
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
        } else if summary_touched {
            self.rebuild_with(change);
            rebuild = Rebuild::new(RebuildKind::Site);
            self.render_everything(&mut rebuild, false, &touched);
        } else if change.structural || (self.failed && (content_changed || statics)) {
            let first_build = self.outputs.is_empty();
            let mut rels: Vec<String> =
                change.reparsed.iter().map(|(rel, _)| rel.clone()).collect();
            rels.extend(change.removed.iter().cloned());
            let urls_before = self.page_urls(&rels);
            // A title edit is made in place, unless the preview shows errors:
            // then the whole site is built again, as for any other change.
            if first_build || self.failed {
                self.rebuild_with(change);
            } else if let Err(change) = self.retitle(change) {
                self.rebuild_with(change);
            }
            rebuild = Rebuild::new(RebuildKind::Site);
            if first_build {
                self.render_everything(&mut rebuild, false, &touched);
            } else {
                // Which files are copied depends on which pages are in the
                // handbook and where; a new title or tag changes neither.
                let copied_may_change =
                    statics || assets_touched || self.page_urls(&rels) != urls_before;
                self.render_first(&mut rebuild, &rels, &touched, copied_may_change);
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

    /// The URL of the page of each file of `rels`, if it is in the handbook.
    fn page_urls(&self, rels: &[String]) -> Vec<Option<String>> {
        rels.iter()
            .map(|rel| Some(self.site.page(*self.page_of.get(rel)?).url.clone()))
            .collect()
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
                        if merge::is_new(&self.outputs, path, contents) {
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
}
