//! Where screens go back to, and the names of the screens' states (each lives in its own
//! module beside its update).

use uuid::Uuid;

use crate::store::EntryKind;

pub use super::actions::ActionsView;
pub use super::agreement::AgreementView;
pub use super::home::Home;
pub use super::timeline::Timeline;
pub use super::view::EntryView;
pub use super::writing::Writing;

/// Where a screen goes back to: a record of the screen the person came from, which holds
/// where *it* goes back to in turn. Together they are the stack Esc walks down.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Home, with this relationship selected.
    Home(Option<Uuid>),
    Timeline(Box<Timeline>),
    Actions(Box<Origin>),
    /// The goals board (read again on the way back, on the same goal).
    Goals(Box<super::goals::GoalBoard>),
    /// A goal's detail screen (read again on the way back).
    Goal(Box<super::goals::GoalView>),
    /// A screen shown again as it was: nothing on it changes while the person is away
    /// (pair review, session prep, the pulse, the agreement, search results).
    Kept(Box<super::Screen>),
    /// A relationship's skills (read again on the way back), and where they go back to.
    Skills(Uuid, Box<Origin>),
    /// Reading one entry (a reflection written from a meeting returns to the meeting).
    View {
        kind: EntryKind,
        id: Uuid,
        back: Box<Origin>,
    },
}
