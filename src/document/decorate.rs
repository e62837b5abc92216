//! Parsed events finished with what pulldown-cmark cannot write: attribute
//! lists (taken out of the text by `rewrite`) on their link, image or block,
//! and Obsidian embeds (`![[diagram.png|300]]` an image with a width,
//! `![[Note]]` a link to the note shown as an embed card).
//!
//! Runs after links are recorded: a rewritten image or link keeps its
//! placeholder, first in the HTML of its event.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::attributes::Attributes;
use super::links::{LinkRef, link_index, push_attribute_escaped};
use super::parts::Place;
use super::rewrite::{Attach, Attached};

/// Extensions an embed shows as an image.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp"];

/// One event on its way to HTML.
pub struct Piece<'e> {
    pub event: Event<'e>,
    /// How many link placeholders its HTML holds.
    pub placeholders: usize,
    /// Where it came from in the rewritten text.
    pub range: Range<usize>,
    /// Whether role cards show it.
    pub on_cards: bool,
    /// Where it sits among the text's boxes.
    pub place: Place,
}

/// An image being gathered until its end.
struct OpenImage<'e> {
    first: Piece<'e>,
    alt: String,
    attributes: Attributes,
    wiki: bool,
    /// The text after a wikilink's `|`, which its `alt` holds; without one,
    /// `alt` is only the name again.
    pothole: bool,
}

/// Applies `attached` attribute lists and writes embeds; `text` is the
/// rewritten text the ranges point into, `links` the recorded links.
pub fn decorate<'e>(
    pieces: Vec<Piece<'e>>,
    attached: &[Attached],
    text: &str,
    links: &[LinkRef],
) -> Vec<Piece<'e>> {
    let has_wiki = pieces.iter().any(|p| {
        matches!(
            &p.event,
            Event::Start(
                Tag::Link {
                    link_type: LinkType::WikiLink { .. },
                    ..
                } | Tag::Image {
                    link_type: LinkType::WikiLink { .. },
                    ..
                }
            )
        )
    });
    if attached.is_empty() && !has_wiki {
        return pieces;
    }
    let mut owners = owners(&pieces, attached, text);
    let mut out = Vec::with_capacity(pieces.len());
    let mut image: Option<OpenImage> = None;
    let mut close_link = false;
    let mut wiki_text = false;
    for (index, mut piece) in pieces.into_iter().enumerate() {
        if let Some(open) = &mut image {
            match &piece.event {
                Event::End(TagEnd::Image) => {
                    if let Some(open) = image.take() {
                        out.push(write_image(open, links));
                    }
                }
                // Only the text of what an image holds is written (its `alt`):
                // a link inside gives no href, so no placeholder.
                Event::Text(t) | Event::Code(t) => open.alt.push_str(t),
                _ => {}
            }
            continue;
        }
        let attributes = owners.remove(&index);
        match &mut piece.event {
            Event::Start(Tag::Image { link_type, .. }) => {
                let wiki = matches!(link_type, LinkType::WikiLink { .. });
                let pothole = matches!(link_type, LinkType::WikiLink { has_pothole: true });
                if wiki || attributes.is_some() {
                    image = Some(OpenImage {
                        first: piece,
                        alt: String::new(),
                        attributes: attributes.unwrap_or_default(),
                        wiki,
                        pothole,
                    });
                    continue;
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                wiki_text = matches!(link_type, LinkType::WikiLink { has_pothole: false });
                if let Some(attributes) = attributes {
                    let mut html = String::from("<a href=\"");
                    let _ = pulldown_cmark_escape::escape_href(&mut html, dest_url);
                    html.push('"');
                    push_title(&mut html, title);
                    attributes.write(&mut html, false);
                    html.push('>');
                    piece.event = Event::InlineHtml(html.into());
                    close_link = true;
                }
            }
            Event::End(TagEnd::Link) => {
                wiki_text = false;
                if close_link {
                    piece.event = Event::InlineHtml(CowStr::Borrowed("</a>"));
                    close_link = false;
                }
            }
            Event::Text(t) if wiki_text => {
                // `[[Note#Heading]]` reads as Obsidian shows it: "Note › Heading".
                let shown = match t.strip_prefix('#') {
                    Some(heading) => heading.to_string(),
                    None => t.replacen('#', " › ", 1),
                };
                *t = shown.into();
            }
            Event::Start(tag) => {
                if let Some(attributes) = attributes
                    && let Some(html) = block_with_attributes(tag, &attributes)
                {
                    piece.event = Event::Html(html.into());
                }
            }
            _ => {}
        }
        out.push(piece);
    }
    out
}

/// Which event each attribute list belongs to, by index: the link or image
/// ending where an inline list starts, the block ending just before a
/// kramdown line (the outermost one). A list that belongs to nothing is dropped.
fn owners(pieces: &[Piece], attached: &[Attached], text: &str) -> HashMap<usize, Attributes> {
    let mut found = HashMap::new();
    for list in attached {
        let owner = match list.attach {
            Attach::Inline => pieces.iter().rposition(|p| {
                p.range.end == list.at
                    && matches!(p.event, Event::Start(Tag::Link { .. } | Tag::Image { .. }))
            }),
            Attach::Block => pieces.iter().position(|p| {
                matches!(
                    p.event,
                    Event::Start(
                        Tag::Paragraph
                            | Tag::Heading { .. }
                            | Tag::List(_)
                            | Tag::BlockQuote(_)
                            | Tag::Table(_)
                            | Tag::CodeBlock(_)
                            | Tag::HtmlBlock
                            | Tag::DefinitionList
                    )
                ) && p.range.end <= list.at
                    && text
                        .get(p.range.end..list.at)
                        .is_some_and(|between| between.trim().is_empty())
            }),
        };
        if let Some(index) = owner {
            found.insert(index, list.attributes.clone());
        }
    }
    found
}

/// The opening tag of a paragraph or list with attributes; a heading takes
/// the classes on its own tag. `None` for other blocks: the list is dropped.
fn block_with_attributes(tag: &mut Tag, attributes: &Attributes) -> Option<String> {
    let mut html = match tag {
        Tag::Paragraph => String::from("<p"),
        Tag::List(None) => String::from("<ul"),
        Tag::List(Some(1)) => String::from("<ol"),
        Tag::List(Some(start)) => format!("<ol start=\"{start}\""),
        Tag::Heading { classes, .. } => {
            classes.extend(attributes.classes.iter().map(|c| CowStr::from(c.clone())));
            return None;
        }
        _ => return None,
    };
    attributes.write(&mut html, false);
    html.push('>');
    if !matches!(tag, Tag::Paragraph) {
        html.push('\n');
    }
    Some(html)
}

/// An image, or an embed of a note or another file (a link styled as a card).
fn write_image<'e>(open: OpenImage<'e>, links: &[LinkRef]) -> Piece<'e> {
    let OpenImage {
        mut first,
        alt,
        mut attributes,
        wiki,
        pothole,
    } = open;
    let alt = if wiki && !pothole { String::new() } else { alt };
    let Event::Start(Tag::Image {
        dest_url, title, ..
    }) = &first.event
    else {
        return first;
    };
    let written = link_index(dest_url).and_then(|n| links.get(n));
    let name = written.map_or(dest_url.as_ref(), |link| link.target.as_str());
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let mut html = String::new();
    if wiki && !IMAGE_EXTENSIONS.contains(&extension.as_str()) {
        html.push_str("<a href=\"");
        let _ = pulldown_cmark_escape::escape_href(&mut html, dest_url);
        html.push_str("\" class=\"embed\">");
        let label = if alt.is_empty() {
            match written.and_then(|link| link.anchor.as_deref()) {
                Some(anchor) => format!("{name} › {anchor}"),
                None => name.to_string(),
            }
        } else {
            alt
        };
        let _ = pulldown_cmark_escape::escape_html(&mut html, &label);
        html.push_str("</a>");
    } else {
        let alt = if wiki {
            if let Some((width, height)) = size(&alt) {
                attributes.width.get_or_insert(width.to_string());
                if let Some(height) = height {
                    attributes.height.get_or_insert(height.to_string());
                }
                file_stem(name).to_string()
            } else if alt.is_empty() {
                file_stem(name).to_string()
            } else {
                alt
            }
        } else {
            alt
        };
        let alt = attributes.alt.take().unwrap_or(alt);
        html.push_str("<img src=\"");
        let _ = pulldown_cmark_escape::escape_href(&mut html, dest_url);
        html.push_str("\" alt=\"");
        push_attribute_escaped(&mut html, &alt);
        html.push('"');
        push_title(&mut html, title);
        attributes.write(&mut html, false);
        html.push_str(" />");
    }
    first.event = Event::InlineHtml(html.into());
    first
}

fn push_title(html: &mut String, title: &str) {
    if !title.is_empty() {
        html.push_str(" title=\"");
        push_attribute_escaped(html, title);
        html.push('"');
    }
}

/// An Obsidian size: `300` (a width) or `300x200`.
fn size(text: &str) -> Option<(&str, Option<&str>)> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match text.trim().split_once('x') {
        Some((w, h)) if digits(w) && digits(h) => Some((w, Some(h))),
        None if digits(text.trim()) => Some((text.trim(), None)),
        _ => None,
    }
}

/// `folder/diagram.png` → `diagram`.
fn file_stem(name: &str) -> &str {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.rsplit_once('.').map_or(file, |(stem, _)| stem)
}
