//! The only writer: every output file goes into a staging folder beside
//! `output_dir` as soon as it is made, and the staging folder replaces
//! `output_dir` only once everything was written and the build succeeded.
//!
//! A failed build therefore leaves the previous output untouched, and nothing
//! outside `output_dir` and our own staging folders is ever deleted.

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;

use crate::Error;

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

fn sibling(output_dir: &Path, label: &str) -> PathBuf {
    let name = output_dir
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let parent = output_dir.parent().unwrap_or_else(|| Path::new("."));
    parent.join(format!(".{name}.{label}-{}", std::process::id()))
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
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

/// A staging folder beside the output folder. Files are written into it as
/// they come; it replaces the output folder only on [`Staging::commit`], and
/// removes itself when dropped without one.
pub struct Staging {
    output_dir: PathBuf,
    dir: PathBuf,
    /// The first write that failed; later files are not written.
    failure: Mutex<Option<Error>>,
    committed: bool,
}

impl Staging {
    /// Makes an empty staging folder for `output_dir`.
    pub fn begin(output_dir: &Path) -> Result<Staging, Error> {
        if output_dir.exists() && !output_dir.is_dir() {
            return Err(Error::Write {
                path: output_dir.to_path_buf(),
                source: std::io::Error::other("exists and is not a folder; refusing to replace it"),
            });
        }
        let dir = sibling(output_dir, "staging");
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(write_error(&dir))?;
        }
        fs::create_dir_all(&dir).map_err(write_error(&dir))?;
        Ok(Staging {
            output_dir: output_dir.to_path_buf(),
            dir,
            failure: Mutex::new(None),
            committed: false,
        })
    }

    /// Puts the staging folder in the place of the output folder, or reports
    /// the first write that failed.
    pub fn commit(mut self) -> Result<(), Error> {
        let failure = self
            .failure
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(error) = failure.take() {
            return Err(error);
        }
        swap_in(&self.dir, &self.output_dir)?;
        self.committed = true;
        Ok(())
    }

    fn failure(&self) -> MutexGuard<'_, Option<Error>> {
        self.failure.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Hard-links `path` from the current output folder; false if that failed.
    fn link_unchanged(&self, path: &Path) -> bool {
        let target = self.dir.join(path);
        target
            .parent()
            .is_some_and(|p| fs::create_dir_all(p).is_ok())
            && fs::hard_link(self.output_dir.join(path), target).is_ok()
    }
}

impl Sink for Staging {
    fn put(&self, file: &OutputFile) {
        if self.failure().is_some() {
            return;
        }
        let target = self.dir.join(&file.path);
        let written = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| match &file.contents {
                Contents::Bytes(bytes) => fs::write(&target, bytes),
                Contents::Embedded(bytes) => fs::write(&target, bytes),
                Contents::Copy(source) => fs::copy(source, &target).map(|_| ()),
            });
        if let Err(source) = written {
            // Named as the author knows it: in the output folder, not the staging one.
            self.failure().get_or_insert(Error::Write {
                path: self.output_dir.join(&file.path),
                source,
            });
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // The staging folder is ours alone; a failed build must not leave it behind.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes `files` into `output_dir`, atomically replacing what was there.
/// A file for which `unchanged` holds is hard-linked from the current output
/// folder instead of written (and written if that fails). `watch` uses it so a one-page edit does not rewrite the handbook;
/// the new folder still replaces the old one only once it is complete.
pub fn write_site_reusing(
    output_dir: &Path,
    files: &[OutputFile],
    unchanged: &(dyn Fn(&Path) -> bool + Sync),
) -> Result<(), Error> {
    let staging = Staging::begin(output_dir)?;
    files.par_iter().for_each(|file| {
        if !(unchanged(&file.path) && staging.link_unchanged(&file.path)) {
            staging.put(file);
        }
    });
    staging.commit()
}

fn swap_in(staging: &Path, output_dir: &Path) -> Result<(), Error> {
    if output_dir.exists() {
        let old = sibling(output_dir, "old");
        fs::rename(output_dir, &old).map_err(write_error(output_dir))?;
        if let Err(source) = fs::rename(staging, output_dir) {
            // Put the previous output back so the author still has a site.
            let _ = fs::rename(&old, output_dir);
            return Err(Error::Write {
                path: output_dir.to_path_buf(),
                source,
            });
        }
        fs::remove_dir_all(&old).map_err(write_error(&old))?;
    } else {
        if let Some(parent) = output_dir.parent() {
            fs::create_dir_all(parent).map_err(write_error(parent))?;
        }
        fs::rename(staging, output_dir).map_err(write_error(output_dir))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in folder `dir`: what a build left beside its output.
    fn names_in(dir: &Path) -> Vec<std::ffi::OsString> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect()
    }

    fn write_site(out: &Path, files: &[OutputFile]) -> Result<(), Error> {
        write_site_reusing(out, files, &|_| false)
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: PathBuf::from(path),
            contents: Contents::Bytes(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn reuses_unchanged_files_and_still_replaces_the_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(
            &out,
            &[file("a/index.html", "one"), file("b/index.html", "bee")],
        )
        .unwrap();
        // `b` is said to be unchanged: its old bytes are kept, not the ones passed.
        write_site_reusing(
            &out,
            &[file("a/index.html", "two"), file("b/index.html", "ignored")],
            &|path| path == Path::new("b/index.html"),
        )
        .unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert_eq!(fs::read_to_string(out.join("b/index.html")).unwrap(), "bee");
        // A file said to be unchanged but missing from the old output is written.
        write_site_reusing(&out, &[file("c.txt", "new")], &|_| true).unwrap();
        assert_eq!(fs::read_to_string(out.join("c.txt")).unwrap(), "new");
        assert!(!out.join("a").exists());
    }

    #[test]
    fn replaces_the_previous_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[file("a/index.html", "one"), file("old.html", "x")]).unwrap();
        write_site(&out, &[file("a/index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("old.html").exists());
        assert_eq!(names_in(dir.path()), ["public"]);
    }

    #[test]
    fn a_failed_write_is_reported_at_commit_and_nothing_is_swapped_in() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[file("a/index.html", "one")]).unwrap();
        let staging = Staging::begin(&out).unwrap();
        staging.put(&file("b", "a file"));
        // `b` is a file, so nothing can go under it.
        staging.put(&file("b/index.html", "two"));
        let error = staging.commit().unwrap_err();
        assert!(
            matches!(&error, Error::Write { path, .. } if *path == out.join("b/index.html")),
            "{error}"
        );
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
        assert_eq!(names_in(dir.path()), ["public"]);
    }

    #[test]
    fn a_staging_folder_dropped_without_commit_removes_itself() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::begin(&out).unwrap();
        staging.put(&file("a/index.html", "one"));
        drop(staging);
        assert!(names_in(dir.path()).is_empty());
    }
}
