//! Exports for other tools: every bank question as JSON, CSV, Moodle GIFT
//! and Moodle XML, and every scenario and session plan as JSON, under `exports/`.
//!
//! Built from the site, so an edition's exports hold exactly what its pages
//! hold. Question text is exported as plain text; URLs start from `base_url`.

mod sessions;

use std::path::PathBuf;

use serde::Serialize;

use crate::artifact::{Contents, OutputFile};
use crate::document::{Audience, FrontMatter, Phase, inline_plain_text};
use crate::site::urls::base_with_slash;
use crate::site::{Page, Site};

/// One bank question, as a row of the question exports.
#[derive(Debug, Serialize)]
struct QuestionRow<'a> {
    bank: &'a str,
    bank_url: String,
    stage: &'a str,
    id: &'a str,
    text: String,
    purpose: String,
    /// Tags separated by `;` in CSV, a list in JSON.
    tags: Vec<&'a str>,
    /// Plain text; one per line in CSV, a list in JSON.
    follow_ups: &'a [String],
    audience: Audience,
    url: String,
}

#[derive(Debug, Serialize)]
struct RoleRow<'a> {
    id: &'a str,
    name: &'a str,
    /// The role's private brief (Markdown); absent from participant editions.
    #[serde(skip_serializing_if = "Option::is_none")]
    brief: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct ScenarioRow<'a> {
    title: &'a str,
    url: String,
    summary: Option<&'a str>,
    duration: Option<u32>,
    format: Option<String>,
    level: Option<&'a str>,
    competencies: Vec<&'a str>,
    roles: Vec<RoleRow<'a>>,
    timing: &'a [Phase],
    observer_checklist: &'a [String],
}

/// What the exports need besides the site.
pub struct ExportOptions<'a> {
    pub site_title: &'a str,
    pub base_url: &'a str,
}

/// The most bytes one export file holds: a larger export goes on over
/// numbered files (`questions-1.moodle.xml`, `questions-2.moodle.xml`, …),
/// so that no output file grows with the handbook (SPEC 4.5).
pub const EXPORT_FILE_LIMIT: usize = 4 * 1024 * 1024;

/// The export files of `site`.
pub fn render_exports(site: &Site, options: &ExportOptions) -> Result<Vec<OutputFile>, String> {
    let base = base_with_slash(options.base_url);
    let questions = question_rows(site, &base);
    let scenarios = scenario_rows(site, &base);
    let sessions = sessions::session_rows(site, &base);
    let same_bank = |a: &QuestionRow, b: &QuestionRow| a.bank_url == b.bank_url;
    let title = options.site_title;
    let files = [
        export_files("questions.json", &questions, same_bank, to_json)?,
        export_files("questions.csv", &questions, same_bank, questions_csv)?,
        export_files("questions.gift", &questions, same_bank, |rows| {
            Ok(questions_gift(title, rows).into_bytes())
        })?,
        export_files("questions.moodle.xml", &questions, same_bank, |rows| {
            Ok(questions_moodle_xml(title, rows).into_bytes())
        })?,
        export_files("scenarios.json", &scenarios, apart, to_json)?,
        export_files("sessions.json", &sessions, apart, to_json)?,
    ];
    Ok(files
        .into_iter()
        .flatten()
        .map(|(name, bytes)| OutputFile {
            path: PathBuf::from("exports").join(name),
            contents: Contents::Bytes(bytes),
        })
        .collect())
}

/// Never in one group: each scenario or session is a group of its own.
fn apart<T>(_: &T, _: &T) -> bool {
    false
}

/// Export `name` of `rows`, as `write` makes it: one file, or, when that
/// would pass [`EXPORT_FILE_LIMIT`], numbered files that each hold as many
/// whole groups of rows (neighbours that are `together`, such as one bank's
/// questions) as fit.
fn export_files<T>(
    name: &str,
    rows: &[T],
    together: impl Fn(&T, &T) -> bool,
    write: impl Fn(&[T]) -> Result<Vec<u8>, String>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    export_files_within(EXPORT_FILE_LIMIT, name, rows, together, write)
}

/// [`export_files`] with files of at most `limit` bytes.
fn export_files_within<T>(
    limit: usize,
    name: &str,
    rows: &[T],
    together: impl Fn(&T, &T) -> bool,
    write: impl Fn(&[T]) -> Result<Vec<u8>, String>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let whole = write(rows)?;
    if whole.len() <= limit {
        return Ok(vec![(name.to_string(), whole)]);
    }
    // What a file holds besides its rows (a header, the brackets).
    let frame = write(&[])?.len();
    let mut files = Vec::new();
    let (mut start, mut end, mut size) = (0, 0, frame);
    for group in rows.chunk_by(together) {
        let bytes = write(group)?.len().saturating_sub(frame);
        if end > start && size + bytes > limit {
            files.push(write(&rows[start..end])?);
            (start, size) = (end, frame);
        }
        size += bytes;
        end += group.len();
    }
    files.push(write(&rows[start..end])?);
    let (stem, extension) = name.split_once('.').unwrap_or((name, ""));
    Ok(files
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| (format!("{stem}-{}.{extension}", i + 1), bytes))
        .collect())
}

/// Says which exports went on over numbered files, among the `paths` a
/// build wrote, for the build's notes.
pub fn split_note(paths: &[PathBuf]) -> Option<String> {
    let mut split: Vec<String> = paths
        .iter()
        .filter(|path| path.parent().is_some_and(|dir| dir.ends_with("exports")))
        .filter_map(|path| path.file_name()?.to_str())
        .filter_map(|name| {
            let (stem, extension) = name.split_once('.')?;
            let stem = stem.strip_suffix("-1")?;
            Some(format!("{stem}.{extension}"))
        })
        .collect();
    split.sort();
    split.dedup();
    (!split.is_empty()).then(|| {
        format!(
            "the exports {} are larger than {} MB, so each goes on over numbered files that hold whole banks, scenarios or sessions (`questions-1.moodle.xml`, `questions-2.moodle.xml`, …)\n  = help: import every numbered file of the export you use",
            split.join(", "),
            EXPORT_FILE_LIMIT / (1024 * 1024)
        )
    })
}

fn to_json(value: &(impl Serialize + ?Sized)) -> Result<Vec<u8>, String> {
    serde_json::to_vec_pretty(value).map_err(|e| e.to_string())
}

fn question_rows<'a>(site: &'a Site, base: &str) -> Vec<QuestionRow<'a>> {
    site.reading_order
        .iter()
        .map(|&id| site.page(id))
        .filter_map(|page| Some((page, page.document.as_ref()?.front.bank.as_ref()?)))
        .flat_map(|(page, bank)| {
            bank.questions.iter().map(move |question| QuestionRow {
                bank: &page.title,
                bank_url: format!("{base}{}", page.url),
                stage: question.stage.as_deref().unwrap_or(""),
                id: &question.id,
                text: inline_plain_text(&question.text),
                purpose: question
                    .purpose
                    .as_deref()
                    .map(inline_plain_text)
                    .unwrap_or_default(),
                tags: question.tags.iter().map(String::as_str).collect(),
                follow_ups: &question.follow_ups,
                audience: question.audience,
                url: format!("{base}{}#{}", page.url, question.id),
            })
        })
        .collect()
}

fn scenario_rows<'a>(site: &'a Site, base: &str) -> Vec<ScenarioRow<'a>> {
    site.reading_order
        .iter()
        .map(|&id| site.page(id))
        .filter_map(|page: &Page| {
            let document = page.document.as_ref()?;
            let scenario = document.front.scenario.as_ref()?;
            let front = &document.front;
            Some(ScenarioRow {
                title: &page.title,
                url: format!("{base}{}", page.url),
                summary: front.summary.as_deref(),
                duration: front.duration,
                format: scenario.format.map(|f| f.as_str().to_string()),
                level: front.level.as_deref(),
                competencies: competencies(front),
                roles: scenario
                    .roles
                    .iter()
                    .map(|role| RoleRow {
                        id: &role.id,
                        name: &role.name,
                        brief: role.brief.as_ref().map(|brief| brief.value.as_str()),
                    })
                    .collect(),
                timing: &scenario.timing,
                observer_checklist: &scenario.observer_checklist,
            })
        })
        .collect()
}

/// A page's competencies, as the scenario and session exports list them.
fn competencies(front: &FrontMatter) -> Vec<&str> {
    front
        .taxonomies
        .get("competencies")
        .map(|c| c.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

/// The byte-order mark that tells Excel on Windows the CSV is UTF-8; without
/// it, Excel reads the file in the system's code page and garbles accents.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The question CSV: a UTF-8 byte-order mark, a header row, one row per question.
fn questions_csv(rows: &[QuestionRow]) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(UTF8_BOM.to_vec());
    let failed = |e: csv::Error| e.to_string();
    writer
        .write_record([
            "bank",
            "bank_url",
            "stage",
            "id",
            "text",
            "purpose",
            "tags",
            "follow_ups",
            "audience",
            "url",
        ])
        .map_err(failed)?;
    for row in rows {
        let tags = row.tags.join(";");
        let follow_ups = row.follow_ups.join("\n");
        writer
            .write_record([
                row.bank,
                &row.bank_url,
                row.stage,
                row.id,
                &row.text,
                &row.purpose,
                &tags,
                &follow_ups,
                audience_name(row.audience),
                &row.url,
            ])
            .map_err(failed)?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// How an audience is written in front matter, and so in the exports.
fn audience_name(audience: Audience) -> &'static str {
    match audience {
        Audience::All => "all",
        Audience::Facilitator => "facilitator",
        Audience::Participant => "participant",
    }
}

/// `text` as GIFT text on one line: every run of white space (line breaks
/// included) becomes one space, because GIFT is line-based and a line break
/// could start a new item or category; then every special character
/// (`~ = # { } :` and the backslash itself) is escaped.
pub fn gift_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            if matches!(c, '~' | '=' | '#' | '{' | '}' | ':' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Escapes `&`, `<` and `>`, so text shows as written when Moodle renders it as HTML.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The category a question's stage gives it; questions without a stage are
/// grouped as "Questions".
fn category_stage(stage: &str) -> &str {
    if stage.trim().is_empty() {
        "Questions"
    } else {
        stage
    }
}

/// A GIFT category name: `/` separates categories, so it cannot appear inside one.
fn gift_category(name: &str) -> String {
    gift_escape(&name.replace('/', "-"))
}

/// Moodle GIFT: a `$CATEGORY` per bank and stage, each question an essay item
/// (`{}`), with its purpose as general feedback (`{####…}`). Every piece of
/// the handbook's text goes through [`gift_escape`], the comment and the
/// category lines included, so no title or stage can add an item.
fn questions_gift(site_title: &str, rows: &[QuestionRow]) -> String {
    let mut out = format!("// Questions exported from {}\n\n", gift_escape(site_title));
    let mut category = None;
    for row in rows {
        let this = (row.bank, row.stage);
        if category != Some(this) {
            let stage = category_stage(row.stage);
            out.push_str(&format!(
                "$CATEGORY: $course$/{}/{}/{}\n\n",
                gift_category(site_title),
                gift_category(row.bank),
                gift_category(stage)
            ));
            category = Some(this);
        }
        // Moodle reads GIFT text as HTML, so text is escaped as it is in pages.
        let text = |text: &str| gift_escape(&html_escape(text));
        let feedback = if row.purpose.trim().is_empty() {
            String::new()
        } else {
            format!("####{}", text(&row.purpose))
        };
        out.push_str(&format!(
            "::{}::{}{{{feedback}}}\n\n",
            gift_escape(row.id),
            text(&row.text)
        ));
    }
    out
}

/// Moodle XML: a category per bank and stage (under the handbook's own),
/// each question an essay question named and numbered (`idnumber`) by its
/// id, its follow-ups listed under its text, its purpose as general
/// feedback, and its tags. Question text and feedback are HTML, so the
/// handbook's text is HTML-escaped, then everything XML-escaped.
fn questions_moodle_xml(site_title: &str, rows: &[QuestionRow]) -> String {
    use crate::xml::escape;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    let mut category = None;
    for row in rows {
        let this = (row.bank, row.stage);
        if category != Some(this) {
            let stage = category_stage(row.stage);
            let path = [site_title, row.bank, stage]
                .iter()
                .map(|name| moodle_category(name))
                .collect::<Vec<_>>()
                .join("/");
            out.push_str(&format!(
                "  <question type=\"category\">\n    <category><text>{}</text></category>\n  </question>\n",
                escape(&format!("$course$/top/{path}"))
            ));
            category = Some(this);
        }
        let mut text = format!("<p>{}</p>", moodle_html(&row.text));
        if !row.follow_ups.is_empty() {
            text.push_str("<ul>");
            for follow_up in row.follow_ups {
                text.push_str(&format!("<li>{}</li>", moodle_html(follow_up)));
            }
            text.push_str("</ul>");
        }
        let feedback = if row.purpose.trim().is_empty() {
            String::new()
        } else {
            format!("<p>{}</p>", moodle_html(&row.purpose))
        };
        let tags: String = row
            .tags
            .iter()
            .map(|tag| format!("      <tag><text>{}</text></tag>\n", escape(tag)))
            .collect();
        out.push_str(&format!(
            "  <question type=\"essay\">\n    <name><text>{id}</text></name>\n    \
             <questiontext format=\"html\"><text>{text}</text></questiontext>\n    \
             <generalfeedback format=\"html\"><text>{feedback}</text></generalfeedback>\n    \
             <defaultgrade>1</defaultgrade>\n    <penalty>0</penalty>\n    <hidden>0</hidden>\n    \
             <idnumber>{id}</idnumber>\n    <responseformat>editor</responseformat>\n    \
             <responserequired>1</responserequired>\n    <responsefieldlines>10</responsefieldlines>\n    \
             <attachments>0</attachments>\n    <attachmentsrequired>0</attachmentsrequired>\n    \
             <graderinfo format=\"html\"><text></text></graderinfo>\n    \
             <responsetemplate format=\"html\"><text></text></responsetemplate>\n    \
             <tags>\n{tags}    </tags>\n  </question>\n",
            id = escape(row.id),
            text = escape(&text),
            feedback = escape(&feedback),
        ));
    }
    out.push_str("</quiz>\n");
    out
}

/// Plain text as Moodle HTML: escaped, line breaks kept.
fn moodle_html(text: &str) -> String {
    html_escape(text).replace('\n', "<br>")
}

/// A Moodle category name: `/` separates categories, and Moodle reads `//`
/// as a slash inside a name.
fn moodle_category(name: &str) -> String {
    name.replace('/', "//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_export_goes_on_over_numbered_files_of_whole_groups() {
        // Three banks of 4, 1 and 3 questions: 20 bytes of rows a bank and a
        // two-byte frame fit two banks to a file of 45 bytes.
        let rows: Vec<(char, u8)> = [('a', 4), ('b', 1), ('c', 3)]
            .iter()
            .flat_map(|&(bank, n)| (0..n).map(move |i| (bank, i)))
            .collect();
        let write = |rows: &[(char, u8)]| -> Result<Vec<u8>, String> {
            let sizes = [('a', 5), ('b', 20), ('c', 7)];
            let mut out = b"[".to_vec();
            for (bank, _) in rows {
                let size = sizes.iter().find(|(b, _)| b == bank).unwrap().1;
                out.extend(std::iter::repeat_n(*bank as u8, size));
            }
            out.push(b']');
            Ok(out)
        };
        let together = |a: &(char, u8), b: &(char, u8)| a.0 == b.0;
        let files =
            export_files_within(45, "questions.moodle.xml", &rows, together, write).unwrap();
        let files: Vec<(String, String)> = files
            .into_iter()
            .map(|(name, bytes)| (name, String::from_utf8(bytes).unwrap()))
            .collect();
        assert_eq!(
            files,
            [
                (
                    "questions-1.moodle.xml".into(),
                    format!("[{}{}]", "a".repeat(20), "b".repeat(20))
                ),
                (
                    "questions-2.moodle.xml".into(),
                    format!("[{}]", "c".repeat(21))
                ),
            ]
        );
        // Within the limit it stays one file under its own name.
        let one = export_files_within(100, "questions.json", &rows, together, write).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, "questions.json");
    }

    #[test]
    fn the_note_names_each_export_that_was_split_once() {
        let paths: Vec<PathBuf> = [
            "exports/questions-1.moodle.xml",
            "exports/questions-2.moodle.xml",
            "de/exports/questions-1.moodle.xml",
            "exports/questions.json",
            "guides/n-1.md/index.html",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let note = split_note(&paths).unwrap();
        assert!(
            note.starts_with("the exports questions.moodle.xml are larger than 4 MB"),
            "{note}"
        );
        assert_eq!(split_note(&paths[3..]), None);
    }

    #[test]
    fn gift_escapes_every_special_character() {
        assert_eq!(
            gift_escape("a~b=c#d{e}f:g\\h"),
            "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
        );
        assert_eq!(gift_category("Goal/Will"), "Goal-Will");
    }

    #[test]
    fn gift_text_is_one_line_whatever_the_line_breaks() {
        assert_eq!(
            gift_escape("a\n\n::x::{}\r\n$CATEGORY: b\u{2028}c\t d"),
            "a \\:\\:x\\:\\:\\{\\} $CATEGORY\\: b c d"
        );
    }

    #[test]
    fn gift_items_escape_html_because_moodle_renders_it() {
        let row = QuestionRow {
            bank: "B",
            bank_url: String::new(),
            stage: "S",
            id: "q",
            text: "Is <b>this</b> & that ok?".into(),
            purpose: String::new(),
            tags: Vec::new(),
            follow_ups: &[],
            audience: Audience::All,
            url: String::new(),
        };
        let gift = questions_gift("T", &[row]);
        assert!(
            gift.contains("::q::Is &lt;b&gt;this&lt;/b&gt; &amp; that ok?{}"),
            "{gift}"
        );
    }
}
