//! A page on the room's screen (`<page>/present/`) and its presenter window
//! (`<page>/present/presenter/`): one [`ScreenView`] per screen, which
//! `partials/screen.html` lays out and `coachbook-present.js` steps through.
//!
//! A guide gives a title screen (with the text above its first `##`), one
//! screen per `##` section and a closing screen with its key takeaways. A
//! screen is plain data (title, minutes, phases, material, notes), so a
//! session's agenda (`present_session.rs`) renders into the same engine.
//! *Invariant:* the room's screens carry no notes; only the presenter
//! window's view has them, and only an edition with facilitator material
//! has a presenter window.

use serde::Serialize;

use super::nav::Link;
use super::views::{PageView, ViewBuilder};
use crate::document::{BodyHtml, Kind, Phase};
use crate::site::urls::{present_url, presenter_url};
use crate::site::{Page, PageId, PageKind, Site};

/// One screen of a presentation.
#[derive(Debug, Clone, Serialize, Default)]
pub struct ScreenView {
    /// `title`, `section`, `closing` (and any other word a sequence needs).
    pub kind: &'static str,
    /// Plain text: the screen's name in the control bar and the presenter window.
    pub title: String,
    /// Whether `html` starts with the screen's own heading (a guide's `##`).
    pub own_heading: bool,
    /// How long the screen is planned to take, when it is timed.
    pub minutes: Option<u32>,
    /// The timed screen's phases, in order (their minutes add up to `minutes`).
    pub phases: Vec<Phase>,
    /// `phases` as JSON, for the script (`data-phases`); filled by [`PresentView::new`].
    pub phases_json: String,
    /// A line under the title, as plain text (a page's summary).
    pub lead: Option<String>,
    /// What the room sees, as HTML.
    pub html: String,
    /// A short list shown large (takeaways, objectives), as plain strings.
    pub list_title: Option<String>,
    pub list: Vec<String>,
    /// Questions asked on the screen, each as HTML.
    pub questions: Vec<String>,
    /// Short facts shown under the title (a scenario's format, groups, roles).
    pub facts: Vec<String>,
    /// The planned clock time the screen starts (`HH:MM`, `data-at`), when
    /// the plan has clock times.
    pub at: Option<String>,
    /// Whether the screen shows its time left large (a break).
    pub countdown: bool,
    /// Facilitator notes, as HTML: only in the presenter window's view.
    pub notes: Vec<String>,
}

/// A presentation as its two windows see it.
#[derive(Debug, Clone, Serialize)]
pub struct PresentView {
    pub screens: Vec<ScreenView>,
    /// Whether this is the presenter window.
    pub presenter: bool,
    /// From the room: the presenter window, in editions that have one.
    pub presenter_href: Option<String>,
    /// From the presenter window: the room's screen.
    pub room_href: Option<String>,
    /// The page presented.
    pub source: Link,
    /// What the timer's saved state is kept under: the presented page's URL.
    pub key: String,
    /// The planned start as `HH:MM`, when the page gives one.
    pub start: Option<String>,
}

/// The pages that get a presentation: every guide and every session plan.
pub fn presented_pages(site: &Site) -> impl Iterator<Item = PageId> + '_ {
    site.reading_order
        .iter()
        .copied()
        .filter(|&id| is_presented(site.page(id)))
}

/// Whether page `page` has a presentation.
pub fn is_presented(page: &Page) -> bool {
    page.kind == PageKind::Content
        && matches!(page.content_kind(), Some(Kind::Guide | Kind::Session))
}

impl PresentView {
    /// A presentation of `screens`, each screen's phases also as JSON.
    fn new(mut screens: Vec<ScreenView>, presenter: bool, source: Link, key: String) -> Self {
        for screen in &mut screens {
            if !screen.phases.is_empty() {
                screen.phases_json = serde_json::to_string(&screen.phases).unwrap_or_default();
            }
        }
        PresentView {
            screens,
            presenter,
            presenter_href: None,
            room_href: None,
            source,
            key,
            start: None,
        }
    }
}

impl ViewBuilder<'_> {
    /// The view of guide or session `id` presented: the room's screen, or
    /// the presenter window when `presenter`.
    pub fn present_view(&self, id: PageId, presenter: bool) -> PageView {
        let page = self.site.page(id);
        let from = if presenter {
            presenter_url(&page.url)
        } else {
            present_url(&page.url)
        };
        let mut screens = Vec::new();
        let mut start = None;
        if let Some(session) = page
            .document
            .as_ref()
            .and_then(|d| d.front.session.as_ref())
        {
            screens = self.session_screens(id, &from, presenter);
            start = session.start.map(crate::vocab::clock_time);
        } else if let Some(document) = &page.document {
            let sections = &document.parts.sections;
            let body = document.body_html.as_str();
            let notes = |notes: &[BodyHtml]| -> Vec<String> {
                if presenter {
                    notes
                        .iter()
                        .map(|note| self.links_filled(page, &note.in_body(body), &from))
                        .collect()
                } else {
                    Vec::new()
                }
            };
            // The presenter window names each screen and holds its notes; the
            // room's screen beside it shows the material, which a guide would
            // otherwise carry twice more.
            let material = |html: &BodyHtml| {
                if presenter {
                    String::new()
                } else {
                    self.links_filled(page, &html.in_body(body), &from)
                }
            };
            let intro = sections.first();
            screens.push(ScreenView {
                kind: "title",
                title: page.title.clone(),
                html: intro.map_or_else(String::new, |s| material(&s.html)),
                lead: document.front.summary.clone(),
                notes: intro.map_or_else(Vec::new, |s| notes(&s.notes)),
                ..ScreenView::default()
            });
            screens.extend(sections.iter().skip(1).map(|section| {
                ScreenView {
                    kind: "section",
                    title: section
                        .heading
                        .as_ref()
                        .map_or_else(String::new, |h| h.title.clone()),
                    own_heading: !presenter,
                    html: material(&section.html),
                    notes: notes(&section.notes),
                    ..ScreenView::default()
                }
            }));
            let takeaways = &document.front.takeaways;
            screens.push(ScreenView {
                kind: "closing",
                title: if takeaways.is_empty() {
                    self.words.get("the_end").into()
                } else {
                    self.words.get("key_takeaways").into()
                },
                list: takeaways.clone(),
                ..ScreenView::default()
            });
        }
        let facilitator_window = self.site.facilitator_material;
        let source = Link {
            title: page.title.clone(),
            href: self.linker.page(&from, &page.url),
        };
        PageView {
            title: page.title.clone(),
            kind: "present",
            kind_label: self.kind_label("present"),
            present: Some(PresentView {
                presenter_href: (facilitator_window && !presenter)
                    .then(|| self.linker.page(&from, &presenter_url(&page.url))),
                room_href: presenter.then(|| self.linker.page(&from, &present_url(&page.url))),
                start,
                ..PresentView::new(screens, presenter, source, page.url.clone())
            }),
            ..PageView::default()
        }
    }
}
