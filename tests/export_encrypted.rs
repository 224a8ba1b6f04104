//! `export --encrypt` writes an age file no one can read without the key, and `import` reads
//! it back (to recipients with `--identity`, or with a passphrase from the command); a wrong
//! key or a bad recipient writes nothing.

use std::fs;
use std::io::Read;
use std::path::Path;

use age::secrecy::ExposeSecret;
use chrono::Utc;
use mentorlog::domain::Reflection;
use mentorlog::store::Store;

mod common;

use common::cli::*;
use common::pty::InTerminal;

const MARKER: &str = "heron-basalt-tangerine";
const PASS_VAR: &str = "MENTORLOG_EXPORT_PASSPHRASE_COMMAND";

/// Sam's journal with a private reflection that holds the marker.
fn journal(env: &Env) {
    journal_with_sam(env);
    let mut store = Store::open(&env.db()).unwrap();
    let r = Reflection::new(&format!("what I told no one: {MARKER}"), Utc::now());
    store.save_reflection(&r, Utc::now()).unwrap();
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn counts(db: &Path) -> Vec<(&'static str, i64)> {
    Store::open_read_only(db).unwrap().counts().unwrap().0
}

/// A new key pair: the identity file's path and the public key.
fn key(env: &Env, name: &str) -> (std::path::PathBuf, String) {
    let identity = age::x25519::Identity::generate();
    let path = env.path(name);
    let text = format!(
        "# made for a test\n{}\n",
        identity.to_string().expose_secret()
    );
    fs::write(&path, text).unwrap();
    (path, identity.to_public().to_string())
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

/// A journal file and its -wal, byte for byte.
fn snapshot(db: &Path) -> Vec<Option<Vec<u8>>> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|s| {
            let mut p = db.as_os_str().to_owned();
            p.push(s);
            fs::read(p).ok()
        })
        .collect()
}

#[test]
fn an_export_to_recipients_is_unreadable_and_comes_back_with_the_identity() {
    let env = Env::new();
    journal(&env);
    let (first_id, first) = key(&env, "first.key");
    let (second_id, second) = key(&env, "second.key");
    let list = env.path("recipients.txt");
    fs::write(&list, format!("# the other computer\n\n{second}\n")).unwrap();
    let out = env.path("export.age");
    env.run(&[
        "export",
        "--encrypt",
        "--recipient",
        &first,
        "--recipients-file",
        list.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .success();
    let bytes = fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"), "an age file");
    assert!(
        !contains(&bytes, MARKER),
        "the private text is not readable"
    );
    assert!(!contains(&bytes, "Sam Rivera"));

    // Either key opens it; a dry run changes nothing, then the import brings everything.
    let fresh = Env::new();
    let a = fresh
        .run(&[
            "import",
            out.to_str().unwrap(),
            "--identity",
            second_id.to_str().unwrap(),
            "--dry-run",
        ])
        .success();
    assert!(
        !fresh.db().exists(),
        "a dry run makes no journal: {}",
        stderr(&a)
    );
    fresh
        .run(&[
            "import",
            out.to_str().unwrap(),
            "--identity",
            first_id.to_str().unwrap(),
        ])
        .success();
    let (before, after) = (counts(&env.db()), counts(&fresh.db()));
    assert_eq!(before, after, "every entry came back");
    assert!(
        after
            .iter()
            .any(|&(what, n)| what == "reflections" && n == 1)
    );
    let a = fresh.run(&["export"]).success();
    assert!(
        contains(&a.get_output().stdout, MARKER),
        "the reflection's text came back"
    );

    // The Markdown export to standard output (a pipe) is encrypted too.
    let a = env
        .run(&[
            "export",
            "--format",
            "markdown",
            "--include-private",
            "--encrypt",
            "--recipient",
            &first,
        ])
        .success();
    let piped = a.get_output().stdout.clone();
    assert!(piped.starts_with(b"age-encryption.org/v1\n"));
    assert!(!contains(&piped, MARKER));
    let identity: age::x25519::Identity = fs::read_to_string(&first_id)
        .unwrap()
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .unwrap()
        .parse()
        .unwrap();
    let mut text = String::new();
    age::Decryptor::new(&piped[..])
        .unwrap()
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    assert!(
        text.contains(MARKER) && text.contains("Sam Rivera"),
        "{text}"
    );
}

#[test]
fn a_passphrase_export_opens_with_its_passphrase_only() {
    let env = Env::new();
    journal(&env);
    let out = env.path("export.age");
    env.cmd()
        .env(PASS_VAR, "printf 'correct horse'")
        .args(["--db", env.db().to_str().unwrap(), "export", "--encrypt"])
        .args(["--out", out.to_str().unwrap()])
        .assert()
        .success();
    let bytes = fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    assert!(!contains(&bytes, MARKER));

    let other = Env::new();
    journal_with_sam(&other);
    let before = snapshot(&other.db());
    let a = other
        .cmd()
        .env(PASS_VAR, "printf 'wrong horse'")
        .args(["--db", other.db().to_str().unwrap(), "import"])
        .arg(&out)
        .assert()
        .code(2);
    assert!(
        stderr(&a).contains("that passphrase does not open"),
        "{}",
        stderr(&a)
    );
    assert_eq!(snapshot(&other.db()), before, "the journal is untouched");

    other
        .cmd()
        .env(PASS_VAR, "printf 'correct horse'")
        .args(["--db", other.db().to_str().unwrap(), "import"])
        .arg(&out)
        .assert()
        .success();
    // Its own Sam and the exported one (another id), and the exported reflection.
    let after = counts(&other.db());
    assert_eq!(after[0], ("relationships", 2), "{after:?}");
    assert_eq!(after[3], ("reflections", 1), "{after:?}");
}

#[test]
fn a_wrong_key_or_a_bad_recipient_writes_nothing() {
    let env = Env::new();
    journal(&env);
    let (_, theirs) = key(&env, "theirs.key");
    let (mine, _) = key(&env, "mine.key");
    let out = env.path("export.age");
    env.run(&[
        "export",
        "--encrypt",
        "--recipient",
        &theirs,
        "--out",
        out.to_str().unwrap(),
    ])
    .success();

    // Not my key: refused, the journal byte for byte as it was.
    let before = snapshot(&env.db());
    let a = env
        .run(&[
            "import",
            out.to_str().unwrap(),
            "--identity",
            mine.to_str().unwrap(),
        ])
        .code(2);
    assert!(stderr(&a).contains("no key in"), "{}", stderr(&a));
    assert_eq!(snapshot(&env.db()), before);
    // No identity and no passphrase for a file encrypted to recipients: says which to give.
    let a = env.run(&["import", out.to_str().unwrap()]).code(2);
    assert!(stderr(&a).contains("--identity"), "{}", stderr(&a));
    assert_eq!(snapshot(&env.db()), before);

    // A recipient that is not one is named, and no file is made.
    let bad = env.path("bad.age");
    let a = env
        .run(&[
            "export",
            "--encrypt",
            "--recipient",
            "age1notakey",
            "--out",
            bad.to_str().unwrap(),
        ])
        .code(2);
    assert!(
        stderr(&a).contains("`age1notakey` is not an age recipient"),
        "{}",
        stderr(&a)
    );
    assert!(!bad.exists());
    let list = env.path("list.txt");
    fs::write(&list, format!("{theirs}\n# a comment\nssh-nope\n")).unwrap();
    let a = env
        .run(&[
            "export",
            "--encrypt",
            "--recipients-file",
            list.to_str().unwrap(),
            "--out",
            bad.to_str().unwrap(),
        ])
        .code(2);
    assert!(stderr(&a).contains("line 3: `ssh-nope`"), "{}", stderr(&a));
    assert!(!bad.exists());

    // Nothing to encrypt to, no terminal and no command: a message, no file.
    let a = env
        .cmd()
        .env_remove(PASS_VAR)
        .args(["--db", env.db().to_str().unwrap(), "export", "--encrypt"])
        .args(["--out", bad.to_str().unwrap()])
        .assert()
        .code(2);
    assert!(stderr(&a).contains(PASS_VAR), "{}", stderr(&a));
    assert!(!bad.exists());
}

#[test]
fn on_a_terminal_the_passphrase_is_asked_twice_and_nothing_encrypted_is_printed() {
    use expectrl::Expect;
    let env = Env::new();
    journal(&env);
    let (_, public) = key(&env, "mine.key");
    let mut t = InTerminal::start(&env, &["export", "--encrypt", "--recipient", &public]);
    let all = t.0.expect(expectrl::Eof).unwrap();
    let said = String::from_utf8_lossy(all.as_bytes()).into_owned();
    assert!(said.contains("not for reading on the terminal"), "{said}");
    assert!(!said.contains("age-encryption.org"), "{said}");

    let out = env.path("export.age");
    let mut t = InTerminal::start(
        &env,
        &["export", "--encrypt", "--out", out.to_str().unwrap()],
    );
    t.0.expect("cannot be recovered").unwrap();
    t.0.expect("Passphrase for the export: ").unwrap();
    t.0.send("first try\r").unwrap();
    t.0.expect("Type it again: ").unwrap();
    t.0.send("not the same\r").unwrap();
    t.0.expect("The two passphrases were not the same").unwrap();
    t.0.send("typed twice\r").unwrap();
    t.0.expect("Type it again: ").unwrap();
    t.0.send("typed twice\r").unwrap();
    let all = t.0.expect(expectrl::Eof).unwrap();
    let said = String::from_utf8_lossy(all.as_bytes()).into_owned();
    assert!(!said.contains("typed twice"), "never shown: {said}");
    let identity = age::scrypt::Identity::new("typed twice".to_string().into());
    let mut text = String::new();
    age::Decryptor::new(fs::File::open(&out).unwrap())
        .unwrap()
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    assert!(text.contains(MARKER), "the export holds the journal");
}
