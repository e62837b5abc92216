//! Review dates: the owner is shown, a page past `review_by` carries a badge,
//! `check` lists it as a warning (an error under `--strict`), and
//! `--format json` prints every diagnostic as JSON.

use crate::support::Handbook;

fn handbook_with_stale_page() -> Handbook {
    let handbook = Handbook::minimal();
    handbook.write(
        "content/stale.md",
        "---\ntitle: Old advice\nsummary: Written long ago.\nowner: Priya in L&D\nreview_by: 2020-01-31\n---\nBody.\n",
    );
    handbook.write(
        "content/fresh.md",
        "---\ntitle: New advice\nsummary: Written lately.\nowner: Sam\nreview_by: 2999-12-31\n---\nBody.\n",
    );
    handbook
}

#[test]
fn a_page_past_its_review_date_shows_a_badge_and_its_owner() {
    let handbook = handbook_with_stale_page().built();
    assert_eq!(
        handbook.texts("stale/", ".badge-stale"),
        ["Review due since 2020-01-31"]
    );
    assert!(handbook.main_of("stale/").contains("Priya in L&amp;D"));
    assert!(handbook.texts("fresh/", ".badge-stale").is_empty());
    assert!(handbook.main_of("fresh/").contains("Sam"));
}

#[test]
fn check_lists_stale_pages_as_warnings_and_strict_makes_them_fail() {
    let handbook = handbook_with_stale_page();
    let run = handbook.check();
    run.success();
    assert!(
        run.stderr.contains(
            "content/stale.md:5:12: warning[review-due]: page is due for review since 2020-01-31"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("ask Priya in L&D to check the page"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("fresh.md"), "{}", run.stderr);
    let root = handbook.root().to_str().unwrap().to_string();
    let strict = handbook.run(&["check", "--root", &root, "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

#[test]
fn check_prints_diagnostics_as_json_on_request() {
    let handbook = handbook_with_stale_page();
    handbook.write(
        "content/broken.md",
        "---\ntitle: Broken\nsummary: s\n---\nSee [x](missing.md).\n",
    );
    let root = handbook.root().to_str().unwrap().to_string();
    let run = handbook.run(&["check", "--root", &root, "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let diagnostics: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    let list = diagnostics.as_array().expect("an array of diagnostics");
    assert_eq!(list.len(), 2, "{list:?}");
    assert_eq!(list[0]["path"], "content/broken.md");
    assert_eq!(list[0]["severity"], "error");
    assert_eq!(list[0]["line"], 5);
    assert_eq!(list[0]["column"], 5);
    assert_eq!(list[1]["path"], "content/stale.md");
    assert_eq!(list[1]["severity"], "warning");
    assert!(list[1]["help"].as_str().unwrap().contains("review_by"));
}
