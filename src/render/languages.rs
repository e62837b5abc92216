//! The translations of each page: which languages have it and where, for
//! `<link rel="alternate" hreflang>`, the language menu and the sitemap.
//!
//! A content page is the same page in two languages when their documents
//! have the same content path (a translation's path is its original's); a
//! home, section, taxonomy, term or print page when its URL is the same.

use std::collections::HashMap;

use serde::Serialize;

use crate::site::urls::PRINT_URL;
use crate::site::{Linker, Page, PageKind, Site};

/// One language's site, as the alternates see it.
pub struct LanguageSite<'a> {
    pub site: &'a Site,
    pub code: &'a str,
    /// The language's own name, for the menu.
    pub name: &'a str,
    /// `""` for the default language, `de/` for a translation.
    pub prefix: &'a str,
}

/// Where each page is in every language.
#[derive(Debug, Default)]
pub struct Alternates {
    /// Code and name of each language, the default first.
    languages: Vec<(String, String)>,
    /// Page key → its URL from the site root in each language, if it has one.
    groups: HashMap<String, Vec<Option<String>>>,
}

/// One entry of the language menu, or one alternate of a page.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink {
    pub code: String,
    pub name: String,
    pub href: String,
    /// The language of the page showing the menu.
    pub current: bool,
    /// Whether this is an alternate of the page for `<link rel="alternate">`:
    /// the page exists in this language and in at least one other. When it
    /// does not exist here, `href` leads to that language's home page.
    pub alternate: bool,
}

/// The key that ties a page to its translations.
pub fn page_key(page: &Page) -> String {
    match (&page.kind, &page.document) {
        (PageKind::Content, Some(document)) => format!("doc:{}", document.rel),
        _ => url_key(&page.url),
    }
}

/// The key of a page known by its URL only (taxonomy, term, print pages).
pub fn url_key(url: &str) -> String {
    format!("url:{url}")
}

impl Alternates {
    /// The alternates of every page of `sites` (the default language first).
    pub fn new(sites: &[LanguageSite]) -> Alternates {
        let count = sites.len();
        let mut groups: HashMap<String, Vec<Option<String>>> = HashMap::new();
        for (i, language) in sites.iter().enumerate() {
            let mut add = |key: String, url: &str| {
                groups.entry(key).or_insert_with(|| vec![None; count])[i] =
                    Some(format!("{}{url}", language.prefix));
            };
            for &id in &language.site.reading_order {
                let page = language.site.page(id);
                add(page_key(page), &page.url);
            }
            add(url_key(PRINT_URL), PRINT_URL);
            for taxonomy in &language.site.taxonomies {
                add(url_key(&taxonomy.url), &taxonomy.url);
                for term in &taxonomy.terms {
                    add(url_key(&term.url), &term.url);
                }
            }
        }
        Alternates {
            languages: sites
                .iter()
                .map(|s| (s.code.to_string(), s.name.to_string()))
                .collect(),
            groups,
        }
    }

    /// Each language's URL (from the site root) of the page with `key`.
    pub fn urls(&self, key: &str) -> Option<&[Option<String>]> {
        self.groups.get(key).map(Vec::as_slice)
    }

    /// The code of each language, the default first.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|(code, _)| code.as_str())
    }

    /// The language menu of the page with `key` in language `current`, at
    /// `from` (its URL in its own language): every language, linking to the
    /// page's translation or, without one, to that language's home page.
    pub fn menu(
        &self,
        key: &str,
        current: usize,
        from: &str,
        linker: &Linker,
    ) -> Vec<LanguageLink> {
        let urls = self.urls(key);
        let homes = self.urls(&url_key(""));
        let translations = urls.map_or(0, |urls| urls.iter().flatten().count());
        self.languages
            .iter()
            .enumerate()
            .map(|(i, (code, name))| {
                let own = urls.and_then(|urls| urls[i].as_deref());
                let home = homes.and_then(|urls| urls[i].as_deref()).unwrap_or("");
                LanguageLink {
                    code: code.clone(),
                    name: name.clone(),
                    href: linker.other_language(from, own.unwrap_or(home)),
                    current: i == current,
                    alternate: own.is_some() && translations > 1,
                }
            })
            .collect()
    }
}
