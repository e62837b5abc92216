//! The YAML parser's complaints in an author's words. The commonest mistakes
//! in front matter are a tab, an unquoted `: ` inside a value, and a line
//! indented to the wrong column; each gets a message that says what is wrong
//! on the line and a hint that shows the fix. Anything else keeps the
//! parser's own words.

/// One YAML syntax error, placed in the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlProblem {
    pub message: String,
    pub help: String,
    /// 1-based line in the front matter.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    /// How many characters the caret underlines.
    pub len: usize,
}

const GENERIC_HELP: &str =
    "check indentation and quote text that contains `: ` or starts with a special character";
const INDENT_HELP: &str = "YAML reads the structure from indentation: line up the fields of \
     one item, and the items of one list, at the same column";

/// Explains the parser's `message` about the front matter `yaml`, reported
/// at 1-based `line` and character `col`.
pub fn explain(yaml: &str, message: &str, line: usize, col: usize) -> YamlProblem {
    let text = yaml.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let generic = YamlProblem {
        message: message.to_string(),
        help: GENERIC_HELP.to_string(),
        line,
        col,
        len: text.chars().skip(col.saturating_sub(1)).count().max(1),
    };
    tab(text, col, line)
        .or_else(|| too_large(message, col, line, generic.len))
        .or_else(|| unquoted_colon(text, message, col, line))
        .or_else(|| indentation(yaml, text, message, line))
        .unwrap_or(generic)
}

/// A tab at or before the reported column: YAML indents with spaces only.
fn tab(text: &str, col: usize, line: usize) -> Option<YamlProblem> {
    let at = text.chars().position(|c| c == '\t')? + 1;
    (at <= col).then(|| YamlProblem {
        message: "a tab where YAML expects spaces".into(),
        help: "replace the tab with spaces".into(),
        line,
        col: at,
        len: 1,
    })
}

/// `weight: 99999999999999999999`: a number past what a field can hold.
fn too_large(message: &str, col: usize, line: usize, len: usize) -> Option<YamlProblem> {
    let field = message.strip_suffix(": JSON number out of range")?;
    Some(YamlProblem {
        message: format!("the number in `{field}` is too large"),
        help: "write a smaller number, or put it in quotes to keep it as text".into(),
        line,
        col,
        len,
    })
}

/// `summary: Listening: the basics`: the second `: ` starts a field inside a value.
fn unquoted_colon(text: &str, message: &str, col: usize, line: usize) -> Option<YamlProblem> {
    if !message.starts_with("mapping values are not allowed") {
        return None;
    }
    let (content_col, content) = content_start(text);
    let prefix = &text[..text.len() - content.len()];
    let (key, value) = content.split_once(": ")?;
    let value = value.trim();
    let key_end = content_col + key.chars().count();
    if key.is_empty() || key.contains([' ', '"', '\'']) || col <= key_end || value.is_empty() {
        return None;
    }
    Some(YamlProblem {
        message: format!(
            "the value of `{key}` holds `: `, which YAML reads as the start of another field"
        ),
        help: format!(
            "put the value in quotes: `{}{key}: {}`",
            prefix.trim_start(),
            quoted(value)
        ),
        line,
        col,
        len: 1,
    })
}

/// `value` as a YAML quoted string.
fn quoted(value: &str) -> String {
    if value.contains('"') && !value.contains('\'') {
        format!("'{value}'")
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// The column where a line's content starts, past any `- ` list markers, and that content.
fn content_start(text: &str) -> (usize, &str) {
    let mut content = text.trim_start();
    while let Some(rest) = content.strip_prefix("- ") {
        content = rest.trim_start();
    }
    (
        text[..text.len() - content.len()].chars().count() + 1,
        content,
    )
}

/// A line that does not line up with the line above it.
fn indentation(yaml: &str, text: &str, message: &str, line: usize) -> Option<YamlProblem> {
    let structural = [
        "mapping values are not allowed",
        "did not find expected key",
        "did not find expected '-' indicator",
        "block sequence entries are not allowed",
    ];
    if !structural.iter().any(|m| message.starts_with(m)) {
        return None;
    }
    let above = yaml
        .lines()
        .take(line.saturating_sub(1))
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .last()?;
    let here = text.chars().take_while(|c| *c == ' ').count() + 1;
    let message = if text.trim_start().starts_with("- ") {
        let there = above.chars().take_while(|c| *c == ' ').count() + 1;
        if !above.trim_start().starts_with("- ") || here == there {
            return None;
        }
        format!("this list item starts at column {here}, but the one above it at column {there}")
    } else {
        let (there, above_content) = content_start(above);
        if here == there {
            return None;
        }
        let name = |c: &str| c.split(':').next().unwrap_or(c).trim().to_string();
        format!(
            "`{}` starts at column {here}, but `{}` above it at column {there}",
            name(text.trim_start()),
            name(above_content)
        )
    };
    Some(YamlProblem {
        message,
        help: INDENT_HELP.into(),
        line,
        col: here,
        len: text.trim().chars().count().max(1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tab_is_named_and_pointed_at() {
        let problem = explain(
            "tags:\n\t- a\n",
            "found character that cannot start any token",
            2,
            1,
        );
        assert_eq!(problem.message, "a tab where YAML expects spaces");
        assert_eq!((problem.line, problem.col), (2, 1));
    }

    #[test]
    fn an_unquoted_colon_shows_the_quoted_value() {
        let yaml = "title: A\nsummary: Listening: the \"basics\"\n";
        let problem = explain(
            yaml,
            "mapping values are not allowed in this context",
            2,
            19,
        );
        assert!(
            problem.message.contains("`summary` holds `: `"),
            "{problem:?}"
        );
        assert_eq!(
            problem.help,
            "put the value in quotes: `summary: 'Listening: the \"basics\"'`"
        );
        let yaml = "questions:\n  - text: Ask: why?\n";
        let problem = explain(
            yaml,
            "mapping values are not allowed in this context",
            2,
            14,
        );
        assert_eq!(
            problem.help,
            "put the value in quotes: `- text: \"Ask: why?\"`"
        );
    }

    #[test]
    fn a_misaligned_line_names_both_columns() {
        let yaml = "questions:\n  - text: A?\n     purpose: x\n";
        let problem = explain(
            yaml,
            "mapping values are not allowed in this context",
            3,
            13,
        );
        assert_eq!(
            problem.message,
            "`purpose` starts at column 6, but `text` above it at column 5"
        );
        assert_eq!(problem.col, 6);
        let yaml = "tags:\n  - a\n - b\n";
        let problem = explain(yaml, "did not find expected key", 3, 2);
        assert_eq!(
            problem.message,
            "this list item starts at column 2, but the one above it at column 3"
        );
    }

    #[test]
    fn a_number_too_large_says_so() {
        let problem = explain(
            "weight: 99999999999999999999\n",
            "weight: JSON number out of range",
            1,
            9,
        );
        assert_eq!(problem.message, "the number in `weight` is too large");
    }

    #[test]
    fn other_errors_keep_the_parser_words() {
        let problem = explain("title: [a\n", "did not find expected ',' or ']'", 2, 1);
        assert_eq!(problem.message, "did not find expected ',' or ']'");
        assert_eq!(problem.help, GENERIC_HELP);
    }
}
