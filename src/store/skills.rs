//! Skills a relationship works on and their ratings at the start, the midpoint and the end.
//! Each write is one transaction; private skills are read only when asked for.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, params};
use uuid::Uuid;

use super::Store;
use super::bad_rows::unknown;
use super::journal::uuid;
use crate::domain::skill::{
    Skill, SkillPoint, SkillProgress, SkillRating, check_name, check_rating,
};
use crate::error::{Error, Result};

pub(super) const SKILL_COLUMNS: &str =
    "id, relationship_id, name, topic, position, private, created_at, updated_at";

pub(super) fn skill_from_row(row: &Row<'_>) -> rusqlite::Result<Skill> {
    Ok(Skill {
        id: uuid(row, 0)?,
        relationship_id: uuid(row, 1)?,
        name: row.get(2)?,
        topic: row.get(3)?,
        position: row.get(4)?,
        private: row.get(5)?,
        created_at: row.get(6)?,
        updated_at: row.get(7)?,
    })
}

pub(super) fn rating_from_row(row: &Row<'_>) -> rusqlite::Result<(Uuid, SkillRating)> {
    let point: String = row.get(1)?;
    let rating: u8 = row.get(2)?;
    Ok((
        uuid(row, 0)?,
        SkillRating {
            point: SkillPoint::from_id(&point).ok_or_else(|| unknown(1, "skill point"))?,
            rating: check_rating(rating).map_err(|_| unknown(2, "skill rating"))?,
            rated_on: row.get(3)?,
        },
    ))
}

fn gone() -> Error {
    Error::Usage("That skill is no longer in the journal.".into())
}

impl Store {
    /// The skills of `relationship` in their order, each with its ratings (start first).
    /// Private skills only with `include_private`; removed ones never.
    pub fn skills(&self, relationship: Uuid, include_private: bool) -> Result<Vec<SkillProgress>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SKILL_COLUMNS} FROM skill
             WHERE relationship_id = ?1 AND deleted_at IS NULL AND (?2 OR private = 0)
             ORDER BY position, created_at, id"
        ))?;
        let skills = self.read_rows(
            &mut stmt,
            params![relationship.to_string(), include_private],
            "skill",
            &[0],
            skill_from_row,
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.skill_id, r.point, r.rating, r.rated_on FROM skill_rating r
             JOIN skill s ON s.id = r.skill_id
             WHERE s.relationship_id = ?1 AND s.deleted_at IS NULL",
        )?;
        let ratings = self.read_rows(
            &mut stmt,
            [relationship.to_string()],
            "skill_rating",
            &[0, 1],
            rating_from_row,
        )?;
        Ok(skills
            .into_iter()
            .map(|skill| {
                let mut mine: Vec<SkillRating> = ratings
                    .iter()
                    .filter(|(id, _)| *id == skill.id)
                    .map(|(_, r)| *r)
                    .collect();
                mine.sort_by_key(|r| r.point);
                SkillProgress {
                    skill,
                    ratings: mine,
                }
            })
            .collect())
    }

    /// Adds `skill` (after the relationship's others) or saves its name, topic and privacy.
    /// An empty or overlong name is an [`Error::Usage`] and nothing is written.
    pub fn save_skill(&mut self, skill: &Skill, now: DateTime<Utc>) -> Result<()> {
        let name = check_name(&skill.name).map_err(Error::Usage)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO skill (id, relationship_id, name, topic, position, private,
                                    created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4,
                         (SELECT COALESCE(MAX(position) + 1, 0) FROM skill WHERE relationship_id = ?2),
                         ?5, ?6, ?6)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, topic = excluded.topic,
                     private = excluded.private, updated_at = excluded.updated_at",
                params![
                    skill.id.to_string(),
                    skill.relationship_id.to_string(),
                    name,
                    skill.topic,
                    skill.private,
                    now
                ],
            )?;
            Ok(())
        })
    }

    /// Rates `skill` at `point` (1 to 5) on `day`; a second rating at the same point replaces
    /// the first.
    pub fn rate_skill(
        &mut self,
        skill: Uuid,
        point: SkillPoint,
        rating: u8,
        day: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let rating = check_rating(rating).map_err(Error::Usage)?;
        self.write(|tx| {
            let here = tx.execute(
                "UPDATE skill SET updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
                params![skill.to_string(), now],
            )?;
            if here == 0 {
                return Err(gone());
            }
            tx.execute(
                "INSERT INTO skill_rating (skill_id, point, rating, rated_on, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (skill_id, point) DO UPDATE SET rating = excluded.rating,
                     rated_on = excluded.rated_on, updated_at = excluded.updated_at",
                params![skill.to_string(), point.id(), rating, day, now],
            )?;
            Ok(())
        })
    }

    /// Removes `skill` from the list (kept, so [`Store::restore_skill`] can bring it back).
    pub fn trash_skill(&mut self, skill: Uuid, now: DateTime<Utc>) -> Result<()> {
        self.set_skill_deleted(skill, Some(now), now)
    }

    /// Brings back a removed skill with its ratings.
    pub fn restore_skill(&mut self, skill: Uuid, now: DateTime<Utc>) -> Result<()> {
        self.set_skill_deleted(skill, None, now)
    }

    fn set_skill_deleted(
        &mut self,
        skill: Uuid,
        deleted: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE skill SET deleted_at = ?2, updated_at = ?3 WHERE id = ?1",
                params![skill.to_string(), deleted, now],
            )?;
            if n == 0 {
                return Err(gone());
            }
            Ok(())
        })
    }
}
