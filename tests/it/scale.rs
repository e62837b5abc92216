//! Scale: a page's size must not grow with the handbook. The sidebar holds the
//! top-level entries and the children of the current page's ancestors only,
//! never the whole tree (which would make output grow with the square of the
//! page count), and a long list only the block around the page.
//!
//! The handbooks come from `examples/support/synth.rs`; what each page's sidebar should
//! hold is worked out here from the files on disk, not from coachbook's code.

use std::fs;
use std::path::Path;

#[path = "../../examples/support/synth.rs"]
mod synth;

use synth::generate_handbook;

use crate::support::{Handbook, selector};

/// A synthetic handbook of `pages` content pages, built.
fn synthetic(pages: usize) -> Handbook {
    let book = Handbook::empty();
    for file in generate_handbook(pages, 7) {
        book.write(file.path.to_str().unwrap(), file.text);
    }
    book.build().success();
    book
}

/// The content-relative path of every page that is a plain `.md` file (not a
/// section's `_index.md` nor a bundle's `index.md`), sorted.
fn plain_pages(book: &Handbook) -> Vec<String> {
    fn walk(dir: &Path, rel: &str, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{rel}{name}");
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &format!("{path}/"), out);
            } else if name.ends_with(".md") && name != "_index.md" && name != "index.md" {
                out.push(path);
            }
        }
    }
    let mut pages = Vec::new();
    walk(&book.path("content"), "", &mut pages);
    pages.sort();
    pages
}

/// How many entries a folder under content/ holds in the tree: its subfolders
/// (sections or page bundles) and its pages.
fn children(book: &Handbook, folder: &str) -> usize {
    fs::read_dir(book.path("content").join(folder))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            e.file_type().unwrap().is_dir() || (name.ends_with(".md") && name != "_index.md")
        })
        .count()
}

/// The site URLs of content/'s own entries: the top level of the sidebar.
fn top_level(book: &Handbook) -> Vec<String> {
    let mut urls: Vec<String> = fs::read_dir(book.path("content"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().unwrap().is_dir() {
                Some(format!("{name}/"))
            } else {
                let stem = name.strip_suffix(".md")?;
                (stem != "_index").then(|| format!("{stem}/"))
            }
        })
        .collect();
    urls.sort();
    urls
}

/// The site URL an `href` on the page at `from` leads to.
fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').filter(|p| !p.is_empty()).collect();
    for segment in href.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            name => parts.push(name),
        }
    }
    parts.iter().map(|p| format!("{p}/")).collect()
}

/// A page's URL and the folders above it (`a/`, `a/b/`), from its content path.
fn url_and_ancestors(page: &str) -> (String, Vec<String>) {
    let url = format!("{}/", page.strip_suffix(".md").unwrap());
    let folders: Vec<&str> = page.split('/').collect();
    let ancestors = (1..folders.len())
        .map(|n| format!("{}/", folders[..n].join("/")))
        .collect();
    (url, ancestors)
}

/// What a page's sidebar holds: resolved link URLs and the sidebar's HTML size.
fn sidebar(book: &Handbook, url: &str) -> (Vec<String>, usize) {
    let html = book.html(url);
    let nav = html
        .select(&selector("nav#sidebar"))
        .next()
        .unwrap_or_else(|| panic!("{url} has no sidebar"));
    // The tree's links: the gathered pages' fixed list below it is not the tree.
    let links = nav
        .select(&selector("nav#sidebar > ul a"))
        .filter_map(|a| a.value().attr("href"))
        .map(|href| resolve(url, href))
        .collect();
    (links, nav.html().len())
}

/// The most sidebar links a page may have: the top level plus the children of each ancestor.
fn bound(book: &Handbook, ancestors: &[String]) -> usize {
    top_level(book).len()
        + ancestors
            .iter()
            .map(|folder| children(book, folder))
            .sum::<usize>()
}

#[test]
fn deep_page_sidebar_holds_top_level_and_ancestors_but_not_the_whole_tree() {
    let book = synthetic(2000);
    let pages = plain_pages(&book);
    let deepest = pages
        .iter()
        .max_by_key(|p| (p.matches('/').count(), std::cmp::Reverse(p.as_str())))
        .unwrap();
    let (url, ancestors) = url_and_ancestors(deepest);
    assert!(ancestors.len() >= 3, "{deepest} is not deep");
    let (links, _) = sidebar(&book, &url);
    for required in top_level(&book).iter().chain(&ancestors) {
        assert!(
            links.contains(required),
            "the sidebar of {url} lacks {required}: {links:?}"
        );
    }
    assert!(links.contains(&url), "the page itself is missing");
    assert!(
        links.len() < 200,
        "{} sidebar links on one page of a 2,000-page handbook",
        links.len()
    );
    assert!(links.len() <= bound(&book, &ancestors), "{links:?}");
}

#[test]
fn sidebar_does_not_grow_with_the_handbook() {
    let small = synthetic(500);
    let large = synthetic(2000);
    // The most sidebar links and the most sidebar bytes on one page, per handbook.
    let largest = [&small, &large].map(|book| {
        let mut largest = (0, 0);
        // Every seventh page: enough to cover every section, few enough to stay quick.
        for page in plain_pages(book).iter().step_by(7) {
            let (url, ancestors) = url_and_ancestors(page);
            let (links, size) = sidebar(book, &url);
            let bound = bound(book, &ancestors);
            assert!(
                links.len() <= bound,
                "{url}: {} sidebar links, more than the top level and its ancestors' children ({bound})",
                links.len()
            );
            largest.0 = largest.0.max(links.len());
            largest.1 = largest.1.max(size);
        }
        largest
    });
    let [(small_links, small_size), (large_links, large_size)] = largest;
    // Four times the pages; the largest sidebar may grow a little with the top
    // level, but nowhere near four times.
    assert!(
        large_links <= small_links * 2,
        "largest sidebar: {small_links} links at 500 pages, {large_links} at 2,000"
    );
    assert!(
        large_size <= small_size * 2,
        "largest sidebar: {small_size} bytes at 500 pages, {large_size} at 2,000"
    );
}

/// The number of printed pages (`.print-entry`) on each print page of `book`,
/// by the print page's site URL.
fn print_pages(book: &Handbook) -> Vec<(String, usize)> {
    book.output_files()
        .iter()
        .filter_map(|file| file.strip_suffix("print/index.html"))
        .filter(|section| !section.contains("/roles/"))
        .map(|section| {
            let url = format!("{section}print/");
            let entries = book.select(&url, ".print-entry").len();
            (url, entries)
        })
        .collect()
}

#[test]
fn a_large_handbook_prints_each_section_on_its_own_page_and_no_file_grows_past_5_mb() {
    let book = synthetic(400);
    let files = book.snapshot("public");
    let (largest, size) = files
        .iter()
        .map(|(path, bytes)| (path, bytes.len()))
        .max_by_key(|(_, size)| *size)
        .unwrap();
    assert!(
        size < 5 * 1024 * 1024,
        "{} is {size} bytes",
        largest.display()
    );

    let printed = print_pages(&book);
    let sections: Vec<String> = top_level(&book)
        .into_iter()
        .filter(|url| {
            book.path("content")
                .join(url.trim_end_matches('/'))
                .is_dir()
        })
        .collect();
    assert!(sections.len() >= 2, "{sections:?}");
    // print/ holds the home page, and links to every top-level section's own
    // print page, which exists and holds that section's pages.
    let linked: Vec<String> = book
        .attrs("print/", "a.print-part", "href")
        .iter()
        .map(|href| resolve("print/", href))
        .collect();
    for section in &sections {
        let url = format!("{section}print/");
        assert!(
            linked.contains(&url),
            "print/ does not link to {url}: {linked:?}"
        );
        let entries = printed.iter().find(|(u, _)| *u == url).map(|(_, n)| *n);
        assert!(entries.is_some_and(|n| n > 0), "{url}: {entries:?}");
        let back = book.attrs(&url, ".print-up a", "href");
        assert_eq!(
            back.iter().map(|h| resolve(&url, h)).collect::<Vec<_>>(),
            ["print/"]
        );
    }
    // Every page, and every gathered page that holds anything, is printed
    // exactly once over all the print pages; the outputs made from a page
    // (role cards, cards pages, presentations, a session's pack and
    // handout) are not pages of their own.
    let made_from_a_page = ["roles", "cards", "present", "pack", "handout"];
    let gathered = ["takeaways/", "exercises/", "facilitator/"];
    let pages = book
        .output_files()
        .into_iter()
        .filter_map(|f| f.strip_suffix("index.html").map(String::from))
        .filter(|url| {
            !url.split('/').any(|part| made_from_a_page.contains(&part))
                && !url.ends_with("print/")
                && !url.starts_with("tags/")
                && !url.starts_with("competencies/")
        })
        .filter(|url| {
            !gathered.iter().any(|g| url.starts_with(g))
                || !book.select(url, ".gathered-item").is_empty()
        })
        .count();
    let mut entries: Vec<String> = printed
        .iter()
        .flat_map(|(url, _)| book.attrs(url, ".print-entry", "id"))
        .collect();
    assert_eq!(entries.len(), pages);
    entries.sort();
    entries.dedup();
    assert_eq!(entries.len(), pages, "a page is printed twice");
    // A link to a page printed elsewhere leads to that page on its print page.
    let mut across = 0;
    for (url, _) in &printed {
        for href in book.attrs(url, ".print-entry a", "href") {
            let Some((path, fragment)) = href.split_once('#') else {
                continue;
            };
            if path.is_empty() || path.contains("://") {
                continue;
            }
            let target = resolve(url, path);
            assert!(
                target.ends_with("print/"),
                "{url}: {href} leaves the print pages"
            );
            let ids = book.attrs(&target, "[id]", "id");
            assert!(
                ids.iter().any(|id| id == fragment),
                "{url}: {href} points at nothing"
            );
            across += 1;
            if across > 40 {
                return;
            }
        }
    }
    panic!("only {across} links between print pages");
}

#[test]
fn a_handbook_of_300_pages_or_fewer_prints_on_one_page() {
    let book = synthetic(250);
    let printed = print_pages(&book);
    assert_eq!(printed.len(), 1, "{printed:?}");
    assert!(printed[0].1 > 250, "{printed:?}");
    assert!(book.select("print/", ".print-parts").is_empty());
}

#[test]
fn a_long_section_shows_the_block_around_the_page_and_a_link_to_all_of_them() {
    let book = Handbook::minimal();
    book.write(
        "content/drills/_index.md",
        "---\ntitle: Drills\n---\nEvery drill.\n",
    );
    for i in 0..120 {
        book.write(
            &format!("content/drills/drill-{i:03}.md"),
            format!("---\ntitle: Drill {i:03}\nweight: {i}\n---\nPractise.\n"),
        );
    }
    book.build().success();
    for (page, first, last) in [(0, 0, 24), (57, 50, 74), (119, 100, 119)] {
        let url = format!("drills/drill-{page:03}/");
        let (links, _) = sidebar(&book, &url);
        let drills: Vec<&String> = links.iter().filter(|l| l.contains("drill-")).collect();
        let expected: Vec<String> = (first..=last)
            .map(|i| format!("drills/drill-{i:03}/"))
            .collect();
        assert_eq!(drills, expected.iter().collect::<Vec<_>>(), "on {url}");
        assert_eq!(
            book.texts(&url, "nav#sidebar .nav-more a"),
            ["All 120 pages in Drills"],
            "on {url}"
        );
        assert_eq!(
            book.texts(&url, "nav#sidebar a[aria-current=page]"),
            [format!("Drill {page:03}")]
        );
    }
    // The section's own page lists every drill.
    assert_eq!(book.select("drills/", "main .cards > li").len(), 120);
}

#[test]
fn a_term_with_more_than_500_pages_lists_them_over_several_pages() {
    let with_tags = "title = \"Tags\"\n[taxonomies]\ntags = \"Tags\"\n";
    let book = Handbook::empty();
    book.write("site.toml", with_tags);
    for i in 0..1001 {
        book.write(
            &format!("content/notes/n{i:04}.md"),
            format!("---\ntitle: Note {i:04}\ntags: [shared]\n---\nText.\n"),
        );
    }
    book.build().success();
    let parts = ["tags/shared/", "tags/shared/2/", "tags/shared/3/"];
    let cards: Vec<usize> = parts
        .iter()
        .map(|url| book.select(url, ".cards > li").len())
        .collect();
    assert_eq!(cards, [500, 500, 1]);
    assert!(!book.exists("tags/shared/4/"));
    let first_card = book.texts("tags/shared/2/", ".cards h3");
    assert_eq!(first_card.first().map(String::as_str), Some("Note 0500"));
    // Each part links to the others.
    for url in parts {
        let linked: Vec<String> = book
            .attrs(url, ".term-link a", "href")
            .iter()
            .map(|href| resolve(url, href))
            .collect();
        for other in parts.iter().filter(|other| **other != url) {
            assert!(
                linked.contains(&other.to_string()),
                "{url} lacks {other}: {linked:?}"
            );
        }
    }
    // A term with fewer pages keeps one page.
    let small = Handbook::empty();
    small.write("site.toml", with_tags);
    small.write("content/a.md", "---\ntitle: A\ntags: [one]\n---\nText.\n");
    small.build().success();
    assert_eq!(small.select("tags/one/", ".cards > li").len(), 1);
    assert!(!small.exists("tags/one/2/"));
}

#[test]
fn a_section_of_more_than_300_pages_without_subsections_prints_over_several_pages() {
    let book = Handbook::minimal();
    book.write(
        "content/notes/_index.md",
        "---\ntitle: Notes\n---\nAll notes.\n",
    );
    for i in 0..650 {
        book.write(
            &format!("content/notes/n{i:04}.md"),
            format!(
                "---\ntitle: Note {i:04}\n---\nSee [the next](n{:04}.md).\n",
                (i + 1) % 650
            ),
        );
    }
    book.build().success();
    let parts = ["notes/print/", "notes/print/2/", "notes/print/3/"];
    let entries: Vec<usize> = parts
        .iter()
        .map(|url| book.select(url, ".print-entry").len())
        .collect();
    // The section's own page and its 650 pages, 300 to a print page.
    assert_eq!(entries, [300, 300, 51]);
    assert!(!book.exists("notes/print/4/"));
    let linked: Vec<String> = book
        .attrs("notes/print/", "a.print-part", "href")
        .iter()
        .map(|href| resolve("notes/print/", href))
        .collect();
    assert_eq!(linked, ["notes/print/2/", "notes/print/3/"]);
    let back = book.attrs("notes/print/3/", ".print-up a", "href");
    assert_eq!(resolve("notes/print/3/", &back[0]), "notes/print/");
    // The last note on the first print page links to the first on the second.
    let across = book.attrs("notes/print/", ".print-entry a", "href");
    assert!(
        across.iter().any(|href| href.starts_with("2/#p")),
        "{across:?}"
    );
}

#[test]
fn a_handbook_of_more_than_2500_urls_gets_a_sitemap_index() {
    // A sitemap's addresses are absolute, so it needs a full base_url; a
    // second language puts its translation beside the original in a part.
    let book = Handbook::minimal();
    book.write(
        "site.toml",
        "title = \"Test Handbook\"\nbase_url = \"https://handbook.example.org/\"\n\
         language = \"en\"\n[languages.de]\ntitle = \"Testhandbuch\"\n",
    );
    for i in 0..2_500 {
        book.write(
            &format!("content/f{:02}/n{i:05}.md", i / 250),
            format!("---\ntitle: N{i:05}\n---\nText.\n"),
        );
    }
    book.write(
        "content/f09/n02499.de.md",
        "---\ntitle: N2499 de\n---\nText.\n",
    );
    book.build().success();
    let index = book.read("sitemap.xml");
    assert!(index.contains("<sitemapindex"), "{}", &index[..200]);
    let parts: Vec<&str> = index
        .split("<loc>")
        .skip(1)
        .map(|rest| rest.split("</loc>").next().unwrap())
        .collect();
    assert_eq!(
        parts,
        [
            "https://handbook.example.org/sitemap-1.xml",
            "https://handbook.example.org/sitemap-2.xml"
        ]
    );
    // Every URL of both languages, once each over the parts: the home page,
    // 10 sections and 2,500 pages, then the German ones.
    let texts: Vec<String> = ["sitemap-1.xml", "sitemap-2.xml"]
        .iter()
        .map(|part| book.read(part))
        .collect();
    let urls: Vec<usize> = texts.iter().map(|t| t.matches("<url>").count()).collect();
    assert_eq!(urls[0], 2_500);
    assert!(urls[1] > 11, "{urls:?}");
    // A part keeps its entries' alternates.
    let entry = texts[1]
        .lines()
        .find(|line| line.contains("<loc>https://handbook.example.org/de/f09/n02499/</loc>"))
        .unwrap_or_else(|| panic!("no German page in {}", texts[1]));
    assert!(texts[1].contains("xmlns:xhtml="), "{}", &texts[1][..300]);
    assert!(
        entry.contains(r#"hreflang="en" href="https://handbook.example.org/f09/n02499/""#),
        "{entry}"
    );
}

#[test]
fn each_print_page_gathers_and_prints_the_takeaways_of_its_own_pages() {
    let book = Handbook::minimal();
    for i in 0..320 {
        book.write(
            &format!("content/n{i:04}.md"),
            format!("---\ntitle: Note {i:04}\ntakeaways: [\"Remember note {i:04}\"]\n---\nText.\n"),
        );
    }
    book.build().success();
    // The home page and its 320 pages, 300 to a print page; each print page
    // prints the takeaways of its own pages after them.
    let ids = |url: &str| book.attrs(url, ".print-entry", "id");
    let first = ids("print/");
    let second = ids("print/2/");
    assert_eq!((first.len(), second.len()), (301, 22));
    assert_eq!(first.last().map(String::as_str), Some("takeaways"));
    assert_eq!(second.last().map(String::as_str), Some("takeaways-2"));
    let printed = |url: &str, id: &str| book.texts(url, &format!("#{id} .gathered-item")).join(" ");
    assert!(printed("print/", "takeaways").contains("Remember note 0000"));
    assert!(!printed("print/", "takeaways").contains("Remember note 0310"));
    assert!(printed("print/2/", "takeaways-2").contains("Remember note 0310"));
    assert!(!printed("print/2/", "takeaways-2").contains("Remember note 0000"));

    // takeaways/ holds the first print page's and links to the other one,
    // which links back; the exercises page of a handbook without any has no parts.
    let first_page = book.texts("takeaways/", ".gathered-item").join(" ");
    assert!(first_page.contains("Remember note 0298"), "{first_page}");
    assert!(!first_page.contains("Remember note 0299"));
    let parts: Vec<String> = book
        .attrs("takeaways/", "a.gathered-part", "href")
        .iter()
        .map(|href| resolve("takeaways/", href))
        .collect();
    assert_eq!(parts, ["takeaways/2/"]);
    assert_eq!(book.select("takeaways/2/", ".gathered-item").len(), 21);
    assert!(book.texts("takeaways/2/", "h1")[0].starts_with("Key takeaways: "));
    let up: Vec<String> = book
        .attrs("takeaways/2/", ".gathered-up a", "href")
        .iter()
        .map(|href| resolve("takeaways/2/", href))
        .collect();
    assert_eq!(up, ["takeaways/"]);
    assert!(book.select("exercises/", "a.gathered-part").is_empty());
    assert!(!book.exists("exercises/2/"));
    assert_eq!(book.select("exercises/", ".gathered-empty").len(), 1);
}
