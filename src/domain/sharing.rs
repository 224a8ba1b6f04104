//! How the pair shares the work and the time: who does what around the meetings, and how
//! many hours a month each of them can give (kept approximate when it was said so).

use serde::{Deserialize, Serialize};

/// Who takes on a piece of the shared work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Who {
    Me,
    Them,
    Both,
}

impl Who {
    /// Every choice, in the order the walk-through lists them.
    pub const ALL: [Who; 3] = [Who::Me, Who::Them, Who::Both];

    /// The stable id a form and a stored answer use.
    pub fn id(self) -> &'static str {
        match self {
            Who::Me => "me",
            Who::Them => "them",
            Who::Both => "both",
        }
    }

    /// The choice with this id.
    pub fn from_id(id: &str) -> Option<Who> {
        Who::ALL.into_iter().find(|w| w.id() == id)
    }

    /// Wording from the journal owner's point of view, naming the other person.
    pub fn describe(self, other: &str) -> String {
        match self {
            Who::Me => "me".to_string(),
            Who::Them => other.to_string(),
            Who::Both => "both of us".to_string(),
        }
    }
}

/// A piece of the work around the meetings that someone has to take on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duty {
    BookMeetings,
    SetAgenda,
    TakeNotes,
    TrackGoals,
}

impl Duty {
    /// Every duty, in the order the walk-through asks them.
    pub const ALL: [Duty; 4] = [
        Duty::BookMeetings,
        Duty::SetAgenda,
        Duty::TakeNotes,
        Duty::TrackGoals,
    ];

    /// The question the walk-through asks for this duty.
    pub fn question(self) -> &'static str {
        match self {
            Duty::BookMeetings => "Who books the meetings?",
            Duty::SetAgenda => "Who sets the agenda?",
            Duty::TakeNotes => "Who takes notes?",
            Duty::TrackGoals => "Who keeps track of the goals?",
        }
    }

    /// A short name for summaries: "agenda: me".
    pub fn short(self) -> &'static str {
        match self {
            Duty::BookMeetings => "booking",
            Duty::SetAgenda => "agenda",
            Duty::TakeNotes => "notes",
            Duty::TrackGoals => "goals",
        }
    }
}

/// Who does what; a duty left open is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Duties {
    #[serde(default)]
    pub book_meetings: Option<Who>,
    #[serde(default)]
    pub set_agenda: Option<Who>,
    #[serde(default)]
    pub take_notes: Option<Who>,
    #[serde(default)]
    pub track_goals: Option<Who>,
}

impl Duties {
    /// Who takes on `duty`, if it was settled.
    pub fn get(&self, duty: Duty) -> Option<Who> {
        match duty {
            Duty::BookMeetings => self.book_meetings,
            Duty::SetAgenda => self.set_agenda,
            Duty::TakeNotes => self.take_notes,
            Duty::TrackGoals => self.track_goals,
        }
    }

    /// Settles `duty` (or leaves it open with `None`).
    pub fn set(&mut self, duty: Duty, who: Option<Who>) {
        let slot = match duty {
            Duty::BookMeetings => &mut self.book_meetings,
            Duty::SetAgenda => &mut self.set_agenda,
            Duty::TakeNotes => &mut self.take_notes,
            Duty::TrackGoals => &mut self.track_goals,
        };
        *slot = who;
    }

    /// True when no duty was settled.
    pub fn is_empty(&self) -> bool {
        Duty::ALL.iter().all(|d| self.get(*d).is_none())
    }

    /// "booking: Sam, agenda: me, notes: both of us"; open duties are left out.
    pub fn summary(&self, other: &str) -> String {
        Duty::ALL
            .iter()
            .filter_map(|d| {
                self.get(*d)
                    .map(|w| format!("{}: {}", d.short(), w.describe(other)))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Hours a month someone can give, and whether the number was given as a rough guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyHours {
    pub hours: u32,
    /// "about 4": the number is a guess, and is always shown as one.
    #[serde(default)]
    pub about: bool,
}

impl MonthlyHours {
    /// The most hours a month holds.
    pub const MAX: u32 = 744;

    /// "about 4 hours a month", "1 hour a month".
    pub fn describe(self) -> String {
        let about = if self.about { "about " } else { "" };
        let unit = if self.hours == 1 { "hour" } else { "hours" };
        format!("{about}{} {unit} a month", self.hours)
    }

    /// Reads what a person typed: "4", "about 4", "~4", "4ish", "roughly 4 hours".
    /// `Ok(None)` for an empty text; `Err` says what to type instead.
    ///
    /// ```
    /// use mentorlog::domain::MonthlyHours;
    /// let guess = MonthlyHours::parse("about 4").unwrap().unwrap();
    /// assert_eq!((guess.hours, guess.about), (4, true));
    /// assert!(MonthlyHours::parse("3-5").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Option<MonthlyHours>, String> {
        let lower = text.trim().to_lowercase();
        if lower.is_empty() {
            return Ok(None);
        }
        let mut rest = lower.as_str();
        let mut about = false;
        for word in [
            "approximately",
            "approx.",
            "approx",
            "about",
            "around",
            "roughly",
            "maybe",
            "circa",
            "ca.",
            "c.",
            "~",
        ] {
            if let Some(r) = rest.strip_prefix(word) {
                rest = r.trim_start();
                about = true;
                break;
            }
        }
        for word in ["-ish", "ish", "?"] {
            if let Some(r) = rest.strip_suffix(word) {
                rest = r.trim_end().trim_end_matches('-');
                about = true;
                break;
            }
        }
        for word in [
            " hours a month",
            " hours",
            " hour",
            " hrs",
            " h",
            "hours",
            "hrs",
            "h",
        ] {
            if let Some(r) = rest.strip_suffix(word) {
                rest = r.trim_end();
                break;
            }
        }
        let retry = "Type the hours a month as a whole number, like 4, or \"about 4\" if it \
                     is a guess; clear it to skip.";
        if !rest.chars().all(|c| c.is_ascii_digit()) || rest.is_empty() {
            let shown: String = text.trim().chars().take(20).collect();
            return Err(format!("\"{shown}\" is not a number of hours. {retry}"));
        }
        match rest.parse::<u32>() {
            Ok(hours @ 1..=MonthlyHours::MAX) => Ok(Some(MonthlyHours { hours, about })),
            _ => Err(format!(
                "A month holds 1 to {} hours. {retry}",
                MonthlyHours::MAX
            )),
        }
    }

    /// The text a form shows for it, read back the same by [`MonthlyHours::parse`].
    pub fn to_input(self) -> String {
        if self.about {
            format!("about {}", self.hours)
        } else {
            self.hours.to_string()
        }
    }
}

/// "me: about 4, Sam: 2 hours a month"; one side alone reads "Sam: 2 hours a month".
pub fn describe_time_each(
    mine: Option<MonthlyHours>,
    theirs: Option<MonthlyHours>,
    other: &str,
) -> String {
    let sides: Vec<(String, MonthlyHours)> =
        [("me".to_string(), mine), (other.to_string(), theirs)]
            .into_iter()
            .filter_map(|(who, h)| h.map(|h| (who, h)))
            .collect();
    if sides.is_empty() {
        return String::new();
    }
    let unit = if sides.iter().all(|(_, h)| h.hours == 1) {
        "hour"
    } else {
        "hours"
    };
    let each: Vec<String> = sides
        .iter()
        .map(|(who, h)| {
            let about = if h.about { "about " } else { "" };
            format!("{who}: {about}{}", h.hours)
        })
        .collect();
    format!("{} {unit} a month", each.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(hours: u32, about: bool) -> Option<MonthlyHours> {
        Some(MonthlyHours { hours, about })
    }

    #[test]
    fn a_guess_stays_a_guess() {
        assert_eq!(MonthlyHours::parse("about 4"), Ok(h(4, true)));
        assert_eq!(MonthlyHours::parse("  ~6 "), Ok(h(6, true)));
        assert_eq!(MonthlyHours::parse("Roughly 10 hours"), Ok(h(10, true)));
        assert_eq!(MonthlyHours::parse("4ish"), Ok(h(4, true)));
        assert_eq!(MonthlyHours::parse("5?"), Ok(h(5, true)));
        assert_eq!(MonthlyHours::parse("4"), Ok(h(4, false)));
        assert_eq!(MonthlyHours::parse("8 hours"), Ok(h(8, false)));
        assert_eq!(MonthlyHours::parse("   "), Ok(None));
    }

    #[test]
    fn what_is_not_one_number_is_refused_with_what_to_type() {
        for bad in ["3-5", "4x", "four", "about", "0", "745", "4.5", "-2"] {
            let err = MonthlyHours::parse(bad).unwrap_err();
            assert!(err.contains("about 4"), "{bad}: {err}");
        }
    }

    #[test]
    fn the_form_text_reads_back_the_same() {
        for v in [
            MonthlyHours {
                hours: 4,
                about: true,
            },
            MonthlyHours {
                hours: 12,
                about: false,
            },
        ] {
            assert_eq!(MonthlyHours::parse(&v.to_input()), Ok(Some(v)));
        }
        assert_eq!(h(1, false).unwrap().describe(), "1 hour a month");
        assert_eq!(h(4, true).unwrap().describe(), "about 4 hours a month");
        assert_eq!(
            describe_time_each(h(4, true), h(2, false), "Sam"),
            "me: about 4, Sam: 2 hours a month"
        );
        assert_eq!(
            describe_time_each(None, h(2, false), "Sam"),
            "Sam: 2 hours a month"
        );
    }

    #[test]
    fn duties_summarise_only_what_was_settled() {
        let mut d = Duties::default();
        assert!(d.is_empty());
        d.set(Duty::BookMeetings, Some(Who::Them));
        d.set(Duty::TakeNotes, Some(Who::Both));
        assert!(!d.is_empty());
        assert_eq!(d.summary("Sam"), "booking: Sam, notes: both of us");
        assert_eq!(Who::from_id("both"), Some(Who::Both));
        assert_eq!(Who::from_id("nobody"), None);
    }

    /// The new answer shapes go through export and import as JSON, and answers written
    /// before each person's time was asked separately still read.
    #[test]
    fn new_answers_round_trip_and_old_hours_still_read() {
        use crate::domain::AnswerValue;
        let values = [
            AnswerValue::TimeEach {
                mine: h(4, true),
                theirs: None,
            },
            AnswerValue::Duties {
                duties: Duties {
                    book_meetings: Some(Who::Them),
                    take_notes: Some(Who::Both),
                    ..Duties::default()
                },
            },
            AnswerValue::Pick {
                picked: "a few a month".into(),
            },
        ];
        for v in values {
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(
                serde_json::from_str::<AnswerValue>(&json).unwrap(),
                v,
                "{json}"
            );
        }
        let old: AnswerValue = serde_json::from_str(r#"{"kind":"hours","per_month":4}"#).unwrap();
        assert_eq!(old.summary("Sam"), "4 hours a month");
        let each = AnswerValue::TimeEach {
            mine: h(4, true),
            theirs: h(2, false),
        };
        assert_eq!(each.summary("Sam"), "me: about 4, Sam: 2 hours a month");
        let none = AnswerValue::TimeEach {
            mine: None,
            theirs: None,
        };
        assert!(none.is_empty());
        assert!(
            AnswerValue::Duties {
                duties: Duties::default()
            }
            .is_empty()
        );
    }
}
