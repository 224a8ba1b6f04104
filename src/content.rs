//! The embedded question bank, topics and mentoring models (assets/*.toml).

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

mod voices;
pub use voices::{Prompt, STATEMENTS, Statement, parse_evaluation, parse_prompts};

use crate::domain::AnswerValue;

const QUESTIONS_TOML: &str = include_str!("../assets/questions.toml");
const TOPICS_TOML: &str = include_str!("../assets/topics.toml");
const MODELS_TOML: &str = include_str!("../assets/models.toml");
const PROMPTS_TOML: &str = include_str!("../assets/prompts.toml");
const EVALUATION_TOML: &str = include_str!("../assets/evaluation.toml");

/// Who a question is asked of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Agreed by mentee and mentor together.
    Both,
    /// Asked of the mentee only.
    Mentee,
    /// Asked of the mentor only.
    Mentor,
}

/// What shape of answer a question expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    /// Free text.
    Text,
    /// A list of intended outcomes (with suggestions).
    Outcomes,
    /// Hours per month.
    Hours,
    /// How long the relationship lasts.
    Duration,
    /// Who contacts whom, and how often.
    Contact,
    /// How quickly questions are answered.
    Response,
    /// How the two meet (in person, phone, video, ...).
    Media,
    /// The hours a month each person can give (an earlier single number still reads).
    HoursEach,
    /// Who books meetings, sets the agenda, takes notes and keeps track of goals.
    Duties,
    /// One of the suggestions, or the person's own words.
    Pick,
}

impl AnswerKind {
    /// The kind of answer a stored value is.
    pub fn of(value: &AnswerValue) -> AnswerKind {
        match value {
            AnswerValue::Text { .. } => AnswerKind::Text,
            AnswerValue::Outcomes { .. } => AnswerKind::Outcomes,
            AnswerValue::Hours { .. } => AnswerKind::Hours,
            AnswerValue::Duration { .. } => AnswerKind::Duration,
            AnswerValue::Contact { .. } => AnswerKind::Contact,
            AnswerValue::Response { .. } => AnswerKind::Response,
            AnswerValue::Media { .. } => AnswerKind::Media,
            AnswerValue::TimeEach { .. } => AnswerKind::HoursEach,
            AnswerValue::Duties { .. } => AnswerKind::Duties,
            AnswerValue::Pick { .. } => AnswerKind::Pick,
        }
    }

    /// True when a question of this kind reads `value`: its own shape, or the shape an
    /// earlier version of the question saved (one number of hours for the time question).
    pub fn reads(self, value: &AnswerValue) -> bool {
        let kind = AnswerKind::of(value);
        kind == self || (self == AnswerKind::HoursEach && kind == AnswerKind::Hours)
    }

    /// The kind's name in messages: "a text answer", "a per-person-hours answer".
    pub fn name(self) -> &'static str {
        match self {
            AnswerKind::Text => "text",
            AnswerKind::Outcomes => "outcomes",
            AnswerKind::Hours => "hours",
            AnswerKind::Duration => "duration",
            AnswerKind::Contact => "contact",
            AnswerKind::Response => "response",
            AnswerKind::Media => "media",
            AnswerKind::HoursEach => "per-person-hours",
            AnswerKind::Duties => "who-does-what",
            AnswerKind::Pick => "pick",
        }
    }

    /// Kinds whose answers are picked from the question's suggestions.
    pub fn has_suggestions(self) -> bool {
        matches!(self, AnswerKind::Outcomes | AnswerKind::Pick)
    }
}

/// One question of the agreement.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable identifier, stored with answers.
    pub id: String,
    /// Who answers it.
    #[serde(rename = "for")]
    pub audience: Audience,
    /// The kind of answer expected.
    pub kind: AnswerKind,
    /// Private answers are never shown to the other person.
    pub private: bool,
    /// A short name for lists: the review page, the agreement screen (at most 22 chars).
    pub label: String,
    /// The question itself.
    pub text: String,
    /// One short guidance line shown under the question.
    pub guidance: String,
    /// Ready-made answers; only for `outcomes` and `pick` questions.
    #[serde(default)]
    pub suggestions: Vec<String>,
}

/// Title and guidance line of one walkthrough step.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepText {
    /// Step heading.
    pub title: String,
    /// One short guidance line.
    pub guidance: String,
}

/// Texts of the fixed walkthrough steps.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Steps {
    /// The person's own name.
    pub name: StepText,
    /// Their role in the relationship.
    pub role: StepText,
    /// The other person's name.
    pub other: StepText,
    /// The mentoring model.
    pub model: StepText,
    /// Focus topics.
    pub topics: StepText,
    /// Review of every answer before saving.
    pub review: StepText,
}

/// The welcome screen.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Welcome {
    /// Heading.
    pub title: String,
    /// Hard-wrapped body text.
    pub body: String,
}

/// A focus topic.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Stable snake_case identifier.
    pub id: String,
    /// Display label.
    pub label: String,
}

/// A mentoring model (formal, peer, reverse, ...).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// Stable snake_case identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// One-line description.
    pub summary: String,
}

/// Everything the app shows that is not user data.
#[derive(Debug, Clone)]
pub struct Content {
    /// The welcome screen.
    pub welcome: Welcome,
    /// Texts of the fixed walkthrough steps.
    pub steps: Steps,
    /// What mentoring is; shown beside the boundaries question.
    pub mentoring_is: Vec<String>,
    /// What mentoring is not; shown beside the boundaries question, under what it is.
    pub reminders: Vec<String>,
    /// The agreement's no-fault line: either person may end the relationship without blame.
    pub no_fault: String,
    /// Agreement questions, in the order they are asked.
    pub questions: Vec<Question>,
    /// Focus topics, in display order.
    pub topics: Vec<Topic>,
    /// Mentoring models, in display order.
    pub models: Vec<Model>,
    /// Reflection prompts.
    pub prompts: Vec<Prompt>,
    /// The pulse survey's statements.
    pub statements: Vec<Statement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Boundaries {
    is: Vec<String>,
    reminders: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Ending {
    no_fault: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionsFile {
    welcome: Welcome,
    steps: Steps,
    boundaries: Boundaries,
    ending: Ending,
    question: Vec<Question>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    topic: Vec<Topic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelsFile {
    model: Vec<Model>,
}

/// Err if `value` is blank.
fn non_empty(what: &str, value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        Err(format!("{what} is empty"))
    } else {
        Ok(())
    }
}

/// Err naming the first id that appears twice.
fn unique_ids<'a>(what: &str, ids: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(format!("duplicate {what} id \"{id}\""));
        }
    }
    Ok(())
}

impl Content {
    /// The content embedded at build time, parsed once.
    ///
    /// # Panics
    /// Only if the embedded assets are malformed, which the unit tests rule out.
    pub fn get() -> &'static Content {
        static CONTENT: OnceLock<Content> = OnceLock::new();
        CONTENT.get_or_init(|| {
            let mut content = Content::parse(QUESTIONS_TOML, TOPICS_TOML, MODELS_TOML)
                .unwrap_or_else(|e| panic!("embedded content is malformed: {e}"));
            content.prompts = parse_prompts(PROMPTS_TOML)
                .unwrap_or_else(|e| panic!("embedded prompts are malformed: {e}"));
            content.statements = parse_evaluation(EVALUATION_TOML)
                .unwrap_or_else(|e| panic!("embedded survey is malformed: {e}"));
            content
        })
    }

    /// Parse and validate content from the text of the three asset files.
    pub fn parse(questions: &str, topics: &str, models: &str) -> Result<Content, String> {
        let q: QuestionsFile =
            toml::from_str(questions).map_err(|e| format!("questions.toml: {e}"))?;
        let t: TopicsFile = toml::from_str(topics).map_err(|e| format!("topics.toml: {e}"))?;
        let m: ModelsFile = toml::from_str(models).map_err(|e| format!("models.toml: {e}"))?;

        non_empty("welcome title", &q.welcome.title)?;
        non_empty("welcome body", &q.welcome.body)?;
        let steps = [
            ("name", &q.steps.name),
            ("role", &q.steps.role),
            ("other", &q.steps.other),
            ("model", &q.steps.model),
            ("topics", &q.steps.topics),
            ("review", &q.steps.review),
        ];
        for (key, step) in steps {
            non_empty(&format!("step \"{key}\" title"), &step.title)?;
            non_empty(&format!("step \"{key}\" guidance"), &step.guidance)?;
        }
        if q.boundaries.reminders.is_empty() || q.boundaries.is.is_empty() {
            return Err("boundaries lists (is, reminders) must not be empty".into());
        }
        for r in q.boundaries.reminders.iter().chain(&q.boundaries.is) {
            non_empty("a boundaries reminder", r)?;
        }
        non_empty("the ending's no-fault line", &q.ending.no_fault)?;

        if q.question.is_empty() {
            return Err("no questions defined".into());
        }
        for qu in &q.question {
            non_empty("a question id", &qu.id)?;
            non_empty(&format!("question \"{}\" text", qu.id), &qu.text)?;
            non_empty(&format!("question \"{}\" label", qu.id), &qu.label)?;
            non_empty(&format!("question \"{}\" guidance", qu.id), &qu.guidance)?;
            if qu.kind.has_suggestions() {
                if qu.suggestions.is_empty() {
                    return Err(format!(
                        "question \"{}\" is of kind {:?} but has no suggestions",
                        qu.id, qu.kind
                    )
                    .to_lowercase());
                }
                for s in &qu.suggestions {
                    non_empty(&format!("a suggestion of question \"{}\"", qu.id), s)?;
                }
            } else if !qu.suggestions.is_empty() {
                return Err(format!(
                    "question \"{}\" has suggestions, but only outcomes and pick questions may",
                    qu.id
                ));
            }
        }
        unique_ids("question", q.question.iter().map(|x| x.id.as_str()))?;

        if t.topic.is_empty() {
            return Err("no topics defined".into());
        }
        for topic in &t.topic {
            non_empty("a topic id", &topic.id)?;
            non_empty(&format!("topic \"{}\" label", topic.id), &topic.label)?;
        }
        unique_ids("topic", t.topic.iter().map(|x| x.id.as_str()))?;

        if m.model.is_empty() {
            return Err("no models defined".into());
        }
        for model in &m.model {
            non_empty("a model id", &model.id)?;
            non_empty(&format!("model \"{}\" name", model.id), &model.name)?;
            non_empty(&format!("model \"{}\" summary", model.id), &model.summary)?;
        }
        unique_ids("model", m.model.iter().map(|x| x.id.as_str()))?;

        Ok(Content {
            welcome: q.welcome,
            steps: q.steps,
            mentoring_is: q.boundaries.is,
            reminders: q.boundaries.reminders,
            no_fault: q.ending.no_fault,
            questions: q.question,
            topics: t.topic,
            models: m.model,
            prompts: Vec::new(),
            statements: Vec::new(),
        })
    }

    /// The prompts offered to someone in `role`.
    pub fn prompts_for(&self, role: Option<crate::domain::Role>) -> Vec<&Prompt> {
        self.prompts
            .iter()
            .filter(|p| p.rotate)
            .filter(|p| match (p.audience, role) {
                (Audience::Both, _) | (_, None | Some(crate::domain::Role::Peer)) => true,
                (Audience::Mentee, Some(r)) => r == crate::domain::Role::Mentee,
                (Audience::Mentor, Some(r)) => r == crate::domain::Role::Mentor,
            })
            .collect()
    }

    /// The prompt with this id.
    pub fn prompt(&self, id: &str) -> Option<&Prompt> {
        self.prompts.iter().find(|p| p.id == id)
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The display label of the topic with this id.
    pub fn topic_label(&self, id: &str) -> Option<&str> {
        self.topics
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.label.as_str())
    }

    /// The mentoring model with this id.
    pub fn model(&self, id: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.id == id)
    }

    /// The questions a relationship is asked, in order. Until the role is chosen, the
    /// mentee's questions are counted, so "step N of M" stays steady.
    pub fn questions_for(&self, role: Option<crate::domain::Role>) -> Vec<&Question> {
        use crate::domain::Role;
        let audience = match role.unwrap_or(Role::Mentee) {
            Role::Mentor => Audience::Mentor,
            Role::Mentee | Role::Peer => Audience::Mentee,
        };
        self.questions
            .iter()
            .filter(|q| q.audience == Audience::Both || q.audience == audience)
            .collect()
    }

    /// A model's name, or its id when the model is not (or no longer) known.
    pub fn model_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.model(id).map_or(id, |m| m.name.as_str())
    }

    /// Topic ids as their labels, joined with commas.
    pub fn topic_labels(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|t| self.topic_label(t).unwrap_or(t))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests;
