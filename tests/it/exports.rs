//! Exports: every bank question as JSON, CSV and Moodle GIFT, every scenario
//! as JSON, each parsed back here by the rules of its format.

use crate::scorm::{Element, elements, named};
use crate::support::Handbook;

/// A bank whose questions hold every character the formats must escape.
fn handbook() -> Handbook {
    let handbook = Handbook::minimal();
    handbook.write(
        "site.toml",
        "title = \"Exports: a handbook\"\nbase_url = \"/handbook/\"\n[editions.participant]\naudience = \"participant\"\n",
    );
    handbook.write(
        "content/questions/grow.md",
        r#"---
title: GROW questions
kind: questions
summary: Questions by stage.
stages: [Goal, Will]
questions:
  - id: tricky-csv
    stage: Goal
    text: |
      Say "more", please,
      and then stop?
    purpose: Tests quoting, commas and line breaks.
    tags: [opening, csv]
    follow_ups: ["And then?", "What else, if anything?"]
  - id: tricky-gift
    stage: Will
    text: "What ~ = # { } : would you do?"
    purpose: "Escapes: all of them {really}."
    tags: [gift]
  - id: only-trainers
    stage: Will
    text: What did you notice?
    audience: facilitator
---
"#,
    );
    handbook.write(
        "content/scenarios/handover.md",
        "---\ntitle: The handover\nkind: scenario\nsummary: Delegating a report.\nduration: 10\nformat: pairs\nlevel: new-manager\ncompetencies: [delegation]\nroles:\n  - { id: lead, name: Team lead, brief: BRIEF-LEAD }\n  - { id: analyst, name: Analyst, brief: BRIEF-ANALYST }\ntiming:\n  - { phase: Play, minutes: 10 }\n---\nThe situation.\n",
    );
    handbook
}

#[derive(Debug, PartialEq)]
struct GiftItem {
    category: String,
    name: String,
    text: String,
    feedback: String,
}

/// GIFT's special characters: unescaped, they are syntax.
const SPECIALS: [char; 6] = ['~', '=', '#', '{', '}', ':'];

/// Unescapes `\x` as GIFT does, and fails on any unescaped special character.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next().expect("a backslash escapes something")),
            c if SPECIALS.contains(&c) => panic!("unescaped `{c}` in {text:?}"),
            c => out.push(c),
        }
    }
    out
}

/// The byte index of the first `c` not preceded by a backslash escape.
fn find_unescaped(text: &str, wanted: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            c if c == wanted => return Some(i),
            _ => {}
        }
    }
    None
}

/// Checks that a comment or category line holds no unescaped special character.
fn assert_escaped(line: &str) {
    unescape(line.replace("$course$", "").as_str());
}

/// A reader of the GIFT we write: comments, `$CATEGORY:` lines, and essay items
/// `::name::text{####feedback}`, each on one line, separated by blank lines.
/// Comment and category lines must escape every special character too.
fn parse_gift(gift: &str) -> Vec<GiftItem> {
    let mut items = Vec::new();
    let mut category = String::new();
    for block in gift.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        assert!(!block.contains('\n'), "one line per block: {block:?}");
        if let Some(comment) = block.strip_prefix("//") {
            assert_escaped(comment);
            continue;
        }
        if let Some(rest) = block.strip_prefix("$CATEGORY: ") {
            assert_escaped(rest);
            category = rest.to_string();
            continue;
        }
        let rest = block
            .strip_prefix("::")
            .expect("an item starts with its name");
        let name_end = rest.find("::").expect("the name ends with ::");
        let body = &rest[name_end + 2..];
        let open = find_unescaped(body, '{').expect("an answer block");
        let answer = body[open + 1..]
            .strip_suffix('}')
            .expect("the item ends with its answer block");
        let feedback = answer.strip_prefix("####").unwrap_or(answer);
        items.push(GiftItem {
            category: category.clone(),
            name: unescape(&rest[..name_end]),
            text: unescape(&body[..open]),
            feedback: unescape(feedback),
        });
    }
    items
}

#[test]
fn questions_json_has_every_question_with_its_bank_stage_and_url() {
    let handbook = handbook().built();
    let json: serde_json::Value =
        serde_json::from_str(&handbook.read("exports/questions.json")).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["bank"], "GROW questions");
    assert_eq!(rows[0]["bank_url"], "/handbook/questions/grow/");
    assert_eq!(rows[0]["stage"], "Goal");
    assert_eq!(rows[0]["id"], "tricky-csv");
    assert_eq!(rows[0]["text"], "Say “more”, please,\nand then stop?");
    assert_eq!(rows[0]["tags"], serde_json::json!(["opening", "csv"]));
    assert_eq!(rows[0]["url"], "/handbook/questions/grow/#tricky-csv");
    assert_eq!(
        rows[0]["follow_ups"],
        serde_json::json!(["And then?", "What else, if anything?"])
    );
    assert_eq!(rows[0]["audience"], "all");
    assert_eq!(rows[2]["id"], "only-trainers");
    assert_eq!(rows[2]["audience"], "facilitator");
}

#[test]
fn questions_csv_quotes_commas_quotes_and_line_breaks() {
    let handbook = handbook().built();
    let bytes = std::fs::read(handbook.output_path("exports/questions.csv")).unwrap();
    let csv_bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a UTF-8 byte-order mark first, for Excel");
    let mut reader = csv::Reader::from_reader(csv_bytes);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        headers,
        [
            "bank",
            "bank_url",
            "stage",
            "id",
            "text",
            "purpose",
            "tags",
            "follow_ups",
            "audience",
            "url"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][4], "Say “more”, please,\nand then stop?");
    assert_eq!(&rows[0][6], "opening;csv");
    assert_eq!(&rows[1][4], "What ~ = # { } : would you do?");
    assert_eq!(&rows[1][5], "Escapes: all of them {really}.");
    assert_eq!(&rows[0][7], "And then?\nWhat else, if anything?");
    assert_eq!(&rows[0][8], "all");
    assert_eq!(&rows[1][7], "");
    assert_eq!(&rows[2][8], "facilitator");
}

#[test]
fn questions_gift_has_a_category_per_bank_and_stage_and_escapes_specials() {
    let handbook = handbook().built();
    let gift = handbook.read("exports/questions.gift");
    assert!(
        gift.contains(
            r"What \~ \= \# \{ \} \: would you do?{####Escapes\: all of them \{really\}.}"
        ),
        "{gift}"
    );
    let items = parse_gift(&gift);
    assert_eq!(
        items,
        vec![
            GiftItem {
                category: r"$course$/Exports\: a handbook/GROW questions/Goal".into(),
                name: "tricky-csv".into(),
                text: "Say “more”, please, and then stop?".into(),
                feedback: "Tests quoting, commas and line breaks.".into(),
            },
            GiftItem {
                category: r"$course$/Exports\: a handbook/GROW questions/Will".into(),
                name: "tricky-gift".into(),
                text: "What ~ = # { } : would you do?".into(),
                feedback: "Escapes: all of them {really}.".into(),
            },
            GiftItem {
                category: r"$course$/Exports\: a handbook/GROW questions/Will".into(),
                name: "only-trainers".into(),
                text: "What did you notice?".into(),
                feedback: String::new(),
            },
        ]
    );
}

#[test]
fn scenarios_json_lists_scenarios_with_briefs_only_in_the_full_build() {
    let handbook = handbook().built();
    let json: serde_json::Value =
        serde_json::from_str(&handbook.read("exports/scenarios.json")).unwrap();
    let scenario = &json[0];
    assert_eq!(scenario["title"], "The handover");
    assert_eq!(scenario["url"], "/handbook/scenarios/handover/");
    assert_eq!(scenario["duration"], 10);
    assert_eq!(scenario["format"], "pairs");
    assert_eq!(scenario["level"], "new-manager");
    assert_eq!(scenario["competencies"], serde_json::json!(["delegation"]));
    assert_eq!(scenario["roles"][0]["brief"], "BRIEF-LEAD");

    handbook.build_with(&["--edition", "participant"]).success();
    let json: serde_json::Value =
        serde_json::from_str(&handbook.read("exports/scenarios.json")).unwrap();
    let roles = json[0]["roles"].as_array().unwrap();
    assert_eq!(roles.len(), 2);
    assert_eq!(roles[0]["name"], "Team lead");
    assert!(
        roles.iter().all(|role| role.get("brief").is_none()),
        "{roles:?}"
    );
    let questions: serde_json::Value =
        serde_json::from_str(&handbook.read("exports/questions.json")).unwrap();
    assert_eq!(
        questions.as_array().unwrap().len(),
        2,
        "the facilitator question is left out"
    );
}

#[test]
fn questions_gift_keeps_hostile_titles_stages_and_questions_inside_their_lines() {
    let handbook = Handbook::minimal();
    handbook.write(
        "site.toml",
        "title = \"Site\\n\\n::site-item::Injected{}\\n// ~=#{}:\\\\\"\n",
    );
    handbook.write(
        "content/questions/hostile.md",
        r#"---
title: "Bank\n\n::bank-item::Injected{}\n\n$CATEGORY: $course$/Elsewhere"
kind: questions
summary: Hostile text.
stages: ["Goal\r\n\r\n::stage-item::Injected{=right ~wrong}", "Will"]
questions:
  - id: first
    stage: "Goal\r\n\r\n::stage-item::Injected{=right ~wrong}"
    text: "Line one\n\n::text-item::Injected{}\n\n// not a comment \\ {#x}"
    purpose: "Why\n\n$CATEGORY: Elsewhere\n\n::purpose-item::Injected{}"
  - id: second
    stage: Will
    text: "Plain ~ = # { } : \\ question?"
---
"#,
    );
    handbook.build().success();
    let gift = handbook.read("exports/questions.gift");
    let items = parse_gift(&gift);
    let names: Vec<&str> = items.iter().map(|item| item.name.as_str()).collect();
    assert_eq!(names, ["first", "second"], "{gift}");
    assert_eq!(
        items[0].text,
        "Line one ::text-item::Injected{} // not a comment \\ {#x}"
    );
    assert_eq!(
        items[0].feedback,
        "Why $CATEGORY: Elsewhere ::purpose-item::Injected{}"
    );
    assert_eq!(items[1].text, "Plain ~ = # { } : \\ question?");
    let parts: Vec<String> = items[0].category.split('/').map(unescape).collect();
    assert_eq!(
        parts,
        [
            "$course$",
            "Site ::site-item::Injected{} -- ~=#{}:\\",
            "Bank ::bank-item::Injected{} $CATEGORY: $course$-Elsewhere",
            "Goal ::stage-item::Injected{=right ~wrong}",
        ],
        "{gift}"
    );
    assert!(items[1].category.ends_with("/Will"), "{gift}");
}

/// One `<question>` of a Moodle XML file, read back.
#[derive(Debug, PartialEq)]
struct MoodleItem {
    kind: String,
    /// The category path, for a category; the name, for a question.
    name: String,
    text: String,
    feedback: String,
    idnumber: String,
    tags: Vec<String>,
}

/// Every `<question>` of `xml`, parsed with an XML parser (which fails on
/// anything not well-formed), in order.
fn parse_moodle(xml: &str) -> Vec<MoodleItem> {
    let all = elements(xml);
    assert_eq!(all[0].name, "quiz");
    assert_eq!(
        named(&all, "quiz").len(),
        1,
        "one root, no element injected"
    );
    // The text of the `<text>` right inside the first `parent` of `group`.
    let text_in = |group: &[Element], parent: &str| -> String {
        group
            .iter()
            .position(|e| e.name == parent)
            .map(|at| {
                if group[at + 1].name == "text" {
                    group[at + 1].text.clone()
                } else {
                    String::new()
                }
            })
            .unwrap_or_default()
    };
    let starts: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, e)| e.name == "question")
        .map(|(i, _)| i)
        .chain(std::iter::once(all.len()))
        .collect();
    starts
        .windows(2)
        .map(|pair| {
            let group = &all[pair[0]..pair[1]];
            let kind = group[0].attributes["type"].clone();
            let name = if kind == "category" {
                text_in(group, "category")
            } else {
                text_in(group, "name")
            };
            MoodleItem {
                kind,
                name,
                text: text_in(group, "questiontext"),
                feedback: text_in(group, "generalfeedback"),
                idnumber: group
                    .iter()
                    .find(|e| e.name == "idnumber")
                    .map(|e| e.text.clone())
                    .unwrap_or_default(),
                tags: group
                    .windows(2)
                    .filter(|w| w[0].name == "tag")
                    .map(|w| w[1].text.clone())
                    .collect(),
            }
        })
        .collect()
}

fn category(path: &str) -> MoodleItem {
    MoodleItem {
        kind: "category".into(),
        name: path.into(),
        text: String::new(),
        feedback: String::new(),
        idnumber: String::new(),
        tags: Vec::new(),
    }
}

fn essay(id: &str, text: &str, feedback: &str, tags: &[&str]) -> MoodleItem {
    MoodleItem {
        kind: "essay".into(),
        name: id.into(),
        text: text.into(),
        feedback: feedback.into(),
        idnumber: id.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
    }
}

/// HTML's escapes undone, as a browser shows the text.
fn html_unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn questions_moodle_xml_has_categories_essay_questions_tags_and_ids() {
    let handbook = handbook().built();
    let items = parse_moodle(&handbook.read("exports/questions.moodle.xml"));
    let goal = "$course$/top/Exports: a handbook/GROW questions/Goal";
    let will = "$course$/top/Exports: a handbook/GROW questions/Will";
    let first = essay(
        "tricky-csv",
        "<p>Say “more”, please,<br>and then stop?</p><ul><li>And then?</li><li>What else, if anything?</li></ul>",
        "<p>Tests quoting, commas and line breaks.</p>",
        &["opening", "csv"],
    );
    let second = essay(
        "tricky-gift",
        "<p>What ~ = # { } : would you do?</p>",
        "<p>Escapes: all of them {really}.</p>",
        &["gift"],
    );
    let trainers = essay("only-trainers", "<p>What did you notice?</p>", "", &[]);
    assert_eq!(
        items,
        [category(goal), first, category(will), second, trainers]
    );

    handbook.build_with(&["--edition", "participant"]).success();
    let items = parse_moodle(&handbook.read("exports/questions.moodle.xml"));
    let ids: Vec<&str> = items
        .iter()
        .filter(|i| i.kind == "essay")
        .map(|i| i.idnumber.as_str())
        .collect();
    assert_eq!(
        ids,
        ["tricky-csv", "tricky-gift"],
        "no facilitator question"
    );
}

#[test]
fn questions_moodle_xml_keeps_hostile_text_as_text() {
    let handbook = Handbook::minimal();
    handbook.write("site.toml", "title = \"Site <quiz> & ]]> a/b\"\n");
    handbook.write(
        "content/questions/hostile.md",
        r#"---
title: "Bank </text></name><question type=\"essay\"> & ]]>"
kind: questions
summary: Hostile text.
stages: ["Goal/Reality"]
questions:
  - id: first
    stage: "Goal/Reality"
    text: "Is 3 < 4 & <b>this</b> ]]> <![CDATA[ fine?"
    purpose: "Why 1 < 2 & ]]> ok"
    tags: ["<tag>", "a&b"]
    follow_ups: ["</li><li>injected"]
---
"#,
    );
    handbook.build().success();
    let items = parse_moodle(&handbook.read("exports/questions.moodle.xml"));
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(
        items[0].name,
        "$course$/top/Site <quiz> & ]]> a//b/Bank <//text><//name><question type=\"essay\"> & ]]>/Goal//Reality",
        "a slash inside a name is doubled, as Moodle reads it"
    );
    let question = &items[1];
    assert_eq!(question.idnumber, "first");
    assert_eq!(
        question.text,
        // Markdown's inline HTML is dropped from the plain text, as in every export.
        "<p>Is 3 &lt; 4 &amp; this ]]&gt; &lt;![CDATA[ fine?</p><ul><li>&lt;/li&gt;&lt;li&gt;injected</li></ul>"
    );
    assert_eq!(question.feedback, "<p>Why 1 &lt; 2 &amp; ]]&gt; ok</p>");
    assert_eq!(
        html_unescape(&question.feedback),
        "<p>Why 1 < 2 & ]]> ok</p>"
    );
    assert_eq!(question.tags, ["<tag>", "a&b"]);
}
