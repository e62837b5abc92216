//! Synthetic handbooks for benchmarks and stress tests.
//!
//! This module owns one job: turning a page count and a seed into the full
//! text of a valid handbook — `site.toml`, a tree of nested sections with their
//! `_index.md` files, guides, question banks and role-play scenarios — in which
//! every relative link, heading anchor and question reference resolves. The
//! same arguments always give the same bytes, because a benchmark whose input
//! drifts between runs measures nothing.
//!
//! It must not touch the file system (callers decide where the files go), must
//! not depend on the rest of the crate, and uses only `std`, with its own tiny
//! pseudo-random generator, so the output never changes under a dependency
//! upgrade.
//!
//! Generation runs in two passes. The *plan* fixes everything other pages can
//! point at: the section tree, every page's path, title, kind, `##` headings
//! and question ids. The *render* pass then writes each page from the plan,
//! drawing links only to planned paths and anchors, so nothing can dangle.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::PathBuf;

use coachbook::slug::{capitalize, slugify};

/// One generated file: path relative to the handbook root, and its text.
pub struct SynthFile {
    /// Where the file goes, relative to the handbook root (`content/...`).
    pub path: PathBuf,
    /// The file's full text.
    pub text: String,
}

/// Generates a handbook of `pages` content pages (plus `site.toml`, section `_index.md` files).
///
/// Exactly `pages` Markdown files other than `_index.md` are produced under
/// `content/`; a few guides are page bundles (`<name>/index.md`) that keep a
/// small SVG diagram beside them. About 6% of the pages are question banks
/// (6 to 12 questions across the four GROW stages, each with its purpose, some
/// with follow-ups), about 6% are scenarios (2 to 4 roles with briefs,
/// timing, an observer checklist and a debrief) and one page in 200 is a
/// session plan (an agenda of 5 to 8 timed rows using the handbook's guides,
/// banks and scenarios, with a break). The result depends only on `pages`
/// and `seed`.
#[must_use]
pub fn generate_handbook(pages: usize, seed: u64) -> Vec<SynthFile> {
    let plan = build_plan(pages, seed);
    let mut files = Vec::with_capacity(plan.pages.len() + plan.sections.len() + 2);
    files.push(SynthFile {
        path: PathBuf::from("site.toml"),
        text: SITE_TOML.to_string(),
    });
    files.push(SynthFile {
        path: PathBuf::from("content/_index.md"),
        text: render_home(&plan, seed),
    });
    for (index, section) in plan.sections.iter().enumerate() {
        files.push(SynthFile {
            path: content_path(&format!("{}/_index.md", section.dir)),
            text: render_section_index(section, &mut Rng::derived(seed, STREAM_SECTION, index)),
        });
    }
    for (index, page) in plan.pages.iter().enumerate() {
        let mut rng = Rng::derived(seed, STREAM_RENDER, index);
        let text = match page.kind {
            Kind::Guide => render_guide(&plan, index, &mut rng),
            Kind::Questions => render_bank(&plan, index, &mut rng),
            Kind::Scenario => render_scenario(&plan, index, &mut rng),
            Kind::Session => render_session(&plan, index, &mut rng),
        };
        files.push(SynthFile {
            path: content_path(&page.path),
            text,
        });
        if page.bundle {
            files.push(SynthFile {
                path: content_path(&bundle_asset_path(&page.path)),
                text: render_diagram(&page.title),
            });
        }
    }
    files
}

const SITE_TOML: &str = "title = \"Synthetic Handbook\"
base_url = \"/\"

[taxonomies]
tags = \"Tags\"
competencies = \"Competencies\"
";

/// Turns a `/`-separated path below `content/` into a root-relative path.
fn content_path(relative: &str) -> PathBuf {
    let mut path = PathBuf::from("content");
    path.extend(relative.split('/'));
    path
}

/// The diagram kept beside a bundle page's `index.md`.
fn bundle_asset_path(page_path: &str) -> String {
    match page_path.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/diagram.svg"),
        None => "diagram.svg".to_string(),
    }
}

// ---------------------------------------------------------------------------
// Pseudo-random numbers
// ---------------------------------------------------------------------------

/// Independent streams, so that changing how one page is written never shifts
/// the random choices made for the tree or for any other page.
const STREAM_TREE: u64 = 1;
const STREAM_PLAN: u64 = 2;
const STREAM_RENDER: u64 = 3;
const STREAM_SECTION: u64 = 4;
const STREAM_HOME: u64 = 5;

/// A SplitMix64 generator: tiny, fast, and good enough for picking words.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// A generator for item `index` of `stream`, independent of all others.
    fn derived(seed: u64, stream: u64, index: usize) -> Self {
        let mut mixer = Rng::new(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        let base = mixer.next_u64();
        Rng::new(base ^ (index as u64).wrapping_mul(0xE703_7ED1_A0B4_28DB))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must not be zero. The modulo bias is far too
    /// small to matter for choosing words.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True with the given probability, in percent.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One word of a vocabulary list.
    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// `count` distinct items, in a random order.
    fn pick_distinct<T: Copy>(&mut self, items: &[T], count: usize) -> Vec<T> {
        let mut order: Vec<usize> = (0..items.len()).collect();
        self.shuffle(&mut order);
        order
            .into_iter()
            .take(count.min(items.len()))
            .map(|i| items[i])
            .collect()
    }
}

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

/// Verbs as (base form, -ing form).
const VERBS: &[(&str, &str)] = &[
    ("notice", "noticing"),
    ("explore", "exploring"),
    ("clarify", "clarifying"),
    ("challenge", "challenging"),
    ("summarise", "summarising"),
    ("name", "naming"),
    ("test", "testing"),
    ("revisit", "revisiting"),
    ("surface", "surfacing"),
    ("reframe", "reframing"),
    ("map", "mapping"),
    ("share", "sharing"),
    ("agree", "agreeing"),
    ("question", "questioning"),
    ("acknowledge", "acknowledging"),
    ("track", "tracking"),
    ("prioritise", "prioritising"),
    ("understand", "understanding"),
    ("describe", "describing"),
    ("review", "reviewing"),
    ("support", "supporting"),
    ("strengthen", "strengthening"),
    ("unpack", "unpacking"),
    ("protect", "protecting"),
];

/// Countable nouns; `plural` handles their plural forms.
const NOUNS: &[&str] = &[
    "goal",
    "question",
    "commitment",
    "outcome",
    "relationship",
    "assumption",
    "pattern",
    "strength",
    "obstacle",
    "option",
    "habit",
    "agenda",
    "expectation",
    "boundary",
    "priority",
    "decision",
    "perspective",
    "belief",
    "value",
    "challenge",
    "milestone",
    "session",
    "agreement",
    "story",
    "behaviour",
    "intention",
    "response",
    "tension",
    "conflict",
    "meeting",
    "plan",
    "experiment",
    "check-in",
    "request",
    "concern",
    "insight",
    "signal",
    "theme",
    "step",
    "trade-off",
];

/// Uncountable nouns, never pluralised.
const MASS_NOUNS: &[&str] = &[
    "feedback",
    "trust",
    "accountability",
    "reflection",
    "curiosity",
    "empathy",
    "progress",
    "energy",
    "clarity",
    "ownership",
    "delegation",
    "motivation",
    "confidence",
    "silence",
    "learning",
    "support",
    "resilience",
    "focus",
    "candour",
    "recognition",
];

const ADJECTIVES: &[&str] = &[
    "open",
    "specific",
    "honest",
    "difficult",
    "shared",
    "clear",
    "curious",
    "useful",
    "practical",
    "small",
    "concrete",
    "regular",
    "calm",
    "respectful",
    "balanced",
    "candid",
    "genuine",
    "deliberate",
    "realistic",
    "ambitious",
    "visible",
    "quiet",
    "recurring",
    "early",
    "unspoken",
    "steady",
    "focused",
    "generous",
    "tentative",
    "careful",
];

/// Plural subjects, so that base-form verbs agree with them.
const SUBJECTS: &[&str] = &[
    "Good coaches",
    "Most managers",
    "New team leads",
    "Experienced facilitators",
    "Coachees",
    "Peers",
    "Skilled mentors",
    "Many teams",
    "Senior leaders",
    "Effective coaches",
];

const CONTEXTS: &[&str] = &[
    "a one-to-one",
    "a team meeting",
    "a performance review",
    "a quick corridor conversation",
    "a project retrospective",
    "a first coaching session",
    "a remote call",
    "a difficult handover",
    "a quarterly planning session",
    "a career conversation",
];

const PEOPLE: &[&str] = &[
    "Sam",
    "Priya",
    "Jordan",
    "Alex",
    "Mei",
    "Tomasz",
    "Amara",
    "Luis",
    "Noor",
    "Kofi",
    "Elena",
    "Ravi",
    "Hannah",
    "Diego",
    "Aisha",
    "Finn",
    "Yuki",
    "Marta",
    "Oluwaseun",
    "Chris",
];

const JOBS: &[&str] = &[
    "senior analyst",
    "product designer",
    "support lead",
    "software engineer",
    "account manager",
    "data scientist",
    "operations coordinator",
    "project manager",
    "sales representative",
    "finance partner",
    "HR advisor",
    "team assistant",
];

const TOPICS: &[&str] = &[
    "Foundations of coaching",
    "Active listening",
    "Powerful questions",
    "Giving feedback",
    "Receiving feedback",
    "Difficult conversations",
    "Goal setting",
    "Delegation",
    "One-to-ones",
    "Team coaching",
    "Career conversations",
    "Performance reviews",
    "Conflict and tension",
    "Building trust",
    "Psychological safety",
    "Motivation",
    "Accountability",
    "Change and uncertainty",
    "Wellbeing and resilience",
    "Decision making",
    "Meeting practice",
    "Remote teams",
    "Onboarding",
    "Mentoring",
    "Peer coaching",
    "Coaching models",
    "Contracting",
    "Ethics and boundaries",
    "Inclusion",
    "Stakeholder conversations",
    "Priorities and focus",
    "Recognition",
    "Learning from mistakes",
    "Strengths",
    "Habits and routines",
    "Reflective practice",
    "Facilitation",
    "Leading through change",
    "Self-coaching",
    "Supervision",
];

const ASPECTS: &[&str] = &[
    "Foundations",
    "Practice",
    "Tools",
    "Case studies",
    "Advanced techniques",
    "Common pitfalls",
    "Exercises",
    "For new managers",
    "For senior leaders",
    "Templates",
    "Reading list",
    "Workshops",
    "Worked examples",
    "Self assessment",
    "Quick reference",
];

const TAGS: &[&str] = &[
    "feedback",
    "listening",
    "questions",
    "goals",
    "conflict",
    "delegation",
    "trust",
    "remote",
    "wellbeing",
    "performance",
    "career",
    "meetings",
];

const COMPETENCIES: &[&str] = &[
    "listening",
    "questioning",
    "feedback",
    "empathy",
    "accountability",
    "contracting",
    "challenging",
    "reflecting",
    "goal-setting",
    "self-awareness",
];

const LEVELS: &[&str] = &[
    "new-manager",
    "experienced-manager",
    "senior-leader",
    "team-member",
];

const STAGES: &[&str] = &["Goal", "Reality", "Options", "Will"];

const QUESTION_TAGS: &[&str] = &[
    "opening",
    "clarifying",
    "challenging",
    "closing",
    "reflective",
    "scaling",
    "future",
    "resources",
];

const FIXED_HEADINGS: &[&str] = &[
    "Common pitfalls",
    "Before the session",
    "During the conversation",
    "After the session",
    "A worked example",
    "Questions to ask",
    "Signs of progress",
    "Practising with a peer",
    "Adapting for remote teams",
    "What good looks like",
    "Getting started",
    "Going further",
];

const CHECKLIST: &[&str] = &[
    "Asked open questions before offering solutions",
    "Summarised what they heard before moving on",
    "Named the tension without blaming anyone",
    "Left silence after important questions",
    "Checked what the other person wanted from the conversation",
    "Separated observations from interpretations",
    "Acknowledged the other person's feelings",
    "Agreed a clear and specific next step",
    "Stayed curious when challenged",
    "Kept the focus on the future rather than on blame",
    "Invited the other person to propose options",
    "Checked commitment before closing",
    "Used the person's own words when reflecting back",
    "Gave specific examples when sharing feedback",
];

const SCENARIO_ADJECTIVES: &[&str] = &[
    "missed",
    "delayed",
    "quiet",
    "reluctant",
    "overloaded",
    "new",
    "disputed",
    "silent",
    "uneven",
    "stalled",
    "rushed",
    "surprise",
];

const SCENARIO_EVENTS: &[&str] = &[
    "deadline",
    "handover",
    "promotion",
    "review",
    "project",
    "budget",
    "rollout",
    "hire",
    "reorganisation",
    "estimate",
    "release",
    "secondment",
];

// ---------------------------------------------------------------------------
// Small text helpers
// ---------------------------------------------------------------------------

/// `word` with "a" or "an" in front.
fn with_article(word: &str) -> String {
    format!("{} {word}", article(word))
}

/// "a" or "an", by how `word` is spoken.
fn article(word: &str) -> &'static str {
    let lower = word.to_lowercase();
    // Words that sound like "you" take "a"; a silent "h" or a spoken
    // initialism such as "HR" takes "an".
    let sounds_like_you = ["use", "usu", "uni", "eu"]
        .iter()
        .any(|p| lower.starts_with(p));
    let vowel_sound = lower.starts_with(['a', 'e', 'i', 'o', 'u'])
        || lower.starts_with("honest")
        || lower.starts_with("hour")
        || word.starts_with("HR");
    if vowel_sound && !sounds_like_you {
        "an"
    } else {
        "a"
    }
}

fn plural(noun: &str) -> String {
    let bytes = noun.as_bytes();
    let consonant_y = noun.ends_with('y')
        && bytes.len() >= 2
        && !matches!(bytes[bytes.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u');
    if consonant_y {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if noun.ends_with('s') || noun.ends_with("sh") || noun.ends_with("ch") {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A YAML double-quoted string.
fn yaml_str(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            _ => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// A YAML flow sequence of plain words, such as `[feedback, trust]`.
fn yaml_words(words: &[&str]) -> String {
    format!("[{}]", words.join(", "))
}

/// Appends `text` as a YAML literal block scalar body, indented by `indent`.
fn push_block_scalar(out: &mut String, text: &str, indent: usize) {
    for line in text.trim_end().lines() {
        if !line.is_empty() {
            out.extend(std::iter::repeat_n(' ', indent));
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// A path from the folder of `from` to `to`, both `/`-separated and relative
/// to `content/`, written the way an author would link it (`../x/y.md`).
fn relative_path(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let target: Vec<&str> = to.split('/').collect();
    let target_dirs = &target[..target.len() - 1];
    let common = from_dirs
        .iter()
        .zip(target_dirs)
        .take_while(|(a, b)| a == b)
        .count();
    let mut link = "../".repeat(from_dirs.len() - common);
    link.push_str(&target[common..].join("/"));
    link
}

/// A random date in `YYYY-MM-DD` form between 2025 and 2027.
fn random_date(rng: &mut Rng) -> String {
    format!(
        "{}-{:02}-{:02}",
        rng.range(2025, 2027),
        rng.range(1, 12),
        rng.range(1, 28)
    )
}

fn verb(rng: &mut Rng) -> &'static str {
    rng.pick(VERBS).0
}

fn gerund(rng: &mut Rng) -> &'static str {
    rng.pick(VERBS).1
}

fn noun(rng: &mut Rng) -> &'static str {
    rng.word(NOUNS)
}

fn mass(rng: &mut Rng) -> &'static str {
    rng.word(MASS_NOUNS)
}

fn adjective(rng: &mut Rng) -> &'static str {
    rng.word(ADJECTIVES)
}

fn person(rng: &mut Rng) -> &'static str {
    rng.word(PEOPLE)
}

// ---------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Guide,
    Questions,
    Scenario,
    Session,
}

struct SectionPlan {
    /// Folder below `content/`, `/`-separated.
    dir: String,
    title: String,
    weight: usize,
    /// Pages directly in this section, by index into `Plan::pages`.
    pages: Vec<usize>,
}

struct Heading {
    text: String,
    id: String,
}

struct Question {
    id: String,
    stage: &'static str,
    text: String,
    purpose: String,
    tags: Vec<&'static str>,
    follow_ups: Vec<String>,
}

struct PagePlan {
    /// File below `content/`, `/`-separated.
    path: String,
    title: String,
    kind: Kind,
    section: usize,
    weight: usize,
    bundle: bool,
    /// Roughly how many words the page should hold.
    target_words: usize,
    /// The `##` headings, in order; links may point at any of them.
    headings: Vec<Heading>,
    /// Question bank entries; scenarios may reference any of them.
    questions: Vec<Question>,
}

struct Plan {
    sections: Vec<SectionPlan>,
    pages: Vec<PagePlan>,
    /// Indices of the pages that are question banks, guides and scenarios,
    /// which session plans put on their agendas.
    banks: Vec<usize>,
    guides: Vec<usize>,
    scenarios: Vec<usize>,
}

/// The deepest level a section may sit at (top-level sections are level 1).
const MAX_DEPTH: usize = 3;

fn build_plan(page_count: usize, seed: u64) -> Plan {
    let mut plan = Plan {
        sections: Vec::new(),
        pages: Vec::new(),
        banks: Vec::new(),
        guides: Vec::new(),
        scenarios: Vec::new(),
    };
    if page_count == 0 {
        return plan;
    }
    let mut rng = Rng::derived(seed, STREAM_TREE, 0);

    // A leaf unit is one leaf section's worth of pages (25 to 60). Deep
    // sections that run out of depth absorb several units.
    let units = page_count.div_ceil(42).max(1);
    // About a third of the square root: 10 top-level sections for 1,000
    // pages, 33 for 10,000, and never more than there are topics.
    let top_count = (page_count.isqrt() + 1) / 3;
    let top_count = top_count.clamp(1, TOPICS.len());
    let top_count = top_count.min(units);
    let unit_pages = split_pages(page_count, units, &mut rng);
    let top_units = split_count(units, top_count, subtree_capacity(1), &mut rng);

    let topics = rng.pick_distinct(TOPICS, top_count);
    let mut tree = TreeBuilder {
        sections: &mut plan.sections,
        leaves: Vec::new(),
        rng: &mut rng,
    };
    for (i, (&topic, &count)) in topics.iter().zip(&top_units).enumerate() {
        tree.add_section("", topic, (i + 1) * 10, 1, count);
    }
    let leaves = tree.leaves;

    // Hand each leaf the pages of its units, in order.
    let mut next_unit = 0;
    let mut leaf_pages = Vec::with_capacity(leaves.len());
    for &(section, count) in &leaves {
        let pages: usize = unit_pages[next_unit..next_unit + count].iter().sum();
        next_unit += count;
        leaf_pages.push((section, pages));
    }

    // Choose which pages are banks and scenarios: about 6% each, exactly.
    let bank_count = (page_count * 6 + 50) / 100;
    let scenario_count = bank_count;
    let mut order: Vec<usize> = (0..page_count).collect();
    rng.shuffle(&mut order);
    let mut kinds = vec![Kind::Guide; page_count];
    for &i in &order[..bank_count] {
        kinds[i] = Kind::Questions;
    }
    for &i in &order[bank_count..bank_count + scenario_count] {
        kinds[i] = Kind::Scenario;
    }
    // One page in 200 is a session plan, once there are pages for its agenda.
    let session_count = page_count / 200;
    let sessions_start = bank_count + scenario_count;
    for &i in &order[sessions_start..sessions_start + session_count] {
        kinds[i] = Kind::Session;
    }

    for (section, count) in leaf_pages {
        let mut used_names = HashSet::new();
        for position in 0..count {
            let index = plan.pages.len();
            let mut page_rng = Rng::derived(seed, STREAM_PLAN, index);
            let page = plan_page(
                &plan.sections[section].dir,
                section,
                (position + 1) * 10,
                kinds[index],
                &mut used_names,
                &mut page_rng,
            );
            match page.kind {
                Kind::Questions => plan.banks.push(index),
                Kind::Guide => plan.guides.push(index),
                Kind::Scenario => plan.scenarios.push(index),
                Kind::Session => {}
            }
            plan.sections[section].pages.push(index);
            plan.pages.push(page);
        }
    }
    plan
}

/// Splits `total` pages over `units` leaf units, each weighted 25 to 60.
fn split_pages(total: usize, units: usize, rng: &mut Rng) -> Vec<usize> {
    let weights: Vec<usize> = (0..units).map(|_| rng.range(25, 60)).collect();
    let weight_sum: usize = weights.iter().sum();
    let mut pages: Vec<usize> = weights.iter().map(|w| total * w / weight_sum).collect();
    let mut missing = total - pages.iter().sum::<usize>();
    let mut i = 0;
    while missing > 0 {
        pages[i % units] += 1;
        missing -= 1;
        i += 1;
    }
    // Scaling can push a unit just outside 25..=60; move pages from the
    // largest unit to the smallest until every unit fits, when the total
    // allows it.
    loop {
        let (mut small, mut large) = (0, 0);
        for (i, &count) in pages.iter().enumerate() {
            if count < pages[small] {
                small = i;
            }
            if count > pages[large] {
                large = i;
            }
        }
        let too_large = pages[large] > 60 && pages[small] < 60;
        let too_small = pages[small] < 25 && pages[large] > 25;
        if !(too_large || too_small) {
            break;
        }
        pages[large] -= 1;
        pages[small] += 1;
    }
    pages
}

/// Splits `total` into `parts` random counts of at least one each, keeping
/// every count within `cap` as long as the total allows.
fn split_count(total: usize, parts: usize, cap: usize, rng: &mut Rng) -> Vec<usize> {
    let mut counts = vec![1; parts];
    for _ in parts..total {
        let open: Vec<usize> = (0..parts).filter(|&i| counts[i] < cap).collect();
        let part = if open.is_empty() {
            rng.below(parts)
        } else {
            open[rng.below(open.len())]
        };
        counts[part] += 1;
    }
    counts
}

/// How many leaf units a section at `depth` holds when every section below
/// it has three subsections. Beyond that, leaves at the deepest level hold
/// several units, and so more than 60 pages.
fn subtree_capacity(depth: usize) -> usize {
    3_usize.pow(u32::try_from(MAX_DEPTH - depth).unwrap_or(0))
}

/// Grows the section tree, recording which sections are leaves.
struct TreeBuilder<'a> {
    sections: &'a mut Vec<SectionPlan>,
    /// Leaf sections as (section index, leaf units it holds), in reading order.
    leaves: Vec<(usize, usize)>,
    rng: &'a mut Rng,
}

impl TreeBuilder<'_> {
    /// Adds a section holding `units` leaf units, with two or three
    /// subsections when it has more than one unit and room to go deeper.
    fn add_section(
        &mut self,
        parent_dir: &str,
        title: &str,
        weight: usize,
        depth: usize,
        units: usize,
    ) {
        let name = slugify(title);
        let dir = if parent_dir.is_empty() {
            name
        } else {
            format!("{parent_dir}/{name}")
        };
        let index = self.sections.len();
        self.sections.push(SectionPlan {
            dir: dir.clone(),
            title: title.to_string(),
            weight,
            pages: Vec::new(),
        });
        if units == 1 || depth == MAX_DEPTH {
            self.leaves.push((index, units));
            return;
        }
        // Two or three subsections, but three when two could not hold every
        // unit without crowding the deepest level.
        let child_capacity = subtree_capacity(depth + 1);
        let mut children = self.rng.range(2, 3);
        if units > children * child_capacity {
            children = 3;
        }
        let children = children.min(units);
        let child_units = split_count(units, children, child_capacity, self.rng);
        let aspects = self.rng.pick_distinct(ASPECTS, children);
        for (i, (aspect, count)) in aspects.into_iter().zip(child_units).enumerate() {
            self.add_section(&dir, aspect, (i + 1) * 10, depth + 1, count);
        }
    }
}

fn plan_page(
    dir: &str,
    section: usize,
    weight: usize,
    kind: Kind,
    used_names: &mut HashSet<String>,
    rng: &mut Rng,
) -> PagePlan {
    let title = match kind {
        Kind::Guide => guide_title(rng),
        Kind::Questions => bank_title(rng),
        Kind::Scenario => scenario_title(rng),
        Kind::Session => session_title(rng),
    };
    let base = slugify(&title);
    let mut name = base.clone();
    let mut suffix = 2;
    while !used_names.insert(name.clone()) {
        name = format!("{base}-{suffix}");
        suffix += 1;
    }
    let bundle = kind == Kind::Guide && rng.chance(3);
    let path = if bundle {
        format!("{dir}/{name}/index.md")
    } else {
        format!("{dir}/{name}.md")
    };
    let target_words = rng.range(400, 1300);
    let (headings, questions) = match kind {
        Kind::Guide => (guide_headings(target_words, rng), Vec::new()),
        Kind::Questions => (Vec::new(), bank_questions(rng)),
        Kind::Scenario | Kind::Session => (Vec::new(), Vec::new()),
    };
    PagePlan {
        path,
        title,
        kind,
        section,
        weight,
        bundle,
        target_words,
        headings,
        questions,
    }
}

fn guide_title(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 => format!(
            "{} {} {}",
            capitalize(gerund(rng)),
            adjective(rng),
            plural(noun(rng))
        ),
        1 => format!(
            "{} the {} in {}",
            capitalize(gerund(rng)),
            noun(rng),
            rng.pick(CONTEXTS)
        ),
        2 => format!(
            "How to {} {} {}",
            verb(rng),
            with_article(adjective(rng)),
            noun(rng)
        ),
        3 => format!("The {} {}", adjective(rng), noun(rng)),
        4 => format!("{} in {}", capitalize(mass(rng)), rng.pick(CONTEXTS)),
        5 => format!(
            "When {} {}",
            plural(noun(rng)),
            rng.pick(&["slip", "stall", "clash", "drift", "fade"])
        ),
        6 => format!(
            "{} approach to {}",
            capitalize(&with_article(adjective(rng))),
            mass(rng)
        ),
        _ => {
            let (first, second) = two_of(rng, mass);
            format!("{} and {}", capitalize(first), second)
        }
    }
}

fn bank_title(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("{} coaching questions", capitalize(mass(rng))),
        1 => format!("Questions for {} {}", gerund(rng), plural(noun(rng))),
        _ => format!("GROW questions for {}", rng.pick(CONTEXTS)),
    }
}

fn session_title(rng: &mut Rng) -> String {
    format!(
        "Workshop: {} {}",
        capitalize(gerund(rng)),
        plural(noun(rng))
    )
}

fn scenario_title(rng: &mut Rng) -> String {
    format!(
        "The {} {}",
        rng.pick(SCENARIO_ADJECTIVES),
        rng.pick(SCENARIO_EVENTS)
    )
}

fn heading_text(rng: &mut Rng) -> String {
    match rng.below(7) {
        0 => format!("Why {} matters", mass(rng)),
        1 => format!("{} the {}", capitalize(gerund(rng)), noun(rng)),
        2 => format!("{} {}", capitalize(adjective(rng)), plural(noun(rng))),
        3 => format!("When the {} stalls", noun(rng)),
        4 => format!("Working with {}", plural(noun(rng))),
        5 => format!("The role of {}", mass(rng)),
        _ => rng.pick(FIXED_HEADINGS).to_string(),
    }
}

/// A heading whose id is not in `used`, which then holds it.
fn unique_heading(
    used: &mut HashSet<String>,
    rng: &mut Rng,
    make: fn(&mut Rng) -> String,
) -> Heading {
    let mut text = make(rng);
    let mut attempt = 2;
    while used.contains(&slugify(&text)) {
        text = if attempt < 8 {
            make(rng)
        } else {
            format!("{} {attempt}", make(rng))
        };
        attempt += 1;
    }
    let id = slugify(&text);
    used.insert(id.clone());
    Heading { text, id }
}

fn guide_headings(target_words: usize, rng: &mut Rng) -> Vec<Heading> {
    let count = (target_words / 200).clamp(2, 7);
    let mut used = HashSet::new();
    (0..count)
        .map(|_| unique_heading(&mut used, rng, heading_text))
        .collect()
}

/// A question for `stage`, and the short key its id is built from.
fn question_text(stage: &str, rng: &mut Rng) -> (String, String) {
    let n = noun(rng);
    let key = n.to_string();
    let text = match stage {
        "Goal" => match rng.below(6) {
            0 => format!(
                "What would you like to {} about the {n} by the end of today?",
                verb(rng)
            ),
            1 => format!("What would make this {n} worth your time?"),
            2 => format!("How will you know the {n} is {} enough?", adjective(rng)),
            3 => format!(
                "What would {} {n} look like for you?",
                with_article(adjective(rng))
            ),
            4 => format!("Which part of the {n} matters most to you?"),
            _ => format!("If this {n} went well, what would be different?"),
        },
        "Reality" => match rng.below(6) {
            0 => format!("What is happening with the {n} right now?"),
            1 => format!("What have you already tried to {} the {n}?", verb(rng)),
            2 => format!("Who else is affected by this {n}?"),
            3 => format!("What evidence do you have about the {n}?"),
            4 => format!(
                "On a scale of one to ten, how {} does the {n} feel?",
                adjective(rng)
            ),
            _ => format!("What part do you play in the {n}?"),
        },
        "Options" => match rng.below(6) {
            0 => format!("What could you do to {} the {n}?", verb(rng)),
            1 => format!("What would you try if you knew the {n} would work?"),
            2 => format!("Who could help you {} the {n}?", verb(rng)),
            3 => format!("What has worked for you in a similar {n}?"),
            4 => format!(
                "What would {} first step with the {n} be?",
                with_article(adjective(rng))
            ),
            _ => format!("What else could you do about the {n}, if anything were possible?"),
        },
        _ => match rng.below(6) {
            0 => format!("What will you do first to {} the {n}, and when?", verb(rng)),
            1 => format!("What might get in the way of {} the {n}?", gerund(rng)),
            2 => format!("How committed are you to this {n}, from one to ten?"),
            3 => format!("Who needs to know about your {n}?"),
            4 => format!("How will you {} your progress on the {n}?", verb(rng)),
            _ => format!("What support do you need to keep the {n} going?"),
        },
    };
    (text, key)
}

fn question_purpose(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!("Helps the coachee {} the {}.", verb(rng), noun(rng)),
        1 => format!(
            "Invites the coachee to {} their own {}.",
            verb(rng),
            noun(rng)
        ),
        2 => format!("Keeps the focus on {} the {}.", gerund(rng), noun(rng)),
        3 => format!("Builds **{}** before any advice is offered.", mass(rng)),
        _ => format!(
            "Makes the {} {} enough to act on.",
            noun(rng),
            adjective(rng)
        ),
    }
}

fn bank_questions(rng: &mut Rng) -> Vec<Question> {
    let count = rng.range(6, 12);
    let per_stage = {
        let mut counts = vec![1; STAGES.len()];
        for _ in STAGES.len()..count {
            counts[rng.below(STAGES.len())] += 1;
        }
        counts
    };
    let mut used = HashSet::new();
    let mut questions = Vec::with_capacity(count);
    for (stage, &n) in STAGES.iter().zip(&per_stage) {
        for _ in 0..n {
            let (text, key) = question_text(stage, rng);
            let base = format!("{}-{}", slugify(stage), slugify(&key));
            let mut id = base.clone();
            let mut suffix = 2;
            while !used.insert(id.clone()) {
                id = format!("{base}-{suffix}");
                suffix += 1;
            }
            let tag_count = rng.range(1, 2);
            let tags = rng.pick_distinct(QUESTION_TAGS, tag_count);
            let follow_ups = if rng.chance(50) {
                let mut follow_ups = vec![
                    "What would that give you?".to_string(),
                    format!("What else could get in the way of the {}?", noun(rng)),
                    format!("How would {} notice the difference?", person(rng)),
                ];
                rng.shuffle(&mut follow_ups);
                follow_ups.truncate(rng.range(1, 2));
                follow_ups
            } else {
                Vec::new()
            };
            questions.push(Question {
                id,
                stage,
                text,
                purpose: question_purpose(rng),
                tags,
                follow_ups,
            });
        }
    }
    questions
}

// ---------------------------------------------------------------------------
// Rendering: shared pieces
// ---------------------------------------------------------------------------

/// The page text being written, with a running count of its body's words.
struct Body {
    text: String,
    words: usize,
}

impl Body {
    fn new() -> Self {
        Body {
            text: String::with_capacity(8 * 1024),
            words: 0,
        }
    }

    /// Appends one block and the blank line that ends it.
    fn block(&mut self, block: &str) {
        self.words += word_count(block);
        self.text.push_str(block);
        self.text.push_str("\n\n");
    }
}

/// A link from page `from` to page `to`, optionally to one of its headings.
struct Link {
    href: String,
    label: String,
}

/// Picks a page to link to from page `from`: often a neighbour in the same
/// section, otherwise any page. Sometimes targets one of its `##` headings.
fn pick_link(plan: &Plan, from: usize, rng: &mut Rng) -> Option<Link> {
    if plan.pages.len() < 2 {
        return None;
    }
    let page = &plan.pages[from];
    let neighbours = &plan.sections[page.section].pages;
    let mut to = if rng.chance(50) && neighbours.len() > 1 {
        *rng.pick(neighbours)
    } else {
        rng.below(plan.pages.len())
    };
    if to == from {
        to = (to + 1) % plan.pages.len();
    }
    let target = &plan.pages[to];
    let mut href = relative_path(&page.path, &target.path);
    let mut label = target.title.clone();
    if !target.headings.is_empty() && rng.chance(40) {
        let heading = rng.pick(&target.headings);
        href.push('#');
        href.push_str(&heading.id);
        label = heading.text.clone();
    }
    Some(Link { href, label })
}

/// How many sentence shapes `sentence_of` knows.
const SENTENCE_SHAPES: usize = 12;

/// What a topic becomes once a coach handles it well.
const BECOMES: &[&str] = &[
    "clearer",
    "easier to name",
    "more specific",
    "less tense",
    "easier to discuss",
    "more concrete",
    "lighter",
    "easier to act on",
];

fn sentence(rng: &mut Rng) -> String {
    let shape = rng.below(SENTENCE_SHAPES);
    sentence_of(shape, rng)
}

/// Two different words drawn by `draw`, so a sentence never says
/// "trust and trust".
fn two_of(rng: &mut Rng, draw: fn(&mut Rng) -> &'static str) -> (&'static str, &'static str) {
    let first = draw(rng);
    let mut second = draw(rng);
    while second == first {
        second = draw(rng);
    }
    (first, second)
}

/// One sentence of the given shape, with words drawn from the vocabulary.
fn sentence_of(shape: usize, rng: &mut Rng) -> String {
    let bold = rng.chance(12);
    let phrase = |rng: &mut Rng| {
        let text = format!("{} {}", adjective(rng), noun(rng));
        if bold { format!("**{text}**") } else { text }
    };
    match shape {
        0 => format!(
            "{} {} the {} before they {} any {}.",
            rng.pick(SUBJECTS),
            verb(rng),
            phrase(rng),
            verb(rng),
            noun(rng)
        ),
        1 => format!(
            "When {} {} the {}, the {} usually becomes {}.",
            rng.pick(SUBJECTS).to_lowercase(),
            verb(rng),
            noun(rng),
            noun(rng),
            rng.pick(BECOMES)
        ),
        2 => {
            let text = phrase(rng);
            format!(
                "{} {text} gives the coachee room to {} their own {}.",
                capitalize(article(text.trim_start_matches('*'))),
                verb(rng),
                noun(rng)
            )
        }
        3 => format!(
            "It helps to {} the {} in the first {} minutes of {}.",
            verb(rng),
            noun(rng),
            rng.pick(&["five", "ten", "few", "fifteen"]),
            rng.pick(CONTEXTS)
        ),
        4 => format!(
            "Ask yourself whether the {} is {} enough to {}.",
            noun(rng),
            adjective(rng),
            verb(rng)
        ),
        5 => format!(
            "{} often {} the {} too early, which leaves little room for {}.",
            rng.pick(SUBJECTS),
            verb(rng),
            noun(rng),
            mass(rng)
        ),
        6 => format!(
            "Try to {} one {} at a time, and {} what changes.",
            verb(rng),
            phrase(rng),
            verb(rng)
        ),
        7 => format!(
            "The aim is not to {} every {}, but to {} the one that matters most.",
            verb(rng),
            noun(rng),
            verb(rng)
        ),
        8 => format!(
            "In {}, {} can {} the {} without {} the {}.",
            rng.pick(CONTEXTS),
            rng.pick(SUBJECTS).to_lowercase(),
            verb(rng),
            phrase(rng),
            gerund(rng),
            noun(rng)
        ),
        9 => format!(
            "Notice how the {} shifts when you {} the {}.",
            noun(rng),
            verb(rng),
            noun(rng)
        ),
        10 => {
            let (topic, first) = two_of(rng, mass);
            let mut second = mass(rng);
            while second == topic || second == first {
                second = mass(rng);
            }
            format!(
                "{} {} is rarely about {topic}; it is about {first} and {second}.",
                capitalize(gerund(rng)),
                plural(noun(rng)),
            )
        }
        _ => format!(
            "{} once said that the {} was the {} part of the {}.",
            person(rng),
            noun(rng),
            rng.pick(&["hardest", "easiest", "most useful", "most surprising"]),
            noun(rng)
        ),
    }
}

/// `sentences` sentences, never two of the same shape in a row.
fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    let mut text = String::new();
    let mut last_shape = SENTENCE_SHAPES;
    for i in 0..sentences {
        if i > 0 {
            text.push(' ');
        }
        let mut shape = rng.below(SENTENCE_SHAPES);
        if shape == last_shape {
            shape = (shape + 1 + rng.below(SENTENCE_SHAPES - 1)) % SENTENCE_SHAPES;
        }
        last_shape = shape;
        text.push_str(&sentence_of(shape, rng));
    }
    text
}

fn link_sentence(link: &Link, rng: &mut Rng) -> String {
    let Link { href, label } = link;
    match rng.below(5) {
        0 => format!("For a worked example, see [{label}]({href})."),
        1 => format!("This pairs well with [{label}]({href})."),
        2 => format!("The ideas in [{label}]({href}) apply here too."),
        3 => format!("Read [{label}]({href}) before your next session."),
        _ => format!(
            "If the {} keeps coming back, [{label}]({href}) offers another angle.",
            noun(rng)
        ),
    }
}

/// A paragraph of three to six sentences, sometimes ending with a link.
fn linked_paragraph(plan: &Plan, from: usize, rng: &mut Rng) -> String {
    let sentences = rng.range(3, 6);
    let mut text = paragraph(rng, sentences);
    if rng.chance(30)
        && let Some(link) = pick_link(plan, from, rng)
    {
        text.push(' ');
        text.push_str(&link_sentence(&link, rng));
    }
    text
}

fn list_item(plan: &Plan, from: usize, rng: &mut Rng) -> String {
    if rng.chance(10)
        && let Some(link) = pick_link(plan, from, rng)
    {
        return format!(
            "Revisit [{}]({}) with {} {}.",
            link.label,
            link.href,
            with_article(adjective(rng)),
            noun(rng)
        );
    }
    match rng.below(4) {
        0 => {
            let (first, second) = two_of(rng, verb);
            format!(
                "{} the {} before you {second} it.",
                capitalize(first),
                noun(rng)
            )
        }
        1 => {
            let (first, second) = two_of(rng, adjective);
            format!("Keep the {} {first} and {second}.", noun(rng))
        }
        2 => format!("**{}** — {}", capitalize(mass(rng)), sentence(rng)),
        _ => sentence(rng),
    }
}

/// Adds linked paragraphs, with a bullet list now and then (`list_percent`
/// chance, never two lists in a row), until the body holds `goal` words.
fn fill_with_paragraphs_and_lists(
    body: &mut Body,
    goal: usize,
    list_percent: usize,
    plan: &Plan,
    index: usize,
    rng: &mut Rng,
) {
    let mut after_list = false;
    while body.words < goal {
        after_list = !after_list && rng.chance(list_percent);
        let block = if after_list {
            bullet_list(plan, index, rng)
        } else {
            linked_paragraph(plan, index, rng)
        };
        body.block(&block);
    }
}

fn bullet_list(plan: &Plan, from: usize, rng: &mut Rng) -> String {
    let mut text = String::new();
    for i in 0..rng.range(3, 6) {
        if i > 0 {
            text.push('\n');
        }
        text.push_str("- ");
        text.push_str(&list_item(plan, from, rng));
        if rng.chance(10) {
            text.push_str("\n  - ");
            text.push_str(&sentence(rng));
        }
    }
    text
}

fn numbered_list(plan: &Plan, from: usize, rng: &mut Rng) -> String {
    let mut text = String::new();
    for i in 0..rng.range(3, 6) {
        if i > 0 {
            text.push('\n');
        }
        let _ = write!(text, "{}. ", i + 1);
        text.push_str(&list_item(plan, from, rng));
    }
    text
}

fn task_list(rng: &mut Rng) -> String {
    let mut text = String::new();
    for i in 0..rng.range(3, 5) {
        if i > 0 {
            text.push('\n');
        }
        let mark = if rng.chance(30) { "x" } else { " " };
        let _ = write!(
            text,
            "- [{mark}] {} the {} with {}",
            capitalize(verb(rng)),
            noun(rng),
            person(rng)
        );
    }
    text
}

fn table(rng: &mut Rng) -> String {
    const HEADERS: &[[&str; 3]] = &[
        ["Situation", "What to try", "What to avoid"],
        ["Stage", "Question", "Purpose"],
        ["Signal", "What it may mean", "Next step"],
        ["Approach", "When it helps", "Risk"],
    ];
    let header = rng.pick(HEADERS);
    let mut text = format!(
        "| {} | {} | {} |\n|---|---|---|",
        header[0], header[1], header[2]
    );
    for _ in 0..rng.range(3, 5) {
        let _ = write!(
            text,
            "\n| {} {} | {} the {} | {} {} |",
            capitalize(adjective(rng)),
            noun(rng),
            capitalize(verb(rng)),
            noun(rng),
            capitalize(gerund(rng)),
            mass(rng)
        );
    }
    text
}

fn quote(rng: &mut Rng) -> String {
    format!(
        "> {}\n>\n> — {}, {}",
        paragraph(rng, 2),
        person(rng),
        rng.pick(JOBS)
    )
}

fn code_block(rng: &mut Rng) -> String {
    if rng.chance(50) {
        let coachee = person(rng);
        format!(
            "```text\nCoach: {}\n{coachee}: {}\nCoach: {}\n{coachee}: {}\n```",
            question_text("Goal", rng).0,
            sentence(rng),
            question_text("Options", rng).0,
            sentence(rng)
        )
    } else {
        format!(
            "```text\nSession goal:    {} the {}\nWhat I noticed:  {} {}\nAgreed step:     {} the {}\nReview date:     {}\n```",
            capitalize(verb(rng)),
            noun(rng),
            capitalize(adjective(rng)),
            plural(noun(rng)),
            capitalize(verb(rng)),
            noun(rng),
            random_date(rng)
        )
    }
}

fn container(rng: &mut Rng) -> String {
    let kind = rng.pick(&["tip", "note", "warning", "exercise", "facilitator"]);
    let sentences = rng.range(2, 3);
    format!(":::{kind}\n{}\n:::", paragraph(rng, sentences))
}

/// One random body block, and whether it is a list: mostly paragraphs, with
/// lists, tables, quotes, code and callouts mixed in. A list never follows
/// `after_list`, because Markdown would merge the two into one.
fn random_block(plan: &Plan, from: usize, rng: &mut Rng, after_list: bool) -> (String, bool) {
    let roll = rng.below(100);
    let is_list = (55..=75).contains(&roll) || roll >= 97;
    if is_list && after_list {
        return (linked_paragraph(plan, from, rng), false);
    }
    let block = match roll {
        0..=54 => linked_paragraph(plan, from, rng),
        55..=67 => bullet_list(plan, from, rng),
        68..=75 => numbered_list(plan, from, rng),
        76..=81 => table(rng),
        82..=86 => quote(rng),
        87..=90 => code_block(rng),
        91..=96 => container(rng),
        _ => task_list(rng),
    };
    (block, is_list)
}

/// Front-matter lines shared by every kind of page.
fn common_front_matter(out: &mut String, page: &PagePlan, rng: &mut Rng) {
    let tag_count = rng.range(1, 3);
    let competency_count = rng.range(1, 2);
    out.push_str("---\n");
    let _ = writeln!(out, "title: {}", yaml_str(&page.title));
    match page.kind {
        Kind::Guide => {}
        Kind::Questions => out.push_str("kind: questions\n"),
        Kind::Scenario => out.push_str("kind: scenario\n"),
        Kind::Session => out.push_str("kind: session\n"),
    }
    let summary = format!(
        "{} {}",
        capitalize(&format!(
            "{} the {} in {}.",
            gerund(rng),
            noun(rng),
            rng.pick(CONTEXTS)
        )),
        sentence(rng).replace("**", "")
    );
    let _ = writeln!(out, "summary: {}", yaml_str(&summary));
    let _ = writeln!(out, "weight: {}", page.weight);
    let _ = writeln!(
        out,
        "tags: {}",
        yaml_words(&rng.pick_distinct(TAGS, tag_count))
    );
    let _ = writeln!(
        out,
        "competencies: {}",
        yaml_words(&rng.pick_distinct(COMPETENCIES, competency_count))
    );
    let _ = writeln!(out, "level: {}", rng.pick(LEVELS));
    if page.kind == Kind::Session {
        // A session's duration is its agenda's sum, written with the agenda.
    } else if page.kind == Kind::Scenario {
        out.push_str("duration: 30\n");
    } else {
        let _ = writeln!(out, "duration: {}", rng.range(2, 18) * 5);
    }
    let _ = writeln!(out, "updated: {}", random_date(rng));
    if rng.chance(20) {
        let _ = writeln!(
            out,
            "owner: {}",
            yaml_str(&format!("{} ({})", person(rng), rng.pick(JOBS)))
        );
    }
}

// ---------------------------------------------------------------------------
// Rendering: pages
// ---------------------------------------------------------------------------

fn render_home(plan: &Plan, seed: u64) -> String {
    let mut rng = Rng::derived(seed, STREAM_HOME, 0);
    let mut text = String::from(
        "---\ntitle: \"Synthetic Handbook\"\nsummary: \"A generated coaching handbook with guides, question banks and role-play scenarios.\"\n---\n",
    );
    let _ = writeln!(
        text,
        "This handbook holds {} pages in {} sections. {}\n\n{}",
        plan.pages.len(),
        plan.sections.len(),
        paragraph(&mut rng, 2),
        paragraph(&mut rng, 3)
    );
    text
}

fn render_section_index(section: &SectionPlan, rng: &mut Rng) -> String {
    let mut text = String::from("---\n");
    let _ = writeln!(text, "title: {}", yaml_str(&section.title));
    let summary = format!(
        "Guides, questions and exercises on {}.",
        section.title.to_lowercase()
    );
    let _ = writeln!(text, "summary: {}", yaml_str(&summary));
    let _ = writeln!(text, "weight: {}\n---", section.weight);
    let sentences = rng.range(2, 4);
    text.push_str(&paragraph(rng, sentences));
    text.push('\n');
    text
}

fn render_guide(plan: &Plan, index: usize, rng: &mut Rng) -> String {
    let page = &plan.pages[index];
    let mut out = String::with_capacity(8 * 1024);
    common_front_matter(&mut out, page, rng);
    if rng.chance(30) {
        out.push_str("takeaways:\n");
        for _ in 0..rng.range(2, 4) {
            let line = match rng.below(3) {
                0 => {
                    let (first, second) = two_of(rng, verb);
                    format!(
                        "{} the {} before you {second} it.",
                        capitalize(first),
                        noun(rng)
                    )
                }
                1 => format!(
                    "Small, {} {} beat one big plan.",
                    adjective(rng),
                    plural(noun(rng))
                ),
                _ => format!(
                    "{} grows when you {} the {} out loud.",
                    capitalize(mass(rng)),
                    verb(rng),
                    noun(rng)
                ),
            };
            let _ = writeln!(out, "  - {}", yaml_str(&line));
        }
    }
    out.push_str("---\n");

    let mut body = Body::new();
    let intro = rng.range(3, 5);
    body.block(&paragraph(rng, intro));
    if page.bundle {
        body.block(&format!("![Diagram: {}](diagram.svg)", page.title));
    }
    let mut used: HashSet<String> = page.headings.iter().map(|h| h.id.clone()).collect();
    let count = page.headings.len();
    for (k, heading) in page.headings.iter().enumerate() {
        // Each `##` section ends once the page has used its share of the
        // word budget, so the page's total lands near its target.
        let goal = page.target_words * (k + 1) / count;
        body.block(&format!("## {}", heading.text));
        body.block(&linked_paragraph(plan, index, rng));
        let mut after_list = false;
        while body.words < goal {
            if goal - body.words > 150 && rng.chance(15) {
                let sub = unique_heading(&mut used, rng, subheading_text);
                body.block(&format!("### {}", sub.text));
                body.block(&linked_paragraph(plan, index, rng));
                after_list = false;
            } else {
                let (block, is_list) = random_block(plan, index, rng, after_list);
                body.block(&block);
                after_list = is_list;
            }
        }
    }
    out.push_str(body.text.trim_end());
    out.push('\n');
    out
}

fn subheading_text(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => "Try this".to_string(),
        1 => "A variation".to_string(),
        2 => format!("{} {}", capitalize(gerund(rng)), plural(noun(rng))),
        3 => format!("In {}", rng.pick(CONTEXTS)),
        4 => format!("Watch out for {} {}", adjective(rng), plural(noun(rng))),
        _ => format!("Example: the {} {}", adjective(rng), noun(rng)),
    }
}

fn render_bank(plan: &Plan, index: usize, rng: &mut Rng) -> String {
    let page = &plan.pages[index];
    let mut out = String::with_capacity(8 * 1024);
    common_front_matter(&mut out, page, rng);
    out.push_str("model: GROW\n");
    let _ = writeln!(out, "stages: [{}]", STAGES.join(", "));
    out.push_str("questions:\n");
    for question in &page.questions {
        let _ = writeln!(out, "  - id: {}", question.id);
        let _ = writeln!(out, "    stage: {}", question.stage);
        let _ = writeln!(out, "    text: {}", yaml_str(&question.text));
        let _ = writeln!(out, "    purpose: {}", yaml_str(&question.purpose));
        if !question.follow_ups.is_empty() {
            let quoted: Vec<String> = question.follow_ups.iter().map(|f| yaml_str(f)).collect();
            let _ = writeln!(out, "    follow_ups: [{}]", quoted.join(", "));
        }
        let _ = writeln!(out, "    tags: {}", yaml_words(&question.tags));
    }
    out.push_str("---\n");

    // The questions already count towards the page's length, so the
    // introduction only fills what is left.
    let goal = page.target_words.saturating_sub(word_count(&out)).max(120);
    let mut body = Body::new();
    body.block(&paragraph(rng, 3));
    body.block("## How to use this bank");
    body.block(&linked_paragraph(plan, index, rng));
    if body.words < goal {
        body.block("## Adapting the questions");
    }
    fill_with_paragraphs_and_lists(&mut body, goal, 30, plan, index, rng);
    out.push_str(body.text.trim_end());
    out.push('\n');
    out
}

/// A session plan: objectives, materials and an agenda of 5 to 8 rows that
/// use guides, question banks and scenarios of the handbook, with a break
/// after the third row; its duration is the agenda's sum.
fn render_session(plan: &Plan, index: usize, rng: &mut Rng) -> String {
    let page = &plan.pages[index];
    let mut out = String::with_capacity(4 * 1024);
    common_front_matter(&mut out, page, rng);
    let rows = rng.range(5, 8);
    let mut agenda = String::new();
    let mut total = 0;
    for row in 0..rows {
        let target = match rng.below(3) {
            0 if !plan.banks.is_empty() => Some(("questions", *rng.pick(&plan.banks))),
            1 if !plan.scenarios.is_empty() => Some(("scenario", *rng.pick(&plan.scenarios))),
            _ if !plan.guides.is_empty() => Some(("guide", *rng.pick(&plan.guides))),
            _ => None,
        };
        // A scenario's timing takes 30 minutes; a row gives it that or more.
        let shortest = if matches!(target, Some(("scenario", _))) {
            6
        } else {
            2
        };
        let minutes = rng.range(shortest, 9) * 5;
        total += minutes;
        let _ = writeln!(agenda, "  - minutes: {minutes}");
        if let Some((field, target)) = target {
            let href = relative_path(&page.path, &plan.pages[target].path);
            let _ = writeln!(agenda, "    {field}: {}", yaml_str(&href));
            if field == "scenario" {
                let _ = writeln!(agenda, "    groups: {}", rng.range(2, 5));
            }
        }
        let activity = capitalize(&format!("{} the {}", gerund(rng), noun(rng)));
        let _ = writeln!(agenda, "    activity: {}", yaml_str(&activity));
        if rng.chance(3) {
            let _ = writeln!(
                agenda,
                "    notes: {}",
                yaml_str(&sentence(rng).replace("**", ""))
            );
        }
        if row == 2 {
            total += 15;
            agenda.push_str("  - minutes: 15\n    break: true\n    activity: Coffee\n");
        }
    }
    let _ = writeln!(out, "duration: {total}");
    out.push_str("start: \"09:00\"\nobjectives:\n");
    for _ in 0..3 {
        let objective = capitalize(&format!(
            "{} the {} in {}.",
            verb(rng),
            noun(rng),
            rng.pick(CONTEXTS)
        ));
        let _ = writeln!(out, "  - {}", yaml_str(&objective));
    }
    out.push_str("materials:\n  - Flip chart and markers\n  - One printed handout per participant\nagenda:\n");
    out.push_str(&agenda);
    out.push_str("---\n");
    for _ in 0..rng.range(1, 3) {
        out.push_str(&sentence(rng));
        out.push(' ');
    }
    out.push('\n');
    out
}

fn render_scenario(plan: &Plan, index: usize, rng: &mut Rng) -> String {
    let page = &plan.pages[index];
    let mut out = String::with_capacity(8 * 1024);
    common_front_matter(&mut out, page, rng);
    let employee = person(rng);
    let job = rng.pick(JOBS);

    let (lead_id, lead_name) = *rng.pick(&[
        ("manager", "Team lead (the coach)"),
        ("lead", "Project lead (the coach)"),
        ("coach", "Internal coach"),
        ("mentor", "Mentor (the coach)"),
    ]);
    let mut roles = vec![
        (lead_id.to_string(), lead_name.to_string()),
        ("employee".to_string(), format!("{employee}, {job}")),
    ];
    let role_count = rng.range(2, 4);
    if role_count >= 3 {
        let mut other = person(rng);
        while other == employee {
            other = person(rng);
        }
        roles.push((
            "stakeholder".to_string(),
            format!("{other}, {} (joins halfway)", rng.pick(JOBS)),
        ));
    }
    if role_count == 4 {
        roles.push(("observer".to_string(), "Observer".to_string()));
    }
    let format = match role_count {
        2 => "pairs",
        3 => "triad",
        _ => "group",
    };
    let _ = writeln!(out, "format: {format}");
    out.push_str("roles:\n");
    for (id, name) in &roles {
        let _ = writeln!(out, "  - id: {id}");
        let _ = writeln!(out, "    name: {}", yaml_str(name));
        out.push_str("    brief: |\n");
        let sentences = rng.range(3, 5);
        let mut brief = paragraph(rng, sentences);
        if rng.chance(50) {
            brief.push_str("\n\nYou want to:\n\n");
            for i in 0..rng.range(2, 3) {
                if i > 0 {
                    brief.push('\n');
                }
                let _ = write!(brief, "- {} the {}", verb(rng), noun(rng));
            }
        }
        push_block_scalar(&mut out, &brief, 6);
    }

    // Phase lengths add up to exactly the scenario's 30 minutes.
    let read = rng.range(3, 6);
    let debrief = rng.range(6, 10);
    let feedback = if rng.chance(50) { rng.range(3, 5) } else { 0 };
    let play = 30 - read - debrief - feedback;
    out.push_str("timing:\n");
    let _ = writeln!(out, "  - {{ phase: \"Read briefs\", minutes: {read} }}");
    let _ = writeln!(out, "  - {{ phase: \"Role-play\", minutes: {play} }}");
    if feedback > 0 {
        let _ = writeln!(
            out,
            "  - {{ phase: \"Observer feedback\", minutes: {feedback} }}"
        );
    }
    let _ = writeln!(out, "  - {{ phase: \"Debrief\", minutes: {debrief} }}");

    out.push_str("observer_checklist:\n");
    let checklist_len = rng.range(3, 6);
    for item in rng.pick_distinct(CHECKLIST, checklist_len) {
        let _ = writeln!(out, "  - {}", yaml_str(item));
    }

    out.push_str("debrief:\n");
    if !plan.banks.is_empty() {
        for _ in 0..rng.range(1, 3) {
            let bank = &plan.pages[*rng.pick(&plan.banks)];
            let question = rng.pick(&bank.questions);
            let _ = writeln!(
                out,
                "  - ref: {}#{}",
                relative_path(&page.path, &bank.path),
                question.id
            );
        }
    }
    for _ in 0..rng.range(2, 3) {
        let line = match rng.below(3) {
            0 => format!("What did {employee} need that they did not ask for?"),
            1 => format!("When did the {} change, and what caused it?", noun(rng)),
            _ => format!("What would you {} differently next time?", verb(rng)),
        };
        let _ = writeln!(out, "  - {}", yaml_str(&line));
    }
    if rng.chance(60) {
        out.push_str("facilitator_notes: |\n");
        let sentences = rng.range(2, 4);
        let notes = paragraph(rng, sentences);
        push_block_scalar(&mut out, &notes, 2);
    }
    out.push_str("---\n");

    let goal = page.target_words.saturating_sub(word_count(&out)).max(120);
    let mut body = Body::new();
    body.block(&format!(
        "{employee} has been {} on the team for {} years. {}",
        with_article(job),
        rng.range(1, 9),
        paragraph(rng, 3)
    ));
    body.block("## The situation");
    body.block(&linked_paragraph(plan, index, rng));
    if body.words < goal {
        body.block("## What has happened so far");
    }
    fill_with_paragraphs_and_lists(&mut body, goal, 25, plan, index, rng);
    out.push_str(body.text.trim_end());
    out.push('\n');
    out
}

fn render_diagram(title: &str) -> String {
    let label: String = title
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
        .collect();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"120\" viewBox=\"0 0 320 120\">\n\
         <rect x=\"10\" y=\"10\" width=\"300\" height=\"100\" rx=\"12\" fill=\"#eef3f8\" stroke=\"#35618f\"/>\n\
         <text x=\"160\" y=\"66\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"14\">{label}</text>\n\
         </svg>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::path::Path;

    /// Files keyed by their `/`-separated path below `content/`.
    fn content_files(files: &[SynthFile]) -> HashMap<String, &str> {
        files
            .iter()
            .filter_map(|f| {
                let path = f.path.to_str()?.replace('\\', "/");
                let rest = path.strip_prefix("content/")?.to_string();
                Some((rest, f.text.as_str()))
            })
            .collect()
    }

    fn split_front_matter(text: &str) -> (&str, &str) {
        let rest = text.strip_prefix("---\n").expect("front matter opens");
        let end = rest.find("\n---\n").expect("front matter closes");
        (&rest[..end + 1], &rest[end + 5..])
    }

    /// Joins a relative link onto the folder of `from`, resolving `..`.
    fn resolve(from: &str, link: &str) -> Option<String> {
        let mut parts: Vec<&str> = from.split('/').collect();
        parts.pop();
        for part in link.split('/') {
            match part {
                ".." => {
                    parts.pop()?;
                }
                "." | "" => {}
                _ => parts.push(part),
            }
        }
        Some(parts.join("/"))
    }

    fn heading_ids(text: &str) -> HashSet<String> {
        let (_, body) = split_front_matter(text);
        body.lines()
            .filter_map(|line| line.strip_prefix("## ").or(line.strip_prefix("### ")))
            .map(slugify)
            .collect()
    }

    fn question_ids(text: &str) -> HashSet<String> {
        let (front, _) = split_front_matter(text);
        front
            .lines()
            .filter_map(|line| line.strip_prefix("  - id: "))
            .map(str::to_string)
            .collect()
    }

    /// Every `](target)` in a Markdown body.
    fn markdown_links(body: &str) -> Vec<&str> {
        body.match_indices("](")
            .filter_map(|(at, _)| {
                let rest = &body[at + 2..];
                rest.find(')').map(|end| &rest[..end])
            })
            .collect()
    }

    fn count_pages(files: &[SynthFile]) -> usize {
        content_files(files)
            .keys()
            .filter(|p| p.ends_with(".md") && !p.ends_with("_index.md"))
            .count()
    }

    #[test]
    fn same_arguments_give_the_same_bytes() {
        let first = generate_handbook(400, 7);
        let second = generate_handbook(400, 7);
        assert_eq!(first.len(), second.len());
        for (a, b) in first.iter().zip(&second) {
            assert_eq!(a.path, b.path);
            assert_eq!(a.text, b.text, "{}", a.path.display());
        }
    }

    #[test]
    fn one_page_in_two_hundred_is_a_session_whose_agenda_adds_up() {
        let files = generate_handbook(1000, 42);
        let sessions: Vec<&SynthFile> = files
            .iter()
            .filter(|f| f.text.contains("\nkind: session\n"))
            .collect();
        assert_eq!(sessions.len(), 5);
        for session in sessions {
            let (front, _) = split_front_matter(&session.text);
            let minutes = |line: &str| {
                line.trim_start()
                    .strip_prefix("- minutes: ")?
                    .parse::<usize>()
                    .ok()
            };
            let sum: usize = front.lines().filter_map(minutes).sum();
            let duration = front
                .lines()
                .find_map(|line| line.strip_prefix("duration: ")?.parse::<usize>().ok());
            assert_eq!(duration, Some(sum), "{}", session.path.display());
            assert!(
                front.contains("    break: true"),
                "{}",
                session.path.display()
            );
        }
    }

    #[test]
    fn different_seeds_give_different_handbooks() {
        let a = generate_handbook(200, 1);
        let b = generate_handbook(200, 2);
        let text = |files: &[SynthFile]| files.iter().map(|f| f.text.clone()).collect::<String>();
        assert_ne!(text(&a), text(&b));
    }

    #[test]
    fn generates_exactly_the_requested_page_count() {
        for pages in [0, 1, 2, 10, 49, 57, 333, 1000, 2500] {
            let files = generate_handbook(pages, 42);
            assert_eq!(count_pages(&files), pages, "pages = {pages}");
            assert!(files.iter().any(|f| f.path == Path::new("site.toml")));
        }
    }

    #[test]
    fn file_paths_are_unique() {
        let files = generate_handbook(3000, 5);
        let mut seen = HashSet::new();
        for file in &files {
            assert!(seen.insert(file.path.clone()), "{}", file.path.display());
        }
    }

    #[test]
    fn sections_nest_three_deep_and_leaves_hold_25_to_60_pages() {
        let files = generate_handbook(5000, 3);
        let content = content_files(&files);
        let tops: HashSet<&str> = content
            .keys()
            .filter_map(|p| p.split_once('/').map(|(top, _)| top))
            .collect();
        assert!(
            (20..=40).contains(&tops.len()),
            "{} top-level sections",
            tops.len()
        );
        let mut pages_per_section: HashMap<&str, usize> = HashMap::new();
        for path in content.keys() {
            if path.ends_with("_index.md") {
                assert!(path.split('/').count() <= 4, "{path}");
            } else if path.ends_with(".md") {
                // A bundle page belongs to the section above its own folder.
                let page = path.strip_suffix("/index.md").unwrap_or(path);
                let section = page.rsplit_once('/').map_or("", |(dir, _)| dir);
                *pages_per_section.entry(section).or_insert(0) += 1;
            }
            let mut dir = path.as_str();
            while let Some((parent, _)) = dir.rsplit_once('/') {
                // A bundle's own folder holds index.md, not _index.md.
                let is_bundle = content.contains_key(&format!("{parent}/index.md"));
                assert!(
                    is_bundle || content.contains_key(&format!("{parent}/_index.md")),
                    "{parent} has no _index.md"
                );
                dir = parent;
            }
        }
        for (section, pages) in pages_per_section {
            assert!((25..=60).contains(&pages), "{section} holds {pages} pages");
        }
    }

    #[test]
    fn every_link_and_reference_resolves() {
        let files = generate_handbook(1500, 11);
        let content = content_files(&files);
        let mut links = 0;
        let mut anchors = 0;
        let mut refs = 0;
        for (path, text) in &content {
            if !path.ends_with(".md") {
                continue;
            }
            let (front, body) = split_front_matter(text);
            for link in markdown_links(body) {
                let (file, anchor) = match link.split_once('#') {
                    Some((file, anchor)) => (file, Some(anchor)),
                    None => (link, None),
                };
                let target = resolve(path, file).expect("link stays inside content/");
                let target_text = content
                    .get(&target)
                    .unwrap_or_else(|| panic!("{path}: link to missing {link}"));
                links += 1;
                if let Some(anchor) = anchor {
                    assert!(
                        heading_ids(target_text).contains(anchor),
                        "{path}: missing anchor {link}"
                    );
                    anchors += 1;
                }
            }
            for line in front.lines() {
                if let Some(reference) = line.strip_prefix("  - ref: ") {
                    let (file, id) = reference.split_once('#').expect("ref has a question id");
                    let target = resolve(path, file).expect("ref stays inside content/");
                    let target_text = content
                        .get(&target)
                        .unwrap_or_else(|| panic!("{path}: ref to missing {reference}"));
                    assert!(target_text.contains("kind: questions\n"), "{reference}");
                    assert!(
                        question_ids(target_text).contains(id),
                        "{path}: {reference}"
                    );
                    refs += 1;
                }
            }
        }
        assert!(
            links > 1000 && anchors > 100 && refs > 10,
            "{links} {anchors} {refs}"
        );
    }

    #[test]
    fn headings_and_question_ids_are_unique_within_a_page() {
        for file in generate_handbook(800, 9) {
            let path = file.path.display().to_string();
            if !path.ends_with(".md") || path.ends_with("_index.md") {
                continue;
            }
            let (front, body) = split_front_matter(&file.text);
            let mut ids = HashSet::new();
            for line in body.lines() {
                if let Some(text) = line.strip_prefix("## ").or(line.strip_prefix("### ")) {
                    assert!(
                        ids.insert(slugify(text)),
                        "{path}: duplicate heading {text}"
                    );
                }
            }
            let mut question_ids = HashSet::new();
            for line in front.lines() {
                if let Some(id) = line.strip_prefix("  - id: ") {
                    assert!(question_ids.insert(id), "{path}: duplicate id {id}");
                }
            }
        }
    }

    #[test]
    fn kinds_come_in_the_right_proportions() {
        let files = generate_handbook(2000, 4);
        let count = |needle: &str| files.iter().filter(|f| f.text.contains(needle)).count();
        assert_eq!(count("\nkind: questions\n"), 120);
        assert_eq!(count("\nkind: scenario\n"), 120);
    }

    #[test]
    fn scenario_timing_adds_up_to_duration() {
        let files = generate_handbook(3000, 8);
        let mut scenarios = 0;
        for file in files
            .iter()
            .filter(|f| f.text.contains("\nkind: scenario\n"))
        {
            let (front, _) = split_front_matter(&file.text);
            let minutes: usize = front
                .lines()
                .filter_map(|line| line.split_once("minutes: "))
                .map(|(_, rest)| rest.trim_end_matches(" }").parse::<usize>().unwrap())
                .sum();
            assert_eq!(minutes, 30, "{}", file.path.display());
            let roles = front.lines().filter(|l| l.starts_with("  - id: ")).count();
            assert!((2..=4).contains(&roles));
            let format = match roles {
                2 => "pairs",
                3 => "triad",
                _ => "group",
            };
            assert!(front.contains(&format!("\nformat: {format}\n")));
            scenarios += 1;
        }
        assert_eq!(scenarios, 180);
    }

    #[test]
    fn banks_hold_6_to_12_questions_in_every_stage() {
        let files = generate_handbook(1000, 6);
        let mut banks = 0;
        for file in files
            .iter()
            .filter(|f| f.text.contains("\nkind: questions\n"))
        {
            let (front, _) = split_front_matter(&file.text);
            let questions = front.lines().filter(|l| l.starts_with("  - id: ")).count();
            let purposes = front
                .lines()
                .filter(|l| l.starts_with("    purpose: "))
                .count();
            assert!((6..=12).contains(&questions), "{}", file.path.display());
            assert_eq!(purposes, questions);
            for stage in STAGES {
                assert!(front.contains(&format!("    stage: {stage}\n")), "{stage}");
            }
            banks += 1;
        }
        assert_eq!(banks, 60);
    }

    #[test]
    fn relative_paths_walk_up_and_down() {
        let check = |from: &str, to: &str, expected: &str| {
            assert_eq!(relative_path(from, to), expected, "{from} -> {to}");
        };
        check("a/b.md", "a/c.md", "c.md");
        check("a/b/c.md", "a/d.md", "../d.md");
        check("a/b.md", "a/c/d/e.md", "c/d/e.md");
        check("a/b/c.md", "x/y/z.md", "../../x/y/z.md");
        check("a/b/index.md", "a/c.md", "../c.md");
    }

    #[test]
    fn plurals_follow_english_spelling() {
        assert_eq!(plural("story"), "stories");
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("check-in"), "check-ins");
        assert_eq!(plural("trade-off"), "trade-offs");
        assert_eq!(plural("goal"), "goals");
    }
}
