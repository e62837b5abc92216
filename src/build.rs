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
use crate::artifact::{Discard, Sink};
use crate::diagnostics::{self, Diagnostic, Report};
use crate::document::Kind;
use crate::output::Staging;
use crate::pipeline::Pipeline;
pub use crate::pipeline::{BuildOptions, load_config};
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

/// Runs the whole pipeline. `Err` is for the tool failing (bad config, I/O);
/// problems in the handbook are diagnostics in the report.
pub fn run_build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let started = Instant::now();
    let mut timings = Timings::default();
    let pipeline = Pipeline::new(options)?;
    let config = &pipeline.config;
    // Refuse a folder coachbook did not make, and clean up after killed
    // builds, before spending time on the handbook.
    let staging = if options.write {
        Some(Staging::begin(&config.output_dir, options.force)?)
    } else {
        None
    };
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
    let page_paths = pages
        .iter()
        .map(|file| file.rel.clone())
        .chain(std::mem::take(&mut sources.unread_pages))
        .collect();
    let (parsed, mut found) = pipeline.parse(pages);
    diagnostics.append(&mut found);
    let selection = pipeline.select(parsed, page_paths, &sources.assets, &sources.static_files);
    timings.lap("parse");

    let (stage, mut found) = pipeline.site(selection, summary.as_ref());
    let mut site = stage.site;
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
    match pipeline.templates(&sources) {
        Ok(templates) => match pipeline.render(&site, &templates, sink, &mut timings) {
            Ok(paths) => generated = paths,
            Err(mut errors) => diagnostics.append(&mut errors),
        },
        Err(mut errors) => diagnostics.append(&mut errors),
    }
    let copied = pipeline.copied(&site, &sources, &mut diagnostics);
    copied.par_iter().for_each(|file| sink.put(file));

    crate::discover::expand::place_diagnostics(&mut diagnostics, &origins);
    diagnostics.append(&mut include_problems);
    diagnostics::sort(&mut diagnostics);
    crate::document::group_unknown_fields(&mut diagnostics);
    diagnostics::keep_first_of_handbook_wide(&mut diagnostics);
    let counts = count(&site, generated.len() + copied.len());
    let mut report = BuildReport {
        diagnostics,
        counts,
        elapsed_ms: 0,
        output_dir: config.output_dir.clone(),
        wrote: false,
        strict: options.strict,
        timings,
        package: None,
        notes: Vec::new(),
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
                let course = crate::package::Course::of(&site, &config.title, &config.base_url);
                let path = crate::package::write_package(dir, &config.output_dir, format, &course)?;
                report.package = Some(path);
            }
            None => staging.commit()?,
        }
        report.wrote = true;
        report.timings.lap("copy and swap in");
    }
    report.elapsed_ms = started.elapsed().as_millis();
    Ok(report)
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
            (_, Some(Kind::Session)) => counts.sessions += 1,
            _ => {}
        }
    }
    counts
}
