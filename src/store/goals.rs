//! Goals, their milestones and progress updates.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use uuid::Uuid;

use super::Store;
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

const GOAL_COLUMNS: &str = "g.id, g.relationship_id, g.title, g.why, g.success, g.topic, g.baseline, \
     g.final_rating, g.target_on, g.status, g.created_at, g.updated_at";

fn goal_from_row(row: &Row<'_>) -> rusqlite::Result<Goal> {
    let status: String = row.get(9)?;
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
        status: GoalStatus::from_id(&status).unwrap_or(GoalStatus::Proposed),
        created_at: row.get(10)?,
        updated_at: row.get(11)?,
    })
}

fn milestone_from_row(row: &Row<'_>) -> rusqlite::Result<Milestone> {
    let due: Option<String> = row.get(3)?;
    Ok(Milestone {
        id: uuid(row, 0)?,
        goal_id: uuid(row, 1)?,
        text: row.get(2)?,
        due: due.as_deref().and_then(MilestoneDue::from_text),
        done_at: row.get(4)?,
    })
}

fn update_from_row(row: &Row<'_>) -> rusqlite::Result<ProgressUpdate> {
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
            let Some(mut goal) = tx
                .query_row(&sql, [id.to_string()], goal_from_row)
                .optional()?
            else {
                return Err(Error::Usage("that goal is no longer in the journal".into()));
            };
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
        Ok(self
            .conn
            .query_row(&sql, [id.to_string()], goal_from_row)
            .optional()?)
    }

    /// A goal's milestones, in order.
    pub fn milestones(&self, goal: Uuid) -> Result<Vec<Milestone>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, goal_id, text, due, done_at FROM milestone WHERE goal_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([goal.to_string()], milestone_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, goal_id, at, progress, note, meeting_id, reflection_id FROM goal_update
             WHERE goal_id = ?1 ORDER BY at, id",
        )?;
        let rows = stmt.query_map([goal.to_string()], update_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Reflections about a goal, newest first: (id, when, start of the text).
    pub fn goal_reflections(&self, goal: Uuid) -> Result<Vec<LinkedReflection>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, written_at, substr(body, 1, 200), private FROM reflection
             WHERE goal_id = ?1 AND deleted_at IS NULL ORDER BY written_at DESC",
        )?;
        let rows = stmt.query_map([goal.to_string()], |r| {
            Ok(LinkedReflection {
                id: uuid(r, 0)?,
                at: r.get(1)?,
                preview: r.get(2)?,
                private: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Goals with their progress, for the board (one relationship's, or everyone's): one
    /// query, counting milestones and finding the last update through their indexes.
    pub fn goal_summaries(&self, relationship: Option<Uuid>) -> Result<Vec<GoalSummary>> {
        self.summaries("(?1 IS NULL OR g.relationship_id = ?1)", relationship)
    }

    /// One goal with its progress.
    pub fn goal_summary(&self, id: Uuid) -> Result<Option<GoalSummary>> {
        Ok(self.summaries("g.id = ?1", Some(id))?.into_iter().next())
    }

    fn summaries(&self, condition: &str, value: Option<Uuid>) -> Result<Vec<GoalSummary>> {
        let sql = format!(
            "SELECT {GOAL_COLUMNS},
                 (SELECT count(*) FROM milestone m WHERE m.goal_id = g.id),
                 (SELECT count(*) FROM milestone m WHERE m.goal_id = g.id AND m.done_at IS NOT NULL),
                 (SELECT u.progress FROM goal_update u WHERE u.goal_id = g.id ORDER BY u.at DESC LIMIT 1),
                 (SELECT max(u.at) FROM goal_update u WHERE u.goal_id = g.id),
                 (SELECT max(m.done_at) FROM milestone m WHERE m.goal_id = g.id)
             FROM goal g
             WHERE g.deleted_at IS NULL AND {condition}
             ORDER BY g.target_on IS NULL, g.target_on, g.created_at"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([value.map(|r| r.to_string())], |row| {
            let goal = goal_from_row(row)?;
            let milestones: i64 = row.get(12)?;
            let done: i64 = row.get(13)?;
            let last_update: Option<u8> = row.get(14)?;
            let last_at: Option<DateTime<Utc>> = row.get(15)?;
            let last_done: Option<DateTime<Utc>> = row.get(16)?;
            let last_activity = [Some(goal.created_at), last_at, last_done]
                .into_iter()
                .flatten()
                .max()
                .unwrap_or(goal.created_at);
            Ok(GoalSummary {
                progress: progress(goal.status, done as usize, milestones as usize, last_update),
                goal,
                milestones: milestones as usize,
                milestones_done: done as usize,
                last_update,
                last_activity,
            })
        })?;
        let mut out: Vec<GoalSummary> = rows.collect::<rusqlite::Result<_>>()?;
        out.sort_by_key(|s| s.goal.status);
        Ok(out)
    }
}
