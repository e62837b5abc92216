//! "Last changed" from git, and "Edit this page": a page without `updated`
//! shows the date of the last commit that touched it, read from one
//! `git log` per build; without git, a repository or `git_dates`, it shows
//! only what its front matter says.

use std::process::Command;

use crate::support::Handbook;

/// Runs git in the handbook with a fixed author, committing at `date`.
fn git(book: &Handbook, args: &[&str], date: &str) {
    let status = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(book.root())
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_DATE", date)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn page(title: &str, updated: Option<&str>) -> String {
    let updated = updated.map_or(String::new(), |d| format!("updated: {d}\n"));
    format!("---\ntitle: {title}\nsummary: s\n{updated}---\nText.\n")
}

/// A handbook in a git repository with two commits: `old.md` committed on
/// 2024-01-02 only, `new.md` changed again on 2025-03-04.
fn repository() -> Handbook {
    let book = Handbook::minimal();
    book.write("content/guides/old.md", page("Old", None));
    book.write("content/guides/new.md", page("New", None));
    book.write("content/guides/dated.md", page("Dated", Some("2023-05-06")));
    git(&book, &["init", "-q"], "2024-01-02T10:00:00Z");
    git(&book, &["add", "."], "2024-01-02T10:00:00Z");
    git(&book, &["commit", "-qm", "first"], "2024-01-02T10:00:00Z");
    book.write(
        "content/guides/new.md",
        page("New", None).replace("Text.", "More text."),
    );
    git(&book, &["commit", "-qam", "second"], "2025-03-04T10:00:00Z");
    book
}

fn last_changed(book: &Handbook, page: &str) -> Vec<String> {
    book.attrs(page, ".page-changed time", "datetime")
}

#[test]
fn a_page_shows_the_date_of_its_last_commit_unless_it_says_otherwise() {
    let book = repository().built();
    assert_eq!(last_changed(&book, "guides/old/"), ["2024-01-02"]);
    assert_eq!(last_changed(&book, "guides/new/"), ["2025-03-04"]);
    // A written `updated` wins over git.
    assert_eq!(last_changed(&book, "guides/dated/"), ["2023-05-06"]);
}

#[test]
fn without_git_or_a_repository_only_written_dates_show() {
    // The same files, not in a repository.
    let plain = Handbook::minimal();
    plain.write("content/guides/old.md", page("Old", None));
    plain.write("content/guides/dated.md", page("Dated", Some("2023-05-06")));
    let plain = plain.built();
    assert!(last_changed(&plain, "guides/old/").is_empty());
    assert_eq!(last_changed(&plain, "guides/dated/"), ["2023-05-06"]);

    // A repository, but no git on the PATH.
    let book = repository();
    let empty = tempfile::tempdir().unwrap();
    let run = Command::new(assert_cmd::cargo::cargo_bin("coachbook"))
        .args(["build", "--root"])
        .arg(book.root())
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(last_changed(&book, "guides/old/").is_empty());
    assert_eq!(last_changed(&book, "guides/dated/"), ["2023-05-06"]);
}

#[test]
fn git_dates_can_be_turned_off() {
    let book = repository();
    book.write(
        "site.toml",
        "title = \"Test Handbook\"\ngit_dates = false\n",
    );
    let book = book.built();
    assert!(last_changed(&book, "guides/old/").is_empty());
    assert_eq!(last_changed(&book, "guides/dated/"), ["2023-05-06"]);
}

#[test]
fn a_shallow_clone_shows_no_git_dates_rather_than_wrong_ones() {
    let book = repository();
    let clone = Handbook::empty();
    let source = format!("file://{}", book.root().display());
    git(
        &clone,
        &["clone", "-q", "--depth", "1", &source, "."],
        "2025-03-04T10:00:00Z",
    );
    let clone = clone.built();
    assert!(last_changed(&clone, "guides/old/").is_empty());
    assert_eq!(last_changed(&clone, "guides/dated/"), ["2023-05-06"]);
}

#[test]
fn edit_url_links_every_page_to_its_file() {
    let book = Handbook::minimal();
    book.write(
        "site.toml",
        "title = \"Test Handbook\"\nedit_url = \"https://example.com/h/edit/main/{path}\"\n",
    );
    book.write("content/guides/a page.md", page("A page", None));
    let book = book.built();
    assert_eq!(
        book.attrs("guides/a-page/", "a.edit-link", "href"),
        ["https://example.com/h/edit/main/content/guides/a%20page.md"]
    );
    assert_eq!(
        book.texts("guides/a-page/", "a.edit-link"),
        ["Edit this page"]
    );
}

#[test]
fn an_edit_url_without_its_path_or_not_on_the_web_is_an_error_at_its_line() {
    for (url, message) in [
        (
            "https://example.com/edit/main/",
            "`edit_url` has no `{path}`",
        ),
        ("example.com/{path}", "`edit_url` is not a web address"),
    ] {
        let book = Handbook::minimal();
        book.write(
            "site.toml",
            format!("title = \"T\"\nedit_url = \"{url}\"\n"),
        );
        book.build()
            .code(2)
            .error_at("site.toml:2", message)
            .error_count(1);
    }
}
