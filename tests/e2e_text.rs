//! Text fields in a real terminal (tmux): a bracketed paste whose newlines arrive as CR, as
//! tmux, xterm and VTE send them, and the readline keys as the terminal encodes them (Ctrl-_
//! arrives as the byte 0x1F). tmux must be installed; the binary is killed by pid on failure.

mod common;

use common::tmux::{Tmux, journal_with_sam, reflections};

#[test]
fn a_pasted_paragraph_keeps_its_line_breaks_and_the_readline_keys_work() {
    let t = Tmux::start("paste-lines");
    journal_with_sam(&t);
    t.mentorlog("");
    t.wait_for("1 relationship");
    t.press("r", "Write a reflection");
    // paste-buffer -p sends it bracketed, with each LF turned into CR.
    t.tmux(&["set-buffer", "first line\nsecond line"]);
    t.tmux(&["paste-buffer", "-p"]);
    t.wait_for("second line");
    t.text(" and more");
    t.wait_for("second line and more");
    t.keys(&["C-w"]);
    t.wait_until("Ctrl-W took the word", |s| !s.contains("and more"));
    t.keys(&["C-_"]);
    t.wait_for("second line and more");
    t.press("C-s", "Saved: reflection");
    t.press("Escape", "1 relationship");
    t.keys(&["q"]);
    t.assert_back_in_shell(0);
    assert_eq!(reflections(&t), ["first line\nsecond line and more"]);
}

#[test]
fn a_pasted_paragraph_keeps_its_line_breaks_in_a_walk_through_answer() {
    let t = Tmux::start("paste-walk");
    t.mentorlog("");
    t.skip_encryption_offer();
    t.wait_for("Welcome to mentorlog");
    t.press("Enter", "step 2");
    t.text("Ada");
    t.press("Enter", "step 3");
    t.press("Enter", "step 4 of 23");
    t.text("Sam");
    t.press("Enter", "step 5 of 23");
    t.press("Tab", "step 6 of 23");
    t.press("Tab", "step 7 of 23");
    t.tmux(&["set-buffer", "A new role\nwithout losing the science"]);
    t.tmux(&["paste-buffer", "-p"]);
    t.wait_for("without losing the science");
    t.press("Tab", "step 8 of 23");
    t.keys(&["C-c"]);
    t.assert_back_in_shell(0);
    let store = mentorlog::store::Store::open(&t.db()).unwrap();
    let rel = store
        .latest_draft_relationship()
        .unwrap()
        .expect("the relationship being agreed");
    assert_eq!(
        store.agreement(rel.id).unwrap().get("focus"),
        Some(&mentorlog::domain::AnswerValue::Text {
            text: "A new role\nwithout losing the science".into()
        })
    );
}
