//! The preview session against fresh builds, edit by edit.

use std::fs;

use super::*;
use crate::artifact::slash;
use crate::stop::Stop;

const SCENARIO: &str = "---
title: The missed deadline
kind: scenario
summary: A late report.
duration: 20
roles:
  - id: manager
    name: Team lead
    brief: You found out from the client.
  - id: analyst
    name: Analyst
    brief: The data came late.
debrief:
  - ref: ../questions/grow.md#goal
---
The report was late.
";

fn page(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nsummary: About {title}.\n{extra}---\n{body}\n")
}

/// Where the handbook's listening guide is.
const LISTENING: &str = "content/guides/listening.md";

/// The listening guide with `title`, its body opening with `opening`.
fn listening(title: &str, opening: &str) -> String {
    page(
        title,
        "tags: [core]\n",
        &format!("{opening}\n\n## Why it matters\n\nBecause."),
    )
}

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

fn handbook() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.toml",
        "title = \"Test\"\n[taxonomies]\ntags = \"Tags\"\n",
    );
    write(
        root,
        "content/_index.md",
        "---\ntitle: Home\n---\nWelcome.\n",
    );
    write(
        root,
        "content/guides/_index.md",
        "---\ntitle: Guides\n---\nAll guides.\n",
    );
    write(root, LISTENING, &listening("Listening", "Listen first."));
    write(
        root,
        "content/guides/feedback.md",
        &page("Feedback", "", "See [why](listening.md#why-it-matters)."),
    );
    write(
        root,
        "content/other/_index.md",
        "---\ntitle: Other\n---\nMore.\n",
    );
    write(root, "content/other/intro.md", &page("Intro", "", "Hello."));
    write(
        root,
        "content/questions/grow.md",
        "---\ntitle: GROW\nkind: questions\nsummary: Questions.\nquestions:\n  - id: goal\n    text: What do you want?\n---\nAsk well.\n",
    );
    write(root, "content/scenarios/deadline.md", SCENARIO);
    let options = BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    };
    let session = Session::start(&options, Some("/")).expect("the handbook builds");
    assert!(!session.failed(), "{:?}", session.diagnostics());
    (dir, session)
}

/// The rendered outputs that are pages (not the print page, sitemap or exports).
fn pages(rendered: &[String]) -> Vec<&str> {
    rendered
        .iter()
        .map(String::as_str)
        .filter(|p| p.ends_with("index.html") && !p.starts_with("print/"))
        .collect()
}

fn edit(session: &mut Session, root: &Path, rel: &str, text: &str) -> Rebuild {
    let path = write(root, rel, text);
    session.apply(&[path])
}

/// The session's output, once deferred outputs are done (as the preview
/// loop does right after each rebuild), equals what a fresh start makes
/// of the same files.
fn assert_same_as_fresh(session: &mut Session, root: &Path) {
    session.render_deferred(&Stop::NEVER);
    let options = BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    };
    let fresh = Session::start(&options, Some("/")).unwrap();
    let keys: Vec<&String> = session.outputs().keys().collect();
    let fresh_keys: Vec<&String> = fresh.outputs().keys().collect();
    assert_eq!(keys, fresh_keys);
    for (path, contents) in fresh.outputs() {
        assert!(
            contents.same_as(&session.outputs()[path]),
            "{path} differs from a fresh build"
        );
    }
}

#[test]
fn a_session_makes_the_same_files_as_build() {
    let (dir, _) = handbook();
    assert_session_matches_build(BuildOptions {
        root: dir.path().to_path_buf(),
        ..BuildOptions::default()
    });
}

/// The sample handbook of this repository, in each way it is published:
/// build and the preview go through the same stages, so every byte agrees.
#[test]
fn the_sample_handbook_serves_the_same_files_as_build_in_every_edition() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let default = BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    };
    let portable = BuildOptions {
        portable: true,
        ..default.clone()
    };
    let participant = BuildOptions {
        edition: Some("participant".into()),
        ..default.clone()
    };
    for options in [default, portable, participant] {
        assert_session_matches_build(options);
    }
}

/// Builds with `options` into a temporary folder, starts a session with the
/// same options, and compares every output file's bytes.
fn assert_session_matches_build(options: BuildOptions) {
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        out: Some(out.path().join("site")),
        write: true,
        ..options
    };
    let report = crate::build::run_build(&options).unwrap();
    assert!(report.wrote, "{:?}", report.diagnostics);
    let session = Session::start(&options, None).unwrap();
    let mut written = Vec::new();
    for entry in walkdir::WalkDir::new(out.path().join("site")) {
        let entry = entry.unwrap();
        // The marker says a build made the folder; it is no page of the site.
        if entry.file_type().is_file() && entry.file_name() != crate::output::MARKER {
            let rel = entry.path().strip_prefix(out.path().join("site")).unwrap();
            written.push((slash(rel), fs::read(entry.path()).unwrap()));
        }
    }
    written.sort();
    let served: Vec<(String, Vec<u8>)> = session
        .outputs()
        .iter()
        .map(|(path, contents)| {
            let bytes = match contents {
                Contents::Bytes(bytes) => bytes.clone(),
                Contents::Embedded(bytes) => bytes.to_vec(),
                Contents::Copy(source) => fs::read(source).unwrap(),
            };
            (path.clone(), bytes)
        })
        .collect();
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&served), names(&written));
    for ((path, a), (_, b)) in served.iter().zip(&written) {
        assert!(a == b, "{path} differs between build and the session");
    }
}

#[test]
fn a_body_edit_renders_only_its_own_page_then_the_print_page() {
    let (dir, mut session) = handbook();
    let rebuild = edit(
        &mut session,
        dir.path(),
        LISTENING,
        &listening("Listening", "Listen fully."),
    );
    assert_eq!(rebuild.kind, RebuildKind::Pages);
    // A guide's presentation is its own: it renders with the page. Its
    // presenter window names the sections and holds the notes, which this
    // edit leaves as they were, so it keeps its output.
    let own = [
        "guides/listening/index.html",
        "guides/listening/present/index.html",
    ];
    assert_eq!(rebuild.rendered, own);
    assert_eq!(rebuild.changed, own);
    assert!(rebuild.deferred && !rebuild.failed);
    let Deferred::Paths(later) = session.deferred_outputs() else {
        panic!("only some outputs wait")
    };
    assert!(later.contains(&"print/index.html".to_string()));
    assert!(later.contains(&"search/index.js".to_string()));
    let rest = session.render_deferred(&Stop::NEVER);
    assert_eq!(pages(&rest.rendered), Vec::<&str>::new());
    assert!(rest.rendered.contains(&"print/index.html".to_string()));
    assert!(rest.changed.contains(&"print/index.html".to_string()));
    assert!(!session.has_deferred());
    assert_same_as_fresh(&mut session, dir.path());
}

#[test]
fn a_scenario_body_edit_renders_its_role_cards_and_cards_page_too() {
    let (dir, mut session) = handbook();
    let rebuild = edit(
        &mut session,
        dir.path(),
        "content/scenarios/deadline.md",
        &SCENARIO.replace("The report was late.", "The report was a week late."),
    );
    assert_eq!(rebuild.kind, RebuildKind::Pages);
    assert_eq!(
        rebuild.rendered,
        vec![
            "scenarios/deadline/cards/index.html",
            "scenarios/deadline/index.html",
            "scenarios/deadline/roles/analyst/index.html",
            "scenarios/deadline/roles/manager/index.html",
        ]
    );
    session.render_deferred(&Stop::NEVER);
    assert_same_as_fresh(&mut session, dir.path());
}

#[test]
fn a_body_edit_renders_only_its_own_print_page_and_its_gathered_page_comes_and_goes() {
    let (dir, mut session) = handbook();
    // 320 more pages: the handbook prints on two pages, the last notes on the second.
    for i in 0..320 {
        write(
            dir.path(),
            &format!("content/notes/n{i:03}.md"),
            &page(&format!("Note {i:03}"), "", "Text."),
        );
    }
    let paths: Vec<PathBuf> = (0..320)
        .map(|i| dir.path().join(format!("content/notes/n{i:03}.md")))
        .collect();
    session.apply(&paths);
    session.render_deferred(&Stop::NEVER);
    assert!(session.outputs().contains_key("notes/print/index.html"));
    let exercise = "Text.\n\n:::exercise\nTry it.\n:::\n";
    edit(
        &mut session,
        dir.path(),
        "content/notes/n319.md",
        &page("Note 319", "", exercise),
    );
    let Deferred::Paths(later) = session.deferred_outputs() else {
        panic!("only some outputs wait")
    };
    // Its print page and the gathered pages' first pages, not the other print pages.
    assert!(
        later.contains(&"notes/print/2/index.html".to_string()),
        "{later:?}"
    );
    assert!(
        !later.contains(&"notes/print/index.html".to_string()),
        "{later:?}"
    );
    assert!(
        !later.contains(&"print/index.html".to_string()),
        "{later:?}"
    );
    let rest = session.render_deferred(&Stop::NEVER);
    let made: Vec<&String> = rest
        .rendered
        .iter()
        .filter(|p| p.starts_with("exercises/"))
        .collect();
    assert_eq!(made.len(), 2, "{made:?}");
    assert_same_as_fresh(&mut session, dir.path());
    // Without its only exercise, the page's gathered page goes.
    edit(
        &mut session,
        dir.path(),
        "content/notes/n319.md",
        &page("Note 319", "", "Text."),
    );
    let gathered = made
        .iter()
        .find(|p| p.as_str() != "exercises/index.html")
        .unwrap();
    assert!(!session.outputs().contains_key(gathered.as_str()));
    assert_same_as_fresh(&mut session, dir.path());
}

#[test]
fn deferred_work_asked_to_stop_keeps_what_is_left_for_later() {
    use std::sync::atomic::AtomicBool;
    let (dir, mut session) = handbook();
    let raised = AtomicBool::new(true);
    // A body edit leaves the print page and the search index for later.
    edit(
        &mut session,
        dir.path(),
        LISTENING,
        &listening("Listening", "Listen with care."),
    );
    let print = "print/index.html".to_string();
    let before = session.outputs()[&print].clone();
    let stopped = session.render_deferred(&Stop::when(&raised));
    assert!(stopped.deferred && !stopped.failed);
    assert!(stopped.rendered.is_empty(), "{:?}", stopped.rendered);
    assert!(session.outputs()[&print].same_as(&before));
    let Deferred::Paths(later) = session.deferred_outputs() else {
        panic!("the print page still waits")
    };
    assert!(later.contains(&print));
    // A title edit made meanwhile turns it into a full pass, which stops too.
    edit(
        &mut session,
        dir.path(),
        LISTENING,
        &listening("Deep listening", "Listen with care."),
    );
    let stopped = session.render_deferred(&Stop::when(&raised));
    assert!(stopped.deferred);
    assert!(matches!(session.deferred_outputs(), Deferred::AllBut(_)));
    // Run to the end, it leaves what a fresh start makes.
    let rest = session.render_deferred(&Stop::NEVER);
    assert!(!rest.deferred && rest.changed.contains(&print));
    assert_same_as_fresh(&mut session, dir.path());
}

#[test]
fn a_title_edit_renders_the_pages_that_show_the_title() {
    let (dir, mut session) = handbook();
    let rebuild = edit(
        &mut session,
        dir.path(),
        LISTENING,
        &listening("Deep listening", "Listen first."),
    );
    assert_eq!(rebuild.kind, RebuildKind::Site);
    // First the page itself (and its presentation), so the author sees it
    // at once; every other page waits for the full pass.
    assert_eq!(
        rebuild.rendered,
        vec![
            "guides/listening/index.html",
            "guides/listening/present/index.html",
            "guides/listening/present/presenter/index.html",
        ]
    );
    assert!(rebuild.deferred);
    let Deferred::AllBut(fresh) = session.deferred_outputs() else {
        panic!("after a site rebuild every other page waits")
    };
    assert!(fresh.contains(&"guides/listening/index.html".to_string()));
    assert!(!fresh.contains(&"guides/index.html".to_string()));
    // The full pass renders the views that show the title: the section's
    // listing, the sibling's sidebar and previous/next links, the tag's
    // listing, and the print page.
    let rest = session.render_deferred(&Stop::NEVER);
    assert_eq!(rest.kind, RebuildKind::Site);
    let rendered = pages(&rest.rendered);
    for expected in [
        "guides/index.html",
        "guides/feedback/index.html",
        "tags/core/index.html",
    ] {
        assert!(rendered.contains(&expected), "{expected} in {rendered:?}");
    }
    // Pages in other sections show neither the title nor the page.
    for unaffected in [
        "guides/listening/index.html",
        "other/intro/index.html",
        "questions/grow/index.html",
        "index.html",
    ] {
        assert!(
            !rendered.contains(&unaffected),
            "{unaffected} in {rendered:?}"
        );
    }
    assert!(rest.changed.contains(&"print/index.html".to_string()));
    assert!(!session.has_deferred());
    assert_same_as_fresh(&mut session, dir.path());
}

#[test]
fn a_body_edit_while_the_full_pass_waits_is_served_at_once() {
    let (dir, mut session) = handbook();
    let root = dir.path();
    let retitled = edit(
        &mut session,
        root,
        LISTENING,
        &listening("Deep listening", "Listen first."),
    );
    assert!(retitled.deferred);
    let body = edit(
        &mut session,
        root,
        "content/other/intro.md",
        &page("Intro", "", "Hello there."),
    );
    assert_eq!(body.kind, RebuildKind::Pages);
    let Deferred::AllBut(fresh) = session.deferred_outputs() else {
        panic!("the full pass still waits")
    };
    assert!(fresh.contains(&"other/intro/index.html".to_string()));
    assert!(fresh.contains(&"guides/listening/index.html".to_string()));
    assert_same_as_fresh(&mut session, root);
}

#[test]
fn a_template_edit_renders_everything() {
    let (dir, mut session) = handbook();
    let before = session.outputs().len();
    let rebuild = edit(
        &mut session,
        dir.path(),
        "templates/404.html",
        "<!doctype html><p>Lost</p>",
    );
    assert_eq!(rebuild.kind, RebuildKind::Templates);
    let every_page = session
        .outputs()
        .iter()
        .filter(|(path, contents)| {
            path.ends_with(".html") && matches!(contents, Contents::Bytes(_))
        })
        .count();
    assert_eq!(
        pages(&rebuild.rendered).len() + 2,
        every_page,
        "all pages, print and 404 too"
    );
    assert_eq!(rebuild.changed, vec!["404.html"]);
    assert_eq!(session.outputs().len(), before);
    assert_same_as_fresh(&mut session, dir.path());
}

#[test]
fn pages_added_renamed_and_deleted_update_the_navigation_and_the_output() {
    let (dir, mut session) = handbook();
    let root = dir.path();
    let added = edit(
        &mut session,
        root,
        "content/guides/silence.md",
        &page("Silence", "", "Wait."),
    );
    assert_eq!(added.kind, RebuildKind::Site);
    assert!(
        added
            .changed
            .contains(&"guides/silence/index.html".to_string())
    );
    let rest = session.render_deferred(&Stop::NEVER);
    assert!(rest.changed.contains(&"guides/index.html".to_string()));

    fs::rename(
        root.join("content/guides/silence.md"),
        root.join("content/guides/pauses.md"),
    )
    .unwrap();
    let renamed = session.apply(&[
        root.join("content/guides/silence.md"),
        root.join("content/guides/pauses.md"),
    ]);
    // The page goes, and its presentation with it.
    assert_eq!(
        renamed.removed,
        vec![
            "guides/silence/index.html",
            "guides/silence/present/index.html",
            "guides/silence/present/presenter/index.html",
        ]
    );
    assert!(
        renamed
            .changed
            .contains(&"guides/pauses/index.html".to_string())
    );

    fs::remove_file(root.join("content/guides/pauses.md")).unwrap();
    let deleted = session.apply(&[root.join("content/guides/pauses.md")]);
    assert_eq!(
        deleted.removed,
        vec![
            "guides/pauses/index.html",
            "guides/pauses/present/index.html",
            "guides/pauses/present/presenter/index.html",
        ]
    );
    session.render_deferred(&Stop::NEVER);
    let Contents::Bytes(section) = &session.outputs()["guides/index.html"] else {
        panic!("a rendered page")
    };
    assert!(!String::from_utf8_lossy(section).contains("Silence"));
    assert_same_as_fresh(&mut session, root);

    // A folder moved: only the folder is reported, its pages move along.
    fs::rename(root.join("content/other"), root.join("content/more")).unwrap();
    let moved = session.apply(&[root.join("content/other"), root.join("content/more")]);
    assert_eq!(moved.kind, RebuildKind::Site);
    assert!(
        moved
            .removed
            .contains(&"other/intro/index.html".to_string())
    );
    assert!(moved.changed.contains(&"more/intro/index.html".to_string()));
    assert_same_as_fresh(&mut session, root);
}

#[test]
fn a_broken_page_keeps_the_last_good_output_until_it_is_fixed() {
    let (dir, mut session) = handbook();
    let root = dir.path();
    // A body edit leaves the print page for later...
    let body = edit(
        &mut session,
        root,
        "content/other/intro.md",
        &page("Intro", "", "Hello, world."),
    );
    assert!(body.deferred);
    let good = session.outputs().clone();
    // ...and then a save breaks the page.
    let broken = edit(
        &mut session,
        root,
        "content/other/intro.md",
        "---
title: [oops
---
",
    );
    assert!(broken.failed);
    assert!(broken.changed.is_empty() && broken.removed.is_empty());
    assert!(broken.needs_reload(), "the overlay must appear");
    assert!(
        broken
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.path == Path::new("content/other/intro.md"))
    );
    assert_eq!(session.outputs().len(), good.len());
    // Deferred work is dropped while broken, so the preview loop does
    // not keep trying it; the fix schedules it again.
    session.render_deferred(&Stop::NEVER);
    assert!(!session.has_deferred());
    // Another edit while broken still changes nothing in the output.
    let still = edit(
        &mut session,
        root,
        "content/guides/feedback.md",
        &page("Feedback", "", "Later."),
    );
    assert!(still.failed && still.changed.is_empty());

    let fixed = edit(
        &mut session,
        root,
        "content/other/intro.md",
        &page("Intro", "", "Hello again."),
    );
    assert!(!fixed.failed);
    assert!(
        fixed
            .changed
            .contains(&"other/intro/index.html".to_string())
    );
    // The edit made while broken reaches its page in the full pass.
    let rest = session.render_deferred(&Stop::NEVER);
    assert!(
        rest.changed
            .contains(&"guides/feedback/index.html".to_string())
    );
    assert!(fixed.diagnostics.iter().all(|d| !d.is_error()));
    assert_same_as_fresh(&mut session, root);
}

#[test]
fn a_save_that_changes_nothing_renders_nothing() {
    let (dir, mut session) = handbook();
    let root = dir.path();
    let same = fs::read_to_string(root.join("content/other/intro.md")).unwrap();
    let rebuild = edit(&mut session, root, "content/other/intro.md", &same);
    assert_eq!(rebuild.kind, RebuildKind::Nothing);
    assert!(!rebuild.needs_reload());
    let ignored = session.apply(&[
        root.join("content/other/.intro.md.swp"),
        root.join("content/other/intro.md~"),
        root.join("public/index.html"),
        root.join("notes.txt"),
    ]);
    assert_eq!(ignored.kind, RebuildKind::Nothing);
}

#[test]
fn a_static_file_change_only_reloads() {
    let (dir, mut session) = handbook();
    let root = dir.path();
    let added = edit(&mut session, root, "static/logo.svg", "<svg/>");
    assert_eq!(added.kind, RebuildKind::Static);
    assert_eq!(added.changed, vec!["logo.svg"]);
    assert!(added.rendered.is_empty());
    let modified = edit(&mut session, root, "static/logo.svg", "<svg></svg>");
    assert_eq!(modified.changed, vec!["logo.svg"]);
    fs::remove_file(root.join("static/logo.svg")).unwrap();
    let removed = session.apply(&[root.join("static/logo.svg")]);
    assert_eq!(removed.removed, vec!["logo.svg"]);
}

#[test]
fn a_site_toml_change_starts_over_and_a_broken_one_keeps_the_output() {
    let (dir, mut session) = handbook();
    let root = dir.path();
    let renamed = edit(
        &mut session,
        root,
        "site.toml",
        "title = \"Renamed\"\n[taxonomies]\ntags = \"Tags\"\n",
    );
    assert_eq!(renamed.kind, RebuildKind::Everything);
    assert!(!renamed.failed);
    let broken = edit(&mut session, root, "site.toml", "titel = \"Oops\"\n");
    assert!(broken.failed);
    assert!(
        broken
            .diagnostics
            .iter()
            .any(|d| d.path == Path::new("site.toml"))
    );
    assert!(!session.outputs().is_empty());
    // A page edit waits for site.toml to be fixed.
    let waiting = edit(
        &mut session,
        root,
        "content/other/intro.md",
        &page("Intro", "", "Hi."),
    );
    assert!(waiting.failed);
    let fixed = edit(
        &mut session,
        root,
        "site.toml",
        "title = \"Fixed\"\n[taxonomies]\ntags = \"Tags\"\n",
    );
    assert!(!fixed.failed);
    assert_same_as_fresh(&mut session, root);
}

#[test]
fn a_session_pack_follows_edits_of_its_material_and_goes_with_its_file() {
    let (dir, mut session) = handbook();
    let root = dir.path();
    let plan = "---\ntitle: Workshop\nkind: session\nsummary: A morning.\nduration: 30\nagenda:\n  - { minutes: 10, guide: ../guides/listening.md }\n  - { minutes: 20, scenario: ../scenarios/deadline.md, groups: 2 }\n---\nOverview.\n";
    edit(&mut session, root, "content/sessions/workshop.md", plan);
    assert_same_as_fresh(&mut session, root);
    assert!(
        session
            .outputs()
            .contains_key("sessions/workshop/pack/index.html")
    );
    // A body edit of a guide the session uses reaches its pack.
    edit(
        &mut session,
        root,
        LISTENING,
        &listening("Listening", "Listen twice."),
    );
    assert_same_as_fresh(&mut session, root);
    let pack = &session.outputs()["sessions/workshop/pack/index.html"];
    let Contents::Bytes(bytes) = pack else {
        panic!("a rendered pack")
    };
    assert!(String::from_utf8_lossy(bytes).contains("Listen twice."));
    // A body edit of its scenario reaches its presentation, which shows the situation.
    edit(
        &mut session,
        root,
        "content/scenarios/deadline.md",
        &SCENARIO.replace("The report was late.", "The report was a week late."),
    );
    assert_same_as_fresh(&mut session, root);
    let room = &session.outputs()["sessions/workshop/present/index.html"];
    let Contents::Bytes(bytes) = room else {
        panic!("a rendered presentation")
    };
    assert!(String::from_utf8_lossy(bytes).contains("a week late"));
    // Without its file, the session's pack and handout are gone.
    let path = root.join("content/sessions/workshop.md");
    fs::remove_file(&path).unwrap();
    session.apply(&[path]);
    assert_same_as_fresh(&mut session, root);
    assert!(
        !session
            .outputs()
            .contains_key("sessions/workshop/pack/index.html")
    );
}

#[test]
fn a_page_that_becomes_a_draft_or_moves_takes_its_assets_with_it() {
    let (dir, mut session) = handbook();
    let root = dir.path();
    write(
        root,
        "content/guides/mapping/index.md",
        &page("Mapping", "", "![A map](map.svg)"),
    );
    write(
        root,
        "content/guides/mapping/map.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    session.apply(&[
        root.join("content/guides/mapping/index.md"),
        root.join("content/guides/mapping/map.svg"),
    ]);
    assert!(session.outputs().contains_key("guides/mapping/map.svg"));
    assert_same_as_fresh(&mut session, root);

    edit(
        &mut session,
        root,
        "content/guides/mapping/index.md",
        &page("Mapping", "draft: true\n", "![A map](map.svg)"),
    );
    assert!(!session.outputs().contains_key("guides/mapping/map.svg"));
    assert_same_as_fresh(&mut session, root);

    edit(
        &mut session,
        root,
        "content/guides/mapping/index.md",
        &page("Mapping", "slug: maps\n", "![A map](map.svg)"),
    );
    assert!(session.outputs().contains_key("guides/maps/map.svg"));
    assert_same_as_fresh(&mut session, root);
}

/// A title edit is made in place: the page moves among its section's pages
/// (sorted by title), previous and next follow, and the tag's page lists it
/// by its new title, exactly as a fresh build would. A handbook with a
/// wikilink, which may name pages by their titles, is built again instead,
/// with the same result.
#[test]
fn a_title_edit_that_reorders_a_section_matches_a_fresh_build() {
    let (dir, mut session) = handbook();
    let root = dir.path();
    edit(
        &mut session,
        root,
        "content/guides/asking.md",
        &page("Asking", "tags: [core]\n", "Ask."),
    );
    session.render_deferred(&Stop::NEVER);
    let guides = |session: &Session| -> Vec<String> {
        let site = &session.site;
        site.reading_order
            .iter()
            .map(|&id| site.page(id))
            .filter(|page| page.url.starts_with("guides/") && page.url != "guides/")
            .map(|page| page.title.clone())
            .collect()
    };
    assert_eq!(guides(&session), ["Asking", "Feedback", "Listening"]);
    let retitled = edit(
        &mut session,
        root,
        LISTENING,
        "---\ntitle: >-\n  Active\n  listening\nsummary: About Listening.\ntags: [core]\n---\nListen first.\n\n## Why it matters\n\nBecause.\n",
    );
    assert_eq!(retitled.kind, RebuildKind::Site);
    assert_eq!(guides(&session), ["Active listening", "Asking", "Feedback"]);
    assert_same_as_fresh(&mut session, root);

    edit(
        &mut session,
        root,
        "content/other/intro.md",
        &page("Intro", "", "See [[feedback]]."),
    );
    session.render_deferred(&Stop::NEVER);
    edit(
        &mut session,
        root,
        LISTENING,
        &listening("Zen listening", "Listen first."),
    );
    assert_eq!(guides(&session), ["Asking", "Feedback", "Zen listening"]);
    assert_same_as_fresh(&mut session, root);
}
