//! Finding and reading the handbook's files: content pages, assets beside them,
//! the site's static files and template overrides, and a theme folder on disk.
//!
//! This is the only module that lists folders. It returns files in a
//! deterministic order, skips hidden files and editor temporaries (vim swap
//! files, `4913`, JetBrains safe-write files, Emacs lock files), survives
//! symlink loops, and normalises text (UTF-8 BOM, CRLF) so later stages see
//! one form. Unreadable text is a diagnostic, not a crash.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::Error;
use crate::diagnostics::{Diagnostic, LineIndex, Severity};

/// A Markdown file under `content/`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to `content/`, with `/` separators.
    pub rel: String,
    /// Path relative to the handbook root, as shown in diagnostics.
    pub display: PathBuf,
    /// The text, without a BOM and with `\n` line endings.
    pub text: String,
}

/// Any other file: an asset under `content/`, a static file, a template.
#[derive(Debug, Clone)]
pub struct OtherFile {
    /// Path relative to the folder it was found in, with `/` separators.
    pub rel: String,
    pub absolute: PathBuf,
}

/// Everything a build reads from disk, besides `site.toml`.
#[derive(Debug, Default)]
pub struct Sources {
    pub pages: Vec<SourceFile>,
    /// Non-Markdown files under `content/`, copied beside their pages.
    pub assets: Vec<OtherFile>,
    /// The site's `static/` files, copied to the output root.
    pub static_files: Vec<OtherFile>,
    /// The theme folder's `static/` files (when the theme is on disk).
    pub theme_static: Vec<OtherFile>,
    /// Template name and text: the theme folder's `templates/`.
    pub theme_templates: Vec<(String, String)>,
    /// Template name and text: the site's `templates/` overrides.
    pub site_templates: Vec<(String, String)>,
}

/// Whether a file name is an editor's temporary or backup file, or hidden.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name == "4913"
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".swo")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
}

/// Lists the files under `dir` (which may be missing), sorted, as paths relative to it.
/// Folders that cannot be read, and symbolic link loops, become warnings.
pub fn list_files(
    dir: &Path,
    display_root: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<OtherFile> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !is_ignored_name(&entry.file_name().to_string_lossy())
        });
    let mut files = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let Ok(rel) = entry.path().strip_prefix(dir) else {
                    continue;
                };
                files.push(OtherFile {
                    rel: slash_path(rel),
                    absolute: entry.path().to_path_buf(),
                });
            }
            Ok(_) => {}
            Err(error) => {
                let shown = error
                    .path()
                    .and_then(|p| p.strip_prefix(display_root).ok())
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                let message = if error.loop_ancestor().is_some() {
                    "symbolic link loop: this folder links back to one of its parents, so it was not read again".to_string()
                } else {
                    format!("could not read: {error}")
                };
                warnings.push(Diagnostic::file(Severity::Warning, &shown, message));
            }
        }
    }
    files
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a text file as UTF-8, dropping a BOM and turning CRLF into LF.
/// Invalid UTF-8 is a diagnostic naming the file and the line of the first bad byte.
pub fn read_text(absolute: &Path, display: &Path) -> Result<Result<String, Diagnostic>, Error> {
    let bytes = fs::read(absolute).map_err(|source| Error::Read {
        path: absolute.to_path_buf(),
        source,
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Ok(normalize_newlines(text))),
        Err(error) => {
            let valid = String::from_utf8_lossy(&bytes[..error.valid_up_to()]).into_owned();
            let (line, col) = LineIndex::new(&valid).line_col(&valid, valid.len());
            let mut diagnostic =
                Diagnostic::file(Severity::Error, display, "file is not valid UTF-8 text")
                    .with_help("save the file with UTF-8 encoding in your editor");
            diagnostic.line = line;
            diagnostic.col = col;
            Ok(Err(diagnostic))
        }
    }
}

fn normalize_newlines(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    }
}

/// Reads the handbook's files. `theme_dir` is read only if it exists on disk.
pub fn load_sources(
    root: &Path,
    content_dir: &Path,
    static_dir: &Path,
    templates_dir: &Path,
    theme_dir: &Path,
) -> Result<(Sources, Vec<Diagnostic>), Error> {
    let mut diagnostics = Vec::new();
    let (markdown, assets) = list_content(root, content_dir, &mut diagnostics);
    let read: Vec<Result<Result<SourceFile, Diagnostic>, Error>> = markdown
        .par_iter()
        .map(|file| read_page(root, file))
        .collect();
    let mut pages = Vec::with_capacity(read.len());
    for result in read {
        match result? {
            Ok(page) => pages.push(page),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let mut sources =
        load_theme_sources(root, static_dir, templates_dir, theme_dir, &mut diagnostics)?;
    sources.pages = pages;
    sources.assets = assets;
    Ok((sources, diagnostics))
}

/// Lists `content/`: the Markdown pages, and every other file (assets).
pub fn list_content(
    root: &Path,
    content_dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<OtherFile>, Vec<OtherFile>) {
    list_files(content_dir, root, diagnostics)
        .into_iter()
        .partition(|f| f.rel.ends_with(".md"))
}

/// Reads one Markdown page found by [`list_content`].
pub fn read_page(root: &Path, file: &OtherFile) -> Result<Result<SourceFile, Diagnostic>, Error> {
    let display = display_path(root, &file.absolute);
    Ok(read_text(&file.absolute, &display)?.map(|text| SourceFile {
        rel: file.rel.clone(),
        display,
        text,
    }))
}

/// Reads everything but `content/`: static files and templates of the site
/// and of a theme folder on disk. The returned sources have no pages or assets.
pub fn load_theme_sources(
    root: &Path,
    static_dir: &Path,
    templates_dir: &Path,
    theme_dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Sources, Error> {
    let theme_templates = read_templates(&theme_dir.join("templates"), root, diagnostics)?;
    let site_templates = read_templates(templates_dir, root, diagnostics)?;
    Ok(Sources {
        pages: Vec::new(),
        assets: Vec::new(),
        static_files: list_files(static_dir, root, diagnostics),
        theme_static: list_files(&theme_dir.join("static"), root, diagnostics),
        theme_templates,
        site_templates,
    })
}

fn read_templates(
    dir: &Path,
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<(String, String)>, Error> {
    let mut templates = Vec::new();
    for file in list_files(dir, root, diagnostics) {
        let display = display_path(root, &file.absolute);
        match read_text(&file.absolute, &display)? {
            Ok(text) => templates.push((file.rel, text)),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    Ok(templates)
}

/// A path as shown to the author: relative to the handbook root when inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temporaries_and_hidden_files_are_ignored() {
        for name in [
            ".#x.md",
            "x.md~",
            ".x.md.swp",
            "4913",
            "#x.md#",
            "x.md___jb_tmp___",
            ".git",
        ] {
            assert!(is_ignored_name(name), "{name}");
        }
        for name in ["x.md", "diagram.png", "_index.md"] {
            assert!(!is_ignored_name(name), "{name}");
        }
    }
}
