//! Text analysis for the search index: plain text out of rendered HTML, then
//! words folded to lowercase without accents, stop words dropped, and stems.
//!
//! The browser's script (`coachbook-search.js`) splits and folds what a reader
//! types by the same rules, so the two must change together: a word is a run
//! of letters and digits (an apostrophe between two of them stays inside it),
//! folded by canonical decomposition (NFD), dropping combining marks, then
//! lowercasing. Chinese, Japanese and Korean characters ([`is_cjk`]) are kept
//! as written (NFD would take the voicing marks off kana and break Hangul
//! syllables into letters), and since those languages do not put spaces
//! between words, a run of them becomes each character and each overlapping
//! pair of characters: any word of two or more characters is a sequence of
//! pairs the index holds. The script needs no stemmer: the index maps every word it
//! holds to its stem. Pure: no I/O.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Longer "words" are identifiers, hashes or URLs that nobody types.
pub const MAX_WORD_CHARS: usize = 40;

/// Words too common to tell pages apart. Leaving them out keeps the posting
/// lists small; the script drops them from queries too (the list is in the
/// index). Kept short on purpose: "will" (a GROW stage) and "not" stay.
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "i",
    "if", "in", "into", "is", "it", "its", "of", "on", "or", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "to", "was", "we", "were", "with",
];

/// How the handbook's language is analysed: its stemmer and stop words.
pub struct Analyzer {
    stemmer: Option<Stemmer>,
    stop_words: &'static [&'static str],
    /// `stop_words` again, for lookups: asked once per distinct word of every entry.
    stop_set: foldhash::HashSet<&'static str>,
}

impl Analyzer {
    /// The analyser for a `language` tag from site.toml (`en`, `en-GB`, `de`).
    /// A language without a Snowball stemmer is indexed by whole words and
    /// prefixes only.
    pub fn for_language(language: &str) -> Analyzer {
        let primary = language
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let algorithm = match primary.as_str() {
            "en" | "" => Some(Algorithm::English),
            "da" => Some(Algorithm::Danish),
            "nl" => Some(Algorithm::Dutch),
            "fi" => Some(Algorithm::Finnish),
            "fr" => Some(Algorithm::French),
            "de" => Some(Algorithm::German),
            "hu" => Some(Algorithm::Hungarian),
            "it" => Some(Algorithm::Italian),
            "no" | "nb" | "nn" => Some(Algorithm::Norwegian),
            "pt" => Some(Algorithm::Portuguese),
            "ro" => Some(Algorithm::Romanian),
            "ru" => Some(Algorithm::Russian),
            "es" => Some(Algorithm::Spanish),
            "sv" => Some(Algorithm::Swedish),
            "tr" => Some(Algorithm::Turkish),
            _ => None,
        };
        let stop_words = if algorithm == Some(Algorithm::English) {
            ENGLISH_STOP_WORDS
        } else {
            &[]
        };
        Analyzer {
            stemmer: algorithm.map(Stemmer::create),
            stop_words,
            stop_set: stop_words.iter().copied().collect(),
        }
    }

    /// The stop words, sorted.
    pub fn stop_words(&self) -> &'static [&'static str] {
        self.stop_words
    }

    pub fn is_stop_word(&self, word: &str) -> bool {
        // Called for every word of the handbook: most are longer than any stop word.
        word.len() <= 5 && self.stop_set.contains(word)
    }

    /// The stem of a folded word: `listening` → `listen`.
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        match &self.stemmer {
            Some(stemmer) => stemmer.stem(word),
            None => Cow::Borrowed(word),
        }
    }
}

/// `text` lowercased, without accents, with typographic apostrophes made
/// plain: `Émotions’` → `emotions'`.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut rest = text;
    // Handbook text is mostly ASCII: lowercase runs of it at once, and
    // decompose only the characters outside it.
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = folded.len();
        folded.push_str(&rest[..ascii]);
        folded[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        rest = chars.as_str();
        if c == '\u{2019}' {
            folded.push('\'');
            continue;
        }
        if is_cjk(c) {
            folded.push(c);
            continue;
        }
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                folded.extend(d.to_lowercase());
            }
        });
    }
    folded
}

/// The character at the start of `s`, if it is a letter or digit, and its length.
fn alphanumeric_at(s: &str) -> Option<usize> {
    let first = *s.as_bytes().first()?;
    if first.is_ascii() {
        return first.is_ascii_alphanumeric().then_some(1);
    }
    let c = s.chars().next()?;
    c.is_alphanumeric().then(|| c.len_utf8())
}

/// Whether `c` is written in a script without spaces between words: Han
/// (Chinese characters and kanji), hiragana, katakana, and Hangul.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF // Hangul Jamo
        | 0x3005..=0x3007 // 々 〆 〇
        | 0x3040..=0x30FF // hiragana, katakana
        | 0x3130..=0x318F // Hangul compatibility Jamo
        | 0x31F0..=0x31FF // katakana extensions
        | 0x3400..=0x4DBF // Han extension A
        | 0x4E00..=0x9FFF // Han
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0xF900..=0xFAFF // Han compatibility
        | 0xFF66..=0xFF9F // half-width katakana
        | 0x20000..=0x3134F // Han extensions B to G
    )
}

/// The words of already folded text, in order: runs of letters and digits,
/// and within them each Chinese, Japanese or Korean character and each
/// overlapping pair of them (see the module's doc). Words longer than
/// [`MAX_WORD_CHARS`] are skipped.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    let mut runs = runs(folded);
    // The pieces of the current run that holds CJK characters, last first.
    let mut pieces: Vec<&str> = Vec::new();
    std::iter::from_fn(move || {
        loop {
            if let Some(piece) = pieces.pop() {
                return Some(piece);
            }
            let run = runs.next()?;
            if run.is_ascii() || !run.chars().any(is_cjk) {
                return Some(run);
            }
            cjk_pieces(run, &mut pieces);
            pieces.reverse();
        }
    })
}

/// Splits `run` into its pieces: stretches of other letters whole, and in
/// each stretch of CJK characters every character and every pair.
fn cjk_pieces<'a>(run: &'a str, pieces: &mut Vec<&'a str>) {
    let mut other_from: Option<usize> = None;
    // Start of the previous CJK character, when the one before this was one.
    let mut previous: Option<usize> = None;
    for (at, c) in run.char_indices() {
        let end = at + c.len_utf8();
        if is_cjk(c) {
            if let Some(from) = other_from.take() {
                pieces.push(&run[from..at]);
            }
            if let Some(start) = previous {
                pieces.push(&run[start..end]);
            }
            pieces.push(&run[at..end]);
            previous = Some(at);
        } else {
            previous = None;
            other_from.get_or_insert(at);
        }
    }
    if let Some(from) = other_from {
        pieces.push(&run[from..]);
    }
}

/// The runs of letters and digits of folded text, in order.
fn runs(folded: &str) -> impl Iterator<Item = &str> {
    let bytes = folded.as_bytes();
    let mut at = 0;
    // The length of the letter or digit at `i`, if there is one: ASCII,
    // which is nearly all handbook text, without decoding a character.
    let word_char_at = move |i: usize| match bytes.get(i) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric().then_some(1),
        Some(_) => alphanumeric_at(&folded[i..]),
        None => None,
    };
    std::iter::from_fn(move || {
        loop {
            // Skip to the next letter or digit.
            while at < bytes.len() {
                if word_char_at(at).is_some() {
                    break;
                }
                at += if bytes[at].is_ascii() {
                    1
                } else {
                    folded[at..].chars().next().map_or(1, char::len_utf8)
                };
            }
            if at >= bytes.len() {
                return None;
            }
            let start = at;
            while let Some(len) = word_char_at(at) {
                at += len;
                // An apostrophe stays inside a word when a letter or digit follows.
                if bytes.get(at) == Some(&b'\'') && word_char_at(at + 1).is_some() {
                    at += 1;
                }
            }
            let word = &folded[start..at];
            // A run of CJK characters is a sentence, not a word: it is split.
            if word.len() <= MAX_WORD_CHARS
                || word.chars().count() <= MAX_WORD_CHARS
                || word.chars().any(is_cjk)
            {
                return Some(word);
            }
        }
    })
}

/// The readable text of an HTML fragment: tags removed, entities decoded,
/// whitespace collapsed. The `#` links beside headings are left out, and
/// block boundaries become spaces so words never run together.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        push_collapsed(&mut text, &rest[..open]);
        rest = &rest[open..];
        if rest.starts_with('&') {
            let (decoded, used) = decode_entity(rest);
            push_collapsed(&mut text, &decoded);
            rest = &rest[used..];
            continue;
        }
        let Some(close) = memchr::memchr(b'>', rest.as_bytes()) else {
            rest = "";
            break;
        };
        let tag = &rest[1..close];
        rest = &rest[close + 1..];
        let name = tag.trim_start_matches('/');
        let name = &name[..name
            .bytes()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(name.len())];
        let skipped = ["script", "style"]
            .into_iter()
            .find(|skipped| name.eq_ignore_ascii_case(skipped));
        if tag.contains("heading-anchor") || skipped.is_some() {
            // Skip the element's contents: a heading's `#` link, or code that is no text.
            let end = format!("</{}>", skipped.unwrap_or(&name.to_ascii_lowercase()));
            rest = memchr::memmem::find(rest.as_bytes(), end.as_bytes())
                .map_or("", |i| &rest[i + end.len()..]);
        }
        if !INLINE_TAGS
            .iter()
            .any(|inline| name.eq_ignore_ascii_case(inline))
        {
            push_collapsed(&mut text, " ");
        }
    }
    push_collapsed(&mut text, rest);
    text.trim_end().to_string()
}

/// Tags that do not separate words: `<em>lis</em>ten` is one word.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "small",
    "span", "strong", "sub", "sup", "u",
];

/// Appends `piece`, turning each run of whitespace into one space and never
/// starting with one.
fn push_collapsed(text: &mut String, piece: &str) {
    // Most pieces are ASCII words between single spaces, with nothing to
    // collapse: they are copied whole.
    let lone_spaces_only = piece
        .as_bytes()
        .windows(2)
        .all(|pair| pair[1] > b' ' && pair[1] < 0x80 || (pair[1] == b' ' && pair[0] != b' '))
        && piece
            .as_bytes()
            .first()
            .is_none_or(|b| (b' '..0x80).contains(b));
    if lone_spaces_only {
        let piece = match piece.strip_prefix(' ') {
            Some(rest) if text.is_empty() || text.ends_with(' ') => rest,
            _ => piece,
        };
        text.push_str(piece);
        return;
    }
    let bytes = piece.as_bytes();
    let (mut at, mut run) = (0, 0);
    while at < bytes.len() {
        // ASCII bytes are judged as they are; other characters are decoded.
        let (space, len) = match bytes[at] {
            b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => (true, 1),
            b if b.is_ascii() => (false, 1),
            _ => piece[at..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
        };
        if space {
            text.push_str(&piece[run..at]);
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
            run = at + len;
        }
        at += len;
    }
    text.push_str(&piece[run..]);
}

/// The character an entity at the start of `s` stands for, and its length.
/// An `&` that starts no known entity stays as it is.
fn decode_entity(s: &str) -> (Cow<'static, str>, usize) {
    // Searched as bytes: the twelfth byte may fall inside a character, and
    // `;` is ASCII, so where it is found is always a character boundary.
    let Some(end) = memchr::memchr(b';', &s.as_bytes()[..s.len().min(12)]) else {
        return (Cow::Borrowed("&"), 1);
    };
    let name = &s[1..end];
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => name.strip_prefix('#').and_then(|number| {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            };
            code.and_then(char::from_u32)
        }),
    };
    match decoded {
        Some(c) => (Cow::Owned(c.to_string()), end + 1),
        None => (Cow::Borrowed("&"), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_words(text: &str, expected: &[&str]) {
        let folded = fold(text);
        let found: Vec<&str> = words(&folded).collect();
        assert_eq!(found, expected, "words of {text:?}");
    }

    #[test]
    fn words_are_folded_and_split_on_punctuation() {
        check_words(
            "Émotions, CAFÉ-crème & naïve résumé",
            &["emotions", "cafe", "creme", "naive", "resume"],
        );
        check_words("role-play 1:1 360°", &["role", "play", "1", "1", "360"]);
        check_words("Ångström straße", &["angstrom", "straße"]);
    }

    #[test]
    fn cjk_runs_become_characters_and_overlapping_pairs() {
        check_words(
            "教练对话",
            &["教", "教练", "练", "练对", "对", "对话", "话"],
        );
        check_words(
            "GROWモデル 2回",
            &["grow", "モ", "モデ", "デ", "デル", "ル", "2", "回"],
        );
        // Kana keep their voicing marks and Hangul its syllables.
        check_words("がく 한국", &["が", "がく", "く", "한", "한국", "국"]);
    }

    #[test]
    fn a_long_cjk_run_is_split_not_skipped() {
        let sentence = "コーチング対話では積極的傾聴と質問が信頼を築きます".repeat(2);
        let folded = fold(&sentence);
        assert!(words(&folded).any(|word| word == "傾聴"));
    }

    #[test]
    fn german_stems_join_inflected_forms() {
        let analyzer = Analyzer::for_language("de");
        let stem = |word: &str| analyzer.stem(&fold(word)).into_owned();
        assert_eq!(stem("Gesprächen"), stem("Gespräch"));
        assert_eq!(stem("Führungskräfte"), stem("Führungskraft"));
    }

    #[test]
    fn apostrophes_stay_inside_words_only() {
        check_words(
            "the manager’s 'quoted' don't",
            &["the", "manager's", "quoted", "don't"],
        );
    }

    #[test]
    fn overlong_words_are_skipped() {
        let long = "x".repeat(MAX_WORD_CHARS + 1);
        check_words(&format!("a {long} b"), &["a", "b"]);
    }

    #[test]
    fn english_stems_join_word_forms() {
        let analyzer = Analyzer::for_language("en-GB");
        for (word, stem) in [
            ("listening", "listen"),
            ("listens", "listen"),
            ("listened", "listen"),
            ("feedback", "feedback"),
            ("manager's", "manag"),
        ] {
            assert_eq!(analyzer.stem(word), stem, "{word}");
        }
        assert!(analyzer.is_stop_word("the"));
        assert!(!analyzer.is_stop_word("will"));
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search_and_short() {
        assert!(ENGLISH_STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(ENGLISH_STOP_WORDS.iter().all(|w| w.len() <= 5));
    }

    #[test]
    fn a_language_without_a_stemmer_keeps_whole_words() {
        let analyzer = Analyzer::for_language("ja");
        assert_eq!(analyzer.stem("listening"), "listening");
        assert!(!analyzer.is_stop_word("the"));
    }

    #[test]
    fn html_becomes_plain_text() {
        let html = "<h2 id=\"why\">Why <em>it</em> matters <a class=\"heading-anchor\" href=\"#why\" aria-label=\"Link\">#</a></h2>\n<p>Lis<strong>ten</strong> &amp; learn&#8230; &lt;b&gt; &#x2014;</p><ul><li>one</li><li>two</li></ul>";
        assert_eq!(
            html_to_text(html),
            "Why it matters Listen & learn… <b> — one two"
        );
    }

    #[test]
    fn every_kind_of_whitespace_collapses_to_one_space() {
        assert_eq!(
            html_to_text("<p>\r\n  a\t\x0bb\u{a0}\u{2009} c&nbsp; d\u{3000}</p>  "),
            "a b c d"
        );
        assert_eq!(html_to_text("<p>été  ça</p>"), "été ça");
    }

    #[test]
    fn an_ampersand_before_multibyte_text_is_kept() {
        assert_eq!(
            html_to_text("<p>&lt; vimeo “175…” です</p>"),
            "< vimeo “175…” です"
        );
        assert_eq!(html_to_text("<div>&éééééééé</div>"), "&éééééééé");
        assert_eq!(html_to_text("&日本;"), "&日本;");
    }
}
