//! The whole journal as Markdown: one document, or one file per entry in a folder.

use super::{markdown, review_markdown};
use crate::content::Content;
use crate::domain::Relationship;
use crate::text::{sanitize, sanitize_line};

/// The journal as Markdown, written as it is read: for each relationship its agreement, the
/// review (goals, meetings, actions, pulse) and the reflections, since a day if given. With
/// `folder`, one file per meeting and reflection (and one per agreement) goes into it instead.
pub fn journal_markdown(
    store: &crate::store::Store,
    rels: &[Relationship],
    since: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
    include_private: bool,
    out: &mut dyn std::io::Write,
    folder: Option<&std::path::Path>,
) -> crate::error::Result<usize> {
    use std::io::Write as _;
    let io = |e: std::io::Error| crate::error::Error::io("cannot write the export", e);
    let content = Content::get();
    let me = store.profile_name()?.unwrap_or_default();
    let mut files = 0;
    let write_file = |name: String, text: &str| -> crate::error::Result<()> {
        let Some(dir) = folder else {
            return Ok(());
        };
        let path = dir.join(name);
        let mut f =
            crate::store::create_new_file(&path, "give --out an empty folder (or a new one)")?;
        f.write_all(text.as_bytes()).map_err(io)
    };
    let slug = |s: &str| -> String {
        let s: String = s
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        s.split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-")
    };
    for rel in rels {
        let agreement = store.agreement(rel.id)?;
        let history = store.agreement_history(rel.id)?;
        let text = markdown(&me, rel, &agreement, &history, content, include_private);
        if folder.is_some() {
            write_file(format!("agreement-{}.md", slug(rel.display_name())), &text)?;
            files += 1;
        } else {
            out.write_all(text.as_bytes()).map_err(io)?;
            out.write_all(b"\n").map_err(io)?;
            if let Some(data) = crate::review::ReviewData::load(
                store,
                rel.id,
                crate::review::Period::SinceStart,
                since,
                today,
                include_private,
            )? {
                out.write_all(review_markdown(&data, content).as_bytes())
                    .map_err(io)?;
            }
        }
        let from = since
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc());
        for kind in [
            crate::store::EntryKind::Meeting,
            crate::store::EntryKind::Reflection,
        ] {
            if folder.is_none() && kind == crate::store::EntryKind::Meeting {
                continue; // the review above has the meetings
            }
            let filter = crate::store::TimelineFilter {
                relationship: Some(rel.id),
                kind: Some(kind),
                include_private,
                from,
                ..crate::store::TimelineFilter::default()
            };
            let mut after = None;
            let mut first = true;
            loop {
                let page = store.timeline_page(&filter, after, 500)?;
                if page.is_empty() {
                    break;
                }
                after = page.last().map(|e| e.cursor());
                for e in page {
                    let at = e.at.with_timezone(&chrono::Local);
                    let short = &e.id.simple().to_string()[24..];
                    let (name, text) = match kind {
                        crate::store::EntryKind::Meeting => {
                            // An entry that cannot be read is left out (and counted).
                            let Some(m) = crate::store::unless_bad(store.meeting(e.id))? else {
                                continue;
                            };
                            let items = store.meeting_action_items(m.id)?;
                            let mut t = format!(
                                "# Meeting with {} on {}{}\n\n",
                                sanitize_line(rel.display_name()),
                                at.format("%Y-%m-%d %H:%M"),
                                if m.private { " (private)" } else { "" }
                            );
                            for (label, body) in [
                                ("Agenda", &m.agenda),
                                ("Notes", &m.notes),
                                ("Outcomes", &m.outcomes),
                            ] {
                                if !body.trim().is_empty() {
                                    t.push_str(&format!(
                                        "## {label}\n\n{}\n\n",
                                        sanitize(body.trim())
                                    ));
                                }
                            }
                            for i in &items {
                                t.push_str(&format!(
                                    "- [{}] {} ({})\n",
                                    if i.done_at.is_some() { "x" } else { " " },
                                    sanitize_line(&i.text),
                                    i.owner.id()
                                ));
                            }
                            (
                                format!("{}-meeting-{short}.md", at.format("%Y-%m-%d-%H%M")),
                                t,
                            )
                        }
                        crate::store::EntryKind::Reflection => {
                            let Some(r) = crate::store::unless_bad(store.reflection(e.id))? else {
                                continue;
                            };
                            let t = format!(
                                "{} {}{}\n\n{}\n",
                                if folder.is_some() { "#" } else { "###" },
                                at.format("%Y-%m-%d %H:%M"),
                                if r.private { " (private)" } else { "" },
                                sanitize(r.body.trim())
                            );
                            (
                                format!("{}-reflection-{short}.md", at.format("%Y-%m-%d-%H%M")),
                                t,
                            )
                        }
                    };
                    if folder.is_some() {
                        write_file(name, &text)?;
                        files += 1;
                    } else {
                        if first {
                            out.write_all(b"\n## Reflections\n\n").map_err(io)?;
                            first = false;
                        }
                        out.write_all(text.as_bytes()).map_err(io)?;
                        out.write_all(b"\n").map_err(io)?;
                    }
                }
            }
        }
        if folder.is_none() {
            out.write_all(b"\n---\n\n").map_err(io)?;
        }
    }
    out.flush().map_err(io)?;
    Ok(files)
}
