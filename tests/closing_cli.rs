//! `mentorlog summary`: the closing summary as Markdown, from the real binary.

mod common;

use common::cli::{Env, agreed, now, stderr, stdout};
use mentorlog::domain::{LifeKind, Reflection, Role};
use mentorlog::store::Store;

/// Ada and Sam, closed on the 22nd with a reason, with a shared and a private closing word.
fn closed(env: &Env) {
    let mut store = Store::open(&env.db()).unwrap();
    store.save_profile_name("Ada", now()).unwrap();
    let rel = agreed(&mut store, "Sam Rivera", Role::Mentee);
    store
        .record_life_event(
            rel.id,
            LifeKind::Closed,
            now().date_naive(),
            "PRIVATE-REASON",
            now(),
        )
        .unwrap();
    for (prompt, body, private) in [
        (
            "closing_next",
            "# Not a heading\n[a link](http://example.com)",
            false,
        ),
        ("thanks", "PRIVATE-THANKS", true),
    ] {
        let mut r = Reflection::new(body, now());
        r.relationship_id = Some(rel.id);
        r.prompt_id = Some(prompt.into());
        r.private = private;
        store.save_reflection(&r, now()).unwrap();
    }
}

#[test]
fn the_summary_is_shared_words_only_with_typed_text_escaped() {
    let env = Env::new();
    closed(&env);
    let a = env.run(&["summary", "--with", "Sam"]).success();
    let out = stdout(&a);
    assert!(
        out.starts_with("# Closing summary: Ada and Sam Rivera\n"),
        "{out}"
    );
    assert!(out.contains("## What happened"), "{out}");
    assert!(!out.contains("PRIVATE"), "{out}");
    assert!(out.contains("1 private part left out"), "{out}");
    assert!(out.contains("\\# Not a heading"), "{out}");
    // A CommonMark reader finds no link in it: the typed one stayed text.
    assert!(
        !pulldown_cmark::Parser::new(&out).any(|e| matches!(
            e,
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { .. })
        )),
        "{out}"
    );
    assert!(out.contains("without blame"), "the no-fault line: {out}");
    // Nor would a viewer that links addresses by itself (GitHub): the address is escaped.
    assert!(
        out.contains("(http\\://example.com)") && !out.contains("http://"),
        "{out}"
    );

    let a = env
        .run(&["summary", "--with", "Sam", "--include-private"])
        .success();
    let out = stdout(&a);
    assert!(out.contains("PRIVATE-THANKS"), "{out}");
    assert!(out.contains("PRIVATE-REASON"), "{out}");
}

#[test]
fn an_open_relationship_has_no_summary_yet_and_says_what_to_do() {
    let env = Env::new();
    let mut store = Store::open(&env.db()).unwrap();
    store.save_profile_name("Ada", now()).unwrap();
    agreed(&mut store, "Sam Rivera", Role::Mentee);
    drop(store);
    let a = env.run(&["summary", "--with", "Sam"]).code(2);
    let err = stderr(&a);
    assert!(err.contains("is not closed"), "{err}");
    assert!(err.contains("mentorlog close --with"), "{err}");
    assert!(stdout(&a).is_empty());

    let a = env.run(&["summary", "--with", "Nobody"]).code(2);
    assert!(!stderr(&a).is_empty());
}

/// How many headings and list items a Markdown document has.
fn structure(md: &str) -> (usize, usize) {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut headings = 0;
    let mut items = 0;
    for e in Parser::new(md) {
        match e {
            Event::Start(Tag::Heading { .. }) => headings += 1,
            Event::Start(Tag::Item) => items += 1,
            _ => {}
        }
    }
    (headings, items)
}

/// The shared summary of a closed relationship between `me` and `other`, where only the other
/// person's time was agreed (so a sentence begins with their name).
fn summary_between(me: &str, other: &str) -> String {
    use mentorlog::domain::AnswerValue;
    use mentorlog::domain::MonthlyHours;
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name(me, now()).unwrap();
    let rel = agreed(&mut store, other, Role::Mentee);
    store
        .save_answer(
            rel.id,
            "time",
            &AnswerValue::TimeEach {
                mine: None,
                theirs: Some(MonthlyHours {
                    hours: 2,
                    about: false,
                }),
            },
            false,
            now(),
        )
        .unwrap();
    store
        .record_life_event(rel.id, LifeKind::Closed, now().date_naive(), "", now())
        .unwrap();
    let content = mentorlog::content::Content::get();
    let s =
        mentorlog::share::ClosingSummary::load(&store, rel.id, now().date_naive(), false, content)
            .unwrap()
            .unwrap();
    mentorlog::share::summary_markdown(&s, content, now().date_naive())
}

#[test]
fn names_at_the_start_of_a_line_make_no_list_or_heading() {
    let calm = structure(&summary_between("Ana", "Sam"));
    for (me, other) in [("1. Ana", "- Sam"), ("+ X", "# Y"), ("- Sam", "1. Ana")] {
        let md = summary_between(me, other);
        assert_eq!(structure(&md), calm, "{me} and {other}:\n{md}");
    }
    let md = summary_between("1. Ana", "- Sam");
    assert!(md.contains("\n1\\. Ana (mentee) with"), "{md}");
    assert!(md.contains("- \\- Sam can give 2 hours a month"), "{md}");
}
