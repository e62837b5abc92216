//! The full-text search index: which entries a build's site holds
//! (`entries.rs`), how their text becomes words and stems (`text.rs`), and
//! how the inverted index is split into script files the browser loads
//! lazily, from a server or from `file://` (`index.rs`). The browser side is
//! `themes/default/static/coachbook-search.js`.
//!
//! Pure: it reads the [`Site`] and returns bytes; `render` puts the files in
//! the output and `serve` rebuilds them from its site after every change. It
//! must never index anything the site of the build does not hold, which is
//! how an edition's index leaves out what the edition leaves out.

mod entries;
mod index;
mod text;

pub use entries::{Entry, EntryKind, build_entries};
pub use index::{FORMAT_VERSION, SearchFile, SearchIndex, build_index};
pub use text::{Analyzer, fold, html_to_text, words};

use crate::site::Site;
use crate::stop::Stop;

/// What the index needs to know besides the site.
#[derive(Debug, Clone, Copy)]
pub struct SearchOptions<'a> {
    /// The handbook's `language` from site.toml: chooses the stemmer.
    pub language: &'a str,
}

/// The search index of `site`: every page, bank question and scenario.
/// Fast enough to run after every edit under `serve` (see ARCHITECTURE.md),
/// which can `stop` it (then `None`).
pub fn build_search_index(
    site: &Site,
    options: &SearchOptions,
    stop: &Stop,
) -> Option<SearchIndex> {
    let mut entries = build_entries(site, stop)?;
    build_index(
        &mut entries,
        &Analyzer::for_language(options.language),
        stop,
    )
}
