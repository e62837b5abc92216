//! The pipeline, end to end: `config -> discover -> document -> site -> render
//! -> output`. [`run_build`] serves both `build` (which writes) and `check`
//! (which runs every check and writes nothing).
//!
//! Diagnostics from every stage are gathered so one run reports everything;
//! nothing is written unless the whole build succeeded.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use rayon::prelude::*;

use crate::Error;
use crate::artifact::{Contents, Discard, OutputFile, Sink};
use crate::config::{CONFIG_FILE, Config, parse_config, unsafe_output_dir};
use crate::diagnostics::{self, Diagnostic};
use crate::discover::{OtherFile, SourceFile, Sources, display_path, load_sources, read_text};
use crate::document::{
    AudienceFilter, Date, Document, FileRole, Kind, ParseOptions, parse_document,
};
use crate::output::Staging;
use crate::render::{
    RenderOptions, Templates, output_collisions, render_site, theme::embedded_files,
};
use crate::site::{KnownFiles, Linker, SiteInput, build_site};
use crate::timings::Timings;

/// What the user asked for.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides `output_dir` from site.toml.
    pub out: Option<PathBuf>,
    pub drafts: bool,
    pub portable: bool,
    pub strict: bool,
    /// False for `check`: run everything, write nothing.
    pub write: bool,
    /// The edition to build (a name from `[editions]` in site.toml); `None` builds everything.
    pub edition: Option<String>,
    /// Replace an existing output folder even if no coachbook build made it.
    pub force: bool,
}

/// How many pages of each kind a build produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub guides: usize,
    pub question_banks: usize,
    pub scenarios: usize,
    pub sections: usize,
    pub files: usize,
}

/// The outcome of a build whose configuration was valid.
#[derive(Debug)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    pub counts: Counts,
    pub elapsed_ms: u128,
    pub output_dir: PathBuf,
    /// Whether the site was written (false for `check` and for failed builds).
    pub wrote: bool,
    pub strict: bool,
    /// Wall time of each stage, for `--timings`.
    pub timings: Timings,
}

impl BuildReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Whether the handbook failed: any error, or any warning under `--strict`.
    pub fn failed(&self) -> bool {
        self.errors() > 0 || (self.strict && self.warnings() > 0)
    }
}

/// Reads and checks `site.toml` under `root`.
pub fn load_config(root: &Path) -> Result<Config, Error> {
    let path = root.join(CONFIG_FILE);
    if !path.is_file() {
        return Err(Error::NoConfig {
            root: root.to_path_buf(),
        });
    }
    let text = match read_text(&path, Path::new(CONFIG_FILE)) {
        Ok(text) => text,
        Err(diagnostic) => return Err(Error::Config(vec![*diagnostic])),
    };
    parse_config(root, &text).map_err(Error::Config)
}

/// Today's date from the system clock (UTC).
pub(crate) fn today() -> Date {
    let seconds = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_unix_days(i64::try_from(seconds / 86_400).unwrap_or(0))
}

/// Runs the whole pipeline. `Err` is for the tool failing (bad config, I/O);
/// problems in the handbook are diagnostics in the report.
pub fn run_build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let started = Instant::now();
    let mut timings = Timings::default();
    let config = resolve_config(options)?;
    // Refuse a folder coachbook did not make, and clean up after killed
    // builds, before spending time on the handbook.
    let staging = if options.write {
        Some(Staging::begin(&config.output_dir, options.force)?)
    } else {
        None
    };
    let (mut sources, mut diagnostics) = load_sources(
        &config.root,
        &config.content_dir,
        &config.static_dir,
        &config.templates_dir,
        &config.theme_dir(),
    );
    diagnostics.extend(config.warnings.iter().cloned());
    timings.lap("read");
    let audience = edition_audience(&config, options.edition.as_deref())?;
    let pages = std::mem::take(&mut sources.pages);
    let page_paths = pages.iter().map(|file| file.rel.clone()).collect();
    let (documents, left_out, mut omitted, mut found) =
        parse_documents(&config, pages, options.drafts, audience);
    let known = known_files(&sources.static_files, page_paths, &documents, &omitted);
    diagnostics.append(&mut found);
    let assets = select_assets(&sources.assets, &left_out, &mut omitted);
    timings.lap("parse");

    let linker = Linker {
        portable: options.portable,
    };
    let (mut site, mut found) = build_site(SiteInput {
        documents,
        assets,
        site_title: &config.title,
        taxonomies: &config.taxonomies,
        omitted,
        today: today(),
        known,
    });
    diagnostics.append(&mut found);
    site.drop_sources();
    timings.lap("site");

    // Files go straight into the staging folder as they are made, unless the
    // build cannot succeed anyway or only checks.
    let sink: &dyn Sink = match &staging {
        Some(staging) if !diagnostics.iter().any(Diagnostic::is_error) => staging,
        _ => &Discard,
    };
    let mut generated = Vec::new();
    match load_templates(&config, &sources) {
        Ok(templates) => {
            let render_options = render_options(&config, linker);
            match render_site(&site, &templates, &render_options, sink, &mut timings) {
                Ok(paths) => generated = paths,
                Err(mut errors) => diagnostics.append(&mut errors),
            }
        }
        Err(mut errors) => diagnostics.append(&mut errors),
    }
    let copied = copied_files(&site, &config.root, &sources, &mut diagnostics);
    copied.par_iter().for_each(|file| sink.put(file));

    diagnostics::sort(&mut diagnostics);
    let counts = count(&site, generated.len() + copied.len());
    let mut report = BuildReport {
        diagnostics,
        counts,
        elapsed_ms: 0,
        output_dir: config.output_dir.clone(),
        wrote: false,
        strict: options.strict,
        timings,
    };
    if let Some(staging) = staging
        && !report.failed()
    {
        staging.commit()?;
        report.wrote = true;
        report.timings.lap("copy and swap in");
    }
    report.elapsed_ms = started.elapsed().as_millis();
    Ok(report)
}

/// Reads `site.toml` and applies `--out`, refusing an unsafe output folder.
pub(crate) fn resolve_config(options: &BuildOptions) -> Result<Config, Error> {
    let mut config = load_config(&options.root)?;
    if let Some(out) = &options.out {
        let out = crate::config::resolve(&options.root.join(out));
        if let Some(problem) = unsafe_output_dir(&config, &out) {
            return Err(Error::UnsafeOutput { problem });
        }
        config.output_dir = out;
    }
    Ok(config)
}

/// The theme's templates with the site's overrides. Template errors name the
/// template as the author sees it, relative to the handbook root.
pub(crate) fn load_templates(
    config: &Config,
    sources: &Sources,
) -> Result<Templates, Vec<Diagnostic>> {
    Templates::load(
        &display_path(&config.root, &config.theme_dir()),
        &sources.theme_templates,
        &display_path(&config.root, &config.templates_dir),
        &sources.site_templates,
    )
}

/// What rendering needs to know of the configuration. The edition needs
/// nothing here: what it leaves out never reaches the site.
pub(crate) fn render_options(config: &Config, linker: Linker) -> RenderOptions<'_> {
    RenderOptions {
        site: crate::render::SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            search: config.search_enabled,
            portable: linker.portable,
        },
        base_url: &config.base_url,
        linker,
    }
}

/// How one page is parsed under this configuration and edition.
pub(crate) fn parse_options(config: &Config, audience: AudienceFilter) -> ParseOptions {
    ParseOptions {
        rules: config.field_rules(),
        audience,
    }
}

/// The audience filter of the edition named `name`; an unknown name is a usage error.
pub fn edition_audience(config: &Config, name: Option<&str>) -> Result<AudienceFilter, Error> {
    let Some(name) = name else {
        return Ok(AudienceFilter::default());
    };
    match config.editions.iter().find(|e| e.name == name) {
        Some(edition) => Ok(AudienceFilter::edition(edition.audience)),
        None => Err(Error::UnknownEdition {
            name: name.to_string(),
            known: config.editions.iter().map(|e| e.name.clone()).collect(),
        }),
    }
}

/// What [`parse_documents`] returns: the kept documents, the left-out ones,
/// why each left-out page is left out, and the diagnostics.
type Parsed = (
    Vec<Document>,
    Vec<Document>,
    HashMap<String, String>,
    Vec<Diagnostic>,
);

/// Parses every page, keeping those this build includes. Returns the kept
/// and the left-out documents and, for each left-out page, why (so links to
/// it can lose their link rather than fail).
fn parse_documents(
    config: &Config,
    pages: Vec<SourceFile>,
    drafts: bool,
    audience: AudienceFilter,
) -> Parsed {
    let parse_options = parse_options(config, audience);
    let parsed: Vec<(Option<Document>, Vec<Diagnostic>)> = pages
        .into_par_iter()
        .map(|file| parse_document(file, &parse_options))
        .collect();
    let mut diagnostics = Vec::new();
    let mut documents = Vec::with_capacity(parsed.len());
    for (document, mut found) in parsed {
        diagnostics.append(&mut found);
        documents.extend(document);
    }
    let (documents, left_out, omitted) = select_documents(documents, drafts, audience);
    (documents, left_out, omitted, diagnostics)
}

/// The assets under `content/` this build copies: an asset follows its page
/// or section, so the files of a left-out page bundle and every file in a
/// left-out section's folder stay out, with why added to `omitted` (a link
/// to one keeps its text without the link, as for a left-out page).
pub(crate) fn select_assets(
    assets: &[OtherFile],
    left_out: &[Document],
    omitted: &mut HashMap<String, String>,
) -> Vec<OtherFile> {
    let folders: Vec<(String, String)> = left_out
        .iter()
        .filter(|d| matches!(d.role, FileRole::BundlePage | FileRole::SectionIndex))
        .filter_map(|d| {
            let why = omitted.get(&d.rel)?.clone();
            Some((format!("{}/", crate::site::urls::parent_dir(&d.rel)), why))
        })
        .collect();
    let mut kept = Vec::with_capacity(assets.len());
    for asset in assets {
        match folders
            .iter()
            .find(|(folder, _)| asset.rel.starts_with(folder.as_str()))
        {
            Some((_, why)) => {
                omitted.insert(asset.rel.clone(), why.clone());
            }
            None => kept.push(asset.clone()),
        }
    }
    kept
}

/// What links may point at besides pages and assets: the site's static
/// files, and the pages that failed to parse (listed in `pages`, but neither
/// parsed nor left out), so links to them are not reported as broken.
pub(crate) fn known_files(
    static_files: &[crate::discover::OtherFile],
    mut pages: std::collections::HashSet<String>,
    documents: &[Document],
    omitted: &HashMap<String, String>,
) -> KnownFiles {
    for rel in documents.iter().map(|d| &d.rel).chain(omitted.keys()) {
        pages.remove(rel);
    }
    KnownFiles {
        static_files: static_files.iter().map(|file| file.rel.clone()).collect(),
        failed: pages,
    }
}

/// Splits documents into those this build includes and those it leaves out
/// (drafts, other audiences, and everything in a left-out section), with why
/// each was left out, by content path.
pub(crate) fn select_documents(
    documents: Vec<Document>,
    drafts: bool,
    audience: AudienceFilter,
) -> (Vec<Document>, Vec<Document>, HashMap<String, String>) {
    let why_left_out = |document: &Document| {
        if document.front.draft && !drafts {
            Some("a draft".to_string())
        } else if !audience.includes(document.front.audience) {
            Some(format!("for the {:?} audience only", document.front.audience).to_lowercase())
        } else {
            None
        }
    };
    // A left-out section index takes its whole folder with it.
    let left_out_folders: Vec<(String, String)> = documents
        .iter()
        .filter(|d| d.role == FileRole::SectionIndex)
        .filter_map(|d| {
            Some((
                format!("{}/", crate::site::urls::parent_dir(&d.rel)),
                why_left_out(d)?,
            ))
        })
        .collect();
    let mut omitted = HashMap::new();
    let (kept, left_out) = documents.into_iter().partition(|document| {
        let why = why_left_out(document).or_else(|| {
            left_out_folders
                .iter()
                .find(|(folder, _)| document.rel.starts_with(folder.as_str()))
                .map(|(_, why)| why.clone())
        });
        match why {
            Some(why) => {
                omitted.insert(document.rel.clone(), why);
                false
            }
            None => true,
        }
    });
    (kept, left_out, omitted)
}

/// The files a build copies: assets beside their pages, then the theme's
/// and the site's static files. Every output path must have one owner:
/// a copied file that would take the place of a page, a generated output or
/// another copied file is an error (see `render::output_collisions`), and is
/// left out.
pub(crate) fn copied_files(
    site: &crate::site::Site,
    root: &Path,
    sources: &Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<OutputFile> {
    let mut files: Vec<(OutputFile, PathBuf)> = site
        .assets
        .iter()
        .map(|(asset, url)| {
            let file = OutputFile {
                path: PathBuf::from(url),
                contents: Contents::Copy(asset.absolute.clone()),
            };
            (file, display_path(root, &asset.absolute))
        })
        .collect();
    files.extend(static_files(root, sources));
    let shown: Vec<(String, PathBuf)> = files
        .iter()
        .map(|(file, shown)| (file.path.to_string_lossy().into_owned(), shown.clone()))
        .collect();
    let collisions = output_collisions(site, &shown);
    let refused: HashSet<&Path> = collisions.iter().map(|d| d.path.as_path()).collect();
    let kept = files
        .into_iter()
        .filter(|(_, shown)| !refused.contains(shown.as_path()))
        .map(|(file, _)| file)
        .collect();
    diagnostics.extend(collisions);
    kept
}

/// The theme's static files, replaced file by file by the site's `static/`,
/// each with its path as the author sees it.
fn static_files(root: &Path, sources: &Sources) -> Vec<(OutputFile, PathBuf)> {
    let mut statics: BTreeMap<String, (Contents, PathBuf)> = BTreeMap::new();
    for (rel, bytes) in embedded_files("static/") {
        let shown = PathBuf::from(format!("(built-in theme)/static/{rel}"));
        statics.insert(rel, (Contents::Embedded(bytes), shown));
    }
    for file in sources.theme_static.iter().chain(&sources.static_files) {
        // Diagnostics name the file as the author sees it, relative to the handbook root.
        statics.insert(
            file.rel.clone(),
            (
                Contents::Copy(file.absolute.clone()),
                display_path(root, &file.absolute),
            ),
        );
    }
    statics
        .into_iter()
        .map(|(rel, (contents, shown))| {
            let file = OutputFile {
                path: PathBuf::from(rel),
                contents,
            };
            (file, shown)
        })
        .collect()
}

pub(crate) fn count(site: &crate::site::Site, files: usize) -> Counts {
    let mut counts = Counts {
        files,
        ..Counts::default()
    };
    for page in &site.pages {
        match (page.kind, page.content_kind()) {
            (crate::site::PageKind::Section, _) => counts.sections += 1,
            (_, Some(Kind::Guide)) => counts.guides += 1,
            (_, Some(Kind::Questions)) => counts.question_banks += 1,
            (_, Some(Kind::Scenario)) => counts.scenarios += 1,
            _ => {}
        }
    }
    counts
}
