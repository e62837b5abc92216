//! Template overrides: a site's `templates/` replaces theme templates file by
//! file, and a broken template is an error at its own file and line.

use crate::support::Handbook;

#[test]
fn site_template_replaces_the_built_in_one() {
    let book = Handbook::fixture("templates/override").built();
    let page = "guides/custom/";
    assert_eq!(
        book.texts(page, "main article.site-override h1"),
        ["A guide in a custom layout"]
    );
    assert_eq!(
        book.texts(page, "main .made-by"),
        ["Rendered by the site's guide template."]
    );
    assert!(book.main_of(page).contains("Body of the guide."));
    // The built-in guide layout is gone from that page (no kind badge)...
    assert!(book.select(page, "main .badge-kind").is_empty());
    // ...but templates the site does not override are still the built-in ones.
    assert_eq!(
        book.attrs("questions/bank/", "main li.question", "id"),
        ["only"]
    );
}

#[test]
fn broken_template_is_an_error_at_its_file_and_line() {
    let book = Handbook::fixture("templates/broken");
    let run = book.build();
    run.code(1)
        .error_at("templates/guide.html:4", "template error")
        .error_count(1);
    assert!(!book.path("public").exists());
}

#[test]
fn check_reports_a_broken_template_too() {
    let book = Handbook::fixture("templates/broken");
    book.check()
        .code(1)
        .error_at("templates/guide.html:4", "template error");
}

/// `check` renders one output of each template rather than every output, so
/// a mistake that only shows when a template runs (here, in the room's
/// screen, which no page links to by name) is still found, at its line.
#[test]
fn check_finds_a_mistake_that_shows_only_when_a_template_runs() {
    let book = Handbook::minimal();
    book.write(
        "content/listening.md",
        "---\ntitle: Listening\nkind: guide\n---\nListen.\n\n## Why\n\nBecause.\n",
    );
    book.write(
        "templates/present.html",
        "<!DOCTYPE html>\n<title>{{ page.title }}</title>\n{{ page.present.no_such_field.deeper }}\n",
    );
    book.check()
        .code(1)
        .error_at("templates/present.html:3", "template error");
    book.build()
        .code(1)
        .error_at("templates/present.html:3", "template error");
    assert!(!book.path("public").exists());
}

/// A theme that draws the sidebar itself reads its entries from
/// `nav.sidebar`; the built-in theme writes `nav.sidebar_html` and the
/// build makes no entries for it.
#[test]
fn a_template_that_draws_its_own_sidebar_gets_its_entries() {
    let book = Handbook::minimal();
    book.write("content/skills/_index.md", "---\ntitle: Skills\n---\n");
    book.write(
        "content/skills/listening.md",
        "---\ntitle: Listening\nkind: guide\nsummary: Hear them out.\n---\nListen.\n",
    );
    book.write(
        "content/skills/asking.md",
        "---\ntitle: Asking\nkind: guide\nsummary: Ask well.\n---\nAsk.\n",
    );
    book.write(
        "templates/guide.html",
        "<!DOCTYPE html>\n<title>{{ page.title }}</title>\n<ul class=\"own-nav\">\
         {% for item in nav.sidebar %}<li>{{ item.title }}<ul>\
         {% for child in item.children %}<li{% if child.url == nav.current %} class=\"here\"{% endif %}>\
         <a href=\"{{ child.href }}\">{{ child.title }}</a></li>{% endfor %}</ul></li>{% endfor %}</ul>\n",
    );
    let book = book.built();
    assert_eq!(
        book.texts("skills/listening/", "ul.own-nav > li > ul > li"),
        ["Asking", "Listening"]
    );
    assert_eq!(
        book.texts("skills/listening/", "ul.own-nav li.here"),
        ["Listening"]
    );
    assert_eq!(
        book.attrs("skills/listening/", "ul.own-nav a", "href"),
        ["../asking/", "../listening/"]
    );
}
