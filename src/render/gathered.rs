//! The views of the pages gathered across the handbook (`takeaways/`,
//! `exercises/`, `facilitator/`): what each page gives them, grouped by
//! section in reading order, each item linked to its place.

use serde::Serialize;

use super::nav::Link;
use super::views::{PageView, ViewBuilder};
use crate::i18n::Words;
use crate::site::{Gathered, PageId, gathered_items};

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

impl ViewBuilder<'_> {
    /// The view of gathered page `gathered`, as seen from `from` (its own
    /// URL, or the print page).
    pub fn gathered_view(&self, gathered: Gathered, from: &str) -> PageView {
        let site = self.site;
        let mut sections: Vec<GatheredSection> = Vec::new();
        let mut count = 0;
        for &id in &site.reading_order {
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
            }),
            ..PageView::default()
        }
    }
}
