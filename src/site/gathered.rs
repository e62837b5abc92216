//! Pages gathered across the handbook: every guide's key takeaways
//! (`takeaways/`), every exercise box (`exercises/`) and, in an edition that
//! keeps facilitator material, every facilitator note and block
//! (`facilitator/`). This module says which exist and what each page of
//! the site gives them; `render` lays them out and `search` indexes them.

use std::borrow::Cow;

use super::urls::{EXERCISES_URL, FACILITATOR_URL, TAKEAWAYS_URL};
use super::{Page, Site};
use crate::document::{BodyPart, Heading, Kind, escaped_text};

/// One page gathered across the handbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gathered {
    Takeaways,
    Exercises,
    Facilitator,
}

impl Gathered {
    pub fn url(self) -> &'static str {
        match self {
            Gathered::Takeaways => TAKEAWAYS_URL,
            Gathered::Exercises => EXERCISES_URL,
            Gathered::Facilitator => FACILITATOR_URL,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Gathered::Takeaways => "Key takeaways",
            Gathered::Exercises => "Exercises",
            Gathered::Facilitator => "Facilitator notes",
        }
    }

    pub fn summary(self) -> &'static str {
        match self {
            Gathered::Takeaways => "Every guide's key takeaways, by section.",
            Gathered::Exercises => "Every exercise and challenge of the handbook, by page.",
            Gathered::Facilitator => "Every facilitator note and block of the handbook, by page.",
        }
    }

    /// The gathered pages of `site`: `facilitator/` only in an edition that
    /// keeps facilitator material.
    pub fn of_site(site: &Site) -> Vec<Gathered> {
        let mut pages = vec![Gathered::Takeaways, Gathered::Exercises];
        if site.facilitator_material {
            pages.push(Gathered::Facilitator);
        }
        pages
    }
}

/// One thing a page gives a gathered page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatheredItem<'a> {
    /// The heading it follows on its page, to link to; `None` for the top.
    pub heading: Option<&'a Heading>,
    /// A label when it has no heading of its own ("Facilitator notes").
    pub label: Option<&'static str>,
    /// HTML, with the page's link placeholders.
    pub html: Cow<'a, str>,
}

/// What `page` gives the gathered page `gathered`, in page order.
pub fn gathered_items<'a>(page: &'a Page, gathered: Gathered) -> Vec<GatheredItem<'a>> {
    let Some(document) = &page.document else {
        return Vec::new();
    };
    let item = |heading, label, html| GatheredItem {
        heading,
        label,
        html,
    };
    let part = |part: &'a BodyPart| GatheredItem {
        heading: part.heading.as_ref(),
        label: None,
        html: part.html.in_body(&document.body_html),
    };
    match gathered {
        Gathered::Takeaways if document.front.kind == Kind::Guide => document
            .front
            .takeaways
            .iter()
            .map(|takeaway| item(None, None, Cow::Owned(escaped_text(takeaway))))
            .collect(),
        Gathered::Takeaways => Vec::new(),
        Gathered::Exercises => document.parts.exercises.iter().map(part).collect(),
        Gathered::Facilitator => {
            let mut items: Vec<GatheredItem> =
                document.parts.facilitator.iter().map(part).collect();
            items.extend(
                document
                    .scenario_html
                    .facilitator_notes
                    .iter()
                    .map(|notes| item(None, Some("Facilitator notes"), Cow::Borrowed(notes))),
            );
            items
        }
    }
}
