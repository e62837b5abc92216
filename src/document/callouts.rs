//! Callouts written as quotes: GitHub alerts (`> [!NOTE]`) and Obsidian
//! callouts (`> [!tip] Title`, any type, folding with `+` or `-`, nested),
//! turned into the boxes of [`super::boxes`] in the parsed events.
//!
//! pulldown-cmark reads GitHub's five alerts itself (a marker alone on its
//! line); any other `[!type]` stays the first text of the quote, where it is
//! taken off with the rest of its line as the title. A facilitator callout
//! (`> [!facilitator]`, `> [!instructor]`) is left out of an edition without
//! facilitator material, with everything inside it.

use std::collections::VecDeque;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};

use super::boxes::{BoxKind, Fold};
use super::spans::Places;

/// An event with its offset and length in the parsed text.
type Located<'e> = (Event<'e>, usize, usize);

/// Turns callout quotes in `events` into boxes. Also returns where the
/// callouts it kept sit in the parsed text, so role cards can leave out the
/// facilitator ones, and a body's parts can be cut along them.
pub fn quote_boxes(
    events: Vec<Located<'_>>,
    include_facilitator: bool,
) -> (Vec<Located<'_>>, Places) {
    let mut queue: VecDeque<Located> = events.into();
    let mut out = Vec::with_capacity(queue.len());
    // For each open quote: the box it became, if any.
    let mut open: Vec<Option<BoxKind>> = Vec::new();
    let mut places = Places::default();
    while let Some((event, start, len)) = queue.pop_front() {
        match event {
            Event::Start(Tag::BlockQuote(alert)) => {
                let callout = match alert {
                    Some(alert) => Some((BoxKind::folding(alert_word(alert), Fold::No), vec![])),
                    None => obsidian_callout(&mut queue),
                };
                let Some((kind, title)) = callout else {
                    open.push(None);
                    out.push((Event::Start(Tag::BlockQuote(None)), start, len));
                    continue;
                };
                if kind.is_facilitator() && !include_facilitator {
                    skip_quote(&mut queue);
                    continue;
                }
                places.add(&kind, start..start + len);
                let (title_open, title_close) = kind.title_tags();
                let html = |text: String| (Event::Html(CowStr::from(text)), start, 0);
                out.push(html(format!("{}\n{title_open}", kind.open_tag(None))));
                if title.is_empty() {
                    out.push((Event::Text(CowStr::from(kind.title.clone())), start, 0));
                }
                out.extend(title);
                out.push(html(format!("{title_close}\n")));
                open.push(Some(kind));
            }
            Event::End(TagEnd::BlockQuote(_)) => match open.pop().flatten() {
                Some(kind) => {
                    out.push((Event::Html(CowStr::from(kind.closing() + "\n")), start, 0))
                }
                None => out.push((Event::End(TagEnd::BlockQuote(None)), start, len)),
            },
            event => out.push((event, start, len)),
        }
    }
    (out, places)
}

fn alert_word(alert: BlockQuoteKind) -> &'static str {
    match alert {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

/// Drops the rest of a quote whose start was just taken.
fn skip_quote(queue: &mut VecDeque<Located>) {
    let mut depth = 1;
    while let Some((event, _, _)) = queue.pop_front() {
        match event {
            Event::Start(Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_)) if depth == 1 => return,
            Event::End(TagEnd::BlockQuote(_)) => depth -= 1,
            _ => {}
        }
    }
}

/// The `[!type]` marker at the start of `text`: the type, how it folds,
/// and the marker's length.
fn marker(text: &str) -> Option<(&str, Fold, usize)> {
    let inside = text.strip_prefix("[!")?;
    let end = inside.find(']')?;
    let word = &inside[..end];
    if word.is_empty()
        || !word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
    {
        return None;
    }
    let length = 2 + end + 1;
    Some(match text[length..].chars().next() {
        Some('+') => (word, Fold::Open, length + 1),
        Some('-') => (word, Fold::Closed, length + 1),
        _ => (word, Fold::No, length),
    })
}

/// Reads an Obsidian callout's first line off the front of a quote's events
/// (the quote's start already taken): its box and the events of its title.
/// Leaves the queue as it was when the quote is not a callout.
fn obsidian_callout<'e>(queue: &mut VecDeque<Located<'e>>) -> Option<(BoxKind, Vec<Located<'e>>)> {
    if !matches!(queue.front(), Some((Event::Start(Tag::Paragraph), _, _))) {
        return None;
    }
    let mut text = String::new();
    for (event, _, _) in queue.iter().skip(1) {
        match event {
            Event::Text(piece) => text.push_str(piece),
            _ => break,
        }
    }
    let (word, fold, mut length) = marker(&text)?;
    let kind = BoxKind::folding(word, fold);
    let paragraph = queue.pop_front()?;
    // Take the marker off the text events that hold it.
    while length > 0 {
        let Some((Event::Text(piece), start, len)) = queue.pop_front() else {
            break;
        };
        if piece.len() > length {
            let rest = piece[length..].trim_start().to_string();
            queue.push_front((
                Event::Text(CowStr::from(rest)),
                start + length,
                len.saturating_sub(length),
            ));
            length = 0;
        } else {
            length -= piece.len();
        }
    }
    // The rest of the line is the title.
    let mut title = Vec::new();
    let mut depth = 0usize;
    while let Some((event, start, len)) = queue.pop_front() {
        match event {
            Event::SoftBreak | Event::HardBreak if depth == 0 => {
                queue.push_front(paragraph);
                break;
            }
            Event::End(TagEnd::Paragraph) if depth == 0 => break,
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        title.push((event, start, len));
    }
    if let Some((Event::Text(first), _, _)) = title.first_mut() {
        *first = CowStr::from(first.trim_start().to_string());
    }
    title.retain(|(event, _, _)| !matches!(event, Event::Text(t) if t.is_empty()));
    Some((kind, title))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(markdown: &str, include_facilitator: bool) -> String {
        let parser = pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_GFM);
        let events: Vec<Located> = parser
            .into_offset_iter()
            .map(|(e, r)| (e, r.start, r.len()))
            .collect();
        let mut out = String::new();
        pulldown_cmark::html::push_html(
            &mut out,
            quote_boxes(events, include_facilitator)
                .0
                .into_iter()
                .map(|(e, _, _)| e),
        );
        out
    }

    #[test]
    fn github_alerts_become_boxes_with_their_title() {
        let out = html("> [!WARNING]\n> Mind the time.\n", true);
        assert!(
            out.starts_with("<div class=\"callout callout-warning\">\n<p class=\"callout-title\">Warning</p>\n<p>Mind the time.</p>\n</div>"),
            "{out}"
        );
    }

    #[test]
    fn obsidian_callouts_take_their_title_and_fold() {
        let out = html("> [!tip]- Before *the* session\n> Read the brief.\n", true);
        assert!(out.starts_with("<details class=\"callout callout-tip\">\n<summary class=\"callout-title\">Before <em>the</em> session</summary>\n<p>Read the brief.</p>\n</details>"), "{out}");
        let open = html("> [!faq]+\n> Why?\n", true);
        assert!(
            open.contains("<details class=\"callout callout-exercise callout-faq\" open>"),
            "{open}"
        );
        assert!(
            open.contains("<summary class=\"callout-title\">FAQ</summary>"),
            "{open}"
        );
        let nested = html("> [!note] Outer\n> > [!recipe] Inner\n> > text\n", true);
        assert!(
            nested.contains("<p class=\"callout-title\">Inner</p>"),
            "{nested}"
        );
        assert!(!nested.contains("[!"), "{nested}");
        assert!(!nested.contains("blockquote"), "{nested}");
    }

    #[test]
    fn plain_quotes_and_lookalikes_stay_quotes() {
        let out = html("> [!] not a callout\n\n> Just a quote\n", true);
        assert_eq!(out.matches("<blockquote>").count(), 2, "{out}");
    }

    #[test]
    fn facilitator_callouts_leave_editions_without_facilitator_material() {
        let source = "> [!instructor] Timing\n> SECRET\n> > nested SECRET\n\nAfter\n";
        assert!(html(source, true).contains("SECRET"));
        let events: Vec<Located> = pulldown_cmark::Parser::new(source)
            .into_offset_iter()
            .map(|(e, r)| (e, r.start, r.len()))
            .collect();
        let (_, kept) = quote_boxes(events, true);
        assert_eq!(
            kept.facilitator.ranges(),
            &[std::ops::Range {
                start: 0,
                end: source.find("\nAfter").unwrap()
            }]
        );
        let out = html(source, false);
        assert!(!out.contains("SECRET") && !out.contains("Timing"), "{out}");
        assert!(out.contains("After"), "{out}");
    }
}
