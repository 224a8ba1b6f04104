//! The popups: every modal that lies over a screen, the one yes/no question among them, and
//! the typed reply of a popup's keys.
//!
//! Popups lie on a stack (`App::popups`): the top one gets the keys, and closing it shows the
//! one below again. Every yes/no question is one kind, [`Popup::Confirm`], carrying its words
//! and what happens on each answer as a [`Then`].

use uuid::Uuid;

use super::Action;

/// A modal on top of the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Help,
    /// A yes/no question: its words and what each answer does (see [`popup`]).
    Confirm {
        ask: Ask,
        on_yes: Then,
        on_no: Then,
    },
    /// Saving a shared meeting that holds lines from a private reflection: y shares these
    /// exact words, n goes back to the form with everything kept.
    SharePrivate {
        /// The other person's name.
        name: String,
        /// The lines as they would be shared.
        lines: Vec<String>,
        scroll: usize,
    },
    /// An entry draft left by a crash or a closed window: resume or discard.
    ResumeDraft {
        key: String,
        what: String,
        at: String,
    },
    /// Choosing a goal's next status among those allowed.
    GoalStatus {
        goal: uuid::Uuid,
        from: crate::domain::GoalStatus,
        cursor: usize,
    },
    /// The self-rating (1-5) when a goal is achieved.
    FinalRating {
        goal: uuid::Uuid,
    },
    /// Due and overdue check-ins, one relationship at a time.
    Due {
        items: Vec<super::checkins::DueItem>,
        at: usize,
        panel: Option<super::checkins::DuePanel>,
    },
    /// A relationship reached its midpoint, nears its planned end, or reached it.
    Arc {
        relationship: uuid::Uuid,
        name: String,
        point: crate::domain::checkin::ArcPoint,
        end: chrono::NaiveDate,
        /// The agreement beside what happened, shown above the choices.
        reality: Option<super::arc::ArcReality>,
        panel: Option<super::fields::Fields>,
    },
    /// The regular pulse survey is due: y takes it, n skips this one.
    SurveyOffer {
        relationship: uuid::Uuid,
        name: String,
        /// Stored with the survey: "monthly", "contacts", …
        reason: String,
        /// The offer's first words: "Time for the monthly pulse".
        why: String,
    },
    /// How check-ins are scheduled for a relationship.
    Plan {
        relationship: uuid::Uuid,
        name: String,
        fields: super::fields::Fields,
    },
    /// The journal is damaged: what that means and the way back. It lies over whatever
    /// popup was open, which is back when it closes.
    Damaged {},
    /// One side's sign-off of an agreement version, with its day.
    SignOff {
        relationship: uuid::Uuid,
        who: crate::domain::Side,
        /// The name signed with: mine, or the other person's.
        name: String,
        version: u32,
        fields: super::fields::Fields,
    },
    /// Pause, resume, close or reopen a relationship, with an optional reason.
    Life {
        relationship: uuid::Uuid,
        name: String,
        /// Where it stands now, in words: "paused since 2026-11-20 (a holiday)".
        now: String,
        fields: super::fields::Fields,
    },
    /// A closing review waits (closed from the command line, or left for later): y carries
    /// on with it, n or Esc asks again tomorrow.
    ClosingOffer {
        relationship: uuid::Uuid,
        name: String,
    },
}

/// The words of a yes/no question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    pub title: String,
    pub message: String,
    /// What `y` does, in a few words: "discard the change".
    pub yes: String,
    /// What `n` does: "keep editing".
    pub no: String,
}

impl Ask {
    pub fn new(title: &str, message: impl Into<String>, yes: &str, no: &str) -> Ask {
        Ask {
            title: title.to_string(),
            message: message.into(),
            yes: yes.to_string(),
            no: no.to_string(),
        }
    }
}

/// What answering a question does, after the question closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    /// Nothing more: the popup below (or the screen) is back.
    Nothing,
    /// Save the changed answer, then quit.
    SaveAndQuit,
    /// Drop the changed answer, then quit.
    DiscardEditAndQuit,
    /// Drop the changed answer and return to the agreement.
    DiscardEdit,
    /// Drop the new relationship begun in the walk-through.
    DiscardNew,
    /// Leave the meeting or reflection form without saving.
    DiscardEntry,
    /// Leave the goal form without saving.
    DiscardGoal,
    /// Leave the half-answered survey.
    DiscardSurvey,
    /// Delete everything in the trash for good.
    EmptyTrash,
    /// Quit (asked for from the help).
    Quit,
    /// Share the private lines just shown, then save the meeting.
    ShareAndSave,
    /// Back to the meeting form unsaved, at the first private line.
    KeepPrivate,
    /// Open this entry or goal draft again.
    ResumeDraft { key: String, what: String },
    /// Delete this draft, then offer the next one.
    DiscardDraft { key: String, what: String },
    /// Keep the draft (its "what") to be offered next time.
    KeepDraft(String),
    /// Move a goal to a new status, with the final self-rating when achieved.
    SetGoalStatus {
        goal: Uuid,
        to: crate::domain::GoalStatus,
        rating: Option<u8>,
    },
    /// Take the offered survey.
    TakeSurvey { relationship: Uuid, reason: String },
    /// Skip this survey: the next one is offered after the usual interval.
    SkipSurvey(Uuid),
    /// Offer the survey again another day.
    SurveyLater,
    /// Close the resource form without saving.
    DiscardResource,
    /// Carry on with this relationship's closing review.
    ContinueClosing(Uuid),
    /// Offer this relationship's closing review again tomorrow.
    ClosingLater(Uuid),
    /// Hand the waiting text to the external editor after all.
    OpenEditor,
    /// Keep the waiting text in the app's own editor.
    KeepInApp,
}

/// What a popup's key handling asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The popup stays (the key changed it, or meant nothing here).
    Keep,
    /// The popup closes; the one below is back.
    Close,
    /// The popup closes, then this is done.
    CloseThen(Then),
}

/// The keys of a yes/no question: y does `on_yes`, n does `on_no`, Esc only closes.
pub fn confirm_reply(on_yes: &Then, on_no: &Then, action: &Action) -> Reply {
    match action {
        Action::Yes => Reply::CloseThen(on_yes.clone()),
        Action::No => Reply::CloseThen(on_no.clone()),
        Action::Back | Action::Quit => Reply::Close,
        _ => Reply::Keep,
    }
}

/// The help closes on any key; `q` also quits.
pub fn help_reply(action: &Action) -> Reply {
    match action {
        Action::Quit => Reply::CloseThen(Then::Quit),
        _ => Reply::Close,
    }
}

/// The damaged-journal notice closes only on Esc or Enter, so a stray key cannot hide it.
pub fn damaged_reply(action: &Action) -> Reply {
    match action {
        Action::Back | Action::Confirm => Reply::Close,
        _ => Reply::Keep,
    }
}

/// A draft left by a crash: y resumes it, n discards it (and offers the next), Esc keeps it.
pub fn resume_reply(key: &str, what: &str, action: &Action) -> Reply {
    let (key, what) = (key.to_string(), what.to_string());
    match action {
        Action::Yes => Reply::CloseThen(Then::ResumeDraft { key, what }),
        Action::No => Reply::CloseThen(Then::DiscardDraft { key, what }),
        Action::Back => Reply::CloseThen(Then::KeepDraft(what)),
        Action::Quit => Reply::Close,
        _ => Reply::Keep,
    }
}

impl Popup {
    /// A yes/no question whose "no" only closes it.
    pub fn confirm(ask: Ask, on_yes: Then) -> Popup {
        Popup::Confirm {
            ask,
            on_yes,
            on_no: Then::Nothing,
        }
    }

    /// Quit with an unsaved answer: y saves and quits, n quits without saving.
    pub fn quit_unsaved() -> Popup {
        Popup::Confirm {
            ask: Ask::new(
                "Unsaved change",
                "You changed this answer but did not save it.",
                "save it and quit",
                "quit without saving",
            ),
            on_yes: Then::SaveAndQuit,
            on_no: Then::DiscardEditAndQuit,
        }
    }

    /// Esc on a changed answer.
    pub fn discard_edit() -> Popup {
        Popup::confirm(
            Ask::new(
                "Discard change?",
                "You changed this answer but did not save it.",
                "discard the change",
                "keep editing",
            ),
            Then::DiscardEdit,
        )
    }

    /// Esc on the first step of a new relationship.
    pub fn discard_new() -> Popup {
        Popup::confirm(
            Ask::new(
                "Stop adding this relationship?",
                "The answers given so far for this new relationship would be discarded.",
                "discard it",
                "keep going",
            ),
            Then::DiscardNew,
        )
    }

    /// A meeting or reflection form left with unsaved changes.
    pub fn discard_entry() -> Popup {
        Popup::confirm(
            Ask::new(
                "Leave without saving?",
                "What you changed here is not saved yet.",
                "leave and discard the changes",
                "keep writing",
            ),
            Then::DiscardEntry,
        )
    }

    /// A goal form left with unsaved changes.
    pub fn discard_goal() -> Popup {
        Popup::confirm(
            Ask::new(
                "Leave without saving?",
                "What you changed in this goal is not saved yet.",
                "leave and discard the changes",
                "keep editing",
            ),
            Then::DiscardGoal,
        )
    }

    /// A survey left half-answered.
    pub fn discard_survey() -> Popup {
        Popup::confirm(
            Ask::new(
                "Leave the survey?",
                "The answers given so far are not saved.",
                "leave without saving",
                "keep answering",
            ),
            Then::DiscardSurvey,
        )
    }

    /// Delete the `count` entries in the trash for good?
    pub fn empty_trash(count: usize) -> Popup {
        Popup::confirm(
            Ask::new(
                "Empty the trash?",
                format!(
                    "{count} entr{} in the trash will be deleted for good. This cannot be undone.",
                    if count == 1 { "y" } else { "ies" }
                ),
                "delete them for good",
                "keep them",
            ),
            Then::EmptyTrash,
        )
    }
}

/// A resource form left with unsaved changes.
pub fn discard_resource() -> Popup {
    Popup::confirm(
        Ask::new(
            "Leave without saving?",
            "What you typed in this resource is not saved yet.",
            "leave and discard it",
            "keep editing",
        ),
        Then::DiscardResource,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_do_what_the_question_carries_and_esc_only_closes() {
        let yes = Then::EmptyTrash;
        let no = Then::Nothing;
        assert_eq!(
            confirm_reply(&yes, &no, &Action::Yes),
            Reply::CloseThen(Then::EmptyTrash)
        );
        assert_eq!(
            confirm_reply(&yes, &no, &Action::No),
            Reply::CloseThen(Then::Nothing)
        );
        assert_eq!(confirm_reply(&yes, &no, &Action::Back), Reply::Close);
        assert_eq!(confirm_reply(&yes, &no, &Action::Down), Reply::Keep);
    }

    #[test]
    fn a_draft_is_resumed_on_yes_discarded_on_no_and_kept_on_esc() {
        let key = "entry:new:1";
        let what = "meeting";
        assert_eq!(
            resume_reply(key, what, &Action::Yes),
            Reply::CloseThen(Then::ResumeDraft {
                key: key.into(),
                what: what.into()
            })
        );
        assert_eq!(
            resume_reply(key, what, &Action::No),
            Reply::CloseThen(Then::DiscardDraft {
                key: key.into(),
                what: what.into()
            })
        );
        assert_eq!(
            resume_reply(key, what, &Action::Back),
            Reply::CloseThen(Then::KeepDraft(what.into()))
        );
        assert_eq!(resume_reply(key, what, &Action::Down), Reply::Keep);
    }

    #[test]
    fn the_help_closes_on_any_key_and_quits_on_quit() {
        assert_eq!(help_reply(&Action::Down), Reply::Close);
        assert_eq!(help_reply(&Action::Quit), Reply::CloseThen(Then::Quit));
        assert_eq!(damaged_reply(&Action::Down), Reply::Keep);
        assert_eq!(damaged_reply(&Action::Back), Reply::Close);
    }
}
