//! What the demo's meetings and reflections say, and how long the meetings took.

use crate::domain::Owner;

/// What the meetings were about: (agenda, notes, outcomes, actions: (text, owner, done)).
pub(super) type MeetingPlan = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, Owner, bool)],
);

pub(super) const MEETINGS: [MeetingPlan; 12] = [
    (
        "Getting to know each other",
        "Talked about where I am: five years in research software, curious about product engineering. Sam moved from research to product eight years ago. #career",
        "Agreed to meet every two weeks on video, Sam reaches out.",
        &[(
            "Write down what I enjoy most in my current work",
            Owner::Me,
            true,
        )],
    ),
    (
        "What a product engineer does",
        "Sam walked through a normal week: discovery with designers, small releases, on-call. Less deep research, more feedback.",
        "I will shadow a product team for a day.",
        &[
            (
                "Ask my manager about shadowing the payments team",
                Owner::Me,
                true,
            ),
            (
                "Send me two talks about product discovery",
                Owner::Them,
                true,
            ),
        ],
    ),
    (
        "After the shadow day",
        "The pace surprised me. I liked talking to users; I missed the long thinking time. #reflection",
        "Not a reason to stop: look for teams with research-heavy products.",
        &[(
            "List three teams with research-heavy products",
            Owner::Me,
            true,
        )],
    ),
    (
        "The CV",
        "Reviewed the CV together. The research years read as a gap; Sam suggests framing them as discovery work with real users.",
        "Rewrite the summary and add two projects.",
        &[
            ("Rewrite the CV summary", Owner::Me, true),
            ("Review the new summary", Owner::Them, true),
        ],
    ),
    (
        "Networking without hating it",
        "I avoid networking. Sam: start with people whose work I already admire, ask one concrete question.",
        "Write to two people this month.",
        &[(
            "Write to two engineers whose talks I liked",
            Owner::Me,
            true,
        )],
    ),
    (
        "Goal setting",
        "Set three goals: move into a product role, give a conference talk, negotiate the next offer well. #goals",
        "Goals written down with measures and target dates.",
        &[(
            "Put the goals into mentorlog with milestones",
            Owner::Me,
            true,
        )],
    ),
    (
        "System design",
        "First mock interview on system design. Good structure, weak on trade-offs.",
        "Practise trade-offs out loud.",
        &[("Do two practice designs and record myself", Owner::Me, true)],
    ),
    (
        "The talk",
        "Brainstormed talk topics. The strongest: what research taught me about shipping small.",
        "Draft an abstract.",
        &[
            ("Draft the abstract", Owner::Me, true),
            ("Introduce me to a conference organiser", Owner::Them, false),
        ],
    ),
    (
        "Midpoint look back",
        "Halfway through. I am more confident talking about my work; still avoiding the money conversation. #confidence",
        "Second half: interviews and the salary question.",
        &[(
            "Read the negotiation chapter Sam suggested",
            Owner::Me,
            true,
        )],
    ),
    (
        "Interview feedback",
        "First real interview: passed the design round, stumbled on the product-sense round.",
        "Prepare three product stories.",
        &[("Write three product stories in STAR form", Owner::Me, false)],
    ),
    (
        "Salary",
        "Role-played the salary talk. I named a number too early. #salary",
        "Let them say a number first; know my range.",
        &[
            ("Research the salary range for the role", Owner::Me, false),
            (
                "Share how you negotiated your first product role",
                Owner::Them,
                false,
            ),
        ],
    ),
    (
        "Second round",
        "Second round next week. Walked through the product stories; two are strong.",
        "Polish the third story; rest before the interview.",
        &[("Polish the third product story", Owner::Me, false)],
    ),
];

/// How long each meeting took, in minutes: around the three hours a month agreed, with the
/// month of interviews over it.
pub(super) const MINUTES: [u32; 12] = [60, 45, 50, 45, 30, 60, 90, 45, 60, 75, 50, 40];

pub(super) const REFLECTIONS: [(&str, bool, bool, u32); 6] = [
    (
        "What did I learn? That I like talking to users more than I expected. The shadow day was tiring but it felt like real work. #career",
        true,
        false,
        30,
    ),
    (
        "I keep avoiding the networking emails. If I am honest, I am afraid the people will not answer. #confidence",
        true,
        false,
        50,
    ),
    (
        "Shared with Sam: I want us to spend less time on the CV and more on interview practice.",
        false,
        false,
        70,
    ),
    (
        "The mock interview went better than I feared. Trade-offs: say the cost of each option before choosing.",
        true,
        false,
        85,
    ),
    (
        "How confident do I feel about the product role, 1 to 5? A 3 now, a 2 when we started. What would move it up: one more real interview.",
        true,
        false,
        100,
    ),
    (
        "Ask Sam how he handled his first salary negotiation: I want to hear what went wrong, not only what went right. #salary",
        true,
        true,
        118,
    ),
];
