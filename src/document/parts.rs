//! A body's parts that other outputs show on their own: its `##` sections
//! (a presented guide's screens, with their facilitator blocks apart), its
//! exercise boxes and its facilitator blocks (the gathered pages).
//!
//! The cut is made on the parsed events, never by reading HTML: each event
//! knows whether it sits in a facilitator block, in which exercise box, and
//! in any box at all ([`Place`]); a section starts at a `##` heading outside
//! every box and every other block. [`plan`] says which events each part
//! holds. The body's HTML is written once, and each part is the runs of it
//! that its events wrote ([`BodyHtml`]), so a part costs no second copy.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::markdown::Heading;
use super::spans::Places;

/// Where one event sits among the boxes of its text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    pub facilitator: bool,
    /// The start of the outermost exercise box around it.
    pub exercise: Option<usize>,
    /// Inside a box of any kind.
    pub in_box: bool,
}

impl Place {
    /// The place of the event starting at `at`, given the boxes of the
    /// container scanner and of the callout pass.
    pub fn of(at: usize, boxes: &Places, callouts: &Places) -> Place {
        let exercise = boxes
            .exercise
            .find(at)
            .or_else(|| callouts.exercise.find(at));
        Place {
            facilitator: boxes.facilitator.contains(at) || callouts.facilitator.contains(at),
            exercise: exercise.map(|range| range.start),
            in_box: boxes.any.contains(at) || callouts.any.contains(at),
        }
    }
}

/// A part of a body's HTML: the runs of the page's `body_html` that its
/// events wrote, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyHtml(Vec<Range<usize>>);

impl BodyHtml {
    /// The runs written by the events `indices` (in order), where event `i`
    /// wrote `starts[i]..starts[i + 1]` of the body's HTML.
    pub fn of_events(indices: &[usize], starts: &[usize]) -> BodyHtml {
        let mut runs: Vec<Range<usize>> = Vec::new();
        for &i in indices {
            let run = starts[i]..starts[i + 1];
            match runs.last_mut() {
                Some(last) if last.end == run.start => last.end = run.end,
                _ if run.is_empty() => {}
                _ => runs.push(run),
            }
        }
        BodyHtml(runs)
    }

    /// This part's HTML, cut from `body`, the page's `body_html`.
    pub fn in_body<'a>(&self, body: &'a str) -> Cow<'a, str> {
        match self.0.as_slice() {
            [] => Cow::Borrowed(""),
            [run] => Cow::Borrowed(&body[run.clone()]),
            runs => Cow::Owned(runs.iter().map(|run| &body[run.clone()]).collect()),
        }
    }
}

/// A body cut into parts, as runs of its HTML.
#[derive(Debug, Clone, Default)]
pub struct BodyParts {
    /// The part before the first `##` heading, then one per `##` heading.
    pub sections: Vec<BodySection>,
    /// Every exercise box, outermost ones.
    pub exercises: Vec<BodyPart>,
    /// Every facilitator block, outermost ones.
    pub facilitator: Vec<BodyPart>,
}

/// One `##` section: its HTML without facilitator blocks, and those blocks.
#[derive(Debug, Clone, Default)]
pub struct BodySection {
    /// `None` for the part before the first `##` heading.
    pub heading: Option<Heading>,
    pub html: BodyHtml,
    pub notes: Vec<BodyHtml>,
}

/// One box of the body, with the heading it follows (to link to).
#[derive(Debug, Clone)]
pub struct BodyPart {
    pub heading: Option<Heading>,
    pub html: BodyHtml,
}

/// The events of one section, by index: its heading, the events the room
/// sees, and each run of facilitator events.
pub type SectionPlan = (Option<Heading>, Vec<usize>, Vec<Vec<usize>>);

/// Which events each part holds, by index into the body's events.
#[derive(Debug, Default)]
pub struct Plan {
    pub sections: Vec<SectionPlan>,
    pub exercises: Vec<(Option<Heading>, Vec<usize>)>,
    pub facilitator: Vec<(Option<Heading>, Vec<usize>)>,
}

/// Cuts `events` (with their places) into parts.
pub fn plan<'e>(events: impl Iterator<Item = (&'e Event<'e>, Place)>) -> Plan {
    let mut plan = Plan {
        sections: vec![(None, Vec::new(), Vec::new())],
        ..Plan::default()
    };
    let mut depth = 0usize;
    // The heading being read, and the last one outside boxes.
    let mut reading: Option<(u8, String, String)> = None;
    let mut last: Option<Heading> = None;
    let mut previous = Place::default();
    for (index, (event, place)) in events.enumerate() {
        if let Event::Start(Tag::Heading { level, id, .. }) = event
            && depth == 0
            && !place.in_box
        {
            if *level == HeadingLevel::H2 {
                plan.sections.push((None, Vec::new(), Vec::new()));
            }
            let id = id.as_deref().unwrap_or_default().to_string();
            reading = Some((*level as u8, id, String::new()));
        }
        match event {
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, title)) = &mut reading {
                    title.push_str(text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, title)) = reading.take() {
                    let heading = Heading { level, id, title };
                    if level == 2 {
                        let section = plan.sections.last_mut().expect("one section at least");
                        section.0 = Some(heading.clone());
                    }
                    last = Some(heading);
                }
            }
            _ => {}
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        let section = plan.sections.last_mut().expect("one section at least");
        if place.facilitator {
            if !previous.facilitator {
                section.2.push(Vec::new());
                plan.facilitator.push((last.clone(), Vec::new()));
            }
            section.2.last_mut().expect("just pushed").push(index);
            plan.facilitator
                .last_mut()
                .expect("just pushed")
                .1
                .push(index);
        } else {
            section.1.push(index);
        }
        if let Some(start) = place.exercise {
            if previous.exercise != Some(start) {
                plan.exercises.push((last.clone(), Vec::new()));
            }
            plan.exercises
                .last_mut()
                .expect("just pushed")
                .1
                .push(index);
        }
        previous = place;
    }
    plan
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::markdown::{MarkdownRenderer, Origin};
    use super::*;

    /// The parts of `markdown`'s body, each part's HTML as a string.
    fn parts(markdown: &str, include_facilitator: bool) -> Written {
        let mut renderer = MarkdownRenderer::new(Path::new("a.md"), markdown, include_facilitator);
        let body = renderer.render_block(markdown, Origin::Verbatim(0), true);
        let html = |part: &BodyHtml| part.in_body(&body).into_owned();
        let parts = renderer.parts;
        Written {
            sections: parts
                .sections
                .iter()
                .map(|s| {
                    (
                        s.heading.clone(),
                        html(&s.html),
                        s.notes.iter().map(html).collect(),
                    )
                })
                .collect(),
            exercises: parts
                .exercises
                .iter()
                .map(|e| (e.heading.clone(), html(&e.html)))
                .collect(),
            facilitator: parts.facilitator.iter().map(|f| html(&f.html)).collect(),
        }
    }

    struct Written {
        sections: Vec<(Option<Heading>, String, Vec<String>)>,
        exercises: Vec<(Option<Heading>, String)>,
        facilitator: Vec<String>,
    }

    #[test]
    fn runs_of_neighbouring_events_join_and_empty_ones_go() {
        let starts = [0, 3, 3, 7, 10, 12];
        assert_eq!(
            BodyHtml::of_events(&[0, 1, 2], &starts).0,
            vec![Range { start: 0, end: 7 }]
        );
        assert_eq!(
            BodyHtml::of_events(&[0, 3, 4], &starts),
            BodyHtml(vec![0..3, 7..12])
        );
        let body = "abcdefghijkl";
        assert_eq!(
            BodyHtml::of_events(&[0, 3, 4], &starts).in_body(body),
            "abchijkl"
        );
        assert_eq!(BodyHtml::of_events(&[1], &starts).in_body(body), "");
    }

    const BODY: &str = "Intro\n\n## One\n\nText one\n\n:::facilitator\nSECRET one\n:::\n\n\
        ::: challenge\nTry it\n:::\n\n> [!exercise]\n> Quote box\n\n\
        ::: tip\n## Inside a box\n:::\n\n- item\n\n  ## In a list\n\n\
        ## Two `x`\n\n> [!instructor]\n> SECRET two\n";

    #[test]
    fn sections_start_at_top_level_h2_and_keep_notes_apart() {
        let parts = parts(BODY, true);
        let titles: Vec<Option<&str>> = parts
            .sections
            .iter()
            .map(|s| s.0.as_ref().map(|h| h.title.as_str()))
            .collect();
        assert_eq!(titles, [None, Some("One"), Some("Two x")]);
        assert_eq!(parts.sections[1].0.as_ref().unwrap().id, "one");
        assert!(parts.sections[0].1.contains("<p>Intro</p>"));
        for section in &parts.sections {
            assert!(!section.1.contains("SECRET"), "{}", section.1);
        }
        assert!(
            parts.sections[1].1.starts_with("<h2 id=\"one\">"),
            "{}",
            parts.sections[1].1
        );
        assert!(parts.sections[1].1.contains("Inside a box"));
        assert!(parts.sections[1].1.contains("In a list"));
        assert_eq!(parts.sections[1].2.len(), 1);
        assert!(parts.sections[1].2[0].contains("SECRET one"));
        assert!(parts.sections[2].2[0].contains("SECRET two"));
        assert_eq!(parts.facilitator.len(), 2);
        assert!(
            parts.facilitator[0].contains("SECRET one")
                && !parts.facilitator[0].contains("Text one")
        );
        let exercises: Vec<&str> = parts.exercises.iter().map(|e| e.1.as_str()).collect();
        assert_eq!(exercises.len(), 2, "{exercises:?}");
        assert!(exercises[0].contains("Try it") && exercises[1].contains("Quote box"));
        assert!(!exercises[0].contains("Quote box"), "{exercises:?}");
        assert_eq!(parts.exercises[0].0.as_ref().unwrap().id, "one");
    }

    #[test]
    fn an_edition_without_facilitator_material_has_no_notes() {
        let parts = parts(BODY, false);
        assert!(parts.facilitator.is_empty());
        assert!(parts.sections.iter().all(|s| s.2.is_empty()));
        assert_eq!(parts.sections.len(), 3);
    }
}
