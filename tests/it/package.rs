//! `build --package zip`: the portable build as one zip beside the output
//! folder, holding every file of that build and nothing else, written whole
//! or not at all; and the files that publish a handbook from CI.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;

use crate::support::Handbook;

/// The search fixture, with a binary file among its static files.
fn handbook() -> Handbook {
    let book = Handbook::fixture("search/handbook");
    let bytes: Vec<u8> = (0..=255).cycle().take(5000).collect();
    book.write("static/images/logo.png", bytes);
    book
}

/// Every entry of the zip at `path`: name → bytes. Folders have no entries.
fn zip_entries(path: &Path) -> BTreeMap<String, Vec<u8>> {
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
        assert_eq!(
            root_names(&book),
            ["content", "public.zip", "site.toml", "static"]
        );

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
    assert_eq!(
        root_names(&book),
        ["content", "public.zip", "site.toml", "static"]
    );
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
    assert_eq!(
        root_names(&book),
        ["content", "public.zip", "site.toml", "static"]
    );
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
