//! Writes a synthetic handbook to disk, for benchmarks and stress tests.
//!
//! ```text
//! cargo run --release --example synth -- <pages> <out-dir> [seed]
//! ```
//!
//! The handbook comes from `support/synth.rs` (`generate_handbook`), so the same
//! page count and seed always write the same bytes. The seed defaults to 42.
//! This program refuses an output folder that already holds a `site.toml` or a
//! `content/` folder, so it never mixes two handbooks or overwrites an
//! author's work; it never deletes anything.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line program of its own, outside the library"
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[path = "support/synth.rs"]
mod synth;

use synth::generate_handbook;

const USAGE: &str = "usage: synth <pages> <out-dir> [seed]";

/// The parsed command line.
struct Args {
    pages: usize,
    out_dir: PathBuf,
    seed: u64,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let [pages, out_dir, rest @ ..] = args else {
        return Err(USAGE.to_string());
    };
    let pages = pages
        .parse()
        .map_err(|_| format!("<pages> must be a whole number, not {pages:?}\n{USAGE}"))?;
    let seed = match rest {
        [] => 42,
        [seed] => seed
            .parse()
            .map_err(|_| format!("[seed] must be a whole number, not {seed:?}\n{USAGE}"))?,
        _ => return Err(USAGE.to_string()),
    };
    Ok(Args {
        pages,
        out_dir: PathBuf::from(out_dir),
        seed,
    })
}

/// What `write_handbook` did.
struct Written {
    files: usize,
    bytes: usize,
    generate: Duration,
    total: Duration,
}

/// Generates the handbook and writes it under `out_dir`.
fn write_handbook(args: &Args) -> Result<Written, String> {
    for existing in ["site.toml", "content"] {
        let path = args.out_dir.join(existing);
        if path.exists() {
            return Err(format!(
                "{} already exists; choose an empty or new folder",
                path.display()
            ));
        }
    }
    let started = Instant::now();
    let files = generate_handbook(args.pages, args.seed);
    let generate = started.elapsed();
    let mut bytes = 0;
    for file in &files {
        let path = args.out_dir.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
        }
        fs::write(&path, &file.text).map_err(|e| io_error(&path, &e))?;
        bytes += file.text.len();
    }
    Ok(Written {
        files: files.len(),
        bytes,
        generate,
        total: started.elapsed(),
    })
}

fn io_error(path: &Path, error: &std::io::Error) -> String {
    format!("{}: {error}", path.display())
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&raw) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match write_handbook(&args) {
        Ok(written) => {
            println!(
                "wrote {} pages ({} files, {:.1} MB, seed {}) to {}: generated in {} ms, {} ms in all",
                args.pages,
                written.files,
                written.bytes as f64 / 1_000_000.0,
                args.seed,
                args.out_dir.display(),
                written.generate.as_millis(),
                written.total.as_millis(),
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
