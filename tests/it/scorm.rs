//! `build --package scorm12|scorm2004`: the portable build plus a manifest,
//! launch pages and a runtime, read back here with an XML parser. (The
//! manifest's validity against ADL's schemas and the runtime's behaviour
//! with a real SCORM runtime are checked in the browser tests.)

use std::collections::{BTreeMap, BTreeSet};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::package::zip_entries;
use crate::support::Handbook;

/// One element of the manifest: its name with prefix, attributes and text.
#[derive(Debug, Clone)]
pub struct Element {
    pub name: String,
    pub attributes: BTreeMap<String, String>,
    pub text: String,
}

/// Every element of `xml` in document order, attribute values and text
/// unescaped; fails on XML that is not well-formed.
pub fn elements(xml: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut out: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let start = |e: &BytesStart| Element {
        name: e.name().as_ref().to_string(),
        attributes: e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                (
                    a.key.as_ref().to_string(),
                    a.normalized_value(XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned(),
                )
            })
            .collect(),
        text: String::new(),
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                open.push(out.len());
                out.push(start(&e));
            }
            Event::Empty(e) => out.push(start(&e)),
            Event::Text(t) => {
                if let Some(&i) = open.last() {
                    out[i]
                        .text
                        .push_str(&t.xml_content(XmlVersion::Implicit1_0));
                }
            }
            Event::GeneralRef(r) => {
                let name = r.into_inner();
                let c = match name.as_ref() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("unknown entity &{other};"),
                };
                if let Some(&i) = open.last() {
                    out[i].text.push(c);
                }
            }
            Event::CData(_) => panic!("no CDATA is written"),
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(open.is_empty(), "unclosed elements");
    out
}

pub fn named<'a>(all: &'a [Element], name: &str) -> Vec<&'a Element> {
    all.iter().filter(|e| e.name == name).collect()
}

fn manifest_of(book: &Handbook, zip: &str) -> (BTreeMap<String, Vec<u8>>, Vec<Element>) {
    let entries = zip_entries(&book.path(zip));
    let xml = String::from_utf8(entries["imsmanifest.xml"].clone()).unwrap();
    let all = elements(&xml);
    (entries, all)
}

/// A file reference of the manifest back to a path in the zip.
fn unpercent(href: &str) -> String {
    let bytes = href.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&href[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn each_version_lists_every_file_once_and_an_item_per_top_level_section() {
    let book = Handbook::fixture("search/handbook");
    book.write("static/files/a plan é.txt", "spaces and accents");
    for (flag, schema_version, kind_attribute) in [
        ("scorm12", "1.2", "adlcp:scormtype"),
        ("scorm2004", "2004 4th Edition", "adlcp:scormType"),
    ] {
        let zip = format!("public.{flag}.zip");
        let run = book.build_with(&["--package", flag]);
        run.success();
        assert!(run.stdout.contains(&zip), "{}", run.stdout);
        let (entries, all) = manifest_of(&book, &zip);
        assert_eq!(named(&all, "schema")[0].text, "ADL SCORM");
        assert_eq!(named(&all, "schemaversion")[0].text, schema_version);
        let organization = named(&all, "organization");
        assert_eq!(organization.len(), 1);
        let titles: Vec<&str> = named(&all, "title")
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "Search Handbook",
                "Guides",
                "Questions",
                "Scenarios",
                "Trainer backstage"
            ]
        );

        // Every file of the zip but the manifest is listed once, and every listed file is there.
        let listed: Vec<String> = named(&all, "file")
            .iter()
            .map(|f| unpercent(&f.attributes["href"]))
            .collect();
        let unique: BTreeSet<&String> = listed.iter().collect();
        assert_eq!(unique.len(), listed.len(), "a file is listed twice");
        let zipped: BTreeSet<&String> = entries
            .keys()
            .filter(|name| *name != "imsmanifest.xml")
            .collect();
        assert_eq!(unique, zipped, "{flag}");
        assert!(listed.contains(&"files/a plan é.txt".to_string()));

        // Each item points at a SCO whose launch page opens its section's page.
        let resources: BTreeMap<&str, &Element> = named(&all, "resource")
            .into_iter()
            .map(|r| (r.attributes["identifier"].as_str(), r))
            .collect();
        let items = named(&all, "item");
        assert_eq!(items.len(), 4);
        for (item, section) in items
            .iter()
            .zip(["guides", "questions", "scenarios", "trainers"])
        {
            let resource = resources[item.attributes["identifierref"].as_str()];
            assert_eq!(resource.attributes["type"], "webcontent");
            assert_eq!(resource.attributes[kind_attribute], "sco");
            let launch = String::from_utf8(entries[&resource.attributes["href"]].clone()).unwrap();
            assert!(
                launch.contains(&format!("src=\"../{section}/index.html\"")),
                "{launch}"
            );
            assert!(launch.contains("<script src=\"runtime.js\"></script>"));
        }
        let assets: Vec<_> = resources
            .values()
            .filter(|r| r.attributes[kind_attribute] == "asset")
            .collect();
        assert_eq!(assets.len(), 1, "one resource holds the handbook's files");
    }
}

#[test]
fn the_identifier_stays_across_builds_and_differs_between_handbooks() {
    let identifier = |book: &Handbook| {
        book.build_with(&["--package", "scorm2004"]).success();
        let (_, all) = manifest_of(book, "public.scorm2004.zip");
        named(&all, "manifest")[0].attributes["identifier"].clone()
    };
    let book = Handbook::fixture("search/handbook");
    let first = identifier(&book);
    book.write("content/guides/new.md", "---\ntitle: New\n---\nMore.\n");
    assert_eq!(identifier(&book), first, "the same handbook, rebuilt");
    let other = Handbook::fixture("search/handbook");
    other.write("site.toml", "title = \"Another Handbook\"\n");
    assert_ne!(identifier(&other), first);
}

#[test]
fn a_participant_package_leaves_out_facilitator_sections_and_pages() {
    let book = Handbook::fixture("search/handbook");
    book.build_with(&["--package", "scorm12", "--edition", "participant"])
        .success();
    let (entries, all) = manifest_of(&book, "public.scorm12.zip");
    let titles: Vec<&str> = named(&all, "item")
        .iter()
        .map(|item| {
            let at = all.iter().position(|e| std::ptr::eq(e, *item)).unwrap();
            all[at + 1].text.as_str()
        })
        .collect();
    assert_eq!(titles, ["Guides", "Questions", "Scenarios"]);
    assert!(!entries.keys().any(|name| name.starts_with("trainers/")));
}

#[test]
fn hostile_titles_stay_text_in_the_manifest_and_launch_pages() {
    let book = Handbook::fixture("search/handbook");
    let hostile = "A <b>bold</b> & \"quoted\" ]]> 'title' end";
    book.write(
        "site.toml",
        format!("title = '''{hostile}'''\n[search]\nenabled = true\n"),
    );
    book.write(
        "content/guides/_index.md",
        "---\ntitle: \"Guides </title><script>x()</script> & ]]>\"\n---\nGuides.\n",
    );
    book.build_with(&["--package", "scorm12"]).success();
    let (entries, all) = manifest_of(&book, "public.scorm12.zip");
    let titles: Vec<&str> = named(&all, "title")
        .iter()
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(titles[0], hostile);
    assert_eq!(titles[1], "Guides </title><script>x()</script> & ]]>");
    let launch = String::from_utf8(entries["coachbook-scorm/item-1.html"].clone()).unwrap();
    assert!(!launch.contains("<script>x()"), "{launch}");
    assert!(launch.contains("&lt;/title&gt;&lt;script&gt;"), "{launch}");
}

#[test]
fn scorm_files_appear_only_in_scorm_packages() {
    let book = Handbook::fixture("search/handbook").built();
    assert!(!book.path("public/coachbook-scorm").exists());
    assert!(!book.path("public/imsmanifest.xml").exists());
    book.build_with(&["--package", "zip"]).success();
    let entries = zip_entries(&book.path("public.zip"));
    assert!(
        !entries
            .keys()
            .any(|name| name.starts_with("coachbook-scorm") || name == "imsmanifest.xml")
    );
    book.build_with(&["--package", "scorm2004"]).success();
    let entries = zip_entries(&book.path("public.scorm2004.zip"));
    let runtime = String::from_utf8(entries["coachbook-scorm/runtime.js"].clone()).unwrap();
    assert!(runtime.contains("API_1484_11"));
    assert!(!runtime.contains("console."), "the runtime never logs");
}

#[test]
fn a_handbook_file_in_the_way_of_the_package_files_is_an_error_and_no_package() {
    for taken in ["imsmanifest.xml", "coachbook-scorm/runtime.js"] {
        let book = Handbook::fixture("search/handbook");
        book.write(&format!("static/{taken}"), "mine");
        let run = book.build_with(&["--package", "scorm2004"]);
        run.code(1);
        run.stderr_has(&format!("the build has its own `{taken}`"));
        assert!(!book.path("public.scorm2004.zip").exists());
        // A plain zip has no files of its own, so it takes the handbook's.
        book.build_with(&["--package", "zip"]).success();
    }
}
