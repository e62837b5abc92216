//! View structs: exactly what templates see, built from the site for one
//! output location. Templates never see documents or the site directly, so
//! the template contract is this file (documented in the README).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use super::nav::{Link, Nav};
use super::print::PrintPlan;
use crate::document::{Document, Kind, fill_links};
use crate::site::urls::{listing_part_url, role_card_url};
use crate::site::{Linker, Page, PageId, PageKind, Site, Target};
use crate::vocab::plural;

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
    pub kind_label: &'static str,
    /// For sections: what they hold, such as "3 guides, 1 question bank".
    pub holds: Option<String>,
    pub facilitator: bool,
    /// For scenarios, what the listing filters by.
    pub duration: Option<u32>,
    pub format: Option<String>,
    pub level: Option<String>,
    pub competencies: Vec<String>,
}

/// The choices of a scenario listing's filters, from the scenarios it lists.
#[derive(Debug, Clone, Serialize, Default)]
pub struct ScenarioFilters {
    /// Distinct durations, shortest first: "up to N minutes".
    pub durations: Vec<u32>,
    pub formats: Vec<String>,
    pub levels: Vec<String>,
    pub competencies: Vec<String>,
}

impl ScenarioFilters {
    /// Filters for `cards`, when they include at least two scenarios to choose between.
    fn for_cards(cards: &[Card]) -> Option<ScenarioFilters> {
        let scenarios: Vec<&Card> = cards.iter().filter(|c| c.kind == "scenario").collect();
        if scenarios.len() < 2 {
            return None;
        }
        let distinct = |values: Vec<String>| -> Vec<String> {
            let set: std::collections::BTreeSet<String> = values.into_iter().collect();
            set.into_iter().collect()
        };
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
    pub tags: Vec<String>,
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
    pub timing: Vec<crate::document::Phase>,
    pub roles: Vec<RoleView>,
    /// Whether this edition has the briefs and role cards; when not (a
    /// participant edition), the page says the facilitator hands the cards out.
    pub role_cards: bool,
    pub observer_checklist: Vec<String>,
    pub debrief: Vec<DebriefView>,
    pub facilitator_notes: Option<String>,
}

/// The role card page's own data.
#[derive(Debug, Clone, Serialize)]
pub struct CardView {
    pub role: RoleView,
    pub scenario: Link,
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
    /// `home`, `section`, `guide`, `questions`, `scenario`, `role`, `taxonomy`, `term` or `not-found`.
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub summary: Option<String>,
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub takeaways: Vec<String>,
    pub terms: Vec<TermGroup>,
    pub level: Option<String>,
    pub duration: Option<u32>,
    pub updated: Option<String>,
    pub owner: Option<String>,
    pub review_by: Option<String>,
    pub review_due: bool,
    pub facilitator: bool,
    pub draft: bool,
    pub related: Vec<Link>,
    pub extra: BTreeMap<String, Value>,
    pub children: Vec<Card>,
    pub bank: Option<BankView>,
    pub scenario: Option<ScenarioView>,
    pub card: Option<CardView>,
    pub terms_list: Vec<TermView>,
    /// Filters for the scenarios among `children`, when there are two or more.
    pub scenario_filters: Option<ScenarioFilters>,
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

/// Builds views for pages at one output URL.
pub struct ViewBuilder<'a> {
    pub site: &'a Site,
    pub linker: Linker,
    /// Set when building a print page: links between pages printed become
    /// anchors on the print pages, and each page's ids get a prefix.
    pub print: Option<PrintAnchors<'a>>,
}

/// The anchor of every printed page, on the print page being built (`here`)
/// or on another one.
pub struct PrintAnchors<'a> {
    pub plan: &'a PrintPlan,
    /// The print page being built, by its index in `plan`.
    pub here: usize,
}

impl PrintAnchors<'_> {
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
    fn page_href(&self, from: &str, url: &str, anchor: Option<&str>) -> String {
        if let Some(print) = &self.print
            && let Some((target, part)) = print.plan.find(url)
        {
            let fragment = match anchor {
                Some(anchor) => format!("#{}{anchor}", PrintAnchors::prefix(target)),
                None => format!("#{}", PrintAnchors::page(target)),
            };
            if part == print.here {
                return fragment;
            }
            return self.linker.page(from, &print.plan.parts[part].url) + &fragment;
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

    fn link(&self, from: &str, id: PageId) -> Link {
        let page = self.site.page(id);
        Link {
            title: page.title.clone(),
            href: self.page_href(from, &page.url, None),
        }
    }

    /// `html` of `page` with its link placeholders resolved for the page at `from`.
    pub fn links_filled(&self, page: &Page, html: &str, from: &str) -> String {
        let hrefs: Vec<Option<String>> = page
            .link_targets
            .iter()
            .map(|target| {
                target.as_ref().map(|target| match target {
                    Target::Page { url, anchor } => self.page_href(from, url, anchor.as_deref()),
                    Target::File(url) => self.linker.file(from, url),
                    Target::SamePage(anchor) => format!("#{}", self.anchor(page, anchor)),
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
        let (kind, kind_label) = match page.content_kind() {
            Some(kind) => (kind.as_str(), kind.label()),
            None => ("section", "section"),
        };
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
        }
    }

    /// What a section holds, counting all pages below it: "3 guides, 1 question bank".
    fn holds(&self, section: PageId) -> String {
        let mut counts = [0usize; 3];
        let mut stack = vec![section];
        while let Some(id) = stack.pop() {
            let page = self.site.page(id);
            stack.extend(&page.children);
            match page.content_kind() {
                Some(Kind::Guide) => counts[0] += 1,
                Some(Kind::Questions) => counts[1] += 1,
                Some(Kind::Scenario) => counts[2] += 1,
                None => {}
            }
        }
        let parts: Vec<String> = [
            (counts[0], "guide", "guides"),
            (counts[1], "question bank", "question banks"),
            (counts[2], "scenario", "scenarios"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
        if parts.is_empty() {
            "no pages yet".into()
        } else {
            parts.join(", ")
        }
    }

    /// The view of a home, section or content page at its own URL.
    pub fn page_view(&self, id: PageId) -> PageView {
        self.view_at(id, &self.site.page(id).url)
    }

    /// The print page's entry for page `id`: its view as seen from the print
    /// page at `from`.
    pub fn print_entry(&self, id: PageId, from: &str) -> PrintEntry {
        let mut page = self.view_at(id, from);
        page.anchor_prefix = PrintAnchors::prefix(id);
        // Listings repeat what follows on the print page; the pages themselves are there.
        page.children.clear();
        page.scenario_filters = None;
        PrintEntry {
            anchor: PrintAnchors::page(id),
            depth: self.site.page(id).depth,
            page,
        }
    }

    fn view_at(&self, id: PageId, from: &str) -> PageView {
        let page = self.site.page(id);
        let children: Vec<Card> = page.children.iter().map(|&c| self.card(from, c)).collect();
        let mut view = PageView {
            title: page.title.clone(),
            scenario_filters: ScenarioFilters::for_cards(&children),
            children,
            ..PageView::default()
        };
        (view.kind, view.kind_label) = match (page.kind, page.content_kind()) {
            (PageKind::Home, _) => ("home", "home"),
            (PageKind::Section, _) => ("section", "section"),
            (_, Some(kind)) => (kind.as_str(), kind.label()),
            (_, None) => ("guide", "guide"),
        };
        let Some(document) = &page.document else {
            return view;
        };
        self.fill_document_fields(&mut view, page, document, from);
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
        view.duration = front.duration;
        view.updated = front.updated.as_ref().map(|d| d.as_str().to_string());
        view.owner = front.owner.clone();
        view.review_by = front
            .review_by
            .as_ref()
            .map(|d| d.value.as_str().to_string());
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
                    "Other questions".to_string()
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
        let tags: std::collections::BTreeSet<String> = bank
            .questions
            .iter()
            .flat_map(|q| q.tags.iter().cloned())
            .collect();
        BankView {
            model: bank.model.clone(),
            stages,
            count: bank.questions.len(),
            tags: tags.into_iter().collect(),
        }
    }

    /// The roles of a scenario, with briefs resolved for the page at `from`:
    /// as a role card shows them when `for_cards`, else as the facilitator's
    /// scenario page does. An edition without briefs has names only.
    fn roles(
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
            timing: scenario.timing.clone(),
            roles: self.roles(page, document, from, false),
            role_cards: !document.scenario_html.briefs.is_empty(),
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
            kind_label: "index",
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

    /// The view of term `i` of taxonomy `t`: the pages under it.
    /// The view of part `part` of the page of term `i` of taxonomy `t`
    /// (see [`super::TERM_PAGE_CARDS`]), at `from`.
    pub fn term_view(&self, t: usize, i: usize, part: usize, from: &str) -> PageView {
        let taxonomy = &self.site.taxonomies[t];
        let term = &taxonomy.terms[i];
        let chunks: Vec<&[PageId]> = term.pages.chunks(super::TERM_PAGE_CARDS).collect();
        let shown = chunks.get(part).copied().unwrap_or_default();
        let mut summary = format!("Pages under “{}”", term.name);
        let mut related = Vec::new();
        if chunks.len() > 1 {
            let first = part * super::TERM_PAGE_CARDS + 1;
            let _ = write!(
                summary,
                ", {first} to {} of {}",
                first + shown.len() - 1,
                term.pages.len()
            );
            for (other, chunk) in chunks.iter().enumerate().filter(|(o, _)| *o != part) {
                let first = other * super::TERM_PAGE_CARDS + 1;
                related.push(Link {
                    title: format!("Pages {first} to {}", first + chunk.len() - 1),
                    href: self.linker.page(from, &listing_part_url(&term.url, other)),
                });
            }
        }
        related.push(Link {
            title: format!("All {}", taxonomy.label.to_lowercase()),
            href: self.linker.page(from, &taxonomy.url),
        });
        PageView {
            title: format!("{}: {}", taxonomy.label, term.name),
            kind: "term",
            kind_label: "index",
            summary: Some(summary),
            children: shown.iter().map(|&p| self.card(from, p)).collect(),
            related,
            ..PageView::default()
        }
    }

    /// The view of role `index` of the scenario `id`, at its card's URL `from`
    /// (see [`crate::site::urls::role_card_url`]).
    pub fn role_card_view(&self, id: PageId, index: usize, from: &str) -> PageView {
        let page = self.site.page(id);
        let document = page.document.as_ref().expect("scenarios have documents");
        let role = self.roles(page, document, from, true).swap_remove(index);
        let html = &document.scenario_html;
        PageView {
            title: format!("{} — {}", role.name, page.title),
            kind: "role",
            kind_label: "role card",
            // A role card goes to participants: its situation and brief
            // were rendered without their facilitator blocks.
            content: self.links_filled(
                page,
                html.situation_for_cards
                    .as_deref()
                    .unwrap_or(&document.body_html),
                from,
            ),
            duration: document.front.duration,
            card: Some(CardView {
                role,
                scenario: self.link(from, id),
            }),
            ..PageView::default()
        }
    }
}
