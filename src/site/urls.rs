//! URLs: where each content file lands, and relative links between pages.
//!
//! Every URL is site-relative without a leading slash (`guides/partnering/`,
//! and `""` for the home page). Links written into pages are always relative,
//! so the output works under any sub-path; `--portable` adds `index.html`
//! so it also works from `file://`.

pub use crate::slug::url_part;

/// The site URL of the page that prints the whole handbook.
pub const PRINT_URL: &str = "print/";

/// The site URL of the page that prints the section at `section_url` (the
/// home page's is [`PRINT_URL`]).
pub fn section_print_url(section_url: &str) -> String {
    format!("{section_url}{PRINT_URL}")
}

/// The site URL of part `part` (from 0) of a listing at `url`: the listing
/// itself, then `<url>2/`, `<url>3/`, …
pub fn listing_part_url(url: &str, part: usize) -> String {
    match part {
        0 => url.to_string(),
        _ => format!("{url}{}/", part + 1),
    }
}

/// The site URLs of the pages gathered across the handbook.
pub const TAKEAWAYS_URL: &str = "takeaways/";
pub const EXERCISES_URL: &str = "exercises/";
pub const FACILITATOR_URL: &str = "facilitator/";

/// The site URL of a page presented on the room's screen: `<page>/present/`.
pub fn present_url(page_url: &str) -> String {
    format!("{page_url}present/")
}

/// The site URL of the presenter window of a presented page.
pub fn presenter_url(page_url: &str) -> String {
    format!("{}presenter/", present_url(page_url))
}

/// The site URL of a scenario's role card: `<scenario>/roles/<id>/`.
pub fn role_card_url(scenario_url: &str, role_id: &str) -> String {
    format!("{scenario_url}roles/{role_id}/")
}

/// The site URL of the page that prints every card of a scenario: `<scenario>/cards/`.
pub fn cards_url(scenario_url: &str) -> String {
    format!("{scenario_url}cards/")
}

/// The site URL of a session's facilitator pack: `<session>/pack/`.
pub fn session_pack_url(session_url: &str) -> String {
    format!("{session_url}pack/")
}

/// The site URL of a session's handout for participants: `<session>/handout/`.
pub fn session_handout_url(session_url: &str) -> String {
    format!("{session_url}handout/")
}

/// `base_url` ending in one `/`, to put site URLs after it.
pub fn base_with_slash(base_url: &str) -> String {
    if base_url.ends_with('/') {
        base_url.to_string()
    } else {
        format!("{base_url}/")
    }
}

/// Whether `base_url` is a full address (`https://…`), which a sitemap's
/// `<loc>` needs: a bare `/` or a path gives no sitemap.
pub fn is_full_address(base_url: &str) -> bool {
    let lower = base_url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && base_url.len() > 8
}

/// Turns a content folder path (`Guides/Active Listening`) into its URL (`guides/active-listening/`).
pub fn folder_url(folder: &str) -> String {
    folder
        .split('/')
        .filter(|part| !part.is_empty())
        .map(|part| format!("{}/", url_part(part)))
        .collect()
}

/// Makes relative links between site URLs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Linker {
    /// Whether page links end in `index.html` (for `file://` and zips).
    pub portable: bool,
    /// Whether the pages are a translation's, one folder (`de/`) below the
    /// site root: page URLs are the language's own, files (theme, static
    /// files, assets) and other languages' pages are at the site root.
    pub translated: bool,
}

impl Linker {
    /// A relative link from the page at `from` to the page at `to` (both site URLs).
    pub fn page(&self, from: &str, to: &str) -> String {
        let mut href = relative(from, to);
        if self.portable {
            href.push_str("index.html");
        } else if href.is_empty() {
            href.push_str("./");
        }
        href
    }

    /// A relative link from the page at `from` to a file at site path `to` (`css/style.css`).
    pub fn file(&self, from: &str, to: &str) -> String {
        if self.translated {
            format!("{}{to}", self.root(from))
        } else {
            relative(from, to)
        }
    }

    /// The prefix that leads from the page at `from` to the site root (`../../`, or empty).
    pub fn root(&self, from: &str) -> String {
        let mut up = relative(from, "");
        if self.translated {
            up.push_str("../");
        }
        up
    }

    /// The prefix that leads from the page at `from` to its language's root
    /// (the site root for the default language).
    pub fn language_root(&self, from: &str) -> String {
        relative(from, "")
    }

    /// A link from the page at `from` to the page at `to`, a URL from the
    /// site root (`de/guides/a/`): a page of another language.
    pub fn other_language(&self, from: &str, to: &str) -> String {
        let mut href = if self.translated {
            format!("{}{to}", self.root(from))
        } else {
            relative(from, to)
        };
        if self.portable {
            href.push_str("index.html");
        } else if href.is_empty() {
            href.push_str("./");
        }
        href
    }
}

/// A relative path from the folder `from` (a page URL, ending in `/` or empty)
/// to the site path `to`. Called for every link of every page, so it allocates
/// only the result.
fn relative(from: &str, to: &str) -> String {
    let to_dir = &to[..to.rfind('/').map_or(0, |i| i + 1)];
    let common: usize = from
        .split_inclusive('/')
        .zip(to_dir.split_inclusive('/'))
        .take_while(|(a, b)| a == b && a.ends_with('/'))
        .map(|(a, _)| a.len())
        .sum();
    let ups = from[common..].matches('/').count();
    let mut href = String::with_capacity(ups * 3 + to.len() - common);
    for _ in 0..ups {
        href.push_str("../");
    }
    href.push_str(&to[common..]);
    href
}

/// Resolves `target` (as written in a link) against the content-relative folder
/// `dir`: `/x.md` from the content root, anything else from `dir`. `None` when
/// it climbs above `content/`.
pub fn resolve_content_path(dir: &str, target: &str) -> Option<String> {
    let decoded = percent_decode(target);
    let (base, rest) = match decoded.strip_prefix('/') {
        Some(rest) => ("", rest.to_string()),
        None => (dir, decoded),
    };
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Decodes `%20`-style escapes, as editors write them for names with spaces.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(value)) => {
                out.push(value);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The last part of a content-relative path (`guides/a.md` → `a.md`).
pub fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// A Markdown file name without its extension, whatever its case
/// (`Guide.MD` → `Guide`); `None` for other files.
pub fn md_stem(name: &str) -> Option<&str> {
    let split = name.len().checked_sub(3)?;
    let (stem, extension) = (name.get(..split)?, name.get(split..)?);
    extension.eq_ignore_ascii_case(".md").then_some(stem)
}

/// The folder part of a content-relative file path (`guides/a.md` → `guides`).
pub fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_page(from: &str, to: &str, portable: bool, expected: &str) {
        assert_eq!(
            Linker {
                portable,
                translated: false
            }
            .page(from, to),
            expected,
            "{from} -> {to}"
        );
    }

    #[test]
    fn page_links_are_relative() {
        check_page("guides/a/", "guides/b/", false, "../b/");
        check_page("guides/a/", "", false, "../../");
        check_page("", "guides/", false, "guides/");
        check_page("", "", false, "./");
        check_page("guides/a/", "guides/a/", false, "./");
        check_page(
            "guides/a/",
            "questions/grow/",
            true,
            "../../questions/grow/index.html",
        );
        check_page("", "", true, "index.html");
    }

    #[test]
    fn file_links_and_roots() {
        let linker = Linker::default();
        assert_eq!(
            linker.file("guides/a/", "css/style.css"),
            "../../css/style.css"
        );
        assert_eq!(linker.file("guides/a/", "guides/a/pic.png"), "pic.png");
        assert_eq!(linker.root("guides/a/"), "../../");
        assert_eq!(linker.root(""), "");
    }

    #[test]
    fn a_translation_links_files_and_other_languages_from_the_site_root() {
        let linker = Linker {
            portable: false,
            translated: true,
        };
        assert_eq!(linker.page("guides/a/", "guides/b/"), "../b/");
        assert_eq!(
            linker.file("guides/a/", "coachbook.css"),
            "../../../coachbook.css"
        );
        assert_eq!(linker.root(""), "../");
        assert_eq!(linker.language_root("guides/a/"), "../../");
        assert_eq!(linker.other_language("", "guides/a/"), "../guides/a/");
        let default = Linker::default();
        assert_eq!(
            default.other_language("guides/", "de/guides/"),
            "../de/guides/"
        );
        assert_eq!(default.other_language("", ""), "./");
    }

    #[test]
    fn content_paths_resolve_from_the_file_or_the_root() {
        assert_eq!(
            resolve_content_path("guides", "../questions/grow.md").as_deref(),
            Some("questions/grow.md")
        );
        assert_eq!(
            resolve_content_path("guides/x", "/a.md").as_deref(),
            Some("a.md")
        );
        assert_eq!(
            resolve_content_path("guides", "./My%20Page.md").as_deref(),
            Some("guides/My Page.md")
        );
        assert_eq!(resolve_content_path("", "../outside.md"), None);
    }

    #[test]
    fn folder_urls_are_slugged() {
        assert_eq!(
            folder_url("Guides/Active Listening"),
            "guides/active-listening/"
        );
        assert_eq!(folder_url(""), "");
    }
}
