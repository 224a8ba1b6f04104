//! The whole journal as Markdown: one readable record, or one file per entry in a folder.

use super::markdown;
use super::record::{relationship_record, unattached_markdown};
use super::record_parts::{GoalLinks, Names, day_time, meeting_markdown, reflection_markdown};
use crate::content::Content;
use crate::domain::Relationship;
use crate::text::markdown::inline;

/// The journal as Markdown, written as it is read: for each relationship its agreement and its
/// record (agreement and reality, meetings, goals, check-ins, pulse surveys, reflections,
/// resources, skills), then the reflections tied to no relationship; since a day if given.
/// With `folder`, one file per agreement, meeting and reflection goes into it instead.
pub fn journal_markdown(
    store: &crate::store::Store,
    rels: &[Relationship],
    since: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
    include_private: bool,
    out: &mut dyn std::io::Write,
    folder: Option<&std::path::Path>,
) -> crate::error::Result<usize> {
    let written = relationships_markdown(store, rels, since, today, include_private, out, folder)?;
    unattached(store, since, include_private, out, folder, written)
}

/// The records of `rels` alone, as [`journal_markdown`] writes them, without the reflections
/// tied to no relationship (an export narrowed to one person).
pub fn relationships_markdown(
    store: &crate::store::Store,
    rels: &[Relationship],
    since: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
    include_private: bool,
    out: &mut dyn std::io::Write,
    folder: Option<&std::path::Path>,
) -> crate::error::Result<usize> {
    let io = |e: std::io::Error| crate::error::Error::io("cannot write the export", e);
    let content = Content::get();
    let me = store.profile_name()?.unwrap_or_default();
    let mut files = Written(0);
    for rel in rels {
        let agreement = store.agreement(rel.id)?;
        let history = store.agreement_history(rel.id)?;
        let text = markdown(&me, rel, &agreement, &history, content, include_private);
        let Some(dir) = folder else {
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
                let record = relationship_record(store, &data, content)?;
                out.write_all(record.as_bytes()).map_err(io)?;
            }
            out.write_all(b"\n---\n\n").map_err(io)?;
            continue;
        };
        files.write(dir, agreement_name(rel), &text)?;
        entry_files(
            store,
            rel,
            &me,
            since,
            today,
            include_private,
            dir,
            &mut files,
        )?;
    }
    out.flush().map_err(io)?;
    Ok(files.0)
}

/// The reflections tied to no relationship: a section of the document, or a file each.
fn unattached(
    store: &crate::store::Store,
    since: Option<chrono::NaiveDate>,
    include_private: bool,
    out: &mut dyn std::io::Write,
    folder: Option<&std::path::Path>,
    written: usize,
) -> crate::error::Result<usize> {
    let io = |e: std::io::Error| crate::error::Error::io("cannot write the export", e);
    let content = Content::get();
    let Some(dir) = folder else {
        let alone = unattached_markdown(store, since, include_private, content)?;
        out.write_all(alone.as_bytes()).map_err(io)?;
        out.flush().map_err(io)?;
        return Ok(written);
    };
    let from = since.map(crate::review::local_midnight);
    let mut files = Written(written);
    for r in store.unattached_reflections(from, include_private)? {
        let mut t = String::new();
        reflection_markdown(&mut t, 1, &r, None, content);
        files.write(dir, reflection_name(&r), &t)?;
    }
    Ok(files.0)
}

/// One file per meeting and reflection of `rel` into `dir`, counted in `files`.
#[allow(clippy::too_many_arguments)]
fn entry_files(
    store: &crate::store::Store,
    rel: &Relationship,
    me: &str,
    since: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
    include_private: bool,
    dir: &std::path::Path,
    files: &mut Written,
) -> crate::error::Result<()> {
    let content = Content::get();
    let Some(data) = crate::review::ReviewData::load(
        store,
        rel.id,
        crate::review::Period::SinceStart,
        since,
        today,
        include_private,
    )?
    else {
        return Ok(());
    };
    let names = Names::new(me, rel.display_name());
    let links = GoalLinks::read(store, &data.goals)?;
    for (m, items) in &data.meetings {
        let title = format!(
            "Meeting with {} on {}",
            inline(rel.display_name()),
            day_time(m.held_at)
        );
        let goals = links.titles.get(&m.id).map_or(&[][..], Vec::as_slice);
        let mut t = String::new();
        meeting_markdown(&mut t, 1, &title, m, items, goals, &names);
        let at = m.held_at.with_timezone(&chrono::Local);
        let short = &m.id.simple().to_string()[24..];
        files.write(
            dir,
            format!("{}-meeting-{short}.md", at.format("%Y-%m-%d-%H%M")),
            &t,
        )?;
    }
    for r in &data.reflections {
        let mut t = String::new();
        reflection_markdown(&mut t, 1, r, rel.my_role, content);
        files.write(dir, reflection_name(r), &t)?;
    }
    Ok(())
}

fn reflection_name(r: &crate::domain::Reflection) -> String {
    let at = r.written_at.with_timezone(&chrono::Local);
    let short = &r.id.simple().to_string()[24..];
    format!("{}-reflection-{short}.md", at.format("%Y-%m-%d-%H%M"))
}

/// How many files of the export are in the folder so far.
struct Written(usize);

impl Written {
    /// A new file in the export folder; one that is there already is never replaced.
    fn write(
        &mut self,
        dir: &std::path::Path,
        name: String,
        text: &str,
    ) -> crate::error::Result<()> {
        use std::io::Write as _;
        let path = dir.join(name);
        let mut f =
            crate::store::create_new_file(&path, "give --out an empty folder (or a new one)")
                .map_err(|e| self.stopped(e))?;
        f.write_all(text.as_bytes())
            .map_err(|e| crate::error::Error::io("cannot write the export", e))?;
        self.0 += 1;
        Ok(())
    }

    /// A refused file after others were written: the message must not say nothing was.
    fn stopped(&self, e: crate::error::Error) -> crate::error::Error {
        match e {
            crate::error::Error::Usage(m) if self.0 > 0 => crate::error::Error::Usage(m.replace(
                "Nothing was written",
                &format!(
                    "The export stopped there, after {} into the folder",
                    crate::words::count(self.0, "file was written", "files were written")
                ),
            )),
            e => e,
        }
    }
}

/// "agreement-sam-rivera-1a2b3c4d.md": the name, and the end of the relationship's id, since
/// two relationships can have the same name (a closed one and a new one with the same person).
fn agreement_name(rel: &Relationship) -> String {
    let short = &rel.id.simple().to_string()[24..];
    format!("agreement-{}-{short}.md", slug(rel.display_name()))
}

/// A name as a file name: lower case, letters and digits joined by '-'; "someone" when the
/// name has neither.
fn slug(s: &str) -> String {
    let s: String = s
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() {
        "someone".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_without_letters_still_names_a_file() {
        assert_eq!(slug("Sam Rivera"), "sam-rivera");
        assert_eq!(slug("?!"), "someone");
        assert_eq!(slug(""), "someone");
    }
}
