//! The key table: every key of every screen and popup as data (context, keys, command,
//! words). The key map, the `?` help, the footer hints and the messages that name a key all
//! read it; the config file's `[keys]` section patches it, and a clash is refused at start.

use crossterm::event::KeyEvent;

pub use super::context::Context;
use super::key_binding::KeyBinding;
use super::key_table::default_table;

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
    /// Home: pause, resume, close or reopen the highlighted relationship.
    LifeChange,
    /// A digit 1 to 5.
    Rate,
    /// Agreement: sign it, note the other's sign-off, an answer's history; arc review: revise.
    SignMine,
    SignTheirs,
    AnswerHistory,
    ReviseAgreement,
    /// Closing review: skip this part.
    SkipPart,
    /// Closing summary: carry on with the closing review.
    ContinueClosing,
    /// Keys of the text editor, described for the help; the text editing keys handle them.
    Typing,
    /// Home: the highlighted relationship's resources and introductions.
    Resources,
    NewResource,
    /// The skills screen, and adding a skill there.
    Skills,
    NewSkill,
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

    pub(super) fn matches(&self, key: &KeyEvent) -> bool {
        self.keys.iter().chain(&self.fixed).any(|b| b.matches(key))
    }
}

/// The effective keys: the table, patched by the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    pub(super) rows: Vec<Row>,
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
    pub(super) fn scope(&self, context: Context) -> impl Iterator<Item = &Row> {
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
}
