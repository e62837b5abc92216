//! How problems are reported: every problem of a build in one run, each as
//! `path:line:col: error[code]: message` with its source line, caret and hint.

use crate::support::Handbook;

#[test]
fn every_error_across_files_is_reported_in_one_run() {
    let book = Handbook::fixture("diagnostics/many_errors");
    let run = book.build();
    run.code(1)
        .error_at("content/guides/alpha.md:4", "unknown field `competences`")
        .error_at("content/guides/alpha.md:8", "`nowhere.md`")
        .error_at("content/guides/beta.md:3", "invalid YAML")
        .error_at(
            "content/questions/bank.md:8",
            "duplicate question id `same`",
        )
        .error_at("content/scenarios/play.md:9", "add up to 25 minutes")
        .error_at(
            "content/scenarios/play.md:12",
            "question `absent` not found",
        )
        .error_count(6);
    assert!(!book.path("public").exists(), "a failed build wrote output");
    // Nothing else beside the sources: no staging folder left behind either.
    let mut entries: Vec<String> = std::fs::read_dir(book.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    assert_eq!(entries, ["content", "site.toml"]);
}

#[test]
fn every_diagnostic_has_a_stable_code_in_text_and_json() {
    let book = Handbook::fixture("diagnostics/many_errors");
    let expected = [
        ("content/guides/alpha.md:4", "unknown-field"),
        ("content/guides/alpha.md:8", "broken-link"),
        ("content/guides/beta.md:3", "yaml-syntax"),
        ("content/questions/bank.md:8", "duplicate-id"),
        ("content/scenarios/play.md:9", "timing-sum"),
        ("content/scenarios/play.md:12", "broken-ref"),
    ];
    let run = book.check();
    run.code(1);
    for (place, code) in expected {
        run.code_at(place, code);
    }
    let root = book.root().to_str().unwrap();
    let json = book.run(&["check", "--root", root, "--format", "json"]);
    json.code(1);
    let diagnostics: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let codes: Vec<&str> = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, expected.map(|(_, code)| code));
}

#[test]
fn a_build_that_cannot_write_exits_2_not_1() {
    let book = Handbook::minimal();
    book.write("content/a.md", "---\ntitle: A\nsummary: s\n---\nText.\n");
    book.write("not-a-folder", "");
    let out = book.path("not-a-folder/public");
    let run = book.build_with(&["--out", out.to_str().unwrap()]);
    run.code(2).stderr_has("error: could not write");
    // The handbook itself is fine: the same build elsewhere succeeds.
    book.build().success();
}

#[test]
fn errors_are_sorted_by_file_then_line() {
    let run = Handbook::fixture("diagnostics/many_errors").build();
    // Columns are left out: where a caret points within a line is not what this checks.
    let places: Vec<String> = run
        .error_lines()
        .into_iter()
        .map(|line| {
            let place = line.split(": error[").next().unwrap();
            place.rsplit_once(':').unwrap().0.to_string()
        })
        .collect();
    assert_eq!(
        places,
        [
            "content/guides/alpha.md:4",
            "content/guides/alpha.md:8",
            "content/guides/beta.md:3",
            "content/questions/bank.md:8",
            "content/scenarios/play.md:9",
            "content/scenarios/play.md:12",
        ]
    );
}

#[test]
fn an_error_shows_its_source_line_a_caret_and_a_hint() {
    let run = Handbook::fixture("diagnostics/many_errors").build();
    let expected = "\
content/guides/alpha.md:4:1: error[unknown-field]: unknown field `competences`
  |
4 | competences: [listening]
  | ^^^^^^^^^^^
  = help: did you mean `competencies`?
";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
}

#[test]
fn a_failed_build_prints_one_summary_line_counting_the_errors() {
    let run = Handbook::fixture("diagnostics/many_errors").build();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(lines[0].contains("6 errors"), "{}", lines[0]);
    assert!(lines[0].contains("nothing was written"), "{}", lines[0]);
}

#[test]
fn a_clean_build_prints_one_summary_line_counting_pages_by_kind() {
    let book = Handbook::fixture("kinds/all");
    let run = book.build();
    run.success();
    // The summary, then how to open a build made for a web server.
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(lines[1].contains("coachbook serve"), "{}", lines[1]);
    for part in [
        "1 guide,",
        "1 question bank,",
        "1 scenario",
        "3 sections",
        "0 errors",
    ] {
        assert!(lines[0].contains(part), "{part} missing from {}", lines[0]);
    }
}

#[test]
fn a_warning_does_not_fail_a_build_unless_strict() {
    let book = Handbook::fixture("diagnostics/warnings");
    let run = book.build();
    run.success().stderr_has(
        "content/guides/no-summary.md:1:1: warning[missing-summary]: page has no `summary`",
    );
    assert!(run.stdout.contains("1 warning"), "{}", run.stdout);
    assert!(book.exists("guides/no-summary/"));

    let strict = Handbook::fixture("diagnostics/warnings");
    let run = strict.build_with(&["--strict"]);
    run.code(1).stderr_has(
        "content/guides/no-summary.md:1:1: warning[missing-summary]: page has no `summary`",
    );
    assert!(
        !strict.path("public").exists(),
        "a --strict failure wrote output"
    );
}

#[test]
fn a_warning_many_files_share_is_printed_once_unless_verbose() {
    let book = Handbook::minimal();
    for n in 1..=7 {
        book.write(
            &format!("content/page-{n}.md"),
            format!("# Page {n}\n\nText.\n"),
        );
    }
    let run = book.check();
    run.success();
    assert_eq!(
        run.stderr.matches("page has no `summary`").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("6 more files have this warning: content/page-2.md, content/page-3.md, content/page-4.md, …"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("7 warnings"),
        "the summary still counts each one: {}",
        run.stdout
    );

    let root = book.root().to_str().unwrap();
    let verbose = book.run(&["check", "--root", root, "--verbose"]);
    assert_eq!(
        verbose.stderr.matches("page has no `summary`").count(),
        7,
        "{}",
        verbose.stderr
    );
}

/// The bank `questions/listening.md` of `diagnostics/failed_page` with `lines`
/// as its whole text. The guide links to it (with anchors), the scenario's
/// debrief refers to one of its questions, and `grow.md` beside it is a near
/// name a did-you-mean could wrongly suggest.
fn with_broken_bank(lines: &[&str]) -> Handbook {
    let book = Handbook::fixture("diagnostics/failed_page");
    book.write("content/questions/listening.md", lines.join("\n") + "\n");
    book
}

/// Asserts the one error of a broken bank at `line:col`, and nothing about its links.
fn only_the_bank_error(book: &Handbook, (line, col): (usize, usize), message: &str) {
    let place = format!("content/questions/listening.md:{line}");
    for run in [book.build(), book.check()] {
        run.code(1)
            .error_at(&place, message)
            .stderr_has(&format!("{place}:{col}: error["))
            .error_count(1);
        assert!(!run.stderr.contains("warning["), "{}", run.stderr);
        assert!(!run.stderr.contains("did you mean"), "{}", run.stderr);
    }
    assert!(!book.path("public").exists());
}

#[test]
fn the_pages_around_a_failed_bank_build_cleanly() {
    // The fixture itself is good: every link, anchor and reference below resolves.
    Handbook::fixture("diagnostics/failed_page").built();
}

#[test]
fn a_tab_in_a_bank_other_pages_link_to_is_one_error_at_the_bank() {
    let book = with_broken_bank(&[
        "---",
        "title: Listening questions",
        "kind: questions",
        "summary: Questions that show you listen.",
        "questions:",
        "  - id: what-matters",
        "\t  text: What matters most to you here?",
        "---",
        "## Closing",
    ]);
    only_the_bank_error(&book, (7, 1), "a tab where YAML expects spaces");
}

#[test]
fn a_bank_that_is_not_text_is_one_error_at_the_bank() {
    let book = Handbook::fixture("diagnostics/failed_page");
    book.write(
        "content/questions/listening.md",
        b"---\ntitle: Listening questions\n---\nCaf\xe9\n".as_slice(),
    );
    only_the_bank_error(&book, (4, 4), "not valid UTF-8");
}

#[test]
fn a_bank_without_its_opening_line_is_one_error_with_the_fix() {
    let book = with_broken_bank(&[
        "title: Listening questions",
        "kind: questions",
        "---",
        "## Closing",
    ]);
    only_the_bank_error(&book, (1, 1), "front matter has no opening `---` line");
    book.build()
        .stderr_has("help: add a line `---` at the very top of the file");
}

#[test]
fn a_bank_whose_front_matter_never_closes_is_one_error() {
    let book = with_broken_bank(&["---", "title: Listening questions", "kind: questions"]);
    only_the_bank_error(&book, (1, 1), "front matter is never closed");
}

#[test]
fn no_message_names_an_internal_type() {
    let book = Handbook::minimal();
    book.write(
        "content/bank.md",
        "---\ntitle: Bank\nkind: [questions]\nquestions:\n  - seven\n---\n",
    );
    book.write(
        "content/play.md",
        "---\ntitle: Play\nkind: scenario\nroles: [1, 2]\ntiming: [3]\ndebrief:\n  - {foo: 1}\n---\n",
    );
    book.write(
        "content/big.md",
        "---\ntitle: Big\nweight: 99999999999999999999\n---\n",
    );
    let run = book.build();
    run.code(1)
        .error_at(
            "content/play.md:4",
            "expected a role with `id:`, `name:` and `brief:`",
        )
        .error_at("content/play.md:7", "expected a debrief prompt, or `ref:")
        .error_at("content/big.md:3", "the number in `weight` is too large");
    book.write(
        "content/play.md",
        "---\ntitle: Play\nkind: scenario\nduration: -3\n---\n",
    );
    let negative = book.build();
    negative.error_at(
        "content/play.md:4",
        "invalid value for `duration`: integer `-3`, expected a whole number of at least 0",
    );
    let config = Handbook::empty();
    config.write(
        "site.toml",
        "title = \"T\"\nsearch = true\n[editions]\np = 3\n",
    );
    let refused = config.build();
    refused
        .code(2)
        .error_at("site.toml:2", "wrong type for `search`");
    for stderr in [&run.stderr, &negative.stderr, &refused.stderr] {
        for internal in ["Raw", "struct ", "enum ", "variant", "u32", "i64", "JSON"] {
            assert!(!stderr.contains(internal), "{internal} in\n{stderr}");
        }
    }
}

#[test]
fn an_unknown_language_is_a_warning_listing_the_supported_ones() {
    let book = Handbook::empty();
    book.write("site.toml", "title = \"T\"\nlanguage = \"klingon\"\n");
    book.write("content/a.md", "---\ntitle: A\nsummary: S.\n---\n");
    let run = book.build();
    run.success()
        .stderr_has("site.toml:2:1: warning[unknown-language]: unknown language `klingon`")
        .stderr_has("supported languages: ar, da, de, el, en, es, fi, fr,");
    assert!(run.stderr.contains(" ja, ko, "), "{}", run.stderr);
    assert!(run.stdout.contains("1 warning"), "{}", run.stdout);
    book.build_with(&["--strict"]).code(1);
    for known in ["en-GB", "pt_BR", "ja", "de"] {
        book.write(
            "site.toml",
            format!("title = \"T\"\nlanguage = \"{known}\"\n"),
        );
        let run = book.build();
        run.success();
        assert!(!run.stderr.contains("language"), "{known}: {}", run.stderr);
    }
}
