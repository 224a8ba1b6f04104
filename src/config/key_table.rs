//! The default key table: every key of every screen and popup, with its words. Its order
//! is the order of the help and of the footers.

use super::key_binding::KeyBinding;
use super::keys::{Command, Context, Row};

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

    /// A text that scrolls (an entry, the pair review, prep): up, down, a page and the top.
    /// No "last row" key: where the end is depends on the window, which the screen's state
    /// does not know.
    fn scroll(&mut self, c: Context, short: &'static str, long: &'static str, first_key: &str) {
        self.list(c, short, long, first_key);
        self.0
            .retain(|r| !(r.context == c && r.command == Command::Last));
        for r in self
            .0
            .iter_mut()
            .filter(|r| r.context == c && r.command == Command::First)
        {
            r.long = "to the top";
        }
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
            "to the first / the last row",
        );
        self.nav(
            c,
            Command::Last,
            "last",
            "G",
            "end",
            "",
            "to the first / the last row",
        );
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
    t.add(C::Home, K::Timeline, "timeline", "t", "", "timeline", "the timeline: meetings, reflections, check-ins");
    t.add(C::Home, K::Goals, "goals", "g", "", "goals", "the goals, by status");
    t.add(C::Home, K::ActionItems, "action_items", "a", "", "actions", "open action items, everyone's");
    t.add(C::Home, K::Plan, "plan", "c", "", "check-ins", "the check-in plan of the highlighted person");
    t.add(C::Home, K::NewRelationship, "new_relationship", "n", "", "new relationship", "add a relationship (or finish the one you started)");
    t.add(C::Home, K::Pulse, "pulse", "v", "", "", "the pulse surveys of the highlighted person, as trends");
    t.add(C::Home, K::Prep, "prep", "b", "", "", "prepare the next session: open items, things to bring up, goals");
    t.add(C::Home, K::Review, "review", "R", "", "", "pair review: the two of you on one screen, private entries hidden");
    t.add(C::Home, K::UpdateProgress, "update_progress", "p", "", "", "note progress on the highlighted person's active goal");
    t.add(C::Home, K::Resources, "resources", "o", "", "", "resources and introductions: books, links, courses, people to meet");
    t.add(C::Home, K::LifeChange, "life", "x", "", "", "pause, resume, close or reopen the highlighted relationship");

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
    t.scroll(C::View, "scroll", "scroll", "g");
    t.add(C::View, K::NewMeeting, "new_meeting", "m", "", "", "log the next meeting");
    t.add(C::View, K::OlderEntry, "older", "]", "", "", "the next older entry (as the timeline lists them)");
    t.add(C::View, K::NewerEntry, "newer", "[", "", "", "the next newer entry");

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
    t.nav(C::GoalDetail, K::Confirm, "open", "", "enter", "", "open the meeting under the cursor");

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
    t.add(C::Entry, K::ExternalEditor, "external_editor", "ctrl-g", "", "editor", "write the long text in $VISUAL / $EDITOR");
    t.nav(C::Entry, K::Typing, "change", "", "left right space", "change", "change a choice, tick a box");
    t.nav(C::Entry, K::Typing, "move", "", "up down", "", "move (inside a long text: by line)");
    t.nav(C::Entry, K::Typing, "enter", "", "enter", "", "a new line in long texts; ticks a box; next field");
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
    t.nav(C::Pulse, K::Up, "up", "k", "up", "", "scroll");
    t.nav(C::Pulse, K::Down, "down", "j", "down", "", "scroll");
    t.nav(C::Pulse, K::PageUp, "page_up", "", "pageup", "", "a screenful at a time");
    t.nav(C::Pulse, K::PageDown, "page_down", "", "pagedown", "", "a screenful at a time");

    t.scroll(C::Review, "move", "highlight a goal or meeting; past the last one, scroll", "g");
    t.nav(C::Review, K::Confirm, "open", "", "enter", "open", "open the highlighted goal or meeting to read it together");
    t.add(C::Review, K::NextPeriod, "period", "p", "", "period", "the period: since the last review, 3 months, since the start");
    t.add(C::Review, K::LeaveReview, "leave", "L", "", "leave review", "leave pair review");
    t.back(C::Review, "", "stays in pair review (it says how to leave)");
    t.scroll(C::ReviewDrill, "scroll", "scroll", "g");
    t.back(C::ReviewDrill, "back", "back to the pair review, at the same place");
    t.add(C::ReviewDrill, K::LeaveReview, "leave", "L", "", "leave review", "leave pair review");

    t.add(C::Prep, K::NewMeeting, "new_meeting", "m", "", "meeting with this agenda", "log the meeting with this as its agenda");
    t.scroll(C::Prep, "scroll", "scroll", "");
    t.back(C::Prep, "back", "back to your relationships");

    t.list(C::Agreement, "choose", "choose an answer", "");
    t.nav(C::Agreement, K::EditAnswer, "open", "", "enter", "change", "change the highlighted answer");
    t.add(C::Agreement, K::EditAnswer, "edit", "e", "", "change", "change the highlighted answer");
    t.back(C::Agreement, "back", "back to your relationships");
    t.add(C::Agreement, K::SignMine, "sign", "s", "", "sign", "sign this version of the agreement");
    t.add(C::Agreement, K::SignTheirs, "their_signoff", "o", "", "", "note the other person's sign-off (on the day they gave it)");
    t.add(C::Agreement, K::AnswerHistory, "history", "v", "", "history", "show or hide the highlighted answer's history and the versions");

    // Resources and introductions, and their form.
    t.list(C::Resources, "", "choose a resource", "g");
    t.nav(C::Resources, K::Confirm, "open", "", "enter", "edit", "edit it (on an empty list: add one)");
    t.add(C::Resources, K::EditEntry, "edit", "e", "", "", "edit it");
    t.add(C::Resources, K::NewResource, "new_resource", "n a", "", "add", "add a book, link, course or person to meet");
    t.add(C::Resources, K::ChangeStatus, "state", "s", "", "state", "next state: suggested, done, not useful");
    t.add(C::Resources, K::Trash, "trash", "d", "delete", "trash", "move it to the trash");
    t.add(C::Resources, K::UndoTrash, "undo_trash", "u", "", "", "bring back what was last moved to the trash");
    t.back(C::Resources, "back", "back");

    t.nav(C::ResourceForm, K::Confirm, "confirm", "", "enter", "save", "save it");
    t.add(C::ResourceForm, K::Save, "save", "ctrl-s", "", "", "save it");
    t.nav(C::ResourceForm, K::Typing, "next", "", "tab backtab up down", "next", "next / previous field");
    t.nav(C::ResourceForm, K::Typing, "change", "", "left right space", "change", "change a choice, tick a box");
    t.nav(C::ResourceForm, K::Typing, "leave", "", "esc", "cancel", "cancel (asks when something is unsaved)");

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
    t.nav(C::HelpPopup, K::Up, "up", "", "up", "", "scroll a help taller than the window");
    t.nav(C::HelpPopup, K::Down, "down", "", "down", "", "scroll a help taller than the window");
    t.nav(C::HelpPopup, K::PageUp, "page_up", "", "pageup", "", "scroll a help taller than the window");
    t.nav(C::HelpPopup, K::PageDown, "page_down", "", "pagedown", "", "scroll a help taller than the window");

    t.add(C::ConfirmPopup, K::Yes, "yes", "y", "Y", "yes", "yes");
    t.add(C::ConfirmPopup, K::No, "no", "n", "N", "no", "no");
    t.nav(C::ConfirmPopup, K::Back, "cancel", "", "esc", "cancel", "cancel");

    t.add(C::OfferPopup, K::Yes, "yes", "y", "Y enter", "yes", "take it now");
    t.add(C::OfferPopup, K::No, "no", "n", "N", "no", "skip this one");
    t.nav(C::OfferPopup, K::Back, "cancel", "", "esc", "cancel", "not now");

    t.add(C::DuePopup, K::NewMeeting, "new_meeting", "m", "", "meeting", "log a meeting");
    t.add(C::DuePopup, K::QuickCheckin, "check_in", "c", "", "check-in", "log a quick check-in");
    t.add(C::DuePopup, K::SnoozeOne, "snooze_1", "1", "", "snooze", "ask again tomorrow");
    t.add(C::DuePopup, K::SnoozeThree, "snooze_3", "3", "", "snooze", "ask again in 3 days");
    t.add(C::DuePopup, K::SnoozeUntil, "snooze_until", "s", "", "snooze", "ask again on a day you choose");
    t.add(C::DuePopup, K::Reschedule, "reschedule", "r", "", "reschedule", "move the next check-in to a day you choose");
    t.add(C::DuePopup, K::Next, "next", "n", "down tab", "next person", "the next person");
    t.nav(C::DuePopup, K::Back, "back", "q", "esc", "not now", "not now");

    t.add(C::ArcPopup, K::Extend, "extend", "e", "", "extend", "a new planned end");
    t.add(C::ArcPopup, K::CloseRelationship, "close", "c", "", "close", "close the relationship (asks for a reason first)");
    t.add(C::ArcPopup, K::TakeSurvey, "survey", "s", "", "", "take the pulse survey");
    t.add(C::ArcPopup, K::ReviseAgreement, "revise", "r", "", "revise", "revise the agreement together (a new version)");
    t.nav(C::ArcPopup, K::Back, "later", "l", "esc", "later", "later: asked again tomorrow");

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

    // Skills: from home, and the skills screen (its add / change panel uses the panel keys).
    t.add(C::Home, K::Skills, "skills", "S", "", "", "skills to develop, rated at the start, midpoint and end");
    t.list(C::Skills, "", "choose a skill", "g");
    t.nav(C::Skills, K::Rate, "rate", "", "1 2 3 4 5", "rate", "rate it at the point shown: 1 new to me … 5 at ease").shown = Some("1-5");
    t.nav(C::Skills, K::Next, "next_point", "]", "right tab", "point", "rate at the next point: start, midpoint, end");
    t.nav(C::Skills, K::Prev, "previous_point", "[", "left backtab", "", "rate at the point before");
    t.add(C::Skills, K::NewSkill, "new_skill", "a n", "", "add", "add a skill of your own");
    t.nav(C::Skills, K::Confirm, "open", "", "enter", "", "change it (on a focus topic: add it as a skill)");
    t.add(C::Skills, K::EditEntry, "edit", "e", "", "change", "rename it, change its topic, keep it private or share it");
    t.add(C::Skills, K::Trash, "trash", "d", "delete", "", "remove it (u brings it back)");
    t.add(C::Skills, K::UndoTrash, "undo_trash", "u", "", "", "bring back the skill just removed");
    t.nav(C::Skills, K::Back, "back", "", "esc backspace", "back", "back to where you came from");
    // Closing a relationship: the closing review, its reminder, and the summary.
    t.add(C::ClosingReview, K::Save, "save", "ctrl-s", "", "save, go on", "save this part and go on");
    t.add(C::ClosingReview, K::SkipPart, "skip", "ctrl-n", "", "skip", "skip this part (one you wrote in asks to be saved or cleared first)");
    t.nav(C::ClosingReview, K::Typing, "later", "", "esc", "later", "leave it for later: asked again tomorrow, with what you typed");
    t.nav(C::ClosingReview, K::Typing, "next", "", "tab backtab", "", "next / previous field");
    t.nav(C::ClosingReview, K::Typing, "change", "", "left right space", "", "rate a statement (1-5 too); private or shared");
    t.nav(C::ClosingReview, K::Typing, "enter", "", "enter", "", "go on from the first part; a new line in a text");
    t.scroll(C::ClosingSummary, "scroll", "scroll", "g");
    t.add(C::ClosingSummary, K::ContinueClosing, "continue", "c", "", "continue review", "carry on with the closing review, while it is not finished");
    t.back(C::ClosingSummary, "back", "back");
    t.add(C::ClosingOfferPopup, K::Yes, "yes", "y", "Y enter", "carry on now", "carry on with the closing review now");
    t.add(C::ClosingOfferPopup, K::No, "later", "n", "N esc", "later", "later: asked again tomorrow");
    t.0
}
