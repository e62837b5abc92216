//! Navigation for one page: the sidebar, breadcrumbs, previous and next.
//!
//! The sidebar holds the top-level entries and expands only the sections on
//! the current page's path, so a page's size does not grow with the handbook:
//! its cost is the sum of the children of the page's ancestors.

use serde::Serialize;

use crate::site::{Linker, PageId, PageKind, Site};

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
    /// This is the page being shown.
    pub current: bool,
    /// This section contains the page being shown.
    pub open: bool,
    pub section: bool,
    pub children: Vec<NavItem>,
}

/// Everything navigational on one page.
#[derive(Debug, Clone, Serialize)]
pub struct Nav {
    pub home: Link,
    /// The page that prints the whole handbook.
    pub print: Link,
    pub sidebar: Vec<NavItem>,
    pub breadcrumbs: Vec<Link>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
}

/// The navigation of the page at site URL `from`, which shows `current`
/// (a role card shows its scenario's place in the tree).
pub fn build_nav(
    site: &Site,
    linker: &Linker,
    current: PageId,
    from: &str,
    is_page_itself: bool,
) -> Nav {
    let ancestors = site.ancestors(current);
    let link = |id: PageId| {
        let page = site.page(id);
        Link {
            title: page.title.clone(),
            href: linker.page(from, &page.url),
        }
    };
    let sidebar = sidebar_level(
        site,
        linker,
        PageId(0),
        &ancestors,
        current,
        from,
        is_page_itself,
    );
    let breadcrumbs = ancestors[..ancestors.len().saturating_sub(usize::from(is_page_itself))]
        .iter()
        .map(|id| link(*id))
        .collect();
    let page = site.page(current);
    Nav {
        home: link(PageId(0)),
        print: Link {
            title: "Print the whole handbook".into(),
            href: linker.page(from, super::views::PRINT_URL),
        },
        sidebar,
        breadcrumbs,
        prev: page.prev.filter(|_| is_page_itself).map(link),
        next: page.next.filter(|_| is_page_itself).map(link),
    }
}

fn sidebar_level(
    site: &Site,
    linker: &Linker,
    section: PageId,
    ancestors: &[PageId],
    current: PageId,
    from: &str,
    is_page_itself: bool,
) -> Vec<NavItem> {
    site.page(section)
        .children
        .iter()
        .map(|&child| {
            let page = site.page(child);
            let on_path = ancestors.contains(&child);
            let is_section = page.kind == PageKind::Section;
            let children = if on_path && is_section {
                sidebar_level(
                    site,
                    linker,
                    child,
                    ancestors,
                    current,
                    from,
                    is_page_itself,
                )
            } else {
                Vec::new()
            };
            NavItem {
                title: page.title.clone(),
                href: linker.page(from, &page.url),
                current: child == current && is_page_itself,
                open: on_path,
                section: is_section,
                children,
            }
        })
        .collect()
}
