//! Checking a session plan's fields: a valid `start`, agenda rows that each
//! do something and add up to `duration`, whole, positive `groups`, and day
//! rows (`- { day: 2, start: "09:00" }`) that count up and do nothing else.
//! The references in the agenda are resolved later, by the site.

use super::raw::{RawAgendaRow, StringList};
use super::report::{Reporter, key};
use super::{AgendaRow, DayStart, Located, SessionFields};
use crate::diagnostics::Code;
use crate::typed::{FieldPath, Segment};

/// The fields of a session, as written.
pub(super) struct SessionRaw {
    pub(super) duration: Option<u32>,
    pub(super) start: Option<String>,
    pub(super) objectives: Option<StringList>,
    pub(super) pre_work: Option<StringList>,
    pub(super) materials: Option<StringList>,
    pub(super) agenda: Option<Vec<RawAgendaRow>>,
}

/// The minutes after midnight of a clock time written `H:MM` or `HH:MM`.
pub(super) fn clock_minutes(text: &str) -> Option<u32> {
    let (hours, minutes) = text.trim().split_once(':')?;
    let digits = |part: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (hours, minutes) = (digits(hours, 1..=2)?, digits(minutes, 2..=2)?);
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

/// `dropped_under` tells whether a key at or under a path was present but
/// invalid, and so reported already.
pub(super) fn validate_session(
    raw: SessionRaw,
    reporter: &mut Reporter,
    dropped_under: &dyn Fn(&[Segment]) -> bool,
) -> SessionFields {
    let dropped = dropped_under;
    let start = raw.start.and_then(|text| {
        let minutes = clock_minutes(&text);
        if minutes.is_none() {
            reporter.value_error(
                Code::InvalidValue,
                &[key("start")],
                format!("`start` {text:?} is not a clock time"),
                Some(
                    "write hours and minutes on a 24-hour clock, such as `start: \"09:00\"`".into(),
                ),
            );
        }
        minutes
    });
    let located = |reporter: &Reporter, path: FieldPath, value: String| Located {
        value,
        offset: reporter.value_of(&path).0,
    };
    let pre_work = raw
        .pre_work
        .unwrap_or_default()
        .0
        .into_iter()
        .enumerate()
        .map(|(i, path)| located(reporter, vec![key("pre_work"), Segment::Index(i)], path))
        .collect();
    let raw_agenda = raw.agenda.unwrap_or_default();
    if raw_agenda.is_empty() && !dropped(&[key("agenda")]) {
        reporter.error(
            Code::MissingField,
            &[key("agenda")],
            "a session needs an `agenda` with at least one row",
            Some("add rows such as `- { minutes: 15, activity: Welcome and check-in }`".into()),
        );
    }
    let mut agenda = Vec::with_capacity(raw_agenda.len());
    let mut last_day = 1;
    for (i, row) in raw_agenda.into_iter().enumerate() {
        let item: FieldPath = vec![key("agenda"), Segment::Index(i)];
        let at = |name: &str| {
            let mut path = item.clone();
            path.push(key(name));
            path
        };
        if row.day.is_some() || row.start.is_some() || dropped(&at("day")) {
            let written = row.day;
            let day = day_row(row, &item, last_day, reporter, dropped);
            last_day = written.map_or(last_day, |n| n.max(last_day));
            agenda.push(AgendaRow {
                minutes: 0,
                activity: None,
                guide: None,
                scenario: None,
                questions: None,
                is_break: false,
                groups: 1,
                notes: None,
                day,
                offset: reporter.offset_of(&item).0,
            });
            continue;
        }
        let is_break = row.is_break.unwrap_or(false);
        let does_something = is_break
            || row.activity.is_some()
            || row.guide.is_some()
            || row.scenario.is_some()
            || row.questions.is_some();
        if !does_something && !dropped(&item) {
            reporter.error(
                Code::EmptyAgendaRow,
                &item,
                "agenda row says nothing about what happens",
                Some(
                    "give it an `activity`, a `guide`, a `scenario`, `questions` or `break: true`"
                        .into(),
                ),
            );
        }
        if row.minutes.is_none() && !dropped(&at("minutes")) {
            reporter.error(
                Code::MissingField,
                &item,
                "agenda row has no `minutes`",
                Some("add how long it takes, such as `minutes: 15`".into()),
            );
        }
        if row.groups == Some(0) {
            reporter.value_error(
                Code::InvalidValue,
                &at("groups"),
                "`groups` is 0",
                Some("write how many groups play at once, 1 or more".into()),
            );
        } else if row.groups.is_some() && row.scenario.is_none() {
            reporter.value_error(
                Code::InvalidValue,
                &at("groups"),
                "`groups` counts the groups of a role-play, but this row has no `scenario`",
                Some("add the row's `scenario`, or remove `groups`".into()),
            );
        }
        agenda.push(AgendaRow {
            minutes: row.minutes.unwrap_or(0),
            activity: row.activity,
            guide: row.guide.map(|value| located(reporter, at("guide"), value)),
            scenario: row
                .scenario
                .map(|value| located(reporter, at("scenario"), value)),
            questions: row
                .questions
                .map(|value| located(reporter, at("questions"), value)),
            is_break,
            groups: row.groups.unwrap_or(1).max(1),
            notes: row.notes.map(|value| Located {
                value,
                offset: reporter.offset_of(&at("notes")).0,
            }),
            day: None,
            offset: reporter.offset_of(&item).0,
        });
    }
    if last_day > 1 && start.is_none() && !dropped(&[key("start")]) {
        reporter.error(
            Code::MissingField,
            &[key("agenda")],
            "a programme over several days needs `start`, the clock time of its first day",
            Some("add `start: \"09:00\"` (or the first day's start)".into()),
        );
    }
    let total: u32 = agenda.iter().map(|row| row.minutes).sum();
    match raw.duration {
        Some(duration) if !agenda.is_empty() && total != duration => reporter.error(
            Code::AgendaSum,
            &[key("agenda")],
            format!("agenda rows add up to {total} minutes, but `duration` is {duration}"),
            Some("make the rows' minutes add up to `duration`, or change `duration`".into()),
        ),
        None if !agenda.is_empty() && !dropped(&[key("duration")]) => reporter.error(
            Code::AgendaSum,
            &[key("agenda")],
            format!("the agenda takes {total} minutes but `duration` is not given"),
            Some(format!("add `duration: {total}`")),
        ),
        _ => {}
    }
    SessionFields {
        start,
        objectives: raw.objectives.unwrap_or_default().0,
        pre_work,
        materials: raw.materials.unwrap_or_default().0,
        agenda,
    }
}

/// Checks a row that starts a new day: a `day` above the day before, the
/// day's `start`, and no other field. Returns the day when it is sound.
fn day_row(
    row: RawAgendaRow,
    item: &[Segment],
    last_day: u32,
    reporter: &mut Reporter,
    dropped: &dyn Fn(&[Segment]) -> bool,
) -> Option<DayStart> {
    let at = |name: &str| {
        let mut path = item.to_vec();
        path.push(key(name));
        path
    };
    let example = "a new day is a row of its own, such as `- { day: 2, start: \"09:00\" }`";
    let others = [
        ("minutes", row.minutes.is_some()),
        ("activity", row.activity.is_some()),
        ("guide", row.guide.is_some()),
        ("scenario", row.scenario.is_some()),
        ("questions", row.questions.is_some()),
        ("break", row.is_break.is_some()),
        ("groups", row.groups.is_some()),
        ("notes", row.notes.is_some()),
    ];
    let mut sound = true;
    for (name, _) in others.iter().filter(|(_, given)| *given) {
        sound = false;
        reporter.error(
            Code::InvalidValue,
            &at(name),
            format!("`{name}` in a row that starts a new day"),
            Some(format!(
                "{example}; move `{name}` to the rows after it (a day row takes no minutes)"
            )),
        );
    }
    let number = match row.day {
        Some(number) if number <= last_day => {
            reporter.value_error(
                Code::InvalidValue,
                &at("day"),
                format!("`day: {number}` follows day {last_day}"),
                Some(format!("days count up: this one is day {}", last_day + 1)),
            );
            None
        }
        Some(number) => Some(number),
        None => {
            if !dropped(&at("day")) {
                reporter.error(
                    Code::MissingField,
                    &at("start"),
                    "an agenda row with `start` but no `day`",
                    Some(example.into()),
                );
            }
            None
        }
    };
    let start = match row.start {
        Some(text) => {
            let minutes = clock_minutes(&text);
            if minutes.is_none() {
                reporter.value_error(
                    Code::InvalidValue,
                    &at("start"),
                    format!("`start` {text:?} is not a clock time"),
                    Some("write hours and minutes on a 24-hour clock, such as `\"09:00\"`".into()),
                );
            }
            minutes
        }
        None => {
            if row.day.is_some() && !dropped(&at("start")) {
                reporter.error(
                    Code::MissingField,
                    item,
                    "a new day needs the clock time it starts",
                    Some(example.into()),
                );
            }
            None
        }
    };
    match (number, start) {
        (Some(number), Some(start)) if sound => Some(DayStart { number, start }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::clock_minutes;

    #[test]
    fn clock_times_are_hours_and_two_digit_minutes() {
        assert_eq!(clock_minutes("09:00"), Some(540));
        assert_eq!(clock_minutes("9:05"), Some(545));
        assert_eq!(clock_minutes("23:59"), Some(1439));
        for bad in ["24:00", "9:60", "9", "9:5", "09:00:00", "nine", "-1:00", ""] {
            assert_eq!(clock_minutes(bad), None, "{bad}");
        }
    }
}
