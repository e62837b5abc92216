//! `init` and `new`: what they write builds cleanly.

use crate::support::Handbook;

#[test]
fn init_creates_a_handbook_that_builds_cleanly() {
    let book = Handbook::empty();
    let run = book.run(&["init", "handbook"]);
    run.success();
    let root = book.path("handbook");
    let build = book.run(&["build", "--root", root.to_str().unwrap()]);
    build.success();
    assert!(
        build.stdout.contains("0 errors, 0 warnings"),
        "{}",
        build.stdout
    );
    // One page of each kind.
    for kind in ["1 guide,", "1 question bank,", "1 scenario"] {
        assert!(build.stdout.contains(kind), "{}", build.stdout);
    }
    assert!(root.join("public/index.html").is_file());
}

#[test]
fn init_refuses_an_existing_handbook() {
    let book = Handbook::fixture("output/site");
    let before = book.snapshot("");
    let run = book.run(&["init", "."]);
    run.code(2).stderr_has("already exists");
    assert_eq!(
        book.snapshot(""),
        before,
        "init changed an existing handbook"
    );
}

#[test]
fn init_twice_in_one_folder_is_refused() {
    let book = Handbook::empty();
    book.run(&["init", "h"]).success();
    book.write(
        "h/content/guides/listening.md",
        "---\ntitle: Mine\n---\nMine.\n",
    );
    book.run(&["init", "h"]).code(2);
    assert_eq!(
        std::fs::read_to_string(book.path("h/content/guides/listening.md")).unwrap(),
        "---\ntitle: Mine\n---\nMine.\n"
    );
}

/// Runs `new <kind> <path> --title <title>` in a minimal handbook, then builds it.
pub(crate) fn new_page(kind: &str, path: &str, title: &str) -> Handbook {
    let book = Handbook::minimal();
    let root = book.root().to_str().unwrap().to_string();
    book.run(&["new", kind, path, "--title", title, "--root", &root])
        .success();
    let build = book.build();
    build.success();
    assert!(
        build.stdout.contains("0 errors, 0 warnings"),
        "{}",
        build.stdout
    );
    book
}

#[test]
fn new_guide_builds_cleanly_with_its_title() {
    let book = new_page("guide", "guides/feedback.md", "Giving feedback");
    assert!(book.path("content/guides/feedback.md").is_file());
    assert_eq!(
        book.texts("guides/feedback/", "main h1"),
        ["Giving feedback"]
    );
}

#[test]
fn new_question_bank_builds_cleanly_with_its_title() {
    let book = new_page("questions", "questions/grow.md", "GROW questions");
    assert_eq!(book.texts("questions/grow/", "main h1"), ["GROW questions"]);
    assert!(
        !book
            .select("questions/grow/", "main li.question")
            .is_empty()
    );
}

#[test]
fn new_scenario_builds_cleanly_with_its_title_and_role_cards() {
    let book = new_page("scenario", "scenarios/late.md", "The late report");
    assert_eq!(
        book.texts("scenarios/late/", "main h1"),
        ["The late report"]
    );
    let cards = book.attrs("scenarios/late/", "main .role-list a", "href");
    assert!(cards.len() >= 2, "{cards:?}");
    for card in cards {
        assert!(book.exists(&format!("scenarios/late/{card}")), "{card}");
    }
}

#[test]
fn new_page_title_with_colon_and_quotes_survives_yaml() {
    let title = r#"Feedback: the "SBI" model, 'simply' put"#;
    let book = new_page("guide", "guides/sbi.md", title);
    assert_eq!(book.texts("guides/sbi/", "main h1"), [title]);
}

#[test]
fn new_refuses_to_overwrite_a_file() {
    let book = Handbook::fixture("output/site");
    let root = book.root().to_str().unwrap().to_string();
    let before = book.snapshot("");
    book.run(&[
        "new",
        "guide",
        "guides/one.md",
        "--title",
        "X",
        "--root",
        &root,
    ])
    .code(2)
    .stderr_has("already exists");
    assert_eq!(book.snapshot(""), before);
}

/// Runs `new guide <path>` in the handbook at `book/` and asserts it was
/// refused and wrote nothing anywhere in the temporary folder.
fn assert_new_refused(book: &Handbook, path: &str) {
    let before = book.snapshot("");
    book.run(&["new", "guide", path, "--root", "book"])
        .code(2)
        .stderr_has("outside content/");
    assert_eq!(book.snapshot(""), before, "a refused `new` wrote a file");
    assert!(book.path("book/site.toml").is_file() && book.path("book/content").is_dir());
}

fn handbook_in_a_subfolder() -> Handbook {
    let book = Handbook::empty();
    book.write("book/site.toml", "title = \"T\"\n");
    book.write("book/content/a.md", "---\ntitle: A\n---\nA.\n");
    book
}

#[test]
fn new_refuses_a_path_that_climbs_out_of_content() {
    let book = handbook_in_a_subfolder();
    assert_new_refused(&book, "../x.md");
    assert_new_refused(&book, "guides/../../../x.md");
    assert!(!book.path("book/x.md").exists() && !book.path("x.md").exists());
}

#[test]
fn new_refuses_an_absolute_path() {
    let book = handbook_in_a_subfolder();
    let target = book.path("elsewhere.md");
    assert_new_refused(&book, target.to_str().unwrap());
    assert!(!target.exists());
}

#[test]
fn new_refuses_a_path_through_a_symlink_out_of_content() {
    let book = handbook_in_a_subfolder();
    std::fs::create_dir(book.path("outside")).unwrap();
    std::os::unix::fs::symlink(book.path("outside"), book.path("book/content/out")).unwrap();
    assert_new_refused(&book, "out/x.md");
    assert!(!book.path("outside/x.md").exists());
}
