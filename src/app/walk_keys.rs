//! The walk-through's keys: what each action does to the step on screen, and the
//! [`Outcome`] that tells `update` where the walk goes next.

use super::Action;
use super::form::Refusal;
use super::steps::Step;
use super::walkthrough::{Ctx, Outcome, Walkthrough};
use crate::error::Result;
use crate::store::Store;

pub(super) fn action(
    w: &mut Walkthrough,
    store: &mut Store,
    action: Action,
    ctx: &Ctx<'_>,
) -> Result<Outcome> {
    let review = *w.step() == Step::Review;
    match action {
        Action::Up if review => w.review_move(-1),
        Action::Down if review => w.review_move(1),
        Action::PageUp if review => w.review_move(-10),
        Action::PageDown if review => w.review_move(10),
        Action::First if review => w.review_move(isize::MIN),
        Action::Last if review => w.review_move(isize::MAX),
        Action::Up => _ = w.form.vertical(-1, w.answer_width(ctx.width)),
        Action::Down => _ = w.form.vertical(1, w.answer_width(ctx.width)),
        Action::PageUp => w.form.move_by(-10),
        Action::PageDown => w.form.move_by(10),
        Action::Confirm => return w.forward(store, true, ctx),
        Action::Next => return w.forward(store, false, ctx),
        Action::Back => return w.back(store, ctx),
        Action::Save if review => return w.confirm(store, ctx),
        Action::Save => return w.forward(store, false, ctx),
        Action::Toggle if w.form.toggle() => w.touch(),
        Action::Edit(edit) => match w.form.edit(&edit) {
            Ok(true) => w.touch(),
            Ok(false) => {}
            Err(Refusal::NotADigit(c)) => {
                w.error = Some(format!(
                    "Only digits go here ({c:?} was not typed): a whole number, like 4."
                ));
            }
        },
        Action::Paste(text) => {
            if w.form.paste(&text) {
                w.touch();
            } else if !w.form.on_field() {
                w.error =
                    Some("Pasted text goes into a text field: move to one with ↓ first.".into());
            }
        }
        _ => {}
    }
    Ok(Outcome::Stay)
}
