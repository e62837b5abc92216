//! An Obsidian vault builds unchanged: wikilinks and embeds resolved and
//! checked, `%%comments%%` in no byte of output, `==highlights==`, and the
//! Pandoc and kramdown attributes and definition lists such notes use.

use std::collections::BTreeMap;

use crate::support::{Handbook, collapse, selector};

const VAULT: &str = "obsidian/vault";
/// Written only inside comments of the vault.
const COMMENT_MARKER: &str = "MARKER-7Q2-COMMENT";

fn vault() -> Handbook {
    Handbook::fixture(VAULT).built()
}

/// Link text → href of every link in the page's prose.
fn prose_links(book: &Handbook, page: &str) -> BTreeMap<String, String> {
    book.texts(page, "main .prose a:not(.heading-anchor)")
        .into_iter()
        .zip(book.attrs(page, "main .prose a:not(.heading-anchor)", "href"))
        .collect()
}

/// `src`, `alt` and `width` of each image matching `css` on `page`.
fn images(book: &Handbook, page: &str, css: &str) -> Vec<[String; 3]> {
    let html = book.html(page);
    html.select(&selector(css))
        .map(|img| ["src", "alt", "width"].map(|a| img.value().attr(a).unwrap_or("-").to_string()))
        .collect()
}

/// The HTML without what code, scripts and styles hold.
fn outside_code(html: &str) -> String {
    let mut out = html.to_string();
    for tag in ["code", "script", "style"] {
        let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
        while let Some(start) = out.find(&open) {
            let end = out[start..]
                .find(&close)
                .map_or(out.len(), |i| start + i + close.len());
            out.replace_range(start..end, "");
        }
    }
    out
}

#[test]
fn the_vault_builds_with_no_errors_and_no_raw_syntax_outside_code() {
    let book = Handbook::fixture(VAULT);
    let run = book.build();
    run.success().error_count(0);
    let pages: Vec<String> = book
        .output_files()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() >= 8, "{pages:?}");
    for page in pages {
        let html = outside_code(&book.read(&page));
        for raw in ["[[", "]{#", "{alt=", "{:", "%%", "==", "data-x"] {
            assert!(!html.contains(raw), "{page} shows `{raw}`:\n{html}");
        }
    }
    // Code keeps what it holds as written.
    let template = book.main_of("coaching/one-to-one-template/");
    assert!(
        template.contains("<code>%%kept in code%%</code>"),
        "{template}"
    );
    assert!(
        template.contains("==raw== and %%raw%% and [[Raw]]"),
        "{template}"
    );
}

#[test]
fn comments_are_in_no_byte_of_any_output() {
    let book = vault();
    let source =
        std::fs::read_to_string(book.path("content/Coaching/One-to-one template.md")).unwrap();
    assert_eq!(source.matches(COMMENT_MARKER).count(), 2);
    let files = book.snapshot("public");
    assert!(files.keys().any(|f| f.starts_with("search")), "{files:?}");
    assert!(files.keys().any(|f| f.starts_with("exports")), "{files:?}");
    for (file, bytes) in files {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(COMMENT_MARKER),
            "{} holds a comment",
            file.display()
        );
    }
    // The text around the comments stays.
    let template = book.texts("coaching/one-to-one-template/", "main dd");
    assert_eq!(template[0], "How are you arriving today?");
}

#[test]
fn wikilinks_resolve_by_file_name_alias_heading_span_and_folder() {
    let book = vault();
    let links = prose_links(&book, "coaching/feedback/");
    let expected = [
        ("Listening", "../listening/"),
        ("lower case", "../listening/"),
        ("Active listening", "../listening/"),
        ("Listening › Summarise back", "../listening/#summarise-back"),
        ("nested", "../listening/#summarise-back"),
        ("the silence rule", "../listening/#silence-rule"),
        ("Coaching/Listening", "../listening/"),
        ("Notes", "../notes/"),
        ("Give it soon", "#give-it-soon"),
        ("plain link to the rule", "../listening/#silence-rule"),
        ("listening, in a table", "../listening/"),
        ("count to five", "../listening/#^five-count"),
    ];
    for (text, href) in expected {
        assert_eq!(
            links.get(text).map(String::as_str),
            Some(href),
            "{text}: {links:?}"
        );
    }
    // The nearest of two notes named alike: each folder its own.
    assert_eq!(prose_links(&book, "people/alex/")["Notes"], "../notes/");
    assert_eq!(
        prose_links(&book, "people/alex/")["Feedback › Give it soon"],
        "../../coaching/feedback/#give-it-soon"
    );
    assert_eq!(
        prose_links(&book, "coaching/one-to-one-template/")["the feedback note"],
        "../feedback/"
    );
    // A folder note is its folder's page, and a wikilink to it leads there.
    assert_eq!(
        prose_links(&book, "people/alex/")["Coaching"],
        "../../coaching/"
    );
    assert!(!book.exists("coaching/coaching/"));
    assert_eq!(
        prose_links(&book, "coaching/")["One-to-one template"],
        "one-to-one-template/"
    );
}

#[test]
fn embeds_are_images_or_cards_that_link_to_the_note() {
    let book = vault();
    let page = "coaching/feedback/";
    let cards: Vec<_> = book
        .texts(page, "main a.embed")
        .into_iter()
        .zip(book.attrs(page, "main a.embed", "href"))
        .collect();
    assert_eq!(
        cards,
        [
            ("Listening".to_string(), "../listening/".to_string()),
            (
                "Listening › Summarise back".to_string(),
                "../listening/#summarise-back".to_string()
            ),
        ]
    );
    assert_eq!(
        images(&book, page, "main .prose img"),
        [["../attachments/diagram.png", "diagram", "-"].map(String::from)]
    );
    assert_eq!(
        images(
            &book,
            "coaching/listening/",
            "main .prose img[width=\"300\"]"
        ),
        [["../attachments/circle.png", "circle", "300"].map(String::from)]
    );
}

#[test]
fn attribute_lists_apply_what_a_page_uses_and_drop_the_rest() {
    let book = vault();
    let page = "coaching/listening/";
    assert_eq!(
        images(&book, page, "main .prose img[width=\"60%\"]"),
        [[
            "../attachments/chairs.png",
            "Two chairs facing each other",
            "60%"
        ]
        .map(String::from)]
    );
    assert_eq!(
        book.texts(page, "main span#silence-rule.key"),
        ["the silence rule"]
    );
    assert_eq!(book.attrs(page, "main a.button", "href"), ["../feedback/"]);
    // An Obsidian block id is an anchor, and no text.
    assert_eq!(
        book.attrs(page, "main .prose p span:not(.key)", "id"),
        ["^five-count"]
    );
    assert!(!book.main_of(page).contains("five-count</"));
    let template = "coaching/one-to-one-template/";
    assert_eq!(
        book.texts(template, "main p#template-intro.lead").len(),
        1,
        "{}",
        book.main_of(template)
    );
    assert_eq!(
        book.texts("people/alex/", "main p.lead"),
        ["Goals for the quarter"]
    );
}

#[test]
fn highlights_and_definition_lists_render() {
    let book = vault();
    let template = "coaching/one-to-one-template/";
    assert_eq!(
        book.texts(template, "main mark"),
        ["fortnightly one-to-one"]
    );
    assert_eq!(book.texts(template, "main dl dt"), ["Check-in", "Goal"]);
    assert_eq!(
        book.texts("people/alex/", "main dl dd"),
        ["Giving feedback early: see Feedback › Give it soon."]
    );
    assert_eq!(book.texts("coaching/notes/", "main mark"), ["short"]);
}

#[test]
fn a_wikilink_typo_is_an_error_at_its_line_with_did_you_mean() {
    let book = Handbook::fixture(VAULT);
    book.write(
        "content/People/Typo.md",
        "# Typo\n\nFirst [[Feedback]], then\nsee [[Listenin]] and ![[chiars.png]].\n",
    );
    let run = book.build();
    run.code(1)
        .error_at(
            "content/People/Typo.md:4",
            "link to a page that does not exist: `[[Listenin]]`",
        )
        .error_at("content/People/Typo.md:4", "file `chiars.png` not found")
        .stderr_has("did you mean `[[Listening]]`?")
        .error_count(2);
}

#[test]
fn did_you_mean_never_names_the_linking_file() {
    let book = Handbook::fixture(VAULT);
    book.write(
        "content/People/Reflection.md",
        "# Reflection\n\n[[Reflections]]\n",
    );
    let run = book.build();
    run.code(1).error_at(
        "content/People/Reflection.md:3",
        "link to a page that does not exist: `[[Reflections]]`",
    );
    assert!(!run.stderr.contains("[[Reflection]]`?"), "{}", run.stderr);
}

#[test]
fn a_name_two_folders_share_as_closely_is_a_warning() {
    let book = Handbook::fixture(VAULT);
    book.write("content/Welcome.md", "# Welcome\n\nStart from [[Notes]].\n");
    let run = book.build();
    run.success();
    run.stderr_has("content/Welcome.md:3:12: warning[ambiguous-wikilink]: `[[Notes]]` could mean `Coaching/Notes.md` or `People/Notes.md`")
        .stderr_has("name the folder to choose: `[[People/Notes]]`");
    assert_eq!(
        prose_links(&book, "welcome/")["Notes"],
        "../coaching/notes/"
    );
}

#[test]
fn a_wrong_anchor_or_a_repeated_span_id_is_an_error() {
    let book = Handbook::fixture(VAULT);
    book.write(
        "content/People/Anchors.md",
        "# Anchors\n\n[[Listening#silense-rule]]\n\n[one]{#same} and [two]{#same}\n",
    );
    let run = book.build();
    run.code(1)
        .error_at(
            "content/People/Anchors.md:3",
            "has no heading or question with id `silense-rule`",
        )
        .stderr_has("did you mean `#silence-rule`?")
        .error_at("content/People/Anchors.md:5", "id `same` is already used")
        .error_count(2);
}

#[test]
fn a_comment_never_closed_hides_the_rest_with_a_warning() {
    let book = Handbook::fixture(VAULT);
    book.write(
        "content/People/Open.md",
        "# Open\n\nShown. %% private\n\nSTILL-PRIVATE\n",
    );
    let run = book.build();
    run.success().stderr_has(
        "content/People/Open.md:3:8: warning[unclosed-comment]: comment `%%` is never closed",
    );
    let main = collapse(&book.main_of("people/open/"));
    assert!(main.contains("Shown."), "{main}");
    for (file, bytes) in book.snapshot("public") {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("STILL-PRIVATE"),
            "{}",
            file.display()
        );
    }
}
