//! Exports: every bank question as JSON, CSV and Moodle GIFT, every scenario
//! as JSON, each parsed back here by the rules of its format.

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
    assert_eq!(rows[2]["id"], "only-trainers");
}

#[test]
fn questions_csv_quotes_commas_quotes_and_line_breaks() {
    let handbook = handbook().built();
    let csv_text = handbook.read("exports/questions.csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        headers,
        [
            "bank", "bank_url", "stage", "id", "text", "purpose", "tags", "url"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][4], "Say “more”, please,\nand then stop?");
    assert_eq!(&rows[0][6], "opening;csv");
    assert_eq!(&rows[1][4], "What ~ = # { } : would you do?");
    assert_eq!(&rows[1][5], "Escapes: all of them {really}.");
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
