//! Where boxes sit in a text being parsed: for facilitator boxes, exercise
//! boxes and boxes of any kind, the ranges of the outermost one at a time,
//! in order, so a lookup is a binary search.
//!
//! The container scanner and the callout pass each fill a [`Places`];
//! role cards leave out what is in a facilitator range, and the parts of a
//! body (its `##` sections, its exercises) are cut along them.

use std::ops::Range;

use super::boxes::BoxKind;

/// Ranges of the outermost boxes of one kind, in order, never overlapping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spans {
    ranges: Vec<Range<usize>>,
    /// The outermost one still open: its nesting depth and where it starts.
    open: Option<(usize, usize)>,
}

impl Spans {
    /// A box opens at depth `depth` at offset `at`; it counts unless one of
    /// this kind is open around it.
    fn open(&mut self, depth: usize, at: usize) {
        self.open.get_or_insert((depth, at));
    }

    /// The box at depth `depth` closes at `at`.
    fn close(&mut self, depth: usize, at: usize) {
        if let Some((open, start)) = self.open
            && open == depth
        {
            self.ranges.push(start..at);
            self.open = None;
        }
    }

    /// Adds a whole box at `range`, unless it is inside the last one.
    fn add(&mut self, range: Range<usize>) {
        if self
            .ranges
            .last()
            .is_none_or(|last| !last.contains(&range.start))
        {
            self.ranges.push(range);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The range holding offset `at`, if any.
    pub fn find(&self, at: usize) -> Option<&Range<usize>> {
        let index = self.ranges.partition_point(|range| range.start <= at);
        index
            .checked_sub(1)
            .map(|i| &self.ranges[i])
            .filter(|range| range.contains(&at))
    }

    pub fn contains(&self, at: usize) -> bool {
        self.find(at).is_some()
    }

    #[cfg(test)]
    pub fn ranges(&self) -> &[Range<usize>] {
        &self.ranges
    }
}

/// Where the boxes of one text sit, by what they are.
#[derive(Debug, Clone, Default)]
pub struct Places {
    pub facilitator: Spans,
    pub exercise: Spans,
    /// Boxes of any kind.
    pub any: Spans,
}

impl Places {
    /// Box `kind` opens at nesting depth `depth`, at offset `at`.
    pub fn open(&mut self, kind: &BoxKind, depth: usize, at: usize) {
        self.any.open(depth, at);
        if kind.is_facilitator() {
            self.facilitator.open(depth, at);
        }
        if kind.style == "exercise" {
            self.exercise.open(depth, at);
        }
    }

    /// The box at nesting depth `depth` closes at offset `at`.
    pub fn close(&mut self, depth: usize, at: usize) {
        for spans in [&mut self.any, &mut self.facilitator, &mut self.exercise] {
            spans.close(depth, at);
        }
    }

    /// Closes whatever is still open at the end of the text, at `at`.
    pub fn finish(&mut self, at: usize) {
        for spans in [&mut self.any, &mut self.facilitator, &mut self.exercise] {
            if let Some((_, start)) = spans.open.take() {
                spans.ranges.push(start..at);
            }
        }
    }

    /// Adds a whole box of `kind` at `range` (a callout, whose range the
    /// parser gives), given in order of their starts.
    pub fn add(&mut self, kind: &BoxKind, range: Range<usize>) {
        self.any.add(range.clone());
        if kind.is_facilitator() {
            self.facilitator.add(range.clone());
        }
        if kind.style == "exercise" {
            self.exercise.add(range);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_outermost_box_of_each_kind() {
        let exercise = BoxKind::from_word("exercise");
        let facilitator = BoxKind::from_word("facilitator");
        let mut places = Places::default();
        places.open(&exercise, 0, 0);
        places.open(&facilitator, 1, 5);
        places.close(1, 9);
        places.close(0, 12);
        places.open(&facilitator, 0, 20);
        places.finish(30);
        assert_eq!(places.any.ranges(), &[0..12, 20..30]);
        assert_eq!(places.exercise.ranges(), &[Range { start: 0, end: 12 }]);
        assert_eq!(places.facilitator.ranges(), &[5..9, 20..30]);
        assert!(places.facilitator.contains(6) && !places.facilitator.contains(10));
        assert_eq!(places.any.find(25), Some(&(20..30)));
        let mut callouts = Places::default();
        callouts.add(&exercise, 0..10);
        callouts.add(&exercise, 2..5);
        assert_eq!(callouts.exercise.ranges(), &[Range { start: 0, end: 10 }]);
    }
}
