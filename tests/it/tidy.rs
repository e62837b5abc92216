//! Checks on the source itself, which the compiler cannot make: the layers of
//! the library point only down, the pure stages do no file I/O, and the README
//! lists every diagnostic code.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use coachbook::diagnostics::Code;

/// The library's modules from the bottom up, as ARCHITECTURE.md lists them. A
/// module may use modules of its own layer and of lower ones, never of a
/// higher one. A new module gets a place here (the test fails until it has).
const LAYERS: &[&[&str]] = &[
    &[
        "artifact",
        "diagnostics",
        "exclude",
        "slug",
        "sources",
        "stop",
        "timings",
        "typed",
        "vocab",
        "xml",
    ],
    &["config", "i18n", "languages"],
    &["discover"],
    &["document"],
    &["site"],
    &["exports", "search"],
    &["output"],
    &["render"],
    &["package"],
    &["pipeline"],
    &["build"],
    &["serve"],
];

/// Modules that must do no file I/O: they take values and return values.
const PURE: &[&str] = &["document", "site", "render", "search"];

/// What file I/O looks like in source.
const FILE_IO: &[&str] = &["std::fs", "fs::", "File::", "io::Write", "OpenOptions"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level modules of the library: `src/x.rs` and `src/x/`.
fn modules() -> BTreeSet<String> {
    fs::read_dir(src())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter_map(|path| {
            let name = path.file_stem()?.to_str()?.to_string();
            let module = path.is_dir() || path.extension().is_some_and(|e| e == "rs");
            (module && !matches!(name.as_str(), "lib" | "main" | "cli")).then_some(name)
        })
        .collect()
}

/// Every `.rs` file of a module, with its text before its tests.
fn files_of(module: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut pending = vec![src().join(format!("{module}.rs")), src().join(module)];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            pending.extend(fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.is_file() && path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).unwrap();
            files.push((path, without_tests(&text)));
        }
    }
    files
}

/// The code of a file: its lines before `#[cfg(test)]`, without comments.
fn without_tests(text: &str) -> String {
    text.lines()
        .take_while(|line| line.trim() != "#[cfg(test)]")
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules that `code` names through `crate::`, including
/// grouped imports (`use crate::{site::Site, document}`).
fn imports_of(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        found.insert(leading_name(&group[start..i]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.insert(leading_name(&group[start..i]));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(leading_name(rest));
        }
    }
    found.retain(|name| !name.is_empty());
    found
}

fn leading_name(text: &str) -> String {
    text.trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

#[test]
fn imports_are_read_from_paths_and_groups() {
    let code = "use crate::{site::{Site, Page}, document};\nlet a = crate::render::x();";
    let expected: BTreeSet<String> = ["document", "render", "site"].map(String::from).into();
    assert_eq!(imports_of(code), expected);
    assert_eq!(without_tests("a\n// crate::b\n#[cfg(test)]\nc"), "a");
}

#[test]
fn every_module_has_a_layer_and_every_layer_lists_a_module() {
    let modules = modules();
    for module in &modules {
        assert!(
            layer_of(module).is_some(),
            "`{module}` has no layer in LAYERS"
        );
    }
    for module in LAYERS.iter().flat_map(|layer| layer.iter()) {
        assert!(
            modules.contains(*module),
            "LAYERS names `{module}`, which is gone"
        );
    }
}

#[test]
fn no_module_uses_a_higher_layer() {
    let mut wrong = Vec::new();
    for module in modules() {
        let Some(own) = layer_of(&module) else {
            continue;
        };
        for (path, code) in files_of(&module) {
            for used in imports_of(&code) {
                if layer_of(&used).is_some_and(|layer| layer > own) {
                    wrong.push(format!("{} uses `{used}`", path.display()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that point up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn pure_stages_do_no_file_io() {
    let mut wrong = Vec::new();
    for module in PURE {
        for (path, code) in files_of(module) {
            for pattern in FILE_IO {
                if code.contains(pattern) {
                    wrong.push(format!("{} uses `{pattern}`", path.display()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "file I/O in a pure stage:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn architecture_lists_the_layers() {
    let architecture =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap();
    for (i, layer) in LAYERS.iter().enumerate() {
        let names: Vec<String> = layer.iter().map(|name| format!("`{name}`")).collect();
        let line = format!("{}. {}", i + 1, names.join(", "));
        assert!(
            architecture.lines().any(|l| l.trim() == line),
            "ARCHITECTURE.md lacks the layer line `{line}`"
        );
    }
}

#[test]
fn the_readme_lists_every_diagnostic_code_once() {
    let source = fs::read_to_string(src().join("diagnostics.rs")).unwrap();
    let body = source
        .split("pub enum Code {")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .unwrap();
    let variants = body
        .lines()
        .filter(|line| line.trim().ends_with(','))
        .count();
    assert_eq!(Code::ALL.len(), variants, "Code::ALL misses a code");
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut seen = BTreeSet::new();
    for code in Code::ALL {
        assert!(seen.insert(code.as_str()), "`{code}` is written twice");
        let row = format!("| `{code}` |");
        assert_eq!(
            readme.matches(&row).count(),
            1,
            "README.md has no one row for `{code}`"
        );
    }
}
