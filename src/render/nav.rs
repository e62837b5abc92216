//! Navigation for one page: the sidebar, breadcrumbs, previous and next.
//!
//! The sidebar holds the top-level entries and expands only the sections on
//! the current page's path, so a page's size does not grow with the handbook.
//! A list longer than [`LIST_LIMIT`] shows only the block of entries around
//! the current page's path and a link to the section's own page, which lists
//! them all: a page in a folder of thousands stays as small as any other.
//!
//! Every page directly in one folder sees the same sidebar: its links are
//! written from a stand-in page beside them, which is valid from each of them,
//! and only the page's own entry differs. So a build makes one sidebar per
//! folder ([`Sidebars`]) and shares it across every page there. Its HTML
//! (`nav.sidebar_html`) is written here, not by a template: it is the same
//! markup on every page but one entry, and a template loop over it cost a
//! sixth of a whole build. Its entries become a template value
//! (`nav.sidebar`, made once per folder) only for a theme that reads them.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Serialize, Serializer};

use crate::i18n::Words;
use crate::site::urls::PRINT_URL;
use crate::site::{Gathered, Linker, PageId, PageKind, Site};

/// A link with its text.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub href: String,
}

/// One sidebar entry, with its children when it is on the current path.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    pub href: String,
    /// The entry's site URL, which templates compare with `nav.current`.
    pub url: String,
    /// This section contains the page being shown.
    pub open: bool,
    pub section: bool,
    /// A link to a section's page standing for the entries a long list leaves out.
    pub more: bool,
    /// A part heading (from `SUMMARY.md`) shown above this entry.
    pub part: Option<String>,
    pub children: Vec<NavItem>,
}

/// The most entries one list of the sidebar shows before it is cut into blocks.
pub const LIST_LIMIT: usize = 25;

/// The sidebar of every page in one folder, with its template value made
/// once when the templates read it.
#[derive(Clone)]
pub struct Sidebar {
    pub items: Arc<Vec<NavItem>>,
    pub value: Option<tera::Value>,
}

impl std::fmt::Debug for Sidebar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.items.iter()).finish()
    }
}

/// The sidebar serializes as its entries, so a view's fingerprint covers them.
impl Serialize for Sidebar {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(serializer)
    }
}

impl Sidebar {
    /// The sidebar's HTML on the page at site URL `current` (empty when the
    /// page has no entry of its own), which shows `place` in the tree and
    /// links to itself with `here`.
    pub fn html(&self, current: &str, place: &str, here: &str) -> String {
        let mut html = String::with_capacity(64 * self.items.len() + 256);
        push_items(&mut html, &self.items, current, place, here);
        html
    }

    /// The sidebar of `items`, with their template value when `with_value`.
    fn new(items: Vec<NavItem>, with_value: bool) -> Sidebar {
        let value = with_value.then(|| tera::Value::from_serializable(&items));
        Sidebar {
            items: Arc::new(items),
            value,
        }
    }
}

/// Everything navigational on one page.
#[derive(Debug, Clone, Serialize)]
pub struct Nav {
    pub home: Link,
    /// The page that prints the whole handbook.
    pub print: Link,
    pub sidebar: Sidebar,
    /// The site URL of the page being shown, whose sidebar entry is the
    /// current one; empty on pages that are not in the sidebar.
    pub current: String,
    /// The site URL of the page whose place in the tree is shown (a role
    /// card shows its scenario's): its entry is open.
    pub place: String,
    /// A link from this page to itself, for its own sidebar entry.
    pub here: String,
    /// The sidebar as HTML: nested lists of links, the current page's marked
    /// with `aria-current="page"`, open sections with the `nav-open` class.
    pub sidebar_html: String,
    pub breadcrumbs: Vec<Link>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    /// The pages gathered across the handbook, listed under the sidebar.
    pub gathered: Vec<Link>,
}

fn push_items(html: &mut String, items: &[NavItem], current: &str, place: &str, here: &str) {
    html.push_str("<ul>");
    for item in items {
        if let Some(part) = &item.part {
            html.push_str("<li class=\"nav-part\">");
            push_escaped(html, part);
            html.push_str("</li>");
        }
        let is_current = !item.more && !current.is_empty() && item.url == current;
        // A page's entry, the most common, carries no class unless open:
        // the sidebar is on every page, so its bytes count many times over.
        let open = item.open || (!item.more && item.url == place);
        html.push_str(match (item.section, item.more, open) {
            (true, _, false) => "<li class=\"nav-section\">",
            (true, _, true) => "<li class=\"nav-section nav-open\">",
            (false, true, _) => "<li class=\"nav-more\">",
            (false, false, false) => "<li>",
            (false, false, true) => "<li class=\"nav-open\">",
        });
        html.push_str("<a href=\"");
        push_escaped(html, if is_current { here } else { &item.href });
        html.push('"');
        if is_current {
            html.push_str(" aria-current=\"page\"");
        }
        html.push('>');
        push_escaped(html, &item.title);
        html.push_str("</a>");
        if !item.children.is_empty() {
            push_items(html, &item.children, current, place, here);
        }
        html.push_str("</li>");
    }
    html.push_str("</ul>");
}

/// Appends `text` escaped for HTML text and attribute values, as templates escape.
fn push_escaped(html: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut *html, text);
}

/// Which sidebar a page sees: the section whose children are expanded, and
/// the folder its links are written from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SidebarKey {
    expanded: PageId,
    /// Which block of `expanded`'s children the page is in, when it is one of them.
    block: usize,
    from: String,
}

/// A folder name no page URL has, for the stand-in page the links of a
/// shared sidebar are written from.
const STAND_IN: &str = "\u{1}/";

impl SidebarKey {
    /// The sidebar of the page at site URL `from`, which shows `place` in the tree.
    pub fn new(site: &Site, place: PageId, from: &str) -> SidebarKey {
        let page = site.page(place);
        let expanded = match page.kind {
            PageKind::Home | PageKind::Section => place,
            // A page that `SUMMARY.md` nests others under shows them as a section does.
            PageKind::Content if page.children.is_empty() => page.parent.unwrap_or(PageId(0)),
            PageKind::Content => place,
        };
        let block = site
            .page(expanded)
            .children
            .iter()
            .position(|&child| child == place)
            .map_or(0, |i| i / LIST_LIMIT);
        // A section page is the only page to see its own expanded sidebar from
        // its own URL, so its links are written from there and stay short.
        let from = if expanded == place && site.page(place).url == from {
            from.to_string()
        } else {
            let folder = from.trim_end_matches('/');
            let parent = folder.rfind('/').map_or("", |i| &folder[..=i]);
            format!("{parent}{STAND_IN}")
        };
        SidebarKey {
            expanded,
            block,
            from,
        }
    }
}

/// The sidebars of one render, one per [`SidebarKey`].
pub struct Sidebars {
    built: HashMap<SidebarKey, Sidebar>,
    /// Whether each sidebar carries its template value.
    values: bool,
}

impl Sidebars {
    /// Builds, in parallel, the sidebars for `keys`, each with its template
    /// value when `values` (see [`Templates::reads_sidebar_entries`]).
    ///
    /// [`Templates::reads_sidebar_entries`]: super::Templates::reads_sidebar_entries
    pub fn build(
        site: &Site,
        linker: &Linker,
        words: &Words,
        keys: impl IntoIterator<Item = SidebarKey>,
        values: bool,
    ) -> Sidebars {
        let keys: HashSet<SidebarKey> = keys.into_iter().collect();
        let built = keys
            .into_par_iter()
            .map(|key| {
                let sidebar = Sidebar::new(build_sidebar(site, linker, words, &key), values);
                (key, sidebar)
            })
            .collect();
        Sidebars { built, values }
    }

    /// The sidebar for `key`, built now if [`Sidebars::build`] was not given it.
    fn get(&self, site: &Site, linker: &Linker, words: &Words, key: &SidebarKey) -> Sidebar {
        self.built
            .get(key)
            .cloned()
            .unwrap_or_else(|| Sidebar::new(build_sidebar(site, linker, words, key), self.values))
    }
}

/// The navigation of the page at site URL `from`, which shows `place` in the
/// tree and is that page itself when `is_page_itself` (a role card shows its
/// scenario's place); with an empty sidebar when `sidebars` is `None`.
pub fn build_nav(
    site: &Site,
    linker: &Linker,
    sidebars: Option<&Sidebars>,
    place: PageId,
    from: &str,
    is_page_itself: bool,
    words: &Words,
) -> Nav {
    let ancestors = site.ancestors(place);
    let link = |id: PageId| {
        let page = site.page(id);
        Link {
            title: page.title.clone(),
            href: linker.page(from, &page.url),
        }
    };
    let sidebar = sidebars.map_or_else(
        || Sidebar::new(Vec::new(), true),
        |sidebars| sidebars.get(site, linker, words, &SidebarKey::new(site, place, from)),
    );
    let breadcrumbs = ancestors[..ancestors.len().saturating_sub(usize::from(is_page_itself))]
        .iter()
        .map(|id| link(*id))
        .collect();
    let page = site.page(place);
    let current = if is_page_itself {
        page.url.clone()
    } else {
        String::new()
    };
    let here = linker.page(from, from);
    let sidebar_html = sidebar.html(&current, &page.url, &here);
    Nav {
        home: link(PageId(0)),
        print: Link {
            title: words.get("print_handbook").into(),
            href: linker.page(from, PRINT_URL),
        },
        sidebar,
        current,
        place: page.url.clone(),
        here,
        sidebar_html,
        breadcrumbs,
        prev: page.prev.filter(|_| is_page_itself).map(link),
        next: page.next.filter(|_| is_page_itself).map(link),
        gathered: Gathered::of_site(site)
            .into_iter()
            .map(|gathered| Link {
                title: super::gathered::title(words, gathered),
                href: linker.page(from, gathered.url()),
            })
            .collect(),
    }
}

impl Nav {
    /// Makes every link absolute from `base` (a URL ending in `/`), for the
    /// 404 page, which a server shows at any depth.
    pub fn absolutize(&mut self, base: &str) {
        let fix = |href: &mut String| {
            let trimmed = href.trim_start_matches("./");
            *href = format!("{base}{trimmed}");
        };
        fix(&mut self.home.href);
        fix(&mut self.print.href);
        fix(&mut self.here);
        self.breadcrumbs
            .iter_mut()
            .chain(&mut self.gathered)
            .for_each(|crumb| fix(&mut crumb.href));
        let mut items = self.sidebar.items.as_ref().clone();
        let mut stack: Vec<&mut NavItem> = items.iter_mut().collect();
        while let Some(item) = stack.pop() {
            fix(&mut item.href);
            stack.extend(item.children.iter_mut());
        }
        self.sidebar = Sidebar::new(items, self.sidebar.value.is_some());
        self.sidebar_html = self.sidebar.html(&self.current, &self.place, &self.here);
    }

    /// The template value of this navigation, sharing the sidebar's.
    pub fn to_value(&self) -> tera::Value {
        #[derive(Serialize)]
        struct Parts<'a> {
            home: &'a Link,
            print: &'a Link,
            current: &'a str,
            place: &'a str,
            here: &'a str,
            sidebar_html: &'a str,
            breadcrumbs: &'a [Link],
            prev: &'a Option<Link>,
            next: &'a Option<Link>,
            gathered: &'a [Link],
        }
        let parts = Parts {
            home: &self.home,
            print: &self.print,
            current: &self.current,
            place: &self.place,
            here: &self.here,
            sidebar_html: &self.sidebar_html,
            breadcrumbs: &self.breadcrumbs,
            prev: &self.prev,
            next: &self.next,
            gathered: &self.gathered,
        };
        let mut map = tera::Value::from_serializable(&parts)
            .into_map()
            .unwrap_or_default();
        if let Some(sidebar) = &self.sidebar.value {
            map.insert("sidebar".into(), sidebar.clone());
        }
        tera::Value::from(map)
    }
}

/// The sidebar entries for `key`: the top level, with the sections on the
/// path to `key.expanded` open and their children listed.
fn build_sidebar(site: &Site, linker: &Linker, words: &Words, key: &SidebarKey) -> Vec<NavItem> {
    let path = site.ancestors(key.expanded);
    sidebar_level(site, linker, words, PageId(0), &path, key)
}

fn sidebar_level(
    site: &Site,
    linker: &Linker,
    words: &Words,
    section: PageId,
    path: &[PageId],
    key: &SidebarKey,
) -> Vec<NavItem> {
    let children = &site.page(section).children;
    // A long list shows the block holding the path's next step, or, in the
    // expanded section itself, the block holding the page.
    let block = if section == key.expanded {
        key.block
    } else {
        children
            .iter()
            .position(|child| path.contains(child))
            .map_or(0, |i| i / LIST_LIMIT)
    };
    let shown = if children.len() > LIST_LIMIT {
        let start = block * LIST_LIMIT;
        &children[start.min(children.len())..(start + LIST_LIMIT).min(children.len())]
    } else {
        &children[..]
    };
    let mut items: Vec<NavItem> = shown
        .iter()
        .map(|&child| {
            let page = site.page(child);
            let on_path = path.contains(&child);
            let is_section = page.kind == PageKind::Section || !page.children.is_empty();
            let children = if on_path && is_section {
                sidebar_level(site, linker, words, child, path, key)
            } else {
                Vec::new()
            };
            NavItem {
                title: page.title.clone(),
                href: linker.page(&key.from, &page.url),
                url: page.url.clone(),
                open: on_path,
                section: is_section,
                more: false,
                part: page.part.clone(),
                children,
            }
        })
        .collect();
    if shown.len() < children.len() {
        let page = site.page(section);
        items.push(NavItem {
            title: words
                .get("all_pages_in")
                .replace("{count}", &children.len().to_string())
                .replace("{section}", &page.title),
            href: linker.page(&key.from, &page.url),
            url: String::new(),
            open: false,
            section: false,
            more: true,
            part: None,
            children: Vec::new(),
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, url: &str, open: bool, children: Vec<NavItem>) -> NavItem {
        NavItem {
            title: title.into(),
            href: format!("../{url}"),
            url: url.into(),
            open,
            section: !children.is_empty(),
            more: false,
            part: None,
            children,
        }
    }

    #[test]
    fn sidebar_html_marks_the_current_page_and_escapes_titles() {
        let sidebar = Sidebar::new(
            vec![
                item(
                    "Skills",
                    "skills/",
                    true,
                    vec![
                        item("Listening", "skills/listening/", false, Vec::new()),
                        item("<b>\"Asking\"</b>", "skills/asking/", false, Vec::new()),
                    ],
                ),
                item("Other", "other/", false, Vec::new()),
            ],
            false,
        );
        let html = sidebar.html("skills/listening/", "skills/listening/", "./");
        assert_eq!(
            html,
            "<ul><li class=\"nav-section nav-open\"><a href=\"../skills/\">Skills</a><ul>\
             <li class=\"nav-open\"><a href=\"./\" aria-current=\"page\">Listening</a></li>\
             <li><a href=\"../skills/asking/\">&lt;b&gt;&quot;Asking&quot;&lt;/b&gt;</a></li>\
             </ul></li><li><a href=\"../other/\">Other</a></li></ul>"
        );
        // A role card shows its scenario's place, open, but is not that page.
        let card = sidebar.html("", "skills/listening/", "./");
        assert!(!card.contains("aria-current"));
        assert!(card.contains("<li class=\"nav-open\"><a href=\"../skills/listening/\">"));
    }
}
