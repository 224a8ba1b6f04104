//! What a pair review covers: the shared entries, goals, open items and surveys of a
//! relationship over a period. Read by the review screen, `mentorlog review` and the exports.

use chrono::{DateTime, Local, NaiveDate, NaiveTime, TimeZone, Utc};
use uuid::Uuid;

use crate::domain::{ActionItem, Meeting, Milestone, ProgressUpdate, Relationship};
use crate::error::Result;
use crate::store::{GoalSummary, Store, Survey};

/// The open action items a review lists; the rest are counted (the action list has them all).
pub const OPEN_ITEMS_SHOWN: usize = 100;

/// Which stretch of the relationship a review covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    SinceLastReview,
    LastThreeMonths,
    SinceStart,
}

impl Period {
    pub fn next(self) -> Period {
        match self {
            Period::SinceLastReview => Period::LastThreeMonths,
            Period::LastThreeMonths => Period::SinceStart,
            Period::SinceStart => Period::SinceLastReview,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Period::SinceLastReview => "since the last review",
            Period::LastThreeMonths => "the last 3 months",
            Period::SinceStart => "since the start",
        }
    }
}

/// A goal as the review shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewGoal {
    pub summary: GoalSummary,
    pub milestones: Vec<Milestone>,
    pub updates: Vec<ProgressUpdate>,
}

/// Everything a pair review shows: shared entries only, unless `include_private`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewData {
    pub relationship: Relationship,
    pub me: String,
    pub period: Period,
    /// The first day covered (None: from the start).
    pub from: Option<NaiveDate>,
    pub to: NaiveDate,
    pub goals: Vec<ReviewGoal>,
    pub meetings: Vec<(Meeting, Vec<ActionItem>)>,
    /// The most pressing open action items (at most [`OPEN_ITEMS_SHOWN`]), and how many are
    /// open in all: every open one, whenever it was agreed.
    pub open_items: Vec<ActionItem>,
    pub open_total: usize,
    /// The action items done in the period.
    pub done_items: usize,
    pub surveys: Vec<Survey>,
    /// The quick check-ins of the period, oldest first.
    pub checkins: Vec<crate::domain::Checkin>,
    /// The relationship's reflections of the period, oldest first: shared ones (private ones
    /// too only with `include_private`).
    pub reflections: Vec<crate::domain::Reflection>,
    /// The agreement beside what happened, over the whole relationship (shared meetings only
    /// unless `include_private`).
    pub reality: crate::domain::reality::Reality,
    /// The pair's resources and introductions (private ones only with `include_private`),
    /// and how many private ones were left out.
    pub resources: Vec<crate::domain::Resource>,
    pub hidden_resources: usize,
    /// The skills and their ratings (private ones only with `include_private`).
    pub skills: Vec<crate::domain::skill::SkillProgress>,
    /// Private meetings and reflections of the period that were left out.
    pub hidden_private: usize,
    pub include_private: bool,
}

/// The first moment of a local day, in UTC.
pub fn local_midnight(d: NaiveDate) -> DateTime<Utc> {
    let at = d.and_time(NaiveTime::MIN);
    Local
        .from_local_datetime(&at)
        .earliest()
        .map_or_else(|| at.and_utc(), |l| l.with_timezone(&Utc))
}

impl ReviewData {
    pub fn load(
        store: &Store,
        relationship: Uuid,
        period: Period,
        since: Option<NaiveDate>,
        today: NaiveDate,
        include_private: bool,
    ) -> Result<Option<ReviewData>> {
        let Some(rel) = store.relationship(relationship)? else {
            return Ok(None);
        };
        let reality = store.reality_of(&rel, today, include_private)?;
        Self::load_with(store, rel, reality, period, since, today, include_private).map(Some)
    }

    /// The same review over another period, on the same day: the look back, which covers the
    /// whole relationship whatever the period, is kept rather than read again.
    pub fn for_period(&self, store: &Store, period: Period) -> Result<ReviewData> {
        Self::load_with(
            store,
            self.relationship.clone(),
            self.reality.clone(),
            period,
            None,
            self.to,
            self.include_private,
        )
    }

    fn load_with(
        store: &Store,
        rel: Relationship,
        reality: crate::domain::reality::Reality,
        period: Period,
        since: Option<NaiveDate>,
        today: NaiveDate,
        include_private: bool,
    ) -> Result<ReviewData> {
        let relationship = rel.id;
        let from = match (since, period) {
            (Some(d), _) => Some(d),
            (None, Period::SinceStart) => None,
            (None, Period::LastThreeMonths) => today.checked_sub_months(chrono::Months::new(3)),
            (None, Period::SinceLastReview) => match store.last_pair_review(relationship)? {
                Some(last) => Some(crate::store::local_day(last)),
                // The first review looks back three months, but to no earlier than the
                // relationship's start or its first contact, if that came before the start.
                None => today
                    .checked_sub_months(chrono::Months::new(3))
                    .map(|f| f.max(reality.from)),
            },
        };
        let from_at = from.map(local_midnight);
        let until = local_midnight(today.succ_opt().unwrap_or(today));
        let (meetings, hidden_private) =
            store.meetings_between(relationship, from_at, until, include_private)?;
        // Every open item, whenever it was agreed; the done ones of the period.
        let items = store.review_items(
            relationship,
            from_at,
            until,
            include_private,
            OPEN_ITEMS_SHOWN,
        )?;
        let mut goals = Vec::new();
        for summary in store.goal_summaries(Some(relationship))? {
            let id = summary.goal.id;
            let mut updates = store.progress_updates(id)?;
            if !include_private {
                hide_private_notes(store, &mut updates)?;
            }
            goals.push(ReviewGoal {
                milestones: store.milestones(id)?,
                updates,
                summary,
            });
        }
        let surveys = store
            .surveys(relationship)?
            .into_iter()
            .filter(|s| !s.scores.is_empty() && from_at.is_none_or(|f| s.at >= f) && s.at < until)
            .collect();
        let checkins = store.checkins_between(relationship, from_at, until)?;
        let reflections =
            store.reflections_between(relationship, from_at, until, include_private)?;
        let all_resources = store.resources(relationship, true)?;
        let resources = crate::domain::resource::shared_view(&all_resources, include_private);
        Ok(ReviewData {
            me: store.profile_name()?.unwrap_or_default(),
            relationship: rel,
            period,
            from,
            to: today,
            goals,
            meetings,
            open_items: items.open,
            open_total: items.open_total,
            done_items: items.done,
            surveys,
            checkins,
            reflections,
            reality,
            hidden_resources: all_resources.len() - resources.len(),
            resources,
            skills: store.skills(relationship, include_private)?,
            hidden_private,
            include_private,
        })
    }
}

/// A goal opened from the pair review, with only what may be shown to both people: the
/// meetings and reflections linked to it are the shared ones (its progress notes are as
/// [`ReviewData::load`] left them).
#[derive(Debug, Clone, PartialEq)]
pub struct GoalDrill {
    pub goal: ReviewGoal,
    /// The shared meetings that worked on it, newest first.
    pub meetings: Vec<crate::store::GoalMeeting>,
    /// The shared reflections about it, newest first.
    pub reflections: Vec<crate::store::LinkedReflection>,
}

/// A meeting opened from the pair review.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingDrill {
    pub meeting: Meeting,
    pub items: Vec<ActionItem>,
    /// The goals it worked on.
    pub goals: Vec<crate::store::MeetingGoal>,
}

/// Empties the progress notes written from a private meeting or reflection (the figure
/// stays): a note is as private as the entry it came from, and one whose entry cannot be
/// read is treated as private.
fn hide_private_notes(store: &Store, updates: &mut [ProgressUpdate]) -> Result<()> {
    for u in updates {
        let from_meeting = match u.meeting_id {
            Some(id) => crate::store::unless_bad(store.meeting(id))?.is_none_or(|m| m.private),
            None => false,
        };
        let from_reflection = match u.reflection_id {
            Some(id) => crate::store::unless_bad(store.reflection(id))?.is_none_or(|r| r.private),
            None => false,
        };
        if from_meeting || from_reflection {
            u.note.clear();
        }
    }
    Ok(())
}

impl ReviewData {
    /// The goal at `index` of `goals`, ready to be read together.
    pub fn goal_drill(&self, store: &Store, index: usize) -> Result<Option<GoalDrill>> {
        let Some(goal) = self.goals.get(index) else {
            return Ok(None);
        };
        let shown = |private: bool| self.include_private || !private;
        let meetings: Vec<_> = store
            .goal_meetings(goal.summary.goal.id)?
            .into_iter()
            .filter(|m| shown(m.private))
            .collect();
        let reflections: Vec<_> = store
            .goal_reflections(goal.summary.goal.id)?
            .into_iter()
            .filter(|r| shown(r.private))
            .collect();
        Ok(Some(GoalDrill {
            goal: goal.clone(),
            meetings,
            reflections,
        }))
    }

    /// The meeting at `index` of `meetings`, ready to be read together (None for a private
    /// one unless private entries are included: the review never holds one otherwise).
    pub fn meeting_drill(&self, store: &Store, index: usize) -> Result<Option<MeetingDrill>> {
        let Some((meeting, items)) = self.meetings.get(index) else {
            return Ok(None);
        };
        if meeting.private && !self.include_private {
            return Ok(None);
        }
        Ok(Some(MeetingDrill {
            goals: store.meeting_goals(meeting.id)?,
            meeting: meeting.clone(),
            items: items.clone(),
        }))
    }
}
