//! Links: `.md` links rewritten to relative page URLs, anchors checked, broken
//! links reported at their line, `--portable` links, and front-matter strings
//! escaped wherever they appear.

use std::collections::BTreeMap;

use crate::support::{Handbook, Run};

const START: &str = "guides/start/";

/// Link text → href of every link in the page's prose.
fn prose_links(book: &Handbook, page: &str) -> BTreeMap<String, String> {
    book.texts(page, "main .prose a")
        .into_iter()
        .zip(book.attrs(page, "main .prose a", "href"))
        .collect()
}

#[test]
fn relative_md_link_becomes_a_relative_link_to_the_page_url() {
    let book = Handbook::fixture("links/ok").built();
    let links = prose_links(&book, START);
    assert_eq!(links["Partnering"], "../partnering/");
    assert_eq!(links["GROW bank"], "../../questions/grow/");
}

#[test]
fn rooted_link_is_resolved_from_content() {
    let book = Handbook::fixture("links/ok").built();
    assert_eq!(prose_links(&book, START)["Rooted"], "../../questions/grow/");
}

#[test]
fn link_anchors_are_kept_after_the_page_url() {
    let book = Handbook::fixture("links/ok").built();
    let links = prose_links(&book, START);
    assert_eq!(links["Why it matters"], "../partnering/#why-it-matters");
    assert_eq!(links["Goal question"], "../../questions/grow/#goal-outcome");
    assert_eq!(links["Local"], "#local-heading");
    assert_eq!(links["Example"], "https://example.org/page");
}

#[test]
fn image_beside_a_page_is_copied_and_linked_relatively() {
    let book = Handbook::fixture("links/ok").built();
    assert_eq!(
        book.attrs(START, "main .prose img", "src"),
        ["../diagram.png"]
    );
    assert_eq!(
        std::fs::read(book.output_path("guides/diagram.png")).unwrap(),
        std::fs::read(book.path("content/guides/diagram.png")).unwrap()
    );
}

/// Every `href` and `src` of every HTML page of the output, with the file it is in.
fn every_link(book: &Handbook) -> Vec<(String, String)> {
    let mut links = Vec::new();
    for file in book.output_files() {
        if !file.ends_with(".html") {
            continue;
        }
        for attribute in ["href", "src"] {
            for value in book.attrs(&file, &format!("[{attribute}]"), attribute) {
                links.push((file.clone(), value));
            }
        }
    }
    links
}

fn is_external(href: &str) -> bool {
    href.starts_with("https://") || href.starts_with("http://")
}

#[test]
fn output_links_never_start_with_a_slash() {
    let book = Handbook::fixture("links/ok").built();
    let links = every_link(&book);
    assert!(
        links.len() > 20,
        "too few links to mean anything: {links:?}"
    );
    let rooted: Vec<_> = links
        .iter()
        // The 404 page is served at any depth, so its links start from `base_url` by design.
        .filter(|(file, href)| file != "404.html" && href.starts_with('/'))
        .collect();
    assert!(rooted.is_empty(), "links from the root: {rooted:?}");
}

#[test]
fn portable_build_makes_every_page_link_end_in_index_html() {
    let book = Handbook::fixture("links/ok");
    book.build_with(&["--portable"]).success();
    let mut page_links = 0;
    for (file, href) in every_link(&book) {
        let path = href.split('#').next().unwrap();
        let is_file_link = path.is_empty()
            || is_external(&href)
            || path.ends_with(".css")
            || path.ends_with(".js")
            || path.ends_with(".png");
        // The 404 page too: a portable build is opened from disk, never served.
        if is_file_link {
            continue;
        }
        page_links += 1;
        assert!(
            path.ends_with("index.html"),
            "{file}: page link {href} does not end in index.html"
        );
    }
    assert!(page_links > 20, "only {page_links} page links checked");
    let links = prose_links(&book, START);
    assert_eq!(links["Partnering"], "../partnering/index.html");
    assert_eq!(
        links["Why it matters"],
        "../partnering/index.html#why-it-matters"
    );
}

fn broken() -> Run {
    let book = Handbook::fixture("links/broken");
    let run = book.build();
    run.code(1);
    assert!(!book.path("public").exists());
    run
}

#[test]
fn link_to_a_missing_page_is_an_error_at_its_line() {
    broken().error_at(
        "content/broken.md:5",
        "link to a page that does not exist: `gone.md`",
    );
}

#[test]
fn link_to_a_missing_heading_anchor_is_an_error_at_its_line() {
    broken().error_at(
        "content/broken.md:7",
        "`target.md` has no heading or question with id `no-such-heading`",
    );
}

#[test]
fn link_to_a_missing_question_id_is_an_error_at_its_line() {
    broken().error_at(
        "content/broken.md:9",
        "`bank.md` has no heading or question with id `no-such-question`",
    );
}

#[test]
fn missing_image_is_an_error_at_its_line() {
    broken().error_at("content/broken.md:11", "file `missing.png` not found");
}

#[test]
fn missing_anchor_on_the_same_page_is_an_error_at_its_line() {
    broken()
        .error_at(
            "content/broken.md:13",
            "this page has no heading or question with id `nowhere`",
        )
        .error_count(5);
}

#[test]
fn front_matter_strings_are_escaped_in_every_output_file() {
    let book = Handbook::fixture("links/escaping").built();
    // Markup must escape (GIFT too: Moodle renders it as HTML); the JSON and CSV
    // exports are data for other tools and carry text as it was written.
    let files: Vec<String> = book
        .output_files()
        .into_iter()
        .filter(|file| !(file.ends_with(".json") || file.ends_with(".csv")))
        .collect();
    assert!(files.len() > 8, "{files:?}");
    let mut escaped_somewhere = 0;
    for file in &files {
        let Ok(text) = std::fs::read_to_string(book.output_path(file)) else {
            continue;
        };
        assert!(
            !text.contains("<script>alert(1)</script>"),
            "{file} holds the raw script"
        );
        if text.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || text.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        {
            escaped_somewhere += 1;
        }
    }
    // The strings are shown (escaped), not dropped.
    assert!(escaped_somewhere >= 5, "only {escaped_somewhere} files");
    let page = "guides/xss/";
    assert_eq!(
        book.texts(page, "main h1"),
        ["<script>alert(1)</script> in a title"]
    );
    assert_eq!(
        book.texts(page, "main .takeaways li"),
        ["<script>alert(1)</script> takeaway"]
    );
    assert_eq!(
        book.texts("scenarios/roles/", "main .checklist li"),
        ["<script>alert(1)</script> checked"]
    );
    assert_eq!(
        book.texts("scenarios/roles/roles/first/", "main h1"),
        ["<script>alert(1)</script> first"]
    );
}

/// The `links/forms` fixture: `guides/start.md` links to other pages in every
/// form authors from GitHub, Hugo and Jekyll write, and to things that are
/// not files at all.
fn forms() -> BTreeMap<String, String> {
    let book = Handbook::fixture("links/forms").built();
    prose_links(&book, START)
}

#[test]
fn page_url_links_with_or_without_slash_are_rewritten() {
    let links = forms();
    assert_eq!(links["No slash"], "../giving-feedback/");
    assert_eq!(links["Slash"], "../giving-feedback/");
    assert_eq!(links["Up"], "../../questions/grow/");
    assert_eq!(links["Section"], "../");
    assert_eq!(links["Home"], "../../");
}

#[test]
fn index_html_and_page_html_links_lead_to_the_page() {
    let links = forms();
    assert_eq!(links["Index html"], "../listening/");
    assert_eq!(links["Page html"], "../old-style/");
    assert_eq!(links["Md slash"], "../old-style/");
}

#[test]
fn rooted_page_url_link_keeps_its_anchor() {
    assert_eq!(forms()["Rooted"], "../listening/#silence");
}

#[test]
fn relative_url_written_from_the_pages_own_url_is_accepted() {
    // Hugo and Jekyll sites link from the page's URL (`guides/start/`).
    assert_eq!(forms()["From the page"], "../old-style/");
}

#[test]
fn a_relative_link_that_names_a_page_from_the_top_leads_there() {
    // Docsify reads relative links from the top of the docs.
    let links = forms();
    assert_eq!(links["From the top"], "../old-style/");
    assert_eq!(links["From the top md"], "../../questions/grow/");
}

#[test]
fn an_id_in_raw_html_is_an_anchor_links_may_target() {
    assert_eq!(forms()["Old anchor"], "../old-style/#kept-name");
}

#[test]
fn github_and_percent_encoded_anchors_become_the_heading_ids() {
    let links = forms();
    assert_eq!(links["GitHub anchor"], "../giving-feedback/#goal-reality");
    assert_eq!(links["GitHub underscore"], "../giving-feedback/#next-steps");
    assert_eq!(
        links["GitHub punctuation"],
        "../giving-feedback/#localization-translation"
    );
    assert_eq!(links["Encoded anchor"], "../giving-feedback/#écoute-active");
}

#[test]
fn links_with_a_scheme_and_email_autolinks_are_left_alone() {
    let links = forms();
    assert_eq!(links["Mail"], "mailto:coach@example.com");
    assert_eq!(links["Phone"], "tel:+441234567");
    assert_eq!(links["Web"], "https://example.org/x");
    assert_eq!(links["App"], "zoommtg://zoom.us/join");
    assert_eq!(links["coach@example.com"], "mailto:coach@example.com");
}

#[test]
fn link_to_a_static_file_is_fine() {
    let book = Handbook::fixture("links/forms").built();
    assert_eq!(
        prose_links(&book, START)["Static"],
        "../../downloads/form.pdf"
    );
    assert!(book.exists("downloads/form.pdf"));
}

#[test]
fn raw_html_links_are_rewritten_and_a_missing_file_keeps_its_path() {
    let book = Handbook::fixture("links/forms");
    let run = book.build();
    run.success().stderr_has(
        "content/guides/start.md:28:62: warning[broken-link]: file `served-elsewhere.pdf` not found",
    );
    let links = prose_links(&book, START);
    assert_eq!(links["Raw"], "../giving-feedback/");
    assert_eq!(links["Raw page"], "../../questions/grow/#top");
    // Read from the file's folder, as the author meant it, now from the page's URL.
    assert_eq!(links["Raw missing"], "../served-elsewhere.pdf");
}

fn url_broken() -> Run {
    let book = Handbook::fixture("links/url-broken");
    let run = book.build();
    run.code(1);
    run
}

#[test]
fn typo_in_a_page_url_link_is_an_error_with_did_you_mean() {
    url_broken()
        .error_at(
            "content/guides/start.md:5",
            "link to a page that does not exist: `giving-feedbak/`",
        )
        .stderr_has("did you mean `giving-feedback/`?");
}

#[test]
fn did_you_mean_prefers_a_page_of_the_same_name_in_another_folder() {
    url_broken()
        .error_at(
            "content/guides/start.md:7",
            "link to a page that does not exist: `grow/`",
        )
        .stderr_has("did you mean `../questions/grow/`?")
        .error_at(
            "content/guides/start.md:7",
            "link to a page that does not exist: `grow.md`",
        )
        .stderr_has("did you mean `../questions/grow.md`?");
}

#[test]
fn anchor_typo_on_a_page_url_link_is_an_error() {
    url_broken()
        .error_at(
            "content/guides/start.md:9",
            "`giving-feedback` has no heading or question with id `goal--realty`",
        )
        .stderr_has("did you mean `#goal-reality`?");
}

#[test]
fn links_to_a_page_that_failed_to_parse_are_not_reported() {
    // One mistake, one error: bad.md's own, plus the four real broken links.
    let run = url_broken();
    run.error_in("content/guides/bad.md", "YAML").error_count(5);
    assert!(!run.stderr.contains("`bad"), "{}", run.stderr);
}

#[test]
fn raw_html_link_to_a_missing_file_is_a_warning_at_its_line() {
    let run = url_broken();
    run.stderr_has(
        "content/guides/start.md:13:10: warning[broken-link]: file `missing.pdf` not found",
    )
    .stderr_has("content/guides/start.md:15:11: warning[broken-link]: file `gone.png` not found");
    assert!(!run.stderr.contains("giving-feedback/` not found"));
}

#[test]
fn did_you_mean_never_names_the_linking_file() {
    let book = Handbook::minimal();
    book.write(
        "content/instructors/checkout.md",
        "---\ntitle: Checkout for instructors\nsummary: s\n---\nSee [the checkout](../checkout.md)\nor [its page](/checkout/).\n",
    );
    book.write(
        "content/learners/checkout.md",
        "---\ntitle: Checkout\nsummary: s\n---\nText.\n",
    );
    let run = book.build();
    run.code(1)
        .error_at(
            "content/instructors/checkout.md:5",
            "link to a page that does not exist: `../checkout.md`",
        )
        .stderr_has("did you mean `../learners/checkout.md`?")
        .error_at(
            "content/instructors/checkout.md:6",
            "link to a page that does not exist: `/checkout/`",
        )
        .stderr_has("did you mean `/learners/checkout/`?")
        .error_count(2);
}
