//! A journal of check-ins between meetings and reflections: Ada and Sam Rivera, for the
//! timeline and prep flows.

use chrono::{DateTime, Utc};
use mentorlog::app::Settings;
use mentorlog::domain::checkin::ContactKind;
use mentorlog::domain::{
    Checkin, Meeting, Reflection, Relationship, RelationshipStatus, Role, Side,
};
use mentorlog::store::Store;

use super::Harness;

pub fn day(d: &str) -> DateTime<Utc> {
    format!("{d}T12:00:00Z").parse().unwrap()
}

pub fn relationship(store: &mut Store, name: &str) -> Relationship {
    let mut rel = Relationship::new_draft(day("2026-09-01"));
    rel.my_role = Some(Role::Mentee);
    rel.other_name = name.into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(day("2026-09-01").date_naive());
    store.save_relationship(&rel, day("2026-09-01")).unwrap();
    rel
}

pub fn checkin(
    store: &mut Store,
    rel: &Relationship,
    at: &str,
    kind: ContactKind,
    note: &str,
    who: Option<Side>,
) -> Checkin {
    let mut c = Checkin::new(rel.id, kind, note, day(at));
    c.reached_out = who;
    store.save_checkin(&c, day(at)).unwrap();
    c
}

pub fn meeting(store: &mut Store, rel: &Relationship, at: &str, notes: &str) -> Meeting {
    let mut m = Meeting::new(rel.id, day(at), day(at));
    m.notes = notes.into();
    store.save_meeting(&m, &[], day(at)).unwrap();
    m
}

pub fn reflection(store: &mut Store, rel: &Relationship, at: &str, body: &str, private: bool) {
    let mut r = Reflection::new(body, day(at));
    r.relationship_id = Some(rel.id);
    r.private = private;
    store.save_reflection(&r, day(at)).unwrap();
}

/// Ada and Sam: two meetings, two reflections (one private) and three check-ins between.
pub fn journal() -> (Store, Relationship) {
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", day("2026-09-01")).unwrap();
    let rel = relationship(&mut store, "Sam Rivera");
    meeting(&mut store, &rel, "2026-11-01", "Planned the job search.");
    checkin(
        &mut store,
        &rel,
        "2026-11-04",
        ContactKind::Email,
        "Asked about the salary bands",
        None,
    );
    reflection(
        &mut store,
        &rel,
        "2026-11-06",
        "The mock interview went well.",
        false,
    );
    checkin(
        &mut store,
        &rel,
        "2026-11-08",
        ContactKind::Call,
        "",
        Some(Side::Me),
    );
    meeting(
        &mut store,
        &rel,
        "2026-11-10",
        "Went through the CV and the two openings.",
    );
    reflection(
        &mut store,
        &rel,
        "2026-11-11",
        "Nervous about asking for more.",
        true,
    );
    checkin(
        &mut store,
        &rel,
        "2026-11-12",
        ContactKind::Message,
        "about the CV: Sam sent back the second draft with notes",
        Some(Side::Other),
    );
    (store, rel)
}

pub fn harness(store: Store, w: u16, h: u16) -> Harness {
    let settings = Settings {
        survey_every_days: 0,
        ..Settings::default()
    };
    Harness::with_settings(store, w, h, settings)
}
