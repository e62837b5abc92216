//! The boxes of a page: what a fenced div (`::: challenge`), an admonition
//! (`!!! note`) or a callout in a quote (`> [!tip]`) becomes, and its HTML.
//!
//! Every dialect names its boxes with a word. [`BoxKind::from_word`] maps
//! the words of Pandoc, Quarto, the Carpentries Workbench, Docusaurus,
//! MkDocs, Obsidian and GitHub to a style of the theme (`callout-tip`,
//! `callout-note`, …) and a title; a word it does not know is a generic box
//! titled by the word. A box is a `<div>` (an `<aside>` for facilitator
//! material) whose title is a `<p class="callout-title">`, or a `<details>`
//! whose title is its `<summary>`, so no box adds a heading to the page.

use super::links::push_attribute_escaped;

/// Whether a box folds, and how it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Always shown.
    No,
    /// A `<details>` that starts closed.
    Closed,
    /// A `<details>` that starts open.
    Open,
}

/// What a box is: its theme style, its default title and how it folds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoxKind {
    /// The theme's style (`tip`, `note`, `warning`, `exercise`, `facilitator`,
    /// `solution`, `other`): the box has the class `callout-<style>`.
    pub style: &'static str,
    /// The word as written, lower case and safe in a class name, when it
    /// differs from the style: the box has the class `callout-<word>` too.
    pub word: Option<String>,
    /// The title when the author gives none.
    pub title: String,
    pub fold: Fold,
    /// Whether the word is one coachbook knows (an unknown class of a fenced
    /// div is a warning).
    pub known: bool,
    /// Whether the div's first heading becomes the box's title (titled
    /// boxes); coachbook's own five kinds keep their headings.
    pub heading_title: bool,
}

/// coachbook's own kinds and the words that are the same thing.
const OWN: &[(&str, &str)] = &[
    ("tip", "tip"),
    ("note", "note"),
    ("warning", "warning"),
    ("exercise", "exercise"),
    ("challenge", "exercise"),
    ("facilitator", "facilitator"),
    ("instructor", "facilitator"),
];

/// Titled boxes of fenced divs, admonitions and callouts, with their style.
const TITLED: &[(&str, &str)] = &[
    ("callout", "note"),
    ("important", "warning"),
    ("caution", "warning"),
    ("attention", "warning"),
    ("danger", "warning"),
    ("error", "warning"),
    ("bug", "warning"),
    ("failure", "warning"),
    ("fail", "warning"),
    ("missing", "warning"),
    ("discussion", "exercise"),
    ("question", "exercise"),
    ("questions", "exercise"),
    ("help", "exercise"),
    ("faq", "exercise"),
    ("example", "exercise"),
    ("checklist", "note"),
    ("keypoints", "tip"),
    ("objectives", "note"),
    ("prereq", "note"),
    ("testimonial", "note"),
    ("info", "note"),
    ("todo", "note"),
    ("abstract", "note"),
    ("summary", "note"),
    ("tldr", "note"),
    ("quote", "note"),
    ("cite", "note"),
    ("success", "tip"),
    ("check", "tip"),
    ("done", "tip"),
];

/// Boxes that hide their content until opened.
const FOLDED: &[&str] = &["solution", "hint", "spoiler"];

/// Every word coachbook knows for a box.
pub fn known_words() -> impl Iterator<Item = &'static str> {
    OWN.iter()
        .chain(TITLED)
        .map(|(word, _)| *word)
        .chain(FOLDED.iter().copied())
}

impl BoxKind {
    /// The box a fenced div's class names. Quarto's `callout-tip` is a
    /// titled `tip`.
    pub fn from_word(word: &str) -> BoxKind {
        let lower = word.to_lowercase();
        let quarto = lower.strip_prefix("callout-");
        let base = quarto.unwrap_or(&lower);
        let own = OWN.iter().find(|(w, _)| *w == base).map(|(_, s)| *s);
        let titled = TITLED.iter().find(|(w, _)| *w == base).map(|(_, s)| *s);
        let folded = FOLDED.contains(&base);
        let known = own.or(titled).is_some() || folded;
        let style = own
            .or(titled)
            .unwrap_or(if folded { "solution" } else { "other" });
        let class_word = class_safe(base);
        BoxKind {
            style,
            word: (class_word != style && !class_word.is_empty()).then_some(class_word),
            title: default_title(base, word),
            fold: if folded { Fold::Closed } else { Fold::No },
            known,
            heading_title: quarto.is_some() || own.is_none(),
        }
    }

    /// The box of an admonition or callout type, folding as its syntax says.
    pub fn folding(word: &str, fold: Fold) -> BoxKind {
        let mut kind = BoxKind::from_word(word);
        if kind.style == "solution" && fold == Fold::No && word.eq_ignore_ascii_case("hint") {
            kind.style = "tip";
        }
        kind.fold = fold;
        kind
    }

    pub fn is_facilitator(&self) -> bool {
        self.style == "facilitator"
    }

    /// The HTML that opens the box, up to where its title goes.
    pub fn open_tag(&self, id: Option<&str>) -> String {
        let mut classes = format!("callout callout-{}", self.style);
        if let Some(word) = &self.word {
            classes.push_str(" callout-");
            classes.push_str(word);
        }
        let mut attributes = String::new();
        if let Some(id) = id {
            attributes.push_str(" id=\"");
            push_attribute_escaped(&mut attributes, id);
            attributes.push('"');
        }
        match self.fold {
            Fold::Open => attributes.push_str(" open"),
            Fold::Closed | Fold::No => {}
        }
        if self.is_facilitator() {
            attributes.push_str(r#" data-audience="facilitator""#);
        }
        format!("<{} class=\"{classes}\"{attributes}>", self.tag())
    }

    /// The tags around the box's title.
    pub fn title_tags(&self) -> (&'static str, &'static str) {
        match self.fold {
            Fold::No => ("<p class=\"callout-title\">", "</p>"),
            Fold::Closed | Fold::Open => ("<summary class=\"callout-title\">", "</summary>"),
        }
    }

    /// The HTML block that opens the box with its title (HTML already; the
    /// default title when `None`), set apart so Markdown follows.
    pub fn opening(&self, title: Option<&str>, id: Option<&str>) -> String {
        let (open, close) = self.title_tags();
        // A summary is what a reader clicks: it always says something.
        let title = title.filter(|t| !t.is_empty() || self.fold == Fold::No);
        let title = match title {
            Some(title) => title.to_string(),
            None => {
                let mut escaped = String::new();
                push_attribute_escaped(&mut escaped, &self.title);
                escaped
            }
        };
        let title = if title.is_empty() && self.fold == Fold::No {
            String::new()
        } else {
            format!("{open}{title}{close}\n")
        };
        format!("\n{}\n{title}\n", self.open_tag(id))
    }

    /// The HTML that closes the box.
    pub fn closing(&self) -> String {
        format!("</{}>", self.tag())
    }

    fn tag(&self) -> &'static str {
        match (self.fold, self.is_facilitator()) {
            (Fold::Closed | Fold::Open, _) => "details",
            (Fold::No, true) => "aside",
            (Fold::No, false) => "div",
        }
    }
}

/// The title a box shows when its author gives none: the word, capitalised,
/// with a few words spelt as people read them.
fn default_title(base: &str, written: &str) -> String {
    match base {
        "keypoints" => "Key points".into(),
        "prereq" => "Prerequisites".into(),
        "callout" => "Note".into(),
        "tldr" => "TL;DR".into(),
        "faq" => "FAQ".into(),
        _ => {
            let word = written.strip_prefix("callout-").unwrap_or(written);
            let word = word.replace(['-', '_'], " ");
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

/// `word` with only the characters a class name keeps readable.
fn class_safe(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .collect()
}

/// Inline Markdown of a title (from `title=`, `[Title]`, a heading or a
/// callout's line) as HTML, without links: a title is a label.
pub fn title_html(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let events = Parser::new_ext(markdown.trim(), Options::ENABLE_SMART_PUNCTUATION).filter(|e| {
        !matches!(
            e,
            Event::Start(Tag::Paragraph | Tag::Link { .. } | Tag::Image { .. })
                | Event::End(TagEnd::Paragraph | TagEnd::Link | TagEnd::Image)
                | Event::SoftBreak
                | Event::HardBreak
        )
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_other_tools_map_to_the_theme_styles() {
        let style = |w: &str| BoxKind::from_word(w).style;
        assert_eq!(style("challenge"), "exercise");
        assert_eq!(style("instructor"), "facilitator");
        assert_eq!(style("callout-tip"), "tip");
        assert_eq!(style("Keypoints"), "tip");
        assert_eq!(style("solution"), "solution");
        assert_eq!(style("recipe"), "other");
        assert!(!BoxKind::from_word("recipe").known);
        assert_eq!(BoxKind::from_word("hint").fold, Fold::Closed);
        assert_eq!(BoxKind::folding("hint", Fold::No).style, "tip");
        assert_eq!(BoxKind::from_word("keypoints").title, "Key points");
        assert_eq!(BoxKind::from_word("callout-tip").title, "Tip");
        assert_eq!(BoxKind::from_word("écoute").title, "Écoute");
    }

    #[test]
    fn opens_a_div_an_aside_or_a_details() {
        let tip = BoxKind::from_word("tip").opening(None, None);
        assert!(tip.contains("<div class=\"callout callout-tip\">"), "{tip}");
        assert!(tip.contains("<p class=\"callout-title\">Tip</p>"), "{tip}");
        let aside = BoxKind::from_word("instructor").opening(None, Some("a\"b"));
        assert!(aside.contains(
            "<aside class=\"callout callout-facilitator callout-instructor\" id=\"a&quot;b\" data-audience=\"facilitator\">"
        ), "{aside}");
        let solution = BoxKind::from_word("solution");
        assert!(
            solution
                .opening(Some("<em>Yes</em>"), None)
                .contains("<details class=\"callout callout-solution\">\n<summary class=\"callout-title\"><em>Yes</em></summary>")
        );
        assert_eq!(solution.closing(), "</details>");
    }

    #[test]
    fn titles_keep_emphasis_and_drop_links() {
        assert_eq!(
            title_html("A *good* [question](x.md)"),
            "A <em>good</em> question"
        );
        assert_eq!(title_html("\"Try\" `a<b`"), "“Try” <code>a&lt;b</code>");
    }
}
