//! Search: a query (words and filters) narrowed in SQLite's FTS5 index, then the best few
//! thousand ranked with a fuzzy matcher, each hit with the matched characters to highlight.

use chrono::{DateTime, NaiveDate, Utc};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use uuid::Uuid;

use super::Store;
use crate::error::Result;

/// What a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    Meeting,
    Reflection,
    Goal,
    Milestone,
    ActionItem,
    Answer,
    /// A book, link, course or person to meet.
    Resource,
}

impl HitKind {
    pub const ALL: [HitKind; 7] = [
        HitKind::Meeting,
        HitKind::Reflection,
        HitKind::Goal,
        HitKind::Milestone,
        HitKind::ActionItem,
        HitKind::Answer,
        HitKind::Resource,
    ];

    pub fn id(self) -> &'static str {
        match self {
            HitKind::Meeting => "meeting",
            HitKind::Reflection => "reflection",
            HitKind::Goal => "goal",
            HitKind::Milestone => "milestone",
            HitKind::ActionItem => "action_item",
            HitKind::Answer => "answer",
            HitKind::Resource => "resource",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            HitKind::Meeting => "meeting",
            HitKind::Reflection => "reflection",
            HitKind::Goal => "goal",
            HitKind::Milestone => "milestone",
            HitKind::ActionItem => "action",
            HitKind::Answer => "agreement",
            HitKind::Resource => "resource",
        }
    }

    /// The kind a `kind:` filter names ("goal", "goals", "action", "agreement", …).
    pub fn parse(s: &str) -> Option<HitKind> {
        let s = s.trim_end_matches('s');
        HitKind::ALL
            .into_iter()
            .find(|k| k.id() == s || k.label() == s || (s == "action_item"))
    }
}

/// A parsed query: free words plus the filters typed into it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<String>,
    pub tag: Option<String>,
    pub kind: Option<HitKind>,
    /// The text after `with:`, matched against the other person's name.
    pub with: Option<String>,
    pub after: Option<NaiveDate>,
    pub before: Option<NaiveDate>,
    /// `private` or `shared`: Some(true) only private, Some(false) only shared.
    pub private: Option<bool>,
    /// Parts that could not be read, with why, to show under the query.
    pub problems: Vec<String>,
}

impl Query {
    /// Reads `#tag`, `kind:goal`, `with:Sam`, `after:2026-01-01`, `before:…`, `private`,
    /// `shared`; everything else is a word to find.
    pub fn parse(text: &str) -> Query {
        let mut q = Query::default();
        for part in text.split_whitespace() {
            let lower = part.to_lowercase();
            if let Some(tag) = lower.strip_prefix('#') {
                if !tag.is_empty() {
                    q.tag = Some(tag.to_string());
                }
            } else if let Some(k) = lower.strip_prefix("kind:") {
                match HitKind::parse(k) {
                    Some(kind) => q.kind = Some(kind),
                    None => q.problems.push(format!(
                        "kind:{k} is not a kind: use meeting, reflection, goal, milestone, action, agreement or resource"
                    )),
                }
            } else if let Some(w) = part
                .strip_prefix("with:")
                .or_else(|| part.strip_prefix("With:"))
            {
                if !w.is_empty() {
                    q.with = Some(w.to_string());
                }
            } else if let Some(d) = lower.strip_prefix("after:") {
                match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                    Ok(d) => q.after = Some(d),
                    Err(_) => q
                        .problems
                        .push(format!("after:{d} is not a date like 2026-01-31")),
                }
            } else if let Some(d) = lower.strip_prefix("before:") {
                match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                    Ok(d) => q.before = Some(d),
                    Err(_) => q
                        .problems
                        .push(format!("before:{d} is not a date like 2026-01-31")),
                }
            } else if lower == "private" {
                q.private = Some(true);
            } else if lower == "shared" {
                q.private = Some(false);
            } else {
                q.words.push(part.to_string());
            }
        }
        q
    }

    /// The FTS5 expression: every word as a prefix, all required. `None` without words.
    fn fts(&self) -> Option<String> {
        let terms: Vec<String> = self
            .words
            .iter()
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .map(|w| format!("\"{w}\"*"))
            .collect();
        (!terms.is_empty()).then(|| terms.join(" "))
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: HitKind,
    pub id: String,
    pub relationship_id: Option<Uuid>,
    pub at: DateTime<Utc>,
    pub private: bool,
    /// The goal of a milestone, the meeting of an action item; the question of an answer.
    pub parent: Option<String>,
    /// The text around the match (one line).
    pub snippet: String,
    /// Character positions in `snippet` that matched, to highlight.
    pub matched: Vec<usize>,
    pub score: i64,
}

/// How many candidates SQLite hands to the fuzzy ranking: the most recently written matches.
const CANDIDATES: usize = 500;

/// Where a hit's text is read: the view over the entries' own tables that the index is
/// filled from (the index keeps no copy of the text).
const TEXT: &str = "search_text";

impl Store {
    /// Searches everything searchable. `include_private = false` leaves private entries out
    /// entirely (pair review). `relationships` are the ids `with:` matched (None: no filter).
    pub fn search(
        &self,
        q: &Query,
        with: Option<&[Uuid]>,
        include_private: bool,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        self.search_in(q, with, include_private, limit, TEXT)
    }

    /// [`Store::search`] with the text of a hit (for ranking and the snippet) read from
    /// `text`: a table or subquery with the columns `id` (the `search_doc` rowid) and `body`.
    fn search_in(
        &self,
        q: &Query,
        with: Option<&[Uuid]>,
        include_private: bool,
        limit: usize,
        text: &str,
    ) -> Result<Vec<Hit>> {
        let fts = q.fts();
        let mut conditions = vec!["d.deleted = 0".to_string()];
        let mut values: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        let bind = |values: &mut Vec<Box<dyn rusqlite::ToSql>>, v: Box<dyn rusqlite::ToSql>| {
            values.push(v);
            values.len()
        };
        if let Some(f) = &fts {
            let i = bind(&mut values, Box::new(f.clone()));
            conditions.push(format!("search_fts MATCH ?{i}"));
        }
        if !include_private || q.private == Some(false) {
            conditions.push("d.private = 0".into());
        } else if q.private == Some(true) {
            conditions.push("d.private = 1".into());
        }
        if let Some(k) = q.kind {
            let i = bind(&mut values, Box::new(k.id()));
            conditions.push(format!("d.kind = ?{i}"));
        }
        if let Some(ids) = with {
            let list: Vec<String> = ids.iter().map(|u| u.to_string()).collect();
            let json = serde_json::to_string(&list).unwrap_or_else(|_| "[]".into());
            let i = bind(&mut values, Box::new(json));
            conditions.push(format!(
                "d.relationship_id IN (SELECT value FROM json_each(?{i}))"
            ));
        }
        if let Some(tag) = &q.tag {
            let i = bind(&mut values, Box::new(tag.clone()));
            conditions.push(format!(
                "d.entry_id IN (SELECT entry_id FROM entry_tag WHERE tag = ?{i})"
            ));
        }
        if let Some(a) = q.after {
            let i = bind(
                &mut values,
                Box::new(a.and_hms_opt(0, 0, 0).map(|d| d.and_utc())),
            );
            conditions.push(format!("d.at >= ?{i}"));
        }
        if let Some(b) = q.before {
            let i = bind(
                &mut values,
                Box::new(b.and_hms_opt(0, 0, 0).map(|d| d.and_utc())),
            );
            conditions.push(format!("d.at < ?{i}"));
        }
        // With words: the most recently written matches (FTS5 walks its doclists backwards
        // by rowid and stops after CANDIDATES), then their text is read from the entries by
        // rowid and ranked here. Without words: the newest entries.
        let sql = if fts.is_some() {
            format!(
                "WITH best AS (
                     SELECT f.rowid AS id, f.rowid AS rank
                     FROM search_fts f JOIN search_doc d ON d.rowid = f.rowid
                     WHERE {} ORDER BY f.rowid DESC LIMIT {CANDIDATES})
                 SELECT {HIT_COLUMNS}, t.body
                 FROM best JOIN {text} t ON t.id = best.id
                      JOIN search_doc d ON d.rowid = best.id
                 ORDER BY best.rank DESC",
                conditions.join(" AND ")
            )
        } else {
            format!(
                "SELECT {HIT_COLUMNS}, substr(t.body, 1, 160)
                 FROM search_doc d JOIN {text} t ON t.id = d.rowid
                 WHERE {} ORDER BY d.at DESC LIMIT {limit}",
                conditions.join(" AND ")
            )
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
        let mut hits: Vec<Hit> = Vec::new();
        while let Some(r) = rows.next()? {
            match hit_from_row(r) {
                Ok(h) => hits.push(h),
                Err(e) => self.note_bad(&search_bad_row(r, &e)),
            }
        }
        drop(rows);
        if fts.is_some() {
            for h in &mut hits {
                h.snippet = window(&h.snippet, &q.words, 110);
            }
            let matcher = SkimMatcherV2::default();
            let pattern = q.words.join(" ");
            let n = hits.len() as i64;
            for (i, h) in hits.iter_mut().enumerate() {
                // The FTS rank keeps order among equals; the fuzzy score decides the rest.
                let base = n - i as i64;
                match matcher.fuzzy_indices(&h.snippet, &pattern) {
                    Some((score, idx)) => {
                        h.score = score * 10_000 + base;
                        h.matched = idx;
                    }
                    None => {
                        h.score = base;
                        h.matched = word_positions(&h.snippet, &q.words);
                    }
                }
            }
            hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        }
        hits.truncate(limit);
        Ok(hits)
    }
}

/// The columns `hit_from_row` reads (with the text last), from `search_doc d` and the
/// entry's text.
pub(super) const HIT_COLUMNS: &str =
    "d.kind, d.entry_id, d.relationship_id, d.at, d.private, d.parent";

/// One search hit; the text (column 6) is taken as it is.
pub(super) fn hit_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Hit> {
    let kind: String = r.get(0)?;
    let kind = HitKind::ALL
        .into_iter()
        .find(|k| k.id() == kind)
        .ok_or_else(|| super::bad_rows::unknown(0, "kind of entry"))?;
    Ok(Hit {
        kind,
        id: r.get(1)?,
        relationship_id: super::journal::opt_uuid(r, 2)?,
        at: r.get(3)?,
        private: r.get(4)?,
        parent: r.get(5)?,
        snippet: r.get::<_, String>(6)?.replace(['\n', '\r', '\t'], " "),
        matched: Vec::new(),
        score: 0,
    })
}

/// A search index row that did not read, noted as the entry it indexes (so one bad meeting
/// counts once, whether a screen or the search met it).
pub(super) fn search_bad_row(r: &rusqlite::Row<'_>, e: &rusqlite::Error) -> super::BadRow {
    let kind: Option<String> = r.get(0).ok();
    let table = match kind.as_deref() {
        Some("meeting") => "meeting",
        Some("reflection") => "reflection",
        Some("goal") => "goal",
        Some("milestone") => "milestone",
        Some("action_item") => "action_item",
        Some("answer") => "answer",
        Some("resource") => "resource",
        _ => "search_doc",
    };
    super::BadRow::new(table, r, &[1], e)
}

/// About `size` characters of `text` around the first query word found in it.
fn window(text: &str, words: &[String], size: usize) -> String {
    let lower = text.to_lowercase();
    let at = words
        .iter()
        .filter_map(|w| lower.find(&w.to_lowercase()))
        .min()
        .unwrap_or(0);
    // Byte offsets of `lower` and `text` can differ for a few characters; count characters.
    let at_char = lower[..at.min(lower.len())].chars().count();
    let chars: Vec<char> = text.chars().collect();
    // From the start when the match is near it; else from the word before the match.
    let start = if at_char < size * 3 / 4 {
        0
    } else {
        let from = at_char.saturating_sub(size / 4);
        (from..at_char)
            .find(|&i| chars[i] == ' ')
            .map_or(from, |i| i + 1)
    };
    let text_end = chars
        .iter()
        .rposition(|c| !c.is_whitespace())
        .map_or(0, |i| i + 1);
    let end = (start + size).min(text_end);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end.max(start)]);
    if end < text_end {
        out.push('…');
    }
    out
}

/// Character positions of the query words' prefixes in `text`, case-insensitively.
fn word_positions(text: &str, words: &[String]) -> Vec<usize> {
    let lower: Vec<char> = text.to_lowercase().chars().collect();
    let mut out = Vec::new();
    for w in words {
        let w: Vec<char> = w.to_lowercase().chars().collect();
        if w.is_empty() || w.len() > lower.len() {
            continue;
        }
        for start in 0..=lower.len() - w.len() {
            if lower[start..start + w.len()] == w[..] {
                out.extend(start..start + w.len());
                break;
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

pub(super) const PAIR_REVIEW_COLUMNS: &str = "at, relationship_id";

pub(super) fn pair_review_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DateTime<Utc>> {
    r.get(0)
}

impl Store {
    /// Records that a pair reviewed a relationship together.
    pub fn record_pair_review(&mut self, relationship: Uuid, at: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO pair_review (relationship_id, at) VALUES (?1, ?2)",
                rusqlite::params![relationship.to_string(), at],
            )?;
            Ok(())
        })
    }

    /// The last pair review of a relationship (a time that cannot be read is left out).
    pub fn last_pair_review(&self, relationship: Uuid) -> Result<Option<DateTime<Utc>>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PAIR_REVIEW_COLUMNS} FROM pair_review WHERE relationship_id = ?1
             ORDER BY at DESC"
        ))?;
        let mut rows = stmt.query([relationship.to_string()])?;
        while let Some(row) = rows.next()? {
            match pair_review_from_row(row) {
                Ok(at) => return Ok(Some(at)),
                Err(e) => self.note_bad(&super::BadRow::new("pair_review", row, &[1, 0], &e)),
            }
        }
        Ok(None)
    }

    /// Meetings of a relationship held in [from, until), oldest first, with their action
    /// items; private ones only when asked. Also how many private meetings and reflections
    /// of the period were left out.
    #[allow(clippy::type_complexity)]
    pub fn meetings_between(
        &self,
        relationship: Uuid,
        from: Option<DateTime<Utc>>,
        until: DateTime<Utc>,
        include_private: bool,
    ) -> Result<(
        Vec<(crate::domain::Meeting, Vec<crate::domain::ActionItem>)>,
        usize,
    )> {
        let filter = super::TimelineFilter {
            relationship: Some(relationship),
            kind: Some(super::EntryKind::Meeting),
            include_private,
            from,
            until: Some(until),
            ..super::TimelineFilter::default()
        };
        let mut ids = Vec::new();
        let mut after = None;
        loop {
            let page = self.timeline_page(&filter, after, 500)?;
            if page.is_empty() {
                break;
            }
            after = page.last().map(|e| e.cursor());
            ids.extend(page.into_iter().map(|e| e.id));
        }
        ids.reverse();
        let meetings = self.meetings_by_id(&ids)?;
        let mut items = self.action_items_of_meetings(&ids)?;
        let mut out = Vec::with_capacity(meetings.len());
        for m in meetings {
            let mine = items.remove(&m.id).unwrap_or_default();
            out.push((m, mine));
        }
        let hidden: i64 = if include_private {
            0
        } else {
            self.conn.query_row(
                "SELECT (SELECT count(*) FROM meeting WHERE relationship_id = ?1 AND private = 1
                             AND deleted_at IS NULL AND held_at < ?3 AND (?2 IS NULL OR held_at >= ?2))
                      + (SELECT count(*) FROM reflection WHERE relationship_id = ?1 AND private = 1
                             AND deleted_at IS NULL AND written_at < ?3
                             AND (?2 IS NULL OR written_at >= ?2))",
                rusqlite::params![relationship.to_string(), from, until],
                |r| r.get(0),
            )?
        };
        Ok((out, hidden as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, generate_entries, generate_goals};

    /// How version 8 read a hit's text: from the index's own copy.
    const TEXT_OF_VERSION_8: &str = "(SELECT rowid AS id, body FROM search_fts)";

    /// Every kind of query on a generated journal at version 8, read the way version 8 read
    /// it; then the journal migrated, and the same queries give the same hits in the same
    /// order with the same snippets, highlights and scores.
    #[test]
    fn migrating_a_version_8_journal_keeps_every_hit_order_and_snippet() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA secure_delete = ON;").unwrap();
        for sql in &super::super::MIGRATIONS[..8] {
            conn.execute_batch(sql).unwrap();
        }
        // Today's code writes the life-cycle columns of version 10 and who reached out of
        // version 11, and empties the trash of its resources and skills: they are there while
        // the journal is filled, and gone again before it is migrated.
        conn.execute_batch(
            "PRAGMA user_version = 8;
             ALTER TABLE relationship ADD COLUMN paused_since TEXT;
             ALTER TABLE relationship ADD COLUMN resumed_on TEXT;
             ALTER TABLE relationship ADD COLUMN closed_on TEXT;
             ALTER TABLE meeting ADD COLUMN reached_out TEXT;
             ALTER TABLE checkin ADD COLUMN reached_out TEXT;
             CREATE TABLE resource (deleted_at TEXT);
             CREATE TABLE skill (deleted_at TEXT);",
        )
        .unwrap();
        let mut store = Store {
            conn,
            path: None,
            skipped: super::super::bad_rows::new_log(),
            key: None,
        };
        generate(&mut store, 20, 5).unwrap();
        generate_entries(&mut store, 3_000, 5).unwrap();
        generate_goals(&mut store, 40, 5, 5).unwrap();
        // Edited, trashed and deleted entries, as a journal in use has.
        store
            .conn
            .execute_batch(
                "UPDATE reflection SET body = body || ' quokka edited' WHERE rowid % 11 = 0;
                 UPDATE meeting SET deleted_at = updated_at WHERE rowid % 13 = 0;
                 UPDATE action_item SET text = 'walrus ' || text WHERE rowid % 5 = 0;
                 UPDATE milestone SET done_at = NULL WHERE rowid % 3 = 0;",
            )
            .unwrap();
        store
            .conn
            .execute_batch("UPDATE reflection SET deleted_at = updated_at WHERE rowid % 17 = 0")
            .unwrap();
        store.empty_trash().unwrap();

        let relationships: Vec<Uuid> = store
            .relationships()
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert!(!relationships.is_empty());
        let some = &relationships[..relationships.len().min(3)];
        store
            .conn
            .execute_batch(
                "DROP TABLE resource;
                 DROP TABLE skill;
                 ALTER TABLE relationship DROP COLUMN paused_since;
                 ALTER TABLE relationship DROP COLUMN resumed_on;
                 ALTER TABLE relationship DROP COLUMN closed_on;
                 ALTER TABLE meeting DROP COLUMN reached_out;
                 ALTER TABLE checkin DROP COLUMN reached_out;",
            )
            .unwrap();
        let queries = [
            "growth",
            "growth feedback",
            "confid",
            "g",
            "le",
            "quokka",
            "walrus",
            "quokka growth",
            "kind:reflection career",
            "kind:goal",
            "kind:milestone plan",
            "kind:action walrus",
            "kind:agreement",
            "#focus",
            "#habits team",
            "after:2025-01-01 strategy",
            "before:2025-01-01 before:2024-06-01 team",
            "private",
            "shared roadmap",
            "",
            "nothingmatchesthis",
        ];
        let run = |store: &Store, text: &str| {
            let mut all = Vec::new();
            for q in queries {
                let q = Query::parse(q);
                for include_private in [true, false] {
                    for with in [None, Some(some)] {
                        for limit in [1, 2_000] {
                            all.push(
                                store
                                    .search_in(&q, with, include_private, limit, text)
                                    .unwrap(),
                            );
                        }
                    }
                }
            }
            all
        };
        let before = run(&store, TEXT_OF_VERSION_8);
        let found: usize = before.iter().map(Vec::len).sum();
        assert!(found > 10_000, "the queries find plenty: {found}");
        assert!(
            before
                .iter()
                .any(|h| h.iter().any(|h| h.kind == HitKind::Answer))
        );
        assert!(
            before
                .iter()
                .any(|h| h.iter().any(|h| h.kind == HitKind::Milestone))
        );

        super::super::migrate(&store.conn, std::path::Path::new(":memory:"), false).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            super::super::SCHEMA_VERSION
        );
        let copies: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'search_fts_content'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(copies, 0, "the index keeps no copy of the text");
        let after = run(&store, TEXT);
        assert_eq!(before.len(), after.len());
        for (i, (b, a)) in before.iter().zip(&after).enumerate() {
            assert_eq!(b, a, "query run {i}");
        }
        // The index agrees with the text it was built from.
        store
            .conn
            .execute_batch(
                "INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1);",
            )
            .unwrap();
    }

    #[test]
    fn queries_read_their_filters() {
        let q = Query::parse("salary #Career kind:goals with:Sam after:2026-01-01 private offer");
        assert_eq!(q.words, ["salary", "offer"]);
        assert_eq!(q.tag.as_deref(), Some("career"));
        assert_eq!(q.kind, Some(HitKind::Goal));
        assert_eq!(q.with.as_deref(), Some("Sam"));
        assert_eq!(q.after, NaiveDate::from_ymd_opt(2026, 1, 1));
        assert_eq!(q.private, Some(true));
        assert_eq!(q.fts().as_deref(), Some("\"salary\"* \"offer\"*"));
        let bad = Query::parse("kind:poem before:soon");
        assert_eq!(bad.problems.len(), 2);
        assert_eq!(
            Query::parse("\"); DROP").fts().as_deref(),
            Some("\"DROP\"*")
        );
        assert_eq!(Query::parse("kind:action").kind, Some(HitKind::ActionItem));
        assert_eq!(Query::parse("kind:agreement").kind, Some(HitKind::Answer));
        assert_eq!(Query::parse("kind:resources").kind, Some(HitKind::Resource));
    }
}
