//! The agreement over time: its versions, every change of an answer, and who signed which
//! version on which day.
//!
//! The rule for versions: a changed answer belongs to the current version while that version
//! is still being written (the same day it was made, and nobody has signed it yet). Once
//! someone signed it, or a later day has come, a change opens the next version, so what a
//! person agreed to is never changed under them.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::checkin::ArcPoint;
use super::{AnswerValue, Side};

/// One version of an agreement. Version 1 is what the walk-through confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementVersion {
    pub relationship_id: Uuid,
    pub number: u32,
    /// Where it was made: "revised at the midpoint".
    pub note: String,
    pub made_on: NaiveDate,
    pub created_at: DateTime<Utc>,
}

/// One value an answer had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerChange {
    pub relationship_id: Uuid,
    pub question_id: String,
    pub version: u32,
    pub value: AnswerValue,
    pub private: bool,
    pub changed_at: DateTime<Utc>,
}

/// One person's agreement to one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOff {
    pub relationship_id: Uuid,
    pub version: u32,
    pub who: Side,
    /// The name as it was when signing.
    pub name: String,
    pub signed_on: NaiveDate,
    pub created_at: DateTime<Utc>,
}

/// The note of a version opened by a change made anywhere but at a review.
pub const REVISED: &str = "revised";

/// The note of a version opened while revising at an arc review.
pub fn revision_note(point: ArcPoint) -> &'static str {
    match point {
        ArcPoint::Midpoint => "revised at the midpoint",
        ArcPoint::EndingSoon => "revised near the end",
        ArcPoint::Ended => "revised at the planned end",
    }
}

/// Which version a change of an answer belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionFor {
    /// The version being written: no new version.
    Current(u32),
    /// A new version with this number, made on the day of the change.
    Open(u32),
}

impl VersionFor {
    pub fn number(self) -> u32 {
        match self {
            VersionFor::Current(n) | VersionFor::Open(n) => n,
        }
    }
}

/// The version a change made on `today` belongs to, given the current version (none while the
/// walk-through is still open: its answers become version 1) and whether anyone signed it.
pub fn version_for_change(
    current: Option<&AgreementVersion>,
    signed: bool,
    today: NaiveDate,
) -> VersionFor {
    match current {
        None => VersionFor::Current(1),
        Some(v) if signed || today > v.made_on => VersionFor::Open(v.number + 1),
        Some(v) => VersionFor::Current(v.number),
    }
}

/// Whether a sign-off of `version` may be dated `day`: not before the version was made (it
/// did not exist yet) and not after today. The message says what to pick instead.
pub fn check_signoff_day(
    version: &AgreementVersion,
    day: NaiveDate,
    today: NaiveDate,
    date: &dyn Fn(NaiveDate) -> String,
) -> Result<(), String> {
    if day > today {
        return Err(format!(
            "A sign-off cannot be dated after today ({}): pick today or an earlier day.",
            date(today)
        ));
    }
    if day < version.made_on {
        return Err(format!(
            "Version {} was made on {}: pick that day or a later one.",
            version.number,
            date(version.made_on)
        ));
    }
    Ok(())
}

/// Everything kept about an agreement over time, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgreementHistory {
    pub versions: Vec<AgreementVersion>,
    pub changes: Vec<AnswerChange>,
    pub signoffs: Vec<SignOff>,
}

impl AgreementHistory {
    /// The latest version, if the agreement has one yet.
    pub fn current(&self) -> Option<&AgreementVersion> {
        self.versions.iter().max_by_key(|v| v.number)
    }

    /// The sign-offs of version `number`.
    pub fn signoffs_of(&self, number: u32) -> Vec<&SignOff> {
        self.signoffs
            .iter()
            .filter(|s| s.version == number)
            .collect()
    }

    /// One side's sign-off of version `number`.
    pub fn signoff(&self, number: u32, who: Side) -> Option<&SignOff> {
        self.signoffs
            .iter()
            .find(|s| s.version == number && s.who == who)
    }

    /// Every value `question` had, oldest first.
    pub fn changes_of(&self, question: &str) -> Vec<&AnswerChange> {
        let mut out: Vec<&AnswerChange> = self
            .changes
            .iter()
            .filter(|c| c.question_id == question)
            .collect();
        out.sort_by_key(|c| c.changed_at);
        out
    }

    /// The history without the changes of private answers (for anything shared).
    pub fn without_private(&self) -> AgreementHistory {
        AgreementHistory {
            versions: self.versions.clone(),
            changes: self
                .changes
                .iter()
                .filter(|c| !c.private)
                .cloned()
                .collect(),
            signoffs: self.signoffs.clone(),
        }
    }
}

/// "Version 2 of 2026-12-01, revised at the midpoint".
pub fn version_label(version: &AgreementVersion, date: &dyn Fn(NaiveDate) -> String) -> String {
    let mut s = format!("Version {} of {}", version.number, date(version.made_on));
    if !version.note.trim().is_empty() {
        s.push_str(", ");
        s.push_str(version.note.trim());
    }
    s
}

/// Who agreed to `version`: "Agreed by Ada on 2026-11-22 and by Sam on 2026-11-24
/// (version 2)."; a side that has not signed is named: "… not yet signed by Sam.".
/// `me` and `other` are today's names, for the sides that have not signed.
pub fn signoff_line(
    history: &AgreementHistory,
    version: u32,
    me: &str,
    other: &str,
    date: &dyn Fn(NaiveDate) -> String,
) -> String {
    let mut signed = history.signoffs_of(version);
    // The earlier sign-off first; on the same day, mine first.
    signed.sort_by_key(|s| (s.signed_on, s.who != Side::Me));
    let name = |s: &SignOff| -> String {
        let n = s.name.trim();
        if n.is_empty() {
            match s.who {
                Side::Me => "me".to_string(),
                Side::Other => "the other person".to_string(),
            }
        } else {
            n.to_string()
        }
    };
    let missing: Vec<&str> = Side::ALL
        .into_iter()
        .filter(|w| !signed.iter().any(|s| s.who == *w))
        .map(|w| match w {
            Side::Me => me,
            Side::Other => other,
        })
        .collect();
    match signed.as_slice() {
        [] => format!(
            "Version {version} is not signed yet by {} or {}.",
            missing[0], missing[1]
        ),
        [a] => format!(
            "Agreed by {} on {} (version {version}); not yet signed by {}.",
            name(a),
            date(a.signed_on),
            missing.first().copied().unwrap_or_default()
        ),
        [a, b, ..] => format!(
            "Agreed by {} on {} and by {} on {} (version {version}).",
            name(a),
            date(a.signed_on),
            name(b),
            date(b.signed_on)
        ),
    }
}

/// Who signed `version`, in a few words for a narrow window: "not signed yet",
/// "signed by Ada", "signed by both".
pub fn signoff_short(history: &AgreementHistory, version: u32) -> String {
    match history.signoffs_of(version).as_slice() {
        [] => "not signed yet".to_string(),
        [one] => format!("signed by {}", one.name.trim()),
        _ => "signed by both".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn iso(d: NaiveDate) -> String {
        d.format("%Y-%m-%d").to_string()
    }

    fn version(number: u32, made: u32, note: &str) -> AgreementVersion {
        AgreementVersion {
            relationship_id: Uuid::nil(),
            number,
            note: note.into(),
            made_on: day(made),
            created_at: "2026-11-01T09:00:00Z".parse().unwrap(),
        }
    }

    fn sign(version: u32, who: Side, name: &str, on: u32) -> SignOff {
        SignOff {
            relationship_id: Uuid::nil(),
            version,
            who,
            name: name.into(),
            signed_on: day(on),
            created_at: "2026-11-01T09:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn answers_before_the_agreement_is_confirmed_are_version_one() {
        assert_eq!(
            version_for_change(None, false, day(3)),
            VersionFor::Current(1)
        );
    }

    #[test]
    fn a_change_on_the_day_the_version_was_made_and_before_any_signoff_stays_in_it() {
        let v = version(2, 10, REVISED);
        assert_eq!(
            version_for_change(Some(&v), false, day(10)),
            VersionFor::Current(2)
        );
    }

    #[test]
    fn a_change_after_a_signoff_opens_the_next_version_even_the_same_day() {
        let v = version(2, 10, REVISED);
        assert_eq!(
            version_for_change(Some(&v), true, day(10)),
            VersionFor::Open(3)
        );
    }

    #[test]
    fn a_change_on_a_later_day_opens_the_next_version_even_unsigned() {
        let v = version(1, 10, "");
        assert_eq!(
            version_for_change(Some(&v), false, day(11)),
            VersionFor::Open(2)
        );
        assert_eq!(VersionFor::Open(2).number(), 2);
    }

    #[test]
    fn a_signoff_cannot_predate_its_version_or_be_in_the_future() {
        let v = version(2, 10, REVISED);
        assert!(check_signoff_day(&v, day(10), day(12), &iso).is_ok());
        assert!(check_signoff_day(&v, day(12), day(12), &iso).is_ok());
        let early = check_signoff_day(&v, day(9), day(12), &iso).unwrap_err();
        assert!(early.contains("made on 2026-11-10"), "{early}");
        let late = check_signoff_day(&v, day(13), day(12), &iso).unwrap_err();
        assert!(late.contains("after today"), "{late}");
    }

    #[test]
    fn the_signoff_line_names_both_people_in_the_order_they_signed() {
        let mut h = AgreementHistory {
            versions: vec![version(1, 1, ""), version(2, 22, "revised at the midpoint")],
            ..Default::default()
        };
        assert_eq!(
            signoff_line(&h, 2, "Ada", "Sam", &iso),
            "Version 2 is not signed yet by Ada or Sam."
        );
        assert_eq!(signoff_short(&h, 2), "not signed yet");
        h.signoffs.push(sign(2, Side::Other, "Sam", 24));
        assert_eq!(signoff_short(&h, 2), "signed by Sam");
        h.signoffs.push(sign(1, Side::Me, "Ada", 1));
        assert_eq!(
            signoff_line(&h, 2, "Ada", "Sam", &iso),
            "Agreed by Sam on 2026-11-24 (version 2); not yet signed by Ada."
        );
        h.signoffs.push(sign(2, Side::Me, "Ada", 22));
        assert_eq!(
            signoff_line(&h, 2, "Ada L.", "Sam", &iso),
            "Agreed by Ada on 2026-11-22 and by Sam on 2026-11-24 (version 2)."
        );
        assert_eq!(signoff_short(&h, 2), "signed by both");
        assert_eq!(
            signoff_line(&h, 1, "Ada", "Sam", &iso),
            "Agreed by Ada on 2026-11-01 (version 1); not yet signed by Sam."
        );
    }

    #[test]
    fn the_current_version_is_the_highest_and_labels_say_where_it_was_made() {
        let h = AgreementHistory {
            versions: vec![version(2, 22, "revised at the midpoint"), version(1, 1, "")],
            ..Default::default()
        };
        let v = h.current().unwrap();
        assert_eq!(v.number, 2);
        assert_eq!(
            version_label(v, &iso),
            "Version 2 of 2026-11-22, revised at the midpoint"
        );
        assert_eq!(
            version_label(&h.versions[1], &iso),
            "Version 1 of 2026-11-01"
        );
        assert_eq!(revision_note(ArcPoint::EndingSoon), "revised near the end");
    }

    #[test]
    fn private_changes_are_left_out_of_a_shared_history() {
        let change = |q: &str, private: bool, at: &str| AnswerChange {
            relationship_id: Uuid::nil(),
            question_id: q.into(),
            version: 1,
            value: AnswerValue::Text { text: q.into() },
            private,
            changed_at: at.parse().unwrap(),
        };
        let h = AgreementHistory {
            changes: vec![
                change("focus", false, "2026-11-02T09:00:00Z"),
                change("mentee_hope", true, "2026-11-01T09:00:00Z"),
                change("focus", false, "2026-11-01T09:00:00Z"),
            ],
            ..Default::default()
        };
        let focus = h.changes_of("focus");
        assert_eq!(focus.len(), 2);
        assert!(focus[0].changed_at < focus[1].changed_at, "oldest first");
        let shared = h.without_private();
        assert!(shared.changes_of("mentee_hope").is_empty());
        assert_eq!(shared.changes_of("focus").len(), 2);
    }
}
