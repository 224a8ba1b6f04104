//! The readable record of a relationship: after its agreement, the agreement beside what
//! happened, every meeting in full, the goals, check-ins, pulse surveys, reflections, resources
//! and skills. Shared entries only unless private ones are asked for; then they are marked.

use std::fmt::Write as _;

use super::record_parts::{
    GoalLinks, Names, checkins_markdown, goal_markdown, meeting_markdown, private_updates,
    reality_markdown, reflection_markdown, survey_markdown,
};
use crate::content::Content;
use crate::review::ReviewData;
use crate::store::Store;

/// The record of the relationship `d` was read for, from "# The record" to its skills.
pub(crate) fn relationship_record(
    store: &Store,
    d: &ReviewData,
    content: &Content,
) -> crate::error::Result<String> {
    let rel = &d.relationship;
    let names = Names::new(&d.me, rel.display_name());
    let role = rel.my_role;
    let mut out = String::new();
    let _ = writeln!(out, "# The record: {} and {}\n", names.me, names.other);
    let from = d.from.map_or("the start".to_string(), |f| f.to_string());
    let _ = writeln!(out, "From {from} to {}.", d.to);
    if d.include_private {
        let _ = writeln!(
            out,
            "This copy includes private entries; each is marked (private).\n"
        );
    } else {
        let _ = writeln!(
            out,
            "Shared entries only: {} of the period left out.\n",
            crate::words::count(d.hidden_private, "private entry", "private entries")
        );
    }
    reality_markdown(&mut out, &d.reality, rel.display_name());

    let links = GoalLinks::read(store, &d.goals)?;
    let _ = writeln!(out, "## Meetings\n");
    if d.meetings.is_empty() {
        let _ = writeln!(out, "No meetings in this period.\n");
    }
    for (m, items) in &d.meetings {
        let title = super::record_parts::day_time(m.held_at);
        let goals = links.titles.get(&m.id).map_or(&[][..], Vec::as_slice);
        meeting_markdown(&mut out, 3, &title, m, items, goals, &names);
    }

    let _ = writeln!(out, "## Goals\n");
    if d.goals.is_empty() {
        let _ = writeln!(out, "No goals yet.\n");
    }
    let hidden_updates = private_updates(store, &d.goals)?;
    for g in &d.goals {
        let held = links
            .meetings
            .get(&g.summary.goal.id)
            .map_or(&[][..], Vec::as_slice);
        goal_markdown(
            &mut out,
            3,
            g,
            rel.agreed_on,
            held,
            &hidden_updates,
            d.include_private,
        );
    }

    checkins_markdown(&mut out, &d.checkins, &names);

    let _ = writeln!(out, "## Pulse surveys\n");
    if d.surveys.is_empty() {
        let _ = writeln!(out, "No pulse surveys in this period.\n");
    }
    for s in &d.surveys {
        survey_markdown(&mut out, 3, s, role, content);
    }

    let _ = writeln!(out, "## Reflections\n");
    if d.reflections.is_empty() {
        let _ = writeln!(out, "No shared reflections in this period.\n");
    }
    for r in &d.reflections {
        reflection_markdown(&mut out, 3, r, role, content);
    }

    super::review::resources_markdown(&mut out, d);
    out.push_str(&super::skills::skills_markdown(d));
    Ok(out)
}

/// "# Reflections tied to no relationship": written alone or brought in from another journal,
/// since `since` if given; nothing when there are none.
pub(crate) fn unattached_markdown(
    store: &Store,
    since: Option<chrono::NaiveDate>,
    include_private: bool,
    content: &Content,
) -> crate::error::Result<String> {
    let from = since.map(crate::review::local_midnight);
    let reflections = store.unattached_reflections(from, include_private)?;
    let mut out = String::new();
    if reflections.is_empty() {
        return Ok(out);
    }
    let _ = writeln!(out, "# Reflections tied to no relationship\n");
    for r in &reflections {
        reflection_markdown(&mut out, 2, r, None, content);
    }
    Ok(out)
}
