//! The key table: every key of every screen and popup as data (context, keys, command,
//! words). The key map, the `?` help, the footer hints and the messages that name a key all
//! read it; the config file's `[keys]` section patches it, and a clash is refused at start.

use crossterm::event::{KeyCode, KeyEvent};

use super::key_binding::KeyBinding;
use super::key_table::default_table;

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
    /// Reading an entry: the one below it on the timeline / the one above it.
    OlderEntry,
    NewerEntry,
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
            // One row's keys apart by a space, rows with the same words by two.
            let keys = labels.join(" ");
            match out.iter_mut().find(|(_, long)| *long == row.long) {
                Some((all, _)) if !all.contains(&keys) => all.push(keys),
                Some(_) => {}
                None => out.push((vec![keys], row.long)),
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
                // Keys of the text editing table are taken in every context with text fields
                // (Enter aside: in a one-line field it is the form's, and the rows name it).
                let editing = (context.is_typing() || context == Context::Walkthrough)
                    && row.command != Command::Typing;
                if let Some(edit) = editing
                    .then(|| super::edit_table::row_of(false, &event))
                    .flatten()
                {
                    return Some(format!(
                        "`{}` is already '{}' {}; choose another key",
                        key.label(),
                        edit.words,
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
