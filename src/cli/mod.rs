//! Command-line arguments and the commands behind them, one file each.
//! Every command returns an [`ExitStatus`]; diagnostics go to standard error.

mod build;
mod init;
mod new;
mod repeated;
mod schema;
mod serve;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use coachbook::Error;
use coachbook::diagnostics::Diagnostic;

/// Build coaching handbooks from Markdown: guides, question banks and role-plays.
#[derive(Debug, Parser)]
#[command(name = "coachbook", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new handbook with a guide, a question bank and a scenario.
    Init {
        /// Folder to create the handbook in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Also write the CI file that builds and publishes it on GitHub or GitLab Pages.
        #[arg(long, value_enum)]
        ci: Option<init::Ci>,
    },
    /// Create a new content file with its front matter filled in.
    New {
        #[arg(value_enum)]
        kind: new::NewKind,
        /// Where to write it, under content/ (e.g. `guides/feedback.md`).
        path: PathBuf,
        /// The page's title (default: from the file name).
        #[arg(long)]
        title: Option<String>,
        /// The handbook folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build the site into the output folder.
    Build {
        #[command(flatten)]
        common: build::CommonArgs,
        /// Write the site here instead of `output_dir` from site.toml.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Make every page link end in index.html, so the site works from disk or a zip.
        #[arg(long)]
        portable: bool,
        /// Replace the output folder even if it holds files no coachbook build wrote.
        #[arg(long)]
        force: bool,
        /// Write the portable build as one file beside the output folder
        /// (`zip`: `public.zip`; `scorm12`, `scorm2004`: a SCORM package,
        /// `public.scorm12.zip`), leaving the output folder as it was.
        #[arg(long, value_enum, value_name = "FORMAT")]
        package: Option<build::PackageArg>,
    },
    /// Run every check of a build and write nothing.
    Check {
        #[command(flatten)]
        common: build::CommonArgs,
        /// Also report, per language, pages without a translation and
        /// translations older than their original.
        #[arg(long)]
        translations: bool,
    },
    /// Print a JSON Schema of front matter, for editors that validate it.
    Schema {
        /// The handbook folder; its taxonomies and extra fields join the schema.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build, serve on this computer, and rebuild and reload the browser on every save.
    Serve {
        #[command(flatten)]
        preview: serve::PreviewArgs,
        #[command(flatten)]
        server: serve::ServerArgs,
    },
    /// Rebuild the output folder on every save, without a server.
    Watch {
        #[command(flatten)]
        preview: serve::PreviewArgs,
    },
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> ExitStatus {
    match cli.command {
        Command::Init { dir, ci } => init::run(&dir, ci),
        Command::New {
            kind,
            path,
            title,
            root,
        } => new::run(kind, &root, &path, title.as_deref()),
        Command::Build {
            common,
            out,
            portable,
            force,
            package,
        } => build::run(
            &common,
            build::Target {
                out,
                portable,
                force,
                package,
                translations: false,
            },
            true,
        ),
        Command::Check {
            common,
            translations,
        } => build::run(
            &common,
            build::Target {
                translations,
                ..build::Target::default()
            },
            false,
        ),
        Command::Schema { root } => schema::run(&root),
        Command::Serve { preview, server } => serve::run_preview(&preview, Some(&server)),
        Command::Watch { preview } => serve::run_preview(&preview, None),
    }
}

/// How a run ended. The one place that decides exit codes, so CI can tell a
/// handbook with mistakes from a tool that could not do its job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// The command did its job, and the handbook has no errors.
    Success,
    /// The handbook has errors (or warnings, with `--strict`).
    Failure,
    /// The tool could not do its job: bad command line or `site.toml`,
    /// an unsafe or foreign output folder, a file it could not read or write.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

/// Prints diagnostics to standard error, a warning that many files share
/// once unless `verbose`. A closed pipe is not an error worth reporting.
fn print_diagnostics(diagnostics: &[Diagnostic], verbose: bool) {
    let mut stderr = std::io::stderr().lock();
    for entry in repeated::fold_repeated_warnings(diagnostics, verbose) {
        let _ = writeln!(stderr, "{entry}");
    }
}

/// Prints a tool error (not a handbook problem).
fn report_error(error: &Error) -> ExitStatus {
    match error {
        Error::NoConfig { root } => {
            eprintln!(
                "error: no site.toml in {}\n  = help: run `coachbook init` to create a handbook here, or pass `--root <folder>`",
                root.display()
            );
        }
        Error::Config(diagnostics) => {
            print_diagnostics(diagnostics, true);
            eprintln!(
                "site.toml has {} error{}; nothing was built",
                diagnostics.len(),
                if diagnostics.len() == 1 { "" } else { "s" }
            );
        }
        Error::UnknownEdition { known, .. } => {
            let help = match known.as_slice() {
                [] => "declare one in site.toml, e.g. `[editions.participant]` with `audience = \"participant\"`".to_string(),
                names => format!("editions in site.toml: {}", names.join(", ")),
            };
            eprintln!("error: {error}\n  = help: {help}");
        }
        Error::UnsafeOutput { .. } => {
            eprintln!(
                "error: {error}\n  = help: choose an output folder of its own, such as `public`"
            );
        }
        Error::ForeignOutput { .. } => {
            eprintln!(
                "error: {error}\n  = help: choose another output folder, or pass `--force` to replace it and everything in it"
            );
        }
        Error::PackageClash { .. } => {
            eprintln!("error: {error}\n  = help: rename that file in the handbook");
            // The handbook has to change, not the tool's surroundings.
            return ExitStatus::Failure;
        }
        Error::Read { .. } | Error::Write { .. } => eprintln!("error: {error}"),
    }
    ExitStatus::Error
}
