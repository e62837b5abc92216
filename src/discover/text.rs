//! Turning a file's bytes into the one form of text later stages read: UTF-8
//! without a byte-order mark, `\n` line endings, and no NUL characters.
//!
//! UTF-8 is read with or without a byte-order mark, and UTF-16 in either byte
//! order: with a byte-order mark, or without one when the zero bytes of its
//! ASCII characters give it away. CRLF and a lone CR both end a line, and a NUL
//! becomes U+FFFD, as CommonMark asks. Bytes that are not text in the file's
//! encoding are a diagnostic at the line and column of the first of them.

use std::borrow::Cow;
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, Severity};

/// How many leading bytes are looked at to tell UTF-16 without a byte-order mark.
const SNIFF_LEN: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ByteOrder {
    Little,
    Big,
}

/// Decodes a file's bytes; `display` names the file in the diagnostic.
pub(super) fn decode(bytes: Vec<u8>, display: &Path) -> Result<String, Box<Diagnostic>> {
    // Most files are UTF-8 already in the one form: they become the text
    // without a copy.
    let plain = !bytes.starts_with(b"\xEF\xBB\xBF")
        && utf16(&bytes).is_none()
        && memchr::memchr2(b'\r', b'\0', &bytes).is_none();
    let bytes = if plain {
        match String::from_utf8(bytes) {
            Ok(text) => return Ok(text),
            Err(error) => error.into_bytes(),
        }
    } else {
        bytes
    };
    let bytes = bytes.as_slice();
    let (text, first_bad, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, bad) = utf8(rest);
        (text, bad, "UTF-8")
    } else if let Some((order, rest)) = utf16(bytes) {
        let (text, bad) = utf16_units(rest, order);
        (Cow::Owned(text), bad, "UTF-16")
    } else {
        let (text, bad) = utf8(bytes);
        (text, bad, "UTF-8")
    };
    match first_bad {
        None => Ok(normalize(&text)),
        Some(offset) => {
            // The bad bytes are a U+FFFD in `text`, so no line ending is split here.
            let offset = normalize(&text[..offset]).len();
            let text = normalize(&text);
            Err(Box::new(
                Diagnostic::at(
                    Code::NotText,
                    Severity::Error,
                    display,
                    &text,
                    offset,
                    format!("file is not valid {encoding} text"),
                )
                .with_span_len(1)
                .with_help("save the file with UTF-8 encoding in your editor"),
            ))
        }
    }
}

/// The text, with U+FFFD for invalid bytes, and the offset of the first of them.
fn utf8(bytes: &[u8]) -> (Cow<'_, str>, Option<usize>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), None),
        Err(error) => (String::from_utf8_lossy(bytes), Some(error.valid_up_to())),
    }
}

/// The byte order of UTF-16 text and the bytes after its byte-order mark.
fn utf16(bytes: &[u8]) -> Option<(ByteOrder, &[u8])> {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        Some((ByteOrder::Little, rest))
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        Some((ByteOrder::Big, rest))
    } else {
        sniff_utf16(bytes).map(|order| (order, bytes))
    }
}

/// UTF-16 without a byte-order mark. Each ASCII character in it is a zero byte
/// beside a non-zero one, so text with any ASCII in it (markup, front matter,
/// spaces, line endings) has zero bytes on one side of many byte pairs and
/// almost none on the other. UTF-8 text has no zero bytes but a stray NUL.
fn sniff_utf16(bytes: &[u8]) -> Option<ByteOrder> {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut first, mut second) = (0, 0);
    for pair in sample.chunks_exact(2) {
        first += usize::from(pair[0] == 0);
        second += usize::from(pair[1] == 0);
    }
    if first * 3 >= pairs && second * 10 <= first {
        Some(ByteOrder::Big)
    } else if second * 3 >= pairs && first * 10 <= second {
        Some(ByteOrder::Little)
    } else {
        None
    }
}

/// Decodes UTF-16 code units, with U+FFFD for unpaired surrogates and a
/// trailing odd byte, and the offset of the first of them.
fn utf16_units(bytes: &[u8], order: ByteOrder) -> (String, Option<usize>) {
    let units = bytes.chunks_exact(2).map(|pair| match order {
        ByteOrder::Little => u16::from_le_bytes([pair[0], pair[1]]),
        ByteOrder::Big => u16::from_be_bytes([pair[0], pair[1]]),
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut first_bad = None;
    for decoded in char::decode_utf16(units) {
        let c = decoded.unwrap_or_else(|_| {
            first_bad.get_or_insert(text.len());
            char::REPLACEMENT_CHARACTER
        });
        text.push(c);
    }
    if bytes.len() % 2 == 1 {
        first_bad.get_or_insert(text.len());
        text.push(char::REPLACEMENT_CHARACTER);
    }
    (text, first_bad)
}

/// `\n` for CRLF and a lone CR, U+FFFD for NUL.
fn normalize(text: &str) -> String {
    if memchr::memchr2(b'\r', b'\0', text.as_bytes()).is_none() {
        return text.to_string();
    }
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\0', "\u{FFFD}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<String, Box<Diagnostic>> {
        decode(bytes.to_vec(), Path::new("a.md"))
    }

    fn utf16_bytes(text: &str, order: ByteOrder) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|unit| match order {
                ByteOrder::Little => unit.to_le_bytes(),
                ByteOrder::Big => unit.to_be_bytes(),
            })
            .collect()
    }

    #[test]
    fn line_endings_of_every_kind_become_newlines() {
        assert_eq!(read(b"a\r\nb\rc\nd\r").unwrap(), "a\nb\nc\nd\n");
        assert_eq!(read(b"\xEF\xBB\xBFa\r\n").unwrap(), "a\n");
    }

    #[test]
    fn nul_becomes_the_replacement_character() {
        assert_eq!(read(b"a\0b").unwrap(), "a\u{FFFD}b");
    }

    #[test]
    fn utf16_is_read_in_either_order_with_or_without_a_bom() {
        let text = "---\ntitle: Zoë 日本\n---\nBody.\n";
        for order in [ByteOrder::Little, ByteOrder::Big] {
            let bare = utf16_bytes(text, order);
            assert_eq!(read(&bare).unwrap(), text, "{order:?} without BOM");
            let mut marked = utf16_bytes("\u{FEFF}", order);
            marked.extend(&bare);
            assert_eq!(read(&marked).unwrap(), text, "{order:?} with BOM");
        }
    }

    #[test]
    fn utf8_with_a_stray_nul_is_not_taken_for_utf16() {
        assert_eq!(
            read(b"# Title\n\nab\0cd\n").unwrap(),
            "# Title\n\nab\u{FFFD}cd\n"
        );
    }

    #[test]
    fn bad_bytes_are_reported_at_their_line_and_column() {
        let error = read(b"one\r\ntwo\rt\xE9st\n").unwrap_err();
        assert_eq!((error.line, error.col), (3, 2));
        assert!(error.message.contains("UTF-8"), "{}", error.message);

        let mut bytes = b"\xFF\xFE".to_vec();
        bytes.extend(utf16_bytes("ab\nc", ByteOrder::Little));
        bytes.extend([0x00, 0xD8]); // a lone high surrogate
        bytes.extend(utf16_bytes("d", ByteOrder::Little));
        let error = read(&bytes).unwrap_err();
        assert_eq!((error.line, error.col), (2, 2));
        assert!(error.message.contains("UTF-16"), "{}", error.message);
    }
}
