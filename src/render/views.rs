//! View structs: exactly what templates see, built from the site for one
//! output location. Templates never see documents or the site directly, so
//! the template contract is this file (documented in the README).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use super::gathered::GatheredView;
use super::nav::{Link, Nav};
use super::present::PresentView;
use super::print::PrintPlan;
use super::session::SessionView;
use crate::document::{Document, Href, Kind, fill_links};
use crate::i18n::Words;
use crate::site::urls::{PRINT_URL, cards_url, listing_part_url, present_url, role_card_url};
use crate::site::{Linker, Page, PageId, PageKind, Site, Target};
use crate::sources::History;
use crate::vocab::Labels;

/// Site-wide values.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    /// Whether pages get a search box (`[search] enabled` in site.toml).
    pub search: bool,
    /// Whether page links end in `index.html` (`--portable`), which the
    /// search script must do too.
    pub portable: bool,
}

/// The context of every template.
#[derive(Debug, Serialize)]
pub struct Context<'a> {
    pub site: &'a SiteView,
    /// Relative prefix from this page to the site root, for CSS and JS.
    pub root: String,
    /// Relative prefix from this page to its language's root (the site
    /// root for the default language), for the search index.
    pub language_root: String,
    /// The language menu: every language of the handbook, or none.
    pub languages: Vec<super::languages::LanguageLink>,
    pub nav: Nav,
    pub page: PageView,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub level: u8,
}

/// A taxonomy's terms on one page: "Competencies: feedback, listening".
#[derive(Debug, Clone, Serialize)]
pub struct TermGroup {
    pub label: String,
    pub terms: Vec<Link>,
}

/// A child of a section, or a page under a term, as a card in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub title: String,
    pub href: String,
    pub summary: Option<String>,
    /// `section`, `guide`, `questions` or `scenario`.
    pub kind: &'static str,
    /// The kind in the page's language.
    pub kind_label: String,
    /// For sections: what they hold, such as "3 guides, 1 question bank".
    pub holds: Option<String>,
    pub facilitator: bool,
    /// For scenarios and sessions, what the listing filters by.
    pub duration: Option<u32>,
    pub format: Option<String>,
    pub level: Option<String>,
    pub competencies: Vec<String>,
    /// The reader's words for `format` and `level`.
    pub format_label: Option<String>,
    pub level_label: Option<String>,
}

/// One choice of a filter: the value items carry, and the words readers see.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// The choices of a scenario or session listing's filters, from the cards it lists.
#[derive(Debug, Clone, Serialize, Default)]
pub struct ScenarioFilters {
    /// Distinct durations, shortest first: "up to N minutes".
    pub durations: Vec<u32>,
    pub formats: Vec<Choice>,
    pub levels: Vec<Choice>,
    pub competencies: Vec<Choice>,
}

impl Card {
    /// The card with the reader's words for its format and level.
    fn labelled(mut self, labels: &Labels) -> Card {
        self.format_label = self.format.as_deref().map(|f| labels.of(f));
        self.level_label = self.level.as_deref().map(|l| labels.of(l));
        self
    }
}

impl ScenarioFilters {
    /// Filters for the cards of `kind` (`scenario`, `session`) among
    /// `cards`, when there are at least two to choose between.
    fn for_cards(cards: &[Card], kind: &str, labels: &Labels) -> Option<ScenarioFilters> {
        let scenarios: Vec<&Card> = cards.iter().filter(|c| c.kind == kind).collect();
        if scenarios.len() < 2 {
            return None;
        }
        let distinct = |values: Vec<String>| choices(values, labels);
        let mut durations: Vec<u32> = scenarios.iter().filter_map(|c| c.duration).collect();
        durations.sort_unstable();
        durations.dedup();
        Some(ScenarioFilters {
            durations,
            formats: distinct(scenarios.iter().filter_map(|c| c.format.clone()).collect()),
            levels: distinct(scenarios.iter().filter_map(|c| c.level.clone()).collect()),
            competencies: distinct(
                scenarios
                    .iter()
                    .flat_map(|c| c.competencies.clone())
                    .collect(),
            ),
        })
    }
}

/// `path` (relative, as shown in diagnostics) as the path part of a URL:
/// `/` between folders, and every byte outside letters, digits and `-._~`
/// percent-encoded.
fn url_path(path: &std::path::Path) -> String {
    let slashed = crate::artifact::slash(path);
    let mut out = String::with_capacity(slashed.len());
    for byte in slashed.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The distinct `values`, each with its label, in value order.
fn choices(values: impl IntoIterator<Item = String>, labels: &Labels) -> Vec<Choice> {
    let set: std::collections::BTreeSet<String> = values.into_iter().collect();
    set.into_iter()
        .map(|value| Choice {
            label: labels.of(&value),
            value,
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub id: String,
    /// HTML of the inline Markdown.
    pub text: String,
    /// HTML of the inline Markdown.
    pub purpose: Option<String>,
    /// HTML: the follow-ups' text, escaped (they are not Markdown).
    pub follow_ups: Vec<String>,
    pub tags: Vec<String>,
    pub facilitator: bool,
    pub used_in: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageView {
    pub name: String,
    pub id: String,
    pub questions: Vec<QuestionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BankView {
    pub model: Option<String>,
    pub stages: Vec<StageView>,
    pub count: usize,
    /// Every tag of the bank's questions, for the tag filter.
    pub tags: Vec<Choice>,
}

/// A role of a scenario. Its brief and card exist only in editions that
/// keep facilitator material: a brief is private to its role.
#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    pub id: String,
    pub name: String,
    pub brief: Option<String>,
    pub card_href: Option<String>,
}

/// A debrief prompt: its own text, or a bank question shown in full and linked.
#[derive(Debug, Clone, Serialize)]
pub struct DebriefView {
    /// HTML: the prompt's own text, escaped (it is not Markdown).
    pub text: Option<String>,
    pub question: Option<Link>,
    pub bank: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScenarioView {
    pub format: Option<String>,
    /// The reader's word for `format`.
    pub format_label: Option<String>,
    pub timing: Vec<crate::document::Phase>,
    pub roles: Vec<RoleView>,
    /// Whether this edition has the briefs and role cards; when not (a
    /// participant edition), the page says the facilitator hands the cards out.
    pub role_cards: bool,
    /// The page printing every card of the scenario, in editions with role cards.
    pub cards_href: Option<String>,
    pub observer_checklist: Vec<String>,
    pub debrief: Vec<DebriefView>,
    pub facilitator_notes: Option<String>,
}

/// One printed sheet of a scenario's cards, as `partials/card_sheet.html`
/// sees it: a role's card, or the sheet holding the observer checklist alone.
#[derive(Debug, Clone, Serialize)]
pub struct CardSheet {
    /// Prefix of every id inside the sheet: empty on a role card's own page,
    /// unique per sheet where many sheets share a page.
    pub anchor_prefix: String,
    /// The level of the sheet's title: 1 on a card's own page, 2 below a page title.
    pub level: u8,
    pub scenario: Link,
    pub duration: Option<u32>,
    /// The role, with the brief as its card shows it; `None` on the checklist sheet.
    pub role: Option<RoleView>,
    /// HTML: the situation every role reads, without facilitator blocks;
    /// empty on the checklist sheet.
    pub situation: String,
    /// The observer checklist: on the checklist sheet and on an observer's card.
    pub checklist: Vec<String>,
    /// In a session's pack, which group the sheet is for.
    pub group: Option<Group>,
}

/// Group `number` of `of`, as a session's pack prints it on each sheet.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Group {
    pub number: u32,
    pub of: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    pub name: String,
    pub href: String,
    pub count: usize,
}

/// One page as templates see it. Fields that do not apply are empty or null.
#[derive(Debug, Clone, Serialize, Default)]
pub struct PageView {
    pub title: String,
    /// `home`, `section`, `guide`, `questions`, `scenario`, `role`, `taxonomy`,
    /// `term`, `present`, `gathered`, `print` or `not-found`.
    pub kind: &'static str,
    /// The kind in the page's language.
    pub kind_label: String,
    pub summary: Option<String>,
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub takeaways: Vec<String>,
    pub terms: Vec<TermGroup>,
    pub level: Option<String>,
    /// The reader's words for `level`.
    pub level_label: Option<String>,
    pub duration: Option<u32>,
    pub updated: Option<String>,
    /// When the page last changed (its `updated`, else its last commit in
    /// git), written the language's way.
    pub last_changed: Option<String>,
    /// The same date as `YYYY-MM-DD`, for `<time datetime>`.
    pub last_changed_iso: Option<String>,
    /// Where the page's file is edited (`edit_url` in site.toml).
    pub edit_href: Option<String>,
    /// `updated` written the language's way.
    pub updated_text: Option<String>,
    pub owner: Option<String>,
    pub review_by: Option<String>,
    /// `review_by` written the language's way.
    pub review_by_text: Option<String>,
    pub review_due: bool,
    pub facilitator: bool,
    pub draft: bool,
    pub related: Vec<Link>,
    pub extra: BTreeMap<String, Value>,
    pub children: Vec<Card>,
    pub bank: Option<BankView>,
    pub scenario: Option<ScenarioView>,
    /// The printed sheets of a role card's page (one) or a scenario's cards page.
    pub sheets: Vec<CardSheet>,
    pub session: Option<SessionView>,
    /// The sessions whose agenda uses this page.
    pub used_in_sessions: Vec<Link>,
    pub terms_list: Vec<TermView>,
    /// Filters for the scenarios among `children`, when there are two or more.
    pub scenario_filters: Option<ScenarioFilters>,
    /// Filters for the session plans among `children`, when there are two or more.
    pub session_filters: Option<ScenarioFilters>,
    /// Prefix of ids inside this page's parts (empty except on the print page).
    pub anchor_prefix: String,
    /// The print page's pages, in reading order (their `html` is empty when
    /// templates see them: the pages go where `entries_slot` is written).
    pub entries: Vec<PrintedEntry>,
    /// On the print page, a placeholder the printed pages replace; templates
    /// write it with `| safe` where the pages go.
    pub entries_slot: &'static str,
    /// On a print page, the sections printed on pages of their own.
    pub print_parts: Vec<Link>,
    /// On a section's print page, the print page that links to it.
    pub print_up: Option<Link>,
    /// A page presented on the room's screen, or its presenter window.
    pub present: Option<PresentView>,
    /// On a guide, the link to it presented on the room's screen.
    pub present_href: Option<String>,
    /// A page gathered across the handbook (takeaways, exercises, facilitator notes).
    pub gathered: Option<GatheredView>,
}

/// One page of the print page, as `partials/print_entry.html` sees it: its
/// view with ids made unique in the whole handbook.
#[derive(Debug, Clone, Serialize)]
pub struct PrintEntry {
    pub anchor: String,
    pub depth: usize,
    pub page: PageView,
}

/// One page of the print page, rendered: what the contents list needs, and
/// the HTML of `partials/print_entry.html`.
#[derive(Debug, Clone, Serialize)]
pub struct PrintedEntry {
    pub anchor: String,
    pub depth: usize,
    pub title: String,
    pub html: String,
}

/// `html` with its ids and same-page `#` links moved under `prefix`, so
/// that it can appear more than once on one page.
pub(super) fn prefixed_ids(html: &str, prefix: &str) -> String {
    PrintAnchors::prefix_ids(html, prefix)
}

/// Builds views for pages at one output URL.
pub struct ViewBuilder<'a> {
    pub site: &'a Site,
    pub linker: Linker,
    pub labels: &'a Labels,
    pub history: &'a History,
    pub edit_url: Option<&'a str>,
    /// Set when building a print page (or a session's pack): links between
    /// printed pages become anchors on the print pages, and each page's ids
    /// get a prefix.
    pub print: Option<PrintAnchors<'a>>,
    /// The theme's words in the site's language.
    pub words: &'a Words,
}

/// Where each printed page is, seen from the print page being built (at `at`).
pub struct PrintAnchors<'a> {
    placed: Placement<'a>,
    at: String,
    /// Anchors of pages printed only in part (a bank a session asks a stage
    /// of) that the page does not print: links to them leave the page.
    cut: HashMap<PageId, HashSet<String>>,
}

/// Which pages are printed, and on which print page.
enum Placement<'a> {
    /// The handbook's print pages; `here` is the one being built.
    Plan { plan: &'a PrintPlan, here: usize },
    /// One page printing these pages, by URL (a session's pack).
    Pages(HashMap<String, PageId>),
}

impl<'a> PrintAnchors<'a> {
    /// Print page `here` of the handbook's print pages.
    pub fn of_plan(plan: &'a PrintPlan, here: usize) -> Self {
        PrintAnchors {
            at: plan.parts[here].url.clone(),
            placed: Placement::Plan { plan, here },
            cut: HashMap::new(),
        }
    }

    /// A page at `at` that prints `pages` (a session's pack).
    pub fn of_pages(site: &Site, pages: &[PageId], at: &str) -> Self {
        PrintAnchors {
            placed: Placement::Pages(
                pages
                    .iter()
                    .map(|&id| (site.page(id).url.clone(), id))
                    .collect(),
            ),
            at: at.to_string(),
            cut: HashMap::new(),
        }
    }

    /// The same, knowing which anchors of each page are not printed.
    pub fn with_cut(self, cut: HashMap<PageId, HashSet<String>>) -> Self {
        PrintAnchors { cut, ..self }
    }

    /// The page at site URL `url` when it is printed, with the URL of its
    /// print page when that is not the one being built.
    fn find(&self, site: &Site, url: &str) -> Option<(PageId, Option<&str>)> {
        match &self.placed {
            Placement::Plan { plan, here } => {
                let (id, part) = plan.find(site, url)?;
                Some((id, (part != *here).then(|| plan.parts[part].url.as_str())))
            }
            Placement::Pages(by_url) => by_url.get(url).map(|&id| (id, None)),
        }
    }

    /// The anchor of a page on the print page.
    fn page(id: PageId) -> String {
        format!("p{}", id.0)
    }

    /// The prefix of every id inside that page's part of the print page.
    fn prefix(id: PageId) -> String {
        format!("p{}--", id.0)
    }

    /// `html` with its ids and same-page `#` links moved under `prefix`.
    fn prefix_ids(html: &str, prefix: &str) -> String {
        const ID: &str = " id=\"";
        const FRAGMENT_LINK: &str = "href=\"#";
        let mut out = String::with_capacity(html.len() + 64 * prefix.len());
        let mut rest = html;
        // Both openings end in a quote or `#`, so one search for their last
        // byte finds every place either may end.
        while let Some(i) = memchr::memchr2(b'"', b'#', rest.as_bytes()) {
            let (head, tail) = rest.split_at(i + 1);
            out.push_str(head);
            if out.ends_with(ID) || out.ends_with(FRAGMENT_LINK) {
                out.push_str(prefix);
            }
            rest = tail;
        }
        out.push_str(rest);
        out
    }
}

impl ViewBuilder<'_> {
    /// The href from `from` to the page at site URL `url`, at `anchor` if given.
    /// On the print page, a page that is printed there is an in-page anchor.
    pub(super) fn page_href(&self, from: &str, url: &str, anchor: Option<&str>) -> String {
        let printed = self.print.as_ref().and_then(|print| {
            let (target, elsewhere) = print.find(self.site, url)?;
            let cut = anchor.is_some_and(|a| print.cut.get(&target).is_some_and(|c| c.contains(a)));
            (!cut).then_some((target, elsewhere))
        });
        if let Some((target, elsewhere)) = printed {
            let fragment = match anchor {
                Some(anchor) => format!("#{}{anchor}", PrintAnchors::prefix(target)),
                None => format!("#{}", PrintAnchors::page(target)),
            };
            return match elsewhere {
                None => fragment,
                Some(print_url) => self.linker.page(from, print_url) + &fragment,
            };
        }
        let mut href = self.linker.page(from, url);
        if let Some(anchor) = anchor {
            href.push('#');
            href.push_str(anchor);
        }
        href
    }

    /// An id inside `page`, unique on the print page too.
    fn anchor(&self, page: &Page, id: &str) -> String {
        match self.print {
            Some(_) => format!("{}{id}", PrintAnchors::prefix(page.id)),
            None => id.to_string(),
        }
    }

    pub(super) fn link(&self, from: &str, id: PageId) -> Link {
        let page = self.site.page(id);
        Link {
            title: page.title.clone(),
            href: self.page_href(from, &page.url, None),
        }
    }

    /// `html` of `page` with its link placeholders resolved for the page at `from`.
    pub fn links_filled(&self, page: &Page, html: &str, from: &str) -> String {
        let hrefs: Vec<Option<Href>> = page
            .link_targets
            .iter()
            .map(|target| {
                target.as_ref().map(|target| match target {
                    Target::Page { url, anchor } => {
                        self.page_href(from, url, anchor.as_deref()).into()
                    }
                    Target::File(url) => self.linker.file(from, url).into(),
                    Target::SamePage(anchor) => format!("#{}", self.anchor(page, anchor)).into(),
                    Target::Fallback { language, .. } => Href {
                        url: target.href(&self.linker, from),
                        hreflang: Some(language.clone()),
                    },
                })
            })
            .collect();
        match self.print {
            Some(_) => fill_links(
                &PrintAnchors::prefix_ids(html, &PrintAnchors::prefix(page.id)),
                &hrefs,
            ),
            None => fill_links(html, &hrefs),
        }
    }

    /// A card for `id` in a listing on the page at `from`.
    pub fn card(&self, from: &str, id: PageId) -> Card {
        let page = self.site.page(id);
        let document = page.document.as_ref();
        let kind = page.content_kind().map_or("section", |kind| kind.as_str());
        let kind_label = self.kind_label(kind);
        Card {
            title: page.title.clone(),
            href: self.page_href(from, &page.url, None),
            summary: document.and_then(|d| d.front.summary.clone()),
            kind,
            kind_label,
            holds: (page.kind == PageKind::Section).then(|| self.holds(id)),
            facilitator: document
                .is_some_and(|d| d.front.audience == crate::document::Audience::Facilitator),
            duration: document.and_then(|d| d.front.duration),
            format: document
                .and_then(|d| d.front.scenario.as_ref()?.format)
                .map(|f| f.as_str().to_string()),
            level: document.and_then(|d| d.front.level.clone()),
            competencies: document
                .and_then(|d| d.front.taxonomies.get("competencies").cloned())
                .unwrap_or_default(),
            format_label: None,
            level_label: None,
        }
        .labelled(self.labels)
    }

    /// A page kind (`guide`, `questions`, `section`, `index`…) in the site's language.
    pub(super) fn kind_label(&self, kind: &str) -> String {
        self.words.get(&format!("kind_{kind}")).to_string()
    }

    /// What a section holds, counting all pages below it: "3 guides, 1 question bank".
    fn holds(&self, section: PageId) -> String {
        let mut counts = [0usize; 4];
        let mut stack = vec![section];
        while let Some(id) = stack.pop() {
            let page = self.site.page(id);
            stack.extend(&page.children);
            match page.content_kind() {
                Some(Kind::Guide) => counts[0] += 1,
                Some(Kind::Questions) => counts[1] += 1,
                Some(Kind::Scenario) => counts[2] += 1,
                Some(Kind::Session) => counts[3] += 1,
                None => {}
            }
        }
        let parts: Vec<String> = [
            (counts[0], "guide", "guides"),
            (counts[1], "question_bank", "question_banks"),
            (counts[2], "scenario", "scenarios"),
            (counts[3], "session plan", "session plans"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| self.words.count(n, one, many))
        .collect();
        if parts.is_empty() {
            self.words.get("no_pages_yet").into()
        } else {
            parts.join(", ")
        }
    }

    /// The view of a home, section or content page at its own URL.
    pub fn page_view(&self, id: PageId) -> PageView {
        self.view_at(id, &self.site.page(id).url)
    }

    /// The print page's entry for page `id`: its view as seen from the
    /// print page (`print/`, or a session's pack).
    pub fn print_entry(&self, id: PageId) -> PrintEntry {
        let at = self.print.as_ref().map_or(PRINT_URL, |p| p.at.as_str());
        let mut page = self.view_at(id, at);
        page.anchor_prefix = PrintAnchors::prefix(id);
        // Listings repeat what follows on the print page; the pages themselves are there.
        page.children.clear();
        page.scenario_filters = None;
        page.session_filters = None;
        PrintEntry {
            anchor: PrintAnchors::page(id),
            depth: self.site.page(id).depth,
            page,
        }
    }

    /// The print page's entry for the gathered page `gathered` of print
    /// page `part`, which holds `pages`: after them.
    pub fn print_gathered(
        &self,
        gathered: crate::site::Gathered,
        part: usize,
        pages: impl Iterator<Item = PageId>,
    ) -> PrintEntry {
        let at = self.print.as_ref().map_or(PRINT_URL, |p| p.at.as_str());
        let mut page = self.gathered_view(gathered, pages, at);
        let anchor = super::gathered::part_anchor(gathered, part);
        page.anchor_prefix = format!("{anchor}--");
        PrintEntry {
            anchor,
            depth: 1,
            page,
        }
    }

    pub(super) fn view_at(&self, id: PageId, from: &str) -> PageView {
        let page = self.site.page(id);
        let children: Vec<Card> = page.children.iter().map(|&c| self.card(from, c)).collect();
        let mut view = PageView {
            title: page.title.clone(),
            scenario_filters: ScenarioFilters::for_cards(&children, "scenario", self.labels),
            session_filters: ScenarioFilters::for_cards(&children, "session", self.labels),
            children,
            ..PageView::default()
        };
        view.kind = match (page.kind, page.content_kind()) {
            (PageKind::Home, _) => "home",
            (PageKind::Section, _) => "section",
            (_, Some(kind)) => kind.as_str(),
            (_, None) => "guide",
        };
        view.kind_label = self.kind_label(view.kind);
        let Some(document) = &page.document else {
            return view;
        };
        self.fill_document_fields(&mut view, page, document, from);
        if super::present::is_presented(page) {
            view.present_href = Some(self.linker.page(from, &present_url(&page.url)));
        }
        view.bank = document
            .front
            .bank
            .as_ref()
            .map(|_| self.bank_view(page, document, from));
        view.scenario = document
            .front
            .scenario
            .as_ref()
            .map(|_| self.scenario_view(page, document, from));
        view.session = document
            .front
            .session
            .as_ref()
            .map(|_| self.session_view(id, from, document.session_html.facilitator));
        view.used_in_sessions = page
            .used_in_sessions
            .iter()
            .map(|&s| self.link(from, s))
            .collect();
        view
    }

    fn fill_document_fields(
        &self,
        view: &mut PageView,
        page: &Page,
        document: &Document,
        from: &str,
    ) {
        let front = &document.front;
        view.summary = front.summary.clone();
        view.content = self.links_filled(page, &document.body_html, from);
        view.toc = document
            .toc
            .iter()
            .map(|h| TocEntry {
                id: h.id.clone(),
                title: h.title.clone(),
                level: h.level,
            })
            .collect();
        view.takeaways = front.takeaways.clone();
        view.terms = self
            .site
            .taxonomies
            .iter()
            .filter_map(|taxonomy| {
                let values = front.taxonomies.get(&taxonomy.name)?;
                let terms = values
                    .iter()
                    .filter_map(|value| {
                        let url = taxonomy.term_url(value)?;
                        Some(Link {
                            title: value.clone(),
                            href: self.linker.page(from, url),
                        })
                    })
                    .collect();
                Some(TermGroup {
                    label: taxonomy.label.clone(),
                    terms,
                })
            })
            .collect();
        view.level = front.level.clone();
        view.level_label = front.level.as_deref().map(|l| self.labels.of(l));
        view.duration = front.duration;
        view.updated = front.updated.as_ref().map(|d| d.as_str().to_string());
        let changed = front
            .updated
            .as_ref()
            .or_else(|| self.history.last_changed(&document.rel));
        view.last_changed_iso = changed.map(|d| d.as_str().to_string());
        view.last_changed = changed.map(|d| self.words.date(d.as_str()));
        view.updated_text = front.updated.as_ref().map(|d| self.words.date(d.as_str()));
        view.edit_href = self
            .edit_url
            .map(|url| url.replace("{path}", &url_path(&document.display)));
        view.owner = front.owner.clone();
        view.review_by = front
            .review_by
            .as_ref()
            .map(|d| d.value.as_str().to_string());
        view.review_by_text = front
            .review_by
            .as_ref()
            .map(|d| self.words.date(d.value.as_str()));
        view.review_due = page.review_due;
        view.facilitator = front.audience == crate::document::Audience::Facilitator;
        view.draft = front.draft;
        view.related = page.related.iter().map(|&r| self.link(from, r)).collect();
        view.extra = front.extra.clone();
    }

    fn bank_view(&self, page: &Page, document: &Document, from: &str) -> BankView {
        let bank = document.front.bank.as_ref().expect("called for banks only");
        let mut order: Vec<String> = bank.stages.clone();
        for question in &bank.questions {
            let stage = question.stage.clone().unwrap_or_default();
            if !order.contains(&stage) {
                order.push(stage);
            }
        }
        let stages = order
            .into_iter()
            .map(|name| {
                let questions = bank
                    .questions
                    .iter()
                    .enumerate()
                    .filter(|(_, q)| q.stage.as_deref().unwrap_or_default() == name)
                    .map(|(i, q)| {
                        let html = &document.questions_html[i];
                        QuestionView {
                            id: self.anchor(page, &q.id),
                            text: self.links_filled(page, &html.text, from),
                            purpose: html
                                .purpose
                                .as_ref()
                                .map(|p| self.links_filled(page, p, from)),
                            follow_ups: html
                                .follow_ups
                                .iter()
                                .map(|f| self.links_filled(page, f, from))
                                .collect(),
                            tags: q.tags.clone(),
                            facilitator: q.audience == crate::document::Audience::Facilitator,
                            used_in: page
                                .used_in
                                .get(i)
                                .into_iter()
                                .flatten()
                                .map(|&s| self.link(from, s))
                                .collect(),
                        }
                    })
                    .collect();
                let id = self.anchor(
                    page,
                    &format!(
                        "stage-{}",
                        crate::site::urls::url_part(if name.is_empty() { "other" } else { &name })
                    ),
                );
                let name = if name.is_empty() {
                    self.words.get("other_questions").to_string()
                } else {
                    name
                };
                StageView {
                    name,
                    id,
                    questions,
                }
            })
            .filter(|stage| !stage.questions.is_empty())
            .collect();
        let tags = choices(
            bank.questions.iter().flat_map(|q| q.tags.iter().cloned()),
            self.labels,
        );
        BankView {
            model: bank.model.clone(),
            stages,
            count: bank.questions.len(),
            tags,
        }
    }

    /// The roles of a scenario, with briefs resolved for the page at `from`:
    /// as a role card shows them when `for_cards`, else as the facilitator's
    /// scenario page does. An edition without briefs has names only.
    pub(super) fn roles(
        &self,
        page: &Page,
        document: &Document,
        from: &str,
        for_cards: bool,
    ) -> Vec<RoleView> {
        let scenario = document
            .front
            .scenario
            .as_ref()
            .expect("called for scenarios only");
        let briefs = &document.scenario_html.briefs;
        scenario
            .roles
            .iter()
            .enumerate()
            .map(|(i, role)| {
                let brief = briefs.get(i).map(|brief| {
                    let html = if for_cards {
                        brief.for_card()
                    } else {
                        &brief.html
                    };
                    self.links_filled(page, html, from)
                });
                RoleView {
                    id: role.id.clone(),
                    name: role.name.clone(),
                    card_href: brief
                        .as_ref()
                        .map(|_| self.linker.page(from, &role_card_url(&page.url, &role.id))),
                    brief,
                }
            })
            .collect()
    }

    fn scenario_view(&self, page: &Page, document: &Document, from: &str) -> ScenarioView {
        let scenario = document
            .front
            .scenario
            .as_ref()
            .expect("called for scenarios only");
        let debrief = scenario
            .debrief
            .iter()
            .enumerate()
            // A reference to a question this edition leaves out has no text of its own: skip it.
            .filter_map(|(i, _)| {
                let text = document.scenario_html.debrief.get(i).cloned().flatten();
                let reference = page.debrief_refs.get(i).copied().flatten();
                match reference {
                    Some(reference) => {
                        let bank_page = self.site.page(reference.bank);
                        let question_html = bank_page
                            .document
                            .as_ref()
                            .map(|d| {
                                self.links_filled(
                                    bank_page,
                                    &d.questions_html[reference.question].text,
                                    from,
                                )
                            })
                            .unwrap_or_default();
                        let question_id = bank_page
                            .document
                            .as_ref()
                            .and_then(|d| d.front.bank.as_ref())
                            .map(|b| b.questions[reference.question].id.clone())
                            .unwrap_or_default();
                        Some(DebriefView {
                            text: None,
                            question: Some(Link {
                                title: question_html,
                                href: self.page_href(from, &bank_page.url, Some(&question_id)),
                            }),
                            bank: Some(self.link(from, reference.bank)),
                        })
                    }
                    None => text.map(|text| DebriefView {
                        text: Some(text),
                        question: None,
                        bank: None,
                    }),
                }
            })
            .collect();
        ScenarioView {
            format: scenario.format.map(|f| f.as_str().to_string()),
            format_label: scenario.format.map(|f| self.labels.of(f.as_str())),
            timing: scenario.timing.clone(),
            roles: self.roles(page, document, from, false),
            role_cards: !document.scenario_html.briefs.is_empty(),
            cards_href: (!document.scenario_html.briefs.is_empty())
                .then(|| self.linker.page(from, &cards_url(&page.url))),
            observer_checklist: scenario.observer_checklist.clone(),
            debrief,
            facilitator_notes: document
                .scenario_html
                .facilitator_notes
                .as_ref()
                .map(|notes| self.links_filled(page, notes, from)),
        }
    }

    /// The view of taxonomy `t`'s page: its terms, each with its page count.
    pub fn taxonomy_view(&self, t: usize, from: &str) -> PageView {
        let taxonomy = &self.site.taxonomies[t];
        PageView {
            title: taxonomy.label.clone(),
            kind: "taxonomy",
            kind_label: self.kind_label("index"),
            terms_list: taxonomy
                .terms
                .iter()
                .map(|term| TermView {
                    name: term.name.clone(),
                    href: self.linker.page(from, &term.url),
                    count: term.pages.len(),
                })
                .collect(),
            ..PageView::default()
        }
    }

    /// The view of part `part` of the page of term `i` of taxonomy `t`
    /// (see [`super::TERM_PAGE_CARDS`]), at `from`.
    pub fn term_view(&self, t: usize, i: usize, part: usize, from: &str) -> PageView {
        let taxonomy = &self.site.taxonomies[t];
        let term = &taxonomy.terms[i];
        let chunks: Vec<&[PageId]> = term.pages.chunks(super::TERM_PAGE_CARDS).collect();
        let shown = chunks.get(part).copied().unwrap_or_default();
        let mut summary = format!("{} “{}”", self.words.get("pages_under"), term.name);
        let range = |key: &str, first: usize, count: usize| {
            self.words
                .get(key)
                .replace("{first}", &first.to_string())
                .replace("{last}", &(first + count - 1).to_string())
                .replace("{count}", &term.pages.len().to_string())
        };
        let mut related = Vec::new();
        if chunks.len() > 1 {
            let first = part * super::TERM_PAGE_CARDS + 1;
            summary.push_str(&range("pages_of_term", first, shown.len()));
            for (other, chunk) in chunks.iter().enumerate().filter(|(o, _)| *o != part) {
                let first = other * super::TERM_PAGE_CARDS + 1;
                related.push(Link {
                    title: range("pages_from_to", first, chunk.len()),
                    href: self.linker.page(from, &listing_part_url(&term.url, other)),
                });
            }
        }
        related.push(Link {
            title: format!(
                "{} {}",
                self.words.get("all"),
                taxonomy.label.to_lowercase()
            ),
            href: self.linker.page(from, &taxonomy.url),
        });
        PageView {
            title: format!("{}: {}", taxonomy.label, term.name),
            kind: "term",
            kind_label: self.kind_label("index"),
            summary: Some(summary),
            children: shown.iter().map(|&p| self.card(from, p)).collect(),
            related,
            ..PageView::default()
        }
    }

    /// The view of role `index` of the scenario `id`, at its card's URL `from`
    /// (see [`crate::site::urls::role_card_url`]): one sheet.
    pub fn role_card_view(&self, id: PageId, index: usize, from: &str) -> PageView {
        let page = self.site.page(id);
        let document = page.document.as_ref().expect("scenarios have documents");
        let role = self.roles(page, document, from, true).swap_remove(index);
        PageView {
            title: format!("{} — {}", role.name, page.title),
            kind: "role",
            kind_label: self.kind_label("role"),
            duration: document.front.duration,
            sheets: vec![self.card_sheet(id, Some((index, role)), from, String::new())],
            ..PageView::default()
        }
    }

    /// The view of the page printing every card of the scenario `id`, at
    /// `from` (see [`crate::site::urls::cards_url`]): each role's card, then
    /// the observer checklist on a sheet of its own when there is one.
    pub fn cards_view(&self, id: PageId, from: &str) -> PageView {
        let page = self.site.page(id);
        let document = page.document.as_ref().expect("scenarios have documents");
        let roles = self.roles(page, document, from, true);
        let mut sheets: Vec<CardSheet> = roles
            .into_iter()
            .enumerate()
            .map(|(index, role)| {
                let prefix = format!("role-{}--", role.id);
                self.card_sheet(id, Some((index, role)), from, prefix)
            })
            .collect();
        let checklist = self.card_sheet(id, None, from, "checklist--".into());
        if !checklist.checklist.is_empty() {
            sheets.push(checklist);
        }
        PageView {
            title: self
                .words
                .get("cards_title")
                .replace("{title}", &page.title),
            kind: "cards",
            kind_label: self.kind_label("cards"),
            summary: Some(self.words.get("cards_summary").into()),
            duration: document.front.duration,
            sheets,
            ..PageView::default()
        }
    }

    /// One sheet of the scenario `id` at `from`: the card of `role` (its
    /// index and view), or the checklist sheet for `None`. Its ids and
    /// in-sheet links get `prefix`, so sheets can share a page under its
    /// title; a sheet without one is a page of its own, titled at level 1.
    pub fn card_sheet(
        &self,
        id: PageId,
        role: Option<(usize, RoleView)>,
        from: &str,
        prefix: String,
    ) -> CardSheet {
        let page = self.site.page(id);
        let document = page.document.as_ref().expect("scenarios have documents");
        let scenario = document
            .front
            .scenario
            .as_ref()
            .expect("called for scenarios only");
        let prefixed = |html: String| match prefix.as_str() {
            "" => html,
            prefix => PrintAnchors::prefix_ids(&html, prefix),
        };
        // A card goes to participants: its situation and brief were
        // rendered without their facilitator blocks.
        let (observer, situation, role) = match role {
            Some((index, mut role)) => {
                role.brief = role.brief.map(prefixed);
                let situation = self.links_filled(
                    page,
                    document
                        .scenario_html
                        .situation_for_cards
                        .as_deref()
                        .unwrap_or(&document.body_html),
                    from,
                );
                (
                    scenario.roles[index].observer,
                    prefixed(situation),
                    Some(role),
                )
            }
            None => (true, String::new(), None),
        };
        CardSheet {
            level: if prefix.is_empty() { 1 } else { 2 },
            anchor_prefix: prefix,
            scenario: self.link(from, id),
            duration: document.front.duration,
            role,
            situation,
            checklist: if observer {
                scenario.observer_checklist.clone()
            } else {
                Vec::new()
            },
            group: None,
        }
    }
}
