//! Links as a document records them: what each points at ([`LinkRef`]),
//! the placeholder that stands for its href in the rendered HTML until the
//! site resolves it, and [`fill_links`], which puts the resolved hrefs in.

pub(super) const LINK_PLACEHOLDER: &str = "coachbook-link:";
/// How text that reads like [`LINK_PLACEHOLDER`] but is not one is written:
/// the same on screen, never taken for a link.
pub(super) const FORGED_PLACEHOLDER: &str = "coachbook-link&#58;";

/// What a recorded link points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// A `.md` file: another page, rewritten to its URL.
    Page,
    /// A page's URL as authors coming from other generators write it
    /// (`giving-feedback`, `../questions/grow/`, `index.html`, `page.html`),
    /// or a file without an extension: the site knows which.
    Url,
    /// Any other relative file (an image, a PDF), rewritten relative to the page's URL.
    Asset,
    /// `#anchor` in the same page.
    SamePage,
    /// An Obsidian wikilink or embed (`[[Note]]`, `![[diagram.png]]`): a
    /// page by file name, title or alias, or a file by name, anywhere.
    Wiki,
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
    /// Written in raw HTML (`<a href>`, `<img src>`): rewritten like any link,
    /// but a miss is a warning, since the author may mean a file served
    /// beside the site, and the link then keeps the path it names.
    pub in_html: bool,
}

/// A resolved link: its relative URL, and the language of the page it leads
/// to when that is not the linking page's own (a translation's link to an
/// original that has no translation), written as `hreflang` on the link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Href {
    pub url: String,
    pub hreflang: Option<String>,
}

impl From<String> for Href {
    fn from(url: String) -> Self {
        Href {
            url,
            hreflang: None,
        }
    }
}

impl From<&str> for Href {
    fn from(url: &str) -> Self {
        Href::from(url.to_string())
    }
}

/// Replaces link placeholders in `html` with `hrefs[n]` (already relative URLs).
/// A link with no href (to a page this build leaves out, or a broken link
/// already reported) keeps its text without the link; an image with none gets `#`.
pub fn fill_links(html: &str, hrefs: &[Option<Href>]) -> String {
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
            Some(href) => {
                let opens_a_link = out.ends_with(LINK_OPENING);
                push_attribute_escaped(&mut out, &href.url);
                if let Some(language) = href.hreflang.filter(|_| opens_a_link) {
                    // The placeholder's own closing quote follows.
                    out.push_str("\" hreflang=\"");
                    push_attribute_escaped(&mut out, &language);
                }
            }
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

/// The link number of a placeholder href, `None` for any other href.
pub(super) fn link_index(href: &str) -> Option<usize> {
    href.strip_prefix(LINK_PLACEHOLDER)?.parse().ok()
}

pub(super) fn push_attribute_escaped(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(out, text);
}
