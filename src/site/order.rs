//! The reading order of the page tree: depth first, as a book reads, and
//! the previous and next links that follow it.

use super::{Page, PageId};

/// Depth-first from the home page, children in their sorted order.
pub(super) fn reading_order(pages: &[Page]) -> Vec<PageId> {
    let mut order = Vec::with_capacity(pages.len());
    let mut stack = vec![PageId(0)];
    while let Some(id) = stack.pop() {
        order.push(id);
        stack.extend(pages[id.0].children.iter().rev().copied());
    }
    order
}

/// Links each page of `order` to the pages before and after it; pages
/// outside `order` (unlisted ones) have neither.
pub(super) fn link_neighbours(pages: &mut [Page], order: &[PageId]) {
    for page in pages.iter_mut() {
        page.prev = None;
        page.next = None;
    }
    for pair in order.windows(2) {
        pages[pair[0].0].next = Some(pair[1]);
        pages[pair[1].0].prev = Some(pair[0]);
    }
}
