//! The names an Obsidian wikilink may use: a page's file name (without
//! `.md`, with or without some of its folders: `[[folder/Note]]`), then its
//! title or one of its `aliases`; a file by its name. All case-insensitive,
//! anywhere in the handbook. When several pages or files share the name, the
//! nearest wins: the linking file's folder, then its closest ancestor;
//! what is left tied is ambiguous.

use std::collections::HashMap;

use super::urls::{file_name, md_stem, parent_dir};
use super::{Page, PageId};
use crate::diagnostics::did_you_mean;

/// What a name matched.
pub struct Matched<T> {
    pub chosen: T,
    /// The others as near as the chosen one, by content path (empty when it is clear).
    pub also: Vec<String>,
}

/// Every name of every page.
pub struct WikiNames<'a> {
    pages: &'a [Page],
    /// Lowercase file name without `.md` → pages.
    by_file: HashMap<String, Vec<PageId>>,
    /// Lowercase title or alias → pages.
    by_title: HashMap<String, Vec<PageId>>,
}

impl<'a> WikiNames<'a> {
    pub fn new(pages: &'a [Page]) -> Self {
        let mut by_file: HashMap<String, Vec<PageId>> = HashMap::new();
        let mut by_title: HashMap<String, Vec<PageId>> = HashMap::new();
        for page in pages {
            let Some(document) = &page.document else {
                continue;
            };
            if let Some(stem) = md_stem(file_name(&document.rel)) {
                by_file
                    .entry(stem.to_lowercase())
                    .or_default()
                    .push(page.id);
            }
            let titles = std::iter::once(&document.front.title).chain(&document.front.aliases);
            for title in titles {
                let list = by_title.entry(title.trim().to_lowercase()).or_default();
                if !list.contains(&page.id) {
                    list.push(page.id);
                }
            }
        }
        WikiNames {
            pages,
            by_file,
            by_title,
        }
    }

    /// The page `name` (`Note`, `folder/Note`, `Note.md`) means, seen from
    /// the file `from` (content-relative).
    pub fn page(&self, from: &str, name: &str) -> Option<Matched<PageId>> {
        let lower = name.trim_start_matches('/').to_lowercase();
        let lower = md_stem(&lower).unwrap_or(&lower);
        let by_file: Vec<PageId> = match lower.rsplit_once('/') {
            Some((_, stem)) => self
                .by_file
                .get(stem)
                .into_iter()
                .flatten()
                .copied()
                .filter(|id| {
                    let rel = self.rel(*id).to_lowercase();
                    let path = md_stem(&rel).unwrap_or(&rel);
                    path == lower || path.ends_with(&format!("/{lower}"))
                })
                .collect(),
            None => self.by_file.get(lower).cloned().unwrap_or_default(),
        };
        let candidates = if by_file.is_empty() {
            self.by_title.get(lower).cloned().unwrap_or_default()
        } else {
            by_file
        };
        nearest(from, candidates.into_iter().map(|id| (self.rel(id), id)))
    }

    /// The closest name of another page than `from`'s, for did-you-mean.
    pub fn suggest(&self, from: PageId, name: &str) -> Option<String> {
        let lower = name.to_lowercase();
        let mut others: Vec<&str> = names_of_others(&self.by_file, from)
            .chain(names_of_others(&self.by_title, from))
            .collect();
        // In order, so equally close names always give the same answer.
        others.sort_unstable();
        let close = did_you_mean(&lower, others)?;
        // Shown as the author wrote it: the file name or the title.
        let ids = self
            .by_file
            .get(close)
            .or_else(|| self.by_title.get(close))?;
        let id = *ids.iter().find(|id| **id != from)?;
        let document = self.pages[id.0].document.as_ref()?;
        let stem = md_stem(file_name(&document.rel)).unwrap_or(&document.rel);
        let written = std::iter::once(stem)
            .chain(std::iter::once(document.front.title.as_str()))
            .chain(document.front.aliases.iter().map(String::as_str))
            .find(|n| n.trim().to_lowercase() == close)
            .unwrap_or(close);
        Some(written.to_string())
    }

    fn rel(&self, id: PageId) -> &str {
        self.pages[id.0]
            .document
            .as_ref()
            .map_or("", |d| d.rel.as_str())
    }
}

/// The names in `map` that some page other than `from` has.
fn names_of_others(map: &HashMap<String, Vec<PageId>>, from: PageId) -> impl Iterator<Item = &str> {
    map.iter()
        .filter(move |(_, ids)| ids.iter().any(|id| *id != from))
        .map(|(key, _)| key.as_str())
}

/// The file `name` (`diagram.png`, `img/diagram.png`) means among `paths`
/// (content-relative), seen from the file `from`.
pub fn file<'p>(
    from: &str,
    name: &str,
    paths: impl Iterator<Item = &'p str>,
) -> Option<Matched<&'p str>> {
    let lower = name.trim_start_matches('/').to_lowercase();
    let candidates = paths.filter_map(|path| {
        let path_lower = path.to_lowercase();
        (path_lower == lower || path_lower.ends_with(&format!("/{lower}"))).then_some((path, path))
    });
    nearest(from, candidates)
}

/// The candidate nearest to the file `from`: in its folder, then in its
/// closest ancestor; ties go to the first path in order, and are named.
fn nearest<'p, T: Copy>(
    from: &str,
    candidates: impl Iterator<Item = (&'p str, T)>,
) -> Option<Matched<T>> {
    let from_dir = parent_dir(from);
    let distance = |rel: &str| {
        let dir = parent_dir(rel);
        let ancestor =
            dir.is_empty() || from_dir == dir || from_dir.starts_with(&format!("{dir}/"));
        if ancestor {
            from_dir.matches('/').count() + usize::from(!from_dir.is_empty())
                - (dir.matches('/').count() + usize::from(!dir.is_empty()))
        } else {
            usize::MAX
        }
    };
    let mut ranked: Vec<(usize, &str, T)> = candidates
        .map(|(rel, value)| (distance(rel), rel, value))
        .collect();
    ranked.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let (best, _, chosen) = *ranked.first()?;
    let also = ranked[1..]
        .iter()
        .take_while(|(d, _, _)| *d == best)
        .map(|(_, rel, _)| rel.to_string())
        .collect();
    Some(Matched { chosen, also })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_file_wins_and_ties_are_named() {
        let paths = ["a/x.png", "a/b/x.png", "c/x.png", "y.png"];
        let found =
            |from, name| file(from, name, paths.iter().copied()).map(|m| (m.chosen, m.also));
        assert_eq!(found("a/b/n.md", "X.png"), Some(("a/b/x.png", vec![])));
        assert_eq!(found("a/n.md", "x.png"), Some(("a/x.png", vec![])));
        assert_eq!(found("a/b/c/n.md", "x.png"), Some(("a/b/x.png", vec![])));
        assert_eq!(
            found("d/n.md", "x.png"),
            Some((
                "a/b/x.png",
                vec!["a/x.png".to_string(), "c/x.png".to_string()]
            ))
        );
        assert_eq!(found("d/n.md", "c/x.png"), Some(("c/x.png", vec![])));
        assert_eq!(found("a/n.md", "y.png"), Some(("y.png", vec![])));
        assert!(found("a/n.md", "z.png").is_none());
    }
}
