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
    } else if [
        "{{#rustdoc_include",
        "{{#playground",
        "{{#title",
        "{{#template",
    ]
    .iter()
    .any(|helper| line.starts_with(helper))
    {
        // `{{#include}}` is expanded when the file is read; one still in the
        // text was written `\{{#include}}`, to be shown as it is.
        Some((
            "an mdBook helper",
            "paste what it would show here, or use `{{#include file}}`",
        ))
    } else if line.starts_with("{%") && closes("%}") {
        Some(("a Liquid tag", "write what it makes in Markdown"))
    } else {
        None
    }
}

/// How many of one syntax a page lists at their lines; the last one listed
/// counts the rest, so a page of shortcodes is not a wall of warnings.
const LISTED_PER_PAGE: usize = 10;

/// One find of [`foreign_syntax`].
#[derive(Debug, PartialEq, Eq)]
pub struct Found {
    /// Offset in the parsed text.
    pub offset: usize,
    pub name: &'static str,
    pub hint: &'static str,
    /// How many more of the same syntax follow on the page, unlisted.
    pub more: usize,
}

/// Where `text` holds syntax of other generators outside code, with what
/// each is. `events` are the parsed events of `text` with their offsets.
pub fn foreign_syntax(text: &str, events: &[(Event, usize, usize)]) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    // Every syntax looked for opens with `{`, which most pages never write.
    if memchr::memchr(b'{', text.as_bytes()).is_none() {
        return found;
    }
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
                        && found.last().is_none_or(|last| last.offset != offset)
                    {
                        let mut same = found.iter_mut().filter(|f| f.name == name);
                        match same.nth(LISTED_PER_PAGE - 1) {
                            Some(last_listed) => last_listed.more += 1,
                            None => found.push(Found {
                                offset,
                                name,
                                hint,
                                more: 0,
                            }),
                        }
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
            .map(|found| (found.offset, found.name))
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
            names("{{#playground ../x.rs}}\n"),
            [(0, "an mdBook helper")]
        );
        // An include is expanded when the file is read; one left was escaped.
        assert!(names("{{#include ../x.md:2:4}}\n").is_empty());
        assert!(names("`{{< x >}}`\n\n```\n{% raw %}\n```\n").is_empty());
        assert!(names("A set {1, 2} and {{ page.title }} and 50% {of}\n").is_empty());
    }

    #[test]
    fn a_page_lists_ten_of_one_syntax_and_counts_the_rest() {
        let text = "{{< x >}}\n\n".repeat(25) + "{% y %}\n";
        let events: Vec<_> = pulldown_cmark::Parser::new(&text)
            .into_offset_iter()
            .map(|(e, r)| (e, r.start, r.len()))
            .collect();
        let found = foreign_syntax(&text, &events);
        let more: Vec<_> = found.iter().map(|f| (f.name, f.more)).collect();
        assert_eq!(more.len(), 11, "{more:?}");
        assert_eq!(more[9], ("a Hugo shortcode", 15));
        assert_eq!(more[10], ("a Liquid tag", 0));
    }
}
