//! The files a build makes, before anything writes them: an [`OutputFile`]
//! is a path under the output folder and its [`Contents`], handed to a
//! [`Sink`] as soon as it is made. `render` makes them and `output` writes
//! them; neither needs the other.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// What to put in an output file.
#[derive(Debug, Clone)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Bytes embedded in the binary (the default theme's static files).
    Embedded(Cow<'static, [u8]>),
    /// A file to copy from the handbook (assets, static files).
    Copy(PathBuf),
}

/// One file of the site, at a path relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: Contents,
}

impl Contents {
    /// Whether both hold the same bytes or name the same file to copy.
    pub fn same_as(&self, other: &Contents) -> bool {
        match (self, other) {
            (Contents::Bytes(a), Contents::Bytes(b)) => a == b,
            (Contents::Embedded(a), Contents::Embedded(b)) => a == b,
            (Contents::Copy(a), Contents::Copy(b)) => a == b,
            _ => false,
        }
    }
}

/// `path` with `/` between its parts, whatever the platform writes.
pub fn slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Where a build puts its files as it makes them, so none has to wait in
/// memory for the rest.
pub trait Sink: Sync {
    fn put(&self, file: &OutputFile);
}

/// Keeps nothing: for `check`, and for builds that have already failed.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &OutputFile) {}
}

/// Hands every file to another sink under a folder (a translation's `de/`).
pub struct Prefixed<'a> {
    pub prefix: &'a str,
    pub inner: &'a dyn Sink,
}

impl Sink for Prefixed<'_> {
    fn put(&self, file: &OutputFile) {
        if self.prefix.is_empty() {
            return self.inner.put(file);
        }
        self.inner.put(&OutputFile {
            path: Path::new(self.prefix).join(&file.path),
            contents: file.contents.clone(),
        });
    }
}
