//! The passphrase of an encrypted journal on the command line: asked on a terminal with
//! nothing shown, never asked by the commands shell prompts run, and a wrong one from
//! MENTORLOG_PASSPHRASE_COMMAND said as the command's.

mod common;

use expectrl::Expect;
use mentorlog::domain::Passphrase;
use mentorlog::store::Store;

use common::cli::*;
use common::pty::InTerminal;

const PASSPHRASE: &str = "lantern harbour";

fn encrypted_journal(env: &Env) {
    let key = Passphrase::new(PASSPHRASE.into()).unwrap();
    drop(Store::create_encrypted(&env.db(), &key).unwrap());
    mentorlog::store::forget(&env.db());
}

#[test]
fn on_a_terminal_the_passphrase_is_asked_unseen_and_a_wrong_one_asked_again() {
    let env = Env::new();
    encrypted_journal(&env);
    let mut t = InTerminal::start(&env, &["due"]);
    t.0.expect("Passphrase for ").unwrap();
    t.0.send("not the one\r").unwrap();
    t.0.expect("That passphrase does not open this journal. Try again: ")
        .unwrap();
    t.0.send(format!("{PASSPHRASE}\r")).unwrap();
    let all = t.0.expect(expectrl::Eof).unwrap();
    let said = String::from_utf8_lossy(all.as_bytes()).into_owned();
    assert!(!said.contains(PASSPHRASE), "nothing typed is shown: {said}");
    assert!(
        !said.contains("not the one"),
        "nothing typed is shown: {said}"
    );
    assert_eq!(t.exit_code(), Some(0), "nothing is due in an empty journal");
}

#[test]
fn due_quiet_and_json_never_stop_to_ask_even_on_a_terminal() {
    let env = Env::new();
    encrypted_journal(&env);
    for args in [&["due", "--quiet"][..], &["due", "--json"][..]] {
        let mut t = InTerminal::start(&env, args);
        let all = t.0.expect(expectrl::Eof).unwrap();
        let said = String::from_utf8_lossy(all.as_bytes()).into_owned();
        assert!(!said.contains("Passphrase for"), "{args:?} asked: {said}");
        assert_eq!(t.exit_code(), Some(2), "{args:?}: {said}");
    }
}

#[test]
fn a_wrong_passphrase_from_the_command_is_said_as_the_command_s() {
    let env = Env::new();
    encrypted_journal(&env);
    let before = std::fs::read(env.db()).unwrap();
    let a = env
        .cmd()
        .arg("--db")
        .arg(env.db())
        .arg("due")
        .env("MENTORLOG_PASSPHRASE_COMMAND", "printf %s 'an old one'")
        .assert()
        .code(2);
    let err = stderr(&a);
    assert!(
        err.contains("MENTORLOG_PASSPHRASE_COMMAND") && err.contains("make the command print"),
        "{err}"
    );
    let a = env
        .cmd()
        .arg("--db")
        .arg(env.db())
        .arg("due")
        .env("MENTORLOG_PASSPHRASE_COMMAND", "printf 'two\\nlines\\n'")
        .assert()
        .code(2);
    assert!(stderr(&a).contains("more than one line"), "{}", stderr(&a));
    assert_eq!(std::fs::read(env.db()).unwrap(), before);
}
