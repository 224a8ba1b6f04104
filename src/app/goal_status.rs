//! Changing a goal's status: the chooser of the statuses allowed next, the final self-rating
//! when a goal is achieved, and the change itself.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::goals::{GoalBoard, open_view};
use super::{Action, App, Popup, Reply, Screen, Then};
use crate::domain::GoalStatus;
use crate::error::Result;
use crate::store::Store;

/// The status chooser and the final rating: ↑↓ choose, Enter sets the status (an achieved
/// goal asks for the final rating first), Esc closes without a change.
pub(super) fn status_reply(popup: &mut Popup, action: &Action) -> Reply {
    match (&mut *popup, action) {
        (Popup::GoalStatus { from, cursor, .. }, Action::Up | Action::Down) => {
            let n = from.next().len();
            *cursor = if *action == Action::Up {
                (*cursor + n - 1) % n
            } else {
                (*cursor + 1) % n
            };
            Reply::Keep
        }
        (Popup::GoalStatus { goal, from, cursor }, Action::Confirm | Action::Yes) => {
            let to = from.next()[(*cursor).min(from.next().len() - 1)];
            if to == GoalStatus::Achieved {
                *popup = Popup::FinalRating { goal: *goal };
                return Reply::Keep;
            }
            Reply::CloseThen(Then::SetGoalStatus {
                goal: *goal,
                to,
                rating: None,
            })
        }
        (Popup::FinalRating { goal }, Action::Rate(n)) => Reply::CloseThen(Then::SetGoalStatus {
            goal: *goal,
            to: GoalStatus::Achieved,
            rating: Some(*n),
        }),
        (Popup::FinalRating { goal }, Action::Next | Action::Confirm) => {
            Reply::CloseThen(Then::SetGoalStatus {
                goal: *goal,
                to: GoalStatus::Achieved,
                rating: None,
            })
        }
        (_, Action::Back | Action::No | Action::Quit) => Reply::Close,
        _ => Reply::Keep,
    }
}

pub(super) fn set_status(
    app: &mut App,
    store: &mut Store,
    goal: Uuid,
    to: GoalStatus,
    rating: Option<u8>,
    now: DateTime<Utc>,
) -> Result<()> {
    let g = store.set_goal_status(goal, to, rating, now)?;
    let board = match &app.screen {
        Screen::GoalDetail(v) => v.board.clone(),
        _ => GoalBoard::load(store, None)?,
    };
    open_view(app, store, goal, board, false)?;
    let message = match (to, g.baseline, g.final_rating) {
        (GoalStatus::Achieved, Some(b), Some(f)) => {
            format!(
                "{} You rated yourself {b} at the start and {f} now.",
                crate::words::sentence(format!("Achieved: {}", g.title))
            )
        }
        (GoalStatus::Achieved, _, _) => format!(
            "{} Well done.",
            crate::words::sentence(format!("Achieved: {}", g.title))
        ),
        (to, _, _) => format!("{} is now {}.", g.title, to.id()),
    };
    app.info(message);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_chooser_moves_asks_the_rating_for_achieved_and_sets_the_rest() {
        let goal = Uuid::now_v7();
        let mut p = Popup::GoalStatus {
            goal,
            from: GoalStatus::Active,
            cursor: 0,
        };
        // Active's first choice is Achieved: Enter asks for the rating and stays open.
        assert_eq!(status_reply(&mut p, &Action::Confirm), Reply::Keep);
        assert_eq!(p, Popup::FinalRating { goal });
        assert_eq!(
            status_reply(&mut p, &Action::Rate(4)),
            Reply::CloseThen(Then::SetGoalStatus {
                goal,
                to: GoalStatus::Achieved,
                rating: Some(4)
            })
        );

        let mut p = Popup::GoalStatus {
            goal,
            from: GoalStatus::Active,
            cursor: 0,
        };
        assert_eq!(status_reply(&mut p, &Action::Up), Reply::Keep);
        assert_eq!(
            status_reply(&mut p, &Action::Confirm),
            Reply::CloseThen(Then::SetGoalStatus {
                goal,
                to: GoalStatus::Dropped,
                rating: None
            })
        );
        assert_eq!(status_reply(&mut p, &Action::Back), Reply::Close);
    }
}
