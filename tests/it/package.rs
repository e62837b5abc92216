//! `build --package zip`: the portable build as one zip beside the output
//! folder, holding every file of that build and nothing else, written whole
//! or not at all; and the files that publish a handbook from CI.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::support::Handbook;

/// The search fixture, with a binary file among its static files.
fn handbook() -> Handbook {
    let book = Handbook::fixture("search/handbook");
    let bytes: Vec<u8> = (0..=255).cycle().take(5000).collect();
    book.write("static/images/logo.png", bytes);
    book
}

/// Every entry of the zip at `path`: name → bytes. Folders have no entries.
pub fn zip_entries(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let file = fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entries = BTreeMap::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().unwrap().into_owned();
        assert!(!entry.is_dir(), "a folder entry: {name}");
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        assert!(
            entries.insert(name.clone(), bytes).is_none(),
            "{name} is in the zip twice"
        );
    }
    entries
}

/// The files of a build folder, as the zip names them, without the build's marker.
fn folder_entries(book: &Handbook, folder: &str) -> BTreeMap<String, Vec<u8>> {
    book.snapshot(folder)
        .into_iter()
        .map(|(path, bytes)| (path.to_string_lossy().replace('\\', "/"), bytes))
        .filter(|(name, _)| name != ".coachbook-output")
        .collect()
}

/// The handbook's root folder after a zip was built: the zip and nothing else beside the sources.
const WITH_ZIP: [&str; 4] = ["content", "public.zip", "site.toml", "static"];

/// The names in the handbook's root folder, sorted.
fn root_names(book: &Handbook) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(book.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_zip_holds_every_file_of_the_portable_build_and_nothing_else() {
    for edition in [None, Some("participant")] {
        let book = handbook();
        let edition_flags: Vec<&str> = edition.map_or(vec![], |e| vec!["--edition", e]);
        let run = book.build_with(&[&["--package", "zip"], edition_flags.as_slice()].concat());
        run.success();
        assert!(run.stdout.contains("public.zip"), "{}", run.stdout);
        // The output folder itself is not written: the zip is the result.
        assert_eq!(root_names(&book), WITH_ZIP);

        book.build_with(
            &[
                &["--portable", "--out", "portable"],
                edition_flags.as_slice(),
            ]
            .concat(),
        )
        .success();
        let expected = folder_entries(&book, "portable");
        let zipped = zip_entries(&book.path("public.zip"));
        assert_eq!(
            zipped.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>(),
            "{edition:?}"
        );
        assert!(zipped == expected, "a file's bytes differ ({edition:?})");
        for needed in [
            "index.html",
            "search/index.js",
            "search/p0.js",
            "search/d0.js",
            "exports/questions.csv",
            "images/logo.png",
            "404.html",
        ] {
            assert!(zipped.contains_key(needed), "{needed} is missing");
        }
        // Portable: page links end in index.html.
        let home = String::from_utf8(zipped["index.html"].clone()).unwrap();
        assert!(home.contains("guides/index.html"), "{home}");
        let facilitator = zipped.contains_key("trainers/running/index.html");
        assert_eq!(facilitator, edition.is_none(), "{edition:?}");
    }
}

#[test]
fn the_zip_goes_beside_the_chosen_output_folder_and_leaves_that_folder_alone() {
    let book = handbook().built();
    let before = book.snapshot("public");
    book.build_with(&["--package", "zip"]).success();
    assert_eq!(book.snapshot("public"), before, "the output folder changed");
    assert!(book.path("public.zip").is_file());

    book.build_with(&["--package", "zip", "--out", "site/v2"])
        .success();
    assert!(book.path("site/v2.zip").is_file());
    assert!(!book.path("site/v2").exists());
    assert_eq!(
        zip_entries(&book.path("site/v2.zip")),
        zip_entries(&book.path("public.zip"))
    );
}

#[test]
fn a_failed_build_leaves_the_previous_zip_as_it_was_and_nothing_beside_it() {
    let book = handbook();
    book.build_with(&["--package", "zip"]).success();
    let before = fs::read(book.path("public.zip")).unwrap();
    book.write(
        "content/guides/broken.md",
        "---\ntitle: Broken\n---\nSee [nowhere](nowhere.md).\n",
    );
    book.build_with(&["--package", "zip"])
        .code(1)
        .error_at("content/guides/broken.md:4", "`nowhere.md`");
    assert_eq!(fs::read(book.path("public.zip")).unwrap(), before);
    assert_eq!(root_names(&book), WITH_ZIP);
}

#[test]
fn a_folder_in_the_zips_place_is_an_error_and_stays_as_it_was() {
    let book = handbook();
    book.write("public.zip/mine.txt", "mine");
    let run = book.build_with(&["--package", "zip"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    run.stderr_has("could not write").stderr_has("public.zip");
    assert_eq!(
        fs::read_to_string(book.path("public.zip/mine.txt")).unwrap(),
        "mine"
    );
    assert_eq!(root_names(&book), WITH_ZIP);
}

#[test]
fn an_unknown_package_format_is_refused_with_the_known_ones() {
    let book = handbook();
    book.build_with(&["--package", "tarball"])
        .code(2)
        .stderr_has("invalid value 'tarball'")
        .stderr_has("zip");
    assert_eq!(root_names(&book), ["content", "site.toml", "static"]);
}

#[test]
fn version_prints_the_crates_version() {
    let run = Handbook::empty().run(&["--version"]);
    run.success();
    assert_eq!(
        run.stdout.trim(),
        format!("coachbook {}", env!("CARGO_PKG_VERSION"))
    );
}

/// A CI file from the repository's `examples/ci/`, parsed as YAML.
fn ci_file(name: &str) -> serde_yaml::Value {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "examples/ci", name]
        .iter()
        .collect();
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name} is not YAML: {e}"))
}

/// The string at `path` (keys and list indices) in `value`.
#[track_caller]
fn text_at<'a>(value: &'a serde_yaml::Value, path: &[&str]) -> &'a str {
    let mut here = value;
    for key in path {
        here = match key.parse::<usize>() {
            Ok(index) => &here[index],
            Err(_) => &here[*key],
        };
    }
    here.as_str()
        .unwrap_or_else(|| panic!("no text at {}: {here:?}", path.join(".")))
}

/// The steps (GitHub) or script lines (GitLab) of a job, as YAML values.
#[track_caller]
fn list_at<'a>(value: &'a serde_yaml::Value, path: &[&str]) -> &'a [serde_yaml::Value] {
    let mut here = value;
    for key in path {
        here = &here[*key];
    }
    here.as_sequence()
        .unwrap_or_else(|| panic!("no list at {}: {here:?}", path.join(".")))
}

#[test]
fn the_github_pages_workflow_builds_strictly_and_deploys_the_site_to_pages() {
    let workflow = ci_file("github-pages.yml");
    assert!(workflow["on"]["push"]["branches"].is_sequence());
    // Pages deploys with an OIDC token and write access to Pages.
    assert_eq!(text_at(&workflow, &["permissions", "pages"]), "write");
    assert_eq!(text_at(&workflow, &["permissions", "id-token"]), "write");
    assert_eq!(
        text_at(&workflow, &["env", "COACHBOOK_VERSION"]),
        env!("CARGO_PKG_VERSION")
    );

    let steps = list_at(&workflow, &["jobs", "build", "steps"]);
    let uses = |action: &str| {
        steps
            .iter()
            .position(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(action)))
            .unwrap_or_else(|| panic!("no step uses {action}"))
    };
    let runs = |command: &str| {
        steps
            .iter()
            .position(|s| s["run"].as_str().is_some_and(|r| r.contains(command)))
            .unwrap_or_else(|| panic!("no step runs {command}"))
    };
    let (checkout, cache, install) = (
        uses("actions/checkout@"),
        uses("actions/cache@"),
        runs("cargo install coachbook"),
    );
    let (build, upload) = (
        runs("coachbook build --strict --out public"),
        uses("actions/upload-pages-artifact@"),
    );
    assert!(checkout < cache && cache < install && install < build && build < upload);
    // The install runs only when the cache missed, and the cache holds what it installs.
    let cache_id = text_at(&steps[cache], &["id"]);
    assert!(
        text_at(&steps[install], &["if"]).contains(&format!("steps.{cache_id}.outputs.cache-hit"))
    );
    assert_eq!(
        text_at(&steps[cache], &["with", "path"]),
        "~/.cargo/bin/coachbook"
    );
    assert!(text_at(&steps[cache], &["with", "key"]).contains("env.COACHBOOK_VERSION"));
    assert_eq!(text_at(&steps[upload], &["with", "path"]), "public");

    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(text_at(deploy, &["needs"]), "build");
    assert_eq!(text_at(deploy, &["environment", "name"]), "github-pages");
    let deploy_steps = list_at(deploy, &["steps"]);
    assert!(text_at(&deploy_steps[0], &["uses"]).starts_with("actions/deploy-pages@"));
    assert_eq!(
        text_at(deploy, &["environment", "url"]),
        format!(
            "${{{{ steps.{}.outputs.page_url }}}}",
            text_at(&deploy_steps[0], &["id"])
        )
    );
}

#[test]
fn the_gitlab_ci_file_builds_strictly_into_the_public_folder_of_a_pages_job() {
    let ci = ci_file("gitlab-ci.yml");
    assert_eq!(
        text_at(&ci, &["variables", "COACHBOOK_VERSION"]),
        env!("CARGO_PKG_VERSION")
    );
    // GitLab Pages publishes the `public` artifact of the job named `pages`.
    let pages = &ci["pages"];
    assert_eq!(text_at(pages, &["artifacts", "paths", "0"]), "public");
    let script: Vec<&str> = list_at(pages, &["script"])
        .iter()
        .map(|line| line.as_str().expect("script lines are text"))
        .collect();
    let line = |command: &str| {
        script
            .iter()
            .position(|l| l.contains(command))
            .unwrap_or_else(|| panic!("no script line runs {command}: {script:?}"))
    };
    assert!(line("cargo install coachbook") < line("coachbook build --strict --out public"));
    // The install is skipped when the cached binary is there.
    assert!(script[line("cargo install coachbook")].starts_with("command -v coachbook ||"));
    assert_eq!(
        text_at(&ci, &["variables", "CARGO_HOME"]),
        "$CI_PROJECT_DIR/.cargo"
    );
    assert_eq!(text_at(pages, &["cache", "paths", "0"]), ".cargo/bin/");
    assert!(text_at(pages, &["cache", "key"]).contains("$COACHBOOK_VERSION"));
    assert!(text_at(pages, &["image"]).starts_with("rust"));
}

#[test]
fn init_with_ci_writes_the_service_file_and_a_handbook_that_passes_its_build() {
    for (service, rel, example) in [
        ("github", ".github/workflows/pages.yml", "github-pages.yml"),
        ("gitlab", ".gitlab-ci.yml", "gitlab-ci.yml"),
    ] {
        let book = Handbook::empty();
        let run = book.run(&["init", "handbook", "--ci", service]);
        run.success();
        assert!(run.stdout.contains(rel), "{}", run.stdout);
        let written = fs::read_to_string(book.path("handbook").join(rel)).unwrap();
        let example: PathBuf = [env!("CARGO_MANIFEST_DIR"), "examples/ci", example]
            .iter()
            .collect();
        assert_eq!(written, fs::read_to_string(example).unwrap());
        // What the CI file runs succeeds on the new handbook.
        book.run(&["build", "--root", "handbook", "--strict", "--out", "public"])
            .success();
        assert!(book.path("handbook/public/index.html").is_file());
    }
}

#[test]
fn init_refuses_an_unknown_ci_service_and_an_existing_ci_file() {
    let book = Handbook::empty();
    book.run(&["init", "handbook", "--ci", "jenkins"])
        .code(2)
        .stderr_has("invalid value 'jenkins'")
        .stderr_has("github")
        .stderr_has("gitlab");
    assert!(!book.path("handbook").exists());

    book.write("handbook/.gitlab-ci.yml", "mine: true\n");
    book.run(&["init", "handbook", "--ci", "gitlab"])
        .code(2)
        .stderr_has(".gitlab-ci.yml already exists");
    assert_eq!(
        fs::read_to_string(book.path("handbook/.gitlab-ci.yml")).unwrap(),
        "mine: true\n"
    );
    assert!(!book.path("handbook/site.toml").exists());
}
