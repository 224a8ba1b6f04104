//! The goals a meeting worked on: set from the meeting's form (with the meeting, in one
//! transaction), listed on the goal's screen and on the meeting's.

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};
use uuid::Uuid;

use super::Store;
use super::bad_rows::unknown;
use super::journal::{meeting_from_form, uuid};
use crate::domain::{ActionItem, GoalStatus, Meeting};
use crate::error::{Error, Result};

/// A meeting that worked on a goal, as the goal's screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalMeeting {
    pub id: Uuid,
    pub held_at: DateTime<Utc>,
    /// What the meeting was about, in a line: the first line of its agenda, else of its
    /// notes, else of its outcomes ("" when it has none of them).
    pub title: String,
    pub private: bool,
}

/// A goal a meeting worked on, as the meeting's view lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingGoal {
    pub id: Uuid,
    pub title: String,
    pub status: GoalStatus,
}

/// The first line with text in it, without its surrounding spaces.
fn first_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// Makes the goals `meeting` worked on exactly `goals`. Goals of another relationship, and
/// goals no longer in the journal, are not linked; links already there keep their time.
fn replace_links(
    tx: &Transaction<'_>,
    meeting: &Meeting,
    goals: &[Uuid],
    now: DateTime<Utc>,
) -> Result<()> {
    let keep: Vec<String> = goals.iter().map(Uuid::to_string).collect();
    let keep = serde_json::to_string(&keep).map_err(|e| Error::Decode(e.to_string()))?;
    tx.prepare_cached(
        "DELETE FROM meeting_goal
         WHERE meeting_id = ?1 AND goal_id NOT IN (SELECT value FROM json_each(?2))",
    )?
    .execute(params![meeting.id.to_string(), keep])?;
    let mut link = tx.prepare_cached(
        "INSERT INTO meeting_goal (meeting_id, goal_id, created_at)
         SELECT ?1, id, ?3 FROM goal
         WHERE id = ?2 AND relationship_id = ?4 AND deleted_at IS NULL
         ON CONFLICT (meeting_id, goal_id) DO NOTHING",
    )?;
    for goal in goals {
        link.execute(params![
            meeting.id.to_string(),
            goal.to_string(),
            now,
            meeting.relationship_id.to_string(),
        ])?;
    }
    Ok(())
}

impl Store {
    /// Saves a meeting written in its form — its action items become exactly `actions` (items
    /// taken off the list go to the trash), `carried` open items of an earlier meeting move to
    /// it — and makes the goals it worked on exactly `goals`, all in one transaction.
    pub fn save_meeting_with_goals(
        &mut self,
        meeting: &Meeting,
        actions: &[ActionItem],
        carried: &[Uuid],
        goals: &[Uuid],
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            meeting_from_form(tx, meeting, actions, carried, now)?;
            replace_links(tx, meeting, goals, now)
        })
    }

    /// Links meetings to goals they worked on, (meeting, goal) pairs, in one transaction
    /// (the demo journal; a pair already linked is left as it is).
    pub fn link_meeting_goals(&mut self, links: &[(Uuid, Uuid)], now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let mut link = tx.prepare_cached(
                "INSERT INTO meeting_goal (meeting_id, goal_id, created_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (meeting_id, goal_id) DO NOTHING",
            )?;
            for (meeting, goal) in links {
                link.execute(params![meeting.to_string(), goal.to_string(), now])?;
            }
            Ok(())
        })
    }

    /// The meetings that worked on `goal`, newest first; meetings in the trash are left out.
    pub fn goal_meetings(&self, goal: Uuid) -> Result<Vec<GoalMeeting>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.held_at,
                 substr(CASE WHEN trim(m.agenda) != '' THEN m.agenda
                             WHEN trim(m.notes) != '' THEN m.notes
                             ELSE m.outcomes END, 1, 200),
                 m.private
             FROM meeting_goal mg JOIN meeting m ON m.id = mg.meeting_id
             WHERE mg.goal_id = ?1 AND m.deleted_at IS NULL
             ORDER BY m.held_at DESC, m.id DESC",
        )?;
        self.read_rows(&mut stmt, [goal.to_string()], "meeting", &[0], |r| {
            Ok(GoalMeeting {
                id: uuid(r, 0)?,
                held_at: r.get(1)?,
                title: first_line(&r.get::<_, String>(2)?),
                private: r.get(3)?,
            })
        })
    }

    /// The goals `meeting` worked on, in the order they were made; goals no longer in the
    /// journal are left out.
    pub fn meeting_goals(&self, meeting: Uuid) -> Result<Vec<MeetingGoal>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT g.id, g.title, g.status
             FROM meeting_goal mg JOIN goal g ON g.id = mg.goal_id
             WHERE mg.meeting_id = ?1 AND g.deleted_at IS NULL
             ORDER BY g.created_at, g.id",
        )?;
        self.read_rows(&mut stmt, [meeting.to_string()], "goal", &[0], |r| {
            let status: String = r.get(2)?;
            Ok(MeetingGoal {
                id: uuid(r, 0)?,
                title: r.get(1)?,
                status: GoalStatus::from_id(&status).ok_or_else(|| unknown(2, "goal status"))?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::first_line;

    #[test]
    fn a_meeting_is_named_by_its_first_line_with_text() {
        assert_eq!(first_line("\n  \n  Salary talk  \nmore"), "Salary talk");
        assert_eq!(first_line(""), "");
    }
}
