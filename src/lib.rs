//! coachbook turns a folder of Markdown coaching guides, question banks and
//! role-play scenarios into a navigable handbook site.
//!
//! The pipeline is `config -> discover -> document -> site -> render -> output`;
//! [`pipeline::Pipeline`] has one method per stage; [`build::run_build`] and
//! the preview call them. Nothing here prints or exits: the binary does.

// Output is the binary's job; the library returns values and diagnostics.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod artifact;
pub mod build;
pub mod config;
pub mod diagnostics;
pub mod discover;
pub mod document;
pub mod exclude;
pub mod exports;
pub mod i18n;
pub mod languages;
pub mod output;
pub mod package;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod sources;
pub mod stop;
pub mod timings;
pub mod typed;
pub mod vocab;
mod xml;

use std::path::PathBuf;

use diagnostics::Diagnostic;

/// The tool failing to continue (as opposed to problems in the handbook, which are diagnostics).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("could not read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no site.toml in {root}")]
    NoConfig { root: PathBuf },
    #[error("site.toml has errors")]
    Config(Vec<Diagnostic>),
    /// The problem names the output folder and the folder it would swallow.
    #[error("{problem}")]
    UnsafeOutput { problem: String },
    #[error("refusing to replace {path}: it is not empty and no coachbook build made it")]
    ForeignOutput { path: PathBuf },
    /// A file of the handbook sits where a package keeps a file of its own.
    #[error("the build has its own `{taken}`, where a SCORM package keeps its files")]
    PackageClash { taken: String },
    #[error("unknown edition `{name}`")]
    UnknownEdition { name: String, known: Vec<String> },
}
