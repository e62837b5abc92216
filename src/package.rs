//! Packages: a finished portable build as one zip file beside the output
//! folder (`public.zip` for `public/`), for places that take a file rather
//! than a folder of pages (a file share, Teams, SharePoint, a learning
//! platform), or a SCORM package a learning platform imports and tracks
//! ([`scorm`]).
//!
//! The zip is written to a temporary file beside its final name and renamed
//! into place once complete, so a reader never sees half a package and a
//! failed build leaves the previous one as it was. [`site_files`] and
//! [`write_zip`] are the parts every package format shares: a format that
//! adds files of its own (a manifest, a script) lists the build, adds them,
//! and writes all of it with [`write_zip`].

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::Error;
use crate::output::{Contents, MARKER, OutputFile};

pub mod scorm;

pub use scorm::Course;

/// What `build --package` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageFormat {
    /// The portable site as it is, zipped.
    Zip,
    /// A SCORM 1.2 package.
    Scorm12,
    /// A SCORM 2004 (4th edition) package.
    Scorm2004,
}

impl PackageFormat {
    /// What follows the output folder's name in the package's file name.
    fn suffix(self) -> &'static str {
        match self {
            PackageFormat::Zip => "zip",
            PackageFormat::Scorm12 => "scorm12.zip",
            PackageFormat::Scorm2004 => "scorm2004.zip",
        }
    }
}

/// Where the package of `output_dir` goes: beside it, named after it
/// (`public` → `public.zip`).
pub fn package_path(output_dir: &Path, format: PackageFormat) -> PathBuf {
    let mut name = output_dir
        .file_name()
        .map_or_else(|| "output".into(), ToOwned::to_owned);
    name.push(".");
    name.push(format.suffix());
    output_dir.with_file_name(name)
}

/// Packages the finished build in `build_dir`, the handbook `course`, as
/// `format` beside `output_dir`, and returns the package's path.
pub fn write_package(
    build_dir: &Path,
    output_dir: &Path,
    format: PackageFormat,
    course: &Course,
) -> Result<PathBuf, Error> {
    let mut files = site_files(build_dir)?;
    let path = package_path(output_dir, format);
    let version = match format {
        PackageFormat::Zip => None,
        PackageFormat::Scorm12 => Some(scorm::Version::Scorm12),
        PackageFormat::Scorm2004 => Some(scorm::Version::Scorm2004),
    };
    if let Some(version) = version {
        let names: Vec<String> = files.iter().map(|file| zip_name(&file.path)).collect();
        if let Some(taken) = names.iter().find(|name| scorm::is_reserved(name)) {
            return Err(Error::PackageClash {
                taken: taken.clone(),
            });
        }
        files.extend(scorm::package_files(course, version, &names));
    }
    write_zip(&path, &files)?;
    Ok(path)
}

/// Every file of the build in `dir`, as output files to copy, by path
/// (relative, `/`-separated) in sorted order. The build's marker is no file
/// of the site and is left out.
pub fn site_files(dir: &Path) -> Result<Vec<OutputFile>, Error> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|error| Error::Read {
            path: error.path().unwrap_or(dir).to_path_buf(),
            source: error.into(),
        })?;
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        if entry.file_type().is_dir() || rel == Path::new(MARKER) {
            continue;
        }
        files.push(OutputFile {
            path: rel.to_path_buf(),
            contents: Contents::Copy(entry.path().to_path_buf()),
        });
    }
    Ok(files)
}

/// Writes `files` as a zip at `path`: into a temporary file beside it, then
/// renamed over it, so `path` holds either the previous zip or the whole new
/// one. Entries keep the order given and are dated today.
pub fn write_zip(path: &Path, files: &[OutputFile]) -> Result<(), Error> {
    let name = path
        .file_name()
        .map_or_else(|| "package".into(), |n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let written = File::create(&temp)
        .and_then(|file| fill_zip(BufWriter::new(file), files))
        .and_then(|()| fs::rename(&temp, path));
    written.map_err(|source| {
        // The temporary file is ours alone; a failed package must not leave it behind.
        let _ = fs::remove_file(&temp);
        Error::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}

fn fill_zip(out: BufWriter<File>, files: &[OutputFile]) -> io::Result<()> {
    let mut zip = ZipWriter::new(out);
    let date = zip_date();
    for file in files {
        let name = zip_name(&file.path);
        let options = SimpleFileOptions::default()
            .compression_method(compression(&name))
            .last_modified_time(date)
            .unix_permissions(0o644);
        zip.start_file(name, options)?;
        match &file.contents {
            Contents::Bytes(bytes) => zip.write_all(bytes)?,
            Contents::Embedded(bytes) => zip.write_all(bytes)?,
            Contents::Copy(source) => {
                io::copy(&mut File::open(source)?, &mut zip)?;
            }
        }
    }
    let mut out = zip.finish()?;
    out.flush()?;
    out.into_inner()
        .map_err(io::IntoInnerError::into_error)?
        .sync_all()
}

/// A path inside the zip: relative, parts joined by `/` whatever the system.
fn zip_name(path: &Path) -> String {
    path.components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Files that are compressed already are stored as they are.
fn compression(name: &str) -> CompressionMethod {
    let extension = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    match extension.to_ascii_lowercase().as_str() {
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "avif" | "woff" | "woff2" | "zip" | "gz"
        | "mp3" | "mp4" | "webm" | "pdf" => CompressionMethod::Stored,
        _ => CompressionMethod::Deflated,
    }
}

/// Today, as the date of every entry (a zip holds local dates, to two seconds).
fn zip_date() -> DateTime {
    let today = crate::vocab::Date::today();
    let mut parts = today
        .as_str()
        .split('-')
        .map(|p| p.parse::<u16>().unwrap_or(1));
    let (year, month, day) = (
        parts.next().unwrap_or(1980),
        parts.next().unwrap_or(1),
        parts.next().unwrap_or(1),
    );
    let narrow = |n: u16| u8::try_from(n).unwrap_or(1);
    DateTime::from_date_and_time(year, narrow(month), narrow(day), 0, 0, 0).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_package_sits_beside_the_output_folder_named_after_it() {
        assert_eq!(
            package_path(Path::new("/srv/site/public"), PackageFormat::Zip),
            Path::new("/srv/site/public.zip")
        );
        assert_eq!(
            package_path(Path::new("out.v2"), PackageFormat::Zip),
            Path::new("out.v2.zip")
        );
        assert_eq!(
            package_path(Path::new("public"), PackageFormat::Scorm2004),
            Path::new("public.scorm2004.zip")
        );
    }

    #[test]
    fn compressed_media_is_stored_and_text_deflated() {
        assert_eq!(compression("img/a.PNG"), CompressionMethod::Stored);
        assert_eq!(compression("search/p0.js"), CompressionMethod::Deflated);
        assert_eq!(compression("LICENSE"), CompressionMethod::Deflated);
    }
}
