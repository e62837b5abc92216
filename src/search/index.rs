//! Entries → an inverted index, split into script files the browser loads
//! with `<script>` tags (which work from `file://`, where `fetch` does not).
//!
//! - `search/index.js`, loaded when a reader first focuses the search box:
//!   every distinct word (sorted, folded), the stem each maps to, each
//!   stem's document frequency, the stop words, and which file holds the
//!   postings of a stem range and the documents of an id range.
//! - `search/p<n>.js`: postings of consecutive stems, each a flat list
//!   `[doc, score, doc, score, …]` with doc ids as gaps. Loaded for the
//!   stems a query needs.
//! - `search/d<n>.js`: consecutive documents as
//!   `[title, url, kind, section, text]`, loaded for the results shown.
//!
//! `index.js` names each shard with a hash of its contents, which the script
//! adds to the shard's URL (`p3.js?v=<hash>`): a browser cache can then never
//! mix an index with shards of another build, while the file names stay the
//! same from build to build, so a rebuild under `serve` rewrites only the
//! shards whose contents changed. Every file calls
//! `window.coachbookSearch.add(name, data)`, defined by `coachbook-search.js`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use super::entries::Entry;
use super::text::{Analyzer, fold, words};
use crate::stop::Stop;

/// The fields of an entry, in the order of [`FIELD_WEIGHTS`].
const FIELDS: usize = 5;
/// Title, headings, tags, summary, body. A title or heading hit outranks
/// any number of body hits, whose weight grows with the log of their count
/// and stops at [`BODY_CAP`].
const FIELD_WEIGHTS: [f64; FIELDS] = [16.0, 8.0, 4.0, 4.0, 1.0];
const BODY_CAP: f64 = 6.0;

/// Shards close once they pass this many bytes: small enough that a query
/// loads little, large enough that a big handbook is not thousands of files.
const POSTING_SHARD_BYTES: usize = 48 * 1024;
const DOCUMENT_SHARD_BYTES: usize = 48 * 1024;
/// The text kept per document for result snippets (its summary and the start
/// of its body, ten times what a snippet shows); the index itself uses all of
/// it. Every document's text is stored once more here, so this bounds what
/// search adds to the output per page.
const SNIPPET_TEXT_BYTES: usize = 2 * 1024;

/// The format of the files, checked by the script.
pub const FORMAT_VERSION: u32 = 2;

/// One file of the index: its path under the site root, and its bytes.
#[derive(Debug, Clone)]
pub struct SearchFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The whole index as files, with counts for reports.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    pub files: Vec<SearchFile>,
    pub documents: usize,
    pub words: usize,
    pub stems: usize,
}

/// How often each word occurs in each field of one entry.
type FieldCounts = [u32; FIELDS];

/// The hasher of rustc (FxHash): several times faster than std's SipHash on
/// short keys such as words, which matters when a large handbook hashes
/// millions of them. Its weakness against chosen keys does not matter here:
/// the keys are the handbook's own words.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut last = [0; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last));
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// The fields of `entry`, folded, in the order of [`FIELD_WEIGHTS`].
fn fold_fields(entry: &Entry) -> [String; FIELDS] {
    [
        fold(&entry.title),
        fold(&entry.headings.join(" ")),
        fold(&entry.tags.join(" ")),
        fold(entry.summary.as_deref().unwrap_or_default()),
        fold(&entry.body),
    ]
}

/// How often each word occurs in each field of one entry, as kept until
/// the vocabulary is complete: 2 million of them at 10,000 pages. A count
/// stops at `u16::MAX`, far past where a score stops growing.
type KeptCounts = [u16; FIELDS];

/// One entry's counts, by word id.
type EntryWords = Vec<(u32, KeptCounts)>;

/// Entries are folded and counted this many at a time, so only one batch's
/// folded text is in memory at once.
const BATCH: usize = 512;

/// The words of one entry's folded fields, counted: those the vocabulary
/// knew already by id, and the others.
struct EntryCounts<'a> {
    known: FastMap<u32, FieldCounts>,
    new: FastMap<&'a str, FieldCounts>,
}

/// The words of each of an entry's folded `fields`, counted.
fn count_words<'a>(fields: &'a [String; FIELDS], vocabulary: &Vocabulary) -> EntryCounts<'a> {
    // About one distinct word in eight bytes of text: growing the map as it
    // fills cost more than the counting.
    let bytes: usize = fields.iter().map(String::len).sum();
    let mut counts = EntryCounts {
        known: FastMap::with_capacity_and_hasher(bytes / 8, Default::default()),
        new: FastMap::default(),
    };
    for (field, text) in fields.iter().enumerate() {
        for word in words(text) {
            match vocabulary.ids.get(word) {
                Some(&id) => counts.known.entry(id).or_default()[field] += 1,
                None => counts.new.entry(word).or_default()[field] += 1,
            }
        }
    }
    counts
}

/// The score of a stem in one entry, from its counts per field.
fn score(counts: &FieldCounts) -> u32 {
    let mut total = 0.0;
    for (field, &count) in counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let weight = 1.0 + f64::from(count).ln();
        total += if field == FIELDS - 1 {
            weight.min(BODY_CAP)
        } else {
            FIELD_WEIGHTS[field] * weight
        };
    }
    // At least 1, so every posting counts; whole numbers keep the files small.
    (total.round() as u32).max(1)
}

/// Every distinct word met so far, each with an id in the order it was met,
/// and whether it is a stop word (counted, and left out of the index).
#[derive(Default)]
struct Vocabulary {
    ids: FastMap<String, u32>,
    stop: Vec<bool>,
}

impl Vocabulary {
    /// The counts of a batch of entries by word id, stop words left out,
    /// after adding the words new to this vocabulary.
    fn intern(&mut self, counted: Vec<EntryCounts>, analyzer: &Analyzer) -> Vec<EntryWords> {
        for word in counted.iter().flat_map(|counts| counts.new.keys()) {
            if !self.ids.contains_key(*word) {
                self.ids.insert(word.to_string(), self.stop.len() as u32);
                self.stop.push(analyzer.is_stop_word(word));
            }
        }
        counted
            .into_par_iter()
            .map(|EntryCounts { mut known, new }| {
                for (word, fields) in new {
                    known.insert(self.ids[word], fields);
                }
                known
                    .into_iter()
                    .filter(|&(id, _)| !self.stop[id as usize])
                    .map(|(id, fields)| {
                        (
                            id,
                            fields.map(|count| count.min(u32::from(u16::MAX)) as u16),
                        )
                    })
                    .collect()
            })
            .collect()
    }

    /// The words, by id; stop words are left as empty strings.
    fn into_words(self) -> Vec<String> {
        let mut words = vec![String::new(); self.stop.len()];
        for (word, id) in self.ids {
            if !self.stop[id as usize] {
                words[id as usize] = word;
            }
        }
        words
    }
}

/// What the words of every entry come to: the sorted vocabulary with each
/// word's stem, and each stem's postings.
struct Inverted {
    /// Every word, sorted, one per line.
    words: String,
    /// Each word's stem id, in the order of `words`.
    word_stems: Vec<u32>,
    /// Per stem id, `(document, score)` in document order.
    postings: Vec<Vec<(u32, u32)>>,
}

/// Folds and counts the words of `entries` a batch at a time. Each entry's body is
/// cut to what its snippet can show once folded, so the whole text of the
/// handbook is not in memory twice. Returns the words by id and each
/// entry's counts by word id; `None` when stopped.
fn count_entries(
    entries: &mut [Entry],
    analyzer: &Analyzer,
    stop: &Stop,
) -> Option<(Vec<String>, Vec<EntryWords>)> {
    let mut vocabulary = Vocabulary::default();
    let mut counted: Vec<EntryWords> = Vec::with_capacity(entries.len());
    for batch in entries.chunks_mut(BATCH) {
        let folded: Vec<[String; FIELDS]> = batch
            .par_iter_mut()
            .map(|entry| {
                if stop.asked() {
                    return None;
                }
                let fields = fold_fields(entry);
                cut_to_snippet(&mut entry.body);
                Some(fields)
            })
            .collect::<Option<_>>()?;
        let counts: Vec<EntryCounts> = folded
            .par_iter()
            .map(|fields| (!stop.asked()).then(|| count_words(fields, &vocabulary)))
            .collect::<Option<_>>()?;
        counted.append(&mut vocabulary.intern(counts, analyzer));
    }
    Some((vocabulary.into_words(), counted))
}

/// Counts, stems and scores the words of `entries`. Everything it makes on
/// the way (folded text, counts per entry) is gone when it returns, so it
/// never sits in memory beside the shards. `None` when stopped.
fn invert(entries: &mut [Entry], analyzer: &Analyzer, stop: &Stop) -> Option<Inverted> {
    let (words, counted) = count_entries(entries, analyzer, stop)?;
    // Words sorted as JavaScript compares strings (by UTF-16 code units), so
    // the script can binary-search them for prefixes. Stop words, left
    // empty, are not among them.
    let mut sorted: Vec<u32> = (0..words.len() as u32)
        .filter(|&id| !words[id as usize].is_empty())
        .collect();
    sorted.par_sort_unstable_by(|&a, &b| {
        words[a as usize]
            .encode_utf16()
            .cmp(words[b as usize].encode_utf16())
    });
    let word_stems: Vec<String> = words
        .par_iter()
        .map(|word| analyzer.stem(word).into_owned())
        .collect();
    let mut stems: Vec<&str> = sorted
        .iter()
        .map(|&id| word_stems[id as usize].as_str())
        .collect();
    stems.sort_unstable();
    stems.dedup();
    let stem_id: FastMap<&str, u32> = stems
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, i as u32))
        .collect();
    let stem_of_word: Vec<u32> = word_stems
        .iter()
        .map(|stem| stem_id.get(stem.as_str()).copied().unwrap_or(u32::MAX))
        .collect();

    if stop.asked() {
        return None;
    }
    // Per entry, the counts of its words summed by stem, then scored.
    let scored: Vec<Vec<(u32, u32)>> = counted
        .par_iter()
        .map(|counts| {
            let mut by_stem: FastMap<u32, FieldCounts> =
                FastMap::with_capacity_and_hasher(counts.len(), Default::default());
            for &(word, fields) in counts {
                let sum = by_stem.entry(stem_of_word[word as usize]).or_default();
                for (total, count) in sum.iter_mut().zip(fields) {
                    *total += u32::from(count);
                }
            }
            by_stem.iter().map(|(&s, c)| (s, score(c))).collect()
        })
        .collect();
    drop(counted);
    let mut postings: Vec<Vec<(u32, u32)>> = vec![Vec::new(); stems.len()];
    for (doc, stems) in scored.iter().enumerate() {
        for &(stem, score) in stems {
            postings[stem as usize].push((doc as u32, score));
        }
    }
    let mut vocabulary = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
    for (i, &id) in sorted.iter().enumerate() {
        if i > 0 {
            vocabulary.push('\n');
        }
        vocabulary.push_str(&words[id as usize]);
    }
    Some(Inverted {
        words: vocabulary,
        word_stems: sorted.iter().map(|&id| stem_of_word[id as usize]).collect(),
        postings,
    })
}

/// Builds the index of `entries`, cutting their bodies to their snippets'
/// text on the way; `None` when stopped.
pub fn build_index(entries: &mut [Entry], analyzer: &Analyzer, stop: &Stop) -> Option<SearchIndex> {
    let Inverted {
        words,
        word_stems,
        postings,
    } = invert(entries, analyzer, stop)?;
    if stop.asked() {
        return None;
    }
    let mut files = Vec::new();
    let posting_shards = shard(
        "p",
        &postings
            .par_iter()
            .map(|list| posting_json(list))
            .collect::<Vec<_>>(),
        POSTING_SHARD_BYTES,
        &mut files,
    );
    let document_frequencies: Vec<usize> = postings.iter().map(Vec::len).collect();
    let stems = postings.len();
    drop(postings);
    if stop.asked() {
        return None;
    }
    // Grouped by an estimate of each document's JSON, so the JSON of every
    // document is never in memory at once, only that of the shards.
    let document_shards = write_shards(
        "d",
        group_by_size(
            entries.iter().map(document_json_estimate),
            DOCUMENT_SHARD_BYTES,
        ),
        |group| {
            let items: Vec<String> = entries[group].iter().map(document_json).collect();
            items.join(",")
        },
        &mut files,
    );
    let head = Head {
        version: FORMAT_VERSION,
        documents: entries.len(),
        stop_words: analyzer.stop_words(),
        words,
        word_stems: gaps(word_stems.iter().copied()),
        document_frequencies,
        posting_shards,
        document_shards,
    };
    files.push(SearchFile {
        path: "search/index.js".into(),
        bytes: script("index", &to_json(&head)),
    });
    Some(SearchIndex {
        files,
        documents: entries.len(),
        words: word_stems.len(),
        stems,
    })
}

/// The first file the script loads.
#[derive(Serialize)]
struct Head<'a> {
    version: u32,
    documents: usize,
    stop_words: &'a [&'a str],
    /// Every word, sorted, one per line: shorter than a JSON array of strings.
    words: String,
    /// For each word, the id of its stem, as the difference from the
    /// previous word's: sorted words mostly share or follow their
    /// neighbour's stem, so this is mostly 0 and 1, which compresses to
    /// almost nothing.
    word_stems: Vec<i64>,
    /// For each stem, how many documents hold it.
    document_frequencies: Vec<usize>,
    /// `[first stem id, file name, content hash]` of each posting shard.
    posting_shards: Vec<Shard>,
    /// `[first document id, file name, content hash]` of each document shard.
    document_shards: Vec<Shard>,
}

/// Each number minus the one before it (the first as it is).
fn gaps(numbers: impl Iterator<Item = u32>) -> Vec<i64> {
    let mut previous = 0;
    numbers
        .map(|n| {
            let gap = i64::from(n) - previous;
            previous = i64::from(n);
            gap
        })
        .collect()
}

/// `[doc gap, score, doc gap, score, …]`.
fn posting_json(list: &[(u32, u32)]) -> String {
    let mut json = String::with_capacity(list.len() * 6 + 2);
    json.push('[');
    let mut previous = 0;
    for (i, &(doc, score)) in list.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        let _ = write!(json, "{},{score}", doc - previous);
        previous = doc;
    }
    json.push(']');
    json
}

/// Cuts `body` to what [`document_json`] may show of it: a little more than
/// [`SNIPPET_TEXT_BYTES`], so [`push_within`] still sees that it goes on and
/// cuts it after a whole word as it would the whole.
fn cut_to_snippet(body: &mut String) {
    let mut end = SNIPPET_TEXT_BYTES + 1;
    if body.len() <= end {
        return;
    }
    while !body.is_char_boundary(end) {
        end += 1;
    }
    body.truncate(end);
    body.shrink_to_fit();
}

/// About how long [`document_json`] of `entry` is, without making it.
fn document_json_estimate(entry: &Entry) -> usize {
    let text = entry.summary.as_ref().map_or(0, |s| s.len() + 1) + entry.body.len();
    24 + entry.title.len() + entry.url.len() + entry.section.len() + text.min(SNIPPET_TEXT_BYTES)
}

/// `[title, url, kind, section, text]` of one entry.
fn document_json(entry: &Entry) -> String {
    let mut text = String::with_capacity(SNIPPET_TEXT_BYTES);
    if let Some(summary) = &entry.summary {
        push_within(&mut text, summary);
        if !entry.body.is_empty() {
            push_within(&mut text, " ");
        }
    }
    push_within(&mut text, &entry.body);
    to_json(&(
        &entry.title,
        &entry.url,
        entry.kind.name(),
        &entry.section,
        text,
    ))
}

/// Appends as much of `part` to `text` as keeps it within
/// [`SNIPPET_TEXT_BYTES`], cut after a whole word where there is one.
fn push_within(text: &mut String, part: &str) {
    let room = SNIPPET_TEXT_BYTES.saturating_sub(text.len());
    if part.len() <= room {
        text.push_str(part);
        return;
    }
    let mut end = room;
    while !part.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &part[..end];
    text.push_str(cut.rfind(' ').map_or(cut, |space| &cut[..space]));
}

/// A shard as the index lists it: first id, file name, hash of its contents.
type Shard = (usize, String, String);

/// Groups consecutive JSON items into files of about `target` bytes, named
/// `<prefix><n>.js`, each holding `[first id, [item, …]]`. Returns how the
/// index lists them.
fn shard(prefix: &str, items: &[String], target: usize, files: &mut Vec<SearchFile>) -> Vec<Shard> {
    let groups = group_by_size(items.iter().map(String::len), target);
    write_shards(prefix, groups, |group| items[group].join(","), files)
}

/// Consecutive ranges of items whose lengths, joined by commas, reach
/// `target` bytes (the last may be shorter; there is always one).
fn group_by_size(lengths: impl Iterator<Item = usize>, target: usize) -> Vec<Range<usize>> {
    let mut groups = Vec::new();
    let (mut first, mut joined, mut count) = (0, 0, 0);
    for (i, length) in lengths.enumerate() {
        joined += length + usize::from(i > first);
        count = i + 1;
        if joined >= target {
            groups.push(first..i + 1);
            (first, joined) = (i + 1, 0);
        }
    }
    if first < count || groups.is_empty() {
        groups.push(first..count);
    }
    groups
}

/// Writes one shard file per group, in parallel, from the comma-joined JSON
/// items `items_json` makes for a group.
fn write_shards(
    prefix: &str,
    groups: Vec<Range<usize>>,
    items_json: impl Fn(Range<usize>) -> String + Sync,
    files: &mut Vec<SearchFile>,
) -> Vec<Shard> {
    let made: Vec<(SearchFile, Shard)> = groups
        .into_par_iter()
        .enumerate()
        .map(|(n, group)| {
            let json = format!("[{},[{}]]", group.start, items_json(group.clone()));
            let name = format!("{prefix}{n}");
            let hash = format!("{:08x}", content_hash(json.as_bytes()) as u32);
            let file = SearchFile {
                path: format!("search/{name}.js"),
                bytes: script(&name, &json),
            };
            (file, (group.start, format!("{name}.js"), hash))
        })
        .collect();
    let (made_files, shards): (Vec<SearchFile>, Vec<Shard>) = made.into_iter().unzip();
    files.extend(made_files);
    shards
}

/// A script that hands `json` to the search script under `name`. Every `<`
/// (which JSON has only inside strings) is written as `\u003c`, so no text
/// from a page can ever read as `</script>` or as markup, wherever the file
/// ends up.
fn script(name: &str, json: &str) -> Vec<u8> {
    let json = json.replace('<', "\\u003c");
    format!("window.coachbookSearch.add(\"{name}\",{json});\n").into_bytes()
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("index values are plain data and always serialise")
}

/// A hash of shard contents that is the same from build to build: foldhash
/// with a fixed seed, which reads eight bytes at a time (a byte-at-a-time
/// hash over the tens of megabytes of a large index showed in profiles).
fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x7365_6172_6368).hash_one(bytes)
}

#[cfg(test)]
mod tests {
    use super::super::entries::EntryKind;
    use super::*;

    fn entry(title: &str, body: &str) -> Entry {
        Entry {
            kind: EntryKind::Guide,
            title: title.into(),
            url: format!("{}/", title.to_lowercase()),
            section: String::new(),
            headings: Vec::new(),
            tags: Vec::new(),
            summary: None,
            body: body.into(),
        }
    }

    #[test]
    fn cutting_a_body_to_its_snippet_changes_no_snippet() {
        // Around the limit, with words of one to four bytes a character and a
        // summary taking some of the room.
        for extra in 0..12 {
            for word in ["ab ", "été ", "日本語 ", "x😀 "] {
                let mut long = entry(
                    "Long",
                    &word.repeat((SNIPPET_TEXT_BYTES + extra) / word.len()),
                );
                for summary in [None, Some("A summary.".to_string())] {
                    long.summary = summary;
                    let whole = document_json(&long);
                    let mut cut = long.clone();
                    cut_to_snippet(&mut cut.body);
                    assert!(cut.body.len() <= SNIPPET_TEXT_BYTES + 4);
                    assert_eq!(document_json(&cut), whole);
                    assert_eq!(document_json_estimate(&cut), document_json_estimate(&long));
                }
            }
        }
    }

    /// The JSON a file hands to `add`.
    fn data(file: &SearchFile) -> serde_json::Value {
        let text = std::str::from_utf8(&file.bytes).unwrap();
        let json = text
            .strip_prefix("window.coachbookSearch.add(\"")
            .and_then(|t| t.split_once("\","))
            .map(|(_, rest)| rest.trim_end().trim_end_matches(");"))
            .unwrap();
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_document_keeps_its_summary_and_the_start_of_its_body_for_snippets() {
        let body = "été ".repeat(SNIPPET_TEXT_BYTES);
        let mut long = entry("Long", &body);
        long.summary = Some("A summary.".into());
        let text = document_json(&long);
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let snippet = doc[4].as_str().unwrap();
        assert!(snippet.starts_with("A summary. été été"), "{snippet}");
        assert!(snippet.len() <= SNIPPET_TEXT_BYTES, "{}", snippet.len());
        assert!(snippet.len() > SNIPPET_TEXT_BYTES - 8, "{}", snippet.len());
        assert!(snippet.ends_with("été"), "cut after a whole word");
        let short = document_json(&entry("Short", "Only this."));
        assert!(short.contains("\"Only this.\""), "{short}");
    }

    #[test]
    fn words_map_to_shared_stems_and_stop_words_are_left_out() {
        let mut entries = [
            entry("Listening", "The listener listens."),
            entry("Silence", "Café silence"),
        ];
        let index = build_index(&mut entries, &Analyzer::for_language("en"), &Stop::NEVER)
            .expect("never stopped");
        let head = data(index.files.last().unwrap());
        let words: Vec<&str> = head["words"].as_str().unwrap().split('\n').collect();
        assert_eq!(
            words,
            ["cafe", "listener", "listening", "listens", "silence"]
        );
        let stems: Vec<i64> = head["word_stems"]
            .as_array()
            .unwrap()
            .iter()
            .scan(0, |id, gap| {
                *id += gap.as_i64().unwrap();
                Some(*id)
            })
            .collect();
        assert_eq!(stems[1], stems[2], "listener and listening share a stem");
        assert_eq!(stems[2], stems[3], "listening and listens share a stem");
        assert_ne!(stems[0], stems[4]);
        assert_eq!(head["documents"], 2);
    }

    /// Entries are counted in batches: a word first met in a later batch,
    /// one met in every batch and one in a single entry all get the
    /// postings a single pass would give them.
    #[test]
    fn words_met_in_any_batch_get_every_posting_in_document_order() {
        let count = 2 * BATCH + 3;
        let late = [BATCH + 1, 2 * BATCH + 1];
        let mut entries: Vec<Entry> = (0..count)
            .map(|i| {
                let extra = if late.contains(&i) { " belated" } else { "" };
                entry(&format!("E{i}"), &format!("The common word q{i}{extra}."))
            })
            .collect();
        let inverted = invert(&mut entries, &Analyzer::for_language("en"), &Stop::NEVER)
            .expect("never stopped");
        let words: Vec<&str> = inverted.words.split('\n').collect();
        assert_eq!(
            words.len(),
            2 * count + 3,
            "q0.., e0.., common, word, belated"
        );
        assert!(!words.contains(&"the"), "a stop word is left out");
        let documents = |word: &str| -> Vec<u32> {
            let at = words.iter().position(|w| *w == word).expect(word);
            let stem = inverted.word_stems[at] as usize;
            inverted.postings[stem]
                .iter()
                .map(|&(doc, _)| doc)
                .collect()
        };
        assert_eq!(documents("common"), (0..count as u32).collect::<Vec<_>>());
        assert_eq!(documents("belated"), late.map(|i| i as u32));
        assert_eq!(documents(&format!("q{}", count - 1)), [count as u32 - 1]);
        assert_eq!(documents("q0"), [0]);
    }

    #[test]
    fn a_title_hit_outscores_many_body_hits() {
        let title = score(&[1, 0, 0, 0, 0]);
        let heading = score(&[0, 1, 0, 0, 0]);
        let body = score(&[0, 0, 0, 0, 500]);
        assert!(
            title > heading && heading > body,
            "{title} {heading} {body}"
        );
    }

    #[test]
    fn postings_hold_gaps_and_scores_in_document_order() {
        assert_eq!(posting_json(&[(2, 5), (3, 1), (10, 16)]), "[2,5,1,1,7,16]");
    }

    #[test]
    fn shards_split_by_size_and_carry_a_hash_of_their_content() {
        let mut files = Vec::new();
        let items: Vec<String> = (0..10)
            .map(|i| format!("\"{}\"", "x".repeat(i * 10)))
            .collect();
        let shards = shard("p", &items, 100, &mut files);
        assert!(shards.len() > 1);
        assert_eq!(shards[0].0, 0);
        assert!(shards.windows(2).all(|w| w[0].0 < w[1].0));
        for ((_, name, _), file) in shards.iter().zip(&files) {
            assert_eq!(file.path, format!("search/{name}"));
        }
        let again = shard("p", &items, 100, &mut Vec::new());
        assert_eq!(shards, again, "the same content gives the same hashes");
        let changed = shard("p", &["\"y\"".to_string()], 100, &mut Vec::new());
        assert_ne!(shards[0].2, changed[0].2);
    }
}
