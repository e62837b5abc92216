//! Which pages each print page holds. A handbook of up to
//! [`PRINT_PAGE_LIMIT`] pages prints on one page (`print/`); a larger one
//! prints each of its sections on a page of its own (`<section>/print/`),
//! which `print/` links to, so no print page grows with the handbook. The
//! rule repeats below: a section larger than the limit prints its
//! subsections on their own pages too, and a print page that would still
//! hold more than the limit (a section of many pages without subsections)
//! goes on over `<section>/print/2/`, `3/`, … with the limit on each. Each
//! print page prints, after its pages, what they give the pages gathered
//! across the handbook (see `render::gathered`).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::i18n::Words;
use crate::site::urls::{listing_part_url, section_print_url};
use crate::site::{PageId, Site};

/// The most pages one print page holds before its sections go to pages of their own.
pub const PRINT_PAGE_LIMIT: usize = 300;

/// One print page: the section it prints (and which of its pages of pages,
/// from 0), its site URL, the sections printed on pages of their own that
/// it links to, and the print page that links to it (none for `print/`).
pub struct PrintPart {
    pub section: PageId,
    pub chunk: usize,
    pub url: String,
    pub parts: Vec<PageId>,
    pub up: Option<usize>,
}

/// Every print page of a site, and the one each page is printed on.
pub struct PrintPlan {
    /// The print pages; the first prints the home page, at `print/`.
    pub parts: Vec<PrintPart>,
    /// The print page of each page in reading order, by its site URL: made
    /// on the first [`PrintPlan::find`], since only print views look pages up.
    by_url: OnceLock<HashMap<String, (PageId, usize)>>,
    /// The print pages of each section that has them, by section and chunk.
    by_section: HashMap<(PageId, usize), usize>,
    /// Each page's print page, by page index (`usize::MAX` when not printed).
    owner: Vec<usize>,
    /// The pages each print page holds, in reading order.
    held: Vec<Vec<PageId>>,
}

impl PrintPlan {
    pub fn new(site: &Site) -> Self {
        let printed = printed_below(site);
        let mut owner = vec![usize::MAX; site.pages.len()];
        let mut parts = vec![PrintPart {
            section: PageId(0),
            chunk: 0,
            url: section_print_url(""),
            parts: Vec::new(),
            up: None,
        }];
        let mut stack = vec![(PageId(0), 0)];
        while let Some((id, part)) = stack.pop() {
            owner[id.0] = part;
            let page = site.page(id);
            let splits = parts[part].section == id && printed[id.0] > PRINT_PAGE_LIMIT;
            let mut below = Vec::with_capacity(page.children.len());
            for &child in &page.children {
                let own_page =
                    splits && !site.page(child).children.is_empty() && printed[child.0] > 0;
                if own_page {
                    parts[part].parts.push(child);
                    parts.push(PrintPart {
                        section: child,
                        chunk: 0,
                        url: section_print_url(&site.page(child).url),
                        parts: Vec::new(),
                        up: Some(part),
                    });
                    below.push((child, parts.len() - 1));
                } else {
                    below.push((child, part));
                }
            }
            stack.extend(below.into_iter().rev());
        }
        // A page in the reading order that the tree does not reach is printed
        // with the home page.
        for &id in &site.reading_order {
            if owner[id.0] == usize::MAX {
                owner[id.0] = 0;
            }
        }
        let mut held: Vec<Vec<PageId>> = vec![Vec::new(); parts.len()];
        for &id in &site.reading_order {
            held[owner[id.0]].push(id);
        }
        // A print page holding more pages than the limit goes on over more.
        for part in 0..held.len() {
            if held[part].len() <= PRINT_PAGE_LIMIT {
                continue;
            }
            let rest = held[part].split_off(PRINT_PAGE_LIMIT);
            for (chunk, pages) in rest.chunks(PRINT_PAGE_LIMIT).enumerate() {
                let chunk = chunk + 1;
                let index = parts.len();
                parts.push(PrintPart {
                    section: parts[part].section,
                    chunk,
                    url: listing_part_url(&parts[part].url, chunk),
                    parts: Vec::new(),
                    up: Some(part),
                });
                for &id in pages {
                    owner[id.0] = index;
                }
                held.push(pages.to_vec());
            }
        }
        let by_section = parts
            .iter()
            .enumerate()
            .map(|(i, part)| ((part.section, part.chunk), i))
            .collect();
        PrintPlan {
            parts,
            by_url: OnceLock::new(),
            by_section,
            owner,
            held,
        }
    }

    /// Print page `chunk` of `section`, when it has one.
    pub fn part_of_section(&self, section: PageId, chunk: usize) -> Option<usize> {
        self.by_section.get(&(section, chunk)).copied()
    }

    /// The print pages after the first of the section printed on `part`.
    pub fn more_chunks(&self, part: usize) -> impl Iterator<Item = usize> + '_ {
        let section = self.parts[part].section;
        (1..).map_while(move |chunk| self.part_of_section(section, chunk))
    }

    /// Whether the handbook prints on more than one page.
    pub fn is_split(&self) -> bool {
        self.parts.len() > 1
    }

    /// The print page page `id` is printed on, when printed.
    pub fn part_of(&self, id: PageId) -> Option<usize> {
        self.owner
            .get(id.0)
            .copied()
            .filter(|&part| part != usize::MAX)
    }

    /// The page of `site` at site URL `url` and the print page it is on,
    /// when printed.
    pub fn find(&self, site: &Site, url: &str) -> Option<(PageId, usize)> {
        self.by_url
            .get_or_init(|| {
                site.reading_order
                    .iter()
                    .map(|&id| (site.page(id).url.clone(), (id, self.owner[id.0])))
                    .collect()
            })
            .get(url)
            .copied()
    }

    /// The pages print page `part` holds, in reading order.
    pub fn entries(&self, part: usize) -> impl Iterator<Item = PageId> + '_ {
        self.held[part].iter().copied()
    }
}

/// The title of print page `part`: the handbook's or its section's, with
/// its number when the section goes on over more than one.
pub fn part_title(site: &Site, words: &Words, part: &PrintPart) -> String {
    let title = match part.section {
        PageId(0) => words.get("whole_handbook").to_string(),
        section => site.page(section).title.clone(),
    };
    match part.chunk {
        0 => title,
        chunk => words
            .get("print_part")
            .replace("{title}", &title)
            .replace("{n}", &(chunk + 1).to_string()),
    }
}

/// How many pages of the reading order each page's subtree holds, itself included.
fn printed_below(site: &Site) -> Vec<usize> {
    let mut count = vec![0; site.pages.len()];
    for &id in &site.reading_order {
        count[id.0] = 1;
    }
    // Children come after their parent in a depth-first order, so adding each
    // page to its parent in the reverse order sums every subtree.
    let mut order = Vec::with_capacity(site.pages.len());
    let mut stack = vec![PageId(0)];
    while let Some(id) = stack.pop() {
        order.push(id);
        stack.extend(site.page(id).children.iter().copied());
    }
    for &id in order.iter().rev() {
        if let Some(parent) = site.page(id).parent {
            count[parent.0] += count[id.0];
        }
    }
    count
}
