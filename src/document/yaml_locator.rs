//! Finding the line of a key in block-style YAML, and spotting duplicate keys.
//!
//! serde_yaml's values carry no positions, so errors found after parsing
//! (unknown field, wrong type, bad stage) would have no line. Front matter is
//! written in block style by hand, so a scan of indentation finds the line of
//! `questions[2].stage` reliably. Flow style (`{a: 1}`) falls back to the
//! nearest enclosing key that was found. This module only reads text.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::rc::Rc;

use crate::typed::Segment;

/// A position in the YAML text: 1-based line and column, and the key's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YamlPosition {
    pub line: usize,
    pub col: usize,
    pub len: usize,
}

#[derive(Debug)]
struct Line<'a> {
    /// Column of the content after any `- ` list markers.
    content_col: usize,
    /// Column of the first list marker, if the line starts a list item.
    item_col: Option<usize>,
    /// The key this line defines, if any (`key: value`).
    key: Option<&'a str>,
    /// Whether this line's value opens a block scalar (`|` or `>`).
    opens_block_scalar: bool,
    blank: bool,
}

/// YAML indents with spaces (tabs are an error the parser reports), so only
/// they are skipped: columns before the content are then ASCII, and count
/// bytes and characters alike.
const INDENT: [char; 2] = [' ', '\t'];

fn scan_line(text: &str) -> Line<'_> {
    let trimmed = text.trim_start_matches(INDENT);
    let blank = trimmed.is_empty() || trimmed.starts_with('#');
    let mut col = text.len() - trimmed.len();
    let mut rest = trimmed;
    let mut item_col = None;
    while let Some(after) = rest.strip_prefix('-') {
        if !(after.is_empty() || after.starts_with(' ')) {
            break;
        }
        item_col.get_or_insert(col);
        let inner = after.trim_start_matches(INDENT);
        col += rest.len() - inner.len();
        rest = inner;
    }
    let key = key_of(rest);
    let value = key.map_or("", |_| rest.split_once(':').map_or("", |(_, v)| v.trim()));
    let opens_block_scalar = value.starts_with('|') || value.starts_with('>');
    Line {
        content_col: col,
        item_col,
        key,
        opens_block_scalar,
        blank,
    }
}

/// The key of a `key: value` line, without quotes.
fn key_of(content: &str) -> Option<&str> {
    if content.starts_with(['{', '[', '#', '|', '>']) {
        return None;
    }
    let (quoted, rest) = match content.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let end = content[1..].find(quote)? + 1;
            (Some(&content[1..end]), &content[end + 1..])
        }
        _ => (None, content),
    };
    let colon = rest.find(':')?;
    let after = &rest[colon + 1..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some(quoted.unwrap_or_else(|| rest[..colon].trim_end())).filter(|key| !key.is_empty())
}

/// Where one step of a path leads: the line found and the lines of its value.
type Step = (usize, Range<usize>);

/// A key looked for, and the lines it was looked for in.
type StepKey = (Range<usize>, String);

/// A front matter's lines, scanned once for any number of [`YamlLines::locate`]
/// calls: parsing a question bank looks up the line of every question.
pub struct YamlLines<'a> {
    scanned: Vec<Line<'a>>,
    /// Each step already taken, by the lines searched and what was looked
    /// for: looking up `questions[i]` for every `i` searches for `questions`
    /// once, not once per question.
    keys: RefCell<HashMap<StepKey, Option<Step>>>,
    /// The item lines of each block sequence searched, by its lines.
    items: RefCell<HashMap<Range<usize>, Rc<[usize]>>>,
}

impl<'a> YamlLines<'a> {
    pub fn new(yaml: &'a str) -> YamlLines<'a> {
        YamlLines {
            scanned: yaml.lines().map(scan_line).collect(),
            keys: RefCell::default(),
            items: RefCell::default(),
        }
    }

    /// Finds the line of `path`. Returns the deepest position found, or
    /// `None` when not even the first key is there.
    pub fn locate(&self, path: &[Segment]) -> Option<YamlPosition> {
        let scanned = &self.scanned;
        let mut range = 0..scanned.len();
        let mut found = None;
        for segment in path {
            let Some(first) = (range.start..range.end).find(|&i| !scanned[i].blank) else {
                break;
            };
            let step = match segment {
                Segment::Key(key) => self.find_key(range.clone(), first, key),
                Segment::Index(index) => self.find_item(range.clone(), first, *index),
            };
            let Some((line, inner)) = step else { break };
            let len = match segment {
                Segment::Key(key) => key.chars().count(),
                Segment::Index(_) => 1,
            };
            let col = match segment {
                Segment::Key(_) => scanned[line].content_col,
                Segment::Index(_) => scanned[line].item_col.unwrap_or(scanned[line].content_col),
            };
            found = Some(YamlPosition {
                line: line + 1,
                col: col + 1,
                len,
            });
            range = inner;
        }
        found
    }

    /// In a block mapping starting at `first`, the line of `key` and the lines of its value.
    fn find_key(&self, range: Range<usize>, first: usize, key: &str) -> Option<Step> {
        let cache_key = (range.clone(), key.to_string());
        if let Some(step) = self.keys.borrow().get(&cache_key) {
            return step.clone();
        }
        let lines = &self.scanned;
        let col = lines[first].content_col;
        let step = (range.start..range.end)
            .find(|&i| {
                let l = &lines[i];
                !l.blank && l.content_col == col && l.key == Some(key)
            })
            .map(|line| (line, value_lines(lines, line, range.end, col)));
        self.keys.borrow_mut().insert(cache_key, step.clone());
        step
    }

    /// In a block sequence starting at `first`, the line of item `index` and
    /// the item's lines (the item line itself included, so a key on the marker
    /// line can be found).
    fn find_item(&self, range: Range<usize>, first: usize, index: usize) -> Option<Step> {
        let lines = &self.scanned;
        let marker = lines[first].item_col?;
        let items = Rc::clone(
            self.items
                .borrow_mut()
                .entry(range.clone())
                .or_insert_with(|| {
                    (range.start..range.end)
                        .filter(|&i| lines[i].item_col == Some(marker))
                        .collect()
                }),
        );
        let start = *items.get(index)?;
        let end = items.get(index + 1).copied().unwrap_or_else(|| {
            (start + 1..range.end)
                .find(|&i| {
                    !lines[i].blank
                        && lines[i].content_col <= marker
                        && lines[i].item_col != Some(marker)
                })
                .unwrap_or(range.end)
        });
        Some((start, start..end))
    }
}

/// The lines holding the value of the key at `line` (indented deeper, or a
/// sequence at the key's own indentation).
fn value_lines(lines: &[Line], line: usize, end: usize, col: usize) -> Range<usize> {
    let stop = (line + 1..end)
        .find(|&i| {
            let l = &lines[i];
            if l.blank {
                return false;
            }
            let indent = l.item_col.unwrap_or(l.content_col);
            indent < col || (indent == col && l.item_col.is_none())
        })
        .unwrap_or(end);
    line + 1..stop
}

/// Every key that repeats a key of the same mapping, with its position.
/// serde_yaml keeps the last value silently, which would hide a mistake.
pub fn duplicate_keys(yaml: &str) -> Vec<(YamlPosition, String)> {
    let mut duplicates = Vec::new();
    // Open mappings, innermost last: (column of their keys, keys seen so far).
    let mut open: Vec<(usize, HashSet<&str>)> = Vec::new();
    let mut scalar_indent: Option<usize> = None;
    for (number, text) in yaml.lines().enumerate() {
        let line = scan_line(text);
        if line.blank {
            continue;
        }
        let indent = line.item_col.unwrap_or(line.content_col);
        if let Some(scalar) = scalar_indent {
            if indent > scalar {
                continue;
            }
            scalar_indent = None;
        }
        let Some(key) = line.key else { continue };
        let col = line.content_col;
        open.retain(|(c, _)| *c < col || (*c == col && line.item_col.is_none()));
        match open.last_mut() {
            Some((c, keys)) if *c == col => {
                if !keys.insert(key) {
                    let position = YamlPosition {
                        line: number + 1,
                        col: col + 1,
                        len: key.chars().count(),
                    };
                    duplicates.push((position, key.to_string()));
                }
            }
            _ => open.push((col, HashSet::from([key]))),
        }
        if line.opens_block_scalar {
            scalar_indent = Some(indent);
        }
    }
    duplicates
}

/// How deep `[…]` and `{…}` may nest in front matter. The YAML parser gives
/// up on deeper values anyway, but only after work that grows with the square
/// of the depth (minutes for a few hundred kilobytes), so they are refused first.
pub const MAX_FLOW_DEPTH: usize = 64;

/// The byte offset of the first `[` or `{` nested deeper than
/// [`MAX_FLOW_DEPTH`], if any. One pass over the text: quoted text and
/// comments are skipped, and a bracket counts only where a value may start
/// (after a line start, `:`, `-`, `,` or another bracket), so brackets inside
/// plain text do not.
pub fn too_deep_flow(yaml: &str) -> Option<usize> {
    let bytes = yaml.as_bytes();
    let mut depth = 0usize;
    // Whether a value may start here (spaces keep it as it is).
    let mut value_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        match byte {
            b'[' | b'{' if value_start => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                value_start = false;
            }
            b'\n' | b',' | b':' | b'-' | b'?' => value_start = true,
            b' ' | b'\t' | b'\r' => {}
            b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n') => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'"' | b'\'' if value_start => {
                i = quoted_end(bytes, i);
                value_start = false;
                continue;
            }
            _ => value_start = false,
        }
        i += 1;
    }
    None
}

/// Where the quoted scalar opening at `bytes[open]` ends (past its closing
/// quote, or the end of the text when it is never closed).
fn quoted_end(bytes: &[u8], open: usize) -> usize {
    let quote = bytes[open];
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            // `''` is a quote inside single quotes.
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BANK: &str = "\
title: GROW
stages: [Goal, Reality]
questions:
  - id: one
    stage: Goal
    text: What do you want?
  - stage: Reality
    text: |
      stage: not a key
    follow_ups:
      - Why?
roles:
- id: a
  brief: x
";

    fn key(k: &str) -> Segment {
        Segment::Key(k.into())
    }

    fn check(path: &[Segment], expected: Option<(usize, usize)>) {
        let found = YamlLines::new(BANK).locate(path).map(|p| (p.line, p.col));
        assert_eq!(found, expected, "path {path:?}");
    }

    #[test]
    fn locates_top_level_and_nested_keys() {
        check(&[key("stages")], Some((2, 1)));
        check(
            &[key("questions"), Segment::Index(0), key("stage")],
            Some((5, 5)),
        );
        check(
            &[key("questions"), Segment::Index(1), key("stage")],
            Some((7, 5)),
        );
        check(
            &[
                key("questions"),
                Segment::Index(1),
                key("follow_ups"),
                Segment::Index(0),
            ],
            Some((11, 7)),
        );
        check(
            &[key("roles"), Segment::Index(0), key("brief")],
            Some((14, 3)),
        );
    }

    #[test]
    fn falls_back_to_the_deepest_key_found() {
        check(&[key("stages"), Segment::Index(1)], Some((2, 1)));
        check(
            &[key("questions"), Segment::Index(7), key("id")],
            Some((3, 1)),
        );
        check(&[key("missing")], None);
    }

    #[test]
    fn an_ideographic_space_is_part_of_the_key() {
        // An ideographic space is content, not indentation.
        let yaml = "a:\n  - \u{3000}x: 1\n  - b: 2\n";
        let lines = YamlLines::new(yaml);
        let found = lines.locate(&[key("a"), Segment::Index(1), key("b")]);
        assert_eq!(found.map(|p| (p.line, p.col)), Some((3, 5)));
        let found = lines.locate(&[key("a"), Segment::Index(0), key("\u{3000}x")]);
        assert_eq!(found.map(|p| (p.line, p.col)), Some((2, 5)));
    }

    #[test]
    fn flow_nesting_is_limited_outside_quotes_and_comments() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert_eq!(
            too_deep_flow(&format!("tags: {}", deep(MAX_FLOW_DEPTH))),
            None
        );
        assert_eq!(
            too_deep_flow(&format!("tags: {}", deep(MAX_FLOW_DEPTH + 1))),
            Some("tags: ".len() + MAX_FLOW_DEPTH)
        );
        let maps = format!("a: {}x{}", "{b: ".repeat(100), "}".repeat(100));
        assert_eq!(too_deep_flow(&maps), Some(3 + 4 * MAX_FLOW_DEPTH));
        let brackets = "[".repeat(200);
        for quiet in [
            format!("title: \"{brackets}\""),
            format!("title: '{brackets}'"),
            format!("title: 'it''s {brackets}'"),
            format!("title: x # {brackets}"),
            format!("title: a{brackets}"),
            format!("summary: \"say \\\" {brackets}\""),
        ] {
            assert_eq!(too_deep_flow(&quiet), None, "{quiet}");
        }
    }

    #[test]
    fn finds_duplicate_keys_but_not_inside_block_scalars() {
        let yaml = "title: a\nnotes: |\n  title: b\nquestions:\n  - id: x\n    id: y\n  - id: z\ntitle: c\n";
        let found: Vec<_> = duplicate_keys(yaml)
            .into_iter()
            .map(|(p, k)| (p.line, k))
            .collect();
        assert_eq!(found, vec![(6, "id".to_string()), (8, "title".to_string())]);
    }
}
