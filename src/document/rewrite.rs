//! Syntax of other Markdown dialects handled in the source, before parsing:
//! Obsidian `%%comments%%` are cut (so no byte of them reaches any output),
//! Pandoc spans `[text]{#id .class}` become `<span>` tags around their text,
//! and attribute lists after a link or image (`{width="60%"}`) and
//! kramdown's `{: .class}` lines are taken out and kept, with where they
//! stood, for the parsed events (see `decorate`).
//!
//! Code spans and code blocks, found by a first parse, are left as written.
//! The rewritten text keeps a map back to the original offsets, so
//! diagnostics keep pointing at the author's lines.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::attributes::Attributes;

/// Where an attribute list taken out of the text belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attach {
    /// Right after a link or image (`](x.png){width=300}`).
    Inline,
    /// A kramdown `{: …}` line: the block before it.
    Block,
}

/// An attribute list taken out of the text.
#[derive(Debug, Clone)]
pub struct Attached {
    /// Where it stood in the rewritten text.
    pub at: usize,
    pub attach: Attach,
    pub attributes: Attributes,
}

/// Markdown with comments cut and spans and attribute lists rewritten.
#[derive(Debug, Default)]
pub struct Rewritten {
    pub text: String,
    /// Pieces of `text`: (offset in `text`, offset in the original, whether
    /// copied from there; written text all stands for that one offset).
    pieces: Vec<(usize, usize, bool)>,
    pub attached: Vec<Attached>,
    /// Ids that spans and attribute lists give, with their original offset.
    pub ids: Vec<(String, usize)>,
    /// Original offsets of `%%` that are never closed (the rest is cut).
    pub unclosed_comments: Vec<usize>,
}

impl Rewritten {
    /// Maps an offset in the rewritten text back to the original text.
    pub fn original_offset(&self, offset: usize) -> usize {
        let index = self
            .pieces
            .partition_point(|&(start, _, _)| start <= offset);
        match index.checked_sub(1).map(|i| self.pieces[i]) {
            Some((start, original, true)) => original + (offset - start),
            Some((_, original, false)) => original,
            None => offset,
        }
    }

    /// Copies `original[from..to]`, mapping it back to `from`.
    fn copy(&mut self, original: &str, from: usize, to: usize) {
        if from < to {
            self.pieces.push((self.text.len(), from, true));
            self.text.push_str(&original[from..to]);
        }
    }

    /// Writes text that stands for the original at `at`.
    fn insert(&mut self, text: &str, at: usize) {
        self.pieces.push((self.text.len(), at, false));
        self.text.push_str(text);
    }

    /// Keeps an attribute list taken out here, written at `original`.
    fn record(&mut self, attributes: Attributes, attach: Attach, original: usize) {
        if let Some(id) = &attributes.id {
            self.ids.push((id.clone(), original));
        }
        self.attached.push(Attached {
            at: self.text.len(),
            attach,
            attributes,
        });
    }
}

/// Rewrites `markdown`; `options` are the parser's, to find its code.
pub fn rewrite(markdown: &str, options: Options) -> Rewritten {
    let mut out = Rewritten::default();
    if !has_dialect_syntax(markdown) {
        out.copy(markdown, 0, markdown.len());
        return out;
    }
    let (code, html_blocks) = code_ranges(markdown, options);
    let bytes = markdown.as_bytes();
    // Spans opened: (offset of their `]`, offset after their `}`).
    let mut open_spans: Vec<(usize, usize)> = Vec::new();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        if let Some(end) = code_end(&code, at) {
            at = end;
            continue;
        }
        if !bytes[at].is_ascii() {
            // Inside a character of several bytes: nothing here starts one.
            at += 1;
            continue;
        }
        let line_start = at == 0 || bytes[at - 1] == b'\n';
        if line_start
            && markdown[at..]
                .trim_start_matches([' ', '\t'])
                .starts_with(":::")
        {
            // A fenced div's line: its `{…}` and `[Title]` are the div's own.
            at = markdown[at..]
                .find('\n')
                .map_or(bytes.len(), |i| at + i + 1);
            continue;
        }
        if line_start && let Some(colon) = bare_colon(markdown, at, &html_blocks) {
            // pulldown-cmark takes `:word` for a definition; Pandoc and
            // PHP Markdown Extra want `: ` with a space, and so does this.
            out.copy(markdown, copied, colon);
            out.insert("\\", colon);
            copied = colon;
            at = colon + 1;
            continue;
        }
        let cut = if open_spans.last().is_some_and(|&(close, _)| close == at) {
            let (_, after) = open_spans.pop().unwrap_or_default();
            out.copy(markdown, copied, at);
            out.insert("</span>", at);
            Some(after)
        } else if markdown[at..].starts_with("%%") {
            let end = comment_end(markdown, at, &code);
            if end.is_none() {
                out.unclosed_comments.push(at);
            }
            out.copy(markdown, copied, at);
            Some(end.unwrap_or(markdown.len()))
        } else if line_start && let Some((end, attributes)) = kramdown_line(markdown, at) {
            out.copy(markdown, copied, at);
            out.record(attributes, Attach::Block, at);
            Some(end)
        } else if bytes[at] == b'^'
            && (line_start || matches!(bytes[at - 1], b' ' | b'\t'))
            && let Some(end) = block_id_end(markdown, at)
        {
            // An Obsidian block id (`text ^step-1`): an anchor `#^step-1`.
            let id = &markdown[at..end];
            out.copy(markdown, copied, at);
            out.insert(&format!("<span id=\"{id}\"></span>"), at);
            out.ids.push((id.to_string(), at));
            Some(end)
        } else if bytes[at] == b'{'
            && at > 0
            && bytes[at - 1] == b')'
            && let Some((end, attributes)) = attribute_list(markdown, at)
        {
            out.copy(markdown, copied, at);
            out.record(attributes, Attach::Inline, at);
            Some(end)
        } else if bytes[at] == b'['
            && (at == 0 || !matches!(bytes[at - 1], b'!' | b'\\' | b'['))
            && let Some(close) = closing_bracket(markdown, at, &code)
            && let Some((end, attributes)) = attribute_list(markdown, close + 1)
        {
            out.copy(markdown, copied, at);
            let mut tag = String::from("<span");
            attributes.write(&mut tag, false);
            tag.push('>');
            out.insert(&tag, at);
            if let Some(id) = attributes.id {
                out.ids.push((id, at));
            }
            open_spans.push((close, end));
            Some(at + 1)
        } else {
            None
        };
        match cut {
            Some(mut end) => {
                // A span whose `]` was cut (inside a comment) closes here.
                while let Some(&(close, after)) = open_spans.last()
                    && close < end
                {
                    open_spans.pop();
                    out.insert("</span>", at);
                    end = end.max(after);
                }
                at = end;
                copied = end;
            }
            None => at += 1,
        }
    }
    out.copy(markdown, copied, markdown.len());
    out
}

/// Whether the text may hold anything this module rewrites.
fn has_dialect_syntax(markdown: &str) -> bool {
    markdown.contains("%%")
        || markdown.contains("]{")
        || markdown.contains("){")
        || markdown.contains("{:")
        || markdown.contains('^')
        || markdown.lines().any(|line| {
            // `:word`, not a definition's `: ` nor a fenced div's `:::`.
            let line = line.trim_start();
            line.starts_with(':') && !line.starts_with(":::") && !line[1..].starts_with([' ', '\t'])
        })
}

/// The code spans and code blocks of the text, and its HTML blocks, in order.
fn code_ranges(markdown: &str, options: Options) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let mut code = Vec::new();
    let mut html = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => code.push(range),
            Event::Start(Tag::HtmlBlock) => html.push(range),
            _ => {}
        }
    }
    (code, html)
}

/// The offset of a `:` that starts the line at `at` (after its indent) with
/// no space after it, outside HTML blocks: text, not a definition's marker.
fn bare_colon(markdown: &str, at: usize, html_blocks: &[Range<usize>]) -> Option<usize> {
    let line = &markdown[at..];
    let colon = at + (line.len() - line.trim_start_matches([' ', '\t']).len());
    let after = markdown.as_bytes().get(colon + 1);
    let bare = markdown.as_bytes().get(colon) == Some(&b':')
        && after.is_some_and(|b| !matches!(b, b' ' | b'\t' | b'\n'));
    (bare && code_end(html_blocks, colon).is_none()).then_some(colon)
}

/// The end of the code span or block holding `at`, if one does.
fn code_end(code: &[Range<usize>], at: usize) -> Option<usize> {
    let index = code.partition_point(|r| r.end <= at);
    code.get(index).filter(|r| r.start <= at).map(|r| r.end)
}

/// Where the comment opened at `at` ends (after its closing `%%`, and after
/// the line end when the comment fills its lines), outside code.
fn comment_end(markdown: &str, at: usize, code: &[Range<usize>]) -> Option<usize> {
    let mut from = at + 2;
    let close = loop {
        let found = from + markdown[from..].find("%%")?;
        match code_end(code, found) {
            Some(end) => from = end,
            None => break found + 2,
        }
    };
    let line_start = markdown[..at].rfind('\n').map_or(0, |i| i + 1);
    let alone = markdown[line_start..at].trim().is_empty();
    let rest_of_line = markdown[close..]
        .find('\n')
        .map_or(markdown.len(), |i| close + i);
    if alone && markdown[close..rest_of_line].trim().is_empty() {
        Some((rest_of_line + 1).min(markdown.len()))
    } else {
        Some(close)
    }
}

/// A kramdown attribute line (`{: .class}`, up to three spaces in) at the
/// line starting at `at`: where the line ends (after its newline) and what it
/// says. A definition of a named list (`{:name: …}`) is taken out with nothing kept.
fn kramdown_line(markdown: &str, at: usize) -> Option<(usize, Attributes)> {
    let line_end = markdown[at..].find('\n').map_or(markdown.len(), |i| at + i);
    let line = markdown[at..line_end].trim_end();
    let indent = line.len() - line.trim_start().len();
    let inner = line.trim_start().strip_prefix("{:")?.strip_suffix('}')?;
    if indent > 3 {
        return None;
    }
    let end = (line_end + 1).min(markdown.len());
    let is_definition = inner
        .split_once(':')
        .is_some_and(|(name, _)| !name.is_empty() && !name.contains(char::is_whitespace));
    if is_definition {
        return Some((end, Attributes::default()));
    }
    Some((end, Attributes::parse(inner)?))
}

/// The end of an Obsidian block id `^id` at `at`, which ends its line:
/// letters, digits and `-`.
fn block_id_end(markdown: &str, at: usize) -> Option<usize> {
    let name = markdown[at + 1..]
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    let end = at + 1 + name;
    let rest = &markdown[end..];
    let line_ends =
        rest.trim_start_matches([' ', '\t']).starts_with('\n') || rest.trim().is_empty();
    (name > 0 && line_ends).then_some(end)
}

/// An attribute list `{…}` starting at `at`, on one line: the offset after
/// its `}` and what it says.
fn attribute_list(markdown: &str, at: usize) -> Option<(usize, Attributes)> {
    let rest = markdown.get(at..)?.strip_prefix('{')?;
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let close = line.find('}')?;
    let attributes = Attributes::parse(&line[..close])?;
    Some((at + 1 + close + 1, attributes))
}

/// The `]` that closes the `[` at `at`, within its paragraph and outside code.
fn closing_bracket(markdown: &str, at: usize, code: &[Range<usize>]) -> Option<usize> {
    let bytes = markdown.as_bytes();
    let mut depth = 0;
    let mut i = at;
    while i < bytes.len() {
        if let Some(end) = code_end(code, i) {
            i = end;
            continue;
        }
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'\n'
                if markdown[i + 1..]
                    .trim_start_matches([' ', '\t'])
                    .starts_with('\n') =>
            {
                return None;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(markdown: &str) -> Rewritten {
        rewrite(markdown, Options::empty())
    }

    #[test]
    fn comments_are_cut_outside_code_and_offsets_map_back() {
        let text = "Keep %%secret%% this `%%code%%`.\n\n%%\nblock secret\n%%\nAfter\n";
        let out = rewritten(text);
        assert_eq!(out.text, "Keep  this `%%code%%`.\n\nAfter\n");
        let after = out.text.find("After").unwrap();
        assert_eq!(&text[out.original_offset(after)..][..5], "After");
        assert!(out.unclosed_comments.is_empty());

        let open = rewritten("Text %% never closed\n\nstill hidden\n");
        assert_eq!(open.text, "Text ");
        assert_eq!(open.unclosed_comments, [5]);
    }

    #[test]
    fn spans_become_tags_and_attribute_lists_are_taken_out() {
        let text = "See [the rule]{#silence .key}.\n![](a.png){alt=\"A\" width=\"60%\"}\n\nPara\n{: .lead}\n";
        let out = rewritten(text);
        assert_eq!(
            out.text,
            "See <span id=\"silence\" class=\"key\">the rule</span>.\n![](a.png)\n\nPara\n"
        );
        assert_eq!(out.ids, [("silence".to_string(), 4)]);
        let found: Vec<_> = out
            .attached
            .iter()
            .map(|a| (&out.text[..a.at], a.attach))
            .collect();
        assert_eq!(
            found,
            [
                (&out.text[..out.text.find("\n\n").unwrap()], Attach::Inline),
                (out.text.as_str(), Attach::Block),
            ]
        );
        let rule = out.text.find("the rule").unwrap();
        assert_eq!(&text[out.original_offset(rule)..][..8], "the rule");
    }

    #[test]
    fn a_colon_without_a_space_is_not_a_definition() {
        let out = rewritten("Term\n:   definition\n\nText\n\n:smile: and ::x\n");
        assert_eq!(
            out.text,
            "Term\n:   definition\n\nText\n\n\\:smile: and ::x\n"
        );
        let colon = out.text.find(":smile").unwrap();
        assert_eq!(out.original_offset(colon), colon - 1);
    }

    #[test]
    fn any_text_is_rewritten_without_a_panic() {
        let pieces = [
            "é", "%%", "[", "]", "{", "}", "{#ü}", "(", ")", ":", "\n", " ", "`", "==", "ß", "\\",
            "{: .x}", "\n\n", "```", "::: x", "中",
        ];
        // Every sequence of three pieces, then a longer walk through them.
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}{a}");
                    let out = rewritten(&text);
                    for at in 0..=out.text.len() {
                        assert!(out.original_offset(at) <= text.len() + 1, "{text:?}");
                    }
                }
            }
        }
        let long: String = (0..400)
            .map(|i| pieces[(i * 7 + i / 3) % pieces.len()])
            .collect();
        rewritten(&long);
    }

    #[test]
    fn block_ids_at_the_end_of_a_line_become_anchors() {
        let out = rewritten("Count to five. ^silence\n\n2^10 and ^not-at-end here\n");
        assert_eq!(
            out.text,
            "Count to five. <span id=\"^silence\"></span>\n\n2^10 and ^not-at-end here\n"
        );
        assert_eq!(out.ids, [("^silence".to_string(), 15)]);
    }

    #[test]
    fn a_span_closed_inside_a_comment_still_closes() {
        let out = rewritten("[a %%b]{#x} c%% d\n");
        assert_eq!(out.text, "<span id=\"x\">a </span> d\n");
    }

    #[test]
    fn braces_that_are_not_attribute_lists_stay() {
        let text = "[a link](x.md) {not this} and (a){b c} and [x] {#gap}\n\
                    ::: {.callout-tip #x}\n:::note[Title]{#y}\n";
        assert_eq!(rewritten(text).text, text);
    }
}
