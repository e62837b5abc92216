//! The views of the pages gathered across the handbook (`takeaways/`,
//! `exercises/`, `facilitator/`): what each page gives them, grouped by
//! section in reading order, each item linked to its place.
//!
//! They follow the print pages, so that none grows with the handbook: a
//! handbook printed on one page gathers everything on one page of each
//! kind; a larger one gives each print page that has items a gathered page
//! of its own (`takeaways/2/`, …, numbered as its print page is in the
//! plan), which `takeaways/` lists after its own items. Each print page
//! prints the items of its own pages after them.

use serde::Serialize;

use super::nav::Link;
use super::print::{PrintPlan, part_title};
use super::views::{PageView, ViewBuilder};
use crate::i18n::Words;
use crate::site::urls::listing_part_url;
use crate::site::{Gathered, PageId, Site, gathered_items, has_items};

/// The title of `gathered` in the reader's words, for its page and the menu.
pub fn title(words: &Words, gathered: Gathered) -> String {
    words.get(&format!("gathered_{}", gathered.name())).into()
}

/// A gathered page's listing.
#[derive(Debug, Clone, Serialize)]
pub struct GatheredView {
    /// `takeaways`, `exercises` or `facilitator`.
    pub name: &'static str,
    pub sections: Vec<GatheredSection>,
    /// How many items in all.
    pub count: usize,
    /// On the first of a large handbook's gathered pages of this kind: the
    /// others, one per print page.
    pub parts: Vec<Link>,
    /// On any other: the first.
    pub up: Option<Link>,
}

/// The pages of one section that give the gathered page something.
#[derive(Debug, Clone, Serialize)]
pub struct GatheredSection {
    pub section: Link,
    pub pages: Vec<GatheredPage>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GatheredPage {
    pub page: Link,
    pub items: Vec<GatheredItemView>,
}

/// One takeaway, exercise or facilitator block, linked to where it is.
#[derive(Debug, Clone, Serialize)]
pub struct GatheredItemView {
    /// The heading it follows, or its label; `None` at the top of its page.
    pub place: Option<String>,
    pub href: String,
    pub html: String,
}

impl Gathered {
    /// The name of a gathered page, for classes and the view.
    fn name(self) -> &'static str {
        self.url().trim_end_matches('/')
    }
}

/// The site URL of the gathered page `gathered` of print page `part`.
pub fn part_url(gathered: Gathered, part: usize) -> String {
    listing_part_url(gathered.url(), part)
}

/// The id of that gathered page's entry on its print page.
pub fn part_anchor(gathered: Gathered, part: usize) -> String {
    part_url(gathered, part)
        .trim_end_matches('/')
        .replace('/', "-")
}

/// Whether the pages print page `part` holds give `gathered` anything.
pub fn part_has_items(site: &Site, plan: &PrintPlan, gathered: Gathered, part: usize) -> bool {
    plan.entries(part)
        .any(|id| has_items(site.page(id), gathered))
}

/// The print pages, besides the first, whose pages give `gathered`
/// something, in the reading order of their first such page: each has a
/// gathered page of its own. None when the handbook prints on one page.
pub fn later_parts(site: &Site, plan: &PrintPlan, gathered: Gathered) -> Vec<usize> {
    if !plan.is_split() {
        return Vec::new();
    }
    let mut seen = vec![false; plan.parts.len()];
    seen[0] = true;
    let mut parts = Vec::new();
    for &id in &site.reading_order {
        let Some(part) = plan.part_of(id) else {
            continue;
        };
        if !seen[part] && has_items(site.page(id), gathered) {
            seen[part] = true;
            parts.push(part);
        }
    }
    parts
}

impl ViewBuilder<'_> {
    /// The view of the gathered page `gathered` of print page `part`, at its own URL.
    pub fn gathered_part_view(
        &self,
        plan: &PrintPlan,
        gathered: Gathered,
        part: usize,
        from: &str,
    ) -> PageView {
        let site = self.site;
        let mut view = self.gathered_view(gathered, plan.entries(part), from);
        let name = view.title.clone();
        let link = |title: String, url: &str| Link {
            title,
            href: self.linker.page(from, url),
        };
        let items = view.gathered.as_mut().expect("a gathered view");
        if part == 0 {
            items.parts = later_parts(site, plan, gathered)
                .into_iter()
                .map(|p| {
                    let title = part_title(site, self.words, &plan.parts[p]);
                    link(title, &part_url(gathered, p))
                })
                .collect();
        } else {
            items.up = Some(link(name.clone(), gathered.url()));
            let section = part_title(site, self.words, &plan.parts[part]);
            view.title = format!("{name}: {section}");
        }
        view
    }

    /// The view of gathered page `gathered` holding what `pages` give it,
    /// as seen from `from` (its own URL, or a print page).
    pub fn gathered_view(
        &self,
        gathered: Gathered,
        pages: impl Iterator<Item = PageId>,
        from: &str,
    ) -> PageView {
        let site = self.site;
        let mut sections: Vec<GatheredSection> = Vec::new();
        let mut count = 0;
        for id in pages {
            let page = site.page(id);
            let items: Vec<GatheredItemView> = gathered_items(page, gathered)
                .into_iter()
                .map(|item| GatheredItemView {
                    place: item
                        .heading
                        .map(|h| h.title.clone())
                        .or(item.label.map(String::from)),
                    href: self.page_href(from, &page.url, item.heading.map(|h| h.id.as_str())),
                    html: self.links_filled(page, &item.html, from),
                })
                .collect();
            if items.is_empty() {
                continue;
            }
            count += items.len();
            let parent = page.parent.unwrap_or(PageId(0));
            let entry = GatheredPage {
                page: self.link(from, id),
                items,
            };
            match sections.last_mut() {
                Some(last) if last.section.href == self.link(from, parent).href => {
                    last.pages.push(entry);
                }
                _ => sections.push(GatheredSection {
                    section: self.link(from, parent),
                    pages: vec![entry],
                }),
            }
        }
        PageView {
            title: title(self.words, gathered),
            kind: "gathered",
            kind_label: self.kind_label("gathered"),
            summary: Some(
                self.words
                    .get(&format!("gathered_{}_summary", gathered.name()))
                    .into(),
            ),
            facilitator: gathered == Gathered::Facilitator,
            gathered: Some(GatheredView {
                name: gathered.name(),
                sections,
                count,
                parts: Vec::new(),
                up: None,
            }),
            ..PageView::default()
        }
    }
}
