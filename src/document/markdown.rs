//! Markdown to HTML for one document: options of SPEC 3, heading ids and the
//! table of contents, `:::` containers, and links recorded for the site to resolve.
//!
//! A document never sees other documents, so a link to another page cannot be
//! written here. Each relative link is recorded as a [`LinkRef`] and its `href`
//! replaced by a placeholder that [`fill_links`] swaps for the real URL once the
//! site knows every page. Positions are byte offsets into the whole file.

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use super::containers::expand_containers;
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::slug::slugify;

const LINK_PLACEHOLDER: &str = "coachbook-link:";

/// A heading of the page, for the table of contents and anchor checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// What a recorded link points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// A `.md` file: another page, rewritten to its URL.
    Page,
    /// Any other relative file (an image, a PDF), rewritten relative to the page's URL.
    Asset,
    /// `#anchor` in the same page.
    SamePage,
}

/// A link found in the Markdown, waiting for the site to resolve it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub kind: LinkKind,
    /// The path as written (without the anchor); empty for [`LinkKind::SamePage`].
    pub target: String,
    pub anchor: Option<String>,
    /// Byte offset in the file, for diagnostics.
    pub offset: usize,
    /// Length in bytes of the link's Markdown in the file; 0 when unknown (front-matter fields).
    pub len: usize,
}

/// Where Markdown text sits in its file, to place diagnostics.
#[derive(Debug, Clone, Copy)]
pub enum Origin {
    /// The text is a verbatim slice of the file starting at this offset (the body).
    Verbatim(usize),
    /// The text was re-indented by YAML (a front-matter field): report at this offset.
    Field(usize),
}

impl Origin {
    fn offset(self, relative: usize) -> usize {
        match self {
            Origin::Verbatim(base) => base + relative,
            Origin::Field(offset) => offset,
        }
    }

    /// The file offset and length of a span of the text; the length is 0 for fields.
    fn span(self, relative: usize, len: usize) -> (usize, usize) {
        match self {
            Origin::Verbatim(base) => (base + relative, len),
            Origin::Field(offset) => (offset, 0),
        }
    }
}

/// Renders all the Markdown of one document, sharing heading ids and links across fields.
pub struct MarkdownRenderer<'a> {
    path: &'a Path,
    text: &'a str,
    include_facilitator: bool,
    /// `##` and `###` headings of the body, in order.
    pub toc: Vec<Heading>,
    /// Every id an anchor may point at: all headings of every rendered field.
    pub used_ids: HashSet<String>,
    pub links: Vec<LinkRef>,
    pub diagnostics: Vec<Diagnostic>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

impl<'a> MarkdownRenderer<'a> {
    /// `path` and `text` are the file's, for diagnostics.
    pub fn new(path: &'a Path, text: &'a str, include_facilitator: bool) -> Self {
        MarkdownRenderer {
            path,
            text,
            include_facilitator,
            toc: Vec::new(),
            used_ids: HashSet::new(),
            links: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Renders block Markdown (a body, a brief, notes). `toc` collects `##`/`###` headings.
    pub fn render_block(&mut self, markdown: &str, origin: Origin, toc: bool) -> String {
        let expanded = expand_containers(markdown, self.include_facilitator);
        // The file's lines are indexed once for all of its problems.
        let lines = std::cell::OnceCell::new();
        for problem in &expanded.problems {
            let mut diagnostic = Diagnostic::at_indexed(
                crate::diagnostics::Severity::Error,
                self.path,
                (self.text, lines.get_or_init(|| LineIndex::new(self.text))),
                origin.offset(problem.offset),
                problem.message.clone(),
            );
            diagnostic.help = problem.help.clone();
            self.diagnostics.push(diagnostic);
        }
        let events: Vec<(Event, usize, usize)> = Parser::new_ext(&expanded.text, options())
            .into_offset_iter()
            .map(|(event, range)| (event, expanded.original_offset(range.start), range.len()))
            .collect();
        let events = self
            .assign_heading_ids(events, toc)
            .into_iter()
            .map(|(event, offset, len)| self.record_link(event, origin.span(offset, len)))
            .map(name_task_box);
        let mut out = String::with_capacity(markdown.len() * 3 / 2);
        html::push_html(&mut out, events);
        out
    }

    /// Renders one line of inline Markdown (a question, a purpose) without a `<p>` around it.
    pub fn render_inline(&mut self, markdown: &str, origin: Origin) -> String {
        let events = Parser::new_ext(markdown, options())
            .into_offset_iter()
            .map(|(event, range)| self.record_link(event, origin.span(range.start, range.len())))
            .filter(|event| {
                !matches!(
                    event,
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                )
            });
        let mut out = String::with_capacity(markdown.len() + 16);
        html::push_html(&mut out, events);
        out.trim_end().to_string()
    }

    /// Gives every heading an id (its own `{#id}`, or a unique slug of its text)
    /// and a trailing `#` link to itself, and collects `##`/`###` for the TOC.
    fn assign_heading_ids<'e>(
        &mut self,
        events: Vec<(Event<'e>, usize, usize)>,
        toc: bool,
    ) -> Vec<(Event<'e>, usize, usize)> {
        let mut out: Vec<(Event<'e>, usize, usize)> = Vec::with_capacity(events.len());
        let mut open: Option<(u8, String, usize)> = None;
        for (mut event, offset, len) in events {
            match &mut event {
                Event::Start(Tag::Heading { level, .. }) => {
                    open = Some((heading_number(*level), String::new(), out.len()));
                }
                Event::Text(text) | Event::Code(text) if open.is_some() => {
                    if let Some((_, title, _)) = &mut open {
                        title.push_str(text);
                    }
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, title, start)) = open.take() {
                        let id = self.heading_id(&mut out[start].0, &title);
                        let anchor = format!(
                            " <a class=\"heading-anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a>"
                        );
                        out.push((Event::InlineHtml(CowStr::from(anchor)), offset, 0));
                        if toc && (level == 2 || level == 3) {
                            self.toc.push(Heading { level, id, title });
                        }
                    }
                }
                _ => {}
            }
            out.push((event, offset, len));
        }
        out
    }

    /// The id of a heading: the one written (`{#id}`) or a new unique slug, set on the start event.
    fn heading_id(&mut self, start: &mut Event, title: &str) -> String {
        let Event::Start(Tag::Heading { id: slot, .. }) = start else {
            return self.unique_id(title);
        };
        let id = match slot {
            Some(written) => written.to_string(),
            None => self.unique_id(title),
        };
        *slot = Some(CowStr::from(id.clone()));
        self.used_ids.insert(id.clone());
        id
    }

    fn unique_id(&self, title: &str) -> String {
        let base = match slugify(title) {
            slug if slug.is_empty() => "section".to_string(),
            slug => slug,
        };
        if !self.used_ids.contains(&base) {
            return base;
        }
        (1..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| !self.used_ids.contains(candidate))
            .unwrap_or(base)
    }

    fn record_link<'e>(&mut self, mut event: Event<'e>, span: (usize, usize)) -> Event<'e> {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut event {
            let dest = std::mem::replace(dest_url, CowStr::Borrowed(""));
            *dest_url = self.placeholder_for(dest, span);
        }
        event
    }

    /// Records `dest` when it points inside the handbook and returns its placeholder.
    fn placeholder_for<'e>(&mut self, dest: CowStr<'e>, span: (usize, usize)) -> CowStr<'e> {
        let Some(link) = classify(&dest, span) else {
            return dest;
        };
        self.links.push(link);
        CowStr::from(format!("{LINK_PLACEHOLDER}{}", self.links.len() - 1))
    }
}

/// A task list item's box (`- [x] Prepare`), with an accessible name.
/// pulldown-cmark writes a bare disabled checkbox, which screen readers
/// announce as an unlabelled control (WCAG 4.1.2); the item's text follows it.
fn name_task_box(event: Event) -> Event {
    match event {
        Event::TaskListMarker(true) => Event::InlineHtml(CowStr::Borrowed(
            "<input type=\"checkbox\" class=\"task-box\" disabled checked aria-label=\"Done\"> ",
        )),
        Event::TaskListMarker(false) => Event::InlineHtml(CowStr::Borrowed(
            "<input type=\"checkbox\" class=\"task-box\" disabled aria-label=\"To do\"> ",
        )),
        other => other,
    }
}

/// Whether a link target is external (has a scheme or is protocol-relative).
fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(colon) => !dest[..colon].contains(['/', '#', '?']),
        None => false,
    }
}

fn classify(dest: &str, (offset, len): (usize, usize)) -> Option<LinkRef> {
    if dest.is_empty() || is_external(dest) {
        return None;
    }
    let (target, anchor) = match dest.split_once('#') {
        Some((target, anchor)) => (target, Some(anchor.to_string())),
        None => (dest, None),
    };
    let target = target.split('?').next().unwrap_or(target);
    let kind = if target.is_empty() {
        LinkKind::SamePage
    } else if target.ends_with(".md") {
        LinkKind::Page
    } else if target.ends_with('/') || Path::new(target).extension().is_none() {
        // A folder or extension-less URL: the author wrote a URL, not a file; leave it.
        return None;
    } else {
        LinkKind::Asset
    };
    Some(LinkRef {
        kind,
        target: target.to_string(),
        anchor,
        offset,
        len,
    })
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// The plain text of one line of inline Markdown: markup dropped, line breaks kept.
/// For exports, where a question must read well outside the handbook.
pub fn inline_plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::End(TagEnd::Paragraph) => text.push_str("\n\n"),
            _ => {}
        }
    }
    text.trim_end().to_string()
}

/// Replaces link placeholders in `html` with `hrefs[n]` (already relative URLs).
/// A link with no href (to a page this build leaves out, or a broken link
/// already reported) keeps its text without the link; an image with none gets `#`.
pub fn fill_links(html: &str, hrefs: &[Option<String>]) -> String {
    const LINK_OPENING: &str = "<a href=\"";
    if hrefs.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + hrefs.len() * 16);
    let mut rest = html;
    let placeholder = memchr::memmem::Finder::new(LINK_PLACEHOLDER);
    while let Some(start) = placeholder.find(rest.as_bytes()) {
        out.push_str(&rest[..start]);
        let after = &rest[start + LINK_PLACEHOLDER.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let href = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|n| hrefs.get(n).cloned().flatten());
        rest = &after[digits..];
        match href {
            Some(href) => push_attribute_escaped(&mut out, &href),
            None if out.ends_with(LINK_OPENING) => {
                // Links cannot nest, so the next `</a>` closes this one.
                out.truncate(out.len() - LINK_OPENING.len());
                let tag_end = rest.find('>').map_or(rest.len(), |i| i + 1);
                let close = rest[tag_end..]
                    .find("</a>")
                    .map_or(rest.len(), |i| tag_end + i);
                out.push_str("<span class=\"unlinked\">");
                out.push_str(&fill_links(&rest[tag_end..close], hrefs));
                out.push_str("</span>");
                rest = rest.get(close + "</a>".len()..).unwrap_or("");
            }
            None => out.push('#'),
        }
    }
    out.push_str(rest);
    out
}

fn push_attribute_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(markdown: &str) -> (String, MarkdownRenderer<'static>) {
        let text: &'static str = Box::leak(markdown.to_string().into_boxed_str());
        let mut renderer = MarkdownRenderer::new(Path::new("a.md"), text, true);
        let html = renderer.render_block(text, Origin::Verbatim(0), true);
        (html, renderer)
    }

    #[test]
    fn headings_get_unique_ids_and_feed_the_toc() {
        let (html, renderer) =
            render("## Why it matters\n\n### Why it matters\n\n## Custom {#mine}\n");
        assert!(html.contains(r#"<h2 id="why-it-matters">"#), "{html}");
        assert!(html.contains(r#"<h3 id="why-it-matters-1">"#), "{html}");
        assert!(html.contains(r#"<h2 id="mine">"#), "{html}");
        let ids: Vec<_> = renderer.toc.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["why-it-matters", "why-it-matters-1", "mine"]);
    }

    #[test]
    fn records_relative_links_with_their_offsets() {
        let (html, renderer) = render(
            "See [a](../b.md#x), [c](https://e.org), [d](#top), ![i](pic.png) and [u](/g/).\n",
        );
        let found: Vec<_> = renderer
            .links
            .iter()
            .map(|l| (l.kind, l.target.as_str(), l.anchor.as_deref(), l.offset))
            .collect();
        assert_eq!(
            found,
            vec![
                (LinkKind::Page, "../b.md", Some("x"), 4),
                (LinkKind::SamePage, "", Some("top"), 40),
                (LinkKind::Asset, "pic.png", None, 51),
            ]
        );
        let filled = fill_links(
            &html,
            &[Some("../b/#x".into()), None, Some("../pic.png".into())],
        );
        assert!(filled.contains(r#"href="../b/#x""#), "{filled}");
        assert!(filled.contains(r#"href="https://e.org""#), "{filled}");
        assert!(
            filled.contains(r#"<span class="unlinked">d</span>"#),
            "{filled}"
        );
        assert!(filled.contains(r#"src="../pic.png""#), "{filled}");
    }

    #[test]
    fn plain_text_drops_markup_and_keeps_line_breaks() {
        assert_eq!(
            inline_plain_text("What *matters*, `now`?\nSay \"more\"."),
            "What matters, now?\nSay “more”."
        );
    }

    #[test]
    fn inline_rendering_drops_the_paragraph() {
        let text = "What *matters* most?";
        let mut renderer = MarkdownRenderer::new(Path::new("a.md"), text, true);
        assert_eq!(
            renderer.render_inline(text, Origin::Field(0)),
            "What <em>matters</em> most?"
        );
    }
}
