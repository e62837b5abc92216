//! Site + theme → output files (path → bytes), rendered in parallel.
//!
//! Templates are parsed once per build and shared read-only across threads;
//! each page gets a view built for its own URL. Nothing here touches the disk:
//! static files to copy are returned as paths for `output` to copy.

mod exports;
mod nav;
pub mod theme;
mod views;

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::output::{Contents, OutputFile};
use crate::site::{Linker, PageId, PageKind, Site};
pub use theme::Templates;
use views::{Card, Context, PageView, TermView, ViewBuilder};
pub use views::{SiteView, role_card_url};

/// What rendering needs besides the site.
pub struct RenderOptions<'a> {
    pub site: SiteView,
    pub base_url: &'a str,
    pub linker: Linker,
    /// Whether role briefs go into the scenario export (not in participant editions).
    pub include_briefs: bool,
}

/// One page to render: which template, at which URL, with which view.
enum Job {
    Page(PageId),
    RoleCard(PageId, usize),
    Taxonomy(usize),
    Term(usize, usize),
    NotFound,
}

/// Renders every page of `site`. Returns the files, or the template errors.
pub fn render_site(
    site: &Site,
    templates: &Templates,
    options: &RenderOptions,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut jobs: Vec<Job> = site.reading_order.iter().map(|&id| Job::Page(id)).collect();
    for page in &site.pages {
        if let Some(scenario) = page
            .document
            .as_ref()
            .and_then(|d| d.front.scenario.as_ref())
        {
            jobs.extend((0..scenario.roles.len()).map(|i| Job::RoleCard(page.id, i)));
        }
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        jobs.push(Job::Taxonomy(t));
        jobs.extend((0..taxonomy.terms.len()).map(|i| Job::Term(t, i)));
    }
    jobs.push(Job::NotFound);

    let builder = ViewBuilder {
        site,
        linker: options.linker,
    };
    let results: Vec<Result<OutputFile, Box<Diagnostic>>> = jobs
        .par_iter()
        .map(|job| render_job(job, site, templates, options, &builder))
        .collect();
    let mut files = Vec::with_capacity(results.len() + 1);
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(error) => errors.push(*error),
        }
    }
    match render_sitemap(site, templates, options) {
        Ok(file) => files.push(file),
        Err(error) => errors.push(*error),
    }
    let export_options = exports::ExportOptions {
        site_title: &options.site.title,
        base_url: options.base_url,
        include_briefs: options.include_briefs,
    };
    match exports::render_exports(site, &export_options) {
        Ok(mut exported) => files.append(&mut exported),
        Err(message) => errors.push(Diagnostic::file(
            crate::diagnostics::Severity::Error,
            std::path::Path::new("exports"),
            format!("could not write the exports: {message}"),
        )),
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        errors.dedup_by(|a, b| a.path == b.path && a.line == b.line && a.message == b.message);
        Err(errors)
    }
}

fn render_job(
    job: &Job,
    site: &Site,
    templates: &Templates,
    options: &RenderOptions,
    builder: &ViewBuilder,
) -> Result<OutputFile, Box<Diagnostic>> {
    let linker = &options.linker;
    let (url, template, nav, page) = match *job {
        Job::Page(id) => {
            let page = site.page(id);
            let view = builder.page_view(id);
            let template = match page.kind {
                PageKind::Home => "home.html",
                PageKind::Section => "section.html",
                PageKind::Content => match view.kind {
                    "questions" => "questions.html",
                    "scenario" => "scenario.html",
                    _ => "guide.html",
                },
            };
            let nav = nav::build_nav(site, linker, id, &page.url, true);
            (page.url.clone(), template, nav, view)
        }
        Job::RoleCard(id, index) => {
            let page = site.page(id);
            let view = builder.role_card_view(id, index);
            let url = view
                .card
                .as_ref()
                .map(|card| role_card_url(page, &card.role.id))
                .unwrap_or_default();
            let nav = nav::build_nav(site, linker, id, &url, false);
            (url, "role_card.html", nav, view)
        }
        Job::Taxonomy(t) => {
            let taxonomy = &site.taxonomies[t];
            let from = taxonomy.url.as_str();
            let view = PageView {
                title: taxonomy.label.clone(),
                kind: "taxonomy",
                kind_label: "index",
                terms_list: taxonomy
                    .terms
                    .iter()
                    .map(|term| TermView {
                        name: term.name.clone(),
                        href: linker.page(from, &term.url),
                        count: term.pages.len(),
                    })
                    .collect(),
                ..PageView::default()
            };
            let nav = nav::build_nav(site, linker, PageId(0), from, false);
            (taxonomy.url.clone(), "taxonomy.html", nav, view)
        }
        Job::Term(t, i) => {
            let taxonomy = &site.taxonomies[t];
            let term = &taxonomy.terms[i];
            let from = term.url.as_str();
            let children: Vec<Card> = term.pages.iter().map(|&p| builder.card(from, p)).collect();
            let view = PageView {
                title: format!("{}: {}", taxonomy.label, term.name),
                kind: "term",
                kind_label: "index",
                summary: Some(format!("Pages under “{}”", term.name)),
                children,
                related: vec![nav::Link {
                    title: format!("All {}", taxonomy.label.to_lowercase()),
                    href: linker.page(from, &taxonomy.url),
                }],
                ..PageView::default()
            };
            let nav = nav::build_nav(site, linker, PageId(0), from, false);
            (term.url.clone(), "term.html", nav, view)
        }
        Job::NotFound => {
            // The 404 page is served at any depth, so its links start from `base_url`.
            let view = PageView {
                title: "Page not found".into(),
                kind: "not-found",
                kind_label: "error",
                ..PageView::default()
            };
            let mut nav = nav::build_nav(site, linker, PageId(0), "", false);
            absolutize(&mut nav, options.base_url);
            let context = Context {
                site: &options.site,
                root: options.base_url.to_string(),
                nav,
                page: view,
            };
            return render_to(templates, "404.html", &context, "404.html".into());
        }
    };
    let context = Context {
        site: &options.site,
        root: linker.root(&url),
        nav,
        page,
    };
    render_to(templates, template, &context, format!("{url}index.html"))
}

fn render_to(
    templates: &Templates,
    template: &str,
    context: &impl Serialize,
    path: String,
) -> Result<OutputFile, Box<Diagnostic>> {
    let context = tera::Context::from_serialize(context).map_err(|e| templates.diagnostic(&e))?;
    let html = templates
        .tera
        .render(template, &context)
        .map_err(|e| templates.diagnostic(&e))?;
    Ok(OutputFile {
        path: PathBuf::from(path),
        contents: Contents::Bytes(html.into_bytes()),
    })
}

/// Makes the 404 page's navigation links absolute from `base_url`.
fn absolutize(nav: &mut nav::Nav, base_url: &str) {
    let base = if base_url.ends_with('/') {
        base_url.to_string()
    } else {
        format!("{base_url}/")
    };
    let fix = |href: &mut String| {
        let trimmed = href.trim_start_matches("./");
        *href = format!("{base}{trimmed}");
    };
    fix(&mut nav.home.href);
    let mut stack: Vec<&mut nav::NavItem> = nav.sidebar.iter_mut().collect();
    while let Some(item) = stack.pop() {
        fix(&mut item.href);
        stack.extend(item.children.iter_mut());
    }
}

#[derive(Serialize)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
}

fn render_sitemap(
    site: &Site,
    templates: &Templates,
    options: &RenderOptions,
) -> Result<OutputFile, Box<Diagnostic>> {
    let base = options.base_url.trim_end_matches('/');
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
        entries.extend(taxonomy.terms.iter().map(|term| SitemapEntry {
            loc: format!("{base}/{}", term.url),
            lastmod: None,
        }));
    }
    #[derive(Serialize)]
    struct SitemapContext<'a> {
        entries: &'a [SitemapEntry],
    }
    render_to(
        templates,
        "sitemap.xml",
        &SitemapContext { entries: &entries },
        "sitemap.xml".into(),
    )
}
