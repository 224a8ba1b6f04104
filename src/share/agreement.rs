//! An agreement as a document to share with the other person: Markdown or JSON.
//! Private answers stay out unless asked for.

use serde::Serialize;

use super::to_json;
use crate::content::Content;
use crate::domain::versions::{self, AgreementHistory};
use crate::domain::{Agreement, AnswerValue, Relationship, Role};
use crate::text::markdown::{block, inline};
use crate::text::sanitize;

#[derive(Serialize)]
struct JsonAgreement<'a> {
    format: &'static str,
    version: u32,
    me: &'a str,
    relationship: JsonRelationship<'a>,
    /// The current version with its sign-offs; every version before it in `versions`.
    agreement: Option<JsonVersion>,
    versions: Vec<JsonVersion>,
    no_fault: &'a str,
    answers: Vec<JsonAnswer<'a>>,
    private_answers_left_out: usize,
}

#[derive(Serialize)]
struct JsonVersion {
    number: u32,
    note: String,
    made_on: String,
    signed: Vec<JsonSignOff>,
    /// "Agreed by Ada on 2026-11-22 and by Sam on 2026-11-24 (version 2)."
    signoff_line: String,
}

#[derive(Serialize)]
struct JsonSignOff {
    who: &'static str,
    name: String,
    signed_on: String,
}

#[derive(Serialize)]
struct JsonChange {
    changed_at: String,
    version: u32,
    summary: String,
}

#[derive(Serialize)]
struct JsonRelationship<'a> {
    id: String,
    with: &'a str,
    my_role: Option<&'static str>,
    model: Option<&'a str>,
    topics: Vec<&'a str>,
    status: &'static str,
    agreed_on: Option<String>,
    planned_end: Option<String>,
}

#[derive(Serialize)]
struct JsonAnswer<'a> {
    id: &'a str,
    question: &'a str,
    summary: String,
    private: bool,
    value: &'a AnswerValue,
    /// Every value it had, oldest first (the last is the current one).
    history: Vec<JsonChange>,
}

/// What the other person is to me, as a word.
fn other_role(role: Option<Role>) -> &'static str {
    match role {
        Some(Role::Mentee) => "mentor",
        Some(Role::Mentor) => "mentee",
        Some(Role::Peer) => "peer",
        None => "partner",
    }
}

/// The questions of the agreement in walk-through order, with their answers.
fn answered<'a>(
    rel: &Relationship,
    agreement: &'a Agreement,
    content: &'a Content,
    include_private: bool,
) -> (
    Vec<(
        &'a crate::content::Question,
        Option<&'a crate::domain::Answer>,
    )>,
    usize,
) {
    let mut left_out = 0;
    let mut out = Vec::new();
    for q in content.questions_for(rel.my_role) {
        let answer = agreement.answers.get(&q.id);
        let private = answer.map_or(q.private, |a| a.private);
        if private && !include_private {
            left_out += usize::from(answer.is_some());
            continue;
        }
        out.push((q, answer));
    }
    (out, left_out)
}

fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The owner's name as the agreement names them.
fn my_name(me: &str) -> &str {
    if me.trim().is_empty() {
        "Me"
    } else {
        me.trim()
    }
}

fn json_version(
    history: &AgreementHistory,
    v: &versions::AgreementVersion,
    me: &str,
    other: &str,
) -> JsonVersion {
    JsonVersion {
        number: v.number,
        note: v.note.clone(),
        made_on: iso(v.made_on),
        signed: history
            .signoffs_of(v.number)
            .into_iter()
            .map(|s| JsonSignOff {
                who: s.who.id(),
                name: s.name.clone(),
                signed_on: iso(s.signed_on),
            })
            .collect(),
        signoff_line: versions::signoff_line(history, v.number, me, other, &iso),
    }
}

/// The values an answer had in versions before the current one: the last value of each
/// earlier version that differs from the current value, oldest first.
fn earlier_values(
    history: &AgreementHistory,
    question: &str,
    current: &AnswerValue,
) -> Vec<(u32, chrono::NaiveDate, AnswerValue)> {
    let changes = history.changes_of(question);
    let Some(last) = changes.last() else {
        return Vec::new();
    };
    let mut out: Vec<(u32, chrono::NaiveDate, AnswerValue)> = Vec::new();
    for c in changes.iter().filter(|c| c.version < last.version) {
        let day = crate::store::local_day(c.changed_at);
        match out.last_mut() {
            Some(prev) if prev.0 == c.version => *prev = (c.version, day, c.value.clone()),
            _ => out.push((c.version, day, c.value.clone())),
        }
    }
    out.retain(|(_, _, v)| v != current);
    out
}

/// The agreement as Markdown.
pub fn markdown(
    me: &str,
    rel: &Relationship,
    agreement: &Agreement,
    history: &AgreementHistory,
    content: &Content,
    include_private: bool,
) -> String {
    let mut s = String::new();
    // Names, notes and answers were typed: escaped, so none can become Markdown structure.
    let me = inline(my_name(me));
    let other = inline(rel.display_name());
    let history = escaped(if include_private {
        history.clone()
    } else {
        history.without_private()
    });
    let my_role = rel.my_role.map_or("partner", |r| r.id());
    s.push_str(&format!(
        "# Mentoring agreement: {me} ({my_role}) and {other} ({})\n\n",
        other_role(rel.my_role)
    ));
    let mut facts = Vec::new();
    if let Some(d) = rel.agreed_on {
        facts.push(format!("Agreed on {}", d.format("%Y-%m-%d")));
        if let Some(end) = agreement.planned_end(d) {
            facts.push(format!("planned to end {}", end.format("%Y-%m-%d")));
        }
    }
    if let Some(m) = rel
        .model
        .as_deref()
        .map(|m| content.model_name(m))
        .filter(|m| !m.trim().is_empty())
    {
        facts.push(format!("model: {}", inline(m)));
    }
    if !facts.is_empty() {
        s.push_str(&facts.join(" · "));
        s.push_str("\n\n");
    }
    let topics = content.topic_labels(&rel.topics);
    if !topics.trim().is_empty() {
        s.push_str(&format!("Focus topics: {}\n\n", inline(&topics)));
    }
    let (answers, left_out) = answered(rel, agreement, content, include_private);
    for (q, answer) in answers {
        s.push_str(&format!("## {}\n\n", q.text));
        match answer {
            Some(a) => {
                let text = match &a.value {
                    AnswerValue::Text { text } => block(text),
                    // At the start of a line: a name such as "1. Sam" must not start a list.
                    value => block(&value.summary(rel.display_name())),
                };
                s.push_str(&text);
                if a.private {
                    s.push_str("\n\n_(private)_");
                }
                let earlier = earlier_values(&history, &q.id, &a.value);
                if !earlier.is_empty() {
                    s.push_str("\n\nEarlier:");
                    for (n, day, value) in earlier {
                        s.push_str(&format!(
                            "\n- version {n} ({}): {}",
                            iso(day),
                            inline(&value.summary(rel.display_name()))
                        ));
                    }
                }
            }
            None => s.push_str("_Not answered yet._"),
        }
        s.push_str("\n\n");
    }
    if left_out > 0 {
        s.push_str(&format!(
            "_{left_out} private {} left out; add --include-private to include {}._\n",
            if left_out == 1 {
                "answer is"
            } else {
                "answers are"
            },
            if left_out == 1 { "it" } else { "them" }
        ));
        s.push('\n');
    }
    // Where a signed paper has its signatures: the ending's promise, the version, who agreed.
    s.push_str(&format!("---\n\n_{}_\n\n", content.no_fault.trim()));
    if let Some(v) = history.current() {
        s.push_str(&format!(
            "{}.\n\n{}\n",
            versions::version_label(v, &iso),
            versions::signoff_line(&history, v.number, &me, &other, &iso)
        ));
        // The versions before it, newest first, each with who agreed to it: the paper trail.
        let mut earlier: Vec<_> = history
            .versions
            .iter()
            .filter(|e| e.number < v.number)
            .collect();
        earlier.sort_by_key(|e| std::cmp::Reverse(e.number));
        if !earlier.is_empty() {
            s.push_str("\nEarlier versions:\n\n");
            for e in earlier {
                s.push_str(&format!(
                    "- {}. {}\n",
                    versions::version_label(e, &iso),
                    versions::signoff_line(&history, e.number, &me, &other, &iso)
                ));
            }
        }
    }
    sanitize(s.trim_end()) + "\n"
}

/// The history with its typed words (version notes, the names signed with) escaped for
/// Markdown.
fn escaped(mut history: AgreementHistory) -> AgreementHistory {
    for v in &mut history.versions {
        v.note = inline(&v.note);
    }
    for o in &mut history.signoffs {
        o.name = inline(&o.name);
    }
    history
}

/// The agreement as JSON (strings escaped by the encoder, so it is terminal-safe).
pub fn json(
    me: &str,
    rel: &Relationship,
    agreement: &Agreement,
    history: &AgreementHistory,
    content: &Content,
    include_private: bool,
) -> String {
    let (answers, left_out) = answered(rel, agreement, content, include_private);
    let history = if include_private {
        history.clone()
    } else {
        history.without_private()
    };
    let named = my_name(me);
    let other = rel.display_name();
    let doc = JsonAgreement {
        format: "mentorlog-agreement",
        version: 1,
        me,
        relationship: JsonRelationship {
            id: rel.id.to_string(),
            with: &rel.other_name,
            my_role: rel.my_role.map(Role::id),
            model: rel.model.as_deref(),
            topics: rel.topics.iter().map(String::as_str).collect(),
            status: rel.status.id(),
            agreed_on: rel.agreed_on.map(|d| d.format("%Y-%m-%d").to_string()),
            planned_end: rel
                .agreed_on
                .and_then(|d| agreement.planned_end(d))
                .map(|d| d.format("%Y-%m-%d").to_string()),
        },
        agreement: history
            .current()
            .map(|v| json_version(&history, v, named, other)),
        versions: history
            .versions
            .iter()
            .filter(|v| Some(v.number) != history.current().map(|c| c.number))
            .map(|v| json_version(&history, v, named, other))
            .collect(),
        no_fault: content.no_fault.trim(),
        answers: answers
            .into_iter()
            .filter_map(|(q, a)| {
                a.map(|a| JsonAnswer {
                    id: &q.id,
                    question: &q.text,
                    summary: a.value.summary(rel.display_name()),
                    private: a.private,
                    value: &a.value,
                    history: history
                        .changes_of(&q.id)
                        .into_iter()
                        .map(|c| JsonChange {
                            changed_at: c.changed_at.to_rfc3339(),
                            version: c.version,
                            summary: c.value.summary(rel.display_name()),
                        })
                        .collect(),
                })
            })
            .collect(),
        private_answers_left_out: left_out,
    };
    to_json(&doc).expect("the agreement is plain data")
}
