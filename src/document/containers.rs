//! Fenced divs (`::: challenge`, Pandoc's rules) and MkDocs admonitions
//! (`!!! note`), which pulldown-cmark does not know.
//!
//! Before parsing, each div or admonition line outside a fenced code block is
//! replaced by an HTML block (a box of [`super::boxes`]) set apart by blank
//! lines, so the Markdown inside is parsed as usual and footnotes still work
//! across the whole body. A line of three or more colons alone closes the
//! innermost open div whatever its length; an admonition's body is indented
//! by four spaces and ends where the indentation does. The expanded text
//! keeps a map back to original offsets, so diagnostics keep pointing at the
//! author's lines. Facilitator blocks (`facilitator`, `instructor`) can be
//! left out here, which is how an edition removes them from every byte of
//! output; when they are kept, their place in the expanded text is recorded,
//! so the parsed events inside them can be left off pages handed to
//! participants (role cards).
//!
//! Code fences follow CommonMark, so a line that only looks like a fence
//! (`` ```js` ``) does not hide the divs after it. A div or admonition line
//! that CommonMark still reads as text (indented into a list item, after a
//! code block left open) would show as written, and a facilitator one would
//! publish what follows it, so [`Expanded::box_lines_read_as_text`] finds
//! them in the parsed events.

use std::collections::HashSet;

use pulldown_cmark::{Event, LinkType, RefDefs, Tag, TagEnd};

use super::boxes::{BoxKind, Fold, known_words, title_html};
use super::fence_lines::{DivLine, Opener, admonition_line, div_line, heading_text, small_indent};
use super::spans::{Places, Spans};
use crate::diagnostics::Severity;

/// A problem with a container line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Offset in the original text.
    pub offset: usize,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// Reported once for the whole handbook (an unknown class).
    pub once_per_handbook: bool,
}

/// Markdown with containers turned into HTML blocks.
#[derive(Debug)]
pub struct Expanded {
    pub text: String,
    /// Pieces copied from the original: (offset in `text`, offset in the original).
    pieces: Vec<(usize, usize)>,
    pub problems: Vec<Problem>,
    /// Where the kept boxes sit in `text`: facilitator, exercise, any.
    pub places: Places,
    /// Ids written on boxes (`::: {#id .tip}`), with the offset of their line.
    pub ids: Vec<(String, usize)>,
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

    /// Div and admonition lines that the parse of `text` reads as text or
    /// raw HTML rather than as a box (the scanner took them for code, or they
    /// sit inside a list item or quote). For a facilitator line
    /// (`:::facilitator`, `!!! instructor`) what follows would be published,
    /// so it is an error; any other shows on the page as written, a warning.
    /// `events` are the parsed events of `text`, each with the offset in
    /// `text` where it starts.
    pub fn box_lines_read_as_text(&self, events: &[(Event, usize, usize)]) -> Vec<Problem> {
        let mut in_code = 0usize;
        let mut problems = Vec::new();
        for (event, start, _) in events {
            match event {
                Event::Start(Tag::CodeBlock(_)) => in_code += 1,
                Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
                Event::Text(text) | Event::Html(text)
                    if in_code == 0 && may_hold_box_marker(text) =>
                {
                    let line_start = self.text[..*start].rfind('\n').map_or(0, |i| i + 1);
                    let before = &self.text[line_start..*start];
                    let starts_line = before
                        .chars()
                        .all(|c| c.is_whitespace() || "->*+.)".contains(c) || c.is_ascii_digit());
                    // The syntax of a box line, if `line` is one, and
                    // whether it holds facilitator material.
                    let opens = |line: &str| {
                        let line = line.trim_start();
                        let (word, syntax) = match (div_line(line), admonition_line(line)) {
                            (Some(DivLine::Open(opener)), _) => (opener.word, ":::"),
                            (_, Some(opener)) => (opener.word, "!!!"),
                            _ => return None,
                        };
                        Some((syntax, BoxKind::from_word(&word).is_facilitator()))
                    };
                    let mut lines = text.split('\n');
                    // A definition list takes the line's first `:` as its marker.
                    let whole_line = self.text[line_start..].split('\n').next().unwrap_or("");
                    let first = lines
                        .next()
                        .filter(|_| starts_line)
                        .and_then(opens)
                        .or_else(|| opens(whole_line));
                    let found = first.into_iter().chain(lines.filter_map(opens));
                    // One problem per event: the facilitator one if there is one.
                    let Some((syntax, facilitator)) = found.max_by_key(|(_, f)| *f) else {
                        continue;
                    };
                    let (severity, message) = if facilitator {
                        let syntax = if syntax == ":::" {
                            "`:::facilitator`"
                        } else {
                            "`!!! facilitator`"
                        };
                        (
                            Severity::Error,
                            format!(
                                "this {syntax} line is read as text, so the facilitator \
                                 material after it would be published"
                            ),
                        )
                    } else {
                        (
                            Severity::Warning,
                            format!(
                                "this `{syntax}` line is read as text, so it shows on the page \
                                 as written"
                            ),
                        )
                    };
                    problems.push(Problem {
                        offset: self.original_offset(*start),
                        severity,
                        once_per_handbook: false,
                        message,
                        help: Some(
                            "start the line at the left margin, outside lists and quotes, \
                             and close any code block or HTML block above it"
                                .into(),
                        ),
                    });
                }
                _ => {}
            }
        }
        problems
    }

    /// Whether the offset `at` in `text` is inside a kept facilitator block.
    pub fn in_facilitator_block(&self, at: usize) -> bool {
        self.places.facilitator.contains(at)
    }
}

/// What a role card leaves out of the parsed events of one text: every
/// event inside a kept facilitator block or facilitator callout, and the link of a reference
/// (`[text][label]`) whose definition sits in one (its text stays), so no
/// address from a facilitator block reaches the card either.
pub struct CardCut<'a> {
    expanded: &'a Expanded,
    /// Destinations of the reference definitions inside facilitator blocks.
    hidden: HashSet<String>,
    /// Inside a link or image whose start was left out: its end goes too.
    dropping_end: bool,
    /// Kept facilitator callouts (`> [!facilitator]`) in the parsed text.
    callouts: Spans,
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
            callouts: Spans::default(),
        }
    }

    /// Leaves the facilitator callouts at `ranges` off the cards too.
    pub fn cut_callouts(&mut self, spans: Spans) {
        self.callouts = spans;
    }

    /// Whether the cards lose anything at all.
    pub fn cuts_anything(&self) -> bool {
        !self.expanded.places.facilitator.is_empty() || !self.callouts.is_empty()
    }

    /// Whether a role card keeps `event`, which starts at `start` in the
    /// expanded text. Called for each event in order, before its link is
    /// rewritten.
    pub fn keeps(&mut self, event: &Event, start: usize) -> bool {
        if self.expanded.in_facilitator_block(start) || self.callouts.contains(start) {
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

/// Whether `text` holds `::`, `!!!` or `???`, the start of a div or an
/// admonition line; found with one scan of the bytes, as every text of
/// every page is asked.
fn may_hold_box_marker(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b':', b'!', b'?', bytes).any(|i| match bytes[i] {
        b':' => bytes.get(i + 1) == Some(&b':'),
        mark => bytes.get(i + 1..i + 3) == Some(&[mark, mark][..]),
    })
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

/// How many of `open` admonitions a line stays inside (each indents its
/// body by four columns), and how many bytes of indentation that is. A
/// blank line stays inside all of them.
fn admonition_depth(line: &str, open: usize) -> (usize, usize) {
    let blank = line.trim().is_empty();
    let mut column = 0;
    let mut depth_bytes = 0;
    let mut depth = 0;
    for (at, c) in line.char_indices() {
        if depth == open {
            break;
        }
        column = match c {
            ' ' => column + 1,
            '\t' => column / 4 * 4 + 4,
            _ => break,
        };
        if column >= 4 * (depth + 1) {
            depth += 1;
            depth_bytes = at + 1;
        }
    }
    if blank {
        (open, depth_bytes)
    } else {
        (depth, depth_bytes)
    }
}

/// A box the scanner has opened and not closed yet.
struct OpenBox {
    kind: BoxKind,
    /// The class as written, for diagnostics.
    word: String,
    /// Offset of the opening line in the original text.
    at: usize,
    /// Its content is left out (facilitator material in a participant edition).
    dropped: bool,
    /// An MkDocs admonition (closed by indentation) rather than a div.
    admonition: bool,
    /// Spaces before its opening line, which its HTML lines get too, so a
    /// box in a list item stays in the item.
    indent: usize,
}

/// The state of one expansion.
struct Scanner<'m> {
    markdown: &'m str,
    include_facilitator: bool,
    out: Expanded,
    open: Vec<OpenBox>,
    /// How many of `open` are dropped, and how many are admonitions: kept
    /// as counts so a deep nest costs no more per line than a shallow one.
    dropped: usize,
    admonitions: usize,
    /// The open code fence.
    fence: Option<(char, usize)>,
    /// A heading line taken as the title of the box above it.
    title_line: Option<usize>,
    /// Unknown classes already reported in this text.
    warned: HashSet<String>,
}

impl Scanner<'_> {
    fn dropping(&self) -> bool {
        self.dropped > 0
    }

    fn admonitions(&self) -> usize {
        self.admonitions
    }

    fn push(&mut self, text: &str, original: usize) {
        if !self.dropping() {
            self.out.pieces.push((self.out.text.len(), original));
            self.out.text.push_str(text);
        }
    }

    fn problem(&mut self, offset: usize, severity: Severity, message: String, help: &str) {
        self.out.problems.push(Problem {
            offset,
            severity,
            message,
            help: Some(help.to_string()),
            once_per_handbook: false,
        });
    }

    fn open_div(&mut self, opener: Opener, at: usize, next_line: usize, indent: usize) {
        let mut kind = BoxKind::from_word(&opener.word);
        if let Some(fold) = opener.fold {
            kind.fold = fold;
        }
        let lower = opener.word.to_lowercase();
        if !kind.known && !lower.is_empty() && self.warned.insert(lower.clone()) {
            // The same words for every spelling, so the handbook reports it once.
            self.out.problems.push(Problem {
                offset: at,
                severity: Severity::Warning,
                message: format!(
                    "unknown div class `{lower}`, shown as a box titled \"{}\"",
                    BoxKind::from_word(&lower).title
                ),
                help: Some(
                    crate::diagnostics::did_you_mean(&opener.word, known_words())
                        .map(|known| format!("did you mean `::: {known}`?"))
                        .unwrap_or_else(|| format!("box classes: {KNOWN_HINT}")),
                ),
                once_per_handbook: true,
            });
        }
        let title = match opener.title {
            Some(title) => Some(title),
            None if kind.heading_title => self.heading_below(next_line),
            None => None,
        };
        self.open_box(kind, opener.word, title, opener.id, (at, indent), false);
    }

    /// The text of the heading that is the first line of a box's body, which
    /// then becomes its title (and is not also shown as a heading).
    fn heading_below(&mut self, from: usize) -> Option<String> {
        let admonitions = self.admonitions();
        let mut offset = from;
        for line in self.markdown[from..].split_inclusive('\n') {
            let line_offset = offset;
            offset += line.len();
            let (depth, strip) = admonition_depth(line, admonitions);
            if line.trim().is_empty() {
                continue;
            }
            if depth < admonitions {
                return None;
            }
            let text = heading_text(&line[strip..])?;
            self.title_line = Some(line_offset);
            return Some(text.to_string());
        }
        None
    }

    fn open_box(
        &mut self,
        kind: BoxKind,
        word: String,
        title: Option<String>,
        id: Option<String>,
        (at, indent): (usize, usize),
        admonition: bool,
    ) {
        let dropped = kind.is_facilitator() && !self.include_facilitator;
        if !self.dropping() && !dropped {
            let depth = self.open.len();
            self.out.places.open(&kind, depth, self.out.text.len());
            if let Some(id) = &id {
                self.out.ids.push((id.clone(), at));
            }
            let title = title.map(|t| title_html(&t));
            let opening = kind.opening(title.as_deref(), id.as_deref());
            for line in opening.split_inclusive('\n') {
                if line != "\n" {
                    self.out.text.push_str(&" ".repeat(indent));
                }
                self.out.text.push_str(line);
            }
        }
        self.dropped += usize::from(dropped);
        self.admonitions += usize::from(admonition);
        self.open.push(OpenBox {
            kind,
            word,
            at,
            dropped,
            admonition,
            indent,
        });
    }

    /// Closes the innermost box; a code fence left open inside it closes first.
    fn close_box(&mut self) {
        let Some(closed) = self.open.pop() else {
            return;
        };
        self.dropped -= usize::from(closed.dropped);
        self.admonitions -= usize::from(closed.admonition);
        let fence = self.fence.take();
        if !closed.dropped {
            let pad = " ".repeat(closed.indent);
            if let Some((c, run)) = fence {
                self.push_generated(&format!("\n{pad}{}\n", c.to_string().repeat(run)));
            }
            if !self.out.text.ends_with('\n') {
                self.push_generated("\n");
            }
            self.push_generated(&format!("\n{pad}{}\n\n", closed.kind.closing()));
        }
        if !closed.dropped {
            let at = self.out.text.len();
            self.out.places.close(self.open.len(), at);
        }
    }

    /// Adds text of the scanner's own (no original offset) unless dropping.
    fn push_generated(&mut self, text: &str) {
        if !self.dropping() {
            self.out.text.push_str(text);
        }
    }

    fn line(&mut self, line: &str, line_offset: usize) {
        let admonitions = self.admonitions();
        let (depth, strip) = admonition_depth(line, admonitions);
        if depth < admonitions {
            // The first admonition this line leaves, and all opened after it.
            let mut seen = 0;
            let first = self.open.iter().position(|b| {
                seen += usize::from(b.admonition);
                b.admonition && seen > depth
            });
            self.close_from(first.unwrap_or(self.open.len()));
        }
        let next_line = line_offset + line.len();
        if self.title_line == Some(line_offset) {
            self.title_line = None;
            return;
        }
        let body = &line[strip..];
        let body_offset = line_offset + strip;
        if let Some(opened) = self.fence {
            if closes_fence(body, opened) {
                self.fence = None;
            }
        } else if let Some(opened) = code_fence(body) {
            self.fence = Some(opened);
        } else if let Some(div) = div_line(body) {
            match div {
                DivLine::Open(opener) => {
                    let indent = small_indent(body).unwrap_or(0);
                    self.open_div(opener, body_offset, next_line, indent);
                }
                DivLine::Close if self.open.last().is_some_and(|b| !b.admonition) => {
                    self.close_box();
                }
                DivLine::Close => self.problem(
                    body_offset,
                    Severity::Warning,
                    "this `:::` closes no open div, so it is left out".into(),
                    "remove the line, or open a div above it with `::: tip`",
                ),
            }
            return;
        } else if let Some(opener) = admonition_line(body) {
            let kind = BoxKind::folding(&opener.word, opener.fold.unwrap_or(Fold::No));
            let indent = small_indent(body).unwrap_or(0);
            self.open_box(
                kind,
                opener.word,
                opener.title,
                None,
                (body_offset, indent),
                true,
            );
            return;
        }
        self.push(body, body_offset);
    }

    /// Closes the boxes from `first` on (their surroundings end), with one
    /// warning at the outermost div among them, counting the others.
    fn close_from(&mut self, first: usize) {
        let mut divs = self.open[first.min(self.open.len())..]
            .iter()
            .filter(|b| !b.admonition);
        if let Some(outer) = divs.next() {
            let (word, at, inside) = (outer.word.clone(), outer.at, divs.count());
            let others = match inside {
                0 => String::new(),
                1 => " (nor is the div inside it)".to_string(),
                n => format!(" (nor are the {n} divs inside it)"),
            };
            self.problem(
                at,
                Severity::Warning,
                format!(
                    "`::: {word}` is never closed{others}, so it ends where its surroundings end"
                ),
                "add a line `:::` where it ends",
            );
        }
        while self.open.len() > first {
            self.close_box();
        }
    }

    fn finish(mut self) -> Expanded {
        self.close_from(0);
        let end = self.out.text.len();
        self.out.places.finish(end);
        self.out
    }
}

/// The classes the hint of an unknown class names.
const KNOWN_HINT: &str = "tip, note, warning, exercise (challenge), facilitator (instructor), \
     solution, hint, spoiler, callout, important, caution, discussion, checklist, keypoints, \
     objectives, questions, prereq, testimonial, callout-*";

/// Expands fenced divs and admonitions in `markdown`. With
/// `include_facilitator` false, facilitator blocks and everything inside
/// them are dropped.
pub fn expand_containers(markdown: &str, include_facilitator: bool) -> Expanded {
    let mut scanner = Scanner {
        markdown,
        include_facilitator,
        out: Expanded {
            text: String::with_capacity(markdown.len() + 64),
            pieces: Vec::new(),
            problems: Vec::new(),
            places: Places::default(),
            ids: Vec::new(),
        },
        open: Vec::new(),
        dropped: 0,
        admonitions: 0,
        fence: None,
        title_line: None,
        warned: HashSet::new(),
    };
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        scanner.line(line, offset);
        offset += line.len();
    }
    scanner.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_markers_are_runs_of_colons_bangs_or_question_marks() {
        for text in [":::facilitator", "a :: b", "!!! note", "x ??? tip", "::"] {
            assert!(may_hold_box_marker(text), "{text}");
        }
        for text in ["Why? What: now!", "!! ?? :", "", "a:b!c?d", "!!", "??"] {
            assert!(!may_hold_box_marker(text), "{text}");
        }
    }

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
        assert!(!expanded.places.facilitator.is_empty());
        let at = |needle: &str| expanded.text.find(needle).unwrap();
        assert!(expanded.in_facilitator_block(at("SECRET")));
        assert!(expanded.in_facilitator_block(at("nested")));
        assert!(expanded.in_facilitator_block(at("<aside")));
        assert!(!expanded.in_facilitator_block(at("BEFORE")));
        assert!(!expanded.in_facilitator_block(at("AFTER")));
        assert!(!expanded.in_facilitator_block(at("TIP\n")));
        assert!(
            expand_containers("A\n:::tip\nB\n:::\n", true)
                .places
                .facilitator
                .is_empty()
        );
    }

    #[test]
    fn unknown_unclosed_and_stray_divs_are_warnings() {
        let expanded = expand_containers(":::tipp\nx\n", true);
        let messages: Vec<_> = expanded
            .problems
            .iter()
            .map(|p| (p.severity, p.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    Severity::Warning,
                    "unknown div class `tipp`, shown as a box titled \"Tipp\""
                ),
                (
                    Severity::Warning,
                    "`::: tipp` is never closed, so it ends where its surroundings end"
                )
            ]
        );
        assert!(expanded.problems[0].once_per_handbook);
        assert_eq!(
            expanded.problems[0].help.as_deref(),
            Some("did you mean `::: tip`?")
        );
        assert!(
            expanded.text.trim_end().ends_with("</div>"),
            "{}",
            expanded.text
        );
        let nested = expand_containers("::: tip\n::: note\n::: solution\nx\n", true);
        let unclosed: Vec<_> = nested.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            unclosed,
            [
                "`::: tip` is never closed (nor are the 2 divs inside it), so it ends where its surroundings end"
            ]
        );
        assert_eq!(nested.text.matches("</div>").count(), 2);
        assert_eq!(nested.text.matches("</details>").count(), 1);
        let stray = expand_containers("x\n:::\n", true);
        assert_eq!(stray.problems[0].offset, 2);
        assert!(!stray.text.contains(":::"));
        let twice = expand_containers("::: Recipe\n:::\n::: recipe\n:::\n", true);
        assert_eq!(twice.problems.len(), 1, "{:?}", twice.problems);
        assert!(twice.problems[0].message.contains("`recipe`"));
        assert!(twice.text.contains(">Recipe</p>"));
    }

    #[test]
    fn closing_lines_close_the_innermost_div_whatever_their_length() {
        let source = ":::::::::::::::: challenge\nAsk.\n\n::::: solution\n\n## Answer\n\nListen.\n::::::::::::::::::::::\nAfter solution\n:::\nOutside\n";
        let expanded = expand_containers(source, true);
        assert!(expanded.problems.is_empty(), "{:?}", expanded.problems);
        let text = &expanded.text;
        let at = |needle: &str| {
            text.find(needle)
                .unwrap_or_else(|| panic!("{needle} in {text}"))
        };
        assert!(at("<div class=\"callout callout-exercise callout-challenge\">") < at("<details"));
        assert!(
            text.contains("<summary class=\"callout-title\">Answer</summary>"),
            "{text}"
        );
        assert!(!text.contains("## Answer"), "{text}");
        assert!(at("</details>") < at("After solution"));
        assert!(at("After solution") < at("</div>"));
        assert!(at("</div>") < at("Outside"));
        assert_eq!(
            expanded.original_offset(at("Listen.")),
            source.find("Listen.").unwrap()
        );
    }

    #[test]
    fn titled_boxes_take_their_title_from_the_line_or_the_first_heading() {
        let quarto = expand_containers("::: {.callout-tip title=\"Try *this*\"}\nx\n:::\n", true);
        assert!(
            quarto
                .text
                .contains("<p class=\"callout-title\">Try <em>this</em></p>"),
            "{}",
            quarto.text
        );
        let docusaurus = expand_containers(":::note[Before you start]\nx\n:::\n", true);
        assert!(
            docusaurus.text.contains(">Before you start</p>"),
            "{}",
            docusaurus.text
        );
        let heading = expand_containers("::: callout\n\n### Silence helps {#s}\n\nx\n:::\n", true);
        assert!(
            heading.text.contains(">Silence helps</p>"),
            "{}",
            heading.text
        );
        assert!(!heading.text.contains("###"), "{}", heading.text);
        // coachbook's own kinds keep their headings.
        let tip = expand_containers(":::tip\n## Kept\n:::\n", true);
        assert!(
            tip.text.contains("## Kept") && tip.text.contains(">Tip</p>"),
            "{}",
            tip.text
        );
        let id = expand_containers("::: {#why .discussion}\nx\n:::\n", true);
        assert_eq!(id.ids, [("why".to_string(), 0)]);
        assert!(id.text.contains(" id=\"why\""), "{}", id.text);
    }

    #[test]
    fn instructor_divs_are_facilitator_material() {
        let source = "A\n::: {.instructor}\nSECRET\n:::\n::::: instructor\nSECRET two\n:::::\nB\n";
        let kept = expand_containers(source, true);
        assert!(
            kept.text
                .contains("<aside class=\"callout callout-facilitator callout-instructor\"")
        );
        assert!(kept.in_facilitator_block(kept.text.find("SECRET two").unwrap()));
        let cut = expand_containers(source, false);
        assert!(!cut.text.contains("SECRET"), "{}", cut.text);
        assert!(cut.text.contains("B\n"));
        // An admonition of facilitator material goes too, and a code fence
        // left open in a dropped box leaves nothing behind.
        let source = "A\n!!! instructor\n    SECRET\n    ```\n    code\nB\n";
        let cut = expand_containers(source, false);
        assert_eq!(cut.text, "A\nB\n");
    }

    #[test]
    fn admonitions_hold_their_indented_body() {
        let source = "!!! note \"Before the session\"\n    Read the brief.\n\n    ```\n    !!! tip\n    ```\n\n    ??? tip\n        Hidden.\n\nAfter\n???+ warning\n    Open.\n";
        let expanded = expand_containers(source, true);
        assert!(expanded.problems.is_empty(), "{:?}", expanded.problems);
        let text = &expanded.text;
        assert!(text.contains("<div class=\"callout callout-note\">\n<p class=\"callout-title\">Before the session</p>"), "{text}");
        assert!(text.contains("\nRead the brief.\n"), "{text}");
        assert!(text.contains("```\n!!! tip\n```\n"), "{text}");
        assert!(text.contains("<details class=\"callout callout-tip\">\n<summary class=\"callout-title\">Tip</summary>"), "{text}");
        assert!(text.contains("\nHidden.\n"), "{text}");
        let at = |needle: &str| text.find(needle).unwrap();
        assert!(
            at("</details>") < at("</div>") && at("</div>") < at("After"),
            "{text}"
        );
        assert!(
            text.contains("<details class=\"callout callout-warning\" open>"),
            "{text}"
        );
        assert_eq!(
            expanded.original_offset(at("Hidden.")),
            source.find("Hidden.").unwrap()
        );
    }

    #[test]
    fn a_code_fence_left_open_in_an_admonition_ends_with_it() {
        let expanded = expand_containers("!!! note\n    ```\n    code\nAfter\n", true);
        let text = &expanded.text;
        assert!(
            text.find("```\n\n</div>")
                .is_some_and(|at| at < text.find("After").unwrap()),
            "{text}"
        );
    }
}

#[cfg(test)]
mod mixed_lines {
    use std::path::Path;

    use crate::document::markdown::{MarkdownRenderer, Origin};

    /// Lines of every dialect, mixed three by three in every order and
    /// rendered in both editions: no panic, and no error but a facilitator
    /// line read as text or an id written twice.
    #[test]
    fn every_mix_of_box_lines_renders_without_panic() {
        const LINES: &[&str] = &[
            ":::::: challenge\n",
            "::: {.instructor #é}\n",
            ":::note[Ti*t*le]\n",
            "::::\n",
            "!!! tip \"Écoute\"\n",
            "    ```\n",
            "    ## Heading ’\n",
            "??? spoiler\n",
            "> [!tip]- Before ‘x’\n",
            "> > [!NOTE]\n",
            "- ::: facilitator\n",
            "{{< ref \"x.md\" >}} &amp; {% x %}\n",
            "\n",
            "text é\n",
        ];
        for a in LINES {
            for b in LINES {
                for c in LINES {
                    let text = format!("{a}{b}{c}");
                    for include in [true, false] {
                        let mut renderer = MarkdownRenderer::new(Path::new("a.md"), &text, include);
                        renderer.render_block_for_cards(&text, Origin::Verbatim(0), true);
                        for diagnostic in &renderer.diagnostics {
                            assert!(
                                !diagnostic.is_error()
                                    || diagnostic.message.contains("read as text")
                                    || diagnostic.message.contains("already used"),
                                "{text:?}: {diagnostic}"
                            );
                        }
                    }
                }
            }
        }
    }
}
