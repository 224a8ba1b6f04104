//! Opening a goal and a meeting from the pair review: read together, back at the same place,
//! pair mode on throughout, and no private word reachable.

mod common;

use common::review_journal::{drill_journal, harness};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::Screen;
use mentorlog::app::review::{ReviewRow, openable_rows};

/// The review's highlight and scroll, and whether something is open.
fn place(h: &common::Harness) -> (Option<usize>, usize, bool) {
    match &h.app.screen {
        Screen::Review(v) => (v.selected, v.scroll, v.drill.is_some()),
        _ => panic!("not in pair review"),
    }
}

fn rows(h: &common::Harness) -> Vec<ReviewRow> {
    match &h.app.screen {
        Screen::Review(v) => openable_rows(&v.data),
        _ => panic!("not in pair review"),
    }
}

/// Whether any cell of the screen row holding `what` is drawn reversed (the highlight).
fn reversed_in_row(h: &mut common::Harness, what: &str) -> bool {
    let text = h.text();
    let y = text
        .lines()
        .position(|l| l.contains(what))
        .unwrap_or_else(|| panic!("{what:?} is not on the screen:\n{text}"));
    let buf = h.terminal.backend().buffer();
    (0..buf.area.width).any(|x| {
        buf[(x, y as u16)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    })
}

#[test]
fn a_goal_and_a_meeting_open_from_the_review_at_two_sizes() {
    for (w, hh, tag) in [(80, 24, "80x24"), (160, 48, "160x48")] {
        let (store, rel) = drill_journal();
        let mut h = harness(store, w, hh);
        h.key(KeyCode::Char('R'));
        h.key(KeyCode::Char('p')); // the last 3 months
        h.key(KeyCode::Char('p')); // since the start
        assert_eq!(
            rows(&h),
            vec![
                ReviewRow::Goal(0),
                ReviewRow::Meeting(3),
                ReviewRow::Meeting(2),
                ReviewRow::Meeting(1),
                ReviewRow::Meeting(0)
            ],
            "the goal, then the shared meetings newest first"
        );
        h.key(KeyCode::Char('j'));
        assert_snapshot!(format!("drill_review_{tag}"), h.screen());
        assert!(
            reversed_in_row(&mut h, "Move into a product"),
            "the goal is highlighted"
        );
        if w == 160 {
            assert!(
                !reversed_in_row(&mut h, "Focus on system design"),
                "only the highlighted row is"
            );
        }
        // Enter opens the highlighted goal.
        h.enter();
        assert_eq!(place(&h), (Some(0), 0, true));
        assert_snapshot!(format!("drill_goal_{tag}"), h.screen());
        // Everything seen while scrolling to the end.
        let mut seen = h.text();
        for _ in 0..40 {
            h.key(KeyCode::Down);
            let text = h.text();
            assert!(!text.contains("Confidential"), "{text}");
            seen.push_str(&text);
        }
        for shown in [
            "Pair review",
            "Product work is where I learn fastest.",
            "An offer for a product engineering role",
            "[x] Update the CV",
            "Progress over time",
            "Salary question; the two interviews.",
            "The mock interview went better",
        ] {
            assert!(seen.contains(shown), "{shown:?} missing:\n{seen}");
        }
        // Back at the top before going back, so the review's own scroll is what is checked.
        h.key(KeyCode::Char('g'));
        // Back: the same highlight and scroll.
        h.key(KeyCode::Esc);
        assert_eq!(place(&h), (Some(0), 0, false));
        // The newest meeting: everything it holds, owners by name.
        h.key(KeyCode::Down);
        h.enter();
        assert_eq!(place(&h), (Some(1), 0, true));
        assert_snapshot!(format!("drill_meeting_{tag}"), h.screen());
        let text = h.text();
        for shown in [
            "45 min",
            "video",
            "Sam Rivera reached out",
            "Salary question",
            "Ask for the range early.",
            "Send Ada the negotiation notes (Sam Rivera",
            "Move into a product engineering role",
        ] {
            assert!(
                text.to_lowercase().contains(&shown.to_lowercase()),
                "{shown:?} missing:\n{text}"
            );
        }
        assert!(!text.contains("(them)"), "{text}");
        // Backspace comes back too.
        h.key(KeyCode::Backspace);
        assert_eq!(place(&h), (Some(1), 0, false));
        assert!(h.text().contains("› "), "the highlight shows");
        // L leaves pair review from inside an opened entry, and the review is recorded.
        h.enter();
        h.key(KeyCode::Char('L'));
        assert!(matches!(h.app.screen, Screen::Home(_)));
        assert!(h.store.last_pair_review(rel.id).unwrap().is_some());
    }
}

#[test]
fn coming_back_finds_the_review_as_it_was_left() {
    let (store, _) = drill_journal();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('R'));
    h.key(KeyCode::Char('p'));
    h.key(KeyCode::Char('p'));
    // Down to the oldest meeting: the view has scrolled to keep it in sight.
    h.down(5);
    assert_eq!(place(&h), (Some(4), 0, false));
    let before = h.text();
    assert!(
        before.contains("› "),
        "the highlighted meeting is in view:\n{before}"
    );
    assert!(
        !before.contains("Agreement and reality"),
        "the view followed it:\n{before}"
    );
    h.enter();
    assert!(h.text().contains("Focus on system design first."));
    h.down(3);
    h.key(KeyCode::Esc);
    assert_eq!(place(&h), (Some(4), 0, false));
    assert_eq!(h.text(), before);
    // Past the last row the text scrolls on; coming back from search keeps that too.
    h.down(4);
    assert_eq!(place(&h), (Some(4), 4, false));
    let scrolled = h.text();
    assert!(
        !scrolled.contains("› "),
        "a row scrolled past is not highlighted"
    );
    h.enter();
    assert!(!place(&h).2, "Enter opens nothing scrolled out of sight");
    common::on_screen(
        &mut h,
        "brings the highlight back into view; then Enter opens it",
    );
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    assert_eq!(h.text(), before, "↑ scrolls back to the highlight first");
    // Esc inside the review does not leave it.
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Review(_)));
}

#[test]
fn the_review_and_what_opens_from_it_draw_at_every_size() {
    let (store, _) = drill_journal();
    let mut h = harness(store, 40, 12);
    h.key(KeyCode::Char('R'));
    h.key(KeyCode::Char('p'));
    h.key(KeyCode::Char('p'));
    for size in [(40, 12), (1, 1), (20, 6), (60, 16), (120, 30)] {
        h.resize(size.0, size.1);
        h.draw();
        for i in 0..5 {
            h.key(KeyCode::Char('g'));
            h.down(i + 1);
            h.enter();
            h.draw();
            h.down(30);
            h.draw();
            h.key(KeyCode::Esc);
            h.draw();
        }
    }
    h.resize(40, 12);
    h.key(KeyCode::Char('g'));
    h.down(1);
    h.enter();
    let text = h.text();
    assert!(text.contains("Pair review"), "{text}");
}

#[test]
fn down_never_moves_a_highlight_that_is_out_of_view() {
    let (store, _) = drill_journal();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('R'));
    // A page read first, then the first Down: the highlight starts at the top, in view.
    h.key(KeyCode::PageDown);
    h.key(KeyCode::Down);
    assert_eq!(place(&h), (Some(0), 0, false));
    // Scrolled past the highlight, Down reads on and the highlight stays where it was.
    h.key(KeyCode::PageDown);
    let (_, scrolled, _) = place(&h);
    assert!(scrolled > 0);
    h.key(KeyCode::Down);
    assert_eq!(place(&h), (Some(0), scrolled + 1, false));
    // Enter says how to bring it back, naming the key.
    h.enter();
    assert!(
        h.text().contains("↑ brings the highlight back into view"),
        "{}",
        h.text()
    );
}
