//! Text for XML files (SCORM manifests, Moodle XML): escaped so that no
//! handbook text can close an element or open one, and stripped of the
//! characters XML 1.0 cannot hold at all (most control characters), which
//! would make the whole file unreadable.

/// `text` as XML character data or an attribute value (either quote).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether XML 1.0 allows `c` in a document (tab and line breaks aside).
fn allowed(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_control_characters_dropped() {
        assert_eq!(
            escape("a<b>&\"c\"'d']]>\u{1}\u{b}\te\u{fffe}"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;]]&gt;\te"
        );
    }
}
