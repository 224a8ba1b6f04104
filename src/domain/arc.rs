//! Looking at the whole relationship: the points of its planned span (halfway, two weeks
//! before the end, the end) at which mentorlog asks to review it, and which review to ask
//! about on a given day.

use chrono::NaiveDate;

/// Where a relationship's arc stands: reviews are prompted at the midpoint, two weeks before
/// the planned end, and at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ArcPoint {
    Midpoint,
    EndingSoon,
    Ended,
}

impl ArcPoint {
    pub fn id(self) -> &'static str {
        match self {
            ArcPoint::Midpoint => "midpoint",
            ArcPoint::EndingSoon => "ending_soon",
            ArcPoint::Ended => "ended",
        }
    }

    pub fn from_id(id: &str) -> Option<ArcPoint> {
        [ArcPoint::Midpoint, ArcPoint::EndingSoon, ArcPoint::Ended]
            .into_iter()
            .find(|a| a.id() == id)
    }
}

/// The latest arc point reached on `today` for a relationship from `start` to `end`.
pub fn arc_point(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> Option<ArcPoint> {
    if end <= start {
        return (today >= end).then_some(ArcPoint::Ended);
    }
    let half = start + chrono::Duration::days((end - start).num_days() / 2);
    if today >= end {
        Some(ArcPoint::Ended)
    } else if today >= end - chrono::Duration::days(14) {
        Some(ArcPoint::EndingSoon)
    } else if today >= half {
        Some(ArcPoint::Midpoint)
    } else {
        None
    }
}

/// The arc review to ask about on `today`, if any: the latest point reached (see
/// [`arc_point`]) that was not answered yet, unless "later" was said and its day has not
/// come. Later never means never: from the day `later` names, the review is asked again.
pub fn arc_review_to_ask(
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
    answered: &[ArcPoint],
    later: Option<NaiveDate>,
) -> Option<ArcPoint> {
    let point = arc_point(start, end, today)?;
    if answered.contains(&point) || later.is_some_and(|until| today < until) {
        return None;
    }
    Some(point)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn arc_points() {
        let (start, end) = (d(2026, 1, 31), d(2026, 7, 31));
        assert_eq!(arc_point(start, end, d(2026, 3, 1)), None);
        // 181 days: the midpoint is day 90, 1 May.
        assert_eq!(arc_point(start, end, d(2026, 4, 30)), None);
        assert_eq!(
            arc_point(start, end, d(2026, 5, 1)),
            Some(ArcPoint::Midpoint)
        );
        assert_eq!(
            arc_point(start, end, d(2026, 7, 17)),
            Some(ArcPoint::EndingSoon)
        );
        assert_eq!(arc_point(start, end, d(2026, 7, 31)), Some(ArcPoint::Ended));
        for a in [ArcPoint::Midpoint, ArcPoint::EndingSoon, ArcPoint::Ended] {
            assert_eq!(ArcPoint::from_id(a.id()), Some(a));
        }
    }

    #[test]
    fn an_arc_review_put_off_is_asked_again_the_next_day() {
        // 1 October to 30 November: halfway on 31 October, two weeks left on 16 November.
        let start = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let end = day(30);
        assert_eq!(
            arc_review_to_ask(start, end, start, &[], None),
            None,
            "not halfway yet"
        );
        assert_eq!(
            arc_review_to_ask(start, end, day(5), &[], None),
            Some(ArcPoint::Midpoint)
        );
        // Esc: later, until tomorrow.
        let later = Some(day(6));
        assert_eq!(arc_review_to_ask(start, end, day(5), &[], later), None);
        assert_eq!(
            arc_review_to_ask(start, end, day(6), &[], later),
            Some(ArcPoint::Midpoint),
            "later is not never"
        );
        assert_eq!(
            arc_review_to_ask(start, end, day(7), &[], later),
            Some(ArcPoint::Midpoint)
        );
        // Answered (extended, a survey taken): not asked again for that point.
        assert_eq!(
            arc_review_to_ask(start, end, day(7), &[ArcPoint::Midpoint], None),
            None
        );
        // The next point still comes.
        assert_eq!(
            arc_review_to_ask(start, end, day(30), &[ArcPoint::Midpoint], later),
            Some(ArcPoint::Ended)
        );
    }
}
