//! Taxonomies named in site.toml (`tags`, `competencies`, …): their terms and
//! the pages under each, for the `tags/` and `tags/<term>/` pages.

use std::collections::{BTreeMap, HashMap};

use super::urls::url_part;
use super::{Page, PageId};

/// One taxonomy with its terms, in term order.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub name: String,
    pub label: String,
    /// Site URL of the taxonomy's index page (`tags/`).
    pub url: String,
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    /// Site URL of the term's page (`tags/feedback/`).
    pub url: String,
    /// Pages with this term, in reading order of their titles.
    pub pages: Vec<PageId>,
}

impl Taxonomy {
    /// The URL of `term`, if the term is in use.
    pub fn term_url(&self, term: &str) -> Option<&str> {
        // A term's URL is the taxonomy's URL, its slug and a slash.
        let slug = url_part(term);
        self.terms.iter().map(|t| t.url.as_str()).find(|url| {
            url.strip_prefix(self.url.as_str())
                .and_then(|rest| rest.strip_suffix('/'))
                == Some(slug.as_str())
        })
    }
}

/// Builds every taxonomy of `names` (field name → label) from the pages' front matter.
pub fn build_taxonomies(pages: &[Page], names: &BTreeMap<String, String>) -> Vec<Taxonomy> {
    // Terms list their pages by title; each title is lowercased once, not
    // once per term it is under.
    let mut sort_titles: Vec<Option<String>> = vec![None; pages.len()];
    names
        .iter()
        .map(|(name, label)| {
            let url = format!("{}/", url_part(name));
            // Terms are grouped by slug so "Feedback" and "feedback" are one term.
            let mut terms: BTreeMap<String, Term> = BTreeMap::new();
            // The same few terms are on many pages: each is made a slug once.
            let mut slugs: HashMap<&str, String> = HashMap::new();
            for page in pages {
                let Some(values) = page
                    .document
                    .as_ref()
                    .and_then(|d| d.front.taxonomies.get(name))
                else {
                    continue;
                };
                for value in values {
                    let slug = slugs
                        .entry(value.as_str())
                        .or_insert_with(|| url_part(value));
                    let term = terms.entry(slug.clone()).or_insert_with(|| Term {
                        name: value.clone(),
                        url: format!("{url}{slug}/"),
                        pages: Vec::new(),
                    });
                    // Pages come in order, so a page listing a term twice
                    // ("Feedback", "feedback") is the last one added.
                    if term.pages.last() != Some(&page.id) {
                        term.pages.push(page.id);
                    }
                }
            }
            let mut terms: Vec<Term> = terms.into_values().collect();
            for term in &mut terms {
                for id in &term.pages {
                    sort_titles[id.0].get_or_insert_with(|| pages[id.0].title.to_lowercase());
                }
                term.pages
                    .sort_by(|a, b| sort_titles[a.0].cmp(&sort_titles[b.0]));
            }
            Taxonomy {
                name: name.clone(),
                label: label.clone(),
                url,
                terms,
            }
        })
        .collect()
}
