//! Exports from the shell: a private file, Markdown with and without private entries, one
//! file per entry, import back, and the paths a person typed that cannot be written.

use std::fs;

use mentorlog::store::Store;

mod common;

use common::cli::*;

#[test]
fn export_to_a_private_file_markdown_privacy_and_import_from_the_shell() {
    use mentorlog::domain::Reflection;
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let sam = journal_with_sam(&env);
    let mut store = Store::open(&env.db()).unwrap();
    let mut secret = Reflection::new("PRIVATE-THOUGHT about the offer", now());
    secret.relationship_id = Some(sam.id);
    store.save_reflection(&secret, now()).unwrap();
    let mut open = Reflection::new("Shared thought about goals", now());
    open.relationship_id = Some(sam.id);
    open.private = false;
    store.save_reflection(&open, now()).unwrap();
    drop(store);

    let file = env.path("export.json");
    let e = env
        .run(&["export", "--out", file.to_str().unwrap()])
        .success();
    assert!(stderr(&e).contains("Exported"), "{}", stderr(&e));
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let before = std::fs::read(&file).unwrap();
    // A file that is there already is a mistake to fix, not a failure: exit code 2, and
    // the message says what to do.
    let again = env
        .run(&["export", "--out", file.to_str().unwrap()])
        .code(2);
    let err = stderr(&again);
    assert!(
        err.contains("already exists")
            && err.contains("never overwrites")
            && err.contains("no --force")
            && err.contains("give --out another name")
            && err.contains("remove that file"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the old export is untouched"
    );
    let nowhere = env.path("no-such-folder").join("export.json");
    let lost = env
        .run(&["export", "--out", nowhere.to_str().unwrap()])
        .code(2);
    assert!(
        stderr(&lost).contains("its folder does not exist"),
        "{}",
        stderr(&lost)
    );
    let refused = env.run(&["export", "--with", "Sam"]).failure().code(2);
    assert!(stderr(&refused).contains("always the whole journal"));

    let md = env.run(&["export", "--format", "markdown"]).success();
    let text = stdout(&md);
    assert!(
        text.contains("Shared thought about goals") && !text.contains("PRIVATE-THOUGHT"),
        "{text}"
    );
    assert!(!text.contains("SECRET-HOPE"));
    let all = env
        .run(&["export", "--format", "markdown", "--include-private"])
        .success();
    assert!(stdout(&all).contains("PRIVATE-THOUGHT") && stdout(&all).contains("SECRET-HOPE"));

    // Into a fresh journal: a dry run first, then for real, then again (nothing changes).
    let other = Env::new();
    Store::open(&other.db()).unwrap();
    let dry = other
        .run(&["import", "--dry-run", file.to_str().unwrap()])
        .success();
    assert!(
        stdout(&dry).starts_with("Would be added: "),
        "{}",
        stdout(&dry)
    );
    let real = other.run(&["import", file.to_str().unwrap()]).success();
    assert!(stdout(&real).contains("2 reflection"), "{}", stdout(&real));
    let twice = other.run(&["import", file.to_str().unwrap()]).success();
    assert!(
        stdout(&twice).contains("Added: nothing; updated: nothing"),
        "{}",
        stdout(&twice)
    );
    let missing = other
        .run(&["import", "/no/such/file.json"])
        .failure()
        .code(2);
    assert!(stderr(&missing).contains("nothing was written"));
}

#[test]
fn markdown_export_into_a_folder_one_file_per_entry() {
    use mentorlog::domain::{Meeting, Reflection};
    let env = Env::new();
    let sam = journal_with_sam(&env);
    let mut store = Store::open(&env.db()).unwrap();
    let mut m = Meeting::new(sam.id, now(), now());
    m.notes = "Talked about the plan".into();
    store.save_meeting(&m, &[], now()).unwrap();
    let mut secret = Reflection::new("PRIVATE-THOUGHT", now());
    secret.relationship_id = Some(sam.id);
    store.save_reflection(&secret, now()).unwrap();
    drop(store);
    let dir = env.path("md");
    std::fs::create_dir(&dir).unwrap();
    let out = env
        .run(&[
            "export",
            "--format",
            "markdown",
            "--out",
            dir.to_str().unwrap(),
        ])
        .success();
    assert!(stderr(&out).contains("Wrote 2 files"), "{}", stderr(&out));
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("agreement-sam-rivera-") && n.len() == 32),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n.contains("-meeting-")), "{names:?}");
    let everything = env.path("all");
    std::fs::create_dir(&everything).unwrap();
    env.run(&[
        "export",
        "--format",
        "markdown",
        "--include-private",
        "--out",
        everything.to_str().unwrap(),
    ])
    .success();
    assert_eq!(
        std::fs::read_dir(&everything).unwrap().count(),
        3,
        "the private reflection too"
    );
    let json_dir = env
        .run(&["export", "--out", dir.to_str().unwrap()])
        .failure()
        .code(2);
    assert!(stderr(&json_dir).contains("not a folder"));
    // The same folder again: its files are there, so nothing is replaced (exit code 2).
    let twice = env
        .run(&[
            "export",
            "--format",
            "markdown",
            "--include-private",
            "--out",
            everything.to_str().unwrap(),
        ])
        .code(2);
    assert!(
        stderr(&twice).contains("already exists") && stderr(&twice).contains("empty folder"),
        "{}",
        stderr(&twice)
    );
    assert!(stderr(&twice).contains("Nothing was written"));
    // With the agreement's file gone, it is written again before the meeting's stops the
    // export: the message says so, not that nothing was written.
    let agreement = std::fs::read_dir(&everything)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("agreement-")
        })
        .unwrap();
    std::fs::remove_file(&agreement).unwrap();
    let part = env
        .run(&[
            "export",
            "--format",
            "markdown",
            "--include-private",
            "--out",
            everything.to_str().unwrap(),
        ])
        .code(2);
    let err = stderr(&part);
    assert!(
        err.contains("already exists")
            && err.contains("stopped there, after 1 file was written into the folder")
            && !err.contains("Nothing was written"),
        "{err}"
    );
    assert!(agreement.exists());
}

#[test]
fn paths_that_cannot_be_written_are_mistakes_to_fix() {
    let env = Env::new();
    journal_with_sam(&env);
    let dest = env.path("no-such-folder").join("copy.db");
    let e = env.run(&["backup", dest.to_str().unwrap()]).code(2);
    let err = stderr(&e);
    assert!(
        err.contains("does not exist") && err.contains("create the folder first"),
        "{err}"
    );
    // A folder where a journal file is meant: for --db, and for the backup to restore.
    let folder = env.path("");
    let e = env
        .cmd()
        .arg("--db")
        .arg(&folder)
        .arg("agreement")
        .assert()
        .code(2);
    assert!(
        stderr(&e).contains("is a folder, not a journal file"),
        "{}",
        stderr(&e)
    );
    let e = env.run(&["restore", folder.to_str().unwrap()]).code(2);
    assert!(
        stderr(&e).contains("is a folder, not a journal file"),
        "{}",
        stderr(&e)
    );
    let notes = env.path("notes.txt");
    fs::write(&notes, "just some notes").unwrap();
    let e = env.run(&["import", notes.to_str().unwrap()]).code(2);
    let err = stderr(&e);
    assert!(
        err.contains("another kind of file? Nothing was written."),
        "one mark at the end of a question: {err}"
    );
}

#[test]
fn the_record_covers_every_kind_in_its_period_and_reflections_tied_to_nobody() {
    use mentorlog::domain::{Checkin, ContactKind, Meeting, Reflection, Survey};
    let env = Env::new();
    let sam = journal_with_sam(&env);
    let mut store = Store::open(&env.db()).unwrap();
    let statement = mentorlog::content::Content::get().statements[0].id.clone();
    for (when, word) in [
        ("2026-09-01T10:00:00Z", "OLD"),
        ("2026-11-10T10:00:00Z", "NEW"),
    ] {
        let at: chrono::DateTime<chrono::Utc> = when.parse().unwrap();
        let mut m = Meeting::new(sam.id, at, at);
        m.notes = format!("{word}-MEETING");
        store.save_meeting(&m, &[], at).unwrap();
        let c = Checkin::new(sam.id, ContactKind::Call, &format!("{word}-CALL"), at);
        store.save_checkin(&c, at).unwrap();
        store
            .save_survey(&Survey {
                id: uuid::Uuid::now_v7(),
                relationship_id: sam.id,
                at,
                reason: "monthly".into(),
                scores: vec![(statement.clone(), 3)],
                note: format!("{word}-PULSE"),
            })
            .unwrap();
        let mut r = Reflection::new(&format!("{word}-SHARED-THOUGHT"), at);
        r.relationship_id = Some(sam.id);
        r.private = false;
        store.save_reflection(&r, at).unwrap();
        // As jrnl and tui-journal imports arrive: tied to no relationship.
        let mut alone = Reflection::new(&format!("{word}-ALONE"), at);
        alone.private = false;
        store.save_reflection(&alone, at).unwrap();
    }
    drop(store);
    let run = |args: &[&str]| {
        let a = env
            .cmd()
            .env("MENTORLOG_NOW", "2026-11-22T10:00:00+00:00")
            .arg("--db")
            .arg(env.db())
            .args(args)
            .assert()
            .success();
        stdout(&a)
    };
    let kinds = ["MEETING", "CALL", "PULSE", "SHARED-THOUGHT", "ALONE"];
    let all = run(&["export", "--format", "markdown"]);
    for kind in kinds {
        assert!(
            all.contains(&format!("OLD-{kind}")) && all.contains(&format!("NEW-{kind}")),
            "{kind}:\n{all}"
        );
    }
    assert!(
        all.contains("# Reflections tied to no relationship"),
        "{all}"
    );
    let sam_only = run(&["export", "--format", "markdown", "--with", "Sam"]);
    assert!(
        sam_only.contains("NEW-MEETING") && !sam_only.contains("NEW-ALONE"),
        "one person's export is theirs alone:\n{sam_only}"
    );
    let recent = run(&["export", "--format", "markdown", "--since", "2026-11-01"]);
    for kind in kinds {
        assert!(
            !recent.contains(&format!("OLD-{kind}")) && recent.contains(&format!("NEW-{kind}")),
            "--since treats {kind} like the rest:\n{recent}"
        );
    }

    let dir = env.path("md");
    std::fs::create_dir(&dir).unwrap();
    run(&[
        "export",
        "--format",
        "markdown",
        "--since",
        "2026-11-01",
        "--out",
        dir.to_str().unwrap(),
    ]);
    let files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(files.iter().any(|f| f.contains("NEW-ALONE")), "{files:?}");
    assert!(files.iter().any(|f| f.contains("NEW-MEETING")), "{files:?}");
    assert!(!files.iter().any(|f| f.contains("OLD-")), "{files:?}");

    // `mentorlog review` has agreement against reality, the check-ins and the reflections.
    let json = run(&["review", "--format", "json", "--since", "2026-11-01"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["checkins"][0]["note"], "NEW-CALL", "{json}");
    assert_eq!(v["checkins"].as_array().unwrap().len(), 1);
    assert_eq!(v["reflections"][0]["body"], "NEW-SHARED-THOUGHT");
    assert_eq!(v["reality"]["meetings"], 2);
    let md = run(&["review", "--since", "2026-11-01"]);
    assert!(
        md.contains("## Agreement and reality") && md.contains("NEW-CALL"),
        "{md}"
    );
    assert!(
        md.contains("You agreed on 4 hours a month"),
        "the agreed time beside the time logged: {md}"
    );
}

#[test]
fn a_folder_export_names_every_relationship_apart() {
    use mentorlog::domain::Role;
    let env = Env::new();
    let mut store = Store::open(&env.db()).unwrap();
    store.save_profile_name("Ada", now()).unwrap();
    // A closed relationship and a new one with the same person, and a name with no letters.
    let first = common::cli::agreed(&mut store, "Sam", Role::Mentee);
    let second = common::cli::agreed(&mut store, "Sam", Role::Mentee);
    common::cli::agreed(&mut store, "?!", Role::Mentee);
    drop(store);
    let dir = env.path("md");
    std::fs::create_dir(&dir).unwrap();
    let out = env
        .run(&[
            "export",
            "--format",
            "markdown",
            "--out",
            dir.to_str().unwrap(),
        ])
        .success();
    assert!(stderr(&out).contains("Wrote 3 files"), "{}", stderr(&out));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for rel in [first, second] {
        let tail = &rel.id.simple().to_string()[24..];
        let name = format!("agreement-sam-{tail}.md");
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    assert!(
        names.iter().any(|n| n.starts_with("agreement-someone-")),
        "{names:?}"
    );
}
