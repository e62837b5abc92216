//! Everything that spans documents: the section tree and reading order, links
//! and anchors checked and rewritten, question references both ways, related
//! pages, taxonomies, and site-wide warnings.
//!
//! Pure: no file-system I/O. Pages are referred to by [`PageId`], an index
//! into [`Site::pages`]; the home page is always `PageId(0)`.

mod folders;
mod gathered;
mod links;
mod order;
pub mod summary;
mod taxonomy;
pub mod translations;
mod tree;
mod update;
pub mod urls;
mod wiki;

use std::collections::{HashMap, HashSet};

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::document::{Document, Kind};
use crate::sources::OtherFile;
pub use gathered::{Gathered, GatheredItem, gathered_items, has_items};
pub use taxonomy::{Taxonomy, Term};
pub use update::{replace_document, retitle_page};
pub use urls::Linker;

/// Index of a page in [`Site::pages`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageId(pub usize);

/// What a page is in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Section,
    Content,
}

/// A reference from a scenario's debrief to a bank question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuestionRef {
    pub bank: PageId,
    pub question: usize,
}

/// What part of a bank an agenda row asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankPart {
    Whole,
    /// The questions of one stage, by its name.
    Stage(String),
    /// One question, by its index in the bank.
    Question(usize),
}

/// What one agenda row of a session points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaRefs {
    pub guide: Option<PageId>,
    pub scenario: Option<PageId>,
    pub questions: Option<(PageId, BankPart)>,
}

impl AgendaRefs {
    /// The pages the row uses, in the order the run-sheet shows them.
    pub fn pages(&self) -> impl Iterator<Item = PageId> + '_ {
        [
            self.guide,
            self.questions.as_ref().map(|(bank, _)| *bank),
            self.scenario,
        ]
        .into_iter()
        .flatten()
    }
}

/// Where a link in a document points, as a site URL; made relative when rendered,
/// because one document's HTML may appear at several URLs (a scenario and its role cards).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Page {
        url: String,
        anchor: Option<String>,
    },
    File(String),
    SamePage(String),
    /// A page of the default language, linked from a translation that has
    /// no translation of it: `url` from the site root, marked with its language.
    Fallback {
        url: String,
        anchor: Option<String>,
        language: String,
    },
}

impl Target {
    /// The href of this target from the page at site URL `from`.
    pub fn href(&self, linker: &Linker, from: &str) -> String {
        match self {
            Target::Page { url, anchor } => {
                let mut href = linker.page(from, url);
                if let Some(anchor) = anchor {
                    href.push('#');
                    href.push_str(anchor);
                }
                href
            }
            Target::File(url) => linker.file(from, url),
            Target::SamePage(anchor) => format!("#{anchor}"),
            Target::Fallback { url, anchor, .. } => {
                let mut href = linker.other_language(from, url);
                if let Some(anchor) = anchor {
                    href.push('#');
                    href.push_str(anchor);
                }
                href
            }
        }
    }
}

/// One page of the site, with everything resolved.
#[derive(Debug, Clone)]
pub struct Page {
    pub id: PageId,
    pub kind: PageKind,
    /// Site-relative URL: `""` for home, `guides/partnering/` otherwise.
    pub url: String,
    pub title: String,
    pub weight: i64,
    /// The page's document; `None` for a home or section page without `_index.md`.
    pub document: Option<Document>,
    pub parent: Option<PageId>,
    /// Children in reading order (sections only).
    pub children: Vec<PageId>,
    pub depth: usize,
    /// Where each of the document's links points, by link index (`None`: broken, reported).
    pub link_targets: Vec<Option<Target>>,
    pub related: Vec<PageId>,
    /// For each debrief item of a scenario, the question it refers to.
    pub debrief_refs: Vec<Option<QuestionRef>>,
    /// For each question of a bank, the scenarios that use it.
    pub used_in: Vec<Vec<PageId>>,
    /// For each agenda row of a session, what it points at.
    pub agenda_refs: Vec<AgendaRefs>,
    /// A session's pre-work pages.
    pub pre_work: Vec<PageId>,
    /// The sessions whose agenda uses this page.
    pub used_in_sessions: Vec<PageId>,
    pub prev: Option<PageId>,
    pub next: Option<PageId>,
    /// A part heading `SUMMARY.md` shows above this page in the sidebar.
    pub part: Option<String>,
    /// Past its `review_by` date.
    pub review_due: bool,
}

impl Page {
    fn new(
        id: PageId,
        kind: PageKind,
        url: String,
        title: String,
        weight: i64,
        document: Option<Document>,
    ) -> Self {
        Page {
            id,
            kind,
            url,
            title,
            weight,
            document,
            parent: None,
            children: Vec::new(),
            depth: 0,
            link_targets: Vec::new(),
            related: Vec::new(),
            debrief_refs: Vec::new(),
            used_in: Vec::new(),
            agenda_refs: Vec::new(),
            pre_work: Vec::new(),
            used_in_sessions: Vec::new(),
            prev: None,
            next: None,
            part: None,
            review_due: false,
        }
    }

    /// The content kind, for content pages.
    pub fn content_kind(&self) -> Option<Kind> {
        match self.kind {
            PageKind::Content => self.document.as_ref().map(|d| d.front.kind),
            _ => None,
        }
    }
}

/// The whole handbook, ready to render.
#[derive(Debug)]
pub struct Site {
    pub pages: Vec<Page>,
    pub reading_order: Vec<PageId>,
    pub taxonomies: Vec<Taxonomy>,
    /// Assets under content/ and the site path each is written to.
    pub assets: Vec<(OtherFile, String)>,
    /// What else links may point at (static files, pages that failed to parse).
    pub known: KnownFiles,
    /// Whether this edition holds facilitator material (the presenter
    /// window and the `facilitator/` page exist only then).
    pub facilitator_material: bool,
    /// Content path → page, as links are resolved (a file that lost its
    /// folder to another leads to that folder's page).
    pub by_path: HashMap<String, PageId>,
}

impl Site {
    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.0]
    }

    /// Drops the source text of every document. Only the site stage's
    /// diagnostics quote it, so a build lets it go before rendering rather
    /// than carry every page's source twice (as source and as HTML).
    pub fn drop_sources(&mut self) {
        for document in self.pages.iter_mut().filter_map(|p| p.document.as_mut()) {
            document.text = String::new();
        }
    }

    /// The chain from the home page down to `id`, both included.
    pub fn ancestors(&self, id: PageId) -> Vec<PageId> {
        let mut chain: Vec<PageId> =
            std::iter::successors(Some(id), |p| self.pages[p.0].parent).collect();
        chain.reverse();
        chain
    }
}

/// What links may point at besides the site's pages and assets.
#[derive(Debug, Clone, Default)]
pub struct KnownFiles {
    /// Site paths of the site's `static/` files.
    pub static_files: HashSet<String>,
    /// Content paths of pages that failed to parse. Their own error is the
    /// one mistake, so links to them are not reported.
    pub failed: HashSet<String>,
    /// Whether a broken link or anchor is an error or, while migrating, a warning.
    pub broken_links: crate::config::BrokenLinks,
}

/// What the site stage needs besides documents.
pub struct SiteInput<'a> {
    pub documents: Vec<Document>,
    pub assets: Vec<OtherFile>,
    pub site_title: &'a str,
    /// Taxonomy name → label.
    pub taxonomies: &'a std::collections::BTreeMap<String, String>,
    /// Today, to find pages past their `review_by` date.
    pub today: crate::document::Date,
    /// Pages the build leaves out (drafts, other editions): content path → why.
    /// Links to them keep their text without the link, with a warning.
    pub omitted: std::collections::HashMap<String, String>,
    /// Static files and pages that failed to parse.
    pub known: KnownFiles,
    /// `content/SUMMARY.md`, when the handbook has one.
    pub summary: Option<&'a summary::Summary>,
    /// Whether the edition keeps facilitator material.
    pub facilitator_material: bool,
    /// For a translation: the default language's site and code, where links
    /// to pages this language has no translation of lead.
    pub fallback: Option<(&'a Site, &'a str)>,
}

/// Content path → page, for every page with a document.
pub(crate) fn document_paths(pages: &[Page]) -> std::collections::HashMap<String, PageId> {
    pages
        .iter()
        .filter_map(|page| Some((page.document.as_ref()?.rel.clone(), page.id)))
        .collect()
}

/// Content path → site path of every asset the site places.
pub(crate) fn asset_urls(site: &Site) -> std::collections::HashMap<&str, &str> {
    site.assets
        .iter()
        .map(|(file, url)| (file.rel.as_str(), url.as_str()))
        .collect()
}

/// Connects documents into a site, reporting broken links and references.
pub fn build_site(input: SiteInput) -> (Site, Vec<Diagnostic>) {
    let elsewhere = |rel: &str| input.omitted.contains_key(rel) || input.known.failed.contains(rel);
    let (tree, mut diagnostics) = tree::build_tree(
        input.documents,
        input
            .summary
            .map(|s| (s, &elsewhere as &dyn Fn(&str) -> bool)),
    );
    let mut pages = tree.pages;
    if pages[0].title.is_empty() {
        pages[0].title = input.site_title.to_string();
    }
    let assets = links::place_assets(&pages, input.assets);
    let asset_paths: HashSet<&str> = assets.iter().map(|(file, _)| file.rel.as_str()).collect();
    let resolver = links::Resolver::new(
        &pages,
        &tree.by_path,
        assets
            .iter()
            .filter(|(file, _)| asset_paths.contains(file.rel.as_str()))
            .map(|(file, url)| (file.rel.as_str(), url.as_str()))
            .collect(),
        &input.known,
        &input.omitted,
        "",
    );
    let no_omissions = std::collections::HashMap::new();
    let fallback_paths = input.fallback.map(|(site, _)| document_paths(&site.pages));
    let fallback = input
        .fallback
        .zip(fallback_paths.as_ref())
        .map(|((site, language), paths)| {
            links::Resolver::new(
                &site.pages,
                paths,
                asset_urls(site),
                &site.known,
                &no_omissions,
                language,
            )
        });
    let resolver = match &fallback {
        Some(fallback) => resolver.with_fallback(fallback),
        None => resolver,
    };
    let resolved = resolver.resolve_all(&mut diagnostics);
    for (page, resolution) in pages.iter_mut().zip(resolved) {
        page.link_targets = resolution.link_targets;
        page.related = resolution.related;
        page.debrief_refs = resolution.debrief_refs;
        page.agenda_refs = resolution.agenda_refs;
        page.pre_work = resolution.pre_work;
    }
    links::fill_used_in(&mut pages);
    links::fill_used_in_sessions(&mut pages);
    order::link_neighbours(&mut pages, &tree.reading_order);
    for page in &mut pages {
        page.review_due = page
            .document
            .as_ref()
            .and_then(|d| d.front.review_by.as_ref())
            .is_some_and(|review_by| review_by.value < input.today);
    }
    diagnostics.extend(warnings(&pages));
    let taxonomies = taxonomy::build_taxonomies(&pages, input.taxonomies);
    let site = Site {
        pages,
        reading_order: tree
            .reading_order
            .into_iter()
            .chain(tree.unlisted)
            .collect(),
        taxonomies,
        assets,
        known: input.known,
        facilitator_material: input.facilitator_material,
        by_path: tree.by_path,
    };
    (site, diagnostics)
}

/// Problems that do not stop a build: empty sections, pages without a summary.
fn warnings(pages: &[Page]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for page in pages {
        // A page whose front matter failed has its error; it is not judged further.
        let Some(document) = page.document.as_ref().filter(|d| !d.failed) else {
            continue;
        };
        if page.kind == PageKind::Section && page.children.is_empty() {
            warnings.push(
                Diagnostic::file(
                    Code::EmptySection,
                    Severity::Warning,
                    &document.display,
                    "this section has no pages",
                )
                .with_help("add a page to the folder, or remove the folder"),
            );
        }
        if page.kind == PageKind::Content && document.front.summary.is_none() {
            warnings.push(
                Diagnostic::at_line(
                    Code::MissingSummary,
                    Severity::Warning,
                    &document.display,
                    &document.text,
                    1,
                    "page has no `summary`",
                )
                .with_help(
                    "add `summary:` with a sentence or two; it is shown in listings and search",
                ),
            );
        }
        if let Some(review_by) = document
            .front
            .review_by
            .as_ref()
            .filter(|_| page.review_due)
        {
            let owner = document.front.owner.as_deref().unwrap_or("its owner");
            warnings.push(
                Diagnostic::at(
                    Code::ReviewDue,
                    Severity::Warning,
                    &document.display,
                    &document.text,
                    review_by.offset,
                    format!("page is due for review since {}", review_by.value.as_str()),
                )
                .with_help(format!(
                    "ask {owner} to check the page, then move `review_by` to the next review date"
                )),
            );
        }
    }
    warnings
}
