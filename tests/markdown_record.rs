//! The readable record read back with a CommonMark parser: what someone typed never becomes a
//! heading, a list, a link, HTML, code or a quote (the structure is the same whatever the words),
//! and the words come through as text.

use std::collections::BTreeMap;

use chrono::Duration;
use mentorlog::content::Content;
use mentorlog::domain::skill::Skill;
use mentorlog::domain::{
    ActionItem, AnswerValue, Cadence, CadenceUnit, Checkin, ContactKind, Goal, Initiator, Medium,
    Meeting, Milestone, MilestoneDue, Owner, ProgressUpdate, Reflection, Relationship, Resource,
    ResourceKind, Role, Side, Survey,
};
use mentorlog::store::Store;
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag};

mod common;
#[path = "common/record_docs.rs"]
mod record_docs;

use common::cli::{agreed, now};
use record_docs::{at, folder, record, review, today};

/// How many of each structure a document has: what typed text must never add.
fn shape(md: &str, options: Options) -> BTreeMap<&'static str, usize> {
    let mut count = BTreeMap::new();
    for event in Parser::new_ext(md, options) {
        let kind = match event {
            Event::Start(Tag::Heading { .. }) => "heading",
            Event::Start(Tag::List(_)) => "list",
            Event::Start(Tag::Item) => "list item",
            Event::Start(Tag::Link { .. }) => "link",
            Event::Start(Tag::Image { .. }) => "image",
            Event::Start(Tag::CodeBlock(_)) => "code block",
            Event::Start(Tag::BlockQuote(_)) => "quote",
            Event::Start(Tag::HtmlBlock) | Event::Html(_) | Event::InlineHtml(_) => "html",
            Event::Code(_) => "code",
            Event::Start(Tag::Table(_)) => "table",
            Event::Start(Tag::TableRow) => "table row",
            Event::Start(Tag::Strikethrough) => "strikethrough",
            Event::Start(Tag::Emphasis) => "emphasis",
            Event::Start(Tag::Strong) => "strong",
            Event::Start(Tag::FootnoteDefinition(_)) | Event::FootnoteReference(_) => "footnote",
            Event::TaskListMarker(_) => "task",
            Event::Rule => "rule",
            _ => continue,
        };
        *count.entry(kind).or_insert(0) += 1;
    }
    count
}

fn extended() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

/// The document's text as a reader sees it, spaces collapsed.
fn plain_text(md: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(md) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            _ => out.push(' '),
        }
    }
    collapse(&out)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first web or e-mail address, or `$`, left unescaped in raw Markdown, which GitHub would
/// turn into a link (`https://x`, `www.x`, `me@x`) or maths on its own. mentorlog writes none
/// of these itself, so any found came from typed text.
fn unescaped_address(md: &str) -> Option<String> {
    let chars: Vec<char> = md.chars().collect();
    let escaped = |i: usize| i > 0 && chars[i - 1] == '\\';
    for i in 0..chars.len() {
        let around: String = chars[i.saturating_sub(20)..(i + 20).min(chars.len())]
            .iter()
            .collect();
        let word = |j: usize| chars.get(j).is_some_and(|c| c.is_alphanumeric());
        let found = match chars[i] {
            ':' => chars.get(i + 1..i + 3) == Some(&['/', '/']) && !escaped(i),
            '.' => {
                i >= 3
                    && chars[i - 3..i].iter().all(|c| c.eq_ignore_ascii_case(&'w'))
                    && !escaped(i)
            }
            '@' => i > 0 && word(i - 1) && word(i + 1),
            '$' => !escaped(i),
            _ => false,
        };
        if found {
            return Some(around);
        }
    }
    None
}

/// The fields a person types, one text each, in this order.
const FIELDS: [&str; 24] = [
    "my name",
    "their name",
    "focus answer",
    "signed name",
    "agenda",
    "notes",
    "outcomes",
    "meeting topic",
    "action item",
    "goal title",
    "goal why",
    "goal success",
    "milestone",
    "progress note",
    "check-in note",
    "survey reason",
    "survey note",
    "reflection",
    "reflection tag",
    "reflection alone",
    "resource title",
    "resource detail",
    "resource note",
    "skill name",
];

/// A relationship with one of everything, every text field filled from `t` (all shared).
fn typed_journal(t: &[String]) -> (Store, Relationship) {
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name(&t[0], now()).unwrap();
    let rel = agreed(&mut store, &t[1], Role::Mentee);
    store
        .save_answer(
            rel.id,
            "focus",
            &AnswerValue::Text { text: t[2].clone() },
            false,
            now(),
        )
        .unwrap();
    store
        .save_answer(
            rel.id,
            "time",
            &AnswerValue::Hours { per_month: 4 },
            false,
            now(),
        )
        .unwrap();
    // The other person's name at the start of an answer's line: "Sam reaches out, …".
    store
        .save_answer(
            rel.id,
            "contact",
            &AnswerValue::Contact {
                initiator: Some(Initiator::Them),
                cadence: Some(Cadence {
                    every: 2,
                    unit: CadenceUnit::Weeks,
                }),
            },
            false,
            now(),
        )
        .unwrap();
    store
        .sign_agreement(rel.id, Side::Other, &t[3], today(), today(), now())
        .unwrap();

    let mut goal = Goal::new(rel.id, &t[9], at(60));
    goal.why = t[10].clone();
    goal.success = t[11].clone();
    goal.baseline = Some(2);
    let mut milestone = Milestone::new(goal.id, &t[12]);
    milestone.due = Some(MilestoneDue::Week(4));
    let update = ProgressUpdate::new(goal.id, 40, &t[13], at(30));
    store
        .save_goals_batch(&[(goal.clone(), vec![milestone], vec![update])], at(60))
        .unwrap();

    let mut m = Meeting::new(rel.id, at(20), at(20));
    m.agenda = t[4].clone();
    m.notes = t[5].clone();
    m.outcomes = t[6].clone();
    m.topics = vec!["career".into(), t[7].clone()];
    m.duration_minutes = Some(45);
    m.medium = Some(Medium::Video);
    m.reached_out = Some(Side::Other);
    m.next_meeting_on = Some(today() + Duration::days(7));
    let item = ActionItem::new(rel.id, &t[8], Owner::Them, at(20));
    store
        .save_meeting_with_goals(&m, &[item], &[], &[goal.id], at(20))
        .unwrap();

    let mut c = Checkin::new(rel.id, ContactKind::Message, &t[14], at(10));
    c.reached_out = Some(Side::Me);
    store.save_checkin(&c, at(10)).unwrap();

    let statement = Content::get().statements[0].id.clone();
    store
        .save_survey(&Survey {
            id: uuid::Uuid::now_v7(),
            relationship_id: rel.id,
            at: at(9),
            reason: t[15].clone(),
            scores: vec![(statement, 4)],
            note: t[16].clone(),
        })
        .unwrap();

    let mut r = Reflection::new(&t[17], at(8));
    r.relationship_id = Some(rel.id);
    r.private = false;
    r.tags = vec![t[18].clone()];
    r.prompt_id = Content::get().prompts.first().map(|p| p.id.clone());
    store.save_reflection(&r, at(8)).unwrap();
    let mut alone = Reflection::new(&t[19], at(7));
    alone.private = false;
    store.save_reflection(&alone, at(7)).unwrap();

    let mut res = Resource::new(rel.id, ResourceKind::Book, &t[20], Side::Other, at(6));
    res.detail = t[21].clone();
    res.note = t[22].clone();
    store.save_resource(&res, at(6)).unwrap();
    let skill = Skill {
        id: uuid::Uuid::now_v7(),
        relationship_id: rel.id,
        name: t[23].clone(),
        topic: None,
        position: 0,
        private: false,
        created_at: at(6),
        updated_at: at(6),
    };
    store.save_skill(&skill, at(6)).unwrap();
    (store, rel)
}

/// Lines that mean structure in Markdown when they stand at the start of a line or inside it.
const HOSTILE: [&str; 29] = [
    "## Notes",
    "# Heading",
    "- x",
    "+ y",
    "* z",
    "1. x",
    "2) y",
    "[a](b)",
    "![img](http://x/y.png)",
    "<b>bold</b>",
    "<!-- c -->",
    "```",
    "~~~",
    "    indented code",
    "> q",
    "---",
    "===",
    "&amp; &#169;",
    "| a | b |",
    "~~gone~~",
    "*em* _em_ **strong**",
    "`code`",
    "[^1]",
    "<http://x.y>",
    "see https://e.com/a now",
    "[x](http://e.com)",
    "www.e.com",
    "write to me@e.com",
    "costs $x$ and $$y$$",
];

fn a_line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(HOSTILE.to_vec()).prop_map(str::to_string),
        1 => "[a-z]{1,8}( [a-z]{1,8}){0,3}",
    ]
}

fn a_field() -> impl Strategy<Value = String> {
    proptest::collection::vec(a_line(), 1..4).prop_map(|lines| lines.join("\n"))
}

/// The same field with every line turned into plain words: a record of the same shape.
fn plain(field: &str) -> String {
    field
        .lines()
        .map(|_| "plain words")
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_record_holds_every_part_of_a_relationship() {
    let words: Vec<String> = FIELDS.iter().map(|f| format!("the {f} here")).collect();
    let (store, _) = typed_journal(&words);
    let md = record(&store, false);
    for part in [
        "# Mentoring agreement: the my name here (mentee) and the their name here (mentor)",
        "Agreed by the signed name here on",
        "# The record: the my name here and the their name here",
        "## Agreement and reality",
        "You agreed on 4 hours a month",
        "| Month | Meetings | Time logged | Time agreed |",
        "## Meetings",
        "- Length: 45 min",
        "- Medium: video call",
        "- Topics: Career development, the meeting topic here",
        "- Reached out: the their name here",
        "- Goals worked on: the goal title here",
        "- Next meeting: 2026-11-29",
        "#### Agenda\n\nthe agenda here",
        "#### Notes\n\nthe notes here",
        "#### Outcomes\n\nthe outcomes here",
        "- [ ] the action item here (the their name here)",
        "## Goals",
        "### the goal title here",
        "- Self-rating: 2 at the start",
        "#### Why it matters\n\nthe goal why here",
        "#### Success looks like\n\nthe goal success here",
        "- [ ] the milestone here — due week 4 (2026-09-28)",
        "#### Progress log",
        ": 40% — the progress note here",
        "## Check-ins",
        " message: the check-in note here (the my name here reached out)",
        "## Pulse surveys",
        "(the survey reason here): average 4.0",
        "the survey note here",
        "## Reflections",
        "Tags: the reflection tag here",
        "Prompt: *",
        "the reflection here",
        "## Resources and introductions",
        "the resource title here",
        "## Skills",
        "the skill name here",
        "# Reflections tied to no relationship",
        "the reflection alone here",
    ] {
        assert!(md.contains(part), "{part:?} is missing from:\n{md}");
    }
    assert!(!md.contains("(them)"), "names, not (them):\n{md}");
    // The folder form has the same fuller meeting, and the reflection tied to nobody.
    let files = folder(&store, false);
    for part in [
        "# Meeting with the their name here on",
        "- Goals worked on: the goal title here",
        "## Notes\n\nthe notes here",
        "- [ ] the action item here (the their name here)",
        "the reflection alone here",
    ] {
        assert!(files.contains(part), "{part:?} is missing from:\n{files}");
    }
    // `mentorlog review` says agreement against reality, the check-ins and the reflections.
    let (md, json) = review(&store, &store.relationships().unwrap()[0], false);
    for part in [
        "## Agreement and reality",
        "## Check-ins",
        "the check-in note here",
        "## Reflections",
        "the reflection here",
        "(the their name here)",
    ] {
        assert!(md.contains(part), "{part:?} is missing from:\n{md}");
    }
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["checkins"][0]["note"], "the check-in note here");
    assert_eq!(v["reflections"][0]["tags"][0], "the reflection tag here");
    assert_eq!(v["reality"]["sentences"].as_array().unwrap().len(), 4);
    assert_eq!(v["reality"]["reached_out"]["other"], 1);
}

#[test]
fn a_heading_typed_in_the_notes_stays_text() {
    let mut words: Vec<String> = FIELDS.iter().map(|f| format!("the {f} here")).collect();
    words[5] = "## Notes\n- not a list\n[a](b) <b>x</b>".into();
    let (store, _) = typed_journal(&words);
    let md = record(&store, false);
    assert!(
        md.contains("\\#\\# Notes\\\n\\- not a list\\\n\\[a\\](b) \\<b\\>x\\</b\\>"),
        "{md}"
    );
    let headings: Vec<String> = {
        let mut inside = false;
        let mut found = Vec::new();
        for e in Parser::new(&md) {
            match e {
                Event::Start(Tag::Heading { .. }) => {
                    inside = true;
                    found.push(String::new());
                }
                Event::End(pulldown_cmark::TagEnd::Heading(_)) => inside = false,
                Event::Text(t) if inside => found.last_mut().unwrap().push_str(&t),
                _ => {}
            }
        }
        found
    };
    assert!(
        !headings.iter().any(|h| h == "## Notes"),
        "the typed line became a heading: {headings:?}"
    );
    assert!(plain_text(&md).contains("## Notes - not a list [a](b) <b>x</b>"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Hostile lines in every field: the record, the folder and the review have the same
    /// structure as with plain words, and every typed line reads as it was typed.
    #[test]
    fn typed_text_never_becomes_structure(fields in proptest::collection::vec(a_field(), 24)) {
        let (store, rel) = typed_journal(&fields);
        let calm: Vec<String> = fields.iter().map(|f| plain(f)).collect();
        let (calm_store, calm_rel) = typed_journal(&calm);
        let pairs = [
            ("record", record(&store, true), record(&calm_store, true)),
            ("folder", folder(&store, true), folder(&calm_store, true)),
            ("review", review(&store, &rel, true).0, review(&calm_store, &calm_rel, true).0),
        ];
        for (what, hostile, calm) in &pairs {
            for options in [Options::empty(), extended()] {
                prop_assert_eq!(
                    shape(hostile, options),
                    shape(calm, options),
                    "{} ({:?}):\n{}",
                    what,
                    options,
                    hostile
                );
            }
        }
        for (what, hostile, _) in &pairs {
            prop_assert_eq!(unescaped_address(hostile), None, "{}:\n{}", what, hostile);
        }
        let text = plain_text(&pairs[0].1);
        for (name, field) in FIELDS.iter().zip(&fields) {
            for line in field.lines() {
                prop_assert!(
                    text.contains(&collapse(line)),
                    "{} line {:?} does not read as typed in:\n{}",
                    name,
                    line,
                    pairs[0].1
                );
            }
        }
    }
}

#[test]
fn the_demo_record_keeps_the_paper_trail_of_its_agreement() {
    let mut store = Store::open_in_memory().unwrap();
    mentorlog::demo::fill(&mut store, common::fixed_now()).unwrap();
    let md = record(&store, false);
    let at = md.find("Earlier versions:").expect(&md);
    let trail = &md[at..md[at..].find("# The record").map_or(md.len(), |e| at + e)];
    assert!(
        trail.contains("- Version 1 of ") && trail.contains("Agreed by Ada on "),
        "{trail}"
    );
    // Each part of the record is there, in the order it is read.
    let order = [
        "# Mentoring agreement:",
        "# The record: Ada and Sam Rivera",
        "## Agreement and reality",
        "| Month | Meetings | Time logged | Time agreed |",
        "## Meetings",
        "## Goals",
        "## Check-ins",
        "## Pulse surveys",
        "## Reflections",
        "## Resources and introductions",
        "## Skills",
    ];
    let places: Vec<usize> = order.iter().map(|p| md.find(p).expect(p)).collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{md}");
}

#[test]
fn line_starts_in_every_field_stay_text() {
    // Names and titles land at the start of lines too ("Sam reaches out, …").
    let hostile: Vec<String> = FIELDS
        .iter()
        .map(|_| "1. one\n- two\n## three".to_string())
        .collect();
    let calm: Vec<String> = hostile.iter().map(|f| plain(f)).collect();
    let (store, _) = typed_journal(&hostile);
    let (calm_store, _) = typed_journal(&calm);
    for options in [Options::empty(), extended()] {
        assert_eq!(
            shape(&record(&store, true), options),
            shape(&record(&calm_store, true), options),
            "{}",
            record(&store, true)
        );
    }
}

#[test]
fn an_address_typed_in_every_field_is_no_link_anywhere() {
    let typed = "see https://e.com/a, www.e.com or me@e.com for $5; [x](http://e.com)";
    let fields: Vec<String> = FIELDS.iter().map(|_| typed.to_string()).collect();
    let (store, rel) = typed_journal(&fields);
    for (what, md) in [
        ("record", record(&store, true)),
        ("folder", folder(&store, true)),
        ("review", review(&store, &rel, true).0),
    ] {
        assert_eq!(unescaped_address(&md), None, "{what}:\n{md}");
        // Read as text, the address is as typed.
        assert!(
            plain_text(&md).contains(typed),
            "{what} does not read as typed:\n{md}"
        );
        for options in [Options::empty(), extended()] {
            assert!(
                !Parser::new_ext(&md, options).any(|e| matches!(e, Event::Start(Tag::Link { .. }))),
                "{what}:\n{md}"
            );
        }
    }
}

#[test]
fn names_at_the_start_of_a_line_make_no_list_or_heading() {
    // Names, action items, milestones and goal titles that look like list starts; the other
    // person's name begins "Sam can give …" and "Sam reaches out, …".
    let words = |me: &str, other: &str, title: &str| -> Vec<String> {
        let mut w: Vec<String> = FIELDS.iter().map(|f| format!("the {f} here")).collect();
        w[0] = me.into();
        w[1] = other.into();
        w[3] = other.into();
        w[8] = title.into();
        w[9] = title.into();
        w[12] = title.into();
        w
    };
    // A pulse whose statement is not known (from another journal) shows its id, first in a
    // list item.
    let with_survey = |t: &[String]| {
        let (mut store, rel) = typed_journal(t);
        store
            .save_survey(&Survey {
                id: uuid::Uuid::now_v7(),
                relationship_id: rel.id,
                at: at(5),
                reason: String::new(),
                scores: vec![(t[9].clone(), 3)],
                note: String::new(),
            })
            .unwrap();
        (store, rel)
    };
    let (calm_store, calm_rel) = with_survey(&words("Ana", "Sam", "plain"));
    for (me, other, title) in [
        ("1. Ana", "- Sam", "+ X"),
        ("+ X", "# Y", "1. Ana"),
        ("- Sam", "1) Ana", "- Sam"),
    ] {
        let (store, rel) = with_survey(&words(me, other, title));
        // After a task box the text begins the item too: some GFM readers would nest a list.
        let md = record(&store, true);
        // The action item and the milestone.
        let item = format!("- [ ] {} ", mentorlog::text::markdown::line_start(title));
        assert_eq!(md.matches(&item).count(), 2, "{item:?} in:\n{md}");
        let review_md = review(&store, &rel, true).0;
        assert!(
            review_md.contains(&format!("  {}", item.trim_end())),
            "{review_md}"
        );
        let pairs = [
            ("record", record(&store, true), record(&calm_store, true)),
            ("folder", folder(&store, true), folder(&calm_store, true)),
            (
                "review",
                review(&store, &rel, true).0,
                review(&calm_store, &calm_rel, true).0,
            ),
        ];
        for (what, hostile, calm) in &pairs {
            for options in [Options::empty(), extended()] {
                assert_eq!(
                    shape(hostile, options),
                    shape(calm, options),
                    "{what} with {me}, {other}, {title}:\n{hostile}"
                );
            }
        }
    }
}
