//! The only writer: every output file goes into a staging folder beside
//! `output_dir` as soon as it is made, and the staging folder replaces
//! `output_dir` only once everything was written and the build succeeded.
//!
//! A failed build therefore leaves the previous output untouched. Every
//! folder a build makes holds a [`MARKER`] file, and nothing without one is
//! ever deleted: an existing output folder without it is replaced only when
//! forced, and the staging and old folders that killed builds left beside the
//! output are recognised by their name and the marker, and removed (or, if
//! the output itself went missing, the old one is put back) by the next build.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;

use crate::Error;
pub use crate::artifact::{Contents, Discard, OutputFile, Sink};

/// The file in every folder a build writes (staging, output, old output)
/// that says coachbook made it and may replace it. It is no page of the
/// site: not listed, not served, not in the sitemap.
pub const MARKER: &str = ".coachbook-output";

const MARKER_TEXT: &str =
    "Written by `coachbook build`: the next build replaces this folder whole.\n";

/// The folders builds keep beside the output for a while: `staging` while
/// writing, `old` for the previous output during a swap.
const LABELS: [&str; 2] = ["staging", "old"];

/// `.<output name>.<label>-`, the start of the name of a folder beside
/// `output_dir`; the id of the process that made it follows.
fn sibling_prefix(output_dir: &Path, label: &str) -> String {
    let name = output_dir
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.{label}-")
}

fn sibling(output_dir: &Path, label: &str) -> PathBuf {
    let parent = output_dir.parent().unwrap_or_else(|| Path::new("."));
    parent.join(format!(
        "{}{}",
        sibling_prefix(output_dir, label),
        std::process::id()
    ))
}

fn has_marker(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
}

/// Whether process `pid` is running (and is not this one, which has no
/// other staging folder open while it makes a new one).
#[cfg(unix)]
fn running(pid: u32) -> bool {
    use rustix::process::{Pid, test_kill_process};
    if pid == std::process::id() {
        return false;
    }
    let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
        return false;
    };
    // Allowed to signal it or not, it exists unless there is no such process.
    match test_kill_process(pid) {
        Ok(()) => true,
        Err(error) => error != rustix::io::Errno::SRCH,
    }
}

/// Without a way to ask, a folder named after another process counts as left over.
#[cfg(not(unix))]
fn running(_pid: u32) -> bool {
    false
}

/// The staging and old folders beside `output_dir` that builds no longer
/// running left behind: named as we name them, real folders (not symlinks)
/// holding our marker. Old folders come first, newest first.
fn leftovers(output_dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let parent = output_dir.parent().unwrap_or_else(|| Path::new("."));
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<(&'static str, std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            LABELS.iter().find_map(|&label| {
                let pid = name.strip_prefix(&sibling_prefix(output_dir, label))?;
                let pid: u32 = pid.parse().ok()?;
                let path = entry.path();
                (!running(pid) && has_marker(&path)).then(|| {
                    let made = entry.metadata().and_then(|m| m.modified());
                    (label, made.unwrap_or(std::time::UNIX_EPOCH), path)
                })
            })
        })
        .collect();
    found.sort_by_key(|(label, made, _)| (*label != "old", std::cmp::Reverse(*made)));
    found
        .into_iter()
        .map(|(label, _, path)| (label, path))
        .collect()
}

/// Cleans up after builds that were killed: if the output folder is missing
/// because a build died mid-swap, its old folder is put back; every other
/// leftover is removed.
fn recover(output_dir: &Path) -> Result<(), Error> {
    let mut missing = fs::symlink_metadata(output_dir).is_err();
    for (label, path) in leftovers(output_dir) {
        if missing && label == "old" {
            fs::rename(&path, output_dir).map_err(write_error(output_dir))?;
            missing = false;
        } else {
            fs::remove_dir_all(&path).map_err(write_error(&path))?;
        }
    }
    Ok(())
}

/// Refuses an output folder that holds files but no marker: something
/// coachbook did not make, which only `force` may replace.
fn check_ours(output_dir: &Path, force: bool) -> Result<(), Error> {
    let metadata = match fs::symlink_metadata(output_dir) {
        Ok(metadata) => metadata,
        Err(_) => return Ok(()),
    };
    if !metadata.is_dir() {
        return Err(Error::UnsafeOutput {
            problem: format!(
                "output folder `{}` exists and is not a folder; coachbook will not replace it",
                output_dir.display()
            ),
        });
    }
    let empty = fs::read_dir(output_dir)
        .map_err(write_error(output_dir))?
        .next()
        .is_none();
    if force || empty || has_marker(output_dir) {
        Ok(())
    } else {
        Err(Error::ForeignOutput {
            path: output_dir.to_path_buf(),
        })
    }
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
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
    /// Makes an empty staging folder (holding only the marker) for
    /// `output_dir`, after cleaning up what killed builds left beside it.
    /// An existing output folder that a build did not make is refused
    /// unless `force`.
    pub fn begin(output_dir: &Path, force: bool) -> Result<Staging, Error> {
        recover(output_dir)?;
        check_ours(output_dir, force)?;
        let dir = sibling(output_dir, "staging");
        fs::create_dir_all(&dir).map_err(write_error(&dir))?;
        let marker = dir.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(write_error(&marker))?;
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
        self.finished_dir()?;
        swap_in(&self.dir, &self.output_dir)?;
        self.committed = true;
        Ok(())
    }

    /// The staging folder once every file is in it, or the first write
    /// that failed, for a build that packages the folder rather than
    /// swapping it in. The folder is still removed when `self` is dropped.
    pub fn finished_dir(&mut self) -> Result<&Path, Error> {
        let failure = self
            .failure
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner);
        match failure.take() {
            Some(error) => Err(error),
            None => Ok(&self.dir),
        }
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
    let staging = Staging::begin(output_dir, false)?;
    files.par_iter().for_each(|file| {
        if !(unchanged(&file.path) && staging.link_unchanged(&file.path)) {
            staging.put(file);
        }
    });
    staging.commit()
}

/// Puts `staging` in the place of `output_dir`. Where the system can swap
/// two folders in one step, there is no moment without an output folder;
/// elsewhere the previous output is kept as an old folder until the new one
/// is in place, so a build killed in between leaves it for the next to put back.
fn swap_in(staging: &Path, output_dir: &Path) -> Result<(), Error> {
    if fs::symlink_metadata(output_dir).is_err() {
        if let Some(parent) = output_dir.parent() {
            fs::create_dir_all(parent).map_err(write_error(parent))?;
        }
        return fs::rename(staging, output_dir).map_err(write_error(output_dir));
    }
    let previous = if exchange(staging, output_dir).is_ok() {
        // The staging folder's name now holds the previous output.
        staging.to_path_buf()
    } else {
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
        old
    };
    fs::remove_dir_all(&previous).map_err(write_error(&previous))
}

/// Swaps two folders in one step (Linux's `renameat2` with `RENAME_EXCHANGE`).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    Ok(renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE)?)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
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
        let staging = Staging::begin(&out, false).unwrap();
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
        let staging = Staging::begin(&out, false).unwrap();
        staging.put(&file("a/index.html", "one"));
        drop(staging);
        assert!(names_in(dir.path()).is_empty());
    }

    #[test]
    fn a_folder_no_build_made_is_refused_unless_forced_and_marked_once_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("mine.txt"), "mine").unwrap();
        let error = write_site(&out, &[file("a.html", "one")]).unwrap_err();
        assert!(matches!(error, Error::ForeignOutput { .. }), "{error}");
        assert!(out.join("mine.txt").is_file());
        let staging = Staging::begin(&out, true).unwrap();
        staging.commit().unwrap();
        assert!(!out.join("mine.txt").exists());
        assert!(out.join(MARKER).is_file());
        write_site(&out, &[file("a.html", "one")]).unwrap();
        assert!(out.join(MARKER).is_file());
    }
}
