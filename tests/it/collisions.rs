//! Every output path has one owner: a page, a bundle asset or a static file
//! that would land where the build writes a generated output, or where
//! another authored file goes, is an error at the authored file's first line
//! naming both, and nothing is written.

use crate::support::Handbook;

/// A handbook with tags and competencies in use, a scenario with role cards,
/// search on and a full base_url (for the sitemap), so every generated
/// output exists.
fn handbook() -> Handbook {
    let book = Handbook::empty();
    book.write(
        "site.toml",
        "title = \"Collisions\"\nbase_url = \"https://handbook.example.com/\"\n[taxonomies]\ntags = \"Tags\"\ncompetencies = \"Competencies\"\n",
    );
    book.write(
        "content/guides/listening.md",
        "---\ntitle: Listening\nsummary: Listen.\ntags: [feedback]\n---\nBody.\n",
    );
    book.write(
        "content/scenarios/handover.md",
        "---\ntitle: The handover\nkind: scenario\nsummary: Delegating.\ncompetencies: [delegation]\nroles:\n  - { id: lead, name: Lead, brief: Brief. }\n  - { id: analyst, name: Analyst, brief: Brief. }\n---\nThe situation.\n",
    );
    book
}

/// Builds `book`, expects exactly the given errors (at `path:1`, with a
/// message holding every part), and no output.
#[track_caller]
fn fails_with(book: &Handbook, errors: &[(&str, &[&str])]) {
    let run = book.build();
    run.code(1).error_count(errors.len());
    for (path, parts) in errors {
        for part in *parts {
            run.error_at(&format!("{path}:1"), part);
        }
    }
    assert!(!book.path("public").exists(), "nothing is written");
}

#[test]
fn the_handbook_without_collisions_builds() {
    let book = handbook();
    book.build().success();
    for page in [
        "tags/",
        "tags/feedback/",
        "competencies/",
        "print/",
        "scenarios/handover/roles/lead/",
        "404.html",
        "sitemap.xml",
        "exports/questions.gift",
        "search/index.js",
    ] {
        assert!(book.exists(page), "{page}");
    }
}

#[test]
fn pages_on_generated_urls_are_errors_naming_both() {
    let book = handbook();
    book.write(
        "content/tags.md",
        "---\ntitle: My tags\nsummary: Mine.\n---\n",
    );
    book.write(
        "content/competencies.md",
        "---\ntitle: Skills\nsummary: Mine.\n---\n",
    );
    book.write(
        "content/print.md",
        "---\ntitle: Print\nsummary: Mine.\n---\n",
    );
    fails_with(
        &book,
        &[
            (
                "content/tags.md",
                &[
                    "`tags/index.html` would be written twice",
                    "the index of Tags",
                    "content/tags.md",
                ],
            ),
            (
                "content/competencies.md",
                &["`competencies/index.html`", "the index of Competencies"],
            ),
            (
                "content/print.md",
                &["`print/index.html`", "the print page"],
            ),
        ],
    );
}

#[test]
fn a_page_on_a_term_url_is_an_error_and_so_is_its_folder() {
    let book = handbook();
    book.write(
        "content/tags/feedback.md",
        "---\ntitle: Feedback\nsummary: Mine.\n---\n",
    );
    let run = book.build();
    run.code(1)
        .error_at(
            "content/tags/feedback.md:1",
            "`tags/feedback/index.html` would be written twice: by the tags page of “feedback” and by content/tags/feedback.md",
        )
        .error_at(
            "content/tags/feedback.md:1",
            "`tags/index.html` would be written twice: by the index of Tags and by the section page `tags/`",
        )
        .error_count(2);
    assert!(!book.path("public").exists());
}

#[test]
fn a_bundle_asset_named_index_html_is_an_error_naming_its_page() {
    let book = handbook();
    book.write(
        "content/guides/diagram/index.md",
        "---\ntitle: Diagram\nsummary: A bundle.\n---\n",
    );
    book.write("content/guides/diagram/index.html", "<p>mine</p>");
    fails_with(
        &book,
        &[(
            "content/guides/diagram/index.html",
            &[
                "`guides/diagram/index.html` would be written twice: by content/guides/diagram/index.md and by content/guides/diagram/index.html",
            ],
        )],
    );
}

#[test]
fn static_files_on_generated_paths_pages_or_assets_are_errors() {
    let book = handbook();
    book.write("static/404.html", "mine");
    book.write("static/sitemap.xml", "<urlset/>");
    book.write("static/scenarios/handover/roles/lead/index.html", "mine");
    book.write("static/exports/extra.csv", "a,b\n");
    book.write("static/search/p9.js", "mine");
    book.write("static/guides/listening/index.html", "mine");
    book.write("content/guides/chart.svg", "<svg/>");
    book.write("static/guides/chart.svg", "<svg/>");
    fails_with(
        &book,
        &[
            (
                "static/404.html",
                &["`404.html`", "the 404 page", "static/404.html"],
            ),
            ("static/sitemap.xml", &["`sitemap.xml`", "the sitemap"]),
            (
                "static/scenarios/handover/roles/lead/index.html",
                &["a role card of content/scenarios/handover.md"],
            ),
            ("static/exports/extra.csv", &["the exports (`exports/`)"]),
            ("static/search/p9.js", &["the search index (`search/`)"]),
            (
                "static/guides/listening/index.html",
                &["by content/guides/listening.md and by static/guides/listening/index.html"],
            ),
            (
                "static/guides/chart.svg",
                &["by content/guides/chart.svg and by static/guides/chart.svg"],
            ),
        ],
    );
}

#[test]
fn check_reports_collisions_too() {
    let book = handbook();
    book.write(
        "content/print.md",
        "---\ntitle: Print\nsummary: Mine.\n---\n",
    );
    book.check()
        .code(1)
        .error_at("content/print.md:1", "the print page")
        .error_count(1);
}

#[test]
fn a_taxonomy_named_like_a_generated_folder_is_an_error_in_site_toml() {
    let book = handbook();
    book.write(
        "site.toml",
        "title = \"Collisions\"\n[taxonomies]\nprint = \"Printed\"\nsearch = \"Searched\"\n",
    );
    book.write(
        "content/guides/listening.md",
        "---\ntitle: Listening\nsummary: Listen.\nprint: [yes]\nsearch: [yes]\n---\nBody.\n",
    );
    let run = book.build();
    run.code(1)
        .error_in(
            "site.toml",
            "`print/index.html` would be written twice: by the print page and by the index of Printed",
        )
        .error_in(
            "site.toml",
            "`search/index.html` would be written twice: by the search index (`search/`) and by the index of Searched",
        )
        .error_count(2);
}

#[test]
fn without_a_sitemap_a_static_sitemap_is_the_sites_own() {
    let book = Handbook::empty();
    book.write("site.toml", "title = \"Own sitemap\"\nbase_url = \"/\"\n");
    book.write("content/a.md", "---\ntitle: A\nsummary: s\n---\nText.\n");
    book.write("static/sitemap.xml", "<urlset>mine</urlset>");
    book.build().success();
    assert_eq!(book.read("sitemap.xml"), "<urlset>mine</urlset>");
}
