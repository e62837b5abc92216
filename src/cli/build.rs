//! `coachbook build` and `coachbook check`: flags to [`BuildOptions`], then one summary line.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use coachbook::build::{BuildOptions, BuildReport, run_build};
use coachbook::config::BrokenLinks;
use coachbook::diagnostics::Report;
use coachbook::package::PackageFormat;
use coachbook::vocab::plural;

use super::{ExitStatus, print_diagnostics, report_error};

/// Flags shared by `build` and `check`.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// The handbook folder (where site.toml is).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Build an edition declared in site.toml, e.g. `participant`.
    #[arg(long)]
    edition: Option<String>,
    /// How to print diagnostics: for people, or as JSON on standard output.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Print how long each stage of the build took, on standard error.
    #[arg(long)]
    timings: bool,
    /// Print every warning, even one that many files share.
    #[arg(long, short)]
    verbose: bool,
    /// Whether broken links and anchors are errors or warnings (overrides
    /// `broken_links` in site.toml).
    #[arg(long, value_enum)]
    broken_links: Option<BrokenLinksArg>,
}

/// The values of `--broken-links`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BrokenLinksArg {
    /// Fail the build on a broken link or anchor.
    Error,
    /// Report broken links and anchors as warnings, while migrating a tree.
    Warn,
}

impl From<BrokenLinksArg> for BrokenLinks {
    fn from(arg: BrokenLinksArg) -> BrokenLinks {
        match arg {
            BrokenLinksArg::Error => BrokenLinks::Error,
            BrokenLinksArg::Warn => BrokenLinks::Warn,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

/// The package formats `build --package` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PackageArg {
    /// The portable site as one zip, for a file share, Teams or SharePoint.
    Zip,
    /// A SCORM 1.2 package for a learning platform.
    Scorm12,
    /// A SCORM 2004 (4th edition) package for a learning platform.
    Scorm2004,
}

impl From<PackageArg> for PackageFormat {
    fn from(arg: PackageArg) -> PackageFormat {
        match arg {
            PackageArg::Zip => PackageFormat::Zip,
            PackageArg::Scorm12 => PackageFormat::Scorm12,
            PackageArg::Scorm2004 => PackageFormat::Scorm2004,
        }
    }
}

/// What `build` writes, and where; `check` writes nothing.
#[derive(Debug, Default)]
pub struct Target {
    pub out: Option<PathBuf>,
    pub portable: bool,
    /// Replace an output folder that no coachbook build made.
    pub force: bool,
    pub package: Option<PackageArg>,
    /// `check --translations`: also report untranslated and outdated pages.
    pub translations: bool,
}

/// Runs `build` (`write`) or `check`.
pub fn run(common: &CommonArgs, target: Target, write: bool) -> ExitStatus {
    let portable = target.portable;
    let options = BuildOptions {
        root: common.root.clone(),
        out: target.out,
        drafts: common.drafts,
        portable: target.portable,
        strict: common.strict,
        write,
        edition: common.edition.clone(),
        force: target.force,
        package: target.package.map(PackageFormat::from),
        broken_links: common.broken_links.map(BrokenLinks::from),
        translations: target.translations,
    };
    match run_build(&options) {
        Ok(report) => {
            match common.format {
                Format::Human => {
                    print_diagnostics(&report.diagnostics, common.verbose);
                    print_notes(&report);
                    if let Some(translations) = &report.translations {
                        print!("{}", translations.table());
                    }
                    println!("{}", summary(&report, write));
                    if let Some(hint) = how_to_open(&report, portable) {
                        println!("{hint}");
                    }
                }
                Format::Json => {
                    // Standard output carries only the JSON, so a dashboard can parse it whole.
                    let json = match &report.translations {
                        Some(translations) => serde_json::to_string_pretty(&serde_json::json!({
                            "diagnostics": report.diagnostics,
                            "translations": translations.languages,
                        })),
                        None => serde_json::to_string_pretty(&report.diagnostics),
                    };
                    println!("{}", json.unwrap_or_default());
                    print_notes(&report);
                    eprintln!("{}", summary(&report, write));
                    if let Some(hint) = how_to_open(&report, portable) {
                        eprintln!("{hint}");
                    }
                }
            }
            if common.timings {
                eprint!("{}", timings_table(&report));
            }
            if report.failed() {
                ExitStatus::Failure
            } else {
                ExitStatus::Success
            }
        }
        Err(error) => report_error(&error),
    }
}

/// The report's notes, each once, on standard error beside the diagnostics.
fn print_notes(report: &BuildReport) {
    for note in &report.notes {
        eprintln!("note: {note}");
    }
}

/// How to open a build written for a web server: its pages link to
/// folders, which a browser opening files shows as listings.
fn how_to_open(report: &BuildReport, portable: bool) -> Option<String> {
    (report.wrote && report.package.is_none() && !portable).then(|| {
        format!(
            "to read it, run `coachbook serve` (or publish {} on a web server); to open its pages from disk (file://), build with `--portable`",
            report.output_dir.display()
        )
    })
}

/// One line per stage: its wall time in milliseconds and its name.
fn timings_table(report: &BuildReport) -> String {
    report
        .timings
        .stages()
        .iter()
        .map(|(stage, time)| format!("{:>8.1} ms  {stage}\n", time.as_secs_f64() * 1000.0))
        .collect()
}

/// One line: pages by kind, errors, warnings, milliseconds.
fn summary(report: &BuildReport, write: bool) -> String {
    let counts = report.counts;
    // Session plans are named only when there are any, as few handbooks have them.
    let sessions = match counts.sessions {
        0 => String::new(),
        n => format!(", {}", plural(n, "session plan", "session plans")),
    };
    let pages = format!(
        "{}, {}, {}{sessions} in {}",
        plural(counts.guides, "guide", "guides"),
        plural(counts.question_banks, "question bank", "question banks"),
        plural(counts.scenarios, "scenario", "scenarios"),
        plural(counts.sections, "section", "sections"),
    );
    let problems = format!(
        "{}, {}",
        plural(report.errors(), "error", "errors"),
        plural(report.warnings(), "warning", "warnings")
    );
    let verb = match (write, report.wrote) {
        (false, _) => "checked".to_string(),
        (true, true) => format!(
            "built {} files into {} from",
            counts.files,
            report
                .package
                .as_ref()
                .unwrap_or(&report.output_dir)
                .display()
        ),
        (true, false) => "not built (nothing was written):".to_string(),
    };
    let strict = if report.strict && report.errors() == 0 && report.warnings() > 0 {
        " (--strict)"
    } else {
        ""
    };
    format!(
        "{verb} {pages}; {problems}{strict}; {} ms",
        report.elapsed_ms
    )
}
