//! The walk-through's steps: which there are for a role, the form each one shows, and what a
//! filled-in form means.

pub use super::step_forms::{build_form, read_form};
use crate::content::Content;
use crate::domain::{Agreement, AnswerValue, Relationship, Role};

/// One screen of the walk-through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Welcome,
    Name,
    Role,
    Other,
    Model,
    Topics,
    /// A question from the content, by id.
    Question(String),
    Review,
}

impl Step {
    /// The stable id stored as the resume point.
    pub fn id(&self) -> String {
        match self {
            Step::Welcome => "welcome".into(),
            Step::Name => "name".into(),
            Step::Role => "role".into(),
            Step::Other => "other".into(),
            Step::Model => "model".into(),
            Step::Topics => "topics".into(),
            Step::Question(q) => format!("q:{q}"),
            Step::Review => "review".into(),
        }
    }

    pub fn from_id(id: &str) -> Option<Step> {
        Some(match id {
            "welcome" => Step::Welcome,
            "name" => Step::Name,
            "role" => Step::Role,
            "other" => Step::Other,
            "model" => Step::Model,
            "topics" => Step::Topics,
            "review" => Step::Review,
            q => Step::Question(q.strip_prefix("q:")?.to_string()),
        })
    }

    /// A short label for the review page and the agreement screen.
    pub fn label(&self, content: &Content) -> String {
        match self {
            Step::Welcome => "Welcome".into(),
            Step::Name => "Your name".into(),
            Step::Role => "Your role".into(),
            Step::Other => "The other person".into(),
            Step::Model => "Mentoring model".into(),
            Step::Topics => "Focus topics".into(),
            Step::Review => "Review".into(),
            Step::Question(id) => content
                .question(id)
                .map_or_else(|| id.clone(), |q| q.label.clone()),
        }
    }

    /// Steps that must be answered before moving on.
    pub fn required(&self) -> bool {
        matches!(self, Step::Name | Step::Role | Step::Other)
    }
}

/// The role whose own questions a relationship gets: peers answer the mentee's questions,
/// since both sides are there to learn.
/// The questions a relationship is asked, in order.
pub fn questions_for(role: Option<Role>, content: &Content) -> Vec<&crate::content::Question> {
    content.questions_for(role)
}

/// Every step, in order. `with_profile` adds the welcome and name steps of a first run.
pub fn steps_for(with_profile: bool, role: Option<Role>, content: &Content) -> Vec<Step> {
    let mut steps = Vec::new();
    if with_profile {
        steps.extend([Step::Welcome, Step::Name]);
    }
    steps.extend([Step::Role, Step::Other, Step::Model, Step::Topics]);
    steps.extend(
        questions_for(role, content)
            .into_iter()
            .map(|q| Step::Question(q.id.clone())),
    );
    steps.push(Step::Review);
    steps
}

/// What a completed step gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepValue {
    Nothing,
    Name(String),
    Role(Role),
    Other(String),
    Model(Option<String>),
    Topics(Vec<String>),
    /// `None` when the question was skipped or cleared.
    Answer(Option<AnswerValue>),
}

/// A one-line summary of a step's saved value, for the review page and the agreement screen.
pub fn summary(
    step: &Step,
    profile_name: &str,
    rel: &Relationship,
    agreement: &Agreement,
    content: &Content,
) -> Option<String> {
    let text = match step {
        Step::Welcome | Step::Review => return None,
        Step::Name => profile_name.to_string(),
        Step::Role => rel
            .my_role
            .map(|r| r.label().to_string())
            .unwrap_or_default(),
        Step::Other => rel.other_name.clone(),
        Step::Model => rel
            .model
            .as_deref()
            .map(|m| {
                content
                    .model(m)
                    .map_or_else(|| m.to_string(), |m| m.name.clone())
            })
            .unwrap_or_default(),
        Step::Topics => rel
            .topics
            .iter()
            .map(|t| content.topic_label(t).unwrap_or(t).to_string())
            .collect::<Vec<_>>()
            .join(", "),
        Step::Question(id) => agreement
            .get(id)
            .map(|v| v.summary(rel.display_name()))
            .unwrap_or_default(),
    };
    if text.trim().is_empty() {
        None
    } else {
        Some(text)
    }
}
