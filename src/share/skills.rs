//! The skills part of the pair review as Markdown and JSON: each skill's ratings and its
//! before and after. Private skills are here only when the review was read with them.

use crate::domain::skill::SkillPoint;
use crate::review::ReviewData;
use crate::text::sanitize_line;

/// "## Skills" with one line a skill, or nothing when there are none.
pub(super) fn skills_markdown(d: &ReviewData) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    if d.skills.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\n## Skills\n");
    let _ = writeln!(out, "Rated from 1 (new to me) to 5 (at ease).\n");
    for s in &d.skills {
        let rated: Vec<String> = SkillPoint::ALL
            .into_iter()
            .filter_map(|p| s.at(p).map(|r| format!("{} {}", p.label(), r.rating)))
            .collect();
        let rated = if rated.is_empty() {
            "not rated yet".to_string()
        } else {
            format!("{}; {}", rated.join(", "), s.before_after())
        };
        let _ = writeln!(
            out,
            "- **{}**{}: {rated}",
            super::review::escape_inline(&sanitize_line(&s.skill.name)),
            if s.skill.private { " (private)" } else { "" }
        );
    }
    out
}

/// The skills as JSON values.
pub(super) fn skills_json(d: &ReviewData) -> Vec<serde_json::Value> {
    d.skills
        .iter()
        .map(|s| {
            let ratings: serde_json::Map<String, serde_json::Value> = s
                .ratings
                .iter()
                .map(|r| {
                    (
                        r.point.id().to_string(),
                        serde_json::json!({ "rating": r.rating, "rated_on": r.rated_on }),
                    )
                })
                .collect();
            serde_json::json!({
                "id": s.skill.id,
                "name": s.skill.name,
                "topic": s.skill.topic,
                "private": s.skill.private,
                "ratings": ratings,
            })
        })
        .collect()
}
