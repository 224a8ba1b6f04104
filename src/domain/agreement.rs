//! The answers agreed before a relationship starts, and the rules that follow from them.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::sharing::{Duties, MonthlyHours, describe_time_each};

/// Who reaches out for check-ins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Initiator {
    Me,
    Them,
    Either,
}

impl Initiator {
    pub const ALL: [Initiator; 3] = [Initiator::Me, Initiator::Them, Initiator::Either];

    pub fn id(self) -> &'static str {
        match self {
            Initiator::Me => "me",
            Initiator::Them => "them",
            Initiator::Either => "either",
        }
    }

    pub fn from_id(id: &str) -> Option<Initiator> {
        Initiator::ALL.into_iter().find(|i| i.id() == id)
    }

    /// Wording from the journal owner's point of view, naming the other person.
    pub fn describe(self, other: &str) -> String {
        match self {
            Initiator::Me => "I reach out".to_string(),
            Initiator::Them => format!("{other} reaches out"),
            Initiator::Either => "either of us reaches out".to_string(),
        }
    }
}

/// The unit of a check-in cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CadenceUnit {
    Days,
    Weeks,
}

impl CadenceUnit {
    pub fn id(self) -> &'static str {
        match self {
            CadenceUnit::Days => "days",
            CadenceUnit::Weeks => "weeks",
        }
    }

    pub fn from_id(id: &str) -> Option<CadenceUnit> {
        [CadenceUnit::Days, CadenceUnit::Weeks]
            .into_iter()
            .find(|u| u.id() == id)
    }
}

/// How often the pair agreed to be in touch: every `every` days or weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cadence {
    pub every: u32,
    pub unit: CadenceUnit,
}

impl Cadence {
    /// The largest cadence accepted: a year in either unit.
    pub const MAX_DAYS: u32 = 366;

    /// The cadence in days.
    pub fn days(self) -> u32 {
        match self.unit {
            CadenceUnit::Days => self.every,
            CadenceUnit::Weeks => self.every.saturating_mul(7),
        }
    }

    /// The day the next check-in is due, counted from the last real contact.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use mentorlog::domain::{Cadence, CadenceUnit};
    /// let every_two_weeks = Cadence { every: 2, unit: CadenceUnit::Weeks };
    /// let last = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
    /// assert_eq!(every_two_weeks.next_due(last), NaiveDate::from_ymd_opt(2027, 1, 8).unwrap());
    /// ```
    pub fn next_due(self, last_contact: NaiveDate) -> NaiveDate {
        last_contact
            .checked_add_days(Days::new(u64::from(self.days())))
            .unwrap_or(NaiveDate::MAX)
    }

    /// "every 2 weeks", "every day".
    pub fn describe(self) -> String {
        match (self.every, self.unit) {
            (1, CadenceUnit::Days) => "every day".to_string(),
            (1, CadenceUnit::Weeks) => "every week".to_string(),
            (n, unit) => format!("every {n} {}", unit.id()),
        }
    }
}

/// How long the relationship is planned to last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "plan", rename_all = "snake_case")]
pub enum PlannedDuration {
    Months { months: u32 },
    OneProject,
    OpenEnded,
    Until { date: NaiveDate },
}

impl PlannedDuration {
    /// The planned last day, when the plan has one. Month arithmetic clamps to the month's end
    /// (a start on 31 January plus one month ends on the last day of February).
    pub fn planned_end(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            PlannedDuration::Months { months } => start.checked_add_months(Months::new(months)),
            PlannedDuration::Until { date } => Some(date),
            PlannedDuration::OneProject | PlannedDuration::OpenEnded => None,
        }
    }

    pub fn describe(self) -> String {
        match self {
            PlannedDuration::Months { months: 1 } => "1 month".to_string(),
            PlannedDuration::Months { months } => format!("{months} months"),
            PlannedDuration::OneProject => "one project".to_string(),
            PlannedDuration::OpenEnded => "open-ended".to_string(),
            PlannedDuration::Until { date } => format!("until {}", date.format("%Y-%m-%d")),
        }
    }
}

/// How quickly questions get answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "within", rename_all = "snake_case")]
pub enum ResponseTime {
    Day,
    TwoDays,
    Week,
    Custom { text: String },
}

impl ResponseTime {
    pub fn describe(&self) -> String {
        match self {
            ResponseTime::Day => "within a day".to_string(),
            ResponseTime::TwoDays => "within two days".to_string(),
            ResponseTime::Week => "within a week".to_string(),
            ResponseTime::Custom { text } => text.clone(),
        }
    }
}

/// A way of meeting or talking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Medium {
    InPerson,
    Video,
    Phone,
    Email,
    Chat,
    Conferences,
}

impl Medium {
    pub const ALL: [Medium; 6] = [
        Medium::InPerson,
        Medium::Video,
        Medium::Phone,
        Medium::Email,
        Medium::Chat,
        Medium::Conferences,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Medium::InPerson => "in_person",
            Medium::Video => "video",
            Medium::Phone => "phone",
            Medium::Email => "email",
            Medium::Chat => "chat",
            Medium::Conferences => "conferences",
        }
    }

    pub fn from_id(id: &str) -> Option<Medium> {
        Medium::ALL.into_iter().find(|m| m.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Medium::InPerson => "in person",
            Medium::Video => "video call",
            Medium::Phone => "phone",
            Medium::Email => "email",
            Medium::Chat => "chat / messaging",
            Medium::Conferences => "at conferences and events",
        }
    }
}

/// The value of one answer; its shape follows the question's kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerValue {
    Text {
        text: String,
    },
    Outcomes {
        picked: Vec<String>,
        other: String,
    },
    Hours {
        per_month: u32,
    },
    Duration {
        plan: PlannedDuration,
    },
    Contact {
        initiator: Option<Initiator>,
        cadence: Option<Cadence>,
    },
    Response {
        time: ResponseTime,
    },
    Media {
        media: Vec<Medium>,
        other: String,
    },
    /// The hours a month each of the two can give; one may need more than the other.
    TimeEach {
        mine: Option<MonthlyHours>,
        theirs: Option<MonthlyHours>,
    },
    /// Who books the meetings, sets the agenda, takes notes and keeps track of goals.
    Duties {
        duties: Duties,
    },
    /// One choice among suggestions, or the person's own words.
    Pick {
        picked: String,
    },
}

impl AnswerValue {
    /// A one-line summary for lists and the review page.
    pub fn summary(&self, other_name: &str) -> String {
        match self {
            AnswerValue::Text { text } => text.split_whitespace().collect::<Vec<_>>().join(" "),
            AnswerValue::Outcomes { picked, other } => join_with_other(picked.clone(), other),
            AnswerValue::Hours { per_month } => match per_month {
                1 => "1 hour a month".to_string(),
                n => format!("{n} hours a month"),
            },
            AnswerValue::Duration { plan } => plan.describe(),
            AnswerValue::Contact { initiator, cadence } => {
                let who = initiator.map(|i| i.describe(other_name));
                let how_often = cadence.map(|c| c.describe());
                match (who, how_often) {
                    (Some(w), Some(c)) => format!("{w}, {c}"),
                    (Some(w), None) => w,
                    (None, Some(c)) => format!("check in {c}"),
                    (None, None) => String::new(),
                }
            }
            AnswerValue::Response { time } => time.describe(),
            AnswerValue::Media { media, other } => {
                join_with_other(media.iter().map(|m| m.label().to_string()).collect(), other)
            }
            AnswerValue::TimeEach { mine, theirs } => {
                describe_time_each(*mine, *theirs, other_name)
            }
            AnswerValue::Duties { duties } => duties.summary(other_name),
            AnswerValue::Pick { picked } => picked.trim().to_string(),
        }
    }

    /// True when the answer says nothing (an empty text, nothing picked).
    pub fn is_empty(&self) -> bool {
        match self {
            AnswerValue::Text { text } => text.trim().is_empty(),
            AnswerValue::Outcomes { picked, other } => picked.is_empty() && other.trim().is_empty(),
            AnswerValue::Contact { initiator, cadence } => initiator.is_none() && cadence.is_none(),
            AnswerValue::Response { time } => {
                matches!(time, ResponseTime::Custom { text } if text.trim().is_empty())
            }
            AnswerValue::Media { media, other } => media.is_empty() && other.trim().is_empty(),
            AnswerValue::TimeEach { mine, theirs } => mine.is_none() && theirs.is_none(),
            AnswerValue::Duties { duties } => duties.is_empty(),
            AnswerValue::Pick { picked } => picked.trim().is_empty(),
            AnswerValue::Hours { .. } | AnswerValue::Duration { .. } => false,
        }
    }
}

fn join_with_other(mut items: Vec<String>, other: &str) -> String {
    let other = other.trim();
    if !other.is_empty() {
        items.push(other.to_string());
    }
    items.join(", ")
}

/// One stored answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub value: AnswerValue,
    /// Private answers are never shown in shared views or exports.
    pub private: bool,
    pub updated_at: DateTime<Utc>,
}

/// Every answer of one relationship's agreement, by question id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agreement {
    pub answers: BTreeMap<String, Answer>,
}

impl Agreement {
    pub fn get(&self, question_id: &str) -> Option<&AnswerValue> {
        self.answers.get(question_id).map(|a| &a.value)
    }

    /// The agreed check-in cadence, if one was agreed.
    pub fn cadence(&self) -> Option<Cadence> {
        match self.get("contact") {
            Some(AnswerValue::Contact { cadence, .. }) => *cadence,
            _ => None,
        }
    }

    /// Who reaches out, if agreed.
    pub fn initiator(&self) -> Option<Initiator> {
        match self.get("contact") {
            Some(AnswerValue::Contact { initiator, .. }) => *initiator,
            _ => None,
        }
    }

    pub fn planned_duration(&self) -> Option<PlannedDuration> {
        match self.get("duration") {
            Some(AnswerValue::Duration { plan }) => Some(*plan),
            _ => None,
        }
    }

    /// The planned end, counted from the start when the plan is a number of months.
    pub fn planned_end(&self, start: NaiveDate) -> Option<NaiveDate> {
        self.planned_duration().and_then(|p| p.planned_end(start))
    }

    pub fn media(&self) -> Vec<Medium> {
        match self.get("medium") {
            Some(AnswerValue::Media { media, .. }) => media.clone(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn cadence_counts_days_and_weeks() {
        let two_weeks = Cadence {
            every: 2,
            unit: CadenceUnit::Weeks,
        };
        assert_eq!(two_weeks.days(), 14);
        assert_eq!(two_weeks.next_due(d(2026, 12, 25)), d(2027, 1, 8));
        let ten_days = Cadence {
            every: 10,
            unit: CadenceUnit::Days,
        };
        assert_eq!(ten_days.next_due(d(2028, 2, 25)), d(2028, 3, 6));
        assert_eq!(ten_days.describe(), "every 10 days");
        assert_eq!(
            Cadence {
                every: 1,
                unit: CadenceUnit::Weeks
            }
            .describe(),
            "every week"
        );
    }

    #[test]
    fn planned_end_clamps_to_month_end_and_leap_day() {
        let three = PlannedDuration::Months { months: 3 };
        assert_eq!(three.planned_end(d(2026, 11, 30)), Some(d(2027, 2, 28)));
        assert_eq!(three.planned_end(d(2027, 11, 30)), Some(d(2028, 2, 29)));
        let twelve = PlannedDuration::Months { months: 12 };
        assert_eq!(twelve.planned_end(d(2028, 2, 29)), Some(d(2029, 2, 28)));
        assert_eq!(PlannedDuration::OpenEnded.planned_end(d(2026, 1, 1)), None);
        assert_eq!(
            PlannedDuration::Until {
                date: d(2027, 6, 1)
            }
            .planned_end(d(2026, 1, 1)),
            Some(d(2027, 6, 1))
        );
    }

    #[test]
    fn summaries_read_naturally() {
        let contact = AnswerValue::Contact {
            initiator: Some(Initiator::Them),
            cadence: Some(Cadence {
                every: 2,
                unit: CadenceUnit::Weeks,
            }),
        };
        assert_eq!(contact.summary("Sam"), "Sam reaches out, every 2 weeks");
        let media = AnswerValue::Media {
            media: vec![Medium::Video, Medium::Email],
            other: " walks ".into(),
        };
        assert_eq!(media.summary("Sam"), "video call, email, walks");
        let text = AnswerValue::Text {
            text: "line one\nline   two".into(),
        };
        assert_eq!(text.summary("Sam"), "line one line two");
        assert_eq!(
            AnswerValue::Hours { per_month: 1 }.summary(""),
            "1 hour a month"
        );
    }

    #[test]
    fn emptiness() {
        assert!(AnswerValue::Text { text: "  ".into() }.is_empty());
        assert!(
            AnswerValue::Contact {
                initiator: None,
                cadence: None
            }
            .is_empty()
        );
        assert!(!AnswerValue::Hours { per_month: 4 }.is_empty());
    }

    #[test]
    fn answer_values_round_trip_through_json() {
        let values = vec![
            AnswerValue::Outcomes {
                picked: vec!["referrals".into()],
                other: "a talk".into(),
            },
            AnswerValue::Duration {
                plan: PlannedDuration::Until {
                    date: d(2027, 3, 1),
                },
            },
            AnswerValue::Response {
                time: ResponseTime::Custom {
                    text: "same week".into(),
                },
            },
        ];
        for v in values {
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(serde_json::from_str::<AnswerValue>(&json).unwrap(), v);
        }
    }

    #[test]
    fn agreement_reads_cadence_and_end() {
        let mut a = Agreement::default();
        let now = Utc::now();
        a.answers.insert(
            "contact".into(),
            Answer {
                value: AnswerValue::Contact {
                    initiator: Some(Initiator::Me),
                    cadence: Some(Cadence {
                        every: 3,
                        unit: CadenceUnit::Days,
                    }),
                },
                private: false,
                updated_at: now,
            },
        );
        a.answers.insert(
            "duration".into(),
            Answer {
                value: AnswerValue::Duration {
                    plan: PlannedDuration::Months { months: 6 },
                },
                private: false,
                updated_at: now,
            },
        );
        assert_eq!(a.cadence().unwrap().days(), 3);
        assert_eq!(a.initiator(), Some(Initiator::Me));
        assert_eq!(a.planned_end(d(2026, 8, 31)), Some(d(2027, 2, 28)));
        assert!(a.media().is_empty());
    }
}
