//! Changing one page of a built site in place, for `serve`: when an edit
//! leaves everything other pages see unchanged (title, summary, weight, slug,
//! terms, anchors, questions), the new document replaces the old one and only
//! its own links are resolved again. When it changes a content page's title
//! and nothing else others see, the page also takes its new title and place
//! among its section's pages ([`retitle_page`]).
//!
//! The caller decides that the edit qualifies; anything else must go through
//! [`super::build_site`]. Pure, like the rest of the stage.

use std::collections::{BTreeMap, HashMap};

use super::asset_urls;

use super::links::Resolver;
use super::{PageId, PageKind, Site, order, taxonomy, tree, warnings};
use crate::diagnostics::Diagnostic;
use crate::document::Document;

/// Puts `document` in place of page `id`'s and resolves its links again.
/// Returns every site-stage diagnostic of that page (links, warnings), which
/// replace the page's previous ones. `omitted` is the build's left-out pages.
pub fn replace_document(
    site: &mut Site,
    id: PageId,
    mut document: Document,
    omitted: &HashMap<String, String>,
) -> Vec<Diagnostic> {
    // Which file is a folder's page depends on its neighbours, which the
    // tree decided; an edit that qualifies here does not change it.
    if let Some(old) = &site.pages[id.0].document {
        document.role = old.role;
    }
    site.pages[id.0].document = Some(document);
    let resolver = Resolver::new(
        &site.pages,
        &site.by_path,
        asset_urls(site),
        &site.known,
        omitted,
        "",
    );
    let (resolution, mut diagnostics) = resolver.resolve_page(&site.pages[id.0]);
    let page = &mut site.pages[id.0];
    page.link_targets = resolution.link_targets;
    page.related = resolution.related;
    page.debrief_refs = resolution.debrief_refs;
    page.agenda_refs = resolution.agenda_refs;
    page.pre_work = resolution.pre_work;
    diagnostics.extend(warnings(std::slice::from_ref(page)));
    diagnostics
}

/// Gives content page `id` its document's title, sorts its section's pages
/// again and follows with the reading order, previous and next, and the
/// term pages. For a page whose title alone changed (see [`replace_document`]
/// for the rest); not for a site arranged by `SUMMARY.md`, whose order is
/// the summary's, nor for a section's page, whose title the tree gives
/// from its folder. `taxonomies` are the site's, as the build was given them.
pub fn retitle_page(site: &mut Site, id: PageId, taxonomies: &BTreeMap<String, String>) {
    let page = &mut site.pages[id.0];
    debug_assert_eq!(page.kind, PageKind::Content);
    let Some(document) = &page.document else {
        return;
    };
    page.title = document.front.title.clone();
    let has_terms = document
        .front
        .taxonomies
        .values()
        .any(|terms| !terms.is_empty());
    if let Some(parent) = page.parent {
        tree::sort_children(&mut site.pages, parent);
    }
    site.reading_order = order::reading_order(&site.pages);
    order::link_neighbours(&mut site.pages, &site.reading_order);
    if has_terms {
        site.taxonomies = taxonomy::build_taxonomies(&site.pages, taxonomies);
    }
}
