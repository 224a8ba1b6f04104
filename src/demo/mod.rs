//! `mentorlog --demo`: a temporary journal with a coherent example, so a newcomer can see
//! every screen in a minute. Ada is the mentee, Sam Rivera her mentor; four months in, with a
//! dozen meetings (their lengths and who reached out), quick check-ins, reflections, three
//! goals, a due check-in and pulse scores. It never touches the real journal.

use chrono::{DateTime, Duration, Local, Utc};

use crate::domain::{
    ActionItem, AnswerValue, Cadence, CadenceUnit, Checkin, ContactKind, Goal, GoalStatus,
    Initiator, Medium, Meeting, Milestone, MilestoneDue, PlannedDuration, ProgressUpdate,
    Reflection, Relationship, RelationshipStatus, ResponseTime, Role, Side,
};
use crate::error::Result;
use crate::store::{Store, Survey};

mod words;
use words::{MEETINGS, MINUTES, REFLECTIONS};

fn at(start: DateTime<Utc>, days: i64, hour: i64) -> DateTime<Utc> {
    start + Duration::days(days) + Duration::hours(hour)
}

/// Fills an empty store with the example, as seen on `today`.
pub fn fill(store: &mut Store, now: DateTime<Local>) -> Result<()> {
    let today = now.date_naive();
    let start_day = today - Duration::days(124);
    let start: DateTime<Utc> = start_day
        .and_hms_opt(9, 0, 0)
        .map_or(now.with_timezone(&Utc), |d| d.and_utc());
    store.save_profile_name("Ada", start)?;
    let mut rel = Relationship::new_draft(start);
    rel.my_role = Some(Role::Mentee);
    rel.other_name = "Sam Rivera".into();
    rel.model = Some("formal".into());
    rel.topics = vec!["career".into(), "networking".into()];
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(start_day);
    store.save_relationship(&rel, start)?;
    let answers: Vec<(&str, AnswerValue, bool)> = vec![
        ("focus", AnswerValue::Text { text: "Moving from research software into a product engineering role, without losing the curiosity that research taught me.".into() }, false),
        ("intended_result", AnswerValue::Outcomes { picked: Vec::new(), other: "An offer for a product engineering role, and a talk given".into() }, false),
        ("time", AnswerValue::Hours { per_month: 3 }, false),
        ("duration", AnswerValue::Duration { plan: PlannedDuration::Months { months: 6 } }, false),
        ("contact", AnswerValue::Contact { initiator: Some(Initiator::Them), cadence: Some(Cadence { every: 2, unit: CadenceUnit::Weeks }) }, false),
        ("response", AnswerValue::Response { time: ResponseTime::TwoDays }, false),
        ("medium", AnswerValue::Media { media: vec![Medium::Video, Medium::InPerson], other: String::new() }, false),
        ("mentee_hopes", AnswerValue::Text { text: "That someone who made the same move tells me honestly what it costs.".into() }, true),
        ("boundaries", AnswerValue::Text { text: "What we talk about stays between us. Sam is not my manager and not a recruiter.".into() }, false),
    ];
    for (q, v, private) in answers {
        store.save_answer(rel.id, q, &v, private, start)?;
    }

    // A dozen meetings, every ten days or so; the last one 18 days ago (a check-in is due).
    for (i, (agenda, notes, outcomes, actions)) in MEETINGS.iter().enumerate() {
        let held = at(start, 7 + 9 * i as i64, 8);
        let mut m = Meeting::new(rel.id, held, held);
        m.duration_minutes = Some(MINUTES[i]);
        // Sam reaches out, as agreed; now and then Ada did, before a deadline of her own.
        m.reached_out = Some(if [3, 6, 10].contains(&i) {
            Side::Me
        } else {
            Side::Other
        });
        m.medium = Some(if i % 4 == 3 {
            Medium::InPerson
        } else {
            Medium::Video
        });
        m.topics = vec!["career".into()];
        m.agenda = agenda.to_string();
        m.notes = notes.to_string();
        m.outcomes = outcomes.to_string();
        m.usefulness = Some(if i % 3 == 0 { 4 } else { 3 });
        let items: Vec<ActionItem> = actions
            .iter()
            .map(|(text, owner, done)| {
                let mut a = ActionItem::new(rel.id, text, *owner, held);
                a.due_on = Some(held.date_naive() + Duration::days(7));
                a.done_at = done.then(|| held + Duration::days(5));
                a
            })
            .collect();
        store.save_meeting(&m, &items, held)?;
    }
    for (body, private, bring_up, day) in REFLECTIONS {
        let written = at(start, i64::from(day), 13);
        let mut r = Reflection::new(body, written);
        r.relationship_id = Some(rel.id);
        r.private = private;
        r.bring_up = bring_up;
        r.meeting_id = None;
        store.save_reflection(&r, written)?;
    }
    // Quick check-ins between meetings, each saying who reached out.
    for (kind, note, who, day) in [
        (
            ContactKind::Message,
            "Sent Sam the new CV summary",
            Side::Me,
            40,
        ),
        (
            ContactKind::Email,
            "Sam sent the introduction to Priya",
            Side::Other,
            61,
        ),
        (
            ContactKind::Call,
            "Ten minutes before the first interview",
            Side::Me,
            87,
        ),
    ] {
        let mut c = Checkin::new(rel.id, kind, note, at(start, day, 10));
        c.reached_out = Some(who);
        store.save_checkin(&c, c.at)?;
    }

    // Three goals: one achieved, one active with milestones, one proposed.
    let mut cv = Goal::new(
        rel.id,
        "A CV that tells the research years as product work",
        at(start, 50, 9),
    );
    cv.why = "The CV is the first thing a hiring manager sees.".into();
    cv.success = "Two people in product roles say it reads well".into();
    cv.topic = Some("career".into());
    cv.baseline = Some(2);
    cv.final_rating = Some(4);
    cv.target_on = Some(start_day + Duration::days(80));
    cv.status = GoalStatus::Achieved;
    let cv_updates = vec![
        ProgressUpdate::new(cv.id, 30, "Summary rewritten", at(start, 55, 9)),
        ProgressUpdate::new(cv.id, 70, "Two projects added", at(start, 65, 9)),
        ProgressUpdate::new(cv.id, 100, "Achieved", at(start, 78, 9)),
    ];
    let mut role = Goal::new(
        rel.id,
        "Move into a product engineering role",
        at(start, 50, 10),
    );
    role.why = "I want to build things people use, and see it happen.".into();
    role.success = "An offer for a product engineering role".into();
    role.topic = Some("career".into());
    role.baseline = Some(2);
    role.target_on = Some(start_day + Duration::days(180));
    role.status = GoalStatus::Active;
    let milestone = |text: &str, due: MilestoneDue, done: Option<i64>| {
        let mut m = Milestone::new(role.id, text);
        m.due = Some(due);
        m.done_at = done.map(|d| at(start, d, 9));
        m
    };
    let role_milestones = vec![
        milestone(
            "Shadow a product team for a day",
            MilestoneDue::Week(4),
            Some(25),
        ),
        milestone("Five practice designs", MilestoneDue::Week(10), Some(70)),
        milestone("Three real interviews", MilestoneDue::Month(5), None),
        milestone("An offer", MilestoneDue::Month(6), None),
    ];
    let role_updates = vec![
        ProgressUpdate::new(role.id, 10, "Started", at(start, 52, 9)),
        ProgressUpdate::new(role.id, 25, "Shadow day done", at(start, 60, 9)),
        ProgressUpdate::new(role.id, 50, "Practice designs done", at(start, 90, 9)),
    ];
    let mut talk = Goal::new(rel.id, "Give a conference talk", at(start, 75, 9));
    talk.why = "To be known for the work outside my team.".into();
    talk.topic = Some("networking".into());
    talk.baseline = Some(1);
    talk.status = GoalStatus::Proposed;
    store.save_goals_batch(
        &[
            (cv, Vec::new(), cv_updates),
            (role, role_milestones, role_updates),
            (talk, Vec::new(), Vec::new()),
        ],
        start,
    )?;

    // Three pulse surveys: getting better, with time the weak spot.
    for (day, scores, note) in [
        (35, [3, 4, 4, 3, 4, 2, 5], ""),
        (
            66,
            [4, 4, 5, 3, 4, 3, 5],
            "Meetings moved twice this month.",
        ),
        (
            97,
            [4, 5, 5, 4, 5, 3, 5],
            "Feeling heard; money is still hard to talk about.",
        ),
    ] {
        let ids = [
            "progress",
            "useful",
            "open",
            "time",
            "heard",
            "confidence",
            "boundaries",
        ];
        store.save_survey(&Survey {
            id: uuid::Uuid::now_v7(),
            relationship_id: rel.id,
            at: at(start, day, 20),
            reason: "monthly".into(),
            scores: ids
                .iter()
                .zip(scores)
                .map(|(id, n)| (id.to_string(), n))
                .collect(),
            note: note.into(),
        })?;
    }
    // The midpoint review is already behind them: the demo opens on the due check-in.
    if let Some(end) = start_day.checked_add_months(chrono::Months::new(6)) {
        store.mark_arc_review(
            rel.id,
            crate::domain::checkin::ArcPoint::Midpoint,
            end,
            at(start, 92, 9),
        )?;
    }
    agreement_history(store, &rel, start)?;
    fill_resources(store, rel.id, start)?;
    fill_skills(store, &rel, start)?;
    link_meetings_to_goals(store, rel.id, start)?;
    Ok(())
}

/// Ada's skills: rated when the relationship started and again at its midpoint review.
fn fill_skills(store: &mut Store, rel: &Relationship, start: DateTime<Utc>) -> Result<()> {
    use crate::domain::skill::{Skill, SkillPoint};
    let skills: [(&str, Option<&str>, bool, u8, u8); 4] = [
        ("System design interviews", Some("career"), false, 2, 3),
        ("Telling my work as a story", None, false, 1, 3),
        ("Asking for introductions", Some("networking"), false, 2, 2),
        ("Saying no to extra work", None, true, 2, 3),
    ];
    for (i, (name, topic, private, first, middle)) in skills.into_iter().enumerate() {
        let made = at(start, 3, i as i64);
        let skill = Skill {
            id: uuid::Uuid::now_v7(),
            relationship_id: rel.id,
            name: name.into(),
            topic: topic.map(str::to_string),
            position: i as i64,
            private,
            created_at: made,
            updated_at: made,
        };
        store.save_skill(&skill, made)?;
        store.rate_skill(skill.id, SkillPoint::Start, first, made.date_naive(), made)?;
        let review = at(start, 92, 10);
        store.rate_skill(
            skill.id,
            SkillPoint::Midpoint,
            middle,
            review.date_naive(),
            review,
        )?;
    }
    Ok(())
}

/// A resource of the demo: (kind, title, detail, offered by, state, note, private, day).
type ResourcePlan = (
    crate::domain::ResourceKind,
    &'static str,
    &'static str,
    crate::domain::Side,
    crate::domain::ResourceState,
    &'static str,
    bool,
    i64,
);

/// The books, talks and people Sam and Ada passed to each other, one kept private.
fn fill_resources(store: &mut Store, rel: uuid::Uuid, start: DateTime<Utc>) -> Result<()> {
    use crate::domain::{Resource, ResourceKind as K, ResourceState as S};
    let list: [ResourcePlan; 6] = [
        (
            K::Link,
            "Two talks on product discovery",
            "Sent by email after our second meeting",
            Side::Other,
            S::Done,
            "The second one changed how I read user interviews.",
            false,
            15,
        ),
        (
            K::Book,
            "The Mom Test",
            "Rob Fitzpatrick",
            Side::Other,
            S::Done,
            "",
            false,
            30,
        ),
        (
            K::Person,
            "Priya, platform lead",
            "Sam introduces us by email",
            Side::Other,
            S::Suggested,
            "Ask about moving from research into a platform team.",
            false,
            58,
        ),
        (
            K::Course,
            "System design interview practice",
            "Six evenings, online",
            Side::Me,
            S::NotUseful,
            "Too much memorising; the mock interviews with Sam helped more.",
            false,
            70,
        ),
        (
            K::Book,
            "Designing Data-Intensive Applications",
            "Martin Kleppmann",
            Side::Other,
            S::Suggested,
            "",
            false,
            88,
        ),
        (
            K::Link,
            "Salary bands of the companies I applied to",
            "",
            Side::Me,
            S::Suggested,
            "Only for me, before the money question.",
            true,
            100,
        ),
    ];
    for (kind, title, detail, offered_by, state, note, private, day) in list {
        let when = at(start, day, 11);
        let mut r = Resource::new(rel, kind, title, offered_by, when);
        r.detail = detail.into();
        r.state = state;
        r.note = note.into();
        r.private = private;
        store.save_resource(&r, when)?;
    }
    Ok(())
}

/// Both signed version 1 in the first week; at the midpoint they revised the boundaries
/// (and Ada her private hopes) and signed version 2 two days apart.
fn agreement_history(store: &mut Store, rel: &Relationship, start: DateTime<Utc>) -> Result<()> {
    let day = |t: DateTime<Utc>| crate::store::local_day(t);
    store.sign_agreement(
        rel.id,
        Side::Me,
        "Ada",
        day(start),
        day(at(start, 2, 0)),
        at(start, 2, 10),
    )?;
    store.sign_agreement(
        rel.id,
        Side::Other,
        "Sam Rivera",
        day(at(start, 2, 0)),
        day(at(start, 2, 0)),
        at(start, 2, 11),
    )?;
    let midpoint = at(start, 92, 10);
    store.begin_revision(
        rel.id,
        crate::domain::versions::revision_note(crate::domain::checkin::ArcPoint::Midpoint),
        midpoint,
    )?;
    let boundaries = AnswerValue::Text {
        text: "What we talk about stays between us. Sam is not my manager and not a recruiter. Messages between meetings are fine; answers can wait for the next one.".into(),
    };
    store.save_answer(rel.id, "boundaries", &boundaries, false, midpoint)?;
    let hopes = AnswerValue::Text {
        text: "That someone who made the same move tells me honestly what it costs, and what it gave back.".into(),
    };
    store.save_answer(rel.id, "mentee_hopes", &hopes, true, at(start, 92, 11))?;
    store.end_revision(rel.id)?;
    store.sign_agreement(
        rel.id,
        Side::Me,
        "Ada",
        day(midpoint),
        day(midpoint),
        at(start, 92, 12),
    )?;
    store.sign_agreement(
        rel.id,
        Side::Other,
        "Sam Rivera",
        day(at(start, 94, 0)),
        day(at(start, 94, 0)),
        at(start, 94, 9),
    )?;
    Ok(())
}

/// The goals the meetings worked on (meeting `i` was held on day 7 + 9i at 08:00): the role
/// goal goes back to the first talks, before it was written down (ticked on them later).
fn link_meetings_to_goals(store: &mut Store, rel: uuid::Uuid, start: DateTime<Utc>) -> Result<()> {
    let goals = store.goal_summaries(Some(rel))?;
    let goal = |title: &str| {
        goals
            .iter()
            .find(|g| g.goal.title.starts_with(title))
            .map(|g| g.goal.id)
    };
    let (cv, role, talk) = ("A CV", "Move into", "Give a");
    let plan: [(i64, &[&str]); 9] = [
        (0, &[role]),
        (1, &[role]),
        (2, &[role]),
        (5, &[cv, role, talk]),
        (6, &[role]),
        (7, &[talk]),
        (9, &[role]),
        (10, &[role]),
        (11, &[role]),
    ];
    let mut links = Vec::new();
    for (i, titles) in plan {
        let Some(m) = store.last_meeting(rel, at(start, 7 + 9 * i, 8))? else {
            continue;
        };
        links.extend(titles.iter().filter_map(|t| goal(t)).map(|g| (m.id, g)));
    }
    store.link_meeting_goals(&links, at(start, 106, 9))
}
