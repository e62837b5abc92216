//! mdBook's `SUMMARY.md`: the sidebar's order, titles, part headings and
//! nesting, read from the list of links at the top of `content/`.
//!
//! The parser walks pulldown-cmark events rather than using mdBook's own
//! summary crate, which would bring mdBook's core with it. A `#` heading
//! before the first link is the book's title and is skipped; a later one is
//! a part heading; a link outside a list is a prefix or suffix chapter at
//! the top; a list item's link is a chapter, nested as its list is; a link
//! with an empty target (`[Draft]()`) is a chapter not written yet and is
//! left out, and so are `---` separators. [`arrange`] then puts the pages
//! where the summary says: listed pages in its order, under their listed
//! parent, with its title; pages it does not list follow them, with one
//! warning naming them all; an entry naming no page is an error at its line.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::{Page, PageId, PageKind};
use crate::diagnostics::{Code, Diagnostic, Severity};

/// Tells a content path the build knows but leaves out (a draft, another
/// edition's page, a page that failed to parse).
pub type Elsewhere<'a> = &'a dyn Fn(&str) -> bool;

/// How many unlisted pages the warning names before it only counts.
const NAMED: usize = 20;

/// A parsed `SUMMARY.md`.
#[derive(Debug, Clone)]
pub struct Summary {
    pub display: PathBuf,
    pub text: String,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    /// A part heading, shown above the chapters that follow it.
    Part(String),
    Chapter {
        /// 0 for a top-level chapter, 1 for one nested once, …
        depth: usize,
        title: String,
        /// The target as written; `None` for a draft chapter.
        path: Option<String>,
        /// Byte offset of the link in the file.
        offset: usize,
    },
}

/// Reads the summary `text`, the file shown as `display`.
pub fn parse_summary(display: &Path, text: &str) -> Summary {
    let mut entries = Vec::new();
    let mut lists = 0usize;
    // The text being collected: a heading's or a link's, with the link's target and offset.
    let mut heading: Option<String> = None;
    let mut link: Option<(String, usize, String)> = None;
    let mut seen_chapter = false;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_)) => lists += 1,
            Event::End(TagEnd::List(_)) => lists = lists.saturating_sub(1),
            Event::Start(Tag::Heading { level, .. }) if lists == 0 && link.is_none() => {
                heading = (level == HeadingLevel::H1 || seen_chapter).then(String::new);
            }
            Event::End(TagEnd::Heading(_)) => {
                // A heading before any chapter titles the book: the site has its own.
                if let Some(title) = heading.take()
                    && seen_chapter
                {
                    entries.push(Entry::Part(title.trim().to_string()));
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) if heading.is_none() => {
                link = Some((dest_url.to_string(), range.start, String::new()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((target, offset, title)) = link.take() {
                    seen_chapter = true;
                    let target = target.trim();
                    entries.push(Entry::Chapter {
                        depth: lists.saturating_sub(1),
                        title: title.trim().to_string(),
                        path: (!target.is_empty()).then(|| target.to_string()),
                        offset,
                    });
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, title)) = link.as_mut() {
                    title.push_str(&text);
                } else if let Some(title) = heading.as_mut() {
                    title.push_str(&text);
                }
            }
            _ => {}
        }
    }
    Summary {
        display: display.to_path_buf(),
        text: text.to_string(),
        entries,
    }
}

/// A summary target as a content path: read from `content/`, with an
/// `#anchor` dropped and `%20` and other escapes decoded.
fn content_path(target: &str) -> Option<String> {
    let target = target.split('#').next().unwrap_or("");
    super::urls::resolve_content_path("", target)
}

/// Re-parents `pages` as `summary` says, filling in children lists in its
/// order. `elsewhere` tells a path the build knows but leaves out (a draft,
/// another edition's page, a page that failed to parse), which an entry may
/// name without an error. Returns the pages reached by no list (section
/// pages whose folder's pages all moved), which are built outside the
/// sidebar and the reading order.
pub(super) fn arrange(
    pages: &mut [Page],
    by_path: &HashMap<String, PageId>,
    summary: &Summary,
    elsewhere: Elsewhere,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PageId> {
    let before = super::order::reading_order(pages);
    let home = PageId(0);
    let mut placed: Vec<(PageId, PageId)> = Vec::new();
    let mut listed: HashSet<PageId> = HashSet::from([home]);
    let mut open: Vec<(usize, PageId)> = Vec::new();
    let mut part: Option<String> = None;
    for entry in &summary.entries {
        let (depth, title, path, offset) = match entry {
            Entry::Part(title) => {
                part = Some(title.clone());
                open.clear();
                continue;
            }
            Entry::Chapter {
                depth,
                title,
                path,
                offset,
            } => (*depth, title, path, *offset),
        };
        while open.last().is_some_and(|&(d, _)| d >= depth) {
            open.pop();
        }
        let Some(path) = path else { continue };
        let rel = content_path(path).unwrap_or_default();
        let Some(&id) = by_path.get(&rel) else {
            if !elsewhere(&rel) {
                diagnostics.push(
                    Diagnostic::at(
                        Code::Summary,
                        Severity::Error,
                        &summary.display,
                        &summary.text,
                        offset,
                        format!("`{path}` is listed here but there is no such page in content/"),
                    )
                    .with_help(
                        match crate::diagnostics::did_you_mean(
                            &rel,
                            by_path.keys().map(String::as_str),
                        ) {
                            Some(near) => {
                                format!("did you mean `{near}`? Paths are read from content/")
                            }
                            None => {
                                "correct the path (it is read from content/), or remove the entry"
                                    .to_string()
                            }
                        },
                    ),
                );
            }
            continue;
        };
        if !listed.insert(id) {
            continue;
        }
        if !title.is_empty() {
            pages[id.0].title = title.clone();
        }
        pages[id.0].part = part.take();
        let parent = open.last().map_or(home, |&(_, parent)| parent);
        placed.push((id, parent));
        open.push((depth, id));
    }
    let mut unlisted = Vec::new();
    for &id in before.iter().filter(|id| !listed.contains(id)) {
        let parent = pages[id.0]
            .parent
            .filter(|p| *p != home && !listed.contains(p))
            .unwrap_or(home);
        placed.push((id, parent));
        if let Some(document) = &pages[id.0].document {
            unlisted.push(document.display.display().to_string());
        }
    }
    for page in pages.iter_mut() {
        page.children.clear();
    }
    for &(id, parent) in &placed {
        pages[id.0].parent = Some(parent);
        pages[parent.0].children.push(id);
    }
    let empty = drop_empty_sections(pages);
    if !unlisted.is_empty() {
        let mut names = unlisted
            .iter()
            .take(NAMED)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if unlisted.len() > NAMED {
            names.push_str(&format!(", and {} more", unlisted.len() - NAMED));
        }
        diagnostics.push(
            Diagnostic::file(
                Code::Summary,
                Severity::Warning,
                &summary.display,
                format!(
                    "{} {} not listed here, so {} after the listed ones: {names}",
                    unlisted.len(),
                    if unlisted.len() == 1 { "page is" } else { "pages are" },
                    if unlisted.len() == 1 { "it follows" } else { "they follow" },
                ),
            )
            .with_help("add each to SUMMARY.md where it belongs, or leave it out with `exclude` in site.toml"),
        );
    }
    empty
}

/// Takes section pages without a file of their own and without children
/// (their folder's pages all moved) out of their parent's list.
fn drop_empty_sections(pages: &mut [Page]) -> Vec<PageId> {
    let order = super::order::reading_order(pages);
    let mut dropped = Vec::new();
    for &id in order.iter().rev() {
        let page = &pages[id.0];
        if page.kind == PageKind::Section && page.document.is_none() && page.children.is_empty() {
            if let Some(parent) = page.parent {
                pages[parent.0].children.retain(|&child| child != id);
            }
            dropped.push(id);
        }
    }
    dropped.reverse();
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapter(depth: usize, title: &str, path: Option<&str>) -> (usize, String, Option<String>) {
        (depth, title.to_string(), path.map(ToString::to_string))
    }

    #[test]
    fn parts_nesting_drafts_and_separators_are_read() {
        let text = "# Summary\n\n[Welcome](README.md)\n\n# Basics\n\n- [Listening](listening.md)\n  - [Silence](listening/silence.md)\n- [Later]()\n\n---\n\n# Practice\n\n- [`GROW`](grow.md#goal)\n\n[Thanks](thanks.md)\n";
        let summary = parse_summary(Path::new("content/SUMMARY.md"), text);
        let mut chapters = Vec::new();
        let mut parts = Vec::new();
        for entry in &summary.entries {
            match entry {
                Entry::Part(title) => parts.push(title.clone()),
                Entry::Chapter {
                    depth, title, path, ..
                } => chapters.push((*depth, title.clone(), path.clone())),
            }
        }
        assert_eq!(parts, ["Basics", "Practice"]);
        assert_eq!(
            chapters,
            [
                chapter(0, "Welcome", Some("README.md")),
                chapter(0, "Listening", Some("listening.md")),
                chapter(1, "Silence", Some("listening/silence.md")),
                chapter(0, "Later", None),
                chapter(0, "GROW", Some("grow.md#goal")),
                chapter(0, "Thanks", Some("thanks.md")),
            ]
        );
    }

    #[test]
    fn targets_become_content_paths() {
        assert_eq!(content_path("./a%20b/c.md#x").as_deref(), Some("a b/c.md"));
        assert_eq!(content_path("guides/x.md").as_deref(), Some("guides/x.md"));
        assert_eq!(content_path("../x.md"), None);
    }
}
