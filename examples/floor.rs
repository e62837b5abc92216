//! The floor for a handbook build: read every Markdown file under a content
//! folder, render its body with pulldown-cmark, and write the HTML, on as many
//! threads as `coachbook build` uses. No generator can do less and still
//! publish the pages, so a build's time can be read against this one's.
//!
//! Usage: `cargo run --release --example floor -- <content dir> <output dir>`
//!
//! Each `a/b.md` becomes `<output dir>/a/b/index.html`; front matter is skipped.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, out] = args.as_slice() else {
        eprintln!("usage: floor <content dir> <output dir>");
        return ExitCode::from(2);
    };
    let (content, out) = (Path::new(content), Path::new(out));
    let sources: Vec<PathBuf> = walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let written = sources
        .par_iter()
        .map(|source| publish(source, content, out))
        .collect::<std::io::Result<Vec<()>>>();
    match written {
        Ok(pages) => {
            println!("{} pages", pages.len());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("floor: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Reads one Markdown file and writes its body as HTML.
fn publish(source: &Path, content: &Path, out: &Path) -> std::io::Result<()> {
    let text = fs::read_to_string(source)?;
    let mut html = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut html, Parser::new_ext(body(&text), Options::all()));
    let rel = source.strip_prefix(content).unwrap_or(source);
    let folder = out.join(rel.with_extension(""));
    fs::create_dir_all(&folder)?;
    fs::write(folder.join("index.html"), html)
}

/// The text after a `---` front matter block, or all of it when there is none.
fn body(text: &str) -> &str {
    text.strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n").map(|end| &rest[end + 5..]))
        .unwrap_or(text)
}
