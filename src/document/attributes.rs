//! Attribute lists of other Markdown dialects: Pandoc's `{#id .class
//! key="value"}` and kramdown's `{: .class}`. Only what a page can use is
//! kept (`id`, `class`, `alt`, `width`, `height`); anything else is dropped.

/// The attributes kept from one attribute list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    pub id: Option<String>,
    pub classes: Vec<String>,
    pub alt: Option<String>,
    pub width: Option<String>,
    pub height: Option<String>,
}

impl Attributes {
    /// Reads the text between `{` and `}` (a leading `:` is kramdown's).
    /// `None` when it is not an attribute list: empty, or a word that is not
    /// `#id`, `.class` or `key=value`.
    pub fn parse(inner: &str) -> Option<Attributes> {
        let mut rest = inner.strip_prefix(':').unwrap_or(inner).trim();
        if rest.is_empty() {
            return None;
        }
        let mut attributes = Attributes::default();
        while !rest.is_empty() {
            let (word, after) = next_word(rest)?;
            rest = after.trim_start();
            if let Some(id) = word.strip_prefix('#') {
                attributes.id = Some(plain_name(id)?.to_string());
            } else if let Some(class) = word.strip_prefix('.') {
                attributes.classes.push(plain_name(class)?.to_string());
            } else {
                let (key, value) = word.split_once('=')?;
                plain_name(key)?;
                let value = unquote(value);
                match key {
                    "id" => attributes.id = Some(value.to_string()),
                    "class" => attributes
                        .classes
                        .extend(value.split_whitespace().map(str::to_string)),
                    "alt" => attributes.alt = Some(value.to_string()),
                    "width" => attributes.width = Some(value.to_string()),
                    "height" => attributes.height = Some(value.to_string()),
                    _ => {}
                }
            }
        }
        Some(attributes)
    }

    /// Writes ` id="…" class="…"` and the size (and `alt` when `with_alt`),
    /// escaped, for an HTML tag.
    pub fn write(&self, out: &mut String, with_alt: bool) {
        let classes = self.classes.join(" ");
        let alt = self.alt.as_deref().filter(|_| with_alt);
        let pairs = [
            ("id", self.id.as_deref()),
            ("class", Some(classes.as_str()).filter(|c| !c.is_empty())),
            ("alt", alt),
            ("width", self.width.as_deref()),
            ("height", self.height.as_deref()),
        ];
        for (name, value) in pairs {
            if let Some(value) = value {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                super::links::push_attribute_escaped(out, value);
                out.push('"');
            }
        }
    }
}

/// One word of an attribute list: up to the next space outside quotes.
fn next_word(text: &str) -> Option<(&str, &str)> {
    let mut quote = None;
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => return Some((&text[..at], &text[at..])),
            _ => {}
        }
    }
    quote.is_none().then_some((text, ""))
}

/// A name of letters, digits, `-`, `_` and `:`; `None` when empty or anything else.
fn plain_name(name: &str) -> Option<&str> {
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':'));
    ok.then_some(name)
}

/// `value` without one pair of quotes around it, if it has them.
pub(super) fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_a_page_uses_and_drops_the_rest() {
        let found =
            Attributes::parse(r#"#silence .lead .wide alt="Two chairs" width=60% data-x="y""#)
                .unwrap();
        assert_eq!(found.id.as_deref(), Some("silence"));
        assert_eq!(found.classes, ["lead", "wide"]);
        assert_eq!(found.alt.as_deref(), Some("Two chairs"));
        assert_eq!(found.width.as_deref(), Some("60%"));
        let mut html = String::new();
        found.write(&mut html, true);
        assert_eq!(
            html,
            r#" id="silence" class="lead wide" alt="Two chairs" width="60%""#
        );
        assert_eq!(
            Attributes::parse(": .note").unwrap().classes,
            ["note"],
            "kramdown"
        );
    }

    #[test]
    fn text_in_braces_is_not_an_attribute_list() {
        for text in ["", "see below", "#", "a = b", r#"alt="open"#, "<b>"] {
            assert_eq!(Attributes::parse(text), None, "{text}");
        }
    }
}
