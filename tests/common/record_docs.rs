//! The documents the Markdown tests read: the record, the folder form and the pair review.
#![allow(dead_code)]

use chrono::{DateTime, Duration, NaiveDate, Utc};
use mentorlog::content::Content;
use mentorlog::domain::Relationship;
use mentorlog::review::{Period, ReviewData};
use mentorlog::store::Store;

use super::common::cli::now;

pub fn today() -> NaiveDate {
    now().date_naive()
}

pub fn at(days_ago: i64) -> DateTime<Utc> {
    now() - Duration::days(days_ago)
}

/// The whole record as `mentorlog export --format markdown` writes it.
pub fn record(store: &Store, include_private: bool) -> String {
    let rels = store.relationships().unwrap();
    let mut out = Vec::new();
    mentorlog::share::journal_markdown(
        store,
        &rels,
        None,
        today(),
        include_private,
        &mut out,
        None,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

/// Every file of the folder form, in name order, one after another.
pub fn folder(store: &Store, include_private: bool) -> String {
    let dir = tempfile::tempdir().unwrap();
    let rels = store.relationships().unwrap();
    let mut sink = std::io::sink();
    mentorlog::share::journal_markdown(
        store,
        &rels,
        None,
        today(),
        include_private,
        &mut sink,
        Some(dir.path()),
    )
    .unwrap();
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn review(store: &Store, rel: &Relationship, include_private: bool) -> (String, String) {
    let d = ReviewData::load(
        store,
        rel.id,
        Period::SinceStart,
        None,
        today(),
        include_private,
    )
    .unwrap()
    .unwrap();
    (
        mentorlog::share::review_markdown(&d, Content::get()),
        mentorlog::share::review_json(&d).unwrap(),
    )
}
