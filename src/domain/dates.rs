//! Dates as people type them: `today`, `yesterday`, `tomorrow`, a weekday (`mon`: the most
//! recent one, today included), `2026-11-03`, and offsets like `+3d`, `-2w`, `+1m`.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Which way a bare weekday points: back for "when did it happen", forward for "when is it due".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Past,
    Future,
}

/// When something happened, as typed: a date as [`parse_date`] reads it, optionally followed
/// by a time (`yesterday 14:30`, `2026-11-03 9:00`), or a time alone for today. Without a time,
/// today means `now` and another day its local noon. The future is refused: a meeting is
/// logged once it has happened.
pub fn parse_when(
    input: &str,
    now: chrono::DateTime<chrono::Local>,
) -> Result<chrono::DateTime<chrono::Utc>, String> {
    use chrono::{Local, NaiveTime, TimeZone, Utc};
    let trimmed = input.trim();
    let (date_part, time) = match trimmed.rsplit_once(' ') {
        Some((d, t)) if parse_time(t).is_some() => (d.trim(), parse_time(t)),
        _ if parse_time(trimmed).is_some() => ("today", parse_time(trimmed)),
        _ => (trimmed, None),
    };
    let today = now.date_naive();
    let day = parse_date(date_part, today, Direction::Past)?;
    let at = match time {
        Some(t) => day.and_time(t),
        None if day == today => return Ok(now.with_timezone(&Utc)),
        None => day.and_time(NaiveTime::from_hms_opt(12, 0, 0).expect("noon exists")),
    };
    let local = Local
        .from_local_datetime(&at)
        .earliest()
        .unwrap_or_else(|| at.and_utc().with_timezone(&Local));
    if local > now + chrono::TimeDelta::minutes(1) {
        return Err(format!(
            "{} is in the future: log a meeting once it has happened (the next meeting has its own field)",
            local.format("%Y-%m-%d %H:%M")
        ));
    }
    Ok(local.with_timezone(&Utc))
}

/// "14:30", "9:05" as a time of day.
fn parse_time(s: &str) -> Option<chrono::NaiveTime> {
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    chrono::NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// Parses a typed date relative to `today`. `Err` says what is accepted.
pub fn parse_date(
    input: &str,
    today: NaiveDate,
    direction: Direction,
) -> Result<NaiveDate, String> {
    let s = input.trim().to_lowercase();
    let hint = || {
        format!(
            "{:?} is not a date: type today, yesterday, tomorrow, a weekday (mon), +3d / -2w / +1m, or YYYY-MM-DD",
            input.trim()
        )
    };
    match s.as_str() {
        "" => return Err("type a date: today, yesterday, mon, +3d or YYYY-MM-DD".into()),
        "today" | "now" => return Ok(today),
        "yesterday" => return today.checked_sub_days(Days::new(1)).ok_or_else(hint),
        "tomorrow" => return today.checked_add_days(Days::new(1)).ok_or_else(hint),
        _ => {}
    }
    if let Some(day) = weekday(&s) {
        let from = today.weekday().num_days_from_monday() as i64;
        let to = day.num_days_from_monday() as i64;
        let days = match direction {
            Direction::Past => (from - to).rem_euclid(7),
            Direction::Future => (to - from).rem_euclid(7),
        };
        return match direction {
            Direction::Past => today.checked_sub_days(Days::new(days as u64)),
            Direction::Future => today.checked_add_days(Days::new(days as u64)),
        }
        .ok_or_else(hint);
    }
    if let Some(rest) = s.strip_prefix('+').or_else(|| s.strip_prefix('-')) {
        let back = s.starts_with('-');
        let unit = rest.chars().last().ok_or_else(hint)?;
        let n: u32 = rest[..rest.len() - unit.len_utf8()]
            .parse()
            .map_err(|_| hint())?;
        let moved = match (unit, back) {
            ('d', false) => today.checked_add_days(Days::new(n.into())),
            ('d', true) => today.checked_sub_days(Days::new(n.into())),
            ('w', false) => today.checked_add_days(Days::new(u64::from(n) * 7)),
            ('w', true) => today.checked_sub_days(Days::new(u64::from(n) * 7)),
            ('m', false) => today.checked_add_months(Months::new(n)),
            ('m', true) => today.checked_sub_months(Months::new(n)),
            _ => None,
        };
        return moved.ok_or_else(hint);
    }
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| hint())
}

fn weekday(s: &str) -> Option<Weekday> {
    const NAMES: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    if s.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .find(|(name, _)| name.starts_with(s))
        .map(|(_, d)| *d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_takes_an_optional_time_and_refuses_the_future() {
        use chrono::{Local, TimeZone, Timelike};
        let now = Local.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
        let at = |s: &str| parse_when(s, now).map(|d| d.with_timezone(&Local));
        assert_eq!(at("today").unwrap(), now);
        let y = at("yesterday 14:30").unwrap();
        assert_eq!((y.day(), y.hour(), y.minute()), (21, 14, 30));
        assert_eq!(at("9:05").unwrap().hour(), 9);
        assert_eq!(at("2026-11-03").unwrap().hour(), 12);
        assert!(at("today 11:00").unwrap_err().contains("future"));
        assert!(at("tomorrow").unwrap_err().contains("future"));
        assert!(at("today 25:00").is_err());
        assert!(at("soon").unwrap_err().contains("not a date"));
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    // 2026-11-22 is a Sunday.
    const TODAY: (i32, u32, u32) = (2026, 11, 22);

    fn p(s: &str, dir: Direction) -> Result<NaiveDate, String> {
        parse_date(s, d(TODAY.0, TODAY.1, TODAY.2), dir)
    }

    #[test]
    fn words_weekdays_and_iso_dates() {
        assert_eq!(p("today", Direction::Past), Ok(d(2026, 11, 22)));
        assert_eq!(p(" Yesterday ", Direction::Past), Ok(d(2026, 11, 21)));
        assert_eq!(p("tomorrow", Direction::Future), Ok(d(2026, 11, 23)));
        assert_eq!(p("mon", Direction::Past), Ok(d(2026, 11, 16)));
        assert_eq!(p("mon", Direction::Future), Ok(d(2026, 11, 23)));
        assert_eq!(
            p("sunday", Direction::Past),
            Ok(d(2026, 11, 22)),
            "today counts"
        );
        assert_eq!(p("2026-11-03", Direction::Past), Ok(d(2026, 11, 3)));
    }

    #[test]
    fn offsets_cross_month_ends_and_leap_days() {
        assert_eq!(p("+3d", Direction::Future), Ok(d(2026, 11, 25)));
        assert_eq!(p("+2w", Direction::Future), Ok(d(2026, 12, 6)));
        assert_eq!(p("-1w", Direction::Past), Ok(d(2026, 11, 15)));
        assert_eq!(
            parse_date("+1m", d(2028, 1, 31), Direction::Future),
            Ok(d(2028, 2, 29))
        );
        assert_eq!(
            parse_date("-1m", d(2027, 3, 31), Direction::Past),
            Ok(d(2027, 2, 28))
        );
        assert_eq!(
            parse_date("+10d", d(2027, 12, 25), Direction::Future),
            Ok(d(2028, 1, 4))
        );
    }

    #[test]
    fn invalid_dates_are_refused_with_what_is_accepted() {
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "+3x",
            "+d",
            "mo",
            "soon",
            "31/12/2026",
        ] {
            let err = p(bad, Direction::Past).unwrap_err();
            assert!(
                err.contains("is not a date") && err.contains("YYYY-MM-DD"),
                "{bad}: {err}"
            );
        }
        assert!(p("", Direction::Past).unwrap_err().contains("type a date"));
    }
}
