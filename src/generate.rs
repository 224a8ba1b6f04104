//! Generated journals for benchmarks and tests: deterministic, realistic enough to draw.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::app::steps::questions_for;
use crate::content::{AnswerKind, Content};
use crate::domain::{
    AnswerValue, Cadence, CadenceUnit, Initiator, Medium, PlannedDuration, Relationship,
    RelationshipStatus, ResponseTime, Role,
};
use crate::error::Result;
use crate::store::{RelationshipWithAnswers, Store};

/// What a generated journal holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generated {
    pub relationships: usize,
    pub answers: usize,
}

impl Generated {
    /// Relationship rows plus answer rows.
    pub fn rows(&self) -> usize {
        self.relationships + self.answers
    }
}

const FIRST: [&str; 24] = [
    "Sam", "Ada", "Kim", "Noor", "Lee", "Priya", "Tomás", "Mei", "Jonas", "Amara", "Yuki", "Omar",
    "Lena", "Kofi", "Ines", "Ravi", "Sofia", "Malik", "Hana", "Eli", "Zara", "Mateo", "Ingrid",
    "Chen",
];
const LAST: [&str; 24] = [
    "Rivera",
    "Okafor",
    "Lindqvist",
    "Haddad",
    "Nakamura",
    "Silva",
    "Kowalski",
    "Mensah",
    "Dubois",
    "Patel",
    "Schmidt",
    "Costa",
    "O'Brien",
    "Nguyen",
    "Ferreira",
    "Abebe",
    "Larsen",
    "Moreau",
    "Yilmaz",
    "Tanaka",
    "Reyes",
    "Novak",
    "Sato",
    "Adeyemi",
];
const WORDS: [&str; 32] = [
    "career",
    "growth",
    "feedback",
    "confidence",
    "leadership",
    "presenting",
    "writing",
    "network",
    "promotion",
    "projects",
    "priorities",
    "delegation",
    "research",
    "product",
    "team",
    "balance",
    "interviews",
    "portfolio",
    "strategy",
    "habits",
    "listening",
    "negotiation",
    "planning",
    "conferences",
    "mentoring",
    "skills",
    "stakeholders",
    "roadmap",
    "ownership",
    "learning",
    "focus",
    "time",
];

/// The day generated journals are counted back from, so they never depend on the clock.
fn base_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).expect("a valid constant date")
}

/// A small xorshift generator: enough variety for test data, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s: Vec<&str> = (0..words).map(|_| *self.pick(&WORDS)).collect();
        let first = s[0];
        let mut out = String::new();
        out.push_str(&first[..1].to_uppercase());
        out.push_str(&first[1..]);
        s.remove(0);
        for w in s {
            out.push(' ');
            out.push_str(w);
        }
        out.push('.');
        out
    }

    fn text(&mut self) -> String {
        let sentences = 1 + self.below(3);
        (0..sentences)
            .map(|_| {
                let n = 6 + self.below(10);
                self.sentence(n)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn answer(rng: &mut Rng, kind: AnswerKind, suggestions: &[String]) -> AnswerValue {
    match kind {
        AnswerKind::Text => AnswerValue::Text { text: rng.text() },
        AnswerKind::Outcomes => AnswerValue::Outcomes {
            picked: suggestions
                .iter()
                .filter(|_| rng.below(3) == 0)
                .cloned()
                .collect(),
            other: if rng.below(2) == 0 {
                rng.sentence(3)
            } else {
                String::new()
            },
        },
        AnswerKind::Hours => AnswerValue::Hours {
            per_month: 1 + rng.below(12) as u32,
        },
        AnswerKind::Duration => AnswerValue::Duration {
            plan: match rng.below(5) {
                0 => PlannedDuration::Months { months: 3 },
                1 => PlannedDuration::Months { months: 6 },
                2 => PlannedDuration::Months { months: 12 },
                3 => PlannedDuration::OneProject,
                _ => PlannedDuration::OpenEnded,
            },
        },
        AnswerKind::Contact => AnswerValue::Contact {
            initiator: Some(*rng.pick(&Initiator::ALL)),
            cadence: Some(Cadence {
                every: 1 + rng.below(4) as u32,
                unit: if rng.below(3) == 0 {
                    CadenceUnit::Days
                } else {
                    CadenceUnit::Weeks
                },
            }),
        },
        AnswerKind::Response => AnswerValue::Response {
            time: match rng.below(4) {
                0 => ResponseTime::Day,
                1 => ResponseTime::TwoDays,
                2 => ResponseTime::Week,
                _ => ResponseTime::Custom {
                    text: rng.sentence(4),
                },
            },
        },
        AnswerKind::Media => AnswerValue::Media {
            media: Medium::ALL
                .into_iter()
                .filter(|_| rng.below(2) == 0)
                .collect(),
            other: String::new(),
        },
    }
}

/// Fills `store` with a profile and agreed relationships with full agreements until about
/// `rows` rows exist (relationship rows plus answer rows; it stops within one relationship's
/// worth). The same seed always gives the same journal. Writes go in batches, one
/// transaction each, so 100,000 rows take seconds.
pub fn generate(store: &mut Store, rows: usize, seed: u64) -> Result<Generated> {
    let content = Content::get();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let base = base_date();
    let stamp =
        |d: NaiveDate| -> DateTime<Utc> { d.and_hms_opt(9, 0, 0).expect("9:00 exists").and_utc() };
    store.save_profile_name("Generated Person", stamp(base))?;
    let mut made = Generated {
        relationships: 0,
        answers: 0,
    };
    let mut batch: Vec<RelationshipWithAnswers> = Vec::new();
    while made.rows() < rows {
        let n = made.relationships;
        let role = Role::ALL[rng.below(3)];
        let agreed = base - Days::new(rng.below(3 * 365) as u64);
        let mut rel = Relationship::new_draft(stamp(agreed));
        rel.my_role = Some(role);
        rel.other_name = format!("{} {} {}", rng.pick(&FIRST), rng.pick(&LAST), n + 1);
        rel.model = Some(rng.pick(&content.models).id.clone());
        let topics = 1 + rng.below(4);
        for _ in 0..topics {
            let t = rng.pick(&content.topics).id.clone();
            if !rel.topics.contains(&t) {
                rel.topics.push(t);
            }
        }
        rel.status = if rng.below(10) == 0 {
            RelationshipStatus::Closed
        } else {
            RelationshipStatus::Active
        };
        rel.agreed_on = Some(agreed);
        let answers: Vec<(String, AnswerValue, bool)> = questions_for(Some(role), content)
            .into_iter()
            .map(|q| {
                (
                    q.id.clone(),
                    answer(&mut rng, q.kind, &q.suggestions),
                    q.private,
                )
            })
            .collect();
        made.relationships += 1;
        made.answers += answers.len();
        batch.push((rel, answers));
        if batch.len() == 500 {
            store.save_relationships_batch(&batch, stamp(base))?;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        store.save_relationships_batch(&batch, stamp(base))?;
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_journal_and_the_row_count_is_reached() {
        let mut a = Store::open_in_memory().unwrap();
        let mut b = Store::open_in_memory().unwrap();
        let ga = generate(&mut a, 1_000, 7).unwrap();
        let gb = generate(&mut b, 1_000, 7).unwrap();
        assert_eq!(ga, gb);
        assert!(ga.rows() >= 1_000 && ga.rows() < 1_000 + 20, "{ga:?}");
        let names = |s: &Store| -> Vec<String> {
            s.relationships()
                .unwrap()
                .into_iter()
                .map(|r| r.other_name)
                .collect()
        };
        assert_eq!(names(&a), names(&b));
        let mut c = Store::open_in_memory().unwrap();
        generate(&mut c, 1_000, 8).unwrap();
        assert_ne!(names(&a), names(&c), "another seed gives another journal");
    }

    #[test]
    fn every_generated_answer_decodes_and_the_home_screen_lists_all() {
        let mut s = Store::open_in_memory().unwrap();
        let g = generate(&mut s, 2_000, 1).unwrap();
        let overviews = s.relationship_overviews().unwrap();
        assert_eq!(overviews.len(), g.relationships);
        let mut answers = 0;
        for o in &overviews {
            answers += s.agreement(o.relationship.id).unwrap().answers.len();
            assert!(o.cadence.is_some());
        }
        assert_eq!(answers, g.answers);
    }
}
