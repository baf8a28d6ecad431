//! Week dates and how they are written, in the content's language
//! (English: "Mon 21 – Sun 27 December 2026").

use crate::model::WeekStart;
use time::{Date, Duration, Month, Weekday};

/// Day and month names for the languages kintsugi knows; others fall back to English.
#[derive(Debug, Clone, Copy)]
pub struct Names {
    days: [&'static str; 7],
    months: [&'static str; 12],
}

impl Names {
    /// The names for a BCP 47 language tag such as `en`, `fr-CA` or `de`.
    pub fn for_language(tag: &str) -> Names {
        let lang = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("en")
            .to_ascii_lowercase();
        let (days, months): ([&str; 7], [&str; 12]) = match lang.as_str() {
            "fr" => (
                ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
                [
                    "janvier",
                    "février",
                    "mars",
                    "avril",
                    "mai",
                    "juin",
                    "juillet",
                    "août",
                    "septembre",
                    "octobre",
                    "novembre",
                    "décembre",
                ],
            ),
            "de" => (
                ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
                [
                    "Januar",
                    "Februar",
                    "März",
                    "April",
                    "Mai",
                    "Juni",
                    "Juli",
                    "August",
                    "September",
                    "Oktober",
                    "November",
                    "Dezember",
                ],
            ),
            "es" => (
                ["lun.", "mar.", "mié.", "jue.", "vie.", "sáb.", "dom."],
                [
                    "enero",
                    "febrero",
                    "marzo",
                    "abril",
                    "mayo",
                    "junio",
                    "julio",
                    "agosto",
                    "septiembre",
                    "octubre",
                    "noviembre",
                    "diciembre",
                ],
            ),
            "it" => (
                ["lun", "mar", "mer", "gio", "ven", "sab", "dom"],
                [
                    "gennaio",
                    "febbraio",
                    "marzo",
                    "aprile",
                    "maggio",
                    "giugno",
                    "luglio",
                    "agosto",
                    "settembre",
                    "ottobre",
                    "novembre",
                    "dicembre",
                ],
            ),
            "nl" => (
                ["ma", "di", "wo", "do", "vr", "za", "zo"],
                [
                    "januari",
                    "februari",
                    "maart",
                    "april",
                    "mei",
                    "juni",
                    "juli",
                    "augustus",
                    "september",
                    "oktober",
                    "november",
                    "december",
                ],
            ),
            "pt" => (
                ["seg.", "ter.", "qua.", "qui.", "sex.", "sáb.", "dom."],
                [
                    "janeiro",
                    "fevereiro",
                    "março",
                    "abril",
                    "maio",
                    "junho",
                    "julho",
                    "agosto",
                    "setembro",
                    "outubro",
                    "novembro",
                    "dezembro",
                ],
            ),
            _ => (
                ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
                [
                    "January",
                    "February",
                    "March",
                    "April",
                    "May",
                    "June",
                    "July",
                    "August",
                    "September",
                    "October",
                    "November",
                    "December",
                ],
            ),
        };
        Names { days, months }
    }

    fn day(&self, d: Weekday) -> &'static str {
        self.days[d.number_days_from_monday() as usize]
    }

    fn month(&self, m: Month) -> &'static str {
        self.months[m as usize - 1]
    }
}

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
pub fn week_dates(
    start: Date,
    week_starts: WeekStart,
    count: usize,
    names: &Names,
) -> Vec<WeekDates> {
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
                .map(|d| short_day(first + Duration::days(d), names))
                .collect();
            WeekDates {
                first,
                last,
                label: range(first, last, names),
                days,
            }
        })
        .collect()
}

/// "Mon 21".
fn short_day(d: Date, n: &Names) -> String {
    format!("{} {}", n.day(d.weekday()), d.day())
}

/// "Mon 21 – Sun 27 December 2026", naming the month and year only where they change.
pub fn range(a: Date, b: Date, n: &Names) -> String {
    let (wa, wb) = (n.day(a.weekday()), n.day(b.weekday()));
    let (ma, mb) = (n.month(a.month()), n.month(b.month()));
    if a.year() != b.year() {
        format!(
            "{wa} {} {ma} {} – {wb} {} {mb} {}",
            a.day(),
            a.year(),
            b.day(),
            b.year()
        )
    } else if a.month() != b.month() {
        format!("{wa} {} {ma} – {wb} {} {mb} {}", a.day(), b.day(), b.year())
    } else {
        format!("{wa} {} – {wb} {} {mb} {}", a.day(), b.day(), b.year())
    }
}

/// "7 December 2026 – 17 January 2027", for a cover.
pub fn span(a: Date, b: Date, n: &Names) -> String {
    let (ma, mb) = (n.month(a.month()), n.month(b.month()));
    if a.year() != b.year() {
        format!(
            "{} {ma} {} – {} {mb} {}",
            a.day(),
            a.year(),
            b.day(),
            b.year()
        )
    } else {
        format!("{} {ma} – {} {mb} {}", a.day(), b.day(), b.year())
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
        let en = Names::for_language("en");
        let w = week_dates(d(2026, Month::December, 7), WeekStart::Monday, 6, &en);
        assert_eq!(w[2].label, "Mon 21 – Sun 27 December 2026");
        assert_eq!(w[3].label, "Mon 28 December 2026 – Sun 3 January 2027");
        assert_eq!(w[0].days[0], "Mon 7");
        let s = week_dates(d(2026, Month::November, 25), WeekStart::Sunday, 2, &en);
        assert_eq!(s[0].label, "Sun 29 November – Sat 5 December 2026");
        assert_eq!(
            s[0].days,
            ["Sun 29", "Mon 30", "Tue 1", "Wed 2", "Thu 3", "Fri 4", "Sat 5"]
        );
    }

    #[test]
    fn spans_name_the_year_once_when_they_can() {
        let en = Names::for_language("en");
        assert_eq!(
            span(d(2026, Month::March, 2), d(2026, Month::April, 12), &en),
            "2 March – 12 April 2026"
        );
        assert_eq!(
            span(
                d(2026, Month::December, 7),
                d(2027, Month::January, 17),
                &en
            ),
            "7 December 2026 – 17 January 2027"
        );
    }

    #[test]
    fn dates_follow_the_content_language() {
        let fr = Names::for_language("fr-CA");
        assert_eq!(
            range(
                d(2026, Month::December, 21),
                d(2026, Month::December, 27),
                &fr
            ),
            "lun. 21 – dim. 27 décembre 2026"
        );
        let de = Names::for_language("de");
        assert_eq!(
            span(d(2026, Month::March, 2), d(2026, Month::April, 12), &de),
            "2 März – 12 April 2026"
        );
        let other = Names::for_language("xx");
        assert_eq!(
            range(
                d(2026, Month::December, 21),
                d(2026, Month::December, 27),
                &other
            ),
            "Mon 21 – Sun 27 December 2026"
        );
    }
}
