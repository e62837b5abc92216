//! Syntax of other generators that coachbook does not run: Hugo shortcodes
//! (`{{< … >}}`, `{{% … %}}`), Liquid tags (`{% … %}`) and mdBook
//! directives (`{{#include …}}`). Outside code each is a warning at its line
//! naming what it is, and it stays on the page as text.

use pulldown_cmark::{Event, Tag, TagEnd};

/// What the syntax at the start of `text` is, if it is one coachbook does
/// not run: the name a warning gives it, and a hint.
pub fn syntax_at(text: &str) -> Option<(&'static str, &'static str)> {
    let line = text.split('\n').next().unwrap_or("");
    let closes = |end: &str| line[2..].contains(end);
    if (line.starts_with("{{<") && closes(">}}")) || (line.starts_with("{{%") && closes("%}}")) {
        Some((
            "a Hugo shortcode",
            "write what it makes in Markdown (a link, an image, a box)",
        ))
    } else if line.starts_with("{{#include") || line.starts_with("{{#rustdoc_include") {
        Some(("an mdBook include", "paste the included text here"))
    } else if line.starts_with("{%") && closes("%}") {
        Some(("a Liquid tag", "write what it makes in Markdown"))
    } else {
        None
    }
}

/// Where `text` holds syntax of other generators outside code, with what
/// each is. `events` are the parsed events of `text` with their offsets.
pub fn foreign_syntax(
    text: &str,
    events: &[(Event, usize, usize)],
) -> Vec<(usize, &'static str, &'static str)> {
    let mut found = Vec::new();
    let mut in_code = 0usize;
    for (event, start, len) in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Text(_) if in_code == 0 => {
                let range = *start..(start + len).min(text.len());
                let Some(piece) = text.get(range) else {
                    continue;
                };
                for (at, _) in piece.match_indices('{') {
                    let offset = start + at;
                    let escaped = text[..offset].ends_with('\\');
                    let first_of_run = !text[..offset].ends_with('{');
                    if let Some((name, hint)) = syntax_at(&text[offset..])
                        && !escaped
                        && first_of_run
                        && found.last().is_none_or(|(last, _, _)| *last != offset)
                    {
                        found.push((offset, name, hint));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(markdown: &str) -> Vec<(usize, &'static str)> {
        let events: Vec<_> = pulldown_cmark::Parser::new(markdown)
            .into_offset_iter()
            .map(|(e, r)| (e, r.start, r.len()))
            .collect();
        foreign_syntax(markdown, &events)
            .into_iter()
            .map(|(at, name, _)| (at, name))
            .collect()
    }

    #[test]
    fn names_each_syntax_outside_code_only() {
        assert_eq!(
            names("A {{< figure src=\"a.png\" >}} b\n"),
            [(2, "a Hugo shortcode")]
        );
        assert_eq!(names("{{% notice tip %}}\n"), [(0, "a Hugo shortcode")]);
        assert_eq!(names("{% include note.html %}\n"), [(0, "a Liquid tag")]);
        assert_eq!(
            names("{{#include ../x.md:2:4}}\n"),
            [(0, "an mdBook include")]
        );
        assert!(names("`{{< x >}}`\n\n```\n{% raw %}\n```\n").is_empty());
        assert!(names("A set {1, 2} and {{ page.title }} and 50% {of}\n").is_empty());
    }
}
