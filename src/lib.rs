//! coachbook turns a folder of Markdown coaching guides, question banks and
//! role-play scenarios into a navigable handbook site.
//!
//! The pipeline is `config -> discover -> document -> site -> render -> output`;
//! [`build::run_build`] drives it. Nothing here prints or exits: the binary does.

pub mod config;
pub mod diagnostics;
pub mod discover;
pub mod document;
pub mod slug;
pub mod synth;
pub mod typed;

use std::path::PathBuf;

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
}
