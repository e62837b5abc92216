//! Finding and reading the handbook's files: content pages, assets beside them,
//! the site's static files and template overrides, and a theme folder on disk.
//!
//! This is the only module that lists folders and reads files. It returns
//! files in a deterministic order and reads nothing from outside the handbook:
//! a symbolic link whose target lies outside the root is a warning, not
//! followed. `static/` folders are listed verbatim, dotfiles included; only
//! editor temporaries and version-control folders are skipped there, and under
//! `content/` and `templates/` hidden files are skipped too. It survives
//! symlink loops, reports every file or folder it cannot read, and decodes text
//! into one form (see [`text`]). Unreadable text is a diagnostic, not a crash.

pub mod expand;
pub mod history;
mod text;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::artifact::slash;
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::exclude::Exclude;
pub use crate::sources::{OtherFile, SourceFile};

/// mdBook's table of contents, at the top of `content/`: read, but not a page.
pub const SUMMARY_FILE: &str = "SUMMARY.md";

/// Everything a build reads from disk, besides `site.toml`.
#[derive(Debug, Default)]
pub struct Sources {
    pub pages: Vec<SourceFile>,
    /// Pages found but not read (each a diagnostic already): still pages of
    /// the handbook, so links to them are not reported a second time.
    pub unread_pages: Vec<String>,
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
    /// `content/SUMMARY.md`, which orders the sidebar and is not a page.
    pub summary: Option<SourceFile>,
}

/// Whether a file name is an editor's temporary or backup file: vim swap files
/// and its `4913` probe, `name~` backups, Emacs lock (`.#name`) and autosave
/// (`#name#`) files, JetBrains safe-write files and `.tmp` files.
pub fn is_editor_temporary(name: &str) -> bool {
    name.starts_with(".#")
        || name.ends_with('~')
        || name == "4913"
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".swo")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
}

/// Whether a name is a version-control folder (or a git worktree's `.git` file).
fn is_version_control(name: &str) -> bool {
    matches!(name, ".git" | ".hg" | ".svn")
}

/// Whether a file under `content/` or `templates/` is left out: hidden, or an editor temporary.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || is_editor_temporary(name)
}

/// Whether a file under a `static/` folder is left out: everything else is copied verbatim.
fn is_skipped_static_name(name: &str) -> bool {
    is_editor_temporary(name) || is_version_control(name)
}

/// A Markdown file's path as pages know it: its extension, `.md` in any
/// case, written `.md`. `None` for any other file.
pub fn page_rel(rel: &str) -> Option<String> {
    let extension = Path::new(rel).extension()?;
    extension.eq_ignore_ascii_case("md").then(|| {
        let stem = &rel[..rel.len() - ".md".len()];
        format!("{stem}.md")
    })
}

/// The handbook root as the file system resolves it, to tell where links lead.
struct Fence {
    root: PathBuf,
}

impl Fence {
    fn new(root: &Path) -> Fence {
        Fence {
            root: fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// Where `path` really is, when that is outside the handbook. A path that
    /// does not resolve (a broken link) is left for the listing to report.
    fn outside(&self, path: &Path) -> Option<PathBuf> {
        let target = fs::canonicalize(path).ok()?;
        (!target.starts_with(&self.root)).then_some(target)
    }
}

/// Lists the files under `dir` (which may be missing), sorted, as paths
/// relative to it, leaving out names that `skip` says to. A symbolic link (or
/// `dir` itself) leading outside `root` is a warning and is not followed; a
/// symbolic link loop is a warning; a file or folder that cannot be read is an
/// error.
fn list_files(
    dir: &Path,
    root: &Path,
    skip: fn(&str) -> bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<OtherFile> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let fence = Fence::new(root);
    let mut outside = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() > 0 && skip(&entry.file_name().to_string_lossy()) {
                return false;
            }
            if entry.depth() > 0 && !entry.path_is_symlink() {
                return true;
            }
            match fence.outside(entry.path()) {
                Some(target) => {
                    outside.push((entry.path().to_path_buf(), target));
                    false
                }
                None => true,
            }
        });
    let mut files = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let Ok(rel) = entry.path().strip_prefix(dir) else {
                    continue;
                };
                files.push(OtherFile {
                    rel: slash(rel),
                    absolute: entry.path().to_path_buf(),
                });
            }
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) => diagnostics.push(
                Diagnostic::file(
                    Code::NotAFile,
                    Severity::Error,
                    &display_path(root, entry.path()),
                    "not a regular file (a pipe, socket or device), so it cannot be read",
                )
                .with_help("replace it with an ordinary file, or remove it"),
            ),
            Err(error) => diagnostics.push(walk_error(&error, dir, root)),
        }
    }
    for (link, target) in outside {
        diagnostics.push(
            Diagnostic::file(Code::SymlinkOutside,
                Severity::Warning,
                &display_path(root, &link),
                format!(
                    "symbolic link to {}, outside the handbook: it was not followed",
                    target.display()
                ),
            )
            .with_help("coachbook reads nothing from outside the handbook folder; copy what you need into it, or remove the link"),
        );
    }
    files
}

/// A folder listing's failure: a symbolic link loop (a warning), a broken
/// link, or a file or folder that cannot be read.
fn walk_error(error: &walkdir::Error, dir: &Path, root: &Path) -> Diagnostic {
    let shown = display_path(root, error.path().unwrap_or(dir));
    if error.loop_ancestor().is_some() {
        return Diagnostic::file(
            Code::SymlinkLoop,
            Severity::Warning,
            &shown,
            "symbolic link loop: this folder links back to one of its parents, so it was not read again",
        );
    }
    let io = error.io_error();
    if io.is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) {
        return Diagnostic::file(
            Code::BrokenSymlink,
            Severity::Error,
            &shown,
            "broken symbolic link: what it points to does not exist",
        )
        .with_help("point the link at a file inside the handbook, or remove it");
    }
    let reason = io.map_or_else(|| error.to_string(), ToString::to_string);
    could_not_read(&shown, &reason)
}

/// Reports each of `files` that cannot be opened for reading; they stay
/// listed, so links to them are not reported as broken as well.
fn check_readable(files: &[OtherFile], root: &Path, diagnostics: &mut Vec<Diagnostic>) {
    let mut unreadable: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|file| {
            let error = fs::File::open(&file.absolute).err()?;
            Some(could_not_read(&display_path(root, &file.absolute), &error))
        })
        .collect();
    diagnostics.append(&mut unreadable);
}

/// An error at a file or folder that cannot be read, saying why.
fn could_not_read(display: &Path, reason: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::file(
        Code::Unreadable,
        Severity::Error,
        display,
        format!("could not read: {reason}"),
    )
    .with_help("check that you may read it (its permissions), or move it out of the handbook")
}

/// Reads a text file (see [`text`] for the encodings it understands). A file
/// that cannot be read, or is not text, is a diagnostic naming it.
pub fn read_text(absolute: &Path, display: &Path) -> Result<String, Box<Diagnostic>> {
    match fs::read(absolute) {
        Ok(bytes) => text::decode(bytes, display),
        Err(error) => Err(Box::new(could_not_read(display, &error))),
    }
}

/// Reads the handbook's files, leaving out those `exclude` names. `theme_dir`
/// is read only if it exists on disk.
pub fn load_sources(
    root: &Path,
    content_dir: &Path,
    static_dir: &Path,
    templates_dir: &Path,
    theme_dir: &Path,
    exclude: &Exclude,
) -> (Sources, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let (markdown, assets) = list_content(root, content_dir, exclude, &mut diagnostics);
    let read: Vec<Result<SourceFile, Box<Diagnostic>>> = markdown
        .par_iter()
        .map(|file| read_page(root, file))
        .collect();
    let mut pages = Vec::with_capacity(read.len());
    let mut unread_pages = Vec::new();
    for (result, file) in read.into_iter().zip(&markdown) {
        match result {
            Ok(page) => pages.push(page),
            Err(diagnostic) => {
                diagnostics.push(*diagnostic);
                unread_pages.push(file.rel.clone());
            }
        }
    }
    let mut sources =
        load_theme_sources(root, static_dir, templates_dir, theme_dir, &mut diagnostics);
    sources.pages = pages;
    sources.unread_pages = unread_pages;
    sources.assets = assets;
    sources.summary = read_summary(root, content_dir, exclude, &mut diagnostics);
    (sources, diagnostics)
}

/// Reads `content/SUMMARY.md`, unless it is missing or excluded.
pub fn read_summary(
    root: &Path,
    content_dir: &Path,
    exclude: &Exclude,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SourceFile> {
    let absolute = content_dir.join(SUMMARY_FILE);
    if !absolute.is_file() || exclude.excludes(SUMMARY_FILE) {
        return None;
    }
    let display = display_path(root, &absolute);
    match read_text(&absolute, &display) {
        Ok(text) => Some(SourceFile {
            rel: SUMMARY_FILE.to_string(),
            display,
            text,
            ..SourceFile::default()
        }),
        Err(diagnostic) => {
            diagnostics.push(*diagnostic);
            None
        }
    }
}

/// Lists `content/`: the Markdown pages (any case of `.md`, given as `.md`
/// in their `rel`), and every other file (assets), each checked readable.
/// Files that `exclude` names are left out, and so is the top-level
/// `SUMMARY.md`, which is not a page.
pub fn list_content(
    root: &Path,
    content_dir: &Path,
    exclude: &Exclude,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<OtherFile>, Vec<OtherFile>) {
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    for file in list_files(content_dir, root, is_ignored_name, diagnostics) {
        if file.rel == SUMMARY_FILE || exclude.excludes(&file.rel) {
            continue;
        }
        match page_rel(&file.rel) {
            Some(rel) => markdown.push(OtherFile { rel, ..file }),
            None => assets.push(file),
        }
    }
    check_readable(&assets, root, diagnostics);
    (markdown, assets)
}

/// Reads one Markdown page found by [`list_content`], with its includes
/// expanded.
pub fn read_page(root: &Path, file: &OtherFile) -> Result<SourceFile, Box<Diagnostic>> {
    let display = display_path(root, &file.absolute);
    read_text(&file.absolute, &display).map(|text| {
        let expanded = expand::expand(text, &file.absolute, &display, root);
        SourceFile {
            rel: file.rel.clone(),
            display,
            text: expanded.text,
            origins: expanded.origins,
            problems: expanded.problems,
        }
    })
}

/// Reads everything but `content/`: static files and templates of the site
/// and of a theme folder on disk. The returned sources have no pages or assets.
pub fn load_theme_sources(
    root: &Path,
    static_dir: &Path,
    templates_dir: &Path,
    theme_dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Sources {
    let theme_templates = read_templates(&theme_dir.join("templates"), root, diagnostics);
    let site_templates = read_templates(templates_dir, root, diagnostics);
    Sources {
        pages: Vec::new(),
        unread_pages: Vec::new(),
        assets: Vec::new(),
        static_files: list_static(static_dir, root, diagnostics),
        theme_static: list_static(&theme_dir.join("static"), root, diagnostics),
        theme_templates,
        site_templates,
        summary: None,
    }
}

/// Lists a `static/` folder verbatim, dotfiles included, each file checked readable.
fn list_static(dir: &Path, root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<OtherFile> {
    let files = list_files(dir, root, is_skipped_static_name, diagnostics);
    check_readable(&files, root, diagnostics);
    files
}

fn read_templates(
    dir: &Path,
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    let mut templates = Vec::new();
    for file in list_files(dir, root, is_ignored_name, diagnostics) {
        let display = display_path(root, &file.absolute);
        match read_text(&file.absolute, &display) {
            Ok(text) => templates.push((file.rel, text)),
            Err(diagnostic) => diagnostics.push(*diagnostic),
        }
    }
    templates
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

    #[test]
    fn static_files_keep_dotfiles_but_not_temporaries_or_version_control() {
        for name in [".well-known", ".nojekyll", ".htaccess", "#", "security.txt"] {
            assert!(!is_skipped_static_name(name), "{name}");
        }
        for name in [
            ".git",
            ".hg",
            ".svn",
            ".#x.css",
            "x.css~",
            ".x.css.swp",
            "4913",
        ] {
            assert!(is_skipped_static_name(name), "{name}");
        }
    }

    #[test]
    fn markdown_extensions_match_in_any_case() {
        assert_eq!(page_rel("a.md").as_deref(), Some("a.md"));
        assert_eq!(page_rel("Guide.MD").as_deref(), Some("Guide.md"));
        assert_eq!(page_rel("x/y.Md").as_deref(), Some("x/y.md"));
        for rel in ["a.mdx", "md", "a.png", "a.md.png", "x.md/y"] {
            assert_eq!(page_rel(rel), None, "{rel}");
        }
    }
}
