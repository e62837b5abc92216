//! Writes a synthetic handbook to disk, for benchmarks and stress tests.
//!
//! ```text
//! cargo run --release --example synth -- <pages> <out-dir> [seed] [hugo-dir]
//! ```
//!
//! The handbook comes from `support/synth.rs` (`generate_handbook`), so the same
//! page count and seed always write the same bytes. The seed defaults to 42.
//! Given `hugo-dir`, the same pages are also written as a Hugo site's
//! `content/` there, for benchmarks beside Hugo: Hugo reads `kind` in front
//! matter as its own page kind, so that one field is written
//! `coachbook_kind` (the benchmark's Hugo layout reads it under that name).
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

const USAGE: &str = "usage: synth <pages> <out-dir> [seed] [hugo-dir]";

/// The parsed command line.
struct Args {
    pages: usize,
    out_dir: PathBuf,
    seed: u64,
    hugo_dir: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let [pages, out_dir, rest @ ..] = args else {
        return Err(USAGE.to_string());
    };
    let pages = pages
        .parse()
        .map_err(|_| format!("<pages> must be a whole number, not {pages:?}\n{USAGE}"))?;
    let (seed, hugo_dir) = match rest {
        [] => (None, None),
        [seed] => (Some(seed), None),
        [seed, hugo_dir] => (Some(seed), Some(PathBuf::from(hugo_dir))),
        _ => return Err(USAGE.to_string()),
    };
    let seed = match seed {
        None => 42,
        Some(seed) => seed
            .parse()
            .map_err(|_| format!("[seed] must be a whole number, not {seed:?}\n{USAGE}"))?,
    };
    Ok(Args {
        pages,
        out_dir: PathBuf::from(out_dir),
        seed,
        hugo_dir,
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
    let mut taken = vec![args.out_dir.join("site.toml"), args.out_dir.join("content")];
    taken.extend(args.hugo_dir.iter().map(|dir| dir.join("content")));
    for path in taken {
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
        write_file(&args.out_dir.join(&file.path), &file.text)?;
        bytes += file.text.len();
        if let Some(hugo_dir) = &args.hugo_dir
            && file.path.starts_with("content")
        {
            write_file(&hugo_dir.join(&file.path), &for_hugo(&file.text))?;
        }
    }
    Ok(Written {
        files: files.len(),
        bytes,
        generate,
        total: started.elapsed(),
    })
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
    }
    fs::write(path, text).map_err(|e| io_error(path, &e))
}

/// A generated file as Hugo accepts it: the front matter's `kind` line,
/// which Hugo would take for its own page kind, renamed. Other files pass
/// unchanged.
fn for_hugo(text: &str) -> String {
    let Some(front_end) = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n"))
    else {
        return text.to_string();
    };
    let (front, body) = text.split_at(front_end + 4);
    let front = front.replacen("\nkind: ", "\ncoachbook_kind: ", 1);
    front + body
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
