//! `coachbook build` and `coachbook check`: flags to [`BuildOptions`], then one summary line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use coachbook::build::{BuildOptions, BuildReport, run_build};
use coachbook::wording::plural;

use super::{CONTENT_ERRORS, print_diagnostics, report_error};

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

/// Runs `build` (`write`) or `check`. `force` lets `build` replace an output
/// folder that no coachbook build made.
pub fn run(
    common: &CommonArgs,
    out: Option<PathBuf>,
    portable: bool,
    force: bool,
    write: bool,
) -> ExitCode {
    let options = BuildOptions {
        root: common.root.clone(),
        out,
        drafts: common.drafts,
        portable,
        strict: common.strict,
        write,
        edition: common.edition.clone(),
        force,
    };
    match run_build(&options) {
        Ok(report) => {
            match common.format {
                Format::Human => {
                    print_diagnostics(&report.diagnostics, common.verbose);
                    println!("{}", summary(&report, write));
                }
                Format::Json => {
                    // Standard output carries only the JSON, so a dashboard can parse it whole.
                    let json =
                        serde_json::to_string_pretty(&report.diagnostics).unwrap_or_default();
                    println!("{json}");
                    eprintln!("{}", summary(&report, write));
                }
            }
            if common.timings {
                eprint!("{}", timings_table(&report));
            }
            if report.failed() {
                ExitCode::from(CONTENT_ERRORS)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => report_error(&error),
    }
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
    let pages = format!(
        "{}, {}, {} in {}",
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
            report.output_dir.display()
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
