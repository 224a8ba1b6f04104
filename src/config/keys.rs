//! The key table: every key of every screen and popup as data (context, keys, command,
//! words). The key map, the `?` help, the footer hints and the messages that name a key all
//! read it; the config file's `[keys]` section patches it, and a clash is refused at start.

use std::fmt::Write as _;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
}

impl Context {
    pub const ALL: [Context; 32] = [
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
                | Context::Prep
                | Context::Agreement
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
        )
    }

    /// The global commands shown in this context's footer, after its own.
    fn footer_globals(self) -> &'static [Command] {
        match self {
            Context::Home | Context::Agreement => &[Command::Help, Command::Quit],
            Context::Review => &[Command::Search],
            Context::Prep => &[],
            Context::Entry | Context::GoalForm | Context::Survey => &[Command::Help],
            c if c.takes_global() => &[Command::Help],
            _ => &[],
        }
    }
}

/// What a key does: one command per row of the table. The key map turns it into an
/// `app::Action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Command {
    Quit,
    Help,
    Suspend,
    Search,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Confirm,
    Back,
    Next,
    Prev,
    Toggle,
    Save,
    ExternalEditor,
    NewRelationship,
    Timeline,
    Goals,
    ActionItems,
    Pulse,
    Plan,
    Review,
    Prep,
    NewMeeting,
    NewReflection,
    UpdateProgress,
    EditEntry,
    EditAnswer,
    Trash,
    UndoTrash,
    Filter,
    ClearFilter,
    OpenTrash,
    Restore,
    EmptyTrash,
    NewGoal,
    ChangeStatus,
    NextPeriod,
    LeaveReview,
    TakeSurvey,
    Yes,
    No,
    QuickCheckin,
    SnoozeOne,
    SnoozeThree,
    SnoozeUntil,
    Reschedule,
    Extend,
    CloseRelationship,
    /// A digit 1 to 5.
    Rate,
    /// Keys of the text editor, described for the help; the text editing keys handle them.
    Typing,
}

/// One line of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub context: Context,
    pub command: Command,
    /// The config name: `trash` (as `timeline.trash`), or a name shared by contexts.
    pub name: &'static str,
    /// Keys the config can change.
    pub keys: Vec<KeyBinding>,
    /// Keys that stay whatever the config says (Enter, Esc, arrows).
    pub fixed: Vec<KeyBinding>,
    /// Shown instead of the fixed keys' names ("1-5", "type").
    pub shown: Option<&'static str>,
    /// Whether the fixed keys are named before the changeable ones.
    pub fixed_first: bool,
    /// Footer words; empty: not in the footer.
    pub short: &'static str,
    /// Help words.
    pub long: &'static str,
}

impl Row {
    /// The keys' names in the order they are shown.
    pub fn labels(&self) -> Vec<String> {
        let keys = self.keys.iter().map(KeyBinding::label);
        let fixed: Vec<String> = match self.shown {
            Some(s) => vec![s.to_string()],
            None => self.fixed.iter().map(KeyBinding::label).collect(),
        };
        if self.fixed_first {
            fixed.into_iter().chain(keys).collect()
        } else {
            keys.chain(fixed).collect()
        }
    }

    /// The key named in a footer: the first, or the arrows together ("←→").
    pub fn footer_label(&self) -> Option<String> {
        let labels = self.labels();
        let arrows: String = labels
            .iter()
            .take_while(|l| ["↑", "↓", "←", "→"].contains(&l.as_str()))
            .map(String::as_str)
            .collect();
        if arrows.is_empty() {
            labels.into_iter().next()
        } else {
            Some(arrows)
        }
    }

    fn matches(&self, key: &KeyEvent) -> bool {
        self.keys.iter().chain(&self.fixed).any(|b| b.matches(key))
    }
}

/// Builds rows: `add(context, command, name, keys, fixed, short, long)`.
struct Table(Vec<Row>);

fn parse_all(spec: &str) -> Vec<KeyBinding> {
    spec.split_whitespace()
        .map(|k| KeyBinding::parse(k).unwrap_or_else(|| panic!("the table's key {k:?} parses")))
        .collect()
}

impl Table {
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        context: Context,
        command: Command,
        name: &'static str,
        keys: &str,
        fixed: &str,
        short: &'static str,
        long: &'static str,
    ) -> &mut Row {
        self.0.push(Row {
            context,
            command,
            name,
            keys: parse_all(keys),
            fixed: parse_all(fixed),
            shown: None,
            fixed_first: false,
            short,
            long,
        });
        self.0.last_mut().expect("just pushed")
    }

    /// Fixed keys named first: "Enter  l", "↑  k".
    #[allow(clippy::too_many_arguments)]
    fn nav(
        &mut self,
        context: Context,
        command: Command,
        name: &'static str,
        keys: &str,
        fixed: &str,
        short: &'static str,
        long: &'static str,
    ) -> &mut Row {
        let row = self.add(context, command, name, keys, fixed, short, long);
        row.fixed_first = true;
        row
    }

    /// Up, down, a page, first and last: the keys of every list.
    fn list(&mut self, c: Context, short: &'static str, long: &'static str, first_key: &str) {
        self.nav(c, Command::Up, "up", "k", "up", short, long);
        self.nav(c, Command::Down, "down", "j", "down", short, long);
        self.nav(
            c,
            Command::PageUp,
            "page_up",
            "",
            "pageup",
            "",
            "a screenful at a time",
        );
        self.nav(
            c,
            Command::PageDown,
            "page_down",
            "",
            "pagedown",
            "",
            "a screenful at a time",
        );
        self.nav(
            c,
            Command::First,
            "first",
            first_key,
            "home",
            "",
            "to the first row",
        );
        self.nav(c, Command::Last, "last", "G", "end", "", "to the last row");
    }

    /// Esc, Backspace, ← and h.
    fn back(&mut self, c: Context, short: &'static str, long: &'static str) {
        self.nav(
            c,
            Command::Back,
            "back",
            "h",
            "esc backspace left",
            short,
            long,
        );
    }
}

/// The default table. Order matters: it is the order of the help and of the footer.
#[rustfmt::skip]
pub fn default_table() -> Vec<Row> {
    use Command as K;
    use Context as C;
    let mut t = Table(Vec::new());

    t.add(C::Always, K::Quit, "quit", "", "ctrl-c", "quit", "quit; anything unsaved is kept or asked about");
    t.add(C::Always, K::Help, "help", "", "f1", "help", "this help");
    t.add(C::Always, K::Suspend, "suspend", "", "ctrl-z", "", "suspend; `fg` brings mentorlog back");

    t.add(C::Global, K::Search, "search", "/", "", "search", "search everything");
    t.add(C::Global, K::Help, "help", "?", "", "help", "this help");
    t.add(C::Global, K::Quit, "quit", "q", "", "quit", "quit; anything unsaved is kept or asked about");

    // Home.
    t.list(C::Home, "", "choose a relationship", "");
    t.nav(C::Home, K::Confirm, "open", "", "enter", "", "open its agreement");
    t.add(C::Home, K::Confirm, "edit", "e", "", "", "open its agreement");
    t.add(C::Home, K::NewMeeting, "new_meeting", "m", "", "meeting", "log a meeting with the highlighted person");
    t.add(C::Home, K::NewReflection, "new_reflection", "r", "", "reflect", "write a reflection");
    t.add(C::Home, K::Timeline, "timeline", "t", "", "timeline", "the timeline: meetings and reflections, newest first");
    t.add(C::Home, K::Goals, "goals", "g", "", "goals", "the goals, by status");
    t.add(C::Home, K::ActionItems, "action_items", "a", "", "actions", "open action items, everyone's");
    t.add(C::Home, K::Plan, "plan", "c", "", "check-ins", "the check-in plan of the highlighted person");
    t.add(C::Home, K::NewRelationship, "new_relationship", "n", "", "new relationship", "add a relationship (or finish the one you started)");
    t.add(C::Home, K::Pulse, "pulse", "v", "", "", "the pulse surveys of the highlighted person, as trends");
    t.add(C::Home, K::Prep, "prep", "b", "", "", "prepare the next session: open items, things to bring up, goals");
    t.add(C::Home, K::Review, "review", "R", "", "", "pair review: the two of you on one screen, private entries hidden");
    t.add(C::Home, K::UpdateProgress, "update_progress", "p", "", "", "note progress on the highlighted person's active goal");

    // Timeline.
    t.list(C::Timeline, "", "move through the entries (older ones load as you go)", "g");
    t.nav(C::Timeline, K::Confirm, "open", "l", "enter right", "read", "read the entry");
    t.add(C::Timeline, K::EditEntry, "edit", "e", "", "edit", "edit it");
    t.add(C::Timeline, K::Trash, "trash", "d", "delete", "trash", "move it to the trash");
    t.add(C::Timeline, K::Filter, "filter", "f", "", "filter", "filter (person, kind, tag, private, dates)");
    t.add(C::Timeline, K::NewMeeting, "new_meeting", "m", "", "meeting", "log a meeting");
    t.add(C::Timeline, K::NewReflection, "new_reflection", "r", "", "reflect", "write a reflection");
    t.back(C::Timeline, "back", "back to your relationships");
    t.add(C::Timeline, K::UndoTrash, "undo_trash", "u", "", "", "bring back what was last moved to the trash");
    t.add(C::Timeline, K::ClearFilter, "clear_filter", "x", "", "", "clear the filter");
    t.add(C::Timeline, K::OpenTrash, "open_trash", "T", "", "", "the trash");
    t.add(C::Timeline, K::ActionItems, "action_items", "a", "", "", "open action items, everyone's");

    t.nav(C::FilterPanel, K::Confirm, "apply", "", "enter", "apply", "apply the filter");
    t.nav(C::FilterPanel, K::Typing, "next", "", "tab backtab", "next", "next / previous field");
    t.nav(C::FilterPanel, K::Typing, "change", "", "left right", "change", "change a choice");
    t.nav(C::FilterPanel, K::Typing, "cancel", "", "esc", "cancel", "close the filter");
    t.add(C::FilterPanel, K::Save, "save", "ctrl-s", "", "", "apply the filter");

    // Trash.
    t.list(C::Trash, "", "choose an entry", "g");
    t.nav(C::Trash, K::Restore, "restore", "r", "enter", "restore", "restore it to the timeline");
    t.add(C::Trash, K::EmptyTrash, "empty", "E", "", "empty", "empty the trash (asks first)");
    t.back(C::Trash, "back", "back to the timeline");

    // Reading one entry.
    t.add(C::View, K::EditEntry, "edit", "e", "enter", "edit", "edit it");
    t.add(C::View, K::Trash, "trash", "d", "delete", "trash", "move it to the trash");
    t.add(C::View, K::NewReflection, "new_reflection", "r", "", "reflect", "write a reflection about it");
    t.back(C::View, "back", "back");
    t.list(C::View, "scroll", "scroll", "g");
    t.add(C::View, K::NewMeeting, "new_meeting", "m", "", "", "log the next meeting");

    // Action items.
    t.list(C::Actions, "", "choose an item", "g");
    t.nav(C::Actions, K::Toggle, "toggle", "x", "space", "done", "tick it done (again: open again)");
    t.nav(C::Actions, K::Confirm, "open", "", "enter", "meeting", "open the meeting it came from");
    t.add(C::Actions, K::NewMeeting, "new_meeting", "m", "", "log meeting", "log a meeting");
    t.back(C::Actions, "back", "back to your relationships");
    t.add(C::Actions, K::NewReflection, "new_reflection", "r", "", "", "write a reflection");

    // Goals.
    t.list(C::Goals, "", "choose a goal", "g");
    t.nav(C::Goals, K::Confirm, "open", "l", "enter right", "open", "open it: milestones, progress, history");
    t.add(C::Goals, K::UpdateProgress, "update_progress", "p", "", "progress", "note progress on it");
    t.add(C::Goals, K::NewGoal, "new_goal", "n a", "", "new goal", "add a goal");
    t.back(C::Goals, "back", "back to your relationships");

    t.list(C::GoalDetail, "", "choose a milestone", "g");
    t.nav(C::GoalDetail, K::Toggle, "toggle", "x", "space", "tick", "tick it done (again: open again)");
    t.add(C::GoalDetail, K::UpdateProgress, "update_progress", "p", "", "progress", "note progress");
    t.add(C::GoalDetail, K::ChangeStatus, "status", "s", "", "status", "change the status (achieved, paused, …)");
    t.add(C::GoalDetail, K::EditEntry, "edit", "e", "", "edit", "edit the goal and its milestones");
    t.add(C::GoalDetail, K::NewReflection, "new_reflection", "r", "", "reflect", "write a reflection about it");
    t.back(C::GoalDetail, "back", "back to the goals");
    t.add(C::GoalDetail, K::NewMeeting, "new_meeting", "m", "", "", "log a meeting");

    t.nav(C::ProgressPanel, K::Confirm, "note", "", "enter", "note it", "note the progress");
    t.nav(C::ProgressPanel, K::Typing, "next", "", "tab backtab", "next", "next / previous field");
    t.nav(C::ProgressPanel, K::Typing, "cancel", "", "esc", "cancel", "close without noting");
    t.add(C::ProgressPanel, K::Save, "save", "ctrl-s", "", "", "note the progress");

    // Forms.
    t.add(C::GoalForm, K::Save, "save", "ctrl-s", "", "save", "save");
    t.nav(C::GoalForm, K::Typing, "next", "", "tab backtab", "next", "next / previous field");
    t.nav(C::GoalForm, K::Typing, "leave", "", "esc", "leave", "leave (asks when something is unsaved)");
    t.nav(C::GoalForm, K::Typing, "change", "", "left right space", "change", "change a choice");
    t.nav(C::GoalForm, K::Typing, "milestone", "", "", "", "type into \"New milestone\" to add a step; empty a step to drop it").shown = Some("New milestone");

    t.add(C::Entry, K::Save, "save", "ctrl-s", "", "save", "save");
    t.nav(C::Entry, K::Typing, "next", "", "tab backtab", "next", "next / previous field");
    t.nav(C::Entry, K::Typing, "leave", "", "esc", "leave", "leave (asks when something is unsaved)");
    t.add(C::Entry, K::ExternalEditor, "external_editor", "ctrl-e", "", "editor", "write the long text in $VISUAL / $EDITOR");
    t.nav(C::Entry, K::Typing, "undo", "", "ctrl-u ctrl-r", "undo", "undo / redo in a long text");
    t.nav(C::Entry, K::Typing, "change", "", "left right space", "change", "change a choice, tick a box");
    t.nav(C::Entry, K::Typing, "move", "", "up down", "", "move (inside a long text: by line)");
    t.nav(C::Entry, K::Typing, "enter", "", "enter", "", "a new line in long texts; ticks a box; next field");
    t.nav(C::Entry, K::Typing, "word", "", "ctrl-left ctrl-right", "", "a word left / right");
    t.nav(C::Entry, K::Typing, "delete_word", "", "ctrl-w", "", "delete the word before the cursor");
    t.nav(C::Entry, K::Typing, "prompt", "", "ctrl-p", "", "another prompt for a reflection (or none)");

    t.nav(C::Survey, K::Typing, "rate", "", "", "rate", "rate the statement (← → also change it)").shown = Some("1-5");
    t.nav(C::Survey, K::Typing, "next", "", "tab backtab up down", "next", "the next or previous statement");
    t.add(C::Survey, K::Save, "save", "ctrl-s", "", "save", "save the survey");
    t.nav(C::Survey, K::Typing, "leave", "", "esc", "leave", "leave (asks when something is answered)");

    t.nav(C::Search, K::Typing, "type", "", "", "search", "words to find; #tag kind:goal with:Sam after:2026-01-01 before:… private shared").shown = Some("type");
    t.nav(C::Search, K::Typing, "choose", "", "up down", "choose", "choose a result");
    t.nav(C::Search, K::Typing, "open", "", "enter", "open", "open it");
    t.nav(C::Search, K::Typing, "back", "", "esc", "back", "back");

    // Pulse, pair review, prep, agreement.
    t.add(C::Pulse, K::TakeSurvey, "take_survey", "s n", "enter", "take the survey", "take the pulse survey now");
    t.back(C::Pulse, "back", "back to your relationships");
    t.list(C::Pulse, "", "scroll", "");

    t.list(C::Review, "scroll", "scroll", "g");
    t.add(C::Review, K::NextPeriod, "period", "p", "", "period", "the period: since the last review, 3 months, since the start");
    t.add(C::Review, K::LeaveReview, "leave", "L", "", "leave review", "leave pair review");
    t.back(C::Review, "", "stays in pair review (it says how to leave)");

    t.add(C::Prep, K::NewMeeting, "new_meeting", "m", "", "meeting with this agenda", "log the meeting with this as its agenda");
    t.list(C::Prep, "scroll", "scroll", "");
    t.back(C::Prep, "back", "back to your relationships");

    t.list(C::Agreement, "choose", "choose an answer", "");
    t.nav(C::Agreement, K::EditAnswer, "open", "", "enter", "change", "change the highlighted answer");
    t.add(C::Agreement, K::EditAnswer, "edit", "e", "", "change", "change the highlighted answer");
    t.back(C::Agreement, "back", "back to your relationships");

    // The walk-through: letters are answers here, so only keys that cannot be typed text.
    t.nav(C::Walkthrough, K::Confirm, "confirm", "", "enter", "next", "save and go on; on a list, takes the highlighted one");
    t.nav(C::Walkthrough, K::Toggle, "toggle", "", "space", "tick", "tick or untick a choice");
    t.nav(C::Walkthrough, K::Next, "next", "", "tab", "skip", "go on; skips a step you have not answered");
    t.nav(C::Walkthrough, K::Back, "back", "", "esc backtab", "back", "go back (nothing you typed is lost)");
    t.nav(C::Walkthrough, K::Up, "up", "", "up", "", "move between choices and fields");
    t.nav(C::Walkthrough, K::Down, "down", "", "down", "", "move between choices and fields");
    t.nav(C::Walkthrough, K::PageUp, "page_up", "", "pageup", "", "a screenful at a time");
    t.nav(C::Walkthrough, K::PageDown, "page_down", "", "pagedown", "", "a screenful at a time");
    t.add(C::Walkthrough, K::Save, "save", "ctrl-s", "", "", "save and go on");
    t.add(C::Walkthrough, K::Help, "help", "?", "", "help", "this help");
    t.nav(C::Walkthrough, K::Typing, "new_line", "", "alt-enter ctrl-j", "", "new line in a long answer");
    t.nav(C::Walkthrough, K::Typing, "delete", "", "ctrl-w ctrl-u", "", "delete a word / to the start");

    t.list(C::WalkthroughReview, "choose", "choose an answer", "");
    t.nav(C::WalkthroughReview, K::Confirm, "confirm", "", "enter", "change / save", "change it (or, on the last row, save the agreement)");
    t.add(C::WalkthroughReview, K::Save, "save", "ctrl-s", "", "save agreement", "save the agreement");
    t.nav(C::WalkthroughReview, K::Back, "back", "", "esc backtab", "back", "back to the last step");
    t.nav(C::WalkthroughReview, K::Next, "next", "", "tab", "", "go on");
    t.nav(C::WalkthroughReview, K::Toggle, "toggle", "", "space", "", "tick or untick a choice");
    t.add(C::WalkthroughReview, K::Help, "help", "?", "", "help", "this help");
    t.add(C::WalkthroughReview, K::Quit, "quit", "q", "", "quit", "quit (your answers are kept)");

    // Popups.
    t.nav(C::HelpPopup, K::Back, "close", "", "", "close help", "close this help").shown = Some("any key");

    t.add(C::ConfirmPopup, K::Yes, "yes", "y", "Y", "yes", "yes");
    t.add(C::ConfirmPopup, K::No, "no", "n", "N", "no", "no");
    t.nav(C::ConfirmPopup, K::Back, "cancel", "", "esc", "cancel", "cancel");

    t.add(C::OfferPopup, K::Yes, "yes", "y", "Y enter", "yes", "take it now");
    t.add(C::OfferPopup, K::No, "no", "n", "N", "no", "skip this one");
    t.nav(C::OfferPopup, K::Back, "cancel", "", "esc", "cancel", "not now");

    t.add(C::DuePopup, K::NewMeeting, "meeting", "m", "", "meeting", "log a meeting");
    t.add(C::DuePopup, K::QuickCheckin, "check_in", "c", "", "check-in", "log a quick check-in");
    t.add(C::DuePopup, K::SnoozeOne, "snooze_1", "1", "", "snooze", "ask again tomorrow");
    t.add(C::DuePopup, K::SnoozeThree, "snooze_3", "3", "", "snooze", "ask again in 3 days");
    t.add(C::DuePopup, K::SnoozeUntil, "snooze_until", "s", "", "snooze", "ask again on a day you choose");
    t.add(C::DuePopup, K::Reschedule, "reschedule", "r", "", "reschedule", "move the next check-in to a day you choose");
    t.add(C::DuePopup, K::Next, "next", "n", "down tab", "next person", "the next person");
    t.nav(C::DuePopup, K::Back, "back", "q", "esc", "not now", "not now");

    t.add(C::ArcPopup, K::Extend, "extend", "e", "", "extend", "a new planned end");
    t.add(C::ArcPopup, K::CloseRelationship, "close", "c", "", "close", "close the relationship (asks first)");
    t.add(C::ArcPopup, K::TakeSurvey, "survey", "s", "", "", "take the pulse survey");
    t.nav(C::ArcPopup, K::Back, "later", "l", "esc", "later", "later");

    t.nav(C::PanelPopup, K::Confirm, "save", "", "enter", "save", "save");
    t.nav(C::PanelPopup, K::Typing, "back", "", "esc", "back", "back");
    t.nav(C::PanelPopup, K::Typing, "next", "", "tab backtab", "", "next / previous field");

    t.add(C::ResumePopup, K::Yes, "resume", "r", "enter y R Y", "resume", "resume it");
    t.add(C::ResumePopup, K::No, "discard", "d", "n D N", "discard", "discard it");
    t.nav(C::ResumePopup, K::Back, "later", "", "esc", "decide later", "decide later (it is kept)");

    t.add(C::SharePopup, K::Yes, "yes", "y", "Y", "share as written", "share these words as written");
    t.add(C::SharePopup, K::No, "no", "n", "N", "edit first", "back to the form, everything kept");
    t.nav(C::SharePopup, K::Up, "up", "k", "up", "scroll", "scroll");
    t.nav(C::SharePopup, K::Down, "down", "j", "down", "scroll", "scroll");
    t.nav(C::SharePopup, K::Back, "cancel", "", "esc", "", "cancel");

    t.nav(C::StatusPopup, K::Up, "up", "k", "up", "choose", "choose a status");
    t.nav(C::StatusPopup, K::Down, "down", "j", "down", "choose", "choose a status");
    t.nav(C::StatusPopup, K::Confirm, "set", "", "enter", "set it", "set it");
    t.nav(C::StatusPopup, K::Back, "cancel", "", "esc", "cancel", "cancel");

    t.nav(C::RatingPopup, K::Rate, "rate", "", "1 2 3 4 5", "rate", "how close you feel, 1 to 5").shown = Some("1-5");
    t.nav(C::RatingPopup, K::Confirm, "skip", "", "enter tab", "skip", "skip the rating");
    t.nav(C::RatingPopup, K::Back, "cancel", "", "esc", "cancel", "cancel");

    t.nav(C::DamagedPopup, K::Back, "close", "", "enter esc", "close the notice", "close the notice");
    t.0
}

/// The effective keys: the table, patched by the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    rows: Vec<Row>,
    /// What the config file changed, by name as written, for `mentorlog config`.
    pub(super) changed: Vec<(String, Vec<KeyBinding>)>,
}

impl Default for Keys {
    fn default() -> Keys {
        Keys {
            rows: default_table(),
            changed: Vec::new(),
        }
    }
}

/// Joins key names for a footer: "↑↓", "1 3 s".
fn join_labels(labels: &[String]) -> String {
    let arrows = labels
        .iter()
        .all(|l| ["↑", "↓", "←", "→"].contains(&l.as_str()));
    labels.join(if arrows { "" } else { " " })
}

impl Keys {
    /// The first key of the first row with this config name (`new_meeting`).
    pub fn named(&self, name: &str) -> Option<KeyBinding> {
        self.rows
            .iter()
            .find(|r| r.name == name && r.context != Context::Always)
            .and_then(|r| r.keys.first().copied())
    }

    /// Every row, in table order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The rows a key is looked up in for a context: its own, then the shared ones.
    fn scope(&self, context: Context) -> impl Iterator<Item = &Row> {
        let own = self.rows.iter().filter(move |r| r.context == context);
        let global = self
            .rows
            .iter()
            .filter(move |r| r.context == Context::Global && context.takes_global());
        let always = self
            .rows
            .iter()
            .filter(move |r| r.context == Context::Always && context != Context::Always);
        own.chain(global).chain(always)
    }

    /// The command a key runs in a context (typing keys excepted: the text editor has them).
    pub fn command(&self, context: Context, key: &KeyEvent) -> Option<Command> {
        self.scope(context)
            .filter(|r| r.command != Command::Typing)
            .find(|r| r.matches(key))
            .map(|r| r.command)
    }

    /// Whether a key runs this command in this context.
    pub fn is(&self, context: Context, command: Command, key: &KeyEvent) -> bool {
        self.scope(context)
            .any(|r| r.command == command && r.matches(key))
    }

    fn row(&self, context: Context, command: Command) -> Option<&Row> {
        self.scope(context).find(|r| r.command == command)
    }

    /// The first key bound to a command (the one a message names), if any.
    pub fn binding(&self, context: Context, command: Command) -> Option<KeyBinding> {
        let row = self.row(context, command)?;
        if row.fixed_first {
            row.fixed.first().or(row.keys.first()).copied()
        } else {
            row.keys.first().or(row.fixed.first()).copied()
        }
    }

    /// The name of the key that runs a command, for messages and hints: "m", "Ctrl-S".
    pub fn label(&self, context: Context, command: Command) -> String {
        self.row(context, command)
            .and_then(|r| r.labels().into_iter().next())
            .unwrap_or_default()
    }

    /// A footer hint for one command: (key, short words).
    pub fn hint(&self, context: Context, command: Command) -> (String, String) {
        let short = self.row(context, command).map_or("", |r| r.short);
        (self.label(context, command), short.to_string())
    }

    /// A footer hint for a row named in the table (`"undo"` of the entry form).
    pub fn hint_named(&self, context: Context, name: &str) -> (String, String) {
        self.rows
            .iter()
            .find(|r| r.context == context && r.name == name)
            .map(|r| (r.footer_label().unwrap_or_default(), r.short.to_string()))
            .unwrap_or_default()
    }

    /// The footer of a context: its rows with footer words, rows with the same words as
    /// the one before joined ("↑↓ choose", "1 3 s snooze"), then the shared keys it shows.
    pub fn footer(&self, context: Context) -> Vec<(String, String)> {
        let mut out: Vec<(Vec<String>, &str)> = Vec::new();
        let own = self
            .rows
            .iter()
            .filter(|r| r.context == context && !r.short.is_empty());
        for row in own {
            let Some(first) = row.footer_label() else {
                continue;
            };
            match out.last_mut() {
                Some((labels, short)) if *short == row.short => {
                    if !labels.contains(&first) {
                        labels.push(first);
                    }
                }
                _ => out.push((vec![first], row.short)),
            }
        }
        let mut out: Vec<(String, String)> = out
            .into_iter()
            .map(|(labels, short)| (join_labels(&labels), short.to_string()))
            .collect();
        for &command in context.footer_globals() {
            out.push(self.hint(context, command));
        }
        out
    }

    /// The help of a context: every row (rows with the same words joined), then the keys
    /// shared with other screens.
    pub fn help(&self, context: Context) -> Vec<(String, String)> {
        let mut out: Vec<(Vec<String>, &str)> = Vec::new();
        for row in self.scope(context) {
            let labels = row.labels();
            if labels.is_empty() {
                continue;
            }
            // A shared key already named by the context's own rows (F1, q) is not repeated.
            let shadowed = row.context != context
                && self
                    .rows
                    .iter()
                    .any(|r| r.context == context && r.command == row.command);
            if shadowed && row.context == Context::Global {
                continue;
            }
            match out.iter_mut().find(|(_, long)| *long == row.long) {
                Some((all, _)) => {
                    for l in labels {
                        if !all.contains(&l) {
                            all.push(l);
                        }
                    }
                }
                None => out.push((labels, row.long)),
            }
        }
        out.into_iter()
            .map(|(labels, long)| (labels.join("  "), long.to_string()))
            .collect()
    }

    /// Applies one `[keys]` entry: `name` (every context with a key of that name) or
    /// `context.name`. Returns the rows it changed, or why the name is not known.
    pub fn set(&mut self, name: &str, keys: Vec<KeyBinding>) -> Result<Vec<usize>, String> {
        let (context, action) = match name.split_once('.') {
            Some((c, a)) => {
                let context = Context::ALL
                    .into_iter()
                    .filter(|c| *c != Context::Always)
                    .find(|x| x.id() == c)
                    .ok_or_else(|| {
                        let known: Vec<_> = Context::ALL[1..].iter().map(|c| c.id()).collect();
                        format!(
                            "unknown key action {name:?}: there is no screen called {c:?}; the screens are {}",
                            known.join(", ")
                        )
                    })?;
                (Some(context), a)
            }
            None => (None, name),
        };
        let found: Vec<usize> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.name == action
                    && r.command != Command::Typing
                    && r.context != Context::Always
                    && context.is_none_or(|c| c == r.context)
            })
            .map(|(i, _)| i)
            .collect();
        if found.is_empty() {
            let mut known: Vec<&str> = self
                .rows
                .iter()
                .filter(|r| {
                    r.command != Command::Typing
                        && r.context != Context::Always
                        && context.is_none_or(|c| c == r.context)
                })
                .map(|r| r.name)
                .collect();
            known.sort_unstable();
            known.dedup();
            return Err(format!(
                "unknown key action {name:?}; the actions{} are {}",
                context.map_or(String::new(), |c| format!(" {}", c.place())),
                known.join(", ")
            ));
        }
        for &i in &found {
            self.rows[i].keys = keys.clone();
        }
        self.changed.push((name.to_string(), keys));
        Ok(found)
    }

    /// Why the keys of one changed row cannot stay: a key taken by another command in a
    /// context where the row applies, or a letter in a context where letters are typed.
    pub fn clash(&self, index: usize) -> Option<String> {
        self.clash_of(index, false)
    }

    /// Like [`Keys::clash`]; `fixed_too` also checks the row's fixed keys (for the table's
    /// own test).
    fn clash_of(&self, index: usize, fixed_too: bool) -> Option<String> {
        let row = &self.rows[index];
        let fixed: &[KeyBinding] = if fixed_too { &row.fixed } else { &[] };
        let contexts: Vec<Context> = match row.context {
            Context::Global => Context::ALL
                .into_iter()
                .filter(|c| c.takes_global())
                .collect(),
            c => vec![c],
        };
        for key in row.keys.iter().chain(fixed) {
            let event = KeyEvent::new(key.code, key.modifiers);
            let plain = key.modifiers.is_empty() && matches!(key.code, KeyCode::Char(_));
            for &context in &contexts {
                if plain && context.is_typing() && row.command != Command::Typing {
                    return Some(format!(
                        "`{}` is typed as text {}; choose a key with ctrl- or alt-",
                        key.label(),
                        context.place()
                    ));
                }
                let taken = self.scope(context).enumerate().find(|(_, other)| {
                    !std::ptr::eq(*other, row)
                        && other.command != row.command
                        && other.matches(&event)
                });
                if let Some((_, other)) = taken {
                    return Some(format!(
                        "`{}` is already '{}' {}; choose another key",
                        key.label(),
                        other.long,
                        context.place()
                    ));
                }
            }
        }
        None
    }
}

/// Checks the default table: no key does two things in one context.
pub fn default_clashes() -> Vec<String> {
    let keys = Keys::default();
    (0..keys.rows.len())
        .filter_map(|i| keys.clash_of(i, true))
        .collect()
}

/// A key with its modifiers, as written in the config ("ctrl-s", "q", "f1").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyBinding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeyBinding {
    /// Parses "q", "?", "ctrl-s", "alt-x", "f1", "enter", "pagedown".
    pub fn parse(s: &str) -> Option<KeyBinding> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = s.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                modifiers |= KeyModifiers::CONTROL;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                modifiers |= KeyModifiers::ALT;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if modifiers.is_empty() {
                c
            } else {
                c.to_ascii_lowercase()
            }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "backspace" => KeyCode::Backspace,
                "delete" => KeyCode::Delete,
                "space" => KeyCode::Char(' '),
                f if f.starts_with('f') => {
                    KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
                }
                _ => return None,
            },
        };
        Some(KeyBinding { code, modifiers })
    }

    /// Whether a key event is this binding. Shift is ignored for characters ("?" is shift-/).
    pub fn matches(&self, key: &KeyEvent) -> bool {
        let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
        match (self.code, key.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                let same = if self.modifiers.is_empty() {
                    a == b
                } else {
                    a.eq_ignore_ascii_case(&b)
                };
                same && key.modifiers & relevant == self.modifiers & relevant
            }
            (a, b) => a == b && key.modifiers & relevant == self.modifiers & relevant,
        }
    }

    /// How the binding is shown in help and footers: "q", "Ctrl-S", "F1".
    pub fn label(&self) -> String {
        let mut out = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        match self.code {
            KeyCode::Char(' ') => out.push_str("Space"),
            KeyCode::Char(c) if !self.modifiers.is_empty() => out.push(c.to_ascii_uppercase()),
            KeyCode::Char(c) => out.push(c),
            KeyCode::F(n) => {
                let _ = write!(out, "F{n}");
            }
            KeyCode::Up => out.push('↑'),
            KeyCode::Down => out.push('↓'),
            KeyCode::Left => out.push('←'),
            KeyCode::Right => out.push('→'),
            KeyCode::PageUp => out.push_str("PgUp"),
            KeyCode::PageDown => out.push_str("PgDn"),
            KeyCode::BackTab => out.push_str("Shift-Tab"),
            other => {
                let _ = write!(out, "{other:?}");
            }
        }
        out
    }
}

pub(super) fn binding_text(b: KeyBinding) -> String {
    let mut out = String::new();
    if b.modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("ctrl-");
    }
    if b.modifiers.contains(KeyModifiers::ALT) {
        out.push_str("alt-");
    }
    match b.code {
        KeyCode::Char(' ') => out.push_str("space"),
        KeyCode::Char(c) => out.push(c),
        KeyCode::F(n) => {
            let _ = write!(out, "f{n}");
        }
        other => out.push_str(&format!("{other:?}").to_ascii_lowercase()),
    }
    out
}
