//! The only writer: every output file goes into a staging folder beside
//! `output_dir`, which replaces `output_dir` only once everything was written.
//!
//! A failed build therefore leaves the previous output untouched, and nothing
//! outside `output_dir` and our own staging folders is ever deleted.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

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

/// Writes `files` into `output_dir`, atomically replacing what was there.
pub fn write_site(output_dir: &Path, files: &[OutputFile]) -> Result<(), Error> {
    write_site_reusing(output_dir, files, &|_| false)
}

/// Like [`write_site`], but a file for which `unchanged` holds is hard-linked
/// from the current output folder instead of written (and written if that
/// fails). `watch` uses it so a one-page edit does not rewrite the handbook;
/// the new folder still replaces the old one only once it is complete.
pub fn write_site_reusing(
    output_dir: &Path,
    files: &[OutputFile],
    unchanged: &(dyn Fn(&Path) -> bool + Sync),
) -> Result<(), Error> {
    if output_dir.exists() && !output_dir.is_dir() {
        return Err(Error::Write {
            path: output_dir.to_path_buf(),
            source: std::io::Error::other("exists and is not a folder; refusing to replace it"),
        });
    }
    let staging = sibling(output_dir, "staging");
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(write_error(&staging))?;
    }
    let written = write_tree(&staging, files, output_dir, unchanged)
        .and_then(|()| swap_in(&staging, output_dir));
    if written.is_err() && staging.exists() {
        // The staging folder is ours alone; a failed build must not leave it behind.
        let _ = fs::remove_dir_all(&staging);
    }
    written
}

fn write_tree(
    staging: &Path,
    files: &[OutputFile],
    previous: &Path,
    unchanged: &(dyn Fn(&Path) -> bool + Sync),
) -> Result<(), Error> {
    fs::create_dir_all(staging).map_err(write_error(staging))?;
    let folders: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|file| file.path.parent().map(|p| staging.join(p)))
        .collect();
    for folder in &folders {
        fs::create_dir_all(folder).map_err(write_error(folder))?;
    }
    files.par_iter().try_for_each(|file| {
        let target = staging.join(&file.path);
        if unchanged(&file.path) && fs::hard_link(previous.join(&file.path), &target).is_ok() {
            return Ok(());
        }
        match &file.contents {
            Contents::Bytes(bytes) => fs::write(&target, bytes),
            Contents::Embedded(bytes) => fs::write(&target, bytes),
            Contents::Copy(source) => fs::copy(source, &target).map(|_| ()),
        }
        .map_err(write_error(&target))
    })
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
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec!["public"]);
    }
}
