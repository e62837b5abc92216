//! `:::tip` … `:::` containers, which pulldown-cmark does not know yet.
//!
//! Before parsing, each container line outside a fenced code block is replaced
//! by an HTML block (`<div class="callout …">`) set apart by blank lines, so the
//! Markdown inside is parsed as usual and footnotes still work across the whole
//! body. The expanded text keeps a map back to original offsets, so diagnostics
//! keep pointing at the author's lines. Facilitator blocks can be left out here,
//! which is how an edition removes them from every byte of output; when they
//! are kept, their place in the expanded text is recorded, so the parsed events
//! inside them can be left off pages handed to participants (role cards).
//!
//! Code fences follow CommonMark, so a line that only looks like a fence
//! (`` ```js` ``) does not hide the containers after it. A `:::facilitator`
//! line that CommonMark still reads as text (inside a list item, after a
//! code block left open) would publish what follows it, so
//! [`Expanded::published_facilitator_lines`] finds it in the parsed events.

use std::collections::HashSet;

use pulldown_cmark::{Event, LinkType, RefDefs, Tag, TagEnd};

/// The container kinds an author may use.
pub const KINDS: [&str; 5] = ["tip", "note", "warning", "exercise", "facilitator"];

/// A problem with a container line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Offset in the original text.
    pub offset: usize,
    pub message: String,
    pub help: Option<String>,
}

/// Markdown with containers turned into HTML blocks.
#[derive(Debug)]
pub struct Expanded {
    pub text: String,
    /// Pieces copied from the original: (offset in `text`, offset in the original).
    pieces: Vec<(usize, usize)>,
    pub problems: Vec<Problem>,
    /// Where kept facilitator blocks sit in `text`, outermost only, in order.
    facilitator: Vec<std::ops::Range<usize>>,
}

impl Expanded {
    /// Maps an offset in the expanded text back to the original text.
    pub fn original_offset(&self, offset: usize) -> usize {
        let index = self.pieces.partition_point(|&(start, _)| start <= offset);
        match index.checked_sub(1).map(|i| self.pieces[i]) {
            Some((start, original)) => original + (offset - start),
            None => 0,
        }
    }

    /// `:::facilitator` lines that the parse of `text` reads as text or raw
    /// HTML rather than as a container (the scanner took them for code, or
    /// they sit inside a list item or quote): what follows such a line would be
    /// published, so each is a problem. `events` are the parsed events of
    /// `text`, each with the offset in `text` where it starts.
    pub fn published_facilitator_lines(&self, events: &[(Event, usize, usize)]) -> Vec<Problem> {
        let mut in_code = 0usize;
        let mut problems = Vec::new();
        for (event, start, _) in events {
            match event {
                Event::Start(Tag::CodeBlock(_)) => in_code += 1,
                Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
                Event::Text(text) | Event::Html(text) if in_code == 0 && text.contains("::") => {
                    let line_start = self.text[..*start].rfind('\n').map_or(0, |i| i + 1);
                    let before = &self.text[line_start..*start];
                    let starts_line = before
                        .chars()
                        .all(|c| c.is_whitespace() || "->*+.)".contains(c) || c.is_ascii_digit());
                    let opens = |line: &str| {
                        matches!(
                            container_line(line.trim_start()),
                            Some(Fence::Open("facilitator"))
                        )
                    };
                    let mut lines = text.split('\n');
                    // A definition list takes the line's first `:` as its marker.
                    let whole_line = self.text[line_start..].split('\n').next().unwrap_or("");
                    let first = lines.next().is_some_and(|line| starts_line && opens(line))
                        || opens(whole_line);
                    if first || lines.any(opens) {
                        problems.push(Problem {
                            offset: self.original_offset(*start),
                            message: "this `:::facilitator` line is read as text, so the \
                                      facilitator material after it would be published"
                                .into(),
                            help: Some(
                                "start the line at the left margin, outside lists and quotes, \
                                 and close any code block or HTML block above it"
                                    .into(),
                            ),
                        });
                    }
                }
                _ => {}
            }
        }
        problems
    }

    /// Whether any facilitator block was kept in `text`.
    pub fn has_facilitator_blocks(&self) -> bool {
        !self.facilitator.is_empty()
    }

    /// Whether the offset `at` in `text` is inside a kept facilitator block.
    pub fn in_facilitator_block(&self, at: usize) -> bool {
        let index = self.facilitator.partition_point(|range| range.start <= at);
        index
            .checked_sub(1)
            .is_some_and(|i| self.facilitator[i].contains(&at))
    }
}

/// What a role card leaves out of the parsed events of one text: every
/// event inside a kept facilitator block, and the link of a reference
/// (`[text][label]`) whose definition sits in one (its text stays), so no
/// address from a facilitator block reaches the card either.
pub struct CardCut<'a> {
    expanded: &'a Expanded,
    /// Destinations of the reference definitions inside facilitator blocks.
    hidden: HashSet<String>,
    /// Inside a link or image whose start was left out: its end goes too.
    dropping_end: bool,
}

impl<'a> CardCut<'a> {
    pub fn new(expanded: &'a Expanded, definitions: &RefDefs) -> Self {
        let hidden = definitions
            .iter()
            .filter(|(_, definition)| expanded.in_facilitator_block(definition.span.start))
            .map(|(_, definition)| definition.dest.to_string())
            .collect();
        CardCut {
            expanded,
            hidden,
            dropping_end: false,
        }
    }

    /// Whether a role card keeps `event`, which starts at `start` in the
    /// expanded text. Called for each event in order, before its link is
    /// rewritten.
    pub fn keeps(&mut self, event: &Event, start: usize) -> bool {
        if self.expanded.in_facilitator_block(start) {
            return false;
        }
        match event {
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    ..
                },
            ) if matches!(
                link_type,
                LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
            ) && self.hidden.contains(dest_url.as_ref()) =>
            {
                self.dropping_end = true;
                false
            }
            Event::End(TagEnd::Link | TagEnd::Image) if self.dropping_end => {
                self.dropping_end = false;
                false
            }
            _ => true,
        }
    }
}

fn opening_html(kind: &str) -> String {
    let mut chars = kind.chars();
    let title: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let (tag, extra) = if kind == "facilitator" {
        ("aside", r#" data-audience="facilitator""#)
    } else {
        ("div", "")
    };
    format!(
        "\n<{tag} class=\"callout callout-{kind}\"{extra}>\n<p class=\"callout-title\">{title}</p>\n\n"
    )
}

/// What a line means to the container scanner.
enum Fence<'a> {
    Open(&'a str),
    Close,
}

fn container_line(line: &str) -> Option<Fence<'_>> {
    let rest = line[small_indent(line)?..].trim_end().strip_prefix(":::")?;
    let name = rest.trim();
    if name.is_empty() {
        Some(Fence::Close)
    } else {
        Some(Fence::Open(name))
    }
}

/// Leading spaces of a line when there are at most three (CommonMark's
/// limit for a fence or a paragraph); `None` for deeper indentation or a tab.
fn small_indent(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    (indent <= 3 && !line[indent..].starts_with('\t')).then_some(indent)
}

/// The code fence a line opens (its character and length), if any. As in
/// CommonMark: at most three spaces of indentation, three or more backticks
/// or tildes, and no backtick in the info string of a backtick fence.
fn code_fence(line: &str) -> Option<(char, usize)> {
    let rest = &line[small_indent(line)?..];
    let c = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run = rest.len() - rest.trim_start_matches(c).len();
    let info = &rest[run..];
    (run >= 3 && !(c == '`' && info.contains('`'))).then_some((c, run))
}

/// Whether `line` closes a fence opened by `run` times `c`: the same
/// character, at least as many, nothing but spaces after them.
fn closes_fence(line: &str, (c, run): (char, usize)) -> bool {
    let Some(indent) = small_indent(line) else {
        return false;
    };
    let rest = &line[indent..];
    let length = rest.len() - rest.trim_start_matches(c).len();
    length >= run
        && rest[length..]
            .trim_matches([' ', '\t', '\r', '\n'])
            .is_empty()
}

/// Expands containers in `markdown`. With `include_facilitator` false,
/// `:::facilitator` blocks and everything inside them are dropped.
pub fn expand_containers(markdown: &str, include_facilitator: bool) -> Expanded {
    let mut expanded = Expanded {
        text: String::with_capacity(markdown.len() + 64),
        pieces: Vec::new(),
        problems: Vec::new(),
        facilitator: Vec::new(),
    };
    // Open containers: (kind, offset of the opening line, whether its content is dropped).
    let mut open: Vec<(&str, usize, bool)> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    // The outermost kept facilitator block: its depth in `open` and where it starts in the text.
    let mut facilitator: Option<(usize, usize)> = None;
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        let line_offset = offset;
        offset += line.len();
        let dropping = open.iter().any(|(_, _, dropped)| *dropped);
        if let Some(opened) = fence {
            if closes_fence(line, opened) {
                fence = None;
            }
        } else if let Some(opened) = code_fence(line) {
            fence = Some(opened);
        } else if let Some(container) = container_line(line) {
            match container {
                Fence::Open(kind) => {
                    if !KINDS.contains(&kind) {
                        let help = crate::diagnostics::did_you_mean(kind, KINDS)
                            .map(|k| format!("did you mean `:::{k}`?"))
                            .unwrap_or_else(|| format!("container kinds: {}", KINDS.join(", ")));
                        expanded.problems.push(Problem {
                            offset: line_offset,
                            message: format!("unknown container `:::{kind}`"),
                            help: Some(help),
                        });
                    }
                    let drop = kind == "facilitator" && !include_facilitator;
                    if !dropping && !drop {
                        if kind == "facilitator" && facilitator.is_none() {
                            facilitator = Some((open.len(), expanded.text.len()));
                        }
                        expanded.text.push_str(&opening_html(kind));
                    }
                    open.push((kind, line_offset, drop));
                }
                Fence::Close => match open.pop() {
                    Some((kind, _, drop)) => {
                        let outer_dropped = open.iter().any(|(_, _, dropped)| *dropped);
                        if !drop && !outer_dropped {
                            let tag = if kind == "facilitator" {
                                "aside"
                            } else {
                                "div"
                            };
                            expanded.text.push_str(&format!("\n</{tag}>\n\n"));
                        }
                        if let Some((depth, start)) = facilitator
                            && depth == open.len()
                        {
                            expanded.facilitator.push(start..expanded.text.len());
                            facilitator = None;
                        }
                    }
                    None => expanded.problems.push(Problem {
                        offset: line_offset,
                        message: "`:::` closes a container that was never opened".into(),
                        help: Some(
                            "remove this line, or open a container above with `:::tip`".into(),
                        ),
                    }),
                },
            }
            continue;
        }
        if !dropping {
            expanded.pieces.push((expanded.text.len(), line_offset));
            expanded.text.push_str(line);
        }
    }
    if let Some((_, start)) = facilitator {
        expanded.facilitator.push(start..expanded.text.len());
    }
    for (kind, opened_at, _) in open {
        expanded.problems.push(Problem {
            offset: opened_at,
            message: format!("container `:::{kind}` is never closed"),
            help: Some("add a line `:::` where it ends".into()),
        });
    }
    expanded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_containers_and_maps_offsets_back() {
        let source = "Intro\n:::tip\nBe *curious*.\n:::\nEnd\n";
        let expanded = expand_containers(source, true);
        assert!(expanded.problems.is_empty());
        assert!(
            expanded
                .text
                .contains("<div class=\"callout callout-tip\">")
        );
        assert!(expanded.text.contains("\n</div>\n"));
        let inside = expanded.text.find("Be *curious*").unwrap();
        assert_eq!(
            expanded.original_offset(inside),
            source.find("Be *curious*").unwrap()
        );
    }

    #[test]
    fn unknown_kinds_with_non_ascii_names_do_not_panic() {
        let expanded = expand_containers(
            ":::écoute
x
:::
",
            true,
        );
        assert_eq!(expanded.problems.len(), 1);
        assert!(expanded.text.contains("Écoute"));
    }

    #[test]
    fn ignores_container_lines_inside_code_fences() {
        let expanded = expand_containers("```\n:::tip\n```\n", true);
        assert!(expanded.problems.is_empty());
        assert!(!expanded.text.contains("callout"));
    }

    #[test]
    fn drops_facilitator_blocks_when_asked() {
        let source = "A\n:::facilitator\nSECRET\n:::tip\nnested\n:::\n:::\nB\n";
        let expanded = expand_containers(source, false);
        assert!(!expanded.text.contains("SECRET"), "{}", expanded.text);
        assert!(!expanded.text.contains("nested"));
        assert!(!expanded.text.contains("aside"));
        assert!(expanded.text.contains("B\n"));
    }

    #[test]
    fn code_fences_follow_commonmark() {
        // Not fences: a backtick in a backtick fence's info string, four
        // spaces or a tab of indentation, fewer than three characters.
        for line in ["```js`\n", "    ```\n", "\t```\n", "``\n", "``` a ` b\n"] {
            assert_eq!(code_fence(line), None, "{line:?}");
        }
        assert_eq!(code_fence("   ~~~~ rust\n"), Some(('~', 4)));
        assert_eq!(code_fence("~~~ a`b\n"), Some(('~', 3)));
        // A fence closes only with at least as many of the same character
        // and nothing after them.
        assert!(closes_fence("````  \n", ('`', 3)));
        assert!(!closes_fence("``\n", ('`', 3)));
        assert!(!closes_fence("~~~\n", ('`', 3)));
        assert!(!closes_fence("``` js\n", ('`', 3)));
        assert!(!closes_fence("    ```\n", ('`', 3)));
    }

    #[test]
    fn a_line_that_only_looks_like_a_fence_hides_no_facilitator_block() {
        let source = "```js`\n:::facilitator\nSECRET\n:::\nB\n";
        let expanded = expand_containers(source, false);
        assert!(!expanded.text.contains("SECRET"), "{}", expanded.text);
        let source = "```\n:::facilitator\n````\nstill code\n```\n:::\n";
        let expanded = expand_containers(source, false);
        assert!(expanded.text.contains("still code"), "{}", expanded.text);
        assert!(expanded.problems.is_empty());
    }

    #[test]
    fn records_where_kept_facilitator_blocks_sit() {
        let source =
            "BEFORE\n:::facilitator\nSECRET\n:::tip\nnested\n:::\n:::\nAFTER\n:::tip\nTIP\n:::\n";
        let expanded = expand_containers(source, true);
        assert!(expanded.has_facilitator_blocks());
        let at = |needle: &str| expanded.text.find(needle).unwrap();
        assert!(expanded.in_facilitator_block(at("SECRET")));
        assert!(expanded.in_facilitator_block(at("nested")));
        assert!(expanded.in_facilitator_block(at("<aside")));
        assert!(!expanded.in_facilitator_block(at("BEFORE")));
        assert!(!expanded.in_facilitator_block(at("AFTER")));
        assert!(!expanded.in_facilitator_block(at("TIP\n")));
        assert!(!expand_containers("A\n:::tip\nB\n:::\n", true).has_facilitator_blocks());
    }

    #[test]
    fn reports_unknown_unclosed_and_stray_containers() {
        let expanded = expand_containers(":::tipp\nx\n", true);
        let messages: Vec<_> = expanded
            .problems
            .iter()
            .map(|p| p.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "unknown container `:::tipp`",
                "container `:::tipp` is never closed"
            ]
        );
        assert_eq!(
            expanded.problems[0].help.as_deref(),
            Some("did you mean `:::tip`?")
        );
        let stray = expand_containers("x\n:::\n", true);
        assert_eq!(stray.problems[0].offset, 2);
    }
}
