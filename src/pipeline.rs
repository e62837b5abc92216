//! The stages of a build, once: [`Pipeline`] holds what every stage needs to
//! know of the configuration, and has one method per stage, each taking the
//! previous stage's value and returning the next plus its diagnostics:
//!
//! ```text
//! load → Sources → parse → Parsed → select → Selection → site → Site
//!      → render (pages) + site_wide (sitemap, search, exports) + copied → OutputFile
//! ```
//!
//! `build` and `check` call the stages in order ([`crate::build::run_build`]);
//! the preview keeps one `Pipeline` and calls the stages a change needs.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::Error;
use crate::artifact::{Contents, OutputFile, Sink};
use crate::config::{BrokenLinks, CONFIG_FILE, Config, Language, parse_config, unsafe_output_dir};
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::discover::{
    OtherFile, SourceFile, Sources, display_path, load_sources, load_theme_sources, read_text,
};
use crate::document::{AudienceFilter, Date, Document, FileRole, ParseOptions, parse_document};
use crate::exclude::Exclude;
use crate::i18n::Words;
use crate::package::PackageFormat;
use crate::render::{
    Coverage, Job, RenderOptions, Rendered, Reuse, SiteView, Templates,
    languages::{Alternates, LanguageSite},
    output_collisions, render_jobs, render_site, render_sitemap, sitemap_paths,
    theme::embedded_files,
};
use crate::site::summary::Summary;
use crate::site::urls::{is_full_address, parent_dir};
use crate::site::{KnownFiles, Linker, Site, SiteInput, build_site};
use crate::sources::History;
use crate::stop::Stop;
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
    /// Write the portable build as this package beside the output folder,
    /// leaving the output folder itself as it was.
    pub package: Option<PackageFormat>,
    /// Overrides `broken_links` from site.toml.
    pub broken_links: Option<BrokenLinks>,
    /// Also report, per language, pages without a translation and
    /// translations older than their original (`check --translations`).
    pub translations: bool,
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

/// What every stage needs to know of the configuration and the options.
#[derive(Clone)]
pub struct Pipeline {
    pub config: Config,
    pub audience: AudienceFilter,
    pub drafts: bool,
    pub linker: Linker,
    /// Today, to find pages past their review date; fixed for the pipeline's life.
    pub today: Date,
    /// When each page last changed in git, read once for the pipeline's life.
    pub history: History,
    /// The language whose pages this pipeline builds: the default language
    /// unless made by [`Pipeline::languages`].
    pub language: Language,
    /// The index of `language` in [`Config::all_languages`] (0: the default).
    pub language_index: usize,
    /// `""` for the default language, `de/` for a translation.
    language_prefix: String,
    /// The translations of every page, once every language's site is built
    /// (none in a handbook of one language).
    pub alternates: Option<std::sync::Arc<Alternates>>,
    /// The theme's words in `language`, and the warnings about them.
    pub words: std::sync::Arc<Words>,
    pub word_warnings: Vec<Diagnostic>,
}

/// The parse stage's value: every page that parsed, in listing order.
pub struct Parsed {
    pub documents: Vec<Document>,
}

/// The select stage's value: what this build includes and what it leaves out.
#[derive(Default)]
pub struct Selection {
    /// The documents this build includes.
    pub documents: Vec<Document>,
    /// The parsed documents it leaves out (drafts, other editions).
    pub left_out: Vec<Document>,
    /// Why each left-out page or asset is left out, by content path.
    pub omitted: HashMap<String, String>,
    /// The assets it copies.
    pub assets: Vec<OtherFile>,
    /// What links may point at besides pages and assets.
    pub known: KnownFiles,
}

impl Pipeline {
    /// Reads `site.toml` (applying `--out`, and refusing an unsafe output
    /// folder) and finds the edition's audience.
    pub fn new(options: &BuildOptions) -> Result<Pipeline, Error> {
        let mut config = load_config(&options.root)?;
        if let Some(out) = &options.out {
            let out = crate::config::resolve(&options.root.join(out));
            if let Some(problem) = unsafe_output_dir(&config, &out) {
                return Err(Error::UnsafeOutput { problem });
            }
            config.output_dir = out;
        }
        if let Some(broken_links) = options.broken_links {
            config.broken_links = broken_links;
        }
        let audience = edition_audience(&config, options.edition.as_deref())?;
        let history = if config.git_dates {
            crate::discover::history::read_history(&config.root)
        } else {
            History::default()
        };
        Ok(Pipeline {
            history,
            audience,
            drafts: options.drafts,
            linker: Linker {
                portable: options.portable || options.package.is_some(),
                translated: false,
            },
            today: Date::today(),
            language: config.all_languages().swap_remove(0),
            language_index: 0,
            language_prefix: String::new(),
            alternates: None,
            words: Default::default(),
            word_warnings: Vec::new(),
            config,
        }
        .with_words())
    }

    /// This pipeline with the theme's words in its language: built in, and
    /// `i18n/<code>.toml` where the handbook has one.
    fn with_words(mut self) -> Pipeline {
        let code = &self.language.code;
        let shown = Path::new(crate::i18n::FOLDER).join(format!("{code}.toml"));
        let path = self.config.root.join(&shown);
        let custom = if path.is_file() {
            match read_text(&path, &shown) {
                Ok(text) => Some(text),
                Err(diagnostic) => {
                    self.word_warnings.push(*diagnostic);
                    None
                }
            }
        } else {
            None
        };
        let (words, mut warnings) =
            Words::load(code, custom.as_deref().map(|text| (shown.as_path(), text)));
        // A language coachbook does not know is warned about once, as such.
        if crate::config::unknown_language(code).is_some() {
            warnings.retain(|w| w.code != Code::MissingWord);
        }
        self.words = std::sync::Arc::new(words);
        self.word_warnings.append(&mut warnings);
        self
    }

    /// One pipeline per language of the handbook, the default language
    /// first; a translation's pipeline writes under `<code>/`.
    pub fn languages(&self) -> Vec<Pipeline> {
        self.config
            .all_languages()
            .into_iter()
            .enumerate()
            .map(|(i, language)| Pipeline {
                linker: Linker {
                    translated: i > 0,
                    ..self.linker
                },
                language_prefix: if i == 0 {
                    String::new()
                } else {
                    format!("{}/", language.code)
                },
                language,
                language_index: i,
                word_warnings: Vec::new(),
                ..self.clone()
            })
            .map(|pipeline| {
                if pipeline.language_index == 0 {
                    pipeline
                } else {
                    pipeline.with_words()
                }
            })
            .collect()
    }

    /// The folder this pipeline's outputs go under: `""` for the default
    /// language, `de/` for a translation.
    pub fn prefix(&self) -> &str {
        &self.language_prefix
    }

    /// Reads every source file of the handbook.
    pub fn load(&self) -> (Sources, Vec<Diagnostic>) {
        let config = &self.config;
        load_sources(
            &config.root,
            &config.content_dir,
            &config.static_dir,
            &config.templates_dir,
            &config.theme_dir(),
            &self.exclude(),
        )
    }

    /// The `exclude` patterns of site.toml, for listing the content folder.
    pub fn exclude(&self) -> Exclude {
        Exclude::new(&self.config.content_dir, &self.config.exclude)
    }

    /// Reads the templates and static files of the theme and the site (no pages).
    pub fn load_theme(&self, diagnostics: &mut Vec<Diagnostic>) -> Sources {
        let config = &self.config;
        load_theme_sources(
            &config.root,
            &config.static_dir,
            &config.templates_dir,
            &config.theme_dir(),
            diagnostics,
        )
    }

    /// The theme's templates with the site's overrides. Template errors name
    /// the template as the author sees it, relative to the handbook root.
    pub fn templates(&self, sources: &Sources) -> Result<Templates, Vec<Diagnostic>> {
        let config = &self.config;
        Templates::load(
            &display_path(&config.root, &config.theme_dir()),
            &sources.theme_templates,
            &display_path(&config.root, &config.templates_dir),
            &sources.site_templates,
        )
    }

    /// How one page is parsed under this configuration and edition.
    pub fn parse_options(&self) -> ParseOptions {
        ParseOptions {
            rules: self.config.field_rules(),
            audience: self.audience,
        }
    }

    /// Parses every page in parallel.
    pub fn parse(&self, pages: Vec<SourceFile>) -> (Parsed, Vec<Diagnostic>) {
        let parse_options = self.parse_options();
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
        (Parsed { documents }, diagnostics)
    }

    /// Sorts the parsed documents into those this build includes and those
    /// it leaves out, with their assets. `pages` lists every Markdown file
    /// found, so the pages that failed to parse are known to links.
    pub fn select(
        &self,
        parsed: Parsed,
        pages: HashSet<String>,
        assets: &[OtherFile],
        static_files: &[OtherFile],
    ) -> Selection {
        let mut known = known_files(static_files, pages, &parsed.documents);
        known.broken_links = self.config.broken_links;
        let (documents, left_out, mut omitted) =
            select_documents(parsed.documents, self.drafts, self.audience);
        let assets = select_assets(assets, &left_out, &mut omitted);
        Selection {
            documents,
            left_out,
            omitted,
            assets,
            known,
        }
    }

    /// Connects the selected documents into the site, in the order of
    /// `summary` (from SUMMARY.md) where there is one. Returns the site, the
    /// left-out documents and why each was left out, and the diagnostics.
    /// A translation's pipeline passes the default language's site as
    /// `fallback`, for links to pages it has no translation of.
    pub fn site(
        &self,
        selection: Selection,
        summary: Option<&Summary>,
        fallback: Option<(&Site, &str)>,
    ) -> (SiteStage, Vec<Diagnostic>) {
        let (site, diagnostics) = build_site(SiteInput {
            documents: selection.documents,
            assets: selection.assets,
            site_title: &self.language.title,
            taxonomies: &self.config.taxonomies,
            omitted: selection.omitted.clone(),
            today: self.today.clone(),
            known: selection.known,
            summary,
            facilitator_material: self.audience.includes_facilitator_material(),
            fallback,
        });
        let stage = SiteStage {
            site,
            left_out: selection.left_out,
            omitted: selection.omitted,
        };
        (stage, diagnostics)
    }

    /// What rendering needs to know of the configuration. The edition needs
    /// nothing here: what it leaves out never reaches the site.
    pub fn render_options(&self) -> RenderOptions<'_> {
        let config = &self.config;
        RenderOptions {
            site: SiteView {
                title: self.language.title.clone(),
                description: self.language.description.clone(),
                language: self.language.code.clone(),
                search: config.search_enabled,
                portable: self.linker.portable,
            },
            base_url: &config.base_url,
            linker: self.linker,
            labels: &config.labels,
            history: &self.history,
            edit_url: config.edit_url.as_deref(),
            alternates: self.alternates.as_deref(),
            language: self.language_index,
            words: &self.words,
        }
    }

    /// Renders every page of `site` and the site-wide outputs into `sink`,
    /// each file as soon as it is made. Returns the paths of the files, or
    /// the template errors.
    pub fn render(
        &self,
        site: &Site,
        templates: &Templates,
        sink: &dyn Sink,
        coverage: Coverage,
        timings: &mut Timings,
    ) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
        let options = self.render_options();
        let (mut paths, mut errors) = render_site(site, templates, &options, sink, coverage);
        timings.lap("render pages");
        let (site_wide, mut found) = self
            .site_wide(site, templates, coverage, &Stop::NEVER)
            .unwrap_or_default();
        site_wide.par_iter().for_each(|file| sink.put(file));
        paths.extend(site_wide.into_iter().map(|file| file.path));
        timings.lap("search, exports, sitemap");
        errors.append(&mut found);
        if errors.is_empty() {
            Ok(paths)
        } else {
            errors.dedup_by(|a, b| a.path == b.path && a.line == b.line && a.message == b.message);
            Err(errors)
        }
    }

    /// Renders `jobs` only, skipping what `reuse` allows (for the preview).
    pub fn render_jobs(
        &self,
        site: &Site,
        templates: &Templates,
        jobs: &[Job],
        reuse: Reuse,
    ) -> (Vec<Rendered>, Vec<Diagnostic>) {
        render_jobs(site, templates, &self.render_options(), jobs, reuse)
    }

    /// Whether the build writes `sitemap.xml`: only under a full
    /// `base_url`, since a sitemap's addresses must be absolute.
    pub fn writes_sitemap(&self) -> bool {
        is_full_address(&self.config.base_url)
    }

    /// Outputs made from the whole site rather than from one view: the
    /// sitemap, the search index and the exports. Returns them and their
    /// errors. With [`Coverage::OnePerTemplate`] only the sitemap, the one
    /// of them made from a template, is made. `None` when stopped.
    pub fn site_wide(
        &self,
        site: &Site,
        templates: &Templates,
        coverage: Coverage,
        stop: &Stop,
    ) -> Option<(Vec<OutputFile>, Vec<Diagnostic>)> {
        let config = &self.config;
        let mut files = Vec::new();
        let mut errors = Vec::new();
        // With several languages, one sitemap lists them all (`sitemap`).
        if self.writes_sitemap() && self.alternates.is_none() {
            match self.sitemap(&[self.language_site(site)], templates) {
                Ok(mut sitemap) => files.append(&mut sitemap),
                Err(error) => errors.push(*error),
            }
        }
        if coverage == Coverage::OnePerTemplate {
            return Some((files, errors));
        }
        if config.search_enabled {
            let search_options = crate::search::SearchOptions {
                language: &self.language.code,
            };
            let index = crate::search::build_search_index(site, &search_options, stop)?;
            files.extend(index.files.into_iter().map(|file| OutputFile {
                path: PathBuf::from(file.path),
                contents: Contents::Bytes(file.bytes),
            }));
        }
        if stop.asked() {
            return None;
        }
        let base_url = format!(
            "{}{}",
            crate::site::urls::base_with_slash(&config.base_url),
            self.prefix()
        );
        let export_options = crate::exports::ExportOptions {
            site_title: &self.language.title,
            base_url: if self.prefix().is_empty() {
                &config.base_url
            } else {
                &base_url
            },
        };
        match crate::exports::render_exports(site, &export_options) {
            Ok(mut exported) => files.append(&mut exported),
            Err(message) => errors.push(Diagnostic::file(
                Code::Export,
                Severity::Error,
                Path::new("exports"),
                format!("could not write the exports: {message}"),
            )),
        }
        Some((files, errors))
    }

    /// `site` as this pipeline's language's site.
    pub fn language_site<'a>(&'a self, site: &'a Site) -> LanguageSite<'a> {
        LanguageSite {
            site,
            code: &self.language.code,
            name: &self.language.name,
            prefix: &self.language_prefix,
        }
    }

    /// `sitemap.xml` for the sites of every language (an index of
    /// `sitemap-<n>.xml` files when they list many URLs).
    pub fn sitemap(
        &self,
        sites: &[LanguageSite],
        templates: &Templates,
    ) -> Result<Vec<OutputFile>, Box<Diagnostic>> {
        render_sitemap(
            sites,
            self.alternates.as_deref(),
            templates,
            &self.config.base_url,
        )
    }

    /// The files a build copies: assets beside their pages (once, at the
    /// site root, whichever languages' pages use them: a translation links
    /// its assets there), then the theme's and the site's static files. Every output path must have one owner:
    /// a copied file that would take the place of a page, a generated output
    /// or another copied file is an error (see `render::output_collisions`),
    /// and is left out.
    pub fn copied(
        &self,
        sites: &[Site],
        sources: &Sources,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<OutputFile> {
        let root = &self.config.root;
        let mut placed = HashSet::new();
        let mut files: Vec<(OutputFile, PathBuf)> = sites
            .iter()
            .flat_map(|site| &site.assets)
            .filter(|(_, url)| placed.insert(url.as_str()))
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
        let sitemap = if self.writes_sitemap() {
            sitemap_paths(sites)
        } else {
            Vec::new()
        };
        let collisions = output_collisions(&sites[0], &shown, &sitemap);
        let refused: HashSet<&Path> = collisions.iter().map(|d| d.path.as_path()).collect();
        let kept = files
            .into_iter()
            .filter(|(_, shown)| !refused.contains(shown.as_path()))
            .map(|(file, _)| file)
            .collect();
        diagnostics.extend(collisions);
        kept
    }
}

/// The site stage's value: the site, and what it left out.
pub struct SiteStage {
    pub site: Site,
    /// Parsed documents this build leaves out (drafts, other editions).
    pub left_out: Vec<Document>,
    /// Why each left-out page or asset is left out, by content path.
    pub omitted: HashMap<String, String>,
}

/// The audience filter of the edition named `name`; an unknown name is a usage error.
fn edition_audience(config: &Config, name: Option<&str>) -> Result<AudienceFilter, Error> {
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

/// The assets under `content/` this build copies: an asset follows its page
/// or section, so the files of a left-out page bundle and every file in a
/// left-out section's folder stay out, with why added to `omitted` (a link
/// to one keeps its text without the link, as for a left-out page).
fn select_assets(
    assets: &[OtherFile],
    left_out: &[Document],
    omitted: &mut HashMap<String, String>,
) -> Vec<OtherFile> {
    let folders: Vec<(String, String)> = left_out
        .iter()
        .filter(|d| matches!(d.role, FileRole::BundlePage | FileRole::SectionIndex))
        .filter_map(|d| {
            let why = omitted.get(&d.rel)?.clone();
            Some((format!("{}/", parent_dir(&d.rel)), why))
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
/// files, and the pages that failed to parse (listed in `pages`, but not
/// among the `parsed` documents), so links to them are not reported as broken.
fn known_files(
    static_files: &[OtherFile],
    mut pages: HashSet<String>,
    parsed: &[Document],
) -> KnownFiles {
    for document in parsed {
        pages.remove(&document.rel);
    }
    KnownFiles {
        static_files: static_files.iter().map(|file| file.rel.clone()).collect(),
        failed: pages,
        broken_links: BrokenLinks::default(),
    }
}

/// Splits documents into those this build includes and those it leaves out
/// (drafts, other audiences, and everything in a left-out section), with why
/// each was left out, by content path.
fn select_documents(
    documents: Vec<Document>,
    drafts: bool,
    audience: AudienceFilter,
) -> (Vec<Document>, Vec<Document>, HashMap<String, String>) {
    let why_left_out = |document: &Document| {
        if document.front.draft && !drafts {
            Some("a draft".to_string())
        } else if !audience.includes(document.front.audience) {
            Some(format!(
                "for the {} audience only",
                document.front.audience.as_str()
            ))
        } else {
            None
        }
    };
    // A left-out section index takes its whole folder with it.
    let left_out_folders: Vec<(String, String)> = documents
        .iter()
        .filter(|d| d.role == FileRole::SectionIndex)
        .filter_map(|d| Some((format!("{}/", parent_dir(&d.rel)), why_left_out(d)?)))
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
