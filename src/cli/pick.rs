//! Which relationship a `--with` means. A name (any case, or a unique start of it) is enough
//! most of the time; when two relationships have the same name (two mentees called Sam, or a
//! journal that imported another), each is shown with its start date and a short id, and
//! `--with ID` or `--with "NAME@START"` picks one.

use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::Relationship;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::text::sanitize_line;

/// Finds the relationship a `--with` means: an exact name (any case); a name and its start
/// date as `NAME@YYYY-MM-DD`; a short id as shown in the messages; else the one whose name
/// starts with it. Without `--with`, the only relationship.
pub fn pick_relationship(store: &Store, with: Option<&str>) -> Result<Relationship> {
    let all = store.relationships()?;
    pick(&all, with).cloned()
}

/// The day a relationship started: when its agreement was confirmed, else when it was begun.
fn start_day(r: &Relationship) -> NaiveDate {
    r.agreed_on.unwrap_or_else(|| r.created_at.date_naive())
}

fn same_name(a: &Relationship, b: &Relationship) -> bool {
    a.display_name().to_lowercase() == b.display_name().to_lowercase()
}

/// The shortest tail of the ids (at least 4 hex digits) that tells every relationship apart.
/// The tail, not the head: an id begins with the time it was made, which two relationships
/// made the same day share.
fn short_ids(all: &[Relationship]) -> HashMap<Uuid, String> {
    let hex: Vec<(Uuid, String)> = all
        .iter()
        .map(|r| (r.id, r.id.simple().to_string()))
        .collect();
    let len = (4..32)
        .find(|&n| {
            let mut tails: Vec<&str> = hex.iter().map(|(_, h)| &h[h.len() - n..]).collect();
            tails.sort_unstable();
            tails.windows(2).all(|w| w[0] != w[1])
        })
        .unwrap_or(32);
    hex.into_iter()
        .map(|(id, h)| (id, h[h.len() - len..].to_string()))
        .collect()
}

struct Names<'a> {
    all: &'a [Relationship],
    ids: HashMap<Uuid, String>,
}

impl Names<'_> {
    /// The name, with the start date and short id when another relationship has it too.
    fn label(&self, r: &Relationship) -> String {
        let name = sanitize_line(r.display_name());
        if self.all.iter().any(|o| o.id != r.id && same_name(o, r)) {
            format!("{name} (started {}, id {})", start_day(r), self.ids[&r.id])
        } else {
            name
        }
    }

    fn labels(&self, list: &[&Relationship]) -> String {
        list.iter()
            .map(|r| self.label(r))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn pick<'a>(all: &'a [Relationship], with: Option<&str>) -> Result<&'a Relationship> {
    if all.is_empty() {
        return Err(Error::Usage(
            "there is no agreement yet. Run `mentorlog` to walk through the questions and save one.".into(),
        ));
    }
    let names = Names {
        all,
        ids: short_ids(all),
    };
    let everyone: Vec<&Relationship> = all.iter().collect();
    let Some(wanted) = with.map(str::trim) else {
        return match all {
            [one] => Ok(one),
            _ => Err(Error::Usage(format!(
                "you have {} relationships; say which with --with NAME ({}).",
                all.len(),
                names.labels(&everyone)
            ))),
        };
    };
    let by_name = |name: &str| -> Vec<&'a Relationship> {
        let lower = name.trim().to_lowercase();
        let exact: Vec<&Relationship> = all
            .iter()
            .filter(|r| r.other_name.trim().to_lowercase() == lower)
            .collect();
        if exact.is_empty() {
            all.iter()
                .filter(|r| r.other_name.trim().to_lowercase().starts_with(&lower))
                .collect()
        } else {
            exact
        }
    };
    let exact_name = all
        .iter()
        .any(|r| r.other_name.trim().to_lowercase() == wanted.to_lowercase());
    let hex = wanted.trim_start_matches('#').to_lowercase();
    let by_id: Vec<&Relationship> = if hex.len() >= 4 && hex.chars().all(|c| c.is_ascii_hexdigit())
    {
        all.iter()
            .filter(|r| r.id.simple().to_string().ends_with(&hex))
            .collect()
    } else {
        Vec::new()
    };
    let dated = wanted.rsplit_once('@').and_then(|(name, day)| {
        NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
            .ok()
            .map(|day| (name, day))
    });
    let matches: Vec<&Relationship> = if exact_name {
        by_name(wanted)
    } else if let Some((name, day)) = dated {
        by_name(name)
            .into_iter()
            .filter(|r| start_day(r) == day)
            .collect()
    } else if by_id.len() == 1 {
        by_id
    } else {
        by_name(wanted)
    };
    let shown = sanitize_line(wanted);
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(Error::Usage(format!(
            "no relationship with {shown:?}. The names are: {}.",
            names.labels(&everyone)
        ))),
        several => {
            let first = several[0];
            let twins = several
                .iter()
                .any(|r| r.id != first.id && same_name(r, first));
            let advice = if twins {
                let by_date = several
                    .iter()
                    .filter(|r| same_name(r, first) && start_day(r) == start_day(first))
                    .count()
                    == 1;
                let id = &names.ids[&first.id];
                if by_date {
                    format!(
                        "say which by its id (--with {id}) or its start date (--with \"{}@{}\")",
                        sanitize_line(first.display_name()),
                        start_day(first)
                    )
                } else {
                    format!("say which by its id (--with {id})")
                }
            } else {
                "give more of the name".to_string()
            };
            Err(Error::Usage(format!(
                "{shown:?} matches {} relationships ({}); {advice}.",
                several.len(),
                names.labels(several)
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn rel(name: &str, agreed: Option<(i32, u32, u32)>) -> Relationship {
        let mut r = Relationship::new_draft(Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap());
        r.other_name = name.into();
        r.agreed_on = agreed.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        r
    }

    fn message(e: Error) -> String {
        match e {
            Error::Usage(m) => m,
            other => panic!("not a usage error: {other}"),
        }
    }

    #[test]
    fn two_of_the_same_name_are_told_apart_by_id_or_start_date() {
        let all = [
            rel("Sam Rivera", Some((2026, 3, 2))),
            rel("Sam Rivera", Some((2026, 5, 10))),
            rel("Kim Lee", None),
        ];
        let ids = short_ids(&all);
        let err = message(pick(&all, Some("sam rivera")).unwrap_err());
        let (a, b) = (&ids[&all[0].id], &ids[&all[1].id]);
        assert!(
            err.contains(&format!("Sam Rivera (started 2026-03-02, id {a})"))
                && err.contains(&format!("Sam Rivera (started 2026-05-10, id {b})"))
                && err.contains(&format!("--with {a}"))
                && err.contains("--with \"Sam Rivera@2026-03-02\""),
            "{err}"
        );
        assert_eq!(pick(&all, Some(a)).unwrap().id, all[0].id);
        assert_eq!(pick(&all, Some(&format!("#{b}"))).unwrap().id, all[1].id);
        let upper = b.to_uppercase();
        assert_eq!(pick(&all, Some(&upper)).unwrap().id, all[1].id);
        assert_eq!(
            pick(&all, Some("Sam Rivera@2026-05-10")).unwrap().id,
            all[1].id
        );
        assert_eq!(pick(&all, Some("sam@2026-03-02")).unwrap().id, all[0].id);
        let err = message(pick(&all, Some("Sam Rivera@2026-04-01")).unwrap_err());
        assert!(err.contains("no relationship with"), "{err}");
        // Names that differ need no id.
        assert_eq!(pick(&all, Some("kim")).unwrap().id, all[2].id);
        let err = message(pick(&all, None).unwrap_err());
        assert!(
            err.contains(", Kim Lee).") && err.contains("Sam Rivera (started 2026-05-10, id "),
            "{err}"
        );
    }

    #[test]
    fn the_same_start_day_leaves_the_id() {
        let all = [
            rel("Sam", Some((2026, 3, 2))),
            rel("Sam", Some((2026, 3, 2))),
        ];
        let err = message(pick(&all, Some("Sam")).unwrap_err());
        assert!(err.contains("by its id") && !err.contains('@'), "{err}");
    }

    #[test]
    fn short_ids_are_tails_long_enough_to_differ() {
        let mut a = rel("A", None);
        let mut b = rel("B", None);
        a.id = Uuid::parse_str("0190aaaa-0000-7000-8000-00000000beef").unwrap();
        b.id = Uuid::parse_str("0190aaaa-0000-7000-8000-00000001beef").unwrap();
        let ids = short_ids(&[a.clone(), b.clone()]);
        assert_eq!(ids[&a.id], "0beef");
        assert_eq!(ids[&b.id], "1beef");
    }
}
