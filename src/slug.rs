//! Turning names and headings into URL parts and anchors.
//!
//! One rule serves file names, folder names, heading ids, question ids and
//! taxonomy terms, so an author can predict every URL and anchor: lowercase,
//! every run of characters that are not letters or digits becomes one `-`,
//! and leading or trailing `-` are dropped. Letters outside ASCII are kept.
//! [`capitalize`] goes the other way, for names shown to readers.

/// The slug of `text`: `"Why it matters, really?"` becomes `"why-it-matters-really"`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// The longest file or folder name common file systems accept, in bytes.
pub const MAX_NAME_BYTES: usize = 255;

/// The problem with `slug` as a name in the output, if it has one. Every page,
/// term and role card is written as `<slug>/index.html`, so a slug is a folder
/// name, and one longer than file systems allow could never be written.
pub fn name_problem(slug: &str) -> Option<String> {
    (slug.len() > MAX_NAME_BYTES).then(|| {
        format!(
            "makes a folder name of {} bytes in the site, but file systems allow {MAX_NAME_BYTES}",
            slug.len()
        )
    })
}

/// `text` with its first character in upper case: `"tip"` becomes `"Tip"`.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One URL part from a file or folder name. Names with no letters or digits keep a
/// placeholder so they never collapse into their parent's URL.
pub fn url_part(name: &str) -> String {
    match slugify(name) {
        slug if slug.is_empty() => "-".to_string(),
        slug => slug,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(slugify(input), expected, "slug of {input:?}");
    }

    #[test]
    fn slugify_lowercases_and_dashes_punctuation() {
        check("Why it matters, really?", "why-it-matters-really");
        check("  GROW model  ", "grow-model");
        check("Missed Deadline.md", "missed-deadline-md");
        check("Écoute active", "écoute-active");
        check("a--b__c", "a-b-c");
        check("???", "");
    }

    #[test]
    fn names_longer_than_file_systems_allow_are_a_problem() {
        assert_eq!(name_problem(&"x".repeat(MAX_NAME_BYTES)), None);
        let problem = name_problem(&"x".repeat(MAX_NAME_BYTES + 1)).unwrap();
        assert!(problem.contains("256 bytes"), "{problem}");
        // Bytes count, not characters: 100 Japanese characters are 300 bytes.
        assert!(name_problem(&"語".repeat(100)).is_some());
    }
}
