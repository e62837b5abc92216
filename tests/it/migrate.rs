//! Migrating a tree one step at a time: `broken_links = "warn"` and
//! `--broken-links`, `exclude` patterns, and Jekyll and Hugo sites, whose
//! `page.html` links and `ref`/`relref` shortcodes are checked links.

use crate::support::Handbook;

fn with_broken_link() -> Handbook {
    let book = Handbook::minimal();
    book.write(
        "content/a.md",
        "---\ntitle: A\nsummary: s\n---\nSee [gone](gone.md) and [b](b.md#nowhere).\n",
    );
    book.write("content/b.md", "---\ntitle: B\nsummary: s\n---\n## Here\n");
    book
}

#[test]
fn broken_links_are_errors_by_default() {
    with_broken_link()
        .build()
        .code(1)
        .error_at("content/a.md:5", "gone.md")
        .error_at("content/a.md:5", "nowhere");
}

#[test]
fn broken_links_warn_in_site_toml_makes_them_warnings() {
    let book = with_broken_link();
    book.write("site.toml", "title = \"T\"\nbroken_links = \"warn\"\n");
    let run = book.build();
    run.success();
    assert!(run.stderr.contains("content/a.md:5:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[broken-link]:"),
        "{}",
        run.stderr
    );
    assert!(book.exists("a/"));
    // --strict still fails on them.
    book.build_with(&["--strict"]).code(1);
}

#[test]
fn the_broken_links_flag_overrides_site_toml_both_ways() {
    let book = with_broken_link();
    book.build_with(&["--broken-links", "warn"]).success();
    let root = book.root().to_str().unwrap().to_string();
    book.run(&["check", "--root", &root, "--broken-links", "warn"])
        .success();
    book.write("site.toml", "title = \"T\"\nbroken_links = \"warn\"\n");
    book.build_with(&["--broken-links", "error"])
        .code(1)
        .error_at("content/a.md:5", "gone.md");
}

#[test]
fn a_bad_broken_links_value_is_a_config_error() {
    let book = with_broken_link();
    book.write("site.toml", "title = \"T\"\nbroken_links = \"ignore\"\n");
    let run = book.build();
    run.code(2);
    assert!(run.stderr.contains("site.toml:2"), "{}", run.stderr);
    book.build_with(&["--broken-links", "maybe"]).code(2);
}

#[test]
fn exclude_patterns_leave_files_out() {
    let book = Handbook::minimal();
    book.write(
        "site.toml",
        "title = \"T\"\nexclude = [\"drafts/**\", \"templates/\", \"*.wip.md\", \"!keep.wip.md\"]\n",
    );
    for rel in [
        "content/a.md",
        "content/drafts/b.md",
        "content/drafts/deep/c.md",
        "content/templates/one-to-one.md",
        "content/notes/d.wip.md",
        "content/keep.wip.md",
    ] {
        book.write(
            rel,
            "---\ntitle: X\nsummary: s\n---\nText with a [broken](missing.md) link.\n",
        );
    }
    // Only the kept pages are checked: two broken links, not six.
    let run = book.build();
    run.code(1).error_count(2);
    book.write("content/a.md", "---\ntitle: A\nsummary: s\n---\nText.\n");
    book.write(
        "content/keep.wip.md",
        "---\ntitle: K\nsummary: s\n---\nText.\n",
    );
    book.build().success();
    assert!(book.exists("a/"));
    assert!(book.exists("keep-wip/"));
    for gone in [
        "drafts/b/",
        "drafts/deep/c/",
        "templates/one-to-one/",
        "notes/d-wip/",
        "drafts/",
    ] {
        assert!(!book.exists(gone), "{gone}");
    }
}

#[test]
fn a_bad_exclude_pattern_is_a_config_error_at_its_line() {
    let book = Handbook::minimal();
    book.write("site.toml", "title = \"T\"\nexclude = [\"a[z-a].md\"]\n");
    let run = book.build();
    run.code(2);
    assert!(run.stderr.contains("site.toml:2"), "{}", run.stderr);
    assert!(run.stderr.contains("`a[z-a].md`"), "{}", run.stderr);
}

#[test]
fn a_hugo_site_builds_with_refs_as_checked_links() {
    let book = Handbook::fixture("hugo/site");
    book.build().success().error_count(0);
    let links = book.attrs(
        "posts/feedback/",
        "main .prose a:not(.heading-anchor)",
        "href",
    );
    assert_eq!(
        links,
        [
            "../../guides/listening/",
            "../../guides/listening/#open-questions",
            "../../guides/listening/",
            "../../guides/listening/",
        ]
    );
    let html = book.main_of("posts/feedback/");
    assert!(!html.contains("{{&lt;") && !html.contains("{{%"), "{html}");
}

#[test]
fn a_hugo_ref_to_a_missing_page_or_anchor_is_an_error_at_its_line() {
    let book = Handbook::fixture("hugo/site");
    book.write(
        "content/posts/broken.md",
        "---\ntitle: Broken\nsummary: s\n---\nSee [it]({{< ref \"nowhere.md\" >}}).\n\n{{< relref \"../guides/listening.md#no-such\" >}}\n",
    );
    book.build()
        .code(1)
        .error_at("content/posts/broken.md:5", "nowhere.md")
        .error_at("content/posts/broken.md:7", "no-such");
}
