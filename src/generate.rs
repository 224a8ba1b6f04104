//! Generated journals for benchmarks and tests: deterministic, realistic enough to draw.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::content::{AnswerKind, Content};
use crate::domain::{
    ActionItem, AnswerValue, Cadence, CadenceUnit, Initiator, Medium, Meeting, Owner,
    PlannedDuration, Reflection, Relationship, RelationshipStatus, ResponseTime, Role,
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
        AnswerKind::HoursEach => AnswerValue::TimeEach {
            mine: Some(crate::domain::MonthlyHours {
                hours: 1 + rng.below(12) as u32,
                about: rng.below(2) == 0,
            }),
            theirs: Some(crate::domain::MonthlyHours {
                hours: 1 + rng.below(12) as u32,
                about: rng.below(2) == 0,
            }),
        },
        AnswerKind::Duties => {
            let mut duties = crate::domain::Duties::default();
            for duty in crate::domain::Duty::ALL {
                duties.set(duty, Some(*rng.pick(&crate::domain::Who::ALL)));
            }
            AnswerValue::Duties { duties }
        }
        AnswerKind::Pick => AnswerValue::Pick {
            picked: rng.pick(suggestions).clone(),
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
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    add_relationships(store, &mut rng, |made| made.rows() >= rows)
}

/// A profile, then agreed relationships with full agreements until `enough` says so.
fn add_relationships(
    store: &mut Store,
    rng: &mut Rng,
    enough: impl Fn(&Generated) -> bool,
) -> Result<Generated> {
    let content = Content::get();
    let base = base_date();
    let stamp =
        |d: NaiveDate| -> DateTime<Utc> { d.and_hms_opt(9, 0, 0).expect("9:00 exists").and_utc() };
    store.save_profile_name("Generated Person", stamp(base))?;
    let mut made = Generated {
        relationships: 0,
        answers: 0,
    };
    let mut batch: Vec<RelationshipWithAnswers> = Vec::new();
    while !enough(&made) {
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
        let answers: Vec<(String, AnswerValue, bool)> = content
            .questions_for(Some(role))
            .into_iter()
            .map(|q| (q.id.clone(), answer(rng, q.kind, &q.suggestions), q.private))
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

/// The shape of a journal as people keep one: how many relationships, entries, goals and
/// check-ins it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Agreed relationships, each with a full agreement.
    pub relationships: usize,
    /// Meetings (with action items) and reflections, about one meeting to two reflections.
    pub entries: usize,
    /// Goals spread over the relationships, each with 0-5 milestones.
    pub goals: usize,
    /// Progress updates on each goal.
    pub updates_each: usize,
    /// Check-ins between meetings, over the three months before the base date.
    pub checkins: usize,
}

impl Shape {
    /// A journal of `relationships` relationships and `entries` entries with what usually
    /// comes with them: two goals of eight updates and two check-ins per relationship.
    pub fn typical(relationships: usize, entries: usize) -> Shape {
        Shape {
            relationships,
            entries,
            goals: 2 * relationships,
            updates_each: 8,
            checkins: 2 * relationships,
        }
    }
}

/// Fills an empty `store` with a journal of the given shape: a profile, `relationships`
/// agreed relationships with full agreements, `entries` meetings and reflections, the goals
/// with milestones and progress, and the check-ins. The same seed gives the same journal.
pub fn generate_journal(store: &mut Store, shape: Shape, seed: u64) -> Result<Shape> {
    let mut rng = Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1);
    let wanted = shape.relationships.max(1);
    let made = add_relationships(store, &mut rng, |made| made.relationships >= wanted)?;
    let entries = if shape.entries > 0 {
        generate_entries(store, shape.entries, seed)?
    } else {
        0
    };
    let goals = if shape.goals > 0 {
        generate_goals(store, shape.goals, shape.updates_each, seed)?
    } else {
        0
    };
    let checkins = add_checkins(store, &mut rng, shape.checkins)?;
    Ok(Shape {
        relationships: made.relationships,
        entries,
        goals,
        updates_each: shape.updates_each,
        checkins,
    })
}

/// `count` check-ins spread over the agreed relationships in the three months before the
/// base date.
fn add_checkins(store: &mut Store, rng: &mut Rng, count: usize) -> Result<usize> {
    use crate::domain::{Checkin, ContactKind};
    let relationships: Vec<_> = store.relationships()?.into_iter().map(|r| r.id).collect();
    let end = base_date()
        .and_hms_opt(9, 0, 0)
        .expect("9:00 exists")
        .and_utc();
    for _ in 0..count {
        let at = end - chrono::Duration::minutes(rng.below(90 * 24 * 60) as i64);
        let c = Checkin::new(
            *rng.pick(&relationships),
            *rng.pick(&ContactKind::ALL),
            &rng.sentence(5),
            at,
        );
        store.save_checkin(&c, end)?;
    }
    Ok(count)
}

/// Adds about `entries` journal entries (meetings with 0-3 action items, and reflections, about
/// one meeting to two reflections) spread over the journal's agreed relationships and the
/// three years before the base date. Needs at least one relationship (see [`generate`]).
pub fn generate_entries(store: &mut Store, entries: usize, seed: u64) -> Result<usize> {
    let relationships: Vec<_> = store.relationships()?.into_iter().map(|r| r.id).collect();
    if relationships.is_empty() {
        return Err(crate::error::Error::Usage(
            "generate relationships first".into(),
        ));
    }
    let mut rng = Rng(seed.wrapping_mul(0xD1B5_4A32_D192_ED03) | 1);
    let start = base_date()
        .and_hms_opt(9, 0, 0)
        .expect("9:00 exists")
        .and_utc()
        - chrono::Duration::days(3 * 365);
    let span_minutes = 3 * 365 * 24 * 60;
    let mut meetings = Vec::new();
    let mut reflections = Vec::new();
    let mut made = 0;
    while made < entries {
        let at = start + chrono::Duration::minutes(rng.below(span_minutes) as i64);
        let rel = *rng.pick(&relationships);
        if rng.below(3) == 0 {
            let mut m = Meeting::new(rel, at, at);
            m.duration_minutes = Some(30 + 15 * rng.below(4) as u32);
            m.medium = Some(*rng.pick(&Medium::ALL));
            m.agenda = rng.sentence(6);
            m.notes = rng.text();
            m.outcomes = rng.sentence(8);
            m.usefulness = Some(1 + rng.below(4) as u8);
            m.private = rng.below(10) == 0;
            let actions = (0..rng.below(4))
                .map(|_| {
                    let mut a = ActionItem::new(rel, &rng.sentence(5), *rng.pick(&Owner::ALL), at);
                    a.due_on = Some(at.date_naive() + Days::new(7));
                    if rng.below(3) > 0 {
                        a.done_at = Some(at + chrono::Duration::days(5));
                    }
                    a
                })
                .collect();
            meetings.push((m, actions));
        } else {
            let mut r = Reflection::new(&rng.text(), at);
            r.relationship_id = (rng.below(4) > 0).then_some(rel);
            r.tags = vec![(*rng.pick(&WORDS)).to_string()];
            r.bring_up = rng.below(8) == 0;
            r.private = rng.below(5) > 0;
            reflections.push(r);
        }
        made += 1;
        if meetings.len() + reflections.len() >= 2_000 {
            store.save_journal_batch(&meetings, &reflections, start)?;
            meetings.clear();
            reflections.clear();
        }
    }
    store.save_journal_batch(&meetings, &reflections, start)?;
    Ok(made)
}

/// Adds `goals` goals spread over the journal's relationships, each with 0-5 milestones and
/// `updates_each` progress updates over the year before the base date, in mixed statuses.
pub fn generate_goals(
    store: &mut Store,
    goals: usize,
    updates_each: usize,
    seed: u64,
) -> Result<usize> {
    use crate::domain::{Goal, GoalStatus, Milestone, MilestoneDue, ProgressUpdate};
    let relationships: Vec<_> = store.relationships()?.into_iter().map(|r| r.id).collect();
    if relationships.is_empty() {
        return Err(crate::error::Error::Usage(
            "generate relationships first".into(),
        ));
    }
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let start = base_date()
        .and_hms_opt(9, 0, 0)
        .expect("9:00 exists")
        .and_utc()
        - chrono::Duration::days(365);
    let mut batch = Vec::new();
    for _ in 0..goals {
        let rel = *rng.pick(&relationships);
        let created = start + chrono::Duration::days(rng.below(200) as i64);
        let mut g = Goal::new(rel, &rng.sentence(4), created);
        g.why = rng.sentence(10);
        g.success = if rng.below(4) > 0 {
            rng.sentence(6)
        } else {
            String::new()
        };
        g.baseline = Some(1 + rng.below(5) as u8);
        g.target_on = (rng.below(5) > 0)
            .then(|| created.date_naive() + Days::new(30 + rng.below(300) as u64));
        g.status = *rng.pick(&GoalStatus::ALL);
        if g.status == GoalStatus::Achieved {
            g.final_rating = Some(1 + rng.below(5) as u8);
        }
        let milestones: Vec<Milestone> = (0..rng.below(6))
            .map(|i| {
                let mut m = Milestone::new(g.id, &rng.sentence(3));
                m.due = Some(MilestoneDue::Week(2 * (i as u32 + 1)));
                if rng.below(2) == 0 {
                    m.done_at = Some(created + chrono::Duration::days(7 * i as i64 + 7));
                }
                m
            })
            .collect();
        let mut progress = 0u8;
        let updates: Vec<ProgressUpdate> = (0..updates_each)
            .map(|i| {
                progress = (progress + rng.below(10) as u8).min(100);
                ProgressUpdate::new(
                    g.id,
                    progress,
                    &rng.sentence(5),
                    created + chrono::Duration::days(7 * i as i64 + 3),
                )
            })
            .collect();
        batch.push((g, milestones, updates));
        if batch.len() == 500 {
            store.save_goals_batch(&batch, start)?;
            batch.clear();
        }
    }
    store.save_goals_batch(&batch, start)?;
    Ok(goals)
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

    #[test]
    fn entries_spread_over_the_relationships_and_page_back() {
        let mut s = Store::open_in_memory().unwrap();
        generate(&mut s, 200, 3).unwrap();
        assert_eq!(generate_entries(&mut s, 900, 3).unwrap(), 900);
        let all = crate::store::TimelineFilter {
            include_private: true,
            ..Default::default()
        };
        let mut seen = 0;
        let mut cursor = None;
        loop {
            let page = s.timeline_page(&all, cursor, 250).unwrap();
            if page.is_empty() {
                break;
            }
            seen += page.len();
            cursor = page.last().map(|e| e.cursor());
        }
        assert_eq!(seen, 900);
        assert!(!s.open_action_items().unwrap().is_empty());
        let mut empty = Store::open_in_memory().unwrap();
        assert!(
            generate_entries(&mut empty, 10, 1).is_err(),
            "no relationships to write about"
        );
    }
}

#[cfg(test)]
mod goal_tests {
    use super::*;

    #[test]
    fn generated_goals_have_milestones_and_updates() {
        let mut s = Store::open_in_memory().unwrap();
        generate(&mut s, 50, 2).unwrap();
        assert_eq!(generate_goals(&mut s, 40, 20, 2).unwrap(), 40);
        let board = s.goal_summaries(None).unwrap();
        assert_eq!(board.len(), 40);
        assert!(board.iter().any(|g| g.milestones > 0));
        assert_eq!(s.progress_updates(board[0].goal.id).unwrap().len(), 20);
    }
}

#[cfg(test)]
mod shape_tests {
    use super::*;

    fn count(store: &Store, what: &str) -> i64 {
        let counts = store.counts().unwrap();
        counts
            .0
            .iter()
            .find(|(w, _)| *w == what)
            .map(|(_, n)| *n)
            .unwrap_or_else(|| panic!("no count of {what} in {counts}"))
    }

    #[test]
    fn a_journal_has_the_shape_asked_for_and_the_seed_fixes_it() {
        let shape = Shape {
            relationships: 7,
            entries: 300,
            goals: 11,
            updates_each: 4,
            checkins: 9,
        };
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(generate_journal(&mut s, shape, 5).unwrap(), shape);
        assert_eq!(count(&s, "relationships"), 7);
        assert_eq!(count(&s, "meetings") + count(&s, "reflections"), 300);
        assert!(count(&s, "meetings") > 0 && count(&s, "reflections") > 0);
        assert_eq!(count(&s, "goals"), 11);
        assert_eq!(count(&s, "check-ins"), 9);
        let board = s.goal_summaries(None).unwrap();
        assert!(
            board
                .iter()
                .all(|g| s.progress_updates(g.goal.id).unwrap().len() == 4)
        );
        let overviews = s.relationship_overviews().unwrap();
        assert_eq!(overviews.len(), 7);
        assert!(
            overviews
                .iter()
                .all(|o| !s.agreement(o.relationship.id).unwrap().answers.is_empty()),
            "every relationship has its agreement"
        );

        let names = |s: &Store| -> Vec<String> {
            s.relationships()
                .unwrap()
                .into_iter()
                .map(|r| r.other_name)
                .collect()
        };
        let mut again = Store::open_in_memory().unwrap();
        generate_journal(&mut again, shape, 5).unwrap();
        assert_eq!(names(&s), names(&again));
        assert_eq!(s.counts().unwrap().0, again.counts().unwrap().0);
        let mut other = Store::open_in_memory().unwrap();
        generate_journal(&mut other, shape, 6).unwrap();
        assert_ne!(
            names(&s),
            names(&other),
            "another seed gives another journal"
        );
    }

    #[test]
    fn typical_journals_grow_goals_and_checkins_with_relationships() {
        let shape = Shape::typical(20, 10_000);
        assert_eq!((shape.relationships, shape.entries), (20, 10_000));
        assert_eq!((shape.goals, shape.checkins), (40, 40));
    }
}
