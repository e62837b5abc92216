//! `:::tip` … `:::` containers, which pulldown-cmark does not know yet.
//!
//! Before parsing, each container line outside a fenced code block is replaced
//! by an HTML block (`<div class="callout …">`) set apart by blank lines, so the
//! Markdown inside is parsed as usual and footnotes still work across the whole
//! body. The expanded text keeps a map back to original offsets, so diagnostics
//! keep pointing at the author's lines. Facilitator blocks can be left out here,
//! which is how an edition removes them from every byte of output.

/// The container kinds an author may use.
pub const KINDS: [&str; 5] = ["tip", "note", "warning", "exercise", "facilitator"];

/// A problem with a container line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Offset in the original text.
    pub offset: usize,
    pub message: String,
    pub help: Option<String>,
}

/// Markdown with containers turned into HTML blocks.
#[derive(Debug)]
pub struct Expanded {
    pub text: String,
    /// Pieces copied from the original: (offset in `text`, offset in the original).
    pieces: Vec<(usize, usize)>,
    pub problems: Vec<Problem>,
}

impl Expanded {
    /// Maps an offset in the expanded text back to the original text.
    pub fn original_offset(&self, offset: usize) -> usize {
        let index = self.pieces.partition_point(|&(start, _)| start <= offset);
        match index.checked_sub(1).map(|i| self.pieces[i]) {
            Some((start, original)) => original + (offset - start),
            None => 0,
        }
    }
}

/// The opening tag of a facilitator block, as [`expand_containers`] writes it.
const FACILITATOR_OPENING: &str =
    "<aside class=\"callout callout-facilitator\" data-audience=\"facilitator\">";

/// `html` without its facilitator blocks, for pages handed to participants
/// (role cards) even in a build that keeps facilitator material elsewhere.
pub fn without_facilitator_blocks(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(FACILITATOR_OPENING) {
        out.push_str(&rest[..start]);
        let mut depth = 0usize;
        let mut cursor = start;
        // Skip to the `</aside>` that closes this block, counting nested asides.
        loop {
            let next_open = rest[cursor + 1..].find("<aside").map(|i| cursor + 1 + i);
            let Some(close) = rest[cursor..].find("</aside>").map(|i| cursor + i) else {
                return out;
            };
            match next_open {
                Some(open) if open < close => {
                    depth += 1;
                    cursor = open;
                }
                _ if depth > 0 => {
                    depth -= 1;
                    cursor = close + 1;
                }
                _ => {
                    cursor = close + "</aside>".len();
                    break;
                }
            }
        }
        rest = &rest[cursor..];
    }
    out.push_str(rest);
    out
}

fn opening_html(kind: &str) -> String {
    let mut chars = kind.chars();
    let title: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let (tag, extra) = if kind == "facilitator" {
        ("aside", r#" data-audience="facilitator""#)
    } else {
        ("div", "")
    };
    format!(
        "\n<{tag} class=\"callout callout-{kind}\"{extra}>\n<p class=\"callout-title\">{title}</p>\n\n"
    )
}

/// What a line means to the container scanner.
enum Fence<'a> {
    Open(&'a str),
    Close,
}

fn container_line(line: &str) -> Option<Fence<'_>> {
    let rest = line.trim_end().strip_prefix(":::")?;
    let name = rest.trim();
    if name.is_empty() {
        Some(Fence::Close)
    } else {
        Some(Fence::Open(name))
    }
}

/// The code fence a line opens or closes (its character and length), if any.
fn code_fence(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let c = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run = trimmed.chars().take_while(|x| *x == c).count();
    (run >= 3).then_some((c, run))
}

/// Expands containers in `markdown`. With `include_facilitator` false,
/// `:::facilitator` blocks and everything inside them are dropped.
pub fn expand_containers(markdown: &str, include_facilitator: bool) -> Expanded {
    let mut expanded = Expanded {
        text: String::with_capacity(markdown.len() + 64),
        pieces: Vec::new(),
        problems: Vec::new(),
    };
    // Open containers: (kind, offset of the opening line, whether its content is dropped).
    let mut open: Vec<(&str, usize, bool)> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        let line_offset = offset;
        offset += line.len();
        let dropping = open.iter().any(|(_, _, dropped)| *dropped);
        if let Some((c, run)) = fence {
            let closes = code_fence(line).is_some_and(|(c2, run2)| c2 == c && run2 >= run)
                && line.trim().chars().all(|x| x == c);
            if closes {
                fence = None;
            }
        } else if let Some(opened) = code_fence(line) {
            fence = Some(opened);
        } else if let Some(container) = container_line(line) {
            match container {
                Fence::Open(kind) => {
                    if !KINDS.contains(&kind) {
                        let help = crate::diagnostics::did_you_mean(kind, KINDS)
                            .map(|k| format!("did you mean `:::{k}`?"))
                            .unwrap_or_else(|| format!("container kinds: {}", KINDS.join(", ")));
                        expanded.problems.push(Problem {
                            offset: line_offset,
                            message: format!("unknown container `:::{kind}`"),
                            help: Some(help),
                        });
                    }
                    let drop = kind == "facilitator" && !include_facilitator;
                    if !dropping && !drop {
                        expanded.text.push_str(&opening_html(kind));
                    }
                    open.push((kind, line_offset, drop));
                }
                Fence::Close => match open.pop() {
                    Some((kind, _, drop)) => {
                        let outer_dropped = open.iter().any(|(_, _, dropped)| *dropped);
                        if !drop && !outer_dropped {
                            let tag = if kind == "facilitator" {
                                "aside"
                            } else {
                                "div"
                            };
                            expanded.text.push_str(&format!("\n</{tag}>\n\n"));
                        }
                    }
                    None => expanded.problems.push(Problem {
                        offset: line_offset,
                        message: "`:::` closes a container that was never opened".into(),
                        help: Some(
                            "remove this line, or open a container above with `:::tip`".into(),
                        ),
                    }),
                },
            }
            continue;
        }
        if !dropping {
            expanded.pieces.push((expanded.text.len(), line_offset));
            expanded.text.push_str(line);
        }
    }
    for (kind, opened_at, _) in open {
        expanded.problems.push(Problem {
            offset: opened_at,
            message: format!("container `:::{kind}` is never closed"),
            help: Some("add a line `:::` where it ends".into()),
        });
    }
    expanded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_containers_and_maps_offsets_back() {
        let source = "Intro\n:::tip\nBe *curious*.\n:::\nEnd\n";
        let expanded = expand_containers(source, true);
        assert!(expanded.problems.is_empty());
        assert!(
            expanded
                .text
                .contains("<div class=\"callout callout-tip\">")
        );
        assert!(expanded.text.contains("\n</div>\n"));
        let inside = expanded.text.find("Be *curious*").unwrap();
        assert_eq!(
            expanded.original_offset(inside),
            source.find("Be *curious*").unwrap()
        );
    }

    #[test]
    fn unknown_kinds_with_non_ascii_names_do_not_panic() {
        let expanded = expand_containers(
            ":::écoute
x
:::
",
            true,
        );
        assert_eq!(expanded.problems.len(), 1);
        assert!(expanded.text.contains("Écoute"));
    }

    #[test]
    fn ignores_container_lines_inside_code_fences() {
        let expanded = expand_containers("```\n:::tip\n```\n", true);
        assert!(expanded.problems.is_empty());
        assert!(!expanded.text.contains("callout"));
    }

    #[test]
    fn drops_facilitator_blocks_when_asked() {
        let source = "A\n:::facilitator\nSECRET\n:::tip\nnested\n:::\n:::\nB\n";
        let expanded = expand_containers(source, false);
        assert!(!expanded.text.contains("SECRET"), "{}", expanded.text);
        assert!(!expanded.text.contains("nested"));
        assert!(!expanded.text.contains("aside"));
        assert!(expanded.text.contains("B\n"));
    }

    #[test]
    fn facilitator_blocks_are_cut_from_rendered_html() {
        let html = format!(
            "<p>A</p>{FACILITATOR_OPENING}<p>SECRET</p><aside>inner</aside><p>more</p></aside><p>B</p>"
        );
        assert_eq!(without_facilitator_blocks(&html), "<p>A</p><p>B</p>");
        let expanded = expand_containers("A\n:::facilitator\nSECRET\n:::\n", true);
        assert!(
            expanded.text.contains(FACILITATOR_OPENING),
            "{}",
            expanded.text
        );
    }

    #[test]
    fn reports_unknown_unclosed_and_stray_containers() {
        let expanded = expand_containers(":::tipp\nx\n", true);
        let messages: Vec<_> = expanded
            .problems
            .iter()
            .map(|p| p.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "unknown container `:::tipp`",
                "container `:::tipp` is never closed"
            ]
        );
        assert_eq!(
            expanded.problems[0].help.as_deref(),
            Some("did you mean `:::tip`?")
        );
        let stray = expand_containers("x\n:::\n", true);
        assert_eq!(stray.problems[0].offset, 2);
    }
}
