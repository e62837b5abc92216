//! Obsidian's `==highlight==` as `<mark>`, found in the parsed text events,
//! so code spans and code blocks keep their `==` as written.
//!
//! An opening `==` is followed by something other than a space, a closing one
//! preceded by something other than a space (`a == b` is not a highlight),
//! and both sit in the same element, so the HTML stays well nested. A run of
//! three or more `=` is text.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// One `==` in a text event.
struct Marker {
    event: usize,
    at: usize,
    can_open: bool,
    can_close: bool,
    /// The element it sits in.
    scope: usize,
}

/// The events with each paired `==` turned into `<mark>` or `</mark>`.
pub fn mark_highlights(events: Vec<(Event<'_>, usize, usize)>) -> Vec<(Event<'_>, usize, usize)> {
    let has_any = events
        .iter()
        .any(|(event, _, _)| matches!(event, Event::Text(text) if text.contains("==")));
    if !has_any {
        return events;
    }
    let markers = find_markers(&events);
    // (event, byte offset in its text, opens)
    let mut paired: Vec<(usize, usize, bool)> = Vec::new();
    let mut pending: Vec<Option<&Marker>> = Vec::new();
    for marker in &markers {
        if pending.len() <= marker.scope {
            pending.resize(marker.scope + 1, None);
        }
        match pending[marker.scope] {
            Some(open) if marker.can_close => {
                paired.push((open.event, open.at, true));
                paired.push((marker.event, marker.at, false));
                pending[marker.scope] = None;
            }
            _ if marker.can_open => pending[marker.scope] = Some(marker),
            _ => {}
        }
    }
    if paired.is_empty() {
        return events;
    }
    paired.sort_unstable();
    let mut out = Vec::with_capacity(events.len() + paired.len() * 2);
    let mut paired = paired.into_iter().peekable();
    for (index, (event, start, len)) in events.into_iter().enumerate() {
        let Event::Text(text) = &event else {
            out.push((event, start, len));
            continue;
        };
        let mut copied = 0;
        while let Some((_, at, opens)) = paired.next_if(|(e, _, _)| *e == index) {
            if copied < at {
                out.push((
                    Event::Text(text[copied..at].to_string().into()),
                    start + copied,
                    at - copied,
                ));
            }
            let tag = if opens { "<mark>" } else { "</mark>" };
            out.push((Event::InlineHtml(CowStr::Borrowed(tag)), start + at, 2));
            copied = at + 2;
        }
        match copied {
            0 => out.push((event, start, len)),
            _ if copied < text.len() => out.push((
                Event::Text(text[copied..].to_string().into()),
                start + copied,
                len.saturating_sub(copied),
            )),
            _ => {}
        }
    }
    out
}

/// Every `==` of the text events outside code blocks, in order.
fn find_markers(events: &[(Event<'_>, usize, usize)]) -> Vec<Marker> {
    let mut markers = Vec::new();
    let mut scopes = vec![0];
    let mut next_scope = 1;
    let mut in_code = false;
    for (index, (event, _, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(_) => {
                scopes.push(next_scope);
                next_scope += 1;
            }
            Event::End(_) => {
                scopes.pop();
            }
            Event::Text(text) if !in_code => {
                let scope = scopes.last().copied().unwrap_or(0);
                let bytes = text.as_bytes();
                for (at, _) in text.match_indices("==") {
                    let before = at.checked_sub(1).map(|i| bytes[i]);
                    let after = bytes.get(at + 2).copied();
                    if before == Some(b'=') || after == Some(b'=') {
                        continue;
                    }
                    markers.push(Marker {
                        event: index,
                        at,
                        can_open: after.is_none_or(|b| !b.is_ascii_whitespace()),
                        can_close: before.is_none_or(|b| !b.is_ascii_whitespace()),
                        scope,
                    });
                }
            }
            _ => {}
        }
    }
    markers
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Parser, html};

    fn render(markdown: &str) -> String {
        let events: Vec<_> = Parser::new(markdown)
            .into_offset_iter()
            .map(|(event, range)| (event, range.start, range.len()))
            .collect();
        let mut out = String::new();
        html::push_html(
            &mut out,
            mark_highlights(events)
                .into_iter()
                .map(|(event, _, _)| event),
        );
        out
    }

    #[test]
    fn pairs_become_marks_outside_code() {
        assert_eq!(
            render("A ==key *point*== and `==code==`, ==two==.\n"),
            "<p>A <mark>key <em>point</em></mark> and <code>==code==</code>, <mark>two</mark>.</p>\n"
        );
        assert_eq!(
            render("```\n==kept==\n```\n"),
            "<pre><code>==kept==\n</code></pre>\n"
        );
    }

    #[test]
    fn comparisons_runs_and_crossed_elements_stay_text() {
        for text in ["a == b == c\n", "a ===b===\n", "==a *b== c*\n"] {
            assert!(!render(text).contains("<mark>"), "{text}");
        }
    }
}
