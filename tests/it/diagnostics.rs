//! How problems are reported: every problem of a build in one run, each as
//! `path:line:col: error: message` with its source line, caret and hint.

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
fn errors_are_sorted_by_file_then_line() {
    let run = Handbook::fixture("diagnostics/many_errors").build();
    // Columns are left out: where a caret points within a line is not what this checks.
    let places: Vec<String> = run
        .error_lines()
        .into_iter()
        .map(|line| {
            let place = line.split(": error:").next().unwrap();
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
content/guides/alpha.md:4:1: error: unknown field `competences`
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
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
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
    run.success()
        .stderr_has("content/guides/no-summary.md:1:1: warning: page has no `summary`");
    assert!(run.stdout.contains("1 warning"), "{}", run.stdout);
    assert!(book.exists("guides/no-summary/"));

    let strict = Handbook::fixture("diagnostics/warnings");
    let run = strict.build_with(&["--strict"]);
    run.code(1)
        .stderr_has("content/guides/no-summary.md:1:1: warning: page has no `summary`");
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
