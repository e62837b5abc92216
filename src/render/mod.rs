//! Site + theme → output files (path → bytes), rendered in parallel.
//!
//! Templates are parsed once per build and shared read-only across threads;
//! each page gets a view built for its own URL. Nothing here touches the disk:
//! static files to copy are returned as paths for `output` to copy.

mod fingerprint;
mod gathered;
pub mod languages;
mod nav;
mod owners;
mod present;
mod present_session;
mod print;
mod session;
pub mod theme;
mod views;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::artifact::{Contents, OutputFile, Sink};
use crate::diagnostics::Diagnostic;
use crate::i18n::Words;
use crate::site::urls::{
    base_with_slash, cards_url, listing_part_url, present_url, presenter_url, role_card_url,
    section_print_url, session_handout_url, session_pack_url,
};
use crate::site::{Gathered, Linker, PageId, Site};
use crate::sources::History;
use crate::vocab::Labels;
use languages::{Alternates, LanguageSite, page_key, url_key};
use nav::Link;
pub use owners::output_collisions;
pub use print::PrintPlan;
pub use theme::{Template, Templates};
pub use views::SiteView;
use views::{Context, PageView, PrintAnchors, ViewBuilder};

/// What rendering needs besides the site.
pub struct RenderOptions<'a> {
    pub site: SiteView,
    pub base_url: &'a str,
    pub linker: Linker,
    /// The words readers see for levels, formats and other written values.
    pub labels: &'a Labels,
    /// When each page last changed in git.
    pub history: &'a History,
    /// Where a page is edited, with `{path}` for its file.
    pub edit_url: Option<&'a str>,
    /// The translations of every page, in a handbook of several languages.
    pub alternates: Option<&'a Alternates>,
    /// The index of the language being rendered among the alternates' (0: the default).
    pub language: usize,
    /// The theme's words in the language being rendered.
    pub words: &'a Words,
}

/// One output rendered from a template and a view: which template, at which URL, with which view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Page(PageId),
    RoleCard(PageId, usize),
    /// Every card of a scenario, one per printed sheet, with its checklist sheet.
    Cards(PageId),
    Taxonomy(usize),
    /// Part `.2` of the page of term `.1` of taxonomy `.0`: a term with more
    /// than [`TERM_PAGE_CARDS`] pages lists them over several pages.
    Term(usize, usize, usize),
    /// The pages of a section (the home page: the whole handbook, or its
    /// pages outside sections printed on their own) on one page, for
    /// printing or saving as PDF.
    Print(PageId, usize),
    /// A session's facilitator pack: its run-sheet, material and cards, to print.
    SessionPack(PageId),
    /// A session's handout for participants.
    SessionHandout(PageId),
    NotFound,
    /// A page on the room's screen.
    Present(PageId),
    /// The presenter window of a presented page.
    Presenter(PageId),
    /// A page gathered across the handbook, for the pages of one print
    /// page (the first: for all of them, when the handbook prints on one).
    Gathered(Gathered, usize),
}

impl Job {
    /// The page this output belongs to (the page itself, its role cards, its
    /// cards page, its presentation, a session's pack and handout), which
    /// renders it again whenever it renders the page, and whose removal
    /// removes it.
    pub fn own_page(&self) -> Option<PageId> {
        match *self {
            Job::Page(id)
            | Job::RoleCard(id, _)
            | Job::Cards(id)
            | Job::Present(id)
            | Job::Presenter(id)
            | Job::SessionPack(id)
            | Job::SessionHandout(id) => Some(id),
            Job::Taxonomy(_)
            | Job::Term(..)
            | Job::Print(..)
            | Job::NotFound
            | Job::Gathered(..) => None,
        }
    }

    /// The template that renders this output.
    fn template(&self, site: &Site) -> Template {
        match *self {
            Job::Page(id) => Template::of_page(site.page(id)),
            Job::RoleCard(..) => Template::RoleCard,
            Job::Cards(_) => Template::Cards,
            Job::SessionHandout(_) => Template::SessionHandout,
            Job::SessionPack(_) => Template::SessionPack,
            Job::Taxonomy(_) => Template::Taxonomy,
            Job::Term(..) => Template::Term,
            Job::Present(_) | Job::Presenter(_) => Template::Present,
            Job::Gathered(..) => Template::Gathered,
            Job::Print(..) => Template::Print,
            Job::NotFound => Template::NotFound,
        }
    }

    /// Whether this output's template shows the handbook's sidebar: the
    /// room's screen and the presenter window are whole-window decks.
    fn shows_sidebar(&self) -> bool {
        !matches!(self, Job::Present(_) | Job::Presenter(_))
    }

    /// Whether this output shows the bodies of many pages (a print page, a
    /// gathered page, a session's pack or handout): the preview renders it
    /// again once the author is idle rather than with the page.
    pub fn shows_many_pages(&self) -> bool {
        matches!(
            self,
            Job::Print(..) | Job::Gathered(..) | Job::SessionPack(_) | Job::SessionHandout(_)
        )
    }

    /// Whether this output shows the Markdown body of page `id`, so that an
    /// edit of that body alone must render it again (`serve` relies on
    /// this). `plan` is the site's print plan.
    pub fn shows_body_of(&self, site: &Site, plan: &PrintPlan, id: PageId) -> bool {
        match *self {
            Job::Page(page) | Job::RoleCard(page, _) | Job::Cards(page) => page == id,
            // A session's presentation, pack and handout show the material
            // its agenda uses.
            Job::Present(page)
            | Job::Presenter(page)
            | Job::SessionPack(page)
            | Job::SessionHandout(page) => {
                page == id
                    || site
                        .page(page)
                        .agenda_refs
                        .iter()
                        .any(|refs| refs.pages().any(|used| used == id))
            }
            // A print page shows the pages printed on it and what they give
            // the gathered pages.
            Job::Print(section, chunk) => {
                let part = plan.part_of(id);
                part.is_some() && part == plan.part_of_section(section, chunk)
            }
            // A gathered page shows what its print page's pages give it; the
            // first also lists the others, which an edit may add or remove.
            Job::Gathered(_, part) => part == 0 || plan.part_of(id) == Some(part),
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
/// pages in reading order, presentations (with presenter windows in editions
/// that have facilitator material), role cards and each scenario's cards
/// page (in editions that have the briefs), sessions' packs and handouts (in
/// editions with facilitator material: otherwise the session page is the
/// handout), the gathered pages, taxonomy and term pages, and the 404 page.
pub fn jobs(site: &Site) -> Vec<Job> {
    jobs_of_plan(site, &PrintPlan::new(site))
}

/// [`jobs`], with the site's print plan made already.
pub fn jobs_of_plan(site: &Site, plan: &PrintPlan) -> Vec<Job> {
    let mut jobs: Vec<Job> = plan
        .parts
        .iter()
        .map(|part| Job::Print(part.section, part.chunk))
        .collect();
    jobs.extend(site.reading_order.iter().map(|&id| Job::Page(id)));
    for id in present::presented_pages(site) {
        jobs.push(Job::Present(id));
        if site.facilitator_material {
            jobs.push(Job::Presenter(id));
        }
    }
    for kind in Gathered::of_site(site) {
        jobs.push(Job::Gathered(kind, 0));
        let later = gathered::later_parts(site, plan, kind);
        jobs.extend(later.into_iter().map(|part| Job::Gathered(kind, part)));
    }
    for page in &site.pages {
        if let Some(document) = &page.document {
            let cards = document.scenario_html.briefs.len();
            jobs.extend((0..cards).map(|i| Job::RoleCard(page.id, i)));
            if cards > 0 {
                jobs.push(Job::Cards(page.id));
            }
            if document.front.session.is_some() && document.session_html.facilitator {
                jobs.extend([Job::SessionPack(page.id), Job::SessionHandout(page.id)]);
            }
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

/// Which of a site's outputs a render makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// Every output: a build that writes.
    Every,
    /// The first output of each template, which finds the template mistakes
    /// a full render would, for a run that writes nothing (`check`, or a
    /// build whose handbook already has errors).
    OnePerTemplate,
}

/// Renders the pages of `site` that `coverage` asks for into `sink`, each
/// file as soon as it is made. Returns the paths of the files and the
/// template errors.
pub fn render_site(
    site: &Site,
    templates: &Templates,
    options: &RenderOptions,
    sink: &dyn Sink,
    coverage: Coverage,
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut jobs = jobs(site);
    // A server answers every missing path with the site root's 404 page; a
    // translation's own would link as if it were at the root.
    if options.linker.translated {
        jobs.retain(|job| *job != Job::NotFound);
    }
    if coverage == Coverage::OnePerTemplate {
        let mut seen = Vec::new();
        jobs.retain(|job| {
            let template = job.template(site);
            let first = !seen.contains(&template);
            if first {
                seen.push(template);
            }
            first
        });
    }
    let shared = Shared::new(site, options, templates, &jobs);
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
    let shared = Shared::new(site, options, templates, jobs);
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
    /// Made on the first print job: the preview renders a page at a time.
    print: std::sync::OnceLock<PrintPlan>,
    sidebars: nav::Sidebars,
    /// The template value of `site`.
    site: tera::Value,
    /// The template value of the words, `t`.
    words: tera::Value,
    /// The scripts' words, when they are not English (`script_words`).
    script_words: Option<String>,
}

impl<'a> Shared<'a> {
    /// The site's print plan, made on first use.
    fn print_plan(&self) -> &PrintPlan {
        self.print.get_or_init(|| PrintPlan::new(self.builder.site))
    }

    fn new(
        site: &'a Site,
        options: &RenderOptions<'a>,
        templates: &Templates,
        jobs: &[Job],
    ) -> Shared<'a> {
        let keys: Vec<nav::SidebarKey> = jobs
            .par_iter()
            .filter(|job| job.shows_sidebar())
            .filter_map(|job| job_origin(site, job))
            .map(|(place, from, _)| nav::SidebarKey::new(site, place, &from))
            .collect();
        Shared {
            builder: ViewBuilder {
                site,
                linker: options.linker,
                labels: options.labels,
                history: options.history,
                edit_url: options.edit_url,
                print: None,
                words: options.words,
            },
            print: std::sync::OnceLock::new(),
            sidebars: nav::Sidebars::build(
                site,
                &options.linker,
                options.words,
                keys,
                templates.reads_sidebar_entries,
            ),
            site: tera::Value::from_serializable(&options.site),
            words: tera::Value::from_serializable(options.words.all()),
            script_words: options.words.script_words(),
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
        Job::Cards(id) => (id, cards_url(&site.page(id).url), false),
        Job::SessionPack(id) => (id, session_pack_url(&site.page(id).url), false),
        Job::SessionHandout(id) => (id, session_handout_url(&site.page(id).url), false),
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
        Job::Present(id) => (id, present_url(&site.page(id).url), false),
        Job::Presenter(id) => (id, presenter_url(&site.page(id).url), false),
        Job::Gathered(kind, part) => (PageId(0), gathered::part_url(kind, part), false),
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
            (&shared.words, &shared.script_words),
            "404.html".into(),
            reuse,
        );
    };
    let from = url.as_str();
    let page = match *job {
        Job::Page(id) => builder.page_view(id),
        Job::RoleCard(id, index) => builder.role_card_view(id, index, from),
        Job::Cards(id) => builder.cards_view(id, from),
        Job::SessionHandout(id) => builder.session_handout_view(id, from),
        Job::SessionPack(id) => {
            session_pack_view(site, templates, builder, &shared.words, id, from)?
        }
        Job::Taxonomy(t) => builder.taxonomy_view(t, from),
        Job::Term(t, i, part) => builder.term_view(t, i, part, from),
        Job::Present(id) => builder.present_view(id, false),
        Job::Presenter(id) => builder.present_view(id, true),
        Job::Gathered(kind, part) => {
            builder.gathered_part_view(shared.print_plan(), kind, part, from)
        }
        Job::Print(section, chunk) => {
            print_view(site, templates, options, shared, (section, chunk), from)?
        }
        Job::NotFound => unreachable!("the 404 page has no origin"),
    };
    let nav = nav::build_nav(
        site,
        linker,
        job.shows_sidebar().then_some(&shared.sidebars),
        place,
        from,
        is_page_itself,
        options.words,
    );
    let languages = options.alternates.map_or_else(Vec::new, |alternates| {
        let key = match *job {
            Job::Page(id) | Job::RoleCard(id, _) => page_key(site.page(id)),
            _ => url_key(from),
        };
        alternates.menu(&key, options.language, from, linker)
    });
    let context = Context {
        site: &options.site,
        root: linker.root(from),
        language_root: linker.language_root(from),
        languages,
        nav,
        page,
    };
    render_reusing(
        templates,
        job.template(site),
        context,
        &shared.site,
        (&shared.words, &shared.script_words),
        format!("{url}index.html"),
        reuse,
    )
}

/// The view of the print page of `section` (its part `chunk`), at site URL
/// `from`, which prints after its pages what they give the gathered pages
/// (every gathered page, when the handbook prints on one page).
fn print_view(
    site: &Site,
    templates: &Templates,
    options: &RenderOptions,
    shared: &Shared,
    (section, chunk): (PageId, usize),
    from: &str,
) -> Result<PageView, Box<Diagnostic>> {
    let plan = shared.print_plan();
    let words = options.words;
    let linker = &options.linker;
    let here = plan
        .part_of_section(section, chunk)
        .expect("a print job is listed from the plan");
    let printer = ViewBuilder {
        site,
        linker: *linker,
        labels: options.labels,
        history: options.history,
        edit_url: options.edit_url,
        print: Some(PrintAnchors::of_plan(plan, here)),
        words,
    };
    let ids: Vec<PageId> = plan.entries(here).collect();
    let mut gathered = Gathered::of_site(site);
    if plan.is_split() {
        gathered.retain(|&kind| gathered::part_has_items(site, plan, kind, here));
    }
    let entries = ids
        .par_iter()
        .map(|&id| printer.print_entry(id))
        .chain(
            gathered
                .into_par_iter()
                .map(|kind| printer.print_gathered(kind, here, plan.entries(here))),
        )
        .map(|entry| render_print_entry(templates, &shared.words, entry))
        .collect::<Result<_, _>>()?;
    let part_link = |part: &print::PrintPart| Link {
        title: print::part_title(site, words, part),
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
        words.get("whole_handbook_summary")
    } else {
        words.get("section_print_summary")
    };
    let print_up = plan.parts[here].up.map(|up| part_link(&plan.parts[up]));
    Ok(PageView {
        title: print::part_title(site, words, &plan.parts[here]),
        kind: "print",
        kind_label: words.get("kind_print").into(),
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
    words: &tera::Value,
    entry: views::PrintEntry,
) -> Result<views::PrintedEntry, Box<Diagnostic>> {
    let html = render_partial(templates, words, Template::PrintEntry, "entry", &entry)?;
    Ok(views::PrintedEntry {
        anchor: entry.anchor,
        depth: entry.depth,
        title: entry.page.title,
        html,
    })
}

/// Renders a partial template that sees `value` as `name`, and the theme's
/// words as `t`.
fn render_partial(
    templates: &Templates,
    words: &tera::Value,
    template: Template,
    name: &'static str,
    value: &impl Serialize,
) -> Result<String, Box<Diagnostic>> {
    let mut values = tera::Context::new();
    values.insert(name, value);
    values.insert_value("t", words.clone());
    templates
        .tera
        .render(template.file_name(), &values)
        .map_err(|e| Box::new(templates.diagnostic(&e)))
}

/// The facilitator pack of session `id` at `from`: the run-sheet, then the
/// pages its agenda uses (through the print page's views, so links between
/// them stay on the page), then every card and checklist sheet, per group.
fn session_pack_view(
    site: &Site,
    templates: &Templates,
    builder: &ViewBuilder,
    words: &tera::Value,
    id: PageId,
    from: &str,
) -> Result<PageView, Box<Diagnostic>> {
    let session = site.page(id);
    let material: Vec<PageId> = session::material_of(session)
        .into_iter()
        .map(|(page, _)| page)
        .collect();
    let printer = ViewBuilder {
        site,
        linker: builder.linker,
        labels: builder.labels,
        history: builder.history,
        edit_url: builder.edit_url,
        words: builder.words,
        print: Some(
            PrintAnchors::of_pages(site, &material, from)
                .with_cut(session::cut_anchors(site, session)),
        ),
    };
    let mut view = printer.view_at(id, from);
    view.title = printer
        .words
        .get("pack_title")
        .replace("{title}", &session.title);
    view.kind = "session-pack";
    view.kind_label = printer.kind_label("pack");
    let mut entries = printer
        .pack_material(id)
        .into_par_iter()
        .map(|entry| render_print_entry(templates, words, entry))
        .collect::<Result<Vec<_>, _>>()?;
    for sheet in builder.pack_cards(id, from) {
        let html = render_partial(templates, words, Template::CardSheet, "sheet", &sheet)?;
        entries.push(views::PrintedEntry {
            title: sheet.role.as_ref().map_or_else(
                || printer.words.get("observer_checklist").to_string(),
                |role| role.name.clone(),
            ),
            anchor: sheet.anchor_prefix.trim_end_matches('-').to_string(),
            html,
            depth: 0,
        });
    }
    view.entries = entries;
    Ok(view)
}

/// The context of the 404 page. A server shows it at any depth, so its links
/// start from `base_url`. A portable build is opened from disk, where only
/// relative links work, and its 404 page is only ever opened as itself.
fn not_found_context<'a>(site: &Site, options: &'a RenderOptions, shared: &Shared) -> Context<'a> {
    let linker = &options.linker;
    let mut nav = nav::build_nav(
        site,
        linker,
        Some(&shared.sidebars),
        PageId(0),
        "",
        false,
        options.words,
    );
    let root = if linker.portable {
        linker.root("")
    } else {
        nav.absolutize(&base_with_slash(options.base_url));
        options.base_url.to_string()
    };
    Context {
        site: &options.site,
        language_root: root.clone(),
        languages: Vec::new(),
        root,
        nav,
        page: PageView {
            title: options.words.get("page_not_found").into(),
            kind: "not-found",
            kind_label: options.words.get("kind_error").into(),
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
    (words, script_words): (&tera::Value, &Option<String>),
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
    values.insert_value("t", words.clone());
    values.insert("script_words", &script_words);
    values.insert("root", &context.root);
    values.insert("language_root", &context.language_root);
    values.insert("languages", &context.languages);
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
    /// The page in every language that has it, and `x-default`.
    alternates: Vec<SitemapAlternate>,
}

/// The most URLs one sitemap file lists (the protocol allows 50,000; this
/// keeps each file near 300 KB). A handbook with more makes `sitemap.xml`
/// an index of `sitemap-1.xml`, `sitemap-2.xml`, …, so no sitemap file grows
/// with the handbook.
pub const SITEMAP_URLS: usize = 2_500;

#[derive(Serialize)]
struct SitemapAlternate {
    hreflang: String,
    href: String,
}

/// Every URL the sitemap lists: every page, taxonomy and term page (each
/// part of a long term) and gathered page of every language under
/// `base_url`, each with its translations when there are several.
fn sitemap_entries(
    sites: &[LanguageSite],
    alternates: Option<&Alternates>,
    base_url: &str,
) -> Vec<SitemapEntry> {
    let base = base_url.trim_end_matches('/');
    let alternates_of = |key: String| -> Vec<SitemapAlternate> {
        let Some((alternates, urls)) = alternates.and_then(|a| Some((a, a.urls(&key)?))) else {
            return Vec::new();
        };
        if urls.iter().flatten().count() < 2 {
            return Vec::new();
        }
        let mut found: Vec<SitemapAlternate> = alternates
            .codes()
            .zip(urls)
            .filter_map(|(code, url)| {
                Some(SitemapAlternate {
                    hreflang: code.to_string(),
                    href: format!("{base}/{}", url.as_deref()?),
                })
            })
            .collect();
        if let Some(Some(default)) = urls.first() {
            found.push(SitemapAlternate {
                hreflang: "x-default".into(),
                href: format!("{base}/{default}"),
            });
        }
        found
    };
    let mut entries: Vec<SitemapEntry> = Vec::new();
    for language in sites {
        let site = language.site;
        let prefix = language.prefix;
        entries.extend(site.reading_order.iter().map(|&id| {
            let page = site.page(id);
            SitemapEntry {
                loc: format!("{base}/{prefix}{}", page.url),
                lastmod: page
                    .document
                    .as_ref()
                    .and_then(|d| d.front.updated.as_ref())
                    .map(|d| d.as_str().to_string()),
                alternates: alternates_of(page_key(page)),
            }
        }));
        for taxonomy in &site.taxonomies {
            let term_parts = taxonomy.terms.iter().flat_map(|term| {
                (0..term_parts(term)).map(|part| listing_part_url(&term.url, part))
            });
            let urls = std::iter::once(taxonomy.url.clone()).chain(term_parts);
            entries.extend(urls.map(|url| SitemapEntry {
                loc: format!("{base}/{prefix}{url}"),
                lastmod: None,
                alternates: alternates_of(url_key(&url)),
            }));
        }
        entries.extend(
            Gathered::of_site(site)
                .into_iter()
                .map(|gathered| SitemapEntry {
                    loc: format!("{base}/{prefix}{}", gathered.url()),
                    lastmod: None,
                    alternates: alternates_of(url_key(gathered.url())),
                }),
        );
    }
    entries
}

/// The paths of the sitemap's files for the sites of every language:
/// `sitemap.xml`, and the files it is an index of when they have more than
/// [`SITEMAP_URLS`] URLs.
pub fn sitemap_paths<'a>(sites: impl IntoIterator<Item = &'a Site>) -> Vec<String> {
    let sites: Vec<LanguageSite> = sites
        .into_iter()
        .map(|site| LanguageSite {
            site,
            code: "",
            name: "",
            prefix: "",
        })
        .collect();
    paths_for(sitemap_entries(&sites, None, "").len())
}

/// The sitemap's file paths for `urls` URLs.
fn paths_for(urls: usize) -> Vec<String> {
    let parts = urls.div_ceil(SITEMAP_URLS);
    let mut paths = vec!["sitemap.xml".to_string()];
    if parts > 1 {
        paths.extend((1..=parts).map(|i| format!("sitemap-{i}.xml")));
    }
    paths
}

/// Renders `sitemap.xml` for the sites of every language (see
/// [`sitemap_entries`]), and the files it is an index of when they have
/// more than [`SITEMAP_URLS`] URLs. Every file of an index carries its
/// entries' alternates.
pub fn render_sitemap(
    sites: &[LanguageSite],
    alternates: Option<&Alternates>,
    templates: &Templates,
    base_url: &str,
) -> Result<Vec<OutputFile>, Box<Diagnostic>> {
    #[derive(Serialize)]
    struct SitemapContext<'a> {
        entries: &'a [SitemapEntry],
        multilingual: bool,
    }
    let entries = sitemap_entries(sites, alternates, base_url);
    let multilingual = alternates.is_some();
    let paths = paths_for(entries.len());
    if paths.len() == 1 {
        let file = render_to(
            templates,
            Template::Sitemap,
            &SitemapContext {
                entries: &entries,
                multilingual,
            },
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
            &SitemapContext {
                entries: chunk,
                multilingual,
            },
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
