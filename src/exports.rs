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

/// The export files of `site`.
pub fn render_exports(site: &Site, options: &ExportOptions) -> Result<Vec<OutputFile>, String> {
    let base = base_with_slash(options.base_url);
    let questions = question_rows(site, &base);
    let scenarios = scenario_rows(site, &base);
    let file = |name: &str, bytes: Vec<u8>| OutputFile {
        path: PathBuf::from("exports").join(name),
        contents: Contents::Bytes(bytes),
    };
    Ok(vec![
        file("questions.json", to_json(&questions)?),
        file("questions.csv", questions_csv(&questions)?),
        file(
            "questions.gift",
            questions_gift(options.site_title, &questions).into_bytes(),
        ),
        file(
            "questions.moodle.xml",
            questions_moodle_xml(options.site_title, &questions).into_bytes(),
        ),
        file("scenarios.json", to_json(&scenarios)?),
        file(
            "sessions.json",
            to_json(&sessions::session_rows(site, &base))?,
        ),
    ])
}

fn to_json(value: &impl Serialize) -> Result<Vec<u8>, String> {
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
