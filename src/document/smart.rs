//! Smart punctuation for front-matter prose (summaries, takeaways,
//! follow-ups, checklist items, debrief prompts), the same as the body gets:
//! pulldown-cmark's smart punctuation, so `"quotes"`, `it's`, `--`, `---`
//! and `...` read the same wherever they were written. The text stays plain
//! text: every other ASCII punctuation mark is escaped before parsing, and
//! each line starts with an escaped `(` that is taken off afterwards, so no
//! Markdown syntax (emphasis, links, lists, headings) takes effect.

use pulldown_cmark::{Event, Options, Parser};

/// What a line starts with while it is parsed: punctuation, so a quote that
/// opens the line is read as opening, and no line can start a block.
const LINE_START: char = '(';

/// `text` with straight quotes, dashes and dots turned into their typeset
/// forms; anything else is returned as written.
pub fn smart_text(text: &str) -> String {
    if !text.contains(['\'', '"', '-', '.']) {
        return text.to_string();
    }
    let mut source = String::with_capacity(text.len() * 2);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            source.push('\n');
        }
        source.push('\\');
        source.push(LINE_START);
        for c in line.chars() {
            if c.is_ascii_punctuation() && !matches!(c, '\'' | '"' | '-' | '.') {
                source.push('\\');
            }
            source.push(c);
        }
    }
    let mut out = String::with_capacity(text.len() + 8);
    for event in Parser::new_ext(&source, Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Text(text) => out.push_str(&text),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            _ => {}
        }
    }
    let lines: Vec<&str> = out
        .split('\n')
        .map(|line| line.strip_prefix(LINE_START).unwrap_or(line))
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::smart_text;

    #[test]
    fn quotes_dashes_and_dots_are_typeset() {
        assert_eq!(
            smart_text("\"Listen first\" -- it's the manager's job..."),
            "“Listen first” – it’s the manager’s job…"
        );
        assert_eq!(smart_text("A---B"), "A—B");
        assert_eq!(smart_text("'Why?' she asked."), "‘Why?’ she asked.");
    }

    #[test]
    fn markdown_syntax_stays_as_written() {
        let written = "*not emphasis* [not](a-link) `code's` <b>x</b> &amp; # 1. - x";
        assert_eq!(
            smart_text(written),
            "*not emphasis* [not](a-link) `code’s` <b>x</b> &amp; # 1. - x"
        );
        assert_eq!(smart_text("- a list's item"), "- a list’s item");
        assert_eq!(smart_text("1. first's"), "1. first’s");
        assert_eq!(smart_text("# heading's"), "# heading’s");
    }

    #[test]
    fn lines_and_plain_text_are_kept() {
        assert_eq!(smart_text("one's\ntwo's"), "one’s\ntwo’s");
        assert_eq!(smart_text("no marks at all"), "no marks at all");
        assert_eq!(smart_text(""), "");
        assert_eq!(smart_text("    indented code's"), "    indented code’s");
    }
}
