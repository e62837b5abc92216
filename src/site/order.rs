//! The reading order of the page tree: depth first, as a book reads.

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
