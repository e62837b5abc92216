//! SCORM packages (1.2 and 2004 4th edition): the portable build plus what
//! a learning platform needs to import and track it.
//!
//! The package adds three things to the build: `imsmanifest.xml`, one
//! launch page per top-level section under `coachbook-scorm/`, and the
//! runtime script those pages load. A SCO talks to the platform in one
//! session (initialise once, terminate once), but a section is many pages:
//! so an item launches its own small page, which holds the session and shows
//! the section's pages in a frame, following the learner from page to page.
//! The handbook's pages are the portable build's, unchanged: nothing of
//! SCORM reaches a page opened outside a platform.

use std::fmt::Write as _;

use crate::output::{Contents, OutputFile};
use crate::site::{PageId, PageKind, Site};
use crate::xml::escape;

/// The SCORM version a package is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Scorm12,
    Scorm2004,
}

/// The folder of the package's own files.
const FOLDER: &str = "coachbook-scorm";

/// The runtime every launch page loads (see its own comments).
const RUNTIME: &str = include_str!("scorm-runtime.js");

/// What a package is made of, besides the build's files: the handbook as a
/// course of items.
#[derive(Debug, Clone)]
pub struct Course {
    pub title: String,
    /// The manifest's identifier: the same for every build of one handbook,
    /// so a platform sees a new package of it as a new version.
    pub identifier: String,
    pub items: Vec<Item>,
}

/// One top-level section: an item of the course.
#[derive(Debug, Clone)]
pub struct Item {
    pub title: String,
    /// The section's own page and every page under it, as paths in the
    /// package (`guides/index.html`), the section's page first.
    pub pages: Vec<String>,
}

impl Course {
    /// The course of `site`: one item per top-level section, or the home
    /// page alone when the handbook has no sections.
    pub fn of(site: &Site, title: &str, base_url: &str) -> Course {
        let home = site.pages.iter().find(|page| page.kind == PageKind::Home);
        let mut items: Vec<Item> = home
            .into_iter()
            .flat_map(|home| &home.children)
            .map(|&id| site.page(id))
            .filter(|page| page.kind == PageKind::Section)
            .map(|section| {
                let mut pages = Vec::new();
                collect_pages(site, section.id, &mut pages);
                Item {
                    title: section.title.clone(),
                    pages,
                }
            })
            .collect();
        if items.is_empty() {
            items.push(Item {
                title: title.to_string(),
                pages: vec!["index.html".into()],
            });
        }
        Course {
            title: title.to_string(),
            identifier: format!("coachbook-{:016x}", fnv1a(&format!("{title}\n{base_url}"))),
            items,
        }
    }
}

/// The page `id` and every page under it, in reading order.
fn collect_pages(site: &Site, id: PageId, pages: &mut Vec<String>) {
    let page = site.page(id);
    pages.push(format!("{}index.html", page.url));
    for &child in &page.children {
        collect_pages(site, child, pages);
    }
}

/// FNV-1a: a hash fixed by its definition, so identifiers never change
/// with a library's version.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The files a SCORM package adds to `site` (the build's files, by path):
/// the launch pages, the runtime and the manifest listing all of them.
pub fn package_files(course: &Course, version: Version, site: &[String]) -> Vec<OutputFile> {
    let file = |path: String, text: String| OutputFile {
        path: path.into(),
        contents: Contents::Bytes(text.into_bytes()),
    };
    let mut ours: Vec<OutputFile> = course
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| file(launch_path(index), launch_page(item, version)))
        .collect();
    ours.push(file(format!("{FOLDER}/runtime.js"), RUNTIME.to_string()));
    let shared: Vec<String> = site
        .iter()
        .cloned()
        .chain(std::iter::once(format!("{FOLDER}/runtime.js")))
        .collect();
    ours.push(file(
        "imsmanifest.xml".into(),
        manifest(course, version, &shared),
    ));
    ours
}

/// Whether a file of the build is in the way of the package's own files.
pub fn is_reserved(path: &str) -> bool {
    path == "imsmanifest.xml" || path.starts_with(&format!("{FOLDER}/"))
}

/// The launch page of item `index` (from 0).
fn launch_path(index: usize) -> String {
    format!("{FOLDER}/item-{}.html", index + 1)
}

/// An item's launch page: the runtime, told the SCORM version and the
/// item's pages, and a frame that opens the section's page.
fn launch_page(item: &Item, version: Version) -> String {
    let pages = serde_json::to_string(&item.pages)
        .unwrap_or_else(|_| "[]".into())
        .replace('<', "\\u003c");
    let version = match version {
        Version::Scorm12 => "1.2",
        Version::Scorm2004 => "2004",
    };
    let first = escape(&href(&item.pages[0]));
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>html,body{{margin:0;height:100%;overflow:hidden}}iframe{{display:block;border:0;width:100%;height:100%}}</style>
</head>
<body>
<iframe id="coachbook-page" title="{title}" src="../{first}"></iframe>
<script type="application/json" id="coachbook-item">{{"version":"{version}","pages":{pages}}}</script>
<script src="runtime.js"></script>
</body>
</html>
"#,
        title = escape(&item.title),
    )
}

/// `imsmanifest.xml`: one organisation titled like the handbook, one item
/// per section, each a SCO resource whose launch page depends on one asset
/// resource holding every other file, so each file is listed once.
fn manifest(course: &Course, version: Version, shared: &[String]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let identifier = escape(&course.identifier);
    let (head, schema_version, sco) = match version {
        Version::Scorm12 => (
            "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\" \
             xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd \
             http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd \
             http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd\"",
            "1.2",
            "adlcp:scormtype",
        ),
        Version::Scorm2004 => (
            "xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" \
             xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd \
             http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd\"",
            "2004 4th Edition",
            "adlcp:scormType",
        ),
    };
    let _ = write!(
        xml,
        "<manifest identifier=\"{identifier}\" version=\"1\" {head}>\n\
         \x20 <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>{schema_version}</schemaversion>\n  </metadata>\n\
         \x20 <organizations default=\"course\">\n    <organization identifier=\"course\">\n      <title>{}</title>\n",
        escape(&course.title)
    );
    for (index, item) in course.items.iter().enumerate() {
        let n = index + 1;
        let _ = write!(
            xml,
            "      <item identifier=\"item-{n}\" identifierref=\"sco-{n}\">\n        <title>{}</title>\n      </item>\n",
            escape(&item.title)
        );
    }
    xml.push_str("    </organization>\n  </organizations>\n  <resources>\n");
    for index in 0..course.items.len() {
        let n = index + 1;
        let launch = escape(&href(&launch_path(index)));
        let _ = write!(
            xml,
            "    <resource identifier=\"sco-{n}\" type=\"webcontent\" {sco}=\"sco\" href=\"{launch}\">\n\
             \x20     <file href=\"{launch}\"/>\n      <dependency identifierref=\"handbook\"/>\n    </resource>\n"
        );
    }
    let _ = writeln!(
        xml,
        "    <resource identifier=\"handbook\" type=\"webcontent\" {sco}=\"asset\">"
    );
    for path in shared {
        let _ = writeln!(xml, "      <file href=\"{}\"/>", escape(&href(path)));
    }
    xml.push_str("    </resource>\n  </resources>\n</manifest>\n");
    xml
}

/// A package path as a URL reference: every byte but unreserved characters
/// and `/` percent-encoded, so spaces and accents in file names stay valid.
fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_encode_what_a_url_cannot_hold() {
        assert_eq!(href("img/a b/é#1.png"), "img/a%20b/%C3%A9%231.png");
        assert_eq!(href("guides/index.html"), "guides/index.html");
    }

    #[test]
    fn the_identifier_is_fixed_by_the_title_and_address() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
