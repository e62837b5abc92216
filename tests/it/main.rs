//! End-to-end tests of the `coachbook` binary: each module builds fixture
//! handbooks (`tests/fixtures/<feature>/<case>/`) in a temporary folder and
//! checks the exit code, the diagnostics on stderr and the pages written.

mod cards;
mod collisions;
mod commands;
mod config;
mod containers;
mod diagnostics;
mod discovery;
mod editions;
mod escaping;
mod exports;
mod fields;
mod filters;
mod front_matter;
mod history;
mod ids;
mod kinds;
mod languages;
mod links;
mod mdbook;
mod migrate;
mod navigation;
mod obsidian;
mod output;
mod package;
mod present;
mod print;
mod review;
mod robustness;
mod scale;
mod schema;
mod scorm;
mod search;
mod serve;
mod sessions;
mod support;
mod templates;
mod tidy;
