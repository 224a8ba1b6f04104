//! Goals, their milestones and progress updates.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use uuid::Uuid;

use super::Store;
use super::bad_rows::{BadRow, unknown};
use super::journal::{opt_uuid, uuid};
use crate::domain::goal::progress;
use crate::domain::{Goal, GoalStatus, Milestone, MilestoneDue, ProgressUpdate};
use crate::error::{Error, Result};

/// A goal with what the board shows about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalSummary {
    pub goal: Goal,
    pub milestones: usize,
    pub milestones_done: usize,
    /// The last progress update's figure.
    pub last_update: Option<u8>,
    /// 0-100, from milestones or the last update.
    pub progress: u8,
    /// The last update, milestone ticked, or the goal's creation: for the "quiet" hint.
    pub last_activity: DateTime<Utc>,
}

/// A reflection about a goal, as the goal's screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedReflection {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    /// The start of the text (at most 200 characters).
    pub preview: String,
    pub private: bool,
}

pub(super) const GOAL_COLUMNS: &str = "g.id, g.relationship_id, g.title, g.why, g.success, g.topic, g.baseline, \
     g.final_rating, g.target_on, g.status, g.created_at, g.updated_at";

pub(super) fn goal_from_row(row: &Row<'_>) -> rusqlite::Result<Goal> {
    let status: String = row.get(9)?;
    let status = GoalStatus::from_id(&status).ok_or_else(|| unknown(9, "goal status"))?;
    Ok(Goal {
        id: uuid(row, 0)?,
        relationship_id: uuid(row, 1)?,
        title: row.get(2)?,
        why: row.get(3)?,
        success: row.get(4)?,
        topic: row.get(5)?,
        baseline: row.get(6)?,
        final_rating: row.get(7)?,
        target_on: row.get(8)?,
        status,
        created_at: row.get(10)?,
        updated_at: row.get(11)?,
    })
}

pub(super) const MILESTONE_COLUMNS: &str = "id, goal_id, text, due, done_at";

pub(super) fn milestone_from_row(row: &Row<'_>) -> rusqlite::Result<Milestone> {
    let due: Option<String> = row.get(3)?;
    let due = match due {
        Some(d) => Some(MilestoneDue::from_text(&d).ok_or_else(|| unknown(3, "due date"))?),
        None => None,
    };
    Ok(Milestone {
        id: uuid(row, 0)?,
        goal_id: uuid(row, 1)?,
        text: row.get(2)?,
        due,
        done_at: row.get(4)?,
    })
}

pub(super) const UPDATE_COLUMNS: &str =
    "id, goal_id, at, progress, note, meeting_id, reflection_id";

pub(super) fn update_from_row(row: &Row<'_>) -> rusqlite::Result<ProgressUpdate> {
    Ok(ProgressUpdate {
        id: uuid(row, 0)?,
        goal_id: uuid(row, 1)?,
        at: row.get(2)?,
        progress: row.get(3)?,
        note: row.get(4)?,
        meeting_id: opt_uuid(row, 5)?,
        reflection_id: opt_uuid(row, 6)?,
    })
}

fn upsert_goal(tx: &Transaction<'_>, g: &Goal, now: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO goal (id, relationship_id, title, why, success, topic, baseline, final_rating,
             target_on, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (id) DO UPDATE SET relationship_id = excluded.relationship_id,
             title = excluded.title, why = excluded.why, success = excluded.success,
             topic = excluded.topic, baseline = excluded.baseline,
             final_rating = excluded.final_rating, target_on = excluded.target_on,
             status = excluded.status, updated_at = excluded.updated_at",
    )?
    .execute(params![
        g.id.to_string(),
        g.relationship_id.to_string(),
        g.title,
        g.why,
        g.success,
        g.topic,
        g.baseline,
        g.final_rating,
        g.target_on,
        g.status.id(),
        g.created_at,
        now,
    ])?;
    Ok(())
}

fn replace_milestones(tx: &Transaction<'_>, goal: Uuid, list: &[Milestone]) -> Result<()> {
    let keep: Vec<String> = list.iter().map(|m| m.id.to_string()).collect();
    let keep = serde_json::to_string(&keep).map_err(|e| Error::Decode(e.to_string()))?;
    tx.prepare_cached(
        "DELETE FROM milestone WHERE goal_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))",
    )?
    .execute(params![goal.to_string(), keep])?;
    let mut upsert = tx.prepare_cached(
        "INSERT INTO milestone (id, goal_id, position, text, due, done_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, text = excluded.text,
             due = excluded.due, done_at = excluded.done_at",
    )?;
    for (i, m) in list.iter().enumerate() {
        upsert.execute(params![
            m.id.to_string(),
            goal.to_string(),
            i as i64,
            m.text,
            m.due.map(MilestoneDue::text),
            m.done_at,
        ])?;
    }
    Ok(())
}

fn insert_update(tx: &Transaction<'_>, u: &ProgressUpdate) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO goal_update (id, goal_id, at, progress, note, meeting_id, reflection_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        u.id.to_string(),
        u.goal_id.to_string(),
        u.at,
        u.progress,
        u.note,
        u.meeting_id.map(|m| m.to_string()),
        u.reflection_id.map(|r| r.to_string()),
    ])?;
    Ok(())
}

/// What a goal's summary counts: milestones, those done, the last update's figure and time,
/// and when the last milestone was ticked.
type Figures = (
    usize,
    usize,
    Option<u8>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
);

/// A goal with its figures.
fn summary(
    goal: Goal,
    (milestones, done, last_update, last_at, last_done): Figures,
) -> GoalSummary {
    let last_activity = [Some(goal.created_at), last_at, last_done]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(goal.created_at);
    GoalSummary {
        progress: progress(goal.status, done, milestones, last_update),
        goal,
        milestones,
        milestones_done: done,
        last_update,
        last_activity,
    }
}

impl Store {
    /// Saves a goal and makes its milestones exactly `milestones`, in that order.
    pub fn save_goal(
        &mut self,
        goal: &Goal,
        milestones: &[Milestone],
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            if let Some(old) = tx
                .query_row(
                    "SELECT status FROM goal WHERE id = ?1",
                    [goal.id.to_string()],
                    |r| r.get::<_, String>(0),
                )
                .optional()?
                .as_deref()
                .and_then(GoalStatus::from_id)
            {
                old.check_move(goal.status).map_err(Error::Usage)?;
            }
            upsert_goal(tx, goal, now)?;
            replace_milestones(tx, goal.id, milestones)
        })
    }

    /// Writes many goals with milestones and updates in one transaction (generated journals).
    pub fn save_goals_batch(
        &mut self,
        goals: &[(Goal, Vec<Milestone>, Vec<ProgressUpdate>)],
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            for (g, milestones, updates) in goals {
                upsert_goal(tx, g, now)?;
                replace_milestones(tx, g.id, milestones)?;
                for u in updates {
                    insert_update(tx, u)?;
                }
            }
            Ok(())
        })
    }

    /// Moves a goal to another status; an illegal move is refused with what to do instead.
    /// Achieving a goal records the final self-rating when one is given.
    pub fn set_goal_status(
        &mut self,
        id: Uuid,
        to: GoalStatus,
        final_rating: Option<u8>,
        now: DateTime<Utc>,
    ) -> Result<Goal> {
        self.write(|tx| {
            let sql = format!(
                "SELECT {GOAL_COLUMNS} FROM goal g WHERE g.id = ?1 AND g.deleted_at IS NULL"
            );
            let mut stmt = tx.prepare(&sql)?;
            let mut rows = stmt.query([id.to_string()])?;
            let Some(row) = rows.next()? else {
                return Err(Error::Usage("that goal is no longer in the journal".into()));
            };
            let mut goal = goal_from_row(row)
                .map_err(|e| Error::BadRow(Box::new(BadRow::new("goal", row, &[0], &e))))?;
            drop(rows);
            drop(stmt);
            goal.status.check_move(to).map_err(Error::Usage)?;
            goal.status = to;
            if to == GoalStatus::Achieved {
                goal.final_rating = final_rating.or(goal.final_rating);
            }
            goal.updated_at = now;
            upsert_goal(tx, &goal, now)?;
            if to == GoalStatus::Achieved {
                // The history ends where the goal did.
                insert_update(tx, &ProgressUpdate::new(goal.id, 100, "Achieved", now))?;
            }
            Ok(goal)
        })
    }

    pub fn goal(&self, id: Uuid) -> Result<Option<Goal>> {
        let sql =
            format!("SELECT {GOAL_COLUMNS} FROM goal g WHERE g.id = ?1 AND g.deleted_at IS NULL");
        self.read_one(&sql, [id.to_string()], "goal", &[0], goal_from_row)
    }

    /// A goal's milestones, in order.
    pub fn milestones(&self, goal: Uuid) -> Result<Vec<Milestone>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MILESTONE_COLUMNS} FROM milestone WHERE goal_id = ?1 ORDER BY position"
        ))?;
        self.read_rows(
            &mut stmt,
            [goal.to_string()],
            "milestone",
            &[0],
            milestone_from_row,
        )
    }

    /// Ticks a milestone done, or opens it again.
    pub fn set_milestone_done(&mut self, id: Uuid, done: bool, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE milestone SET done_at = ?2 WHERE id = ?1",
                params![id.to_string(), done.then_some(now)],
            )?;
            if n == 0 {
                return Err(Error::Usage("that milestone is no longer in the journal".into()));
            }
            tx.execute(
                "UPDATE goal SET updated_at = ?2 WHERE id = (SELECT goal_id FROM milestone WHERE id = ?1)",
                params![id.to_string(), now],
            )?;
            Ok(())
        })
    }

    pub fn add_progress_update(&mut self, u: &ProgressUpdate) -> Result<()> {
        self.write(|tx| insert_update(tx, u))
    }

    /// A goal's progress updates, oldest first.
    pub fn progress_updates(&self, goal: Uuid) -> Result<Vec<ProgressUpdate>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {UPDATE_COLUMNS} FROM goal_update WHERE goal_id = ?1 ORDER BY at, id"
        ))?;
        self.read_rows(
            &mut stmt,
            [goal.to_string()],
            "goal_update",
            &[0],
            update_from_row,
        )
    }

    /// Reflections about a goal, newest first: (id, when, start of the text).
    pub fn goal_reflections(&self, goal: Uuid) -> Result<Vec<LinkedReflection>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, written_at, substr(body, 1, 200) AS body, private FROM reflection
             WHERE goal_id = ?1 AND deleted_at IS NULL ORDER BY written_at DESC",
        )?;
        self.read_rows(&mut stmt, [goal.to_string()], "reflection", &[0], |r| {
            Ok(LinkedReflection {
                id: uuid(r, 0)?,
                at: r.get(1)?,
                preview: r.get(2)?,
                private: r.get(3)?,
            })
        })
    }

    /// Goals with their progress, for the board (one relationship's, or everyone's): one
    /// query, counting milestones and finding the last update through their indexes.
    pub fn goal_summaries(&self, relationship: Option<Uuid>) -> Result<Vec<GoalSummary>> {
        self.summaries(
            "(?1 IS NULL OR g.relationship_id = ?1)",
            relationship,
            false,
        )
    }

    /// One goal with its progress ([`Error::BadRow`] when the goal cannot be read).
    pub fn goal_summary(&self, id: Uuid) -> Result<Option<GoalSummary>> {
        Ok(self
            .summaries("g.id = ?1", Some(id), true)?
            .into_iter()
            .next())
    }

    /// Summaries of the goals matching `condition`. A goal that cannot be read is left out,
    /// or with `one` (a single goal asked for by id) is an error.
    fn summaries(
        &self,
        condition: &str,
        value: Option<Uuid>,
        one: bool,
    ) -> Result<Vec<GoalSummary>> {
        // Two lookups a goal: its milestones' figures in one pass over their index (as a JSON
        // triple), and its last update found through the update index, then read by rowid.
        let sql = format!(
            "SELECT {GOAL_COLUMNS},
                 (SELECT json_array(count(*), count(m.done_at), max(m.done_at))
                  FROM milestone m WHERE m.goal_id = g.id),
                 lu.progress, lu.at
             FROM goal g
             LEFT JOIN goal_update lu ON lu.rowid = (
                 SELECT x.rowid FROM goal_update x WHERE x.goal_id = g.id
                 ORDER BY x.at DESC LIMIT 1)
             WHERE g.deleted_at IS NULL AND {condition}
             ORDER BY g.target_on IS NULL, g.target_on, g.created_at"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([value.map(|r| r.to_string())])?;
        // A goal whose milestones or updates did not all read (Err) is summed up again below
        // from those that do, keeping its place.
        let mut read: Vec<std::result::Result<GoalSummary, Goal>> = Vec::new();
        while let Some(row) = rows.next()? {
            let goal = match goal_from_row(row) {
                Ok(g) => g,
                Err(e) => {
                    let bad = BadRow::new("goal", row, &[0], &e);
                    self.note_bad(&bad);
                    if one {
                        return Err(Error::BadRow(Box::new(bad)));
                    }
                    continue;
                }
            };
            let figures = (|| -> rusqlite::Result<Figures> {
                let (milestones, done, last_done): (i64, i64, Option<String>) =
                    serde_json::from_str(&row.get::<_, String>(12)?)
                        .map_err(|_| unknown(12, "milestone figures"))?;
                let last_done = match last_done {
                    Some(t) => Some(
                        rusqlite::types::FromSql::column_result(rusqlite::types::ValueRef::Text(
                            t.as_bytes(),
                        ))
                        .map_err(|_| unknown(12, "milestone time"))?,
                    ),
                    None => None,
                };
                let last_update: Option<u8> = row.get(13)?;
                let last_at: Option<DateTime<Utc>> = row.get(14)?;
                Ok((
                    milestones as usize,
                    done as usize,
                    last_update,
                    last_at,
                    last_done,
                ))
            })();
            read.push(match figures {
                Ok(f) => Ok(summary(goal, f)),
                Err(_) => Err(goal),
            });
        }
        drop(rows);
        let mut out = Vec::with_capacity(read.len());
        for r in read {
            let goal = match r {
                Ok(s) => {
                    out.push(s);
                    continue;
                }
                Err(goal) => goal,
            };
            let milestones = self.milestones(goal.id)?;
            let updates = self.progress_updates(goal.id)?;
            let last = updates.iter().max_by_key(|u| (u.at, u.id));
            let f = (
                milestones.len(),
                milestones.iter().filter(|m| m.done_at.is_some()).count(),
                last.map(|u| u.progress),
                last.map(|u| u.at),
                milestones.iter().filter_map(|m| m.done_at).max(),
            );
            out.push(summary(goal, f));
        }
        out.sort_by_key(|s| s.goal.status);
        Ok(out)
    }
}
