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

/// What a page's document holds for a gathered page: takeaways (text),
/// parts of its body, and a scenario's facilitator notes.
type Sources<'a> = (&'a [String], &'a [BodyPart], Option<&'a String>);

/// Where `page`'s items for `gathered` come from.
fn sources(page: &Page, gathered: Gathered) -> Sources<'_> {
    let Some(document) = &page.document else {
        return (&[], &[], None);
    };
    match gathered {
        Gathered::Takeaways if document.front.kind == Kind::Guide => {
            (&document.front.takeaways, &[], None)
        }
        Gathered::Takeaways => (&[], &[], None),
        Gathered::Exercises => (&[], &document.parts.exercises, None),
        Gathered::Facilitator => (
            &[],
            &document.parts.facilitator,
            document.scenario_html.facilitator_notes.as_ref(),
        ),
    }
}

/// Whether `page` gives the gathered page `gathered` anything.
pub fn has_items(page: &Page, gathered: Gathered) -> bool {
    let (takeaways, parts, notes) = sources(page, gathered);
    !takeaways.is_empty() || !parts.is_empty() || notes.is_some()
}

/// What `page` gives the gathered page `gathered`, in page order.
pub fn gathered_items<'a>(page: &'a Page, gathered: Gathered) -> Vec<GatheredItem<'a>> {
    let Some(document) = &page.document else {
        return Vec::new();
    };
    let (takeaways, parts, notes) = sources(page, gathered);
    let takeaways = takeaways.iter().map(|takeaway| GatheredItem {
        heading: None,
        label: None,
        html: Cow::Owned(escaped_text(takeaway)),
    });
    let parts = parts.iter().map(|part| GatheredItem {
        heading: part.heading.as_ref(),
        label: None,
        html: part.html.in_body(&document.body_html),
    });
    let notes = notes.map(|notes| GatheredItem {
        heading: None,
        label: Some("Facilitator notes"),
        html: Cow::Borrowed(notes.as_str()),
    });
    takeaways.chain(parts).chain(notes).collect()
}
