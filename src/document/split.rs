//! Splitting a file's text into front matter and body, and reading what can
//! still be read (title, slug) from front matter that does not parse, so a
//! page with a mistake in it stays known to the rest of the handbook.

/// The front matter split from a file's text.
#[derive(Debug, Clone, Copy)]
pub struct Split<'t> {
    /// The YAML between the `---` lines, and its byte offset in the file.
    pub yaml: Option<(&'t str, usize)>,
    /// The Markdown body, and its byte offset in the file.
    pub body: (&'t str, usize),
}

/// Why a file's front matter could not be split from its body.
#[derive(Debug, Clone, Copy)]
pub struct SplitError<'t> {
    pub message: &'static str,
    pub help: &'static str,
    /// The text that holds the front matter, as far as it can be told.
    pub yaml: &'t str,
}

const UNCLOSED: &str = "front matter is never closed";
const UNCLOSED_HELP: &str = "add a line `---` after the front matter";
const UNOPENED: &str = "front matter has no opening `---` line";
const UNOPENED_HELP: &str = "add a line `---` at the very top of the file, above the first field";

/// Each line of `text` without its line break, with the byte offset where it starts.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start > text.len() || (start == text.len() && !text.is_empty()) {
            return None;
        }
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = (start, &text[start..end]);
        start = end + 1;
        Some(line)
    })
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `text` into front matter and body. A file whose first line is `---`
/// must close its front matter with another `---` (or `...`) line. A file
/// that starts with `title:`-style lines followed by a `---` line has lost its
/// opening line: that is an error too, rather than YAML published as text.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, SplitError<'_>> {
    let mut lines = lines_with_offsets(text);
    let Some((_, first)) = lines.next().filter(|(_, line)| is_fence(line)) else {
        return match unopened_front_matter(text) {
            Some(yaml) => Err(SplitError {
                message: UNOPENED,
                help: UNOPENED_HELP,
                yaml,
            }),
            None => Ok(Split {
                yaml: None,
                body: (text, 0),
            }),
        };
    };
    let yaml_start = (first.len() + 1).min(text.len());
    for (start, line) in lines {
        if matches!(line.trim_end(), "---" | "...") {
            let body_start = (start + line.len() + 1).min(text.len());
            return Ok(Split {
                yaml: Some((&text[yaml_start..start], yaml_start)),
                body: (&text[body_start..], body_start),
            });
        }
    }
    Err(SplitError {
        message: UNCLOSED,
        help: UNCLOSED_HELP,
        yaml: &text[yaml_start..],
    })
}

/// The front matter of a file that lost its opening `---`: the lines above
/// its first `---` line, when every one of them reads as YAML and one of them
/// is `title:`. A Markdown paragraph above a rule or a heading underline does not.
fn unopened_front_matter(text: &str) -> Option<&str> {
    let mut has_title = false;
    for (start, line) in lines_with_offsets(text) {
        if is_fence(line) {
            return (has_title && start > 0).then(|| &text[..start]);
        }
        match top_level_field(line) {
            Some((key, _)) => has_title |= key == "title",
            None if line.trim().is_empty() || line.starts_with([' ', '-', '#']) => {}
            None => return None,
        }
    }
    None
}

/// A top-level `key: value` line: the key and the value, trimmed.
fn top_level_field(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let well_formed = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let separated = value.is_empty() || value.starts_with([' ', '\t']);
    (well_formed && separated).then(|| (key, value.trim()))
}

/// The plain value of the top-level field `name` in YAML that may not parse:
/// quotes removed; nothing for an empty, block or flow value.
pub fn readable_field(yaml: &str, name: &str) -> Option<String> {
    let value = lines_with_offsets(yaml)
        .filter_map(|(_, line)| top_level_field(line))
        .find_map(|(key, value)| (key == name).then_some(value))?;
    let unquoted = ['"', '\'']
        .iter()
        .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q))
        .unwrap_or(value);
    let plain =
        !unquoted.is_empty() && !value.starts_with(['|', '>', '[', '{', '&', '*', '!', '#']);
    plain.then(|| unquoted.to_string())
}

/// A page's title heading: the text of the body's first `# ` heading outside
/// code, and the byte range of its line in `body`, for a page without a
/// `title`. The line is then left out of the body, so the title is not shown twice.
pub fn title_heading(body: &str) -> Option<(String, std::ops::Range<usize>)> {
    let mut fence: Option<&str> = None;
    for (start, line) in lines_with_offsets(body) {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            continue;
        }
        let Some(text) = line.trim_end().strip_prefix("# ") else {
            continue;
        };
        // A closing run of `#` is not part of the title (`# Title #`).
        let text = text.trim_end_matches('#').trim();
        if !text.is_empty() {
            return Some((text.to_string(), start..start + line.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_split(text: &str, yaml: Option<&str>, body: &str) {
        let split = split_front_matter(text).expect("splits");
        assert_eq!(split.yaml.map(|(y, _)| y), yaml);
        assert_eq!(split.body.0, body);
    }

    #[test]
    fn splits_front_matter_from_body() {
        check_split("---\ntitle: A\n---\nBody\n", Some("title: A\n"), "Body\n");
        check_split("# Just markdown\n", None, "# Just markdown\n");
        check_split("---\n---\n", Some(""), "");
        check_split("---  \ntitle: A\n---\n", Some("title: A\n"), "");
        check_split("---\ntitle: A\n---", Some("title: A\n"), "");
        check_split("", None, "");
        let error = split_front_matter("---\ntitle: A\n").unwrap_err();
        assert_eq!((error.message, error.yaml), (UNCLOSED, "title: A\n"));
    }

    #[test]
    fn front_matter_without_its_opening_line_is_an_error() {
        let error = split_front_matter("title: A\nsummary: B\n---\nBody\n").unwrap_err();
        assert_eq!(
            (error.message, error.yaml),
            (UNOPENED, "title: A\nsummary: B\n")
        );
        // Markdown above a rule or a heading underline is left alone.
        check_split("Note: old\n\n---\n", None, "Note: old\n\n---\n");
        check_split("Some text\n---\n", None, "Some text\n---\n");
        check_split("tags: [a]\n---\n", None, "tags: [a]\n---\n");
    }

    #[test]
    fn the_title_heading_is_the_first_level_one_heading_outside_code() {
        let body = "```sh\n# install\n```\n\n## Sub\n# The *title* #\nText\n";
        let (title, range) = title_heading(body).unwrap();
        assert_eq!(title, "The *title*");
        assert_eq!(&body[range], "# The *title* #");
        assert_eq!(title_heading("#hashtag\n#\n## Two\n"), None);
    }

    #[test]
    fn reads_plain_fields_from_yaml_that_does_not_parse() {
        let yaml = "title: \"Listening\"\nslug: listen\n\tweight: x\nsummary: >\n";
        assert_eq!(readable_field(yaml, "title").as_deref(), Some("Listening"));
        assert_eq!(readable_field(yaml, "slug").as_deref(), Some("listen"));
        assert_eq!(readable_field(yaml, "summary"), None);
        assert_eq!(readable_field(yaml, "kind"), None);
        assert_eq!(
            readable_field("title: Ask: why\n", "title").as_deref(),
            Some("Ask: why")
        );
    }
}
