//! Wording shared by the pages and the terminal.

/// `count` and the noun for it: "1 guide", "3 guides".
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
