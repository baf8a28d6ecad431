//! Week dates and how they are written (English: "Mon 21 – Sun 27 December 2026").

use crate::model::person::WeekStart;
use time::{Date, Duration, Weekday};

/// One week of the program, dated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekDates {
    pub first: Date,
    pub last: Date,
    /// "Mon 21 – Sun 27 December 2026".
    pub label: String,
    /// "Mon 21", … "Sun 27", in the order of the week.
    pub days: Vec<String>,
}

/// `count` weeks, the first starting on the first week-start day on or after `start`.
pub fn week_dates(start: Date, week_starts: WeekStart, count: usize) -> Vec<WeekDates> {
    let first_day = match week_starts {
        WeekStart::Monday => Weekday::Monday,
        WeekStart::Sunday => Weekday::Sunday,
    };
    let mut day = start;
    while day.weekday() != first_day {
        day = day.next_day().unwrap_or(day);
    }
    (0..count)
        .map(|i| {
            let first = day + Duration::weeks(i as i64);
            let last = first + Duration::days(6);
            let days = (0..7)
                .map(|d| short_day(first + Duration::days(d)))
                .collect();
            WeekDates {
                first,
                last,
                label: range(first, last),
                days,
            }
        })
        .collect()
}

fn weekday_abbr(d: Weekday) -> &'static str {
    match d {
        Weekday::Monday => "Mon",
        Weekday::Tuesday => "Tue",
        Weekday::Wednesday => "Wed",
        Weekday::Thursday => "Thu",
        Weekday::Friday => "Fri",
        Weekday::Saturday => "Sat",
        Weekday::Sunday => "Sun",
    }
}

/// "Mon 21".
fn short_day(d: Date) -> String {
    format!("{} {}", weekday_abbr(d.weekday()), d.day())
}

/// "Mon 21 – Sun 27 December 2026", naming the month and year only where they change.
pub fn range(a: Date, b: Date) -> String {
    let (wa, wb) = (weekday_abbr(a.weekday()), weekday_abbr(b.weekday()));
    if a.year() != b.year() {
        format!(
            "{wa} {} {} {} – {wb} {} {} {}",
            a.day(),
            a.month(),
            a.year(),
            b.day(),
            b.month(),
            b.year()
        )
    } else if a.month() != b.month() {
        format!(
            "{wa} {} {} – {wb} {} {} {}",
            a.day(),
            a.month(),
            b.day(),
            b.month(),
            b.year()
        )
    } else {
        format!(
            "{wa} {} – {wb} {} {} {}",
            a.day(),
            b.day(),
            b.month(),
            b.year()
        )
    }
}

/// "7 December 2026 – 17 January 2027", for a cover.
pub fn span(a: Date, b: Date) -> String {
    if a.year() != b.year() {
        format!(
            "{} {} {} – {} {} {}",
            a.day(),
            a.month(),
            a.year(),
            b.day(),
            b.month(),
            b.year()
        )
    } else {
        format!(
            "{} {} – {} {} {}",
            a.day(),
            a.month(),
            b.day(),
            b.month(),
            b.year()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Month;

    fn d(y: i32, m: Month, day: u8) -> Date {
        Date::from_calendar_date(y, m, day).unwrap()
    }

    #[test]
    fn weeks_start_on_the_chosen_day_and_cross_month_and_year() {
        let w = week_dates(d(2026, Month::December, 7), WeekStart::Monday, 6);
        assert_eq!(w[2].label, "Mon 21 – Sun 27 December 2026");
        assert_eq!(w[3].label, "Mon 28 December 2026 – Sun 3 January 2027");
        assert_eq!(w[0].days[0], "Mon 7");
        let s = week_dates(d(2026, Month::November, 25), WeekStart::Sunday, 2);
        assert_eq!(s[0].label, "Sun 29 November – Sat 5 December 2026");
        assert_eq!(
            s[0].days,
            ["Sun 29", "Mon 30", "Tue 1", "Wed 2", "Thu 3", "Fri 4", "Sat 5"]
        );
    }

    #[test]
    fn spans_name_the_year_once_when_they_can() {
        assert_eq!(
            span(d(2026, Month::March, 2), d(2026, Month::April, 12)),
            "2 March – 12 April 2026"
        );
        assert_eq!(
            span(d(2026, Month::December, 7), d(2027, Month::January, 17)),
            "7 December 2026 – 17 January 2027"
        );
    }
}
