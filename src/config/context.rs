//! The parts of the key table: each screen, popup or shared set of keys is a context, with
//! its config name, the words that place it in a message, and which shared keys it takes.

use super::keys::Command;

/// Where a key is pressed: a screen, a popup, or a set of keys shared by several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    /// Keys that work everywhere, also while typing and in popups (Ctrl-C, Ctrl-Z, F1).
    Always,
    /// Keys of every screen that is not a form (q, ?, /).
    Global,
    Home,
    Timeline,
    /// The timeline's filter panel (typing).
    FilterPanel,
    Trash,
    View,
    Actions,
    Goals,
    GoalDetail,
    /// The progress note panel of a goal (typing).
    ProgressPanel,
    GoalForm,
    /// Writing a meeting or a reflection.
    Entry,
    Survey,
    Pulse,
    Search,
    Review,
    /// A goal or meeting opened from the pair review.
    ReviewDrill,
    Prep,
    Agreement,
    /// A step of the walk-through.
    Walkthrough,
    /// The walk-through's last page: every answer, before saving the agreement.
    WalkthroughReview,
    HelpPopup,
    /// A yes / no question.
    ConfirmPopup,
    /// The pulse survey offer (Enter also takes it).
    OfferPopup,
    DuePopup,
    ArcPopup,
    /// A popup with fields: a due check-in's panel, the arc review's, the check-in plan.
    PanelPopup,
    ResumePopup,
    SharePopup,
    StatusPopup,
    RatingPopup,
    DamagedPopup,
    /// A relationship's books, links, courses and people to meet.
    Resources,
    /// Adding or editing a resource (typing).
    ResourceForm,
    /// A relationship's skills and their ratings.
    Skills,
    /// The closing review (typing in its writing parts).
    ClosingReview,
    ClosingSummary,
    /// The reminder that a closing review waits.
    ClosingOfferPopup,
}

impl Context {
    pub const ALL: [Context; 39] = [
        Context::Always,
        Context::Global,
        Context::Home,
        Context::Timeline,
        Context::FilterPanel,
        Context::Trash,
        Context::View,
        Context::Actions,
        Context::Goals,
        Context::GoalDetail,
        Context::ProgressPanel,
        Context::GoalForm,
        Context::Entry,
        Context::Survey,
        Context::Pulse,
        Context::Search,
        Context::Review,
        Context::ReviewDrill,
        Context::Prep,
        Context::Agreement,
        Context::Walkthrough,
        Context::WalkthroughReview,
        Context::HelpPopup,
        Context::ConfirmPopup,
        Context::OfferPopup,
        Context::DuePopup,
        Context::ArcPopup,
        Context::PanelPopup,
        Context::ResumePopup,
        Context::SharePopup,
        Context::StatusPopup,
        Context::RatingPopup,
        Context::DamagedPopup,
        Context::Resources,
        Context::ResourceForm,
        Context::Skills,
        Context::ClosingReview,
        Context::ClosingSummary,
        Context::ClosingOfferPopup,
    ];

    /// The name used in the config file (`timeline.trash = "d"`).
    pub fn id(self) -> &'static str {
        match self {
            Context::Always => "always",
            Context::Global => "global",
            Context::Home => "home",
            Context::Timeline => "timeline",
            Context::FilterPanel => "filter",
            Context::Trash => "trash",
            Context::View => "view",
            Context::Actions => "actions",
            Context::Goals => "goals",
            Context::GoalDetail => "goal",
            Context::ProgressPanel => "progress",
            Context::GoalForm => "goal_form",
            Context::Entry => "entry",
            Context::Survey => "survey",
            Context::Pulse => "pulse",
            Context::Search => "search",
            Context::Review => "review",
            Context::ReviewDrill => "review_open",
            Context::Prep => "prep",
            Context::Agreement => "agreement",
            Context::Walkthrough => "walkthrough",
            Context::WalkthroughReview => "walkthrough_review",
            Context::HelpPopup => "help_popup",
            Context::ConfirmPopup => "confirm",
            Context::OfferPopup => "survey_offer",
            Context::DuePopup => "due",
            Context::ArcPopup => "arc",
            Context::PanelPopup => "panel",
            Context::ResumePopup => "resume",
            Context::SharePopup => "share",
            Context::StatusPopup => "status",
            Context::RatingPopup => "rating",
            Context::DamagedPopup => "damaged",
            Context::Resources => "resources",
            Context::ResourceForm => "resource_form",
            Context::Skills => "skills",
            Context::ClosingReview => "closing",
            Context::ClosingSummary => "closing_summary",
            Context::ClosingOfferPopup => "closing_offer",
        }
    }

    /// Where it is, in words, for messages: "on the home screen".
    pub fn place(self) -> &'static str {
        match self {
            Context::Always => "everywhere",
            Context::Global => "on every screen",
            Context::Home => "on the home screen",
            Context::Timeline => "on the timeline",
            Context::FilterPanel => "in the timeline's filter",
            Context::Trash => "in the trash",
            Context::View => "when reading an entry",
            Context::Actions => "in the action items",
            Context::Goals => "on the goal board",
            Context::GoalDetail => "on a goal",
            Context::ProgressPanel => "when noting progress",
            Context::GoalForm => "in the goal form",
            Context::Entry => "when writing a meeting or reflection",
            Context::Survey => "in the pulse survey",
            Context::Pulse => "on the pulse screen",
            Context::Search => "in search",
            Context::Review => "in pair review",
            Context::ReviewDrill => "on a goal or meeting opened in pair review",
            Context::Prep => "in session prep",
            Context::Agreement => "on the agreement",
            Context::Walkthrough => "in the walk-through",
            Context::WalkthroughReview => "on the walk-through's last page",
            Context::HelpPopup => "in the help",
            Context::ConfirmPopup => "in a yes / no question",
            Context::OfferPopup => "in the survey offer",
            Context::DuePopup => "in the check-in reminder",
            Context::ArcPopup => "in the relationship review",
            Context::PanelPopup => "in a popup's fields",
            Context::ResumePopup => "in the unsaved-work question",
            Context::SharePopup => "in the share question",
            Context::StatusPopup => "in the goal status choice",
            Context::RatingPopup => "in the goal rating",
            Context::DamagedPopup => "in the damage notice",
            Context::Resources => "in the resources",
            Context::ResourceForm => "in the resource form",
            Context::Skills => "on the skills screen",
            Context::ClosingReview => "in the closing review",
            Context::ClosingSummary => "on the closing summary",
            Context::ClosingOfferPopup => "in the closing review's reminder",
        }
    }

    /// Screens that are not forms also take the global keys (q, ?, /).
    pub fn takes_global(self) -> bool {
        matches!(
            self,
            Context::Home
                | Context::Timeline
                | Context::Trash
                | Context::View
                | Context::Actions
                | Context::Goals
                | Context::GoalDetail
                | Context::Pulse
                | Context::Review
                | Context::ReviewDrill
                | Context::Prep
                | Context::Agreement
                | Context::Resources
                | Context::Skills
                | Context::ClosingSummary
        )
    }

    /// Contexts where letters are typed text: only keys with Ctrl or Alt (and the keys
    /// named in their rows) are commands, handled by the text editing keys.
    pub fn is_typing(self) -> bool {
        matches!(
            self,
            Context::FilterPanel
                | Context::ProgressPanel
                | Context::GoalForm
                | Context::Entry
                | Context::Survey
                | Context::Search
                | Context::PanelPopup
                | Context::ResourceForm
                | Context::ClosingReview
        )
    }

    /// The global commands shown in this context's footer, after its own.
    pub(super) fn footer_globals(self) -> &'static [Command] {
        match self {
            Context::Home | Context::Agreement => &[Command::Help, Command::Quit],
            Context::Review | Context::ReviewDrill => &[Command::Search],
            Context::Prep => &[],
            Context::Entry | Context::GoalForm | Context::Survey | Context::ClosingReview => {
                &[Command::Help]
            }
            c if c.takes_global() => &[Command::Help],
            _ => &[],
        }
    }
}
