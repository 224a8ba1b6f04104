//! The model of the Elm-style loop: `App` is the state, `Action` the messages,
//! [`keymap::map`] turns keys into actions, [`update::update`] applies them.

pub mod actions;
pub mod agreement;
pub mod arc;
pub mod checkins;
pub mod closing;
mod closing_ask;
pub mod closing_summary;
mod damage;
pub mod edit_keys;
pub mod editor;
pub mod entry;
mod entry_draft;
pub mod fields;
pub mod form;
pub mod goal_form;
mod goal_status;
mod goal_writing;
pub mod goals;
pub mod home;
pub mod input;
pub mod journal;
pub mod keymap;
pub mod life;
pub mod list;
mod outside_editor;
pub mod plan;
pub mod popup;
pub mod prep;
pub mod private_words;
pub mod resources;
pub mod review;
pub mod review_drill;
pub mod screens;
pub mod search;
pub mod skills;
pub mod step_forms;
pub mod steps;
pub mod survey;
pub mod timeline;
pub mod unlock;
pub mod update;
pub mod view;
pub mod walk_keys;
pub mod walkthrough;
pub mod writing;

use chrono::{DateTime, Local, Utc};

use crate::config::{Config, Keys, ThemeName};
use crate::content::Content;
use crate::error::Result;
use crate::store::Store;
pub use input::InputEdit;
pub use popup::{Ask, Popup, Reply, Then};
pub use screens::{ActionsView, AgreementView, EntryView, Home, Origin, Timeline, Writing};
pub use update::update;
use walkthrough::{Ctx, Walkthrough};

/// Everything the app does, as messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Quit; asks first when an edit is unsaved.
    Quit,
    /// Ctrl-Z.
    Suspend,
    /// A signal asked us to stop: save drafts, then quit without asking.
    Shutdown,
    Help,
    /// Reading an entry: the next older / newer one, as the timeline lists them.
    OlderEntry,
    NewerEntry,
    Up,
    Down,
    PageUp,
    PageDown,
    /// Enter: confirm, open, or pick the highlighted choice and go on.
    Confirm,
    /// Tab: go on, keeping whatever is set (skips an unanswered step).
    Next,
    /// Esc or Shift-Tab.
    Back,
    /// Shift-Tab in a form: the field before.
    Prev,
    /// Space on a choice.
    Toggle,
    Edit(InputEdit),
    Paste(String),
    NewRelationship,
    /// Home: open the timeline of meetings and reflections.
    OpenTimeline,
    /// Jump to the first (newest) row.
    First,
    /// Jump to the last (oldest) row.
    Last,
    /// Change the highlighted answer (agreement screen).
    EditAnswer,
    /// Ctrl-S: save now (the review page's "save the agreement").
    Save,
    /// A popup's yes / no.
    Yes,
    No,
    /// Time passed: autosave drafts, follow the clock.
    Tick,
    /// Log a meeting (with the highlighted relationship).
    NewMeeting,
    /// Write a reflection (about the highlighted relationship or meeting).
    NewReflection,
    /// The open action items of every relationship.
    OpenActions,
    /// Edit the highlighted or shown entry.
    EditEntry,
    /// Move the highlighted or shown entry to the trash.
    TrashEntry,
    /// Take the last entry back out of the trash.
    UndoTrash,
    /// The trash: entries moved there, to restore or delete for good.
    OpenTrash,
    /// Restore the highlighted entry from the trash.
    Restore,
    /// Delete everything in the trash (asks first).
    EmptyTrash,
    /// Open the timeline's filter panel.
    Filter,
    /// Clear every timeline filter.
    ClearFilter,
    /// Undo and redo in a long text.
    Undo,
    Redo,
    /// Open the long text under the cursor in $VISUAL / $EDITOR.
    ExternalEdit,
    /// What the external editor gave back: the text, or why it was kept as it was.
    ExternalEdited(Result<String, String>),
    /// Offer another reflection prompt (or none).
    NextPrompt,
    /// The goal board.
    OpenGoals,
    /// Add a goal.
    NewGoal,
    /// Note progress on the highlighted or shown goal.
    UpdateProgress,
    /// Move the shown goal to another status.
    ChangeStatus,
    /// A rating key, 1 to 5.
    Rate(u8),
    /// Due popup: log a quick check-in.
    QuickCheckin,
    /// Due popup: ask again in this many days.
    Snooze(u8),
    /// Due popup: ask again on a chosen day.
    SnoozeUntil,
    /// Due popup: move the next check-in to a chosen day.
    Reschedule,
    /// Arc review: a new planned end.
    Extend,
    /// Arc review: close the relationship (asks first).
    CloseRelationship,
    /// Take the pulse survey now.
    TakeSurvey,
    /// The pulse screen of the highlighted relationship.
    OpenPulse,
    /// The check-in plan of the highlighted relationship.
    OpenPlan,
    /// Search from anywhere.
    OpenSearch,
    /// Pair review of the highlighted relationship.
    OpenReview,
    /// Session prep for the highlighted relationship.
    OpenPrep,
    /// Pair review: the next period (since the last review, 3 months, since the start).
    NextPeriod,
    /// Pair review: leave it (an explicit key).
    LeaveReview,
    /// The health check found the journal damaged: stop writing, tell the person.
    JournalDamaged(crate::health::Damage),
    /// Agreement: sign the current version (for me, or noting the other person's sign-off).
    SignAgreement(crate::domain::Side),
    /// Agreement: show or hide the highlighted answer's history.
    ToggleHistory,
    /// Arc review: revise the agreement together (the agreement screen, as a revision).
    ReviseAgreement,
    /// The resources and introductions of the highlighted relationship.
    OpenResources,
    /// Add a resource.
    NewResource,
    /// The skills of the highlighted relationship, and adding one there.
    OpenSkills,
    NewSkill,
    /// Home: the changes the highlighted relationship allows (pause, resume, close, reopen).
    OpenLifeChange,
    /// Closing review: skip this part.
    SkipPart,
    /// Closing summary: carry on with the unfinished closing review.
    ContinueClosing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

/// A one-line message at the bottom of the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub kind: StatusKind,
    pub text: String,
}

#[derive(Debug, Clone)]
pub enum Screen {
    Onboarding(Box<Walkthrough>),
    Home(Home),
    Agreement(AgreementView),
    Timeline(Timeline),
    /// Writing or editing a meeting or reflection.
    Entry(Box<Writing>),
    /// Reading one entry.
    View(Box<EntryView>),
    /// Open action items.
    Actions(ActionsView),
    /// Every goal, by status.
    Goals(goals::GoalBoard),
    /// One goal: milestones, progress, history.
    GoalDetail(Box<goals::GoalView>),
    /// Adding or editing a goal.
    GoalForm(Box<goals::GoalForm>),
    /// Answering the pulse survey.
    Survey(Box<survey::SurveyForm>),
    /// A relationship's pulse surveys, as trends.
    Pulse(survey::PulseView),
    /// Search.
    Search(Box<search::SearchView>),
    /// Pair review: no private entry is drawn.
    Review(Box<review::ReviewView>),
    /// Session prep.
    Prep(Box<prep::PrepView>),
    /// A relationship's resources and introductions (and the form adding or editing one).
    Resources(Box<resources::ResourcesView>),
    /// A relationship's skills, rated at the start, the midpoint and the end.
    Skills(Box<skills::SkillsView>),
    /// Closing a relationship: the closing review's parts.
    ClosingReview(Box<closing::ClosingReview>),
    /// A closed relationship's summary.
    ClosingSummary(Box<closing_summary::SummaryView>),
}

/// Settings the app takes from the config.
#[derive(Debug, Clone)]
pub struct Settings {
    pub keys: Keys,
    pub date_format: String,
    /// False with `colors = false` or NO_COLOR: the UI uses only bold, reverse and underline.
    pub colors: bool,
    pub theme: ThemeName,
    /// How often the pulse survey is offered, in days; 0 never.
    pub survey_every_days: u32,
    /// Also after this many contacts since the last survey; 0 never.
    pub survey_every_contacts: u32,
}

impl Settings {
    pub fn from_config(config: &Config) -> Settings {
        Settings {
            keys: config.keys.clone(),
            date_format: config.date_format.clone(),
            colors: config.colors,
            theme: config.theme,
            survey_every_days: config.survey_every_days,
            survey_every_contacts: config.survey_every_contacts,
        }
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings::from_config(&Config::default())
    }
}

/// The whole state of the running app.
#[derive(Debug, Clone)]
pub struct App {
    /// The injected clock: every date rule reads this, never the system clock.
    pub now: DateTime<Local>,
    pub screen: Screen,
    /// Popups, the top one last: it gets the keys; closing it shows the one below.
    pub popups: Vec<Popup>,
    /// The relationship selected on home when the person last left it: the bottom of every
    /// way back, so home comes back on the same row.
    pub home_at: Option<uuid::Uuid>,
    pub status: Option<Status>,
    pub profile_name: String,
    pub settings: Settings,
    pub content: &'static Content,
    pub should_quit: bool,
    /// Ctrl-Z was pressed; the terminal layer suspends and clears this.
    pub suspend_requested: bool,
    /// Printed to the shell after the terminal is restored.
    pub farewell: Option<String>,
    /// The terminal's size, for moving through wrapped text.
    pub size: (u16, u16),
    /// How far the help is scrolled, when it is taller than the terminal.
    pub help_scroll: usize,
    /// A long text to open in the external editor; the terminal layer takes it.
    pub external: Option<String>,
    /// Where the external editor's temp file goes (the journal's private directory, or for
    /// an encrypted journal the private in-memory folder when there is one).
    pub private_dir: Option<std::path::PathBuf>,
    /// The journal is encrypted and the editor's file would be plain text on disk: the person
    /// is asked first (see `outside_editor`).
    pub editor_asks: bool,
    /// The text waiting for that answer.
    pub editor_waiting: Option<String>,
    /// How many reflections were started, so each offers a different prompt.
    pub prompt_turn: usize,
    /// The last day due check-ins were looked at (prompts come once a day, and never again
    /// for an earlier day when the clock goes backwards).
    pub due_checked: Option<chrono::NaiveDate>,
    /// The last day waiting closing reviews were looked for (once a day, like due check-ins).
    pub closing_checked: Option<chrono::NaiveDate>,
    /// Set when the journal was found damaged: nothing more is written to it.
    pub damage: Option<crate::health::Damage>,
    /// Texts that could not be saved to a damaged journal, kept in a file beside it.
    pub rescue: crate::health::Rescue,
}

impl App {
    /// Builds the app from the journal: resumes an unfinished walk-through, starts the first
    /// one, or opens the home screen.
    pub fn new(store: &mut Store, now: DateTime<Local>, settings: Settings) -> Result<App> {
        let content = Content::get();
        let profile = store.profile_name()?;
        let profile_name = profile.clone().unwrap_or_default();
        let editor = crate::external::place(
            store
                .path()
                .and_then(|p| p.parent())
                .map(std::path::Path::to_path_buf),
            store.is_encrypted(),
            crate::external::runtime_dir_from_env(),
        );
        let mut app = App {
            now,
            screen: Screen::Home(Home::default()),
            popups: Vec::new(),
            home_at: None,
            status: None,
            profile_name,
            settings,
            content,
            should_quit: false,
            suspend_requested: false,
            farewell: None,
            size: (80, 24),
            help_scroll: 0,
            external: None,
            private_dir: editor.dir,
            editor_asks: editor.ask_first,
            editor_waiting: None,
            prompt_turn: usize::from(now.timestamp().rem_euclid(7) as u8),
            due_checked: None,
            closing_checked: None,
            damage: None,
            rescue: crate::health::Rescue::default(),
        };
        let ctx = app.ctx();
        if let Some(draft) = store.latest_draft_relationship()? {
            let resuming = draft.walkthrough_step.is_some();
            let first = store.relationships()?.is_empty();
            let walk = Walkthrough::resume(store, draft, app.profile_name.clone(), first, &ctx)?;
            if resuming && walk.index > 0 {
                let at = walk.progress();
                app.info(format!(
                    "Welcome back: picking up at {at}; everything you answered is kept."
                ));
            }
            app.screen = Screen::Onboarding(Box::new(walk));
        } else if profile.is_none() {
            let mut rel = crate::domain::Relationship::new_draft(now.with_timezone(&Utc));
            rel.walkthrough_step = Some(steps::Step::Welcome.id());
            store.save_relationship(&rel, now.with_timezone(&Utc))?;
            let walk = Walkthrough::resume(store, rel, String::new(), true, &ctx)?;
            app.screen = Screen::Onboarding(Box::new(walk));
        } else if let Some(restored) = app.restore_pending_edit(store)? {
            app.screen = Screen::Onboarding(Box::new(restored));
        } else {
            let home = Home::load(store, now.date_naive())?;
            // The check-in states home just read are the ones the due prompt looks at.
            let due = home.due.clone();
            app.screen = Screen::Home(home);
            app.offer_entry_draft(store)?;
            checkins::check_with(&mut app, store, Some(due))?;
        }
        app.tell_left_out(store);
        Ok(app)
    }

    /// When readers left out rows they could not read since the last look, says so on the
    /// status line (once per row; an error already shown there stays).
    pub fn tell_left_out(&mut self, store: &Store) {
        let n = store.take_left_out();
        if n == 0 {
            return;
        }
        let notice = crate::store::left_out_notice(n);
        match &self.status {
            Some(Status {
                kind: StatusKind::Error,
                ..
            }) => {}
            Some(Status { text, .. }) => {
                let text = format!("{text} {notice}");
                self.info(text);
            }
            None => self.info(notice),
        }
    }

    /// An edit of an agreed relationship left unsaved by a crash is opened again.
    fn restore_pending_edit(&mut self, store: &Store) -> Result<Option<Walkthrough>> {
        let drafts = store.drafts_with_prefix("walkthrough:")?;
        // The agreed relationships are read only when an edit was left unsaved.
        let agreed = if drafts.is_empty() {
            Vec::new()
        } else {
            store.relationships()?
        };
        for draft in drafts {
            let mut parts = draft.key.splitn(3, ':').skip(1);
            let (Some(id), Some(step)) = (parts.next(), parts.next()) else {
                continue;
            };
            let Some(rel) = agreed.iter().find(|r| r.id.to_string() == id) else {
                continue;
            };
            let Some(step) = steps::Step::from_id(step) else {
                continue;
            };
            let ctx = self.ctx();
            let walk = Walkthrough::edit_one(
                store,
                rel.clone(),
                self.profile_name.clone(),
                step.clone(),
                &ctx,
            )?;
            let at = draft.updated_at.with_timezone(&Local).format("%H:%M");
            self.info(format!(
                "Unsaved change to \"{}\" from {at} restored: {} saves it, {} discards it.",
                step.label(self.content),
                self.key_label(
                    crate::config::Context::Walkthrough,
                    crate::config::Command::Confirm
                ),
                self.key_label(
                    crate::config::Context::Walkthrough,
                    crate::config::Command::Back
                )
            ));
            return Ok(Some(walk));
        }
        Ok(None)
    }

    /// Asks about the newest entry draft left by a crash, if there is one.
    pub fn offer_entry_draft(&mut self, store: &Store) -> Result<()> {
        let mut drafts = store.drafts_with_prefix(entry::DRAFT_PREFIX)?;
        drafts.extend(store.drafts_with_prefix(goals::DRAFT_PREFIX)?);
        drafts.sort_by_key(|d| std::cmp::Reverse(d.updated_at));
        if let Some(d) = drafts.into_iter().next() {
            let what = if d.key.starts_with("entry:meeting:") {
                "meeting"
            } else if d.key.starts_with(goals::DRAFT_PREFIX) {
                "goal"
            } else {
                "reflection"
            };
            let local = d.updated_at.with_timezone(&Local);
            let at = if local.date_naive() == self.now.date_naive() {
                local.format("%H:%M").to_string()
            } else {
                format!(
                    "{} {}",
                    self.date(local.date_naive()),
                    local.format("%H:%M")
                )
            };
            self.push_popup(Popup::ResumeDraft {
                key: d.key,
                what: what.to_string(),
                at,
            });
        }
        Ok(())
    }

    /// The popup on top, which gets the keys.
    pub fn popup(&self) -> Option<&Popup> {
        self.popups.last()
    }

    pub fn popup_mut(&mut self) -> Option<&mut Popup> {
        self.popups.last_mut()
    }

    /// Opens a popup over the screen and any popup already open.
    pub fn push_popup(&mut self, popup: Popup) {
        self.popups.push(popup);
    }

    /// Closes the top popup; the one below (if any) is back.
    pub fn pop_popup(&mut self) -> Option<Popup> {
        self.popups.pop()
    }

    /// The top popup becomes `popup` (a popup moving to its next state); opens it when none
    /// is open.
    pub fn set_popup(&mut self, popup: Popup) {
        self.popups.pop();
        self.popups.push(popup);
    }

    /// Closes the top popup (a statement form of [`App::pop_popup`]).
    pub fn close_popup(&mut self) {
        self.popups.pop();
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            kind: StatusKind::Info,
            text: text.into(),
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            kind: StatusKind::Error,
            text: text.into(),
        });
    }

    pub(crate) fn ctx(&self) -> Ctx<'static> {
        Ctx {
            now: self.now,
            content: self.content,
            width: self.size.0,
        }
    }

    /// True when the cursor is in a text field, so letters are typed rather than commands.
    pub fn typing(&self) -> bool {
        self.popups.is_empty()
            && match &self.screen {
                Screen::Onboarding(w) => w.form.on_field(),
                Screen::Entry(_) | Screen::GoalForm(_) | Screen::Survey(_) | Screen::Search(_) => {
                    true
                }
                Screen::Timeline(t) => t.panel.is_some(),
                Screen::GoalDetail(v) => v.panel.is_some(),
                Screen::Resources(v) => v.form.is_some(),
                Screen::Skills(v) => v.panel.is_some(),
                _ => false,
            }
    }

    /// Formats a date with the configured format.
    pub fn date(&self, d: chrono::NaiveDate) -> String {
        d.format(&self.settings.date_format).to_string()
    }
}
