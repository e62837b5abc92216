//! The test harness: a handbook in a temporary folder, the `coachbook` binary
//! run against it, and ways to read what it wrote.
//!
//! A [`Handbook`] starts from a fixture under `tests/fixtures/` (copied, so a
//! test never changes the fixture) or from nothing, and can gain files at test
//! time for what cannot live in git (invalid UTF-8, CRLF, symlinks). A [`Run`]
//! holds one command's exit code and output and offers assertions on them.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use scraper::{Html, Selector};
use tempfile::TempDir;

/// No command in these tests should come near this; a hang fails instead of blocking the suite.
const TIMEOUT: Duration = Duration::from_secs(120);

/// A handbook in a temporary folder of its own.
pub struct Handbook {
    dir: TempDir,
}

/// The outcome of one `coachbook` command.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl Handbook {
    /// A copy of `tests/fixtures/<name>` (such as `links/ok`).
    pub fn fixture(name: &str) -> Handbook {
        let handbook = Handbook::empty();
        copy_tree(&fixtures_dir().join(name), handbook.root());
        handbook
    }

    /// An empty temporary folder.
    pub fn empty() -> Handbook {
        Handbook {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A handbook with just a `site.toml` holding a title.
    pub fn minimal() -> Handbook {
        let handbook = Handbook::empty();
        handbook.write("site.toml", "title = \"Test Handbook\"\n");
        handbook
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes a file (text or bytes) at `rel` under the root, creating folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Handbook {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, contents).unwrap();
        self
    }

    /// Runs `coachbook` with `args` in the handbook's folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let started = Instant::now();
        let output = Command::cargo_bin("coachbook")
            .unwrap()
            .args(args)
            .current_dir(self.root())
            .timeout(TIMEOUT)
            .output()
            .unwrap();
        Run {
            // A missing code means the process was killed (the timeout).
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            elapsed: started.elapsed(),
        }
    }

    /// `coachbook build --root <root>` plus `extra` flags.
    pub fn build_with(&self, extra: &[&str]) -> Run {
        let root = self.root().to_str().unwrap();
        let mut args = vec!["build", "--root", root];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    pub fn build(&self) -> Run {
        self.build_with(&[])
    }

    /// `coachbook check --root <root>`.
    pub fn check(&self) -> Run {
        let root = self.root().to_str().unwrap();
        self.run(&["check", "--root", root])
    }

    /// Builds and asserts that the build succeeded.
    pub fn built(self) -> Handbook {
        self.build().success();
        self
    }

    /// The output file of `page`: a page URL (`guides/a/`, `""` for home) or a file (`sitemap.xml`).
    pub fn output_path(&self, page: &str) -> PathBuf {
        let out = self.path("public");
        if page.is_empty() || page.ends_with('/') {
            out.join(page).join("index.html")
        } else {
            out.join(page)
        }
    }

    pub fn exists(&self, page: &str) -> bool {
        self.output_path(page).is_file()
    }

    /// The text of an output file (see [`Handbook::output_path`]).
    pub fn read(&self, page: &str) -> String {
        let path = self.output_path(page);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn html(&self, page: &str) -> Html {
        Html::parse_document(&self.read(page))
    }

    /// The HTML inside the page's `<main>` element.
    pub fn main_of(&self, page: &str) -> String {
        let html = self.html(page);
        let main = html
            .select(&selector("main"))
            .next()
            .unwrap_or_else(|| panic!("{page} has no <main>"));
        main.inner_html()
    }

    /// The outer HTML of every element matching `css` on `page`.
    pub fn select(&self, page: &str, css: &str) -> Vec<String> {
        let html = self.html(page);
        html.select(&selector(css)).map(|e| e.html()).collect()
    }

    /// The text of every element matching `css` on `page`, whitespace collapsed.
    pub fn texts(&self, page: &str, css: &str) -> Vec<String> {
        let html = self.html(page);
        html.select(&selector(css))
            .map(|e| collapse(&e.text().collect::<String>()))
            .collect()
    }

    /// The value of `attribute` on every element matching `css` on `page`.
    pub fn attrs(&self, page: &str, css: &str, attribute: &str) -> Vec<String> {
        let html = self.html(page);
        html.select(&selector(css))
            .filter_map(|e| e.value().attr(attribute).map(str::to_string))
            .collect()
    }

    /// Every file under the root, relative path → bytes (for before/after comparisons).
    pub fn snapshot(&self, under: &str) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut files = BTreeMap::new();
        snapshot_into(&self.path(under), &self.path(under), &mut files);
        files
    }

    /// The output files, relative to `public/`, as `/`-separated strings.
    pub fn output_files(&self) -> Vec<String> {
        self.snapshot("public")
            .keys()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect()
    }
}

fn snapshot_into(base: &Path, dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let entry = entry.unwrap();
        let path = entry.path();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            snapshot_into(base, &path, files);
        } else if kind.is_file() {
            let rel = path.strip_prefix(base).unwrap().to_path_buf();
            files.insert(rel, fs::read(&path).unwrap());
        }
    }
}

pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"))
}

/// Collapses runs of whitespace into one space and trims.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Run {
    fn describe(&self) -> String {
        format!(
            "exit code {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    /// Asserts the exit code.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(self.code, expected, "{}", self.describe());
        self
    }

    /// Asserts exit code 0 and no error on stderr.
    #[track_caller]
    pub fn success(&self) -> &Run {
        self.code(0);
        assert!(
            !self.stderr.contains("error:") && !self.stderr.contains("error["),
            "a clean run printed errors:\n{}",
            self.describe()
        );
        self
    }

    /// The `path:line:col: error[code]: message` lines of stderr.
    pub fn error_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|line| line.contains(": error["))
            .collect()
    }

    /// Asserts a diagnostic with `code` (`error[code]` or `warning[code]`)
    /// reported at `path:line`, any column.
    #[track_caller]
    pub fn code_at(&self, path_line: &str, code: &str) -> &Run {
        let prefix = format!("{path_line}:");
        let found = self.stderr.lines().any(|line| {
            line.strip_prefix(&prefix).is_some_and(|rest| {
                let (col, rest) = rest.split_once(": ").unwrap_or(("", ""));
                !col.is_empty()
                    && col.bytes().all(|b| b.is_ascii_digit())
                    && (rest.starts_with(&format!("error[{code}]: "))
                        || rest.starts_with(&format!("warning[{code}]: ")))
            })
        });
        assert!(
            found,
            "expected [{code}] at {path_line}\n{}",
            self.describe()
        );
        self
    }

    /// Asserts an error reported at `path:line` (any column) whose message contains `message`.
    #[track_caller]
    pub fn error_at(&self, path_line: &str, message: &str) -> &Run {
        let prefix = format!("{path_line}:");
        let found = self.error_lines().into_iter().any(|line| {
            line.strip_prefix(&prefix).is_some_and(|rest| {
                let col = rest.split(':').next().unwrap_or("");
                !col.is_empty() && col.bytes().all(|b| b.is_ascii_digit()) && line.contains(message)
            })
        });
        assert!(
            found,
            "expected an error at {path_line} containing {message:?}\n{}",
            self.describe()
        );
        self
    }

    /// Asserts a whole-file error (`path: error: message`) or an error at any line of `path`.
    #[track_caller]
    pub fn error_in(&self, path: &str, message: &str) -> &Run {
        let found = self.error_lines().into_iter().any(|line| {
            (line.starts_with(&format!("{path}:")) || line.starts_with(&format!("{path}: ")))
                && line.contains(message)
        });
        assert!(
            found,
            "expected an error in {path} containing {message:?}\n{}",
            self.describe()
        );
        self
    }

    /// Asserts stderr contains `text` (a hint, a caret line).
    #[track_caller]
    pub fn stderr_has(&self, text: &str) -> &Run {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}\n{}",
            self.describe()
        );
        self
    }

    /// Asserts exactly `count` errors were printed.
    #[track_caller]
    pub fn error_count(&self, count: usize) -> &Run {
        assert_eq!(
            self.error_lines().len(),
            count,
            "error count\n{}",
            self.describe()
        );
        self
    }
}
