//! The reflection prompts (assets/prompts.toml) and the pulse survey's statements
//! (assets/evaluation.toml), each worded for the role of the person who reads it.

use serde::Deserialize;

use super::{Audience, non_empty, unique_ids};
use crate::domain::Role;

/// A reflection prompt.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    /// Stable identifier, stored with a reflection that answers it.
    pub id: String,
    /// Who it is offered to.
    #[serde(rename = "for")]
    pub audience: Audience,
    /// The prompt itself.
    pub text: String,
    /// The wording for peers, where the usual one speaks of a mentor or a mentee.
    #[serde(default)]
    pub peer: Option<String>,
    /// Offered in the usual rotation (the closing prompt is not).
    #[serde(default = "yes")]
    pub rotate: bool,
}

fn yes() -> bool {
    true
}

impl Prompt {
    /// The wording for someone in `role`: peers read the peer wording when there is one.
    pub fn text_for(&self, role: Option<Role>) -> &str {
        match (role, &self.peer) {
            (Some(Role::Peer), Some(peer)) => peer,
            _ => &self.text,
        }
    }
}

/// A statement of the pulse survey, worded for each role.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub id: String,
    pub mentee: String,
    pub mentor: String,
    /// The wording for peers; without one they read the mentee's.
    #[serde(default)]
    pub peer: Option<String>,
}

impl Statement {
    /// The wording for someone in `role`.
    pub fn text(&self, role: Option<Role>) -> &str {
        match role {
            Some(Role::Mentor) => &self.mentor,
            Some(Role::Peer) => self.peer.as_deref().unwrap_or(&self.mentee),
            _ => &self.mentee,
        }
    }
}

/// How many statements the pulse survey may have: enough to say something, few enough to
/// answer in a minute.
pub const STATEMENTS: std::ops::RangeInclusive<usize> = 5..=10;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EvaluationFile {
    statement: Vec<Statement>,
}

/// Parses and checks assets/evaluation.toml: 5 to 10 statements, unique ids, no blanks.
pub fn parse_evaluation(text: &str) -> Result<Vec<Statement>, String> {
    let e: EvaluationFile = toml::from_str(text).map_err(|e| format!("evaluation.toml: {e}"))?;
    if !STATEMENTS.contains(&e.statement.len()) {
        return Err(format!(
            "the pulse survey has {} statements; it should have {} to {}",
            e.statement.len(),
            STATEMENTS.start(),
            STATEMENTS.end()
        ));
    }
    for st in &e.statement {
        non_empty("a statement id", &st.id)?;
        non_empty(&format!("statement \"{}\" for mentees", st.id), &st.mentee)?;
        non_empty(&format!("statement \"{}\" for mentors", st.id), &st.mentor)?;
        if let Some(peer) = &st.peer {
            non_empty(&format!("statement \"{}\" for peers", st.id), peer)?;
        }
    }
    unique_ids("statement", e.statement.iter().map(|x| x.id.as_str()))?;
    Ok(e.statement)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PromptsFile {
    prompt: Vec<Prompt>,
}

/// Parses and checks assets/prompts.toml.
pub fn parse_prompts(text: &str) -> Result<Vec<Prompt>, String> {
    let p: PromptsFile = toml::from_str(text).map_err(|e| format!("prompts.toml: {e}"))?;
    if p.prompt.is_empty() {
        return Err("no prompts defined".into());
    }
    for prompt in &p.prompt {
        non_empty("a prompt id", &prompt.id)?;
        non_empty(&format!("prompt \"{}\" text", prompt.id), &prompt.text)?;
        if let Some(peer) = &prompt.peer {
            non_empty(&format!("prompt \"{}\" for peers", prompt.id), peer)?;
        }
    }
    unique_ids("prompt", p.prompt.iter().map(|x| x.id.as_str()))?;
    Ok(p.prompt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;

    #[test]
    fn the_pulse_survey_asks_one_thing_per_statement_worded_per_role() {
        let c = Content::get();
        assert!(STATEMENTS.contains(&c.statements.len()));
        let heard = c.statements.iter().find(|s| s.id == "heard").unwrap();
        assert_ne!(
            heard.text(Some(Role::Mentor)),
            heard.text(Some(Role::Mentee))
        );
        for st in &c.statements {
            for role in [Role::Mentee, Role::Mentor, Role::Peer] {
                let text = st.text(Some(role));
                assert!(
                    !text.contains(", and ") && !text.contains(" and my "),
                    "{} asks two things of a {role:?}: {text}",
                    st.id
                );
            }
        }
        // Surveys stored earlier keep their meaning: these ids stay, as does their order.
        let ids: Vec<&str> = c.statements.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            &ids[..7],
            [
                "progress",
                "useful",
                "open",
                "time",
                "heard",
                "confidence",
                "boundaries"
            ]
        );
        assert!(ids.contains(&"safe"), "a statement on raising hard topics");
        assert!(
            parse_evaluation("statement = []")
                .unwrap_err()
                .contains("5 to 10")
        );
    }

    /// Peers learn from each other: nothing they read speaks of "my mentor" or "my mentee".
    #[test]
    fn peers_read_peer_wording() {
        let c = Content::get();
        let peer = Some(Role::Peer);
        let texts = c
            .statements
            .iter()
            .map(|s| (s.id.as_str(), s.text(peer)))
            .chain(c.prompts.iter().map(|p| (p.id.as_str(), p.text_for(peer))));
        for (id, text) in texts {
            let lower = text.to_lowercase();
            assert!(
                !lower.contains("mentor") && !lower.contains("mentee"),
                "{id} reads for a peer: {text}"
            );
        }
        let avoiding = c.prompt("avoiding").unwrap();
        assert!(avoiding.text_for(Some(Role::Mentee)).contains("my mentor"));
        assert_ne!(avoiding.text_for(peer), avoiding.text);
    }

    #[test]
    fn prompts_parse_and_each_role_gets_several() {
        let c = Content::get();
        assert!(c.prompts.len() >= 12);
        for role in [Role::Mentee, Role::Mentor, Role::Peer] {
            let mine = c.prompts_for(Some(role));
            assert!(mine.len() >= 6, "{role:?} gets {}", mine.len());
            assert!(
                mine.iter()
                    .all(|p| p.text_for(Some(role)).chars().count() <= 120),
                "prompts stay short"
            );
        }
        assert!(parse_prompts("prompt = []").is_err());
        let dup = "[[prompt]]\nid = \"a\"\nfor = \"both\"\ntext = \"x\"\n";
        assert!(
            parse_prompts(&format!("{dup}{dup}"))
                .unwrap_err()
                .contains("a")
        );
        let blank_peer = "[[prompt]]\nid = \"a\"\nfor = \"both\"\ntext = \"x\"\npeer = \" \"\n";
        assert!(parse_prompts(blank_peer).unwrap_err().contains("for peers"));
    }
}
