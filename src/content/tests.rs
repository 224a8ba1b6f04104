//! Checks of the embedded content and of the rules that parse it.

use super::*;

const SHARED: [&str; 11] = [
    "focus",
    "intended_result",
    "support",
    "time",
    "duration",
    "contact",
    "between",
    "response",
    "medium",
    "duties",
    "learning",
];

fn all_guidance(c: &Content) -> Vec<(String, &str)> {
    let s = &c.steps;
    let mut out: Vec<(String, &str)> = [
        ("step name", &s.name),
        ("step role", &s.role),
        ("step other", &s.other),
        ("step model", &s.model),
        ("step topics", &s.topics),
        ("step review", &s.review),
    ]
    .into_iter()
    .map(|(k, t)| (k.to_string(), t.guidance.as_str()))
    .collect();
    out.extend(
        c.questions
            .iter()
            .map(|q| (format!("question {}", q.id), q.guidance.as_str())),
    );
    out
}

#[test]
fn embedded_content_parses() {
    Content::parse(QUESTIONS_TOML, TOPICS_TOML, MODELS_TOML).expect("embedded content");
    let c = Content::get();
    assert!(!c.welcome.title.is_empty());
    assert_eq!(c.reminders.len(), 4);
    assert!(c.reminders.iter().all(|r| r.chars().count() <= 60));
}

#[test]
fn shared_questions_come_first_in_order() {
    let c = Content::get();
    let ids: Vec<&str> = c.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(&ids[..11], &SHARED);
    for q in &c.questions[..11] {
        assert_eq!(q.audience, Audience::Both, "{}", q.id);
        assert!(!q.private, "{}", q.id);
    }
    assert_eq!(ids.last(), Some(&"boundaries"));
    let last = c.question("boundaries").unwrap();
    assert_eq!(last.audience, Audience::Both);
    assert!(!last.private);
    assert_eq!(
        c.question("intended_result").unwrap().kind,
        AnswerKind::Outcomes
    );
    assert_eq!(c.question("medium").unwrap().kind, AnswerKind::Media);
    assert_eq!(c.question("duties").unwrap().kind, AnswerKind::Duties);
    assert_eq!(c.question("between").unwrap().kind, AnswerKind::Pick);
    assert!(c.question("nope").is_none());
}

/// The time question asks for each person's hours, and a single number saved before
/// still counts as its answer (on screen, and when a file is imported).
#[test]
fn the_time_question_reads_each_persons_hours_and_the_old_single_number() {
    let time = Content::get().question("time").unwrap();
    assert_eq!(time.kind, AnswerKind::HoursEach);
    assert!(time.kind.reads(&AnswerValue::Hours { per_month: 4 }));
    assert!(time.kind.reads(&AnswerValue::TimeEach {
        mine: None,
        theirs: None
    }));
    assert!(!time.kind.reads(&AnswerValue::Text { text: "4".into() }));
    assert!(!AnswerKind::Hours.reads(&AnswerValue::TimeEach {
        mine: None,
        theirs: None
    }));
}

/// A mentor answers their own limits, then other questions, and only then the boundaries
/// both agree; each hint sits with the question it helps answer.
#[test]
fn boundaries_are_not_asked_twice_in_a_row_and_hints_sit_with_their_question() {
    let c = Content::get();
    let mentor: Vec<&str> = c
        .questions_for(Some(crate::domain::Role::Mentor))
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    let limits = mentor.iter().position(|id| *id == "mentor_limits").unwrap();
    let shared = mentor.iter().position(|id| *id == "boundaries").unwrap();
    assert!(shared > limits + 1, "{mentor:?}");
    let text = |id: &str| c.question(id).unwrap().text.to_lowercase();
    assert!(!text("mentor_limits").contains("boundar"));
    assert!(!text("boundaries").contains("your boundaries"));
    let guidance = |id: &str| c.question(id).unwrap().guidance.as_str();
    // The mentee's choices stay theirs: said where they ask whether mentoring is the way.
    assert!(guidance("mentee_fit").contains("stay yours"));
    assert!(!guidance("mentee_effort_willing").contains("stay yours"));
    // Advice not taken is not personal: said where the mentor thinks about advice.
    assert!(guidance("mentor_experience").contains("another path"));
    assert!(!guidance("mentor_limits").contains("another path"));
    assert_eq!(c.mentoring_is.len(), 3);
    assert!(c.mentoring_is.iter().all(|r| r.chars().count() <= 60));
}

#[test]
fn mentee_and_mentor_questions_are_private() {
    let c = Content::get();
    let mentee: Vec<&Question> = c
        .questions
        .iter()
        .filter(|q| q.audience == Audience::Mentee)
        .collect();
    let mentor: Vec<&Question> = c
        .questions
        .iter()
        .filter(|q| q.audience == Audience::Mentor)
        .collect();
    assert_eq!(mentee.len(), 4);
    assert_eq!(mentor.len(), 5);
    assert!(mentee.iter().chain(&mentor).all(|q| q.private));
}

#[test]
fn twelve_topics() {
    let c = Content::get();
    assert_eq!(c.topics.len(), 12);
    assert_eq!(c.topic_label("career"), Some("Career development"));
    assert_eq!(c.topic_label("missing"), None);
}

#[test]
fn nine_models_in_order() {
    let c = Content::get();
    let ids: Vec<&str> = c.models.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "formal",
            "informal",
            "peer",
            "reverse",
            "group",
            "cross_cultural",
            "career",
            "executive",
            "e_mentoring",
        ]
    );
    assert_eq!(c.model("e_mentoring").unwrap().name, "E-mentoring");
    assert!(c.models.iter().all(|m| m.summary.chars().count() <= 70));
}

#[test]
fn text_fits_the_terminal() {
    let c = Content::get();
    for (what, g) in all_guidance(c) {
        assert!(g.chars().count() <= 110, "{what} guidance too long: {g}");
    }
    for q in &c.questions {
        assert!(
            q.text.chars().count() <= 70,
            "question {} text too long",
            q.id
        );
        assert!(
            q.label.chars().count() <= 22,
            "question {} label too long",
            q.id
        );
        for s in &q.suggestions {
            assert!(s.chars().count() <= 24, "suggestion too long: {s}");
        }
    }
    for line in c.welcome.body.lines() {
        assert!(line.chars().count() <= 74, "welcome line too long: {line}");
    }
}

const TOPICS: &str = "[[topic]]\nid = \"a\"\nlabel = \"A\"\n";
const MODELS: &str = "[[model]]\nid = \"m\"\nname = \"M\"\nsummary = \"S\"\n";

fn questions_with(extra: &str) -> String {
    let mut s = String::from(
        "[welcome]\ntitle = \"W\"\nbody = \"B\"\n\
         [boundaries]\nis = [\"i\"]\nreminders = [\"r\"]\n[ending]\nno_fault = \"n\"\n",
    );
    for step in ["name", "role", "other", "model", "topics", "review"] {
        s.push_str(&format!(
            "[steps.{step}]\ntitle = \"T\"\nguidance = \"G\"\n"
        ));
    }
    s.push_str(
        "[[question]]\nid = \"focus\"\nfor = \"both\"\nkind = \"text\"\nlabel = \"L\"\n\
         private = false\ntext = \"Q\"\nguidance = \"G\"\n",
    );
    s.push_str(extra);
    s
}

#[test]
fn minimal_content_parses() {
    let c = Content::parse(&questions_with(""), TOPICS, MODELS).unwrap();
    assert_eq!(c.questions.len(), 1);
}

#[test]
fn rejects_duplicate_id() {
    let extra = "[[question]]\nid = \"focus\"\nfor = \"mentee\"\nkind = \"text\"\nlabel = \"L\"\n\
                 private = true\ntext = \"Again\"\nguidance = \"G\"\n";
    let err = Content::parse(&questions_with(extra), TOPICS, MODELS).unwrap_err();
    assert!(err.contains("duplicate question id \"focus\""), "{err}");

    let topics = format!("{TOPICS}{TOPICS}");
    let err = Content::parse(&questions_with(""), &topics, MODELS).unwrap_err();
    assert!(err.contains("duplicate topic id \"a\""), "{err}");
}

#[test]
fn rejects_suggestions_on_text_question() {
    let extra = "[[question]]\nid = \"other\"\nfor = \"both\"\nkind = \"text\"\nlabel = \"L\"\n\
                 private = false\ntext = \"Q\"\nguidance = \"G\"\nsuggestions = [\"x\"]\n";
    let err = Content::parse(&questions_with(extra), TOPICS, MODELS).unwrap_err();
    assert!(err.contains("question \"other\" has suggestions"), "{err}");
}

#[test]
fn rejects_outcomes_without_suggestions_and_empty_text() {
    let extra = "[[question]]\nid = \"res\"\nfor = \"both\"\nkind = \"outcomes\"\nlabel = \"L\"\n\
                 private = false\ntext = \"Q\"\nguidance = \"G\"\n";
    let err = Content::parse(&questions_with(extra), TOPICS, MODELS).unwrap_err();
    assert!(err.contains("no suggestions"), "{err}");

    let extra = "[[question]]\nid = \"blank\"\nfor = \"both\"\nkind = \"text\"\nlabel = \"L\"\n\
                 private = false\ntext = \"  \"\nguidance = \"G\"\n";
    let err = Content::parse(&questions_with(extra), TOPICS, MODELS).unwrap_err();
    assert!(err.contains("question \"blank\" text is empty"), "{err}");
}

#[test]
fn rejects_unknown_fields() {
    let extra = "[[question]]\nid = \"x\"\nfor = \"both\"\nkind = \"text\"\nlabel = \"L\"\n\
                 private = false\ntext = \"Q\"\nguidance = \"G\"\ncolour = \"red\"\n";
    let err = Content::parse(&questions_with(extra), TOPICS, MODELS).unwrap_err();
    assert!(
        err.contains("questions.toml") && err.contains("colour"),
        "{err}"
    );
}
