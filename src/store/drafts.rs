//! Drafts: text being typed, autosaved so nothing typed is lost to a crash or a closed terminal.

use chrono::{DateTime, Utc};
use rusqlite::{Row, params};

use super::Store;
use crate::error::Result;

/// A saved draft's body and when it was last saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub key: String,
    pub body: String,
    pub updated_at: DateTime<Utc>,
}

pub(super) const DRAFT_COLUMNS: &str = "key, body, updated_at";

pub(super) fn draft_from_row(r: &Row<'_>) -> rusqlite::Result<Draft> {
    Ok(Draft {
        key: r.get(0)?,
        body: r.get(1)?,
        updated_at: r.get(2)?,
    })
}

impl Store {
    /// Saves (or replaces) the draft under `key`.
    pub fn save_draft(&mut self, key: &str, body: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO draft (key, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
                 ON CONFLICT (key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                params![key, body, now],
            )?;
            Ok(())
        })
    }

    /// The draft under `key`, if one is waiting.
    pub fn draft(&self, key: &str) -> Result<Option<Draft>> {
        self.read_one(
            &format!("SELECT {DRAFT_COLUMNS} FROM draft WHERE key = ?1"),
            [key],
            "draft",
            &[0],
            draft_from_row,
        )
    }

    /// Drafts whose key starts with `prefix`, newest first.
    pub fn drafts_with_prefix(&self, prefix: &str) -> Result<Vec<Draft>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {DRAFT_COLUMNS} FROM draft WHERE substr(key, 1, length(?1)) = ?1
             ORDER BY updated_at DESC"
        ))?;
        self.read_rows(&mut stmt, [prefix], "draft", &[0], draft_from_row)
    }

    /// Forgets the draft under `key` (it was saved for real, or discarded). A discarded
    /// draft's text is gone from the file and its write-ahead log afterwards.
    pub fn delete_draft(&mut self, key: &str) -> Result<()> {
        let deleted =
            self.write(|tx| Ok(tx.execute("DELETE FROM draft WHERE key = ?1", [key])?))?;
        if deleted > 0 {
            self.scrub();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_round_trip_and_delete() {
        let mut store = Store::open_in_memory().unwrap();
        let t: DateTime<Utc> = "2026-11-22T14:02:00Z".parse().unwrap();
        store.save_draft("walkthrough:a", "{\"x\":1}", t).unwrap();
        store.save_draft("walkthrough:a", "{\"x\":2}", t).unwrap();
        store.save_draft("other:b", "b", t).unwrap();
        assert_eq!(
            store.draft("walkthrough:a").unwrap().unwrap().body,
            "{\"x\":2}"
        );
        assert_eq!(store.drafts_with_prefix("walkthrough:").unwrap().len(), 1);
        store.delete_draft("walkthrough:a").unwrap();
        assert!(store.draft("walkthrough:a").unwrap().is_none());
    }
}
