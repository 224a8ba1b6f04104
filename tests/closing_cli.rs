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
