//! The theme: templates and static files, from the default theme embedded in
//! the binary, a theme folder on disk, and the site's `templates/` overrides,
//! file by file in that order of precedence. Templates are parsed once.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_embed::RustEmbed;
use tera::Tera;

use crate::diagnostics::{Code, Diagnostic, LineIndex, Severity};
use crate::document::Kind;
use crate::site::{Page, PageKind};

/// The default theme, built into the binary so an installed coachbook needs no files.
#[derive(RustEmbed)]
#[folder = "themes/default/"]
struct DefaultTheme;

/// Where a template or static file came from, for messages.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub shown: PathBuf,
    pub text: String,
}

/// Embedded theme files under `prefix` (`templates/`, `static/`): relative name → bytes.
pub fn embedded_files(prefix: &str) -> Vec<(String, Cow<'static, [u8]>)> {
    DefaultTheme::iter()
        .filter_map(|name| {
            let rel = name.strip_prefix(prefix)?.to_string();
            DefaultTheme::get(&name).map(|file| (rel, file.data))
        })
        .collect()
}

/// Parsed templates, ready to render.
pub struct Templates {
    pub tera: Tera,
    /// Template name → where it came from, to place template errors.
    sources: BTreeMap<String, ThemeFile>,
    /// Whether a template draws the sidebar from its entries (`nav.sidebar`)
    /// rather than writing its HTML: only then are they made template values,
    /// which at 10,000 pages take more memory than the handbook's text.
    pub reads_sidebar_entries: bool,
}

impl Templates {
    /// Loads templates: embedded ones first, replaced by `theme` files, replaced by `site` files.
    pub fn load(
        theme_dir: &Path,
        theme: &[(String, String)],
        templates_dir: &Path,
        site: &[(String, String)],
    ) -> Result<Templates, Vec<Diagnostic>> {
        let mut sources: BTreeMap<String, ThemeFile> = BTreeMap::new();
        for (name, bytes) in embedded_files("templates/") {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let shown = PathBuf::from(format!("(built-in theme)/templates/{name}"));
            sources.insert(name, ThemeFile { shown, text });
        }
        for (dir, files) in [
            (theme_dir.join("templates"), theme),
            (templates_dir.to_path_buf(), site),
        ] {
            for (name, text) in files {
                let shown = dir.join(name);
                sources.insert(
                    name.clone(),
                    ThemeFile {
                        shown,
                        text: text.clone(),
                    },
                );
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let all = sources
            .iter()
            .map(|(name, file)| (name.clone(), file.text.clone()));
        let reads_sidebar_entries = sources
            .values()
            .any(|file| reads_sidebar_entries(&file.text));
        match tera.add_raw_templates(all) {
            Ok(()) => Ok(Templates {
                tera,
                sources,
                reads_sidebar_entries,
            }),
            Err(error) => Err(vec![template_diagnostic(&sources, &error)]),
        }
    }

    /// Turns a rendering error into a diagnostic at the template's line.
    pub fn diagnostic(&self, error: &tera::Error) -> Diagnostic {
        template_diagnostic(&self.sources, error)
    }
}

/// Whether template `text` reads the sidebar's entries: `.sidebar` or
/// `["sidebar"]` (on `nav` or on a name given to it), not `nav.sidebar_html`
/// nor an HTML `id="sidebar"`.
fn reads_sidebar_entries(text: &str) -> bool {
    const NAME: &str = "sidebar";
    text.match_indices(NAME).any(|(at, _)| {
        let after = text[at + NAME.len()..].chars().next();
        if after.is_some_and(|c| c == '_' || c == '-' || c.is_alphanumeric()) {
            return false;
        }
        let before = &text[..at];
        match before.strip_suffix(['"', '\'']) {
            Some(quoted) => quoted.trim_end().ends_with('['),
            None => before.ends_with('.'),
        }
    })
}

fn template_diagnostic(sources: &BTreeMap<String, ThemeFile>, error: &tera::Error) -> Diagnostic {
    use std::error::Error as _;
    let report = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Some(report)
        }
        _ => None,
    };
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message = format!("{message}: {cause}");
        source = cause.source();
    }
    match report.and_then(|r| sources.get(r.filename()).map(|file| (r, file))) {
        Some((report, file)) => {
            let index = LineIndex::new(&file.text);
            let span = report.span();
            let offset = index.line_start(span.start_line) + span.start_col;
            Diagnostic::at(
                Code::Template,
                Severity::Error,
                &file.shown,
                &file.text,
                offset.min(file.text.len()),
                format!("template error: {}", report.message()),
            )
            .with_span_len(span.range.len())
        }
        None => Diagnostic::file(
            Code::Template,
            Severity::Error,
            Path::new("templates"),
            format!("template error: {message}"),
        ),
    }
}

/// The template that renders a view: one per kind of output page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    Home,
    Section,
    Guide,
    Questions,
    Scenario,
    /// A session plan's page: the run-sheet, or the handout in an edition
    /// without facilitator material.
    Session,
    /// A session's facilitator pack, to print.
    SessionPack,
    /// A session's handout for participants.
    SessionHandout,
    RoleCard,
    /// Every card of a scenario, to print.
    Cards,
    Taxonomy,
    Term,
    Print,
    NotFound,
    /// A page on the room's screen, or its presenter window.
    Present,
    /// A page gathered across the handbook.
    Gathered,
    /// One page of the print page.
    PrintEntry,
    /// One card or checklist sheet of a session's pack.
    CardSheet,
    Sitemap,
}

impl Template {
    /// The template a page of the site is rendered with.
    pub fn of_page(page: &Page) -> Template {
        match (page.kind, page.content_kind()) {
            (PageKind::Home, _) => Template::Home,
            (PageKind::Section, _) => Template::Section,
            (_, Some(Kind::Questions)) => Template::Questions,
            (_, Some(Kind::Scenario)) => Template::Scenario,
            (_, Some(Kind::Session)) => Template::Session,
            (_, Some(Kind::Guide) | None) => Template::Guide,
        }
    }

    /// The template's file name under `templates/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Template::Home => "home.html",
            Template::Section => "section.html",
            Template::Guide => "guide.html",
            Template::Questions => "questions.html",
            Template::Scenario => "scenario.html",
            Template::Session => "session.html",
            Template::SessionPack => "session_pack.html",
            Template::SessionHandout => "session_handout.html",
            Template::RoleCard => "role_card.html",
            Template::Cards => "cards.html",
            Template::Taxonomy => "taxonomy.html",
            Template::Term => "term.html",
            Template::Print => "print.html",
            Template::NotFound => "404.html",
            Template::Present => "present.html",
            Template::Gathered => "gathered.html",
            Template::PrintEntry => "partials/print_entry.html",
            Template::CardSheet => "partials/card_sheet.html",
            Template::Sitemap => "sitemap.xml",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_reads_the_sidebar_entries_only_where_it_names_them() {
        for reads in [
            "{% for item in nav.sidebar %}",
            "{{ nav.sidebar | length }}",
            "{% set n = nav %}{% for item in n.sidebar %}",
            "{% for item in nav[\"sidebar\"] %}",
            "{% for item in nav[ 'sidebar' ] %}",
        ] {
            assert!(reads_sidebar_entries(reads), "{reads}");
        }
        for writes in [
            "{{ nav.sidebar_html | safe }}",
            "<nav id=\"sidebar\" class=\"sidebar\" aria-controls=\"sidebar\">",
            ".sidebar-toggle { }",
            "{{ nav.sidebars }}",
        ] {
            assert!(!reads_sidebar_entries(writes), "{writes}");
        }
    }

    #[test]
    fn the_built_in_theme_writes_the_sidebar_html_without_its_entries() {
        let templates = Templates::load(Path::new("theme"), &[], Path::new("templates"), &[])
            .expect("the built-in templates load");
        assert!(!templates.reads_sidebar_entries);
        let own = [(
            "partials/own_nav.html".to_string(),
            "{% for item in nav.sidebar %}{{ item.title }}{% endfor %}".to_string(),
        )];
        let templates = Templates::load(Path::new("theme"), &[], Path::new("templates"), &own)
            .expect("the templates load");
        assert!(templates.reads_sidebar_entries);
    }

    #[test]
    fn every_embedded_template_parses() {
        let names: Vec<String> = embedded_files("templates/")
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        for expected in [
            "base.html",
            "guide.html",
            "questions.html",
            "scenario.html",
            "role_card.html",
            "404.html",
            "sitemap.xml",
        ] {
            assert!(
                names.iter().any(|n| n == expected),
                "missing {expected} in {names:?}"
            );
        }
        let templates = Templates::load(Path::new("none"), &[], Path::new("none"), &[]);
        assert!(templates.is_ok(), "{:?}", templates.err());
    }

    #[test]
    fn a_broken_override_is_reported_at_its_line() {
        let broken = vec![("guide.html".to_string(), "<p>\n{% if %}\n".to_string())];
        let Err(diagnostics) =
            Templates::load(Path::new("none"), &[], Path::new("templates"), &broken)
        else {
            panic!("a broken template must not load");
        };
        assert_eq!(diagnostics[0].path, Path::new("templates/guide.html"));
        assert_eq!(diagnostics[0].line, 2);
    }
}
