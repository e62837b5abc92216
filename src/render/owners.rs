//! Every output path has one owner. A generated output (a taxonomy page,
//! the print page, a role card, a scenario's cards page, a session's pack or
//! handout, a presentation and its presenter window, a gathered page, the
//! 404 page, the sitemap, anything under `search/` or `exports/`), a page
//! from a Markdown file, and a copied file (an asset under `content/`, a
//! static file) must never land on one path: whichever wrote last would win,
//! and the build writes in parallel.
//!
//! Pure: it compares the paths the render will write, taken from the same
//! job list that renders them, with the authored ones. Two pages on one URL
//! are the section tree's to report; everything else is reported here, at
//! the authored file's first line, naming both owners.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{Job, job_origin, jobs};
use crate::config::CONFIG_FILE;
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::site::{PageId, Site};

/// Folders that only the build writes to, whatever their files are called
/// (the search index's shards change with the handbook), and what they hold.
const GENERATED_FOLDERS: [(&str, &str); 2] = [
    ("search/", "the search index (`search/`)"),
    ("exports/", "the exports (`exports/`)"),
];

/// Who writes an output path, named only when it collides: a 10,000-page
/// handbook has some 30,000 outputs and no collision.
#[derive(Clone, Copy)]
enum Owner<'a> {
    /// Made by the build from a job: derived from a page (a role card, a
    /// presentation) when the job has a page of its own.
    Job(Job),
    /// A folder only the build writes to; the text says what it holds.
    Reserved(&'static str),
    Sitemap,
    /// A page, reported at its Markdown file (none for the home page of a
    /// handbook without pages).
    Page(PageId),
    /// A file copied as it is: an asset or a static file, as the author sees it.
    Copied(&'a Path),
}

impl Owner<'_> {
    fn name(&self, site: &Site) -> String {
        match *self {
            Owner::Job(job) => describe(site, &job),
            Owner::Reserved(what) => what.into(),
            Owner::Sitemap => "the sitemap".into(),
            Owner::Page(id) => page_name(site, id),
            Owner::Copied(shown) => shown.display().to_string(),
        }
    }

    /// The authored file a collision is reported at (`None` for a generated output).
    fn file<'s>(&self, site: &'s Site) -> Option<&'s Path>
    where
        Self: 's,
    {
        match *self {
            Owner::Job(_) | Owner::Reserved(_) | Owner::Sitemap => None,
            // A folder without `_index.md` is a section because of the files in it.
            Owner::Page(id) => first_file_below(site, id),
            Owner::Copied(shown) => Some(shown),
        }
    }

    /// Whether the build makes this output on its own, from no page.
    fn is_generated(&self) -> bool {
        match self {
            Owner::Job(job) => job.own_page().is_none(),
            Owner::Reserved(_) | Owner::Sitemap => true,
            Owner::Page(_) | Owner::Copied(_) => false,
        }
    }
}

/// An error for every output path that two owners would write. `copied`
/// holds each copied file's output path and its path as the author sees it;
/// `sitemap` the paths of the sitemap's files (none when the build writes
/// no sitemap, see `render::sitemap_paths`).
pub fn output_collisions(
    site: &Site,
    copied: &[(String, PathBuf)],
    sitemap: &[String],
) -> Vec<Diagnostic> {
    let mut owners: Vec<(String, Owner)> = generated_outputs(site, sitemap);
    owners.extend(
        site.pages
            .iter()
            .map(|page| (format!("{}index.html", page.url), Owner::Page(page.id))),
    );
    owners.extend(
        copied
            .iter()
            .map(|(path, shown)| (path.clone(), Owner::Copied(shown))),
    );
    let mut first_owner: HashMap<&str, Owner> = HashMap::with_capacity(owners.len());
    // A taxonomy on a generated folder collides on its index and on every
    // term page: one error in site.toml per folder is enough.
    let mut taxonomy_folders: HashSet<&str> = HashSet::new();
    let mut diagnostics = Vec::new();
    // Outputs of two jobs made from one page (or from pages on one URL).
    let same_page = |a: &Owner, b: &Owner| match (a, b) {
        (Owner::Job(a), Owner::Job(b)) => a
            .own_page()
            .zip(b.own_page())
            .is_some_and(|(a, b)| site.page(a).url == site.page(b).url),
        _ => false,
    };
    for (path, owner) in &owners {
        let reserved = GENERATED_FOLDERS
            .iter()
            .find(|(folder, _)| path.starts_with(folder))
            .map(|(_, what)| Owner::Reserved(what));
        let Some(first) = first_owner.get(path.as_str()).copied().or(reserved) else {
            first_owner.insert(path, *owner);
            continue;
        };
        match (first, owner) {
            // Two pages on one URL are reported by the section tree, and
            // so the outputs made from them are not reported again.
            (Owner::Page(_), Owner::Page(_)) => {}
            (a, b) if same_page(&a, b) => {}
            (a, b)
                if a.is_generated()
                    && b.is_generated()
                    && !taxonomy_folders.insert(path.split('/').next().unwrap_or(path)) => {}
            _ => diagnostics.push(collision(site, path, &first, owner)),
        }
    }
    diagnostics
}

/// The error for `path`, written by `first` and then `second`, at the
/// authored one. Two generated outputs meet only when a taxonomy is named
/// like another generated folder (`print`, `search`), so that error is
/// reported at `site.toml`.
fn collision(site: &Site, path: &str, first: &Owner, second: &Owner) -> Diagnostic {
    let message = format!(
        "`{path}` would be written twice: by {} and by {}",
        first.name(site),
        second.name(site)
    );
    let Some(at) = second.file(site).or_else(|| first.file(site)) else {
        return Diagnostic::file(
            Code::OutputCollision,
            Severity::Error,
            Path::new(CONFIG_FILE),
            message,
        )
        .with_help("a taxonomy's name is its folder: rename it in `[taxonomies]`");
    };
    let help = match first {
        Owner::Job(_) | Owner::Reserved(_) | Owner::Sitemap => format!(
            "rename or move {} (or give the page another `slug`): the build makes `{path}` itself",
            at.display()
        ),
        Owner::Page(_) | Owner::Copied(_) => "rename or move one of the two files".into(),
    };
    Diagnostic::file(Code::OutputCollision, Severity::Error, at, message).with_help(help)
}

/// Every output the build makes on its own, from the render's job list.
fn generated_outputs(site: &Site, sitemap: &[String]) -> Vec<(String, Owner<'static>)> {
    let mut outputs: Vec<(String, Owner)> = jobs(site)
        .into_iter()
        .filter(|job| !matches!(job, Job::Page(_)))
        .map(|job| {
            let path = job_origin(site, &job).map_or_else(
                || "404.html".to_string(),
                |(_, url, _)| format!("{url}index.html"),
            );
            (path, Owner::Job(job))
        })
        .collect();
    outputs.extend(sitemap.iter().map(|path| (path.clone(), Owner::Sitemap)));
    outputs
}

/// What a generated job makes, for messages.
fn describe(site: &Site, job: &Job) -> String {
    match *job {
        // The message names the card's path already.
        Job::RoleCard(id, _) => format!("a role card of {}", page_name(site, id)),
        Job::Cards(id) => format!("the cards of {}", page_name(site, id)),
        Job::Taxonomy(t) => format!("the index of {}", site.taxonomies[t].label),
        Job::Term(t, i, _) => {
            let taxonomy = &site.taxonomies[t];
            format!(
                "the {} page of “{}”",
                taxonomy.label.to_lowercase(),
                taxonomy.terms[i].name
            )
        }
        Job::Print(PageId(0), _) => "the print page".into(),
        Job::Print(section, _) => format!("the print page of {}", page_name(site, section)),
        Job::Present(id) => format!("the presentation of {}", page_name(site, id)),
        Job::Presenter(id) => format!("the presenter window of {}", page_name(site, id)),
        Job::Gathered(kind, part) => {
            format!(
                "the gathered page `{}`",
                super::gathered::part_url(kind, part)
            )
        }
        Job::SessionPack(id) => format!("the facilitator pack of {}", page_name(site, id)),
        Job::SessionHandout(id) => format!("the handout of {}", page_name(site, id)),
        Job::NotFound => "the 404 page".into(),
        Job::Page(id) => page_name(site, id),
    }
}

/// How messages name page `id`: its file, or the folder it was made for.
fn page_name(site: &Site, id: PageId) -> String {
    let page = site.page(id);
    match (&page.document, first_file_below(site, id)) {
        (Some(document), _) => document.display.display().to_string(),
        (None, _) if page.url.is_empty() => "the home page".into(),
        (None, Some(file)) => format!(
            "the section page `{}` of the folder holding {}",
            page.url,
            file.display()
        ),
        (None, None) => format!("the section page `{}`", page.url),
    }
}

/// The first Markdown file in the folder of section `id`, at any depth.
fn first_file_below(site: &Site, id: PageId) -> Option<&Path> {
    let mut stack = vec![id];
    while let Some(id) = stack.pop() {
        let page = site.page(id);
        if let Some(document) = &page.document {
            return Some(&document.display);
        }
        stack.extend(page.children.iter().rev());
    }
    None
}
