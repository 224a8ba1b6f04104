//! Skills in the journal: added in order, rated at each point (a second rating replaces the
//! first), private ones read only when asked for, removed and brought back with their
//! ratings; refused input writes nothing.

use chrono::{DateTime, NaiveDate, Utc};
use mentorlog::domain::skill::{Skill, SkillPoint};
use mentorlog::domain::{Relationship, RelationshipStatus, Role};
use mentorlog::error::Error;
use mentorlog::store::Store;
use uuid::Uuid;

fn t0() -> DateTime<Utc> {
    "2026-09-01T09:00:00Z".parse().unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn journal() -> (Store, Relationship) {
    let mut store = Store::open_in_memory().unwrap();
    let mut rel = Relationship::new_draft(t0());
    rel.my_role = Some(Role::Mentee);
    rel.other_name = "Sam".into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(day(9, 1));
    store.save_relationship(&rel, t0()).unwrap();
    (store, rel)
}

fn skill(rel: &Relationship, name: &str, private: bool) -> Skill {
    Skill {
        id: Uuid::now_v7(),
        relationship_id: rel.id,
        name: name.into(),
        topic: None,
        position: 0,
        private,
        created_at: t0(),
        updated_at: t0(),
    }
}

#[test]
fn skills_keep_their_order_and_ratings_and_a_second_rating_replaces_the_first() {
    let (mut store, rel) = journal();
    let a = skill(&rel, "  Giving\nfeedback ", false);
    let b = skill(&rel, "Public speaking", false);
    store.save_skill(&a, t0()).unwrap();
    store.save_skill(&b, t0()).unwrap();
    store
        .rate_skill(a.id, SkillPoint::Start, 2, day(9, 2), t0())
        .unwrap();
    store
        .rate_skill(a.id, SkillPoint::Midpoint, 3, day(11, 1), t0())
        .unwrap();
    store
        .rate_skill(a.id, SkillPoint::Midpoint, 4, day(11, 2), t0())
        .unwrap();
    let read = store.skills(rel.id, false).unwrap();
    let names: Vec<&str> = read.iter().map(|s| s.skill.name.as_str()).collect();
    assert_eq!(
        names,
        ["Giving feedback", "Public speaking"],
        "one line, in order"
    );
    assert_eq!(read[0].ratings.len(), 2);
    let mid = read[0].at(SkillPoint::Midpoint).unwrap();
    assert_eq!((mid.rating, mid.rated_on), (4, day(11, 2)));
    assert_eq!(read[0].before_after(), "2 → 4 (+2)");
    assert!(read[1].ratings.is_empty());

    // Renaming keeps its place and its ratings.
    let renamed = Skill {
        name: "Feedback, kindly".into(),
        ..read[0].skill.clone()
    };
    store.save_skill(&renamed, t0()).unwrap();
    let read = store.skills(rel.id, false).unwrap();
    assert_eq!(read[0].skill.name, "Feedback, kindly");
    assert_eq!(read[0].ratings.len(), 2);
}

#[test]
fn private_skills_are_read_only_when_asked_for() {
    let (mut store, rel) = journal();
    store
        .save_skill(&skill(&rel, "Shared", false), t0())
        .unwrap();
    let secret = skill(&rel, "Saying no", true);
    store.save_skill(&secret, t0()).unwrap();
    store
        .rate_skill(secret.id, SkillPoint::Start, 1, day(9, 2), t0())
        .unwrap();
    let shared = store.skills(rel.id, false).unwrap();
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0].skill.name, "Shared");
    assert!(shared[0].ratings.is_empty(), "no rating of a private skill");
    let all = store.skills(rel.id, true).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all[1].skill.private && all[1].ratings.len() == 1);
}

#[test]
fn a_removed_skill_comes_back_with_its_ratings_and_cannot_be_rated_meanwhile() {
    let (mut store, rel) = journal();
    let s = skill(&rel, "Negotiating", false);
    store.save_skill(&s, t0()).unwrap();
    store
        .rate_skill(s.id, SkillPoint::Start, 3, day(9, 2), t0())
        .unwrap();
    store.trash_skill(s.id, t0()).unwrap();
    assert!(store.skills(rel.id, true).unwrap().is_empty());
    let e = store
        .rate_skill(s.id, SkillPoint::End, 5, day(12, 1), t0())
        .unwrap_err();
    assert!(e.to_string().contains("no longer"), "{e}");
    store.restore_skill(s.id, t0()).unwrap();
    let back = store.skills(rel.id, true).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(
        back[0].ratings.len(),
        1,
        "only the rating given before removal"
    );
}

#[test]
fn refused_names_and_ratings_write_nothing() {
    let (mut store, rel) = journal();
    let e = store
        .save_skill(&skill(&rel, " \t ", false), t0())
        .unwrap_err();
    assert!(matches!(e, Error::Usage(_)), "{e}");
    let long = "x".repeat(81);
    assert!(store.save_skill(&skill(&rel, &long, false), t0()).is_err());
    assert!(store.skills(rel.id, true).unwrap().is_empty());
    let s = skill(&rel, "Listening", false);
    store.save_skill(&s, t0()).unwrap();
    for bad in [0, 6] {
        let e = store
            .rate_skill(s.id, SkillPoint::Start, bad, day(9, 2), t0())
            .unwrap_err();
        assert!(e.to_string().contains("1 (new to me) to 5"), "{e}");
    }
    assert!(store.skills(rel.id, true).unwrap()[0].ratings.is_empty());
}

#[test]
fn skills_and_ratings_survive_an_export_and_import() {
    let (mut store, rel) = journal();
    let s = skill(&rel, "Delegating", true);
    store.save_skill(&s, t0()).unwrap();
    store
        .rate_skill(s.id, SkillPoint::Start, 2, day(9, 2), t0())
        .unwrap();
    let mut out = Vec::new();
    store.export_json(&mut out, "2026-09-01T09:00:00Z").unwrap();
    let mut other = Store::open_in_memory().unwrap();
    mentorlog::exchange::import_reader(&mut other, &out[..], false, t0()).unwrap();
    let read = other.skills(rel.id, true).unwrap();
    assert_eq!(read.len(), 1);
    assert!(read[0].skill.private, "still private");
    assert_eq!(read[0].at(SkillPoint::Start).unwrap().rating, 2);
}
