//! The content vocabulary: the words of front matter and `site.toml` that
//! several stages share (kinds, audiences, formats, dates), and what a site
//! allows beyond the built-in fields.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

/// Which content type a page is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(
    rename_all = "lowercase",
    expecting = "one of guide, questions, scenario, session"
)]
pub enum Kind {
    #[default]
    Guide,
    Questions,
    Scenario,
    Session,
}

impl Kind {
    /// The word written in front matter (`kind: questions`), also the
    /// templates' and CSS's name for the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Guide => "guide",
            Kind::Questions => "questions",
            Kind::Scenario => "scenario",
            Kind::Session => "session",
        }
    }

    /// The word an author reads in listings and summaries.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Guide => "guide",
            Kind::Questions => "question bank",
            Kind::Scenario => "scenario",
            Kind::Session => "session plan",
        }
    }
}

/// Who a page or question is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(
    rename_all = "lowercase",
    expecting = "one of all, facilitator, participant"
)]
pub enum Audience {
    #[default]
    All,
    Facilitator,
    Participant,
}

impl Audience {
    /// The word written in front matter and `site.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::All => "all",
            Audience::Facilitator => "facilitator",
            Audience::Participant => "participant",
        }
    }
}

/// Which audiences a build is for: everything (no edition), or one edition's
/// audience plus material for all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AudienceFilter(Option<Audience>);

impl AudienceFilter {
    /// The filter of an edition for `audience`.
    pub fn edition(audience: Audience) -> Self {
        AudienceFilter(Some(audience))
    }

    /// Whether material marked for `audience` is in this build.
    pub fn includes(self, audience: Audience) -> bool {
        match self.0 {
            None => true,
            Some(edition) => audience == Audience::All || audience == edition,
        }
    }

    /// Whether facilitator notes and `:::facilitator` blocks are in this build.
    pub fn includes_facilitator_material(self) -> bool {
        self.includes(Audience::Facilitator)
    }
}

/// How a role-play is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(
    rename_all = "lowercase",
    expecting = "one of pairs, triad, fishbowl, group"
)]
pub enum Format {
    Pairs,
    Triad,
    Fishbowl,
    Group,
}

impl Format {
    /// The word written in front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pairs => "pairs",
            Format::Triad => "triad",
            Format::Fishbowl => "fishbowl",
            Format::Group => "group",
        }
    }
}

/// A calendar date written `YYYY-MM-DD`, kept as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Date(String);

impl Date {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Today's date from the system clock (UTC). The pure stages never call
    /// it: they are handed the date, so a build is reproducible in tests.
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_unix_days(i64::try_from(seconds / 86_400).unwrap_or(0))
    }

    /// The date of a day counted from 1970-01-01 (day 0), in the proleptic Gregorian calendar.
    pub fn from_unix_days(days: i64) -> Date {
        // Howard Hinnant's civil-from-days algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date(format!("{year:04}-{month:02}-{day:02}"))
    }

    /// The date written `YYYY-MM-DD` in `text`, if it is one that exists.
    pub fn read(text: &str) -> Option<Date> {
        Date::parse(text).ok()
    }

    /// Reads `YYYY-MM-DD`; a date in that form that cannot exist (month 13,
    /// 30 February) is an error that says why.
    fn parse(text: &str) -> Result<Date, String> {
        const FORM: &str = "expected a date written YYYY-MM-DD";
        let parts: Vec<&str> = text.split('-').collect();
        let [year, month, day] = parts.as_slice() else {
            return Err(format!("`{text}`, {FORM}"));
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
            return Err(format!("`{text}`, {FORM}"));
        }
        let number = |s: &str| s.parse::<u32>().unwrap_or(0);
        let (year, month, day) = (number(year), number(month), number(day));
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(format!("`{text}`: month {month} does not exist")),
        };
        if (1..=days).contains(&day) {
            Ok(Date(text.to_string()))
        } else {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            let name = MONTHS[month as usize - 1];
            Err(format!("`{text}`: {name} {year} has no day {day}"))
        }
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A date written YYYY-MM-DD."
        })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        // "invalid value: " is how serde starts such a message, so it reads
        // like serde's own: "invalid value for `updated`: …".
        Date::parse(&text).map_err(|why| serde::de::Error::custom(format!("invalid value: {why}")))
    }
}

/// What the site allows beyond the built-in fields.
#[derive(Debug, Clone, Default)]
pub struct FieldRules {
    /// Taxonomy names from site.toml; each is a list-of-strings field.
    pub taxonomies: Vec<String>,
    /// Extra field names from site.toml; any YAML value, passed to templates.
    pub extra_fields: Vec<String>,
}

/// A time of day written `HH:MM`, from minutes after midnight (past
/// midnight it goes round).
pub fn clock_time(minutes: u32) -> String {
    let minutes = minutes % (24 * 60);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A count with its noun, singular for one: `1 error`, `3 scenarios`.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// The words readers see for values authors write (a level, a format, a
/// tag): `[labels]` in site.toml where it names the value, else the value
/// made readable (`new-manager` → "New manager").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels(pub BTreeMap<String, String>);

impl Labels {
    /// The reader's word for `value`.
    pub fn of(&self, value: &str) -> String {
        if let Some(label) = self.0.get(value) {
            return label.clone();
        }
        let spaced = value.replace(['-', '_'], " ");
        let mut chars = spaced.trim().chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_make_values_readable_unless_the_site_names_them() {
        let mut named = BTreeMap::new();
        named.insert("1-1".to_string(), "One-to-one".to_string());
        let labels = Labels(named);
        assert_eq!(labels.of("new-manager"), "New manager");
        assert_eq!(labels.of("senior_leader"), "Senior leader");
        assert_eq!(labels.of("triad"), "Triad");
        assert_eq!(labels.of("équipe"), "Équipe");
        assert_eq!(labels.of("1-1"), "One-to-one");
        assert_eq!(labels.of(""), "");
    }

    /// The word serde reads and writes for `value`.
    fn written(value: impl Serialize) -> String {
        serde_json::to_value(value)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn words_shown_are_the_words_written() {
        for kind in [Kind::Guide, Kind::Questions, Kind::Scenario, Kind::Session] {
            assert_eq!(written(kind), kind.as_str());
        }
        for audience in [Audience::All, Audience::Facilitator, Audience::Participant] {
            assert_eq!(written(audience), audience.as_str());
        }
        for format in [
            Format::Pairs,
            Format::Triad,
            Format::Fishbowl,
            Format::Group,
        ] {
            assert_eq!(written(format), format.as_str());
        }
    }

    #[test]
    fn dates_from_unix_days() {
        assert_eq!(Date::from_unix_days(0).as_str(), "1970-01-01");
        assert_eq!(Date::from_unix_days(20_785).as_str(), "2026-11-28");
        assert_eq!(Date::from_unix_days(11_016).as_str(), "2000-02-29");
    }
}
