//! `build` and `check`: [`run_build`] calls the stages of a
//! [`Pipeline`] in order and writes the result (`build`), or runs every check
//! and writes nothing (`check`).
//!
//! Diagnostics from every stage are gathered so one run reports everything;
//! nothing is written unless the whole build succeeded.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use crate::Error;
use crate::artifact::{Discard, Prefixed, Sink};
use crate::diagnostics::{self, Diagnostic, Report};
use crate::document::Kind;
use crate::output::Staging;
use crate::pipeline::Pipeline;
pub use crate::pipeline::{BuildOptions, load_config};
use crate::render::Coverage;
use crate::render::languages::Alternates;
use crate::site::Site;
use crate::site::translations::{TranslationReport, translation_report};
use crate::timings::Timings;

/// How many pages of each kind a build produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub guides: usize,
    pub question_banks: usize,
    pub scenarios: usize,
    pub sessions: usize,
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
    /// The package written instead of the output folder, if one was asked for.
    pub package: Option<PathBuf>,
    /// Things worth knowing that are not problems in the handbook, such as
    /// why there is no sitemap: each said once, after the diagnostics.
    pub notes: Vec<String>,
    /// The translation report, when asked for (`--translations`).
    pub translations: Option<TranslationReport>,
}

impl Report for BuildReport {
    fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

impl BuildReport {
    /// Whether the handbook failed: any error, or any warning under `--strict`.
    pub fn failed(&self) -> bool {
        self.errors() > 0 || (self.strict && self.warnings() > 0)
    }
}

/// What [`make`] made besides the files.
pub struct Made {
    pub diagnostics: Vec<Diagnostic>,
    pub counts: Counts,
    /// The site of each language, the default first.
    pub sites: Vec<Site>,
    pub timings: Timings,
    pub translations: Option<TranslationReport>,
    /// Notes on what was made, for the report's notes.
    pub notes: Vec<String>,
}

/// Reads, parses, connects and renders every language of the handbook,
/// handing each file to `sink` as it is made, unless the handbook has errors
/// by then (or `sink` is `None`: `check`). `translations` asks for the
/// translation report. `build` and a multi-language preview both call it.
pub fn make(pipeline: &Pipeline, sink: Option<&dyn Sink>, translations: bool) -> Made {
    let staging = sink;
    let mut timings = Timings::default();
    let config = &pipeline.config;
    let (mut sources, mut diagnostics) = pipeline.load();
    diagnostics.extend(config.warnings.iter().cloned());
    // Include problems are at their files' own lines already; the rest of a
    // page's diagnostics are placed through `origins` at the end.
    let mut origins = HashMap::new();
    let mut include_problems = Vec::new();
    for page in &mut sources.pages {
        include_problems.append(&mut page.problems);
        if !page.origins.is_empty() {
            origins.insert(page.display.clone(), std::mem::take(&mut page.origins));
        }
    }
    let summary = sources
        .summary
        .as_ref()
        .map(|file| crate::site::summary::parse_summary(&file.display, &file.text));
    timings.lap("read");
    let pages = std::mem::take(&mut sources.pages);
    let unread = std::mem::take(&mut sources.unread_pages);
    let (by_language, mut found) = crate::languages::split(config, pages, unread);
    diagnostics.append(&mut found);
    let mut pipelines = pipeline.languages();
    diagnostics.extend(pipeline.word_warnings.iter().cloned());
    for language in &pipelines {
        diagnostics.extend(language.word_warnings.iter().cloned());
    }
    let mut sites: Vec<Site> = Vec::with_capacity(pipelines.len());
    for ((language, pages), unread) in pipelines
        .iter()
        .zip(by_language.pages)
        .zip(by_language.unread)
    {
        let page_paths = pages
            .iter()
            .map(|file| file.rel.clone())
            .chain(unread)
            .collect();
        let (parsed, mut found) = language.parse(pages);
        diagnostics.append(&mut found);
        let selection = language.select(parsed, page_paths, &sources.assets, &sources.static_files);
        // SUMMARY.md orders the default language's pages.
        let summary = sites.is_empty().then_some(summary.as_ref()).flatten();
        let fallback = sites.first().map(|site| (site, config.language.as_str()));
        let (stage, mut found) = language.site(selection, summary, fallback);
        diagnostics.append(&mut found);
        sites.push(stage.site);
    }
    let translations = translations.then(|| {
        let languages: Vec<(&str, &Site)> = pipelines[1..]
            .iter()
            .zip(&sites[1..])
            .map(|(language, site)| (language.language.code.as_str(), site))
            .collect();
        // A page without `updated` is dated by its file's last commit.
        let history = &pipelines[0].history;
        translation_report(&sites[0], &languages, &|shown| {
            let rel = shown.strip_prefix("content").ok()?.to_string_lossy();
            let date = history.last_changed(&rel.replace('\\', "/"))?;
            Some(date.as_str().to_string())
        })
    });
    diagnostics.extend(crate::languages::folder_collisions(
        &config.languages,
        sites[0]
            .pages
            .iter()
            .filter_map(|page| Some((page.url.as_str(), &page.document.as_ref()?.display))),
    ));
    for site in &mut sites {
        site.drop_sources();
    }
    timings.lap("parse and site");
    if sites.len() > 1 {
        let alternates = std::sync::Arc::new(Alternates::new(
            &pipelines
                .iter()
                .zip(&sites)
                .map(|(language, site)| language.language_site(site))
                .collect::<Vec<_>>(),
        ));
        for language in &mut pipelines {
            language.alternates = Some(alternates.clone());
        }
    }

    // Files go straight into the staging folder as they are made, unless the
    // build cannot succeed anyway or only checks.
    let (sink, coverage): (&dyn Sink, Coverage) = match staging {
        Some(staging) if !diagnostics.iter().any(Diagnostic::is_error) => {
            (staging, Coverage::Every)
        }
        _ => (&Discard, Coverage::OnePerTemplate),
    };
    let mut generated = 0;
    let mut notes = Vec::new();
    match pipeline.templates(&sources) {
        Ok(templates) => {
            for (language, site) in pipelines.iter().zip(&sites) {
                let sink = Prefixed {
                    prefix: language.prefix(),
                    inner: sink,
                };
                match language.render(site, &templates, &sink, coverage, &mut timings) {
                    Ok(paths) => {
                        generated += paths.len();
                        notes.extend(crate::exports::split_note(&paths));
                    }
                    Err(mut errors) => diagnostics.append(&mut errors),
                }
            }
            if sites.len() > 1 && pipelines[0].writes_sitemap() {
                let all: Vec<_> = pipelines
                    .iter()
                    .zip(&sites)
                    .map(|(language, site)| language.language_site(site))
                    .collect();
                match pipelines[0].sitemap(&all, &templates) {
                    Ok(files) => {
                        files.iter().for_each(|file| sink.put(file));
                        generated += files.len();
                    }
                    Err(error) => diagnostics.push(*error),
                }
            }
        }
        Err(mut errors) => diagnostics.append(&mut errors),
    }
    notes.dedup();
    let copied = pipeline.copied(&sites, &sources, &mut diagnostics);
    copied.par_iter().for_each(|file| sink.put(file));
    crate::discover::expand::place_diagnostics(&mut diagnostics, &origins);
    diagnostics.append(&mut include_problems);
    diagnostics::sort(&mut diagnostics);
    crate::document::group_unknown_fields(&mut diagnostics);
    diagnostics::keep_first_of_handbook_wide(&mut diagnostics);
    let counts = count(&sites, generated + copied.len());
    Made {
        diagnostics,
        counts,
        sites,
        timings,
        translations,
        notes,
    }
}

/// Runs the whole pipeline. `Err` is for the tool failing (bad config, I/O);
/// problems in the handbook are diagnostics in the report.
pub fn run_build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let started = Instant::now();
    let pipeline = Pipeline::new(options)?;
    let config = &pipeline.config;
    // Refuse a folder coachbook did not make, and clean up after killed
    // builds, before spending time on the handbook.
    let staging = if options.write {
        Some(Staging::begin(&config.output_dir, options.force)?)
    } else {
        None
    };
    let Made {
        diagnostics,
        counts,
        sites,
        timings,
        translations,
        notes,
    } = make(
        &pipeline,
        staging.as_ref().map(|s| s as &dyn Sink),
        options.translations,
    );
    let site = &sites[0];
    let mut report = BuildReport {
        diagnostics,
        counts,
        elapsed_ms: 0,
        output_dir: config.output_dir.clone(),
        wrote: false,
        strict: options.strict,
        timings,
        package: None,
        notes,
        translations,
    };
    if !pipeline.writes_sitemap() && options.package.is_none() {
        report.notes.push(format!(
            "no sitemap.xml: base_url `{}` is not a full address\n  = help: set base_url to where the handbook is published, such as `base_url = \"https://handbook.example.com/\"`, to get one",
            config.base_url
        ));
    }
    if let Some(mut staging) = staging
        && !report.failed()
    {
        match options.package {
            Some(format) => {
                let dir = staging.finished_dir()?;
                let course = crate::package::Course::of(site, &config.title, &config.base_url);
                let path = crate::package::write_package(dir, &config.output_dir, format, &course)?;
                report.package = Some(path);
            }
            None => staging.commit()?,
        }
        report.wrote = true;
        report.timings.lap("copy and swap in");
    }
    report.elapsed_ms = started.elapsed().as_millis();
    // Freeing a large handbook's site takes longer than reporting on it; the
    // report does not wait for it, nor the process's end.
    std::thread::spawn(move || drop(sites));
    Ok(report)
}

pub(crate) fn count(sites: &[Site], files: usize) -> Counts {
    let mut counts = Counts {
        files,
        ..Counts::default()
    };
    for page in sites.iter().flat_map(|site| &site.pages) {
        match (page.kind, page.content_kind()) {
            (crate::site::PageKind::Section, _) => counts.sections += 1,
            (_, Some(Kind::Guide)) => counts.guides += 1,
            (_, Some(Kind::Questions)) => counts.question_banks += 1,
            (_, Some(Kind::Scenario)) => counts.scenarios += 1,
            (_, Some(Kind::Session)) => counts.sessions += 1,
            _ => {}
        }
    }
    counts
}
