//! Site + theme → output files (path → bytes), rendered in parallel.
//!
//! Templates are parsed once per build and shared read-only across threads;
//! each page gets a view built for its own URL. Nothing here touches the disk:
//! static files to copy are returned as paths for `output` to copy.

mod fingerprint;
mod nav;
mod owners;
mod print;
pub mod theme;
mod views;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::artifact::{Contents, OutputFile, Sink};
use crate::diagnostics::Diagnostic;
use crate::site::urls::{base_with_slash, listing_part_url, role_card_url, section_print_url};
use crate::site::{Linker, PageId, Site};
use nav::Link;
pub use owners::output_collisions;
use print::PrintPlan;
pub use theme::{Template, Templates};
pub use views::SiteView;
use views::{Context, PageView, PrintAnchors, ViewBuilder};

/// What rendering needs besides the site.
pub struct RenderOptions<'a> {
    pub site: SiteView,
    pub base_url: &'a str,
    pub linker: Linker,
}

/// One output rendered from a template and a view: which template, at which URL, with which view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Page(PageId),
    RoleCard(PageId, usize),
    Taxonomy(usize),
    /// Part `.2` of the page of term `.1` of taxonomy `.0`: a term with more
    /// than [`TERM_PAGE_CARDS`] pages lists them over several pages.
    Term(usize, usize, usize),
    /// The pages of a section (the home page: the whole handbook, or its
    /// pages outside sections printed on their own) on one page, for
    /// printing or saving as PDF.
    Print(PageId, usize),
    NotFound,
}

impl Job {
    /// Whether this output shows the Markdown body of page `id`, so that an
    /// edit of that body alone must render it again (`serve` relies on this).
    pub fn shows_body_of(&self, id: PageId) -> bool {
        match *self {
            Job::Page(page) | Job::RoleCard(page, _) => page == id,
            Job::Print(..) => true,
            Job::Taxonomy(_) | Job::Term(..) | Job::NotFound => false,
        }
    }
}

/// One rendered job: where it goes, a fingerprint of the template and view it
/// came from, and its bytes (`None` when the fingerprint showed that the
/// output already holds them).
#[derive(Debug)]
pub struct Rendered {
    pub path: PathBuf,
    pub fingerprint: u64,
    pub bytes: Option<Vec<u8>>,
}

/// Which jobs [`render_jobs`] may skip.
#[derive(Clone, Copy)]
pub enum Reuse<'a> {
    /// Render every job and compute no fingerprints (a plain build).
    Nothing,
    /// Fingerprint every job's view, and skip those whose output path already
    /// has that fingerprint according to the function.
    Fingerprints(&'a (dyn Fn(&Path) -> Option<u64> + Sync)),
}

/// The most pages one term page lists; a term with more lists them over
/// several pages (`tags/x/`, `tags/x/2/`, …), so no term page grows with the
/// handbook.
pub const TERM_PAGE_CARDS: usize = 500;

/// How many pages the page of `term` takes.
fn term_parts(term: &crate::site::Term) -> usize {
    term.pages.len().div_ceil(TERM_PAGE_CARDS).max(1)
}

/// What `page.entries_slot` holds on the print page: the printed pages
/// replace it in the rendered page.
const PRINT_SLOT: &str = "<!-- coachbook: the printed pages go here -->";

/// Every template job of `site`: the print pages (first, because they are
/// the largest, so the other jobs run beside them rather than after them),
/// pages in reading order, role cards (in editions that have the briefs),
/// taxonomy and term pages, and the 404 page.
pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs: Vec<Job> = PrintPlan::new(site)
        .parts
        .iter()
        .map(|part| Job::Print(part.section, part.chunk))
        .collect();
    jobs.extend(site.reading_order.iter().map(|&id| Job::Page(id)));
    for page in &site.pages {
        if let Some(document) = &page.document {
            let cards = document.scenario_html.briefs.len();
            jobs.extend((0..cards).map(|i| Job::RoleCard(page.id, i)));
        }
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        jobs.push(Job::Taxonomy(t));
        for (i, term) in taxonomy.terms.iter().enumerate() {
            jobs.extend((0..term_parts(term)).map(|part| Job::Term(t, i, part)));
        }
    }
    jobs.push(Job::NotFound);
    jobs
}

/// Renders every page of `site` into `sink`, each file as soon as it is made.
/// Returns the paths of the files and the template errors.
pub fn render_site(
    site: &Site,
    templates: &Templates,
    options: &RenderOptions,
    sink: &dyn Sink,
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let jobs = jobs(site);
    let shared = Shared::new(site, options, &jobs);
    let results: Vec<Result<PathBuf, Box<Diagnostic>>> = jobs
        .par_iter()
        .map(|job| {
            let rendered = render_job(job, site, templates, options, &shared, Reuse::Nothing)?;
            let file = OutputFile {
                path: rendered.path,
                contents: Contents::Bytes(rendered.bytes.unwrap_or_default()),
            };
            sink.put(&file);
            Ok(file.path)
        })
        .collect();
    split_results(results)
}

/// Renders `jobs` in parallel, skipping what `reuse` allows. Returns what was
/// rendered, in the order of `jobs`, and the template errors.
pub fn render_jobs(
    site: &Site,
    templates: &Templates,
    options: &RenderOptions,
    jobs: &[Job],
    reuse: Reuse,
) -> (Vec<Rendered>, Vec<Diagnostic>) {
    let shared = Shared::new(site, options, jobs);
    let results: Vec<Result<Rendered, Box<Diagnostic>>> = jobs
        .par_iter()
        .map(|job| render_job(job, site, templates, options, &shared, reuse))
        .collect();
    split_results(results)
}

/// The jobs' outputs, in order, and their template errors.
fn split_results<T>(results: Vec<Result<T, Box<Diagnostic>>>) -> (Vec<T>, Vec<Diagnostic>) {
    let mut outputs = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(output) => outputs.push(output),
            Err(error) => errors.push(*error),
        }
    }
    (outputs, errors)
}

/// What every job of one render shares, built once.
struct Shared<'a> {
    builder: ViewBuilder<'a>,
    print: PrintPlan,
    sidebars: nav::Sidebars,
    /// The template value of `site`.
    site: tera::Value,
}

impl<'a> Shared<'a> {
    fn new(site: &'a Site, options: &RenderOptions, jobs: &[Job]) -> Shared<'a> {
        let keys: Vec<nav::SidebarKey> = jobs
            .par_iter()
            .filter_map(|job| job_origin(site, job))
            .map(|(place, from, _)| nav::SidebarKey::new(site, place, &from))
            .collect();
        Shared {
            builder: ViewBuilder {
                site,
                linker: options.linker,
                print: None,
            },
            print: PrintPlan::new(site),
            sidebars: nav::Sidebars::build(site, &options.linker, keys),
            site: tera::Value::from_serializable(&options.site),
        }
    }
}

/// Where job `job` is in the tree: the page whose place its navigation shows,
/// its site URL, and whether it is that page itself. `None` for the 404
/// page, which has no place.
fn job_origin(site: &Site, job: &Job) -> Option<(PageId, String, bool)> {
    Some(match *job {
        Job::Page(id) => (id, site.page(id).url.clone(), true),
        Job::RoleCard(id, index) => {
            let page = site.page(id);
            let role_id = page
                .document
                .as_ref()
                .and_then(|d| d.front.scenario.as_ref())
                .map_or("", |scenario| scenario.roles[index].id.as_str());
            (id, role_card_url(&page.url, role_id), false)
        }
        Job::Taxonomy(t) => (PageId(0), site.taxonomies[t].url.clone(), false),
        Job::Term(t, i, part) => (
            PageId(0),
            listing_part_url(&site.taxonomies[t].terms[i].url, part),
            false,
        ),
        Job::Print(section, chunk) => (
            section,
            listing_part_url(&section_print_url(&site.page(section).url), chunk),
            false,
        ),
        Job::NotFound => return None,
    })
}

fn render_job(
    job: &Job,
    site: &Site,
    templates: &Templates,
    options: &RenderOptions,
    shared: &Shared,
    reuse: Reuse,
) -> Result<Rendered, Box<Diagnostic>> {
    let linker = &options.linker;
    let builder = &shared.builder;
    let Some((place, url, is_page_itself)) = job_origin(site, job) else {
        let context = not_found_context(site, options, shared);
        return render_reusing(
            templates,
            Template::NotFound,
            context,
            &shared.site,
            "404.html".into(),
            reuse,
        );
    };
    let from = url.as_str();
    let (template, page) = match *job {
        Job::Page(id) => (Template::of_page(site.page(id)), builder.page_view(id)),
        Job::RoleCard(id, index) => (Template::RoleCard, builder.role_card_view(id, index, from)),
        Job::Taxonomy(t) => (Template::Taxonomy, builder.taxonomy_view(t, from)),
        Job::Term(t, i, part) => (Template::Term, builder.term_view(t, i, part, from)),
        Job::Print(section, chunk) => (
            Template::Print,
            print_view(
                site,
                templates,
                linker,
                &shared.print,
                (section, chunk),
                from,
            )?,
        ),
        Job::NotFound => unreachable!("the 404 page has no origin"),
    };
    let nav = nav::build_nav(site, linker, &shared.sidebars, place, from, is_page_itself);
    let context = Context {
        site: &options.site,
        root: linker.root(from),
        nav,
        page,
    };
    render_reusing(
        templates,
        template,
        context,
        &shared.site,
        format!("{url}index.html"),
        reuse,
    )
}

/// The view of the print page of `section`, at site URL `from`.
fn print_view(
    site: &Site,
    templates: &Templates,
    linker: &Linker,
    plan: &PrintPlan,
    (section, chunk): (PageId, usize),
    from: &str,
) -> Result<PageView, Box<Diagnostic>> {
    let here = plan
        .part_of_section(section, chunk)
        .expect("a print job is listed from the plan");
    let printer = ViewBuilder {
        site,
        linker: *linker,
        print: Some(PrintAnchors { plan, here }),
    };
    let ids: Vec<PageId> = plan.entries(site, here).collect();
    let entries = ids
        .par_iter()
        .map(|&id| render_print_entry(templates, printer.print_entry(id, from)))
        .collect::<Result<_, _>>()?;
    let part_title = |part: &print::PrintPart| {
        let title = match part.section {
            PageId(0) => "The whole handbook".to_string(),
            section => site.page(section).title.clone(),
        };
        match part.chunk {
            0 => title,
            chunk => format!("{title}, part {}", chunk + 1),
        }
    };
    let part_link = |part: &print::PrintPart| Link {
        title: part_title(part),
        href: linker.page(from, &part.url),
    };
    let sections = plan.parts[here]
        .parts
        .iter()
        .filter_map(|&s| plan.part_of_section(s, 0));
    let more = if chunk == 0 {
        plan.more_chunks(here).collect()
    } else {
        Vec::new()
    };
    let print_parts = more
        .into_iter()
        .chain(sections)
        .map(|i| part_link(&plan.parts[i]))
        .collect();
    let summary = if (section, chunk) == (PageId(0), 0) {
        "Every page in reading order, to print or save as PDF from the browser."
    } else {
        "Every page of this section in reading order, to print or save as PDF from the browser."
    };
    let title = part_title(&plan.parts[here]);
    let print_up = plan.parts[here].up.map(|up| part_link(&plan.parts[up]));
    Ok(PageView {
        title,
        kind: "print",
        kind_label: "print",
        summary: Some(summary.into()),
        entries,
        print_parts,
        print_up,
        ..PageView::default()
    })
}

/// Renders one page of the print page with `partials/print_entry.html`, so
/// the pages of a large handbook render in parallel, not in one template run.
fn render_print_entry(
    templates: &Templates,
    entry: views::PrintEntry,
) -> Result<views::PrintedEntry, Box<Diagnostic>> {
    let mut values = tera::Context::new();
    values.insert("entry", &entry);
    let html = templates
        .tera
        .render(Template::PrintEntry.file_name(), &values)
        .map_err(|e| templates.diagnostic(&e))?;
    Ok(views::PrintedEntry {
        anchor: entry.anchor,
        depth: entry.depth,
        title: entry.page.title,
        html,
    })
}

/// The context of the 404 page. A server shows it at any depth, so its links
/// start from `base_url`. A portable build is opened from disk, where only
/// relative links work, and its 404 page is only ever opened as itself.
fn not_found_context<'a>(site: &Site, options: &'a RenderOptions, shared: &Shared) -> Context<'a> {
    let linker = &options.linker;
    let mut nav = nav::build_nav(site, linker, &shared.sidebars, PageId(0), "", false);
    let root = if linker.portable {
        linker.root("")
    } else {
        nav.absolutize(&base_with_slash(options.base_url));
        options.base_url.to_string()
    };
    Context {
        site: &options.site,
        root,
        nav,
        page: PageView {
            title: "Page not found".into(),
            kind: "not-found",
            kind_label: "error",
            ..PageView::default()
        },
    }
}

/// Renders `context` unless `reuse` shows that `path` already holds its output.
fn render_reusing(
    templates: &Templates,
    template: Template,
    mut context: Context,
    site_value: &tera::Value,
    path: String,
    reuse: Reuse,
) -> Result<Rendered, Box<Diagnostic>> {
    let path = PathBuf::from(path);
    let fingerprint = match reuse {
        Reuse::Nothing => 0,
        Reuse::Fingerprints(known) => {
            let fingerprint = fingerprint::fingerprint(template.file_name(), &context);
            if known(&path) == Some(fingerprint) {
                return Ok(Rendered {
                    path,
                    fingerprint,
                    bytes: None,
                });
            }
            fingerprint
        }
    };
    // The print page's pages are already HTML: they go into the page where
    // the template writes the slot, rather than through the template engine
    // as one more copy of the whole handbook.
    let printed: Vec<String> = context
        .page
        .entries
        .iter_mut()
        .map(|entry| std::mem::take(&mut entry.html))
        .collect();
    if !printed.is_empty() {
        context.page.entries_slot = PRINT_SLOT;
    }
    let mut values = tera::Context::new();
    values.insert_value("site", site_value.clone());
    values.insert("root", &context.root);
    values.insert_value("nav", context.nav.to_value());
    values.insert("page", &context.page);
    // Sized up front, so a page's bytes are not copied again as they grow.
    let printed_bytes: usize = printed.iter().map(String::len).sum();
    let mut bytes = Vec::with_capacity(
        16 * 1024 + context.nav.sidebar_html.len() + 2 * context.page.content.len() + printed_bytes,
    );
    templates
        .tera
        .render_to(template.file_name(), &values, &mut bytes)
        .map_err(|e| templates.diagnostic(&e))?;
    if let Some(at) = memchr::memmem::find(&bytes, PRINT_SLOT.as_bytes()) {
        let tail = bytes.split_off(at + PRINT_SLOT.len());
        bytes.truncate(at);
        for page in printed {
            bytes.extend_from_slice(page.as_bytes());
        }
        bytes.extend_from_slice(&tail);
    }
    Ok(Rendered {
        path,
        fingerprint,
        bytes: Some(bytes),
    })
}

fn render_to(
    templates: &Templates,
    template: Template,
    context: &impl Serialize,
    path: String,
) -> Result<OutputFile, Box<Diagnostic>> {
    let context = tera::Context::from_serialize(context).map_err(|e| templates.diagnostic(&e))?;
    let html = templates
        .tera
        .render(template.file_name(), &context)
        .map_err(|e| templates.diagnostic(&e))?;
    Ok(OutputFile {
        path: PathBuf::from(path),
        contents: Contents::Bytes(html.into_bytes()),
    })
}

#[derive(Serialize)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
}

/// The most URLs one sitemap file lists (the protocol allows 50,000; this
/// keeps each file near 300 KB). A
/// handbook with more makes `sitemap.xml` an index of `sitemap-1.xml`,
/// `sitemap-2.xml`, …, so no sitemap file grows with the handbook.
pub const SITEMAP_URLS: usize = 2_500;

/// Every URL the sitemap lists: pages and taxonomy pages, under `base_url`.
fn sitemap_entries(site: &Site, base_url: &str) -> Vec<SitemapEntry> {
    let base = base_url.trim_end_matches('/');
    let mut entries: Vec<SitemapEntry> = site
        .reading_order
        .iter()
        .map(|&id| {
            let page = site.page(id);
            SitemapEntry {
                loc: format!("{base}/{}", page.url),
                lastmod: page
                    .document
                    .as_ref()
                    .and_then(|d| d.front.updated.as_ref())
                    .map(|d| d.as_str().to_string()),
            }
        })
        .collect();
    for taxonomy in &site.taxonomies {
        entries.push(SitemapEntry {
            loc: format!("{base}/{}", taxonomy.url),
            lastmod: None,
        });
        for term in &taxonomy.terms {
            entries.extend((0..term_parts(term)).map(|part| SitemapEntry {
                loc: format!("{base}/{}", listing_part_url(&term.url, part)),
                lastmod: None,
            }));
        }
    }
    entries
}

/// The paths of the sitemap's files: `sitemap.xml`, and the files it is an
/// index of when the handbook has more than [`SITEMAP_URLS`] URLs.
pub fn sitemap_paths(site: &Site) -> Vec<String> {
    let parts = sitemap_entries(site, "").len().div_ceil(SITEMAP_URLS);
    let mut paths = vec!["sitemap.xml".to_string()];
    if parts > 1 {
        paths.extend((1..=parts).map(|i| format!("sitemap-{i}.xml")));
    }
    paths
}

/// Renders `sitemap.xml` (and the files it is an index of, when the
/// handbook has more than [`SITEMAP_URLS`] URLs): every page and taxonomy
/// page under `base_url`.
pub fn render_sitemap(
    site: &Site,
    templates: &Templates,
    base_url: &str,
) -> Result<Vec<OutputFile>, Box<Diagnostic>> {
    #[derive(Serialize)]
    struct SitemapContext<'a> {
        entries: &'a [SitemapEntry],
    }
    let entries = sitemap_entries(site, base_url);
    let paths = sitemap_paths(site);
    if paths.len() == 1 {
        let file = render_to(
            templates,
            Template::Sitemap,
            &SitemapContext { entries: &entries },
            "sitemap.xml".into(),
        )?;
        return Ok(vec![file]);
    }
    let base = base_url.trim_end_matches('/');
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::with_capacity(paths.len());
    for (chunk, path) in entries.chunks(SITEMAP_URLS).zip(&paths[1..]) {
        files.push(render_to(
            templates,
            Template::Sitemap,
            &SitemapContext { entries: chunk },
            path.clone(),
        )?);
        index.push_str("  <sitemap><loc>");
        index.push_str(&crate::xml::escape(&format!("{base}/{path}")));
        index.push_str("</loc></sitemap>\n");
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile {
        path: PathBuf::from("sitemap.xml"),
        contents: Contents::Bytes(index.into_bytes()),
    });
    Ok(files)
}
