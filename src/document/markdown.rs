//! Markdown to HTML for one document: options of SPEC 3, heading ids and the
//! table of contents, boxes (fenced divs, admonitions, callouts in quotes),
//! warnings for other generators' syntax, and links recorded for the site
//! to resolve.
//!
//! A document never sees other documents, so a link to another page cannot be
//! written here. Each relative link is recorded as a [`LinkRef`] and its `href`
//! replaced by a placeholder that [`fill_links`] swaps for the real URL once the
//! site knows every page. Positions are byte offsets into the whole file.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};

use super::callouts::quote_boxes;
use super::containers::{CardCut, Expanded, expand_containers};
use super::decorate::{Piece, decorate};
use super::foreign::foreign_syntax;
use super::highlight::mark_highlights;
use super::links::{
    FORGED_PLACEHOLDER, LINK_PLACEHOLDER, LinkKind, LinkRef, push_attribute_escaped,
};
use super::parts::{BodyHtml, BodyPart, BodyParts, BodySection, Place, Plan, plan};
use super::rewrite::{Rewritten, rewrite};
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::slug::slugify;

/// A heading of the page, for the table of contents and anchor checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
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
    /// Every id an anchor may point at: all headings and footnotes of every rendered field.
    pub used_ids: HashSet<String>,
    /// Ids the page has besides its Markdown (the layout's, a bank's
    /// questions and stages), with what uses each.
    reserved: HashMap<String, String>,
    /// Footnote label → the footnote's id on the page.
    footnotes: HashMap<String, String>,
    /// Slug → the suffix to try next for it, so a page of many headings of
    /// one name numbers them without counting up from 1 for each.
    next_suffix: HashMap<String, usize>,
    pub links: Vec<LinkRef>,
    pub diagnostics: Vec<Diagnostic>,
    /// The body's sections and boxes (the last text rendered with `toc`).
    pub parts: BodyParts,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_WIKILINKS
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
            reserved: LAYOUT_IDS
                .iter()
                .map(|id| (id.to_string(), "the page layout".to_string()))
                .collect(),
            footnotes: HashMap::new(),
            next_suffix: HashMap::new(),
            links: Vec::new(),
            diagnostics: Vec::new(),
            parts: BodyParts::default(),
        }
    }

    /// Keeps `id` for something else on the page, described as `owner`
    /// ("question `x` of this bank"): a heading may not take it.
    pub fn reserve(&mut self, id: String, owner: String) {
        self.reserved.entry(id).or_insert(owner);
    }

    /// Renders block Markdown (a body, a brief, notes). `toc` collects `##`/`###` headings.
    pub fn render_block(&mut self, markdown: &str, origin: Origin, toc: bool) -> String {
        self.render_block_parts(markdown, origin, toc, false).0
    }

    /// Renders block Markdown that role cards show too: the HTML, and the HTML
    /// without its `:::facilitator` blocks, cut from the parsed events (`None`
    /// when there are none, or this build leaves them out anyway).
    pub fn render_block_for_cards(
        &mut self,
        markdown: &str,
        origin: Origin,
        toc: bool,
    ) -> (String, Option<String>) {
        self.render_block_parts(markdown, origin, toc, true)
    }

    fn render_block_parts(
        &mut self,
        markdown: &str,
        origin: Origin,
        toc: bool,
        cut: bool,
    ) -> (String, Option<String>) {
        let rewritten = rewrite(markdown, options());
        self.take_rewritten(&rewritten, origin);
        let expanded = expand_containers(&rewritten.text, self.include_facilitator);
        let parser = Parser::new_ext(&expanded.text, options());
        let mut card_cut = cut.then(|| CardCut::new(&expanded, parser.reference_definitions()));
        // Events carry their offset in the expanded text until the links are recorded.
        let events: Vec<(Event, usize, usize)> = parser
            .into_offset_iter()
            .map(|(event, range)| (event, range.start, range.len()))
            .collect();
        self.report_boxes(&expanded, &events, origin, &rewritten);
        let (events, callouts) = quote_boxes(events, self.include_facilitator);
        let place = |start| Place::of(start, &expanded.places, &callouts);
        if let Some(card_cut) = &mut card_cut {
            card_cut.cut_callouts(callouts.facilitator.clone());
        }
        let mut card_cut = card_cut.filter(CardCut::cuts_anything);
        let to_file_offset =
            |start| origin.offset(rewritten.original_offset(expanded.original_offset(start)));
        let events = mark_highlights(events);
        let pieces: Vec<Piece> = self
            .assign_ids(events, toc, &to_file_offset)
            .into_iter()
            .map(|(event, start, len)| {
                let on_cards = card_cut.as_mut().is_some_and(|c| c.keeps(&event, start));
                let range = expanded.original_offset(start)..expanded.original_offset(start + len);
                let offset = rewritten.original_offset(range.start);
                let (event, placeholders) = self.record_link(event, origin.span(offset, len));
                Piece {
                    event: name_task_box(event),
                    placeholders,
                    range,
                    on_cards,
                    place: place(start),
                }
            })
            .collect();
        let pieces = decorate(pieces, &rewritten.attached, &rewritten.text, &self.links);
        let events_for_cards: Vec<(Event, usize)> = pieces
            .iter()
            .filter(|piece| card_cut.is_some() && piece.on_cards)
            .map(|piece| (piece.event.clone(), piece.placeholders))
            .collect();
        let cut = toc.then(|| plan(pieces.iter().map(|p| (&p.event, p.place))));
        let events = pieces.into_iter().map(|p| (p.event, p.placeholders));
        let (out, starts) = write_html_indexed(events, markdown.len() * 3 / 2);
        if let Some(cut) = cut {
            self.parts = body_parts(cut, &starts);
        }
        let for_cards = card_cut
            .is_some()
            .then(|| write_html(events_for_cards.into_iter(), out.len()));
        (out, for_cards)
    }

    /// Claims the ids that spans and attribute lists give, and reports a
    /// comment left open (everything after it is left out).
    fn take_rewritten(&mut self, rewritten: &Rewritten, origin: Origin) {
        for (id, at) in &rewritten.ids {
            self.claim_written_id(id, origin.offset(*at), "id");
        }
        for at in &rewritten.unclosed_comments {
            self.diagnostics.push(
                Diagnostic::at(
                    crate::diagnostics::Code::UnclosedComment,
                    crate::diagnostics::Severity::Warning,
                    self.path,
                    self.text,
                    origin.offset(*at),
                    "comment `%%` is never closed",
                )
                .with_help("everything after it is left out; close the comment with `%%`"),
            );
        }
    }

    /// Reports what the boxes of one text found (an unknown class, a div left
    /// open, a facilitator line read as text) and other generators' syntax,
    /// and claims the ids written on boxes. `events` are the parsed events
    /// of `expanded`.
    fn report_boxes(
        &mut self,
        expanded: &Expanded,
        events: &[(Event, usize, usize)],
        origin: Origin,
        rewritten: &Rewritten,
    ) {
        let to_file_offset = |at| origin.offset(rewritten.original_offset(at));
        let mut problems = expanded.problems.clone();
        problems.extend(expanded.box_lines_read_as_text(events));
        // The file's lines are indexed once for all of its problems.
        let lines = std::cell::OnceCell::new();
        for problem in problems {
            let mut diagnostic = Diagnostic::at_indexed(
                crate::diagnostics::Code::Container,
                problem.severity,
                self.path,
                (self.text, lines.get_or_init(|| LineIndex::new(self.text))),
                to_file_offset(problem.offset),
                problem.message,
            );
            diagnostic.help = problem.help;
            diagnostic.once_per_handbook = problem.once_per_handbook;
            self.diagnostics.push(diagnostic);
        }
        for found in foreign_syntax(&expanded.text, events) {
            let more = match found.more {
                0 => String::new(),
                n => format!(" ({n} more on this page are not listed)"),
            };
            self.diagnostics.push(
                Diagnostic::at(
                    crate::diagnostics::Code::ForeignSyntax,
                    crate::diagnostics::Severity::Warning,
                    self.path,
                    self.text,
                    to_file_offset(expanded.original_offset(found.offset)),
                    format!(
                        "{}, which coachbook does not run: it is shown as text{more}",
                        found.name
                    ),
                )
                .with_help(found.hint),
            );
        }
        for (id, at) in &expanded.ids {
            self.claim_written_id(id, to_file_offset(*at), "id");
        }
    }

    /// Renders one line of inline Markdown (a question, a purpose) without a `<p>` around it.
    pub fn render_inline(&mut self, markdown: &str, origin: Origin) -> String {
        let rewritten = rewrite(markdown, options());
        self.take_rewritten(&rewritten, origin);
        let events = inline_events(&rewritten.text)
            .into_iter()
            .map(|(event, start, len)| {
                let offset = rewritten.original_offset(start);
                self.record_link(event, origin.span(offset, len))
            })
            .filter(|(event, _)| {
                !matches!(
                    event,
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                )
            });
        write_html(events, markdown.len() + 16)
            .trim_end()
            .to_string()
    }

    /// Gives every heading an id (its own `{#id}`, or a unique slug of its text)
    /// and a trailing `#` link to itself, gives every footnote a unique id, and
    /// collects `##`/`###` for the TOC. Ids written by the author are taken
    /// first, so an automatic id steps aside (`goal-1`) for a `{#goal}` further
    /// down; a written id used twice, or by the layout, is an error.
    fn assign_ids<'e>(
        &mut self,
        events: Vec<(Event<'e>, usize, usize)>,
        toc: bool,
        to_file_offset: &dyn Fn(usize) -> usize,
    ) -> Vec<(Event<'e>, usize, usize)> {
        for (event, offset, _) in &events {
            if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
                self.claim_written_id(id, to_file_offset(*offset), "heading id");
            }
        }
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
                        let mut anchor = String::from(" <a class=\"heading-anchor\" href=\"#");
                        push_attribute_escaped(&mut anchor, &id);
                        anchor.push_str("\" aria-label=\"Link to this section\">#</a>");
                        out.push((Event::InlineHtml(CowStr::from(anchor)), offset, 0));
                        if toc && (level == 2 || level == 3) {
                            self.toc.push(Heading { level, id, title });
                        }
                    }
                }
                Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) => {
                    *label = CowStr::from(self.footnote_id(label));
                }
                _ => {}
            }
            out.push((event, offset, len));
        }
        out
    }

    /// Takes an id the author wrote (`{#id}`) for its heading or span
    /// (`what` names it) at `offset`, reporting one that the page already uses.
    fn claim_written_id(&mut self, id: &str, offset: usize, what: &str) {
        let taken_by = match self.reserved.get(id) {
            Some(owner) => Some(owner.clone()),
            None if self.used_ids.contains(id) => Some("another heading of this page".into()),
            None => None,
        };
        if let Some(owner) = taken_by {
            self.diagnostics.push(
                Diagnostic::at(
                    crate::diagnostics::Code::DuplicateId,
                    crate::diagnostics::Severity::Error,
                    self.path,
                    self.text,
                    offset,
                    format!("{what} `{id}` is already used by {owner}"),
                )
                .with_help("give it an id of its own: every id on a page must be unique"),
            );
        }
        self.used_ids.insert(id.to_string());
    }

    /// The id of a heading: the one written (`{#id}`, already claimed) or a
    /// new unique slug, set on the start event.
    fn heading_id(&mut self, start: &mut Event, title: &str) -> String {
        let Event::Start(Tag::Heading { id: slot, .. }) = start else {
            return self.unique_id(title);
        };
        let id = match slot {
            Some(written) => written.to_string(),
            None => self.unique_id(title),
        };
        *slot = Some(CowStr::from(id.clone()));
        id
    }

    /// The page's id for the footnote `label`: `fn-` and its slug, unique on the page.
    fn footnote_id(&mut self, label: &str) -> String {
        if let Some(id) = self.footnotes.get(label) {
            return id.clone();
        }
        let id = self.unique_id(&format!("fn-{label}"));
        self.footnotes.insert(label.to_string(), id.clone());
        id
    }

    /// A slug of `title` that no id of the page has yet, which it then takes.
    fn unique_id(&mut self, title: &str) -> String {
        let base = match slugify(title) {
            slug if slug.is_empty() => "section".to_string(),
            slug => slug,
        };
        let free = |id: &String| !self.used_ids.contains(id) && !self.reserved.contains_key(id);
        let id = if free(&base) {
            base.clone()
        } else {
            let first = self.next_suffix.get(&base).copied().unwrap_or(1);
            let (n, id) = (first..)
                .map(|n| (n, format!("{base}-{n}")))
                .find(|(_, id)| free(id))
                .unwrap_or((first, base.clone()));
            self.next_suffix.insert(base, n + 1);
            id
        };
        self.used_ids.insert(id.clone());
        id
    }

    /// Records a link to resolve, and returns how many placeholders now
    /// stand in the event for hrefs (one for a link, any number in raw HTML).
    fn record_link<'e>(
        &mut self,
        mut event: Event<'e>,
        span: (usize, usize),
    ) -> (Event<'e>, usize) {
        let mut placeholders = 0;
        match &mut event {
            // `<coach@example.com>`: pulldown-cmark adds the `mailto:` when writing.
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => {}
            Event::Start(
                Tag::Link {
                    dest_url,
                    link_type,
                    ..
                }
                | Tag::Image {
                    dest_url,
                    link_type,
                    ..
                },
            ) => {
                let wiki = matches!(link_type, LinkType::WikiLink { .. });
                let dest = std::mem::replace(dest_url, CowStr::Borrowed(""));
                let placeholder;
                (*dest_url, placeholder) = self.placeholder_for(dest, span, wiki);
                placeholders = usize::from(placeholder);
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                self.used_ids
                    .extend(html_ids(html).into_iter().map(str::to_string));
                if let Some((rewritten, count)) = self.placeholders_in_html(html, span) {
                    *html = CowStr::from(rewritten);
                    placeholders = count;
                }
            }
            _ => {}
        }
        (event, placeholders)
    }

    /// Records the `href` and `src` values of raw HTML that point inside the
    /// handbook and returns the HTML with placeholders in their place and how
    /// many there are, or `None` when there are none. Text of the HTML that
    /// reads like a placeholder gets its colon written `&#58;`, so only the
    /// ones made here come first in it.
    fn placeholders_in_html(
        &mut self,
        html: &str,
        (offset, len): (usize, usize),
    ) -> Option<(String, usize)> {
        let mut out = String::new();
        let mut copied = 0;
        let mut count = 0;
        for (at, dest) in html_link_targets(html) {
            let place = if len == 0 {
                (offset, 0)
            } else {
                (offset + at, dest.len())
            };
            let Some(mut link) =
                classify(dest, place, false).filter(|l| l.kind != LinkKind::SamePage)
            else {
                continue;
            };
            link.in_html = true;
            self.links.push(link);
            out.push_str(&html[copied..at].replace(LINK_PLACEHOLDER, FORGED_PLACEHOLDER));
            out.push_str(&format!("{LINK_PLACEHOLDER}{}", self.links.len() - 1));
            copied = at + dest.len();
            count += 1;
        }
        (count > 0).then(|| {
            out.push_str(&html[copied..].replace(LINK_PLACEHOLDER, FORGED_PLACEHOLDER));
            (out, count)
        })
    }

    /// Records `dest` when it points inside the handbook and returns its
    /// placeholder (and true), or `dest` itself.
    fn placeholder_for<'e>(
        &mut self,
        dest: CowStr<'e>,
        span: (usize, usize),
        wiki: bool,
    ) -> (CowStr<'e>, bool) {
        let Some(link) = classify(&dest, span, wiki) else {
            return (dest, false);
        };
        self.links.push(link);
        let placeholder = format!("{LINK_PLACEHOLDER}{}", self.links.len() - 1);
        (CowStr::from(placeholder), true)
    }
}

/// Ids the default theme's templates give their own elements on a page (the
/// skip link's target, the sidebar, search, filters, a scenario's and a role
/// card's section titles, a term page's list); no heading may take one.
const LAYOUT_IDS: &[&str] = &[
    "main",
    "sidebar",
    "search-input",
    "search-panel",
    "bank-questions",
    "filter-stage",
    "filter-tag",
    "filter-duration",
    "filter-format",
    "filter-level",
    "filter-competency",
    "situation-title",
    "timing-title",
    "roles-title",
    "checklist-title",
    "debrief-title",
    "notes-title",
    "brief-title",
    "sheet-title",
    "term-pages-title",
    "objectives-title",
    "agenda-title",
    "materials-title",
    "pre-work-title",
    "overview-title",
    "material-title",
];

/// The HTML of `events`, each paired with whether it is a link whose href is
/// a placeholder made here. Anything else in the output that reads like a
/// placeholder (an author's text, raw HTML) gets its colon written `&#58;`:
/// it shows as written, and [`fill_links`] never takes it for a link.
fn write_html<'e>(events: impl Iterator<Item = (Event<'e>, usize)>, capacity: usize) -> String {
    write_html_indexed(events, capacity).0
}

/// [`write_html`], and where each event's HTML starts in it, with the HTML's
/// length last: event `i` wrote `starts[i]..starts[i + 1]`.
fn write_html_indexed<'e>(
    events: impl Iterator<Item = (Event<'e>, usize)>,
    capacity: usize,
) -> (String, Vec<usize>) {
    let written = RefCell::new(String::with_capacity(capacity));
    let mut starts = Vec::new();
    // Where the HTML stood when each placeholder's event began: its
    // placeholders are the first ones written from there.
    let mut ours = Vec::new();
    let events = events.map(|(event, placeholders)| {
        let start = written.borrow().len();
        starts.push(start);
        ours.extend(std::iter::repeat_n(start, placeholders));
        event
    });
    // Writing into a String cannot fail.
    let _ = html::write_html_fmt(SharedWriter(&written), events);
    let html = written.into_inner();
    starts.push(html.len());
    let mut ours = ours.into_iter().peekable();
    let mut out = String::new();
    let mut copied = 0;
    let mut forged = Vec::new();
    for found in memchr::memmem::find_iter(html.as_bytes(), LINK_PLACEHOLDER) {
        if ours.next_if(|&start| start <= found).is_some() {
            continue;
        }
        out.push_str(&html[copied..found]);
        out.push_str(FORGED_PLACEHOLDER);
        copied = found + LINK_PLACEHOLDER.len();
        forged.push(found);
    }
    if forged.is_empty() {
        return (html, starts);
    }
    out.push_str(&html[copied..]);
    // Each forged placeholder written longer moves what follows it.
    let longer = FORGED_PLACEHOLDER.len() - LINK_PLACEHOLDER.len();
    for start in &mut starts {
        *start += longer * forged.partition_point(|&at| at < *start);
    }
    (out, starts)
}

/// The parts `plan` cut, as runs of the body's HTML, where event `i` wrote
/// `starts[i]..starts[i + 1]` of it.
fn body_parts(plan: Plan, starts: &[usize]) -> BodyParts {
    let html = |indices: &[usize]| BodyHtml::of_events(indices, starts);
    let parts = |list: Vec<(Option<Heading>, Vec<usize>)>| {
        list.into_iter()
            .map(|(heading, indices)| BodyPart {
                heading,
                html: html(&indices),
            })
            .collect()
    };
    BodyParts {
        sections: plan
            .sections
            .into_iter()
            .map(|(heading, room, notes)| BodySection {
                heading,
                html: html(&room),
                notes: notes.iter().map(|note| html(note)).collect(),
            })
            .collect(),
        exercises: parts(plan.exercises),
        facilitator: parts(plan.facilitator),
    }
}

/// A `fmt::Write` into a string that is read while it is being written.
struct SharedWriter<'a>(&'a RefCell<String>);

impl std::fmt::Write for SharedWriter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
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

/// Whether a link target is outside the handbook: protocol-relative, or any
/// URL scheme (`https:`, `mailto:`, `tel:`, `[a-z][a-z0-9+.-]*:`).
fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let Some((scheme, _)) = dest.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
}

/// The `href` of each `<a>` and the `src` of each `<img>` in a piece of raw
/// HTML, with its byte offset in `html`.
fn html_link_targets(html: &str) -> Vec<(usize, &str)> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for (tag, attribute) in [("<a", "href"), ("<img", "src")] {
        let mut from = 0;
        while let Some(start) = lower[from..].find(tag).map(|i| from + i) {
            let after_name = start + tag.len();
            from = after_name;
            if !lower[after_name..].starts_with(|c: char| c.is_ascii_whitespace()) {
                continue;
            }
            let end = lower[after_name..]
                .find('>')
                .map_or(html.len(), |i| after_name + i);
            if let Some(value) =
                attribute_value(&html[after_name..end], &lower[after_name..end], attribute)
            {
                found.push((after_name + value.0, value.1));
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found
}

/// The `id` of every tag in raw HTML, and the `name` of every `<a>`: books
/// keep `<a id="old-heading"></a>` so that links to a renamed heading still
/// land, so these are anchors a link may target.
fn html_ids(html: &str) -> Vec<&str> {
    if !html.contains('<') {
        return Vec::new();
    }
    let lower = html.to_ascii_lowercase();
    let mut ids = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find('<').map(|i| from + i) {
        let end = lower[start..].find('>').map_or(html.len(), |i| start + i);
        let (tag, tag_lower) = (&html[start + 1..end], &lower[start + 1..end]);
        let is_anchor = tag_lower.starts_with("a ");
        let names = std::iter::once("id").chain(is_anchor.then_some("name"));
        for name in names {
            if let Some((_, id)) = attribute_value(tag, tag_lower, name)
                && !id.is_empty()
            {
                ids.push(id);
            }
        }
        from = end.max(start + 1);
    }
    ids
}

/// The value of `name` in a tag's attribute text (`lower` is the same text in
/// lower case), with its offset: quoted with `"` or `'`, or bare.
fn attribute_value<'h>(tag: &'h str, lower: &str, name: &str) -> Option<(usize, &'h str)> {
    let mut from = 0;
    while let Some(at) = lower[from..].find(name).map(|i| from + i) {
        from = at + name.len();
        let starts_word = lower[..at].ends_with(|c: char| c.is_ascii_whitespace());
        let rest = lower[from..].trim_start();
        if !starts_word || !rest.starts_with('=') {
            continue;
        }
        let value_at = tag.len() - rest[1..].trim_start().len();
        let value = &tag[value_at..];
        return Some(match value.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let inner = &value[1..];
                (
                    value_at + 1,
                    &inner[..inner.find(quote).unwrap_or(inner.len())],
                )
            }
            _ => {
                let end = value
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(value.len());
                (value_at, &value[..end])
            }
        });
    }
    None
}

/// What a link's destination names; `wiki` for a wikilink's `Note#Heading`.
fn classify(dest: &str, (offset, len): (usize, usize), wiki: bool) -> Option<LinkRef> {
    if dest.is_empty() || is_external(dest) {
        return None;
    }
    let (target, anchor) = match dest.split_once('#') {
        // `[[Note#Heading#Subheading]]`: Obsidian goes to the last heading.
        Some((target, anchors)) if wiki => (target, anchors.rsplit('#').next().map(str::to_string)),
        Some((target, anchor)) => (target, Some(anchor.to_string())),
        None => (dest, None),
    };
    let target = match wiki {
        // In a table a vault writes `[[Note\|label]]`, the `\` keeping the cell whole.
        true => target.trim_end_matches('\\').trim(),
        false => target.split('?').next().unwrap_or(target),
    };
    let extension = Path::new(target)
        .extension()
        .filter(|_| !target.ends_with('/'))
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let kind = match extension.as_deref() {
        _ if target.is_empty() => LinkKind::SamePage,
        _ if wiki => LinkKind::Wiki,
        Some("md") => LinkKind::Page,
        None | Some("html" | "htm") => LinkKind::Url,
        Some(_) => LinkKind::Asset,
    };
    Some(LinkRef {
        kind,
        target: target.to_string(),
        anchor,
        offset,
        len,
        in_html: false,
    })
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// The parsed events of inline Markdown with their offsets, highlights marked.
fn inline_events(markdown: &str) -> Vec<(Event<'_>, usize, usize)> {
    let events = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .map(|(event, range)| (event, range.start, range.len()))
        .collect();
    mark_highlights(events)
}

/// The plain text of one line of inline Markdown: markup dropped, line breaks kept.
/// For exports, where a question must read well outside the handbook.
pub fn inline_plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    let rewritten = rewrite(markdown, options());
    for (event, _, _) in inline_events(&rewritten.text) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::End(TagEnd::Paragraph) => text.push_str("\n\n"),
            _ => {}
        }
    }
    text.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::links::fill_links;

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
                (LinkKind::Url, "/g/", None, 69),
            ]
        );
        let filled = fill_links(
            &html,
            &[
                Some("../b/#x".into()),
                None,
                Some("../pic.png".into()),
                Some("../../g/".into()),
            ],
        );
        assert!(filled.contains(r#"href="../b/#x""#), "{filled}");
        assert!(filled.contains(r#"href="https://e.org""#), "{filled}");
        assert!(
            filled.contains(r#"<span class="unlinked">d</span>"#),
            "{filled}"
        );
        assert!(filled.contains(r#"src="../pic.png""#), "{filled}");
        assert!(filled.contains(r#"href="../../g/""#), "{filled}");
    }

    #[test]
    fn page_urls_are_recorded_and_schemes_and_emails_are_not() {
        let (html, renderer) = render(
            "[p](giving-feedback) [h](old.HTML#a) [m](mailto:a@b.example) [t](tel:+4930) \
             [x](x-custom+app.1:go) <coach@example.com> [f](Guide.MD)\n",
        );
        let found: Vec<_> = renderer
            .links
            .iter()
            .map(|l| (l.kind, l.target.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (LinkKind::Url, "giving-feedback"),
                (LinkKind::Url, "old.HTML"),
                (LinkKind::Page, "Guide.MD"),
            ]
        );
        assert!(
            html.contains(r#"href="mailto:coach@example.com""#),
            "{html}"
        );
        assert!(html.contains(r#"href="tel:+4930""#), "{html}");
    }

    #[test]
    fn raw_html_links_are_recorded_at_their_place() {
        let text = "<p><A class=x HREF='gone.md'>a</A> <img alt=\"\" src=pic.png> \
                    <a href=\"#top\">t</a> <a href=\"https://e.org\">e</a></p>\n";
        let (html, renderer) = render(text);
        let found: Vec<_> = renderer
            .links
            .iter()
            .map(|l| {
                (
                    l.kind,
                    l.target.as_str(),
                    l.in_html,
                    &text[l.offset..l.offset + l.len],
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (LinkKind::Page, "gone.md", true, "gone.md"),
                (LinkKind::Asset, "pic.png", true, "pic.png"),
            ]
        );
        assert_eq!(
            html,
            text.replace("gone.md", "coachbook-link:0")
                .replace("pic.png", "coachbook-link:1")
        );
    }

    #[test]
    fn every_fixed_id_of_the_default_theme_is_kept_from_headings() {
        let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let mut found = Vec::new();
        let mut folders = vec![templates];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices(" id=\"") {
                    let value = text[at + 5..].split('"').next().unwrap_or("");
                    // A template's id is fixed text, or a prefix (`{{ p }}`) and fixed text.
                    let fixed = value.rsplit("}}").next().unwrap_or(value).trim();
                    if !fixed.is_empty() && !fixed.contains("{{") && fixed != "-title" {
                        found.push(fixed.to_string());
                    }
                }
            }
        }
        assert!(found.contains(&"main".to_string()), "{found:?}");
        for id in found {
            assert!(
                LAYOUT_IDS.contains(&id.as_str()),
                "`{id}` is not in LAYOUT_IDS"
            );
        }
    }

    #[test]
    fn plain_text_drops_markup_and_keeps_line_breaks() {
        assert_eq!(
            inline_plain_text("What *matters*, `now`?\nSay \"more\"."),
            "What matters, now?\nSay “more”."
        );
    }

    #[test]
    fn fields_lose_comments_and_keep_highlights_and_spans() {
        let text = "Ask ==now== %%not this%% [why]{#why .x}";
        let mut renderer = MarkdownRenderer::new(Path::new("a.md"), text, true);
        assert_eq!(
            renderer.render_inline(text, Origin::Field(0)),
            "Ask <mark>now</mark>  <span id=\"why\" class=\"x\">why</span>"
        );
        assert!(renderer.used_ids.contains("why"));
        assert_eq!(inline_plain_text(text), "Ask now  why");
    }

    #[test]
    fn rewritten_images_and_links_keep_their_placeholders_unforgeable() {
        let (html, renderer) = render(
            "![a [b](c.md)](x.png){width=1 .w} [l](d.md){.button} ![[e.png|20]] ![[f]] \
             coachbook-link:0 coachbook-link:4\n",
        );
        let placeholders = html.matches(LINK_PLACEHOLDER).count();
        assert_eq!(placeholders, 4, "{html}");
        assert_eq!(html.matches(FORGED_PLACEHOLDER).count(), 2, "{html}");
        assert_eq!(renderer.links.len(), 5);
        let filled = fill_links(
            &html,
            &[
                Some("x.png".into()),
                Some("c/".into()),
                Some("d/".into()),
                Some("e.png".into()),
                None,
            ],
        );
        assert!(
            filled.contains(r#"<img src="x.png" alt="a b" class="w" width="1" />"#),
            "{filled}"
        );
        assert!(
            filled.contains(r#"<a href="d/" class="button">l</a>"#),
            "{filled}"
        );
        assert!(
            filled.contains(r#"<img src="e.png" alt="e" width="20" />"#),
            "{filled}"
        );
        assert!(
            filled.contains(r#"<span class="unlinked">f</span>"#),
            "{filled}"
        );
    }

    #[test]
    fn any_mix_of_dialect_syntax_renders_without_a_panic() {
        let pieces = [
            "[[",
            "]]",
            "![[",
            "|",
            "#",
            "%%",
            "==",
            "[x]{#i}",
            "](a.png){width=1}",
            "{: .c}\n",
            "\n: d\n",
            "é",
            "`",
            "\n\n",
            "*",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("T {a}{b}{c}{a}b\n");
                    let (html, _) = render(&text);
                    // Outside code no `%%` is left: a comment never closed hides the rest.
                    let code = text.contains('`');
                    assert!(code || !html.contains("%%"), "{text:?} {html}");
                }
            }
        }
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
