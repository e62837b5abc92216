//! The lines that open and close boxes before Markdown is parsed: Pandoc's
//! fenced divs (`::: challenge`, `:::: {.callout-tip title="Try"}`,
//! Docusaurus' `:::note[Title]`) and MkDocs admonitions (`!!! note "Title"`,
//! `??? tip`, `???+ tip`).

use super::attributes::unquote;
use super::boxes::Fold;

/// What opens a box: its class word, and what the line says of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Opener {
    /// The class (the first one that names a box, else the first); empty
    /// for a div without a class.
    pub word: String,
    pub id: Option<String>,
    /// Inline Markdown of the title written on the line; `Some("")` for an
    /// admonition that asks for no title (`!!! note ""`).
    pub title: Option<String>,
    /// Folding the line asks for (Quarto's `collapse`, `???`).
    pub fold: Option<Fold>,
}

/// A fenced div line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DivLine {
    Open(Opener),
    Close,
}

/// Leading spaces of a line when there are at most three (CommonMark's
/// limit for a fence or a paragraph); `None` for deeper indentation or a tab.
pub fn small_indent(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    (indent <= 3 && !line[indent..].starts_with('\t')).then_some(indent)
}

/// Reads a fenced div line: three or more colons, then a class, `{…}`
/// attributes or nothing (a closing line). Trailing colons are dropped.
pub fn div_line(line: &str) -> Option<DivLine> {
    let rest = line[small_indent(line)?..].trim_end();
    let colons = rest.len() - rest.trim_start_matches(':').len();
    if colons < 3 {
        return None;
    }
    let rest = rest[colons..].trim_end_matches(':').trim();
    if rest.is_empty() {
        return Some(DivLine::Close);
    }
    if let Some(inside) = rest.strip_prefix('{') {
        let inside = inside.strip_suffix('}')?;
        return Some(DivLine::Open(attributes(inside)));
    }
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '[' || c == '{')
        .unwrap_or(rest.len());
    let (word, after) = rest.split_at(end);
    let after = after.trim();
    let mut opener = Opener {
        word: word.trim_start_matches('.').to_string(),
        ..Opener::default()
    };
    if let Some(bracketed) = after.strip_prefix('[') {
        let close = bracketed.rfind(']')?;
        opener.title = Some(bracketed[..close].to_string());
        let more = bracketed[close + 1..].trim();
        if let Some(inside) = more.strip_prefix('{').and_then(|m| m.strip_suffix('}')) {
            opener.id = attributes(inside).id;
        }
    } else if let Some(inside) = after.strip_prefix('{').and_then(|a| a.strip_suffix('}')) {
        let extra = attributes(inside);
        opener.id = extra.id;
        opener.title = extra.title;
    } else if !after.is_empty() {
        opener.title = Some(after.to_string());
    }
    Some(DivLine::Open(opener))
}

/// Reads Pandoc attributes (`.class #id key=value key="a value"`).
fn attributes(text: &str) -> Opener {
    let mut opener = Opener::default();
    let mut classes = Vec::new();
    for token in tokens(text) {
        if let Some(class) = token.strip_prefix('.') {
            classes.push(class.to_string());
        } else if let Some(id) = token.strip_prefix('#') {
            opener.id = Some(id.to_string()).filter(|id| !id.is_empty());
        } else if let Some((key, value)) = token.split_once('=') {
            let value = unquote(value);
            match key {
                "title" => opener.title = Some(value.to_string()),
                "collapse" => {
                    opener.fold = match value {
                        "true" => Some(Fold::Closed),
                        "false" => Some(Fold::Open),
                        _ => None,
                    }
                }
                _ => {}
            }
        } else if !token.is_empty() {
            classes.push(token.to_string());
        }
    }
    opener.word = classes
        .iter()
        .find(|class| super::boxes::BoxKind::from_word(class).known)
        .or(classes.first())
        .cloned()
        .unwrap_or_default();
    opener
}

/// Splits attribute text at spaces outside quotes.
fn tokens(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start = None;
    let mut quote = None;
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => {
                quote = Some(c);
                start.get_or_insert(at);
            }
            (None, c) if c.is_whitespace() => {
                if let Some(s) = start.take() {
                    found.push(&text[s..at]);
                }
            }
            (None, _) => {
                start.get_or_insert(at);
            }
        }
    }
    if let Some(s) = start {
        found.push(&text[s..]);
    }
    found
}

/// Reads an MkDocs admonition line: `!!!`, `???` (closed) or `???+` (open),
/// a type, perhaps more classes, and perhaps a quoted title.
pub fn admonition_line(line: &str) -> Option<Opener> {
    let rest = line[small_indent(line)?..].trim_end();
    let (fold, rest) = if let Some(rest) = rest.strip_prefix("!!!") {
        (Fold::No, rest)
    } else if let Some(rest) = rest.strip_prefix("???+") {
        (Fold::Open, rest)
    } else {
        (Fold::Closed, rest.strip_prefix("???")?)
    };
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim();
    let (words, title) = match rest.find('"') {
        Some(at) => (&rest[..at], Some(unquote(rest[at..].trim()).to_string())),
        None => (rest, None),
    };
    let word = words.split_whitespace().next()?;
    word.chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .then(|| Opener {
            word: word.to_string(),
            id: None,
            title,
            fold: Some(fold),
        })
}

/// The text of an ATX heading line (`## Title {#id}` is `Title`), if it is one.
pub fn heading_text(line: &str) -> Option<&str> {
    let rest = line[small_indent(line)?..].trim_end();
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let text = &rest[hashes..];
    if !(text.is_empty() || text.starts_with([' ', '\t'])) {
        return None;
    }
    let mut text = text.trim();
    if text.ends_with('}')
        && let Some(at) = text.rfind('{')
    {
        text = text[..at].trim_end();
    }
    let closing = text.trim_end_matches('#');
    if closing.is_empty() || closing.ends_with([' ', '\t']) {
        text = closing.trim_end();
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(line: &str) -> Opener {
        match div_line(line) {
            Some(DivLine::Open(opener)) => opener,
            other => panic!("{line:?}: {other:?}"),
        }
    }

    #[test]
    fn reads_the_div_lines_of_pandoc_quarto_and_docusaurus() {
        assert_eq!(open("::: challenge\n").word, "challenge");
        assert_eq!(open(":::::::::::: solution ::::::\n").word, "solution");
        assert_eq!(open(":::tip\n").word, "tip");
        let quarto = open(":::: {.callout-tip title=\"Try it\" collapse=\"true\"}\n");
        assert_eq!(quarto.word, "callout-tip");
        assert_eq!(quarto.title.as_deref(), Some("Try it"));
        assert_eq!(quarto.fold, Some(Fold::Closed));
        let docusaurus = open(":::note[A *short* title]\n");
        assert_eq!(
            (docusaurus.word.as_str(), docusaurus.title.as_deref()),
            ("note", Some("A *short* title"))
        );
        let attributed = open("::: {#why .wide .instructor data-x=1}\n");
        assert_eq!(attributed.word, "instructor");
        assert_eq!(attributed.id.as_deref(), Some("why"));
        assert_eq!(
            open("::: tip Before you start\n").title.as_deref(),
            Some("Before you start")
        );
        assert_eq!(div_line("::::::::::::\n"), Some(DivLine::Close));
        assert_eq!(div_line(":::   \n"), Some(DivLine::Close));
        for not_a_div in ["::\n", "    :::\n", "\t::: tip\n", "a ::: tip\n"] {
            assert_eq!(div_line(not_a_div), None, "{not_a_div:?}");
        }
    }

    #[test]
    fn reads_admonition_lines() {
        let note = admonition_line("!!! note \"Before the session\"\n").unwrap();
        assert_eq!(
            (note.word.as_str(), note.title.as_deref(), note.fold),
            ("note", Some("Before the session"), Some(Fold::No))
        );
        assert_eq!(
            admonition_line("??? tip\n").unwrap().fold,
            Some(Fold::Closed)
        );
        assert_eq!(
            admonition_line("???+ tip\n").unwrap().fold,
            Some(Fold::Open)
        );
        assert_eq!(
            admonition_line("!!! note \"\"\n").unwrap().title.as_deref(),
            Some("")
        );
        assert_eq!(admonition_line("!!!note\n"), None);
        assert_eq!(admonition_line("!!! \n"), None);
        assert_eq!(admonition_line("Wow!!! great\n"), None);
    }

    #[test]
    fn reads_heading_text() {
        assert_eq!(heading_text("## Try it {#try}\n"), Some("Try it"));
        assert_eq!(heading_text("### Done ###\n"), Some("Done"));
        assert_eq!(heading_text("#hashtag\n"), None);
        assert_eq!(heading_text("text\n"), None);
    }
}
