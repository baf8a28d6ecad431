//! Week dates and how they are written, in the content's language, after
//! its conventions (CLDR's medium date forms): "Mon 21 – Sun 27 December
//! 2026", "Mo. 21. – So. 27. Dezember 2026", "lun. 1er – dim. 7 mars 2026",
//! "lun. 2 – dom. 8 de marzo de 2026", "2026年3月2日（月）– 8日（日）".

use crate::model::WeekStart;
use time::{Date, Duration, Month, Weekday};

/// Day and month names for the languages kintsugi knows; others fall back to English.
#[derive(Debug, Clone, Copy)]
pub struct Names {
    days: [&'static str; 7],
    /// The days written out, Monday first ("Saturday"), for sentences.
    weekdays: [&'static str; 7],
    months: [&'static str; 12],
    /// How the language writes a day and month.
    form: Form,
}

/// The ways of writing a date kintsugi knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// "2 March 2026" (English, Italian, Dutch, Arabic).
    DayMonth,
    /// "2. März 2026".
    OrdinalDot,
    /// "1er mars 2026", "2 mars 2026".
    French,
    /// "2 de marzo de 2026" (Spanish, Portuguese).
    De,
    /// "2 במרץ 2026".
    Hebrew,
    /// "2026年3月2日" (Chinese, Japanese).
    Cjk,
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
            "ar" => (
                ARABIC_DAYS,
                [
                    "يناير",
                    "فبراير",
                    "مارس",
                    "أبريل",
                    "مايو",
                    "يونيو",
                    "يوليو",
                    "أغسطس",
                    "سبتمبر",
                    "أكتوبر",
                    "نوفمبر",
                    "ديسمبر",
                ],
            ),
            "he" => (
                [
                    "יום ב׳",
                    "יום ג׳",
                    "יום ד׳",
                    "יום ה׳",
                    "יום ו׳",
                    "שבת",
                    "יום א׳",
                ],
                [
                    "ינואר",
                    "פברואר",
                    "מרץ",
                    "אפריל",
                    "מאי",
                    "יוני",
                    "יולי",
                    "אוגוסט",
                    "ספטמבר",
                    "אוקטובר",
                    "נובמבר",
                    "דצמבר",
                ],
            ),
            "zh" | "ja" => (
                if lang == "zh" {
                    ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
                } else {
                    ["月", "火", "水", "木", "金", "土", "日"]
                },
                [
                    "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月",
                    "12月",
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
        let form = match lang.as_str() {
            "de" => Form::OrdinalDot,
            "fr" => Form::French,
            "es" | "pt" => Form::De,
            "he" => Form::Hebrew,
            "zh" | "ja" => Form::Cjk,
            _ => Form::DayMonth,
        };
        Names {
            days,
            weekdays: weekdays_for(&lang),
            months,
            form,
        }
    }

    fn day(&self, d: Weekday) -> &'static str {
        self.days[d.number_days_from_monday() as usize]
    }

    fn month(&self, m: Month) -> &'static str {
        self.months[m as usize - 1]
    }
}

/// Arabic names its days in full, in a tracker's columns as in sentences.
const ARABIC_DAYS: [&str; 7] = [
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
];

/// The days written out, Monday first, for a language (English for those kintsugi does not know).
fn weekdays_for(lang: &str) -> [&'static str; 7] {
    match lang {
        "fr" => [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ],
        "de" => [
            "Montag",
            "Dienstag",
            "Mittwoch",
            "Donnerstag",
            "Freitag",
            "Samstag",
            "Sonntag",
        ],
        "es" => [
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
            "sábado",
            "domingo",
        ],
        "it" => [
            "lunedì",
            "martedì",
            "mercoledì",
            "giovedì",
            "venerdì",
            "sabato",
            "domenica",
        ],
        "nl" => [
            "maandag",
            "dinsdag",
            "woensdag",
            "donderdag",
            "vrijdag",
            "zaterdag",
            "zondag",
        ],
        "pt" => [
            "segunda-feira",
            "terça-feira",
            "quarta-feira",
            "quinta-feira",
            "sexta-feira",
            "sábado",
            "domingo",
        ],
        "ar" => ARABIC_DAYS,
        "he" => [
            "יום שני",
            "יום שלישי",
            "יום רביעי",
            "יום חמישי",
            "יום שישי",
            "יום שבת",
            "יום ראשון",
        ],
        "zh" => [
            "星期一",
            "星期二",
            "星期三",
            "星期四",
            "星期五",
            "星期六",
            "星期日",
        ],
        "ja" => [
            "月曜日",
            "火曜日",
            "水曜日",
            "木曜日",
            "金曜日",
            "土曜日",
            "日曜日",
        ],
        _ => [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ],
    }
}

/// The weekday a program's weeks start on.
fn weekday(w: WeekStart) -> Weekday {
    match w {
        WeekStart::Monday => Weekday::Monday,
        WeekStart::Tuesday => Weekday::Tuesday,
        WeekStart::Wednesday => Weekday::Wednesday,
        WeekStart::Thursday => Weekday::Thursday,
        WeekStart::Friday => Weekday::Friday,
        WeekStart::Saturday => Weekday::Saturday,
        WeekStart::Sunday => Weekday::Sunday,
    }
}

/// The first day of week 1: the first `week_starts` day on or after `start`.
pub fn first_day(start: Date, week_starts: WeekStart) -> Date {
    let wanted = weekday(week_starts);
    let ahead = (7 + wanted.number_days_from_monday() as i64
        - start.weekday().number_days_from_monday() as i64)
        % 7;
    start + Duration::days(ahead)
}

/// When week 1 does not begin on the start date, says so: "week 1 begins on
/// Saturday 7 March; the start date, 4 March, is a Wednesday" (names in the
/// content's language).
pub fn start_notice(start: Date, week_starts: WeekStart, names: &Names) -> Option<String> {
    let first = first_day(start, week_starts);
    (first != start).then(|| {
        let day = |d: Date| names.weekdays[d.weekday().number_days_from_monday() as usize];
        format!(
            "week 1 begins on {} {} {}; the start date, {} {}, is a {}",
            day(first),
            first.day(),
            names.month(first.month()),
            start.day(),
            names.month(start.month()),
            day(start)
        )
    })
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
    let day = first_day(start, week_starts);
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

/// "Mon 21" ("Mo. 21.", "月 21日").
fn short_day(d: Date, n: &Names) -> String {
    format!("{} {}", n.day(d.weekday()), n.day_number(d))
}

impl Names {
    /// The day of the month as the language writes it: "2", "2.", "1er", "2日".
    fn day_number(&self, d: Date) -> String {
        match (self.form, d.day()) {
            (Form::OrdinalDot, n) => format!("{n}."),
            (Form::French, 1) => "1er".into(),
            (Form::Cjk, n) => format!("{n}日"),
            (_, n) => n.to_string(),
        }
    }

    /// The day and month, with the year when `year`: "2 March 2026", "2 de marzo".
    fn date(&self, d: Date, year: bool) -> String {
        let (day, month) = (self.day_number(d), self.month(d.month()));
        let y = d.year();
        match (self.form, year) {
            (Form::Cjk, true) => format!("{y}年{month}{day}"),
            (Form::Cjk, false) => format!("{month}{day}"),
            (Form::De, true) => format!("{day} de {month} de {y}"),
            (Form::De, false) => format!("{day} de {month}"),
            (Form::Hebrew, true) => format!("{day} ב{month} {y}"),
            (Form::Hebrew, false) => format!("{day} ב{month}"),
            (_, true) => format!("{day} {month} {y}"),
            (_, false) => format!("{day} {month}"),
        }
    }

    /// A date with its weekday: "Mon 2 March 2026", "2026年3月2日（月）".
    fn dated(&self, d: Date, text: String) -> String {
        let wd = self.day(d.weekday());
        match self.form {
            Form::Cjk => format!("{text}（{wd}）"),
            _ => format!("{wd} {text}"),
        }
    }
}

/// "Mon 21 – Sun 27 December 2026", naming the month and year only where they change.
pub fn range(a: Date, b: Date, n: &Names) -> String {
    let cjk = n.form == Form::Cjk;
    let (first, last) = if a.year() != b.year() {
        (n.date(a, true), n.date(b, true))
    } else if a.month() != b.month() {
        if cjk {
            (n.date(a, true), n.date(b, false))
        } else {
            (n.date(a, false), n.date(b, true))
        }
    } else if cjk {
        (n.date(a, true), n.day_number(b))
    } else {
        (n.day_number(a), n.date(b, true))
    };
    let dash = if cjk { "–" } else { " – " };
    format!("{}{dash}{}", n.dated(a, first), n.dated(b, last))
}

/// "7 December 2026 – 17 January 2027", for a cover.
pub fn span(a: Date, b: Date, n: &Names) -> String {
    let cjk = n.form == Form::Cjk;
    let (first, last) = if a.year() != b.year() {
        (n.date(a, true), n.date(b, true))
    } else if cjk {
        (n.date(a, true), n.date(b, false))
    } else {
        (n.date(a, false), n.date(b, true))
    };
    let dash = if cjk { "–" } else { " – " };
    format!("{first}{dash}{last}")
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
    fn week_one_begins_on_the_first_chosen_day_on_or_after_the_start() {
        let en = Names::for_language("en");
        // Wednesday 4 March 2026.
        let start = d(2026, Month::March, 4);
        let expected = [
            ("monday", 9, "Mon 9 – Sun 15 March 2026"),
            ("tuesday", 10, "Tue 10 – Mon 16 March 2026"),
            ("wednesday", 4, "Wed 4 – Tue 10 March 2026"),
            ("thursday", 5, "Thu 5 – Wed 11 March 2026"),
            ("friday", 6, "Fri 6 – Thu 12 March 2026"),
            ("saturday", 7, "Sat 7 – Fri 13 March 2026"),
            ("sunday", 8, "Sun 8 – Sat 14 March 2026"),
        ];
        for (name, day, label) in expected {
            let ws = WeekStart::from_name(name).unwrap();
            let w = week_dates(start, ws, 2, &en);
            assert_eq!(w[0].first, d(2026, Month::March, day), "{name}");
            assert_eq!(w[0].label, label, "{name}");
            assert_eq!(w[1].first, w[0].first + Duration::weeks(1), "{name}");
            assert_eq!(w[0].days[0].split(' ').next(), label.split(' ').next());
            assert_eq!(w[0].days.len(), 7);
            let notice = start_notice(start, ws, &en);
            assert_eq!(notice.is_none(), name == "wednesday", "{name}");
        }
        assert_eq!(WeekStart::from_name("Saturday"), Some(WeekStart::Saturday));
        assert_eq!(WeekStart::from_name("SUNDAY"), Some(WeekStart::Sunday));
        assert_eq!(WeekStart::from_name("satday"), None);
    }

    #[test]
    fn the_notice_names_both_days_in_the_content_language() {
        let start = d(2026, Month::March, 4);
        assert_eq!(
            start_notice(start, WeekStart::Saturday, &Names::for_language("en")).unwrap(),
            "week 1 begins on Saturday 7 March; the start date, 4 March, is a Wednesday"
        );
        assert_eq!(
            start_notice(start, WeekStart::Monday, &Names::for_language("fr")).unwrap(),
            "week 1 begins on lundi 9 mars; the start date, 4 mars, is a mercredi"
        );
        // Across a month's end.
        assert_eq!(
            start_notice(
                d(2026, Month::March, 30),
                WeekStart::Sunday,
                &Names::for_language("en")
            )
            .unwrap(),
            "week 1 begins on Sunday 5 April; the start date, 30 March, is a Monday"
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
    fn each_language_writes_its_dates_its_own_way() {
        let cases = [
            (
                "de",
                "Mo. 2. – So. 8. März 2026",
                "Mo. 30. März – So. 5. April 2026",
                "Mo. 28. Dezember 2026 – So. 3. Januar 2027",
                "2. März – 12. April 2026",
            ),
            (
                "fr",
                "lun. 2 – dim. 8 mars 2026",
                "lun. 30 mars – dim. 5 avril 2026",
                "lun. 28 décembre 2026 – dim. 3 janvier 2027",
                "2 mars – 12 avril 2026",
            ),
            (
                "es",
                "lun. 2 – dom. 8 de marzo de 2026",
                "lun. 30 de marzo – dom. 5 de abril de 2026",
                "lun. 28 de diciembre de 2026 – dom. 3 de enero de 2027",
                "2 de marzo – 12 de abril de 2026",
            ),
            (
                "pt",
                "seg. 2 – dom. 8 de março de 2026",
                "seg. 30 de março – dom. 5 de abril de 2026",
                "seg. 28 de dezembro de 2026 – dom. 3 de janeiro de 2027",
                "2 de março – 12 de abril de 2026",
            ),
            (
                "it",
                "lun 2 – dom 8 marzo 2026",
                "lun 30 marzo – dom 5 aprile 2026",
                "lun 28 dicembre 2026 – dom 3 gennaio 2027",
                "2 marzo – 12 aprile 2026",
            ),
            (
                "nl",
                "ma 2 – zo 8 maart 2026",
                "ma 30 maart – zo 5 april 2026",
                "ma 28 december 2026 – zo 3 januari 2027",
                "2 maart – 12 april 2026",
            ),
            (
                "ar",
                "الاثنين 2 – الأحد 8 مارس 2026",
                "الاثنين 30 مارس – الأحد 5 أبريل 2026",
                "الاثنين 28 ديسمبر 2026 – الأحد 3 يناير 2027",
                "2 مارس – 12 أبريل 2026",
            ),
            (
                "he",
                "יום ב׳ 2 – יום א׳ 8 במרץ 2026",
                "יום ב׳ 30 במרץ – יום א׳ 5 באפריל 2026",
                "יום ב׳ 28 בדצמבר 2026 – יום א׳ 3 בינואר 2027",
                "2 במרץ – 12 באפריל 2026",
            ),
            (
                "zh",
                "2026年3月2日（周一）–8日（周日）",
                "2026年3月30日（周一）–4月5日（周日）",
                "2026年12月28日（周一）–2027年1月3日（周日）",
                "2026年3月2日–4月12日",
            ),
            (
                "ja",
                "2026年3月2日（月）–8日（日）",
                "2026年3月30日（月）–4月5日（日）",
                "2026年12月28日（月）–2027年1月3日（日）",
                "2026年3月2日–4月12日",
            ),
        ];
        for (lang, within, across, years, cover) in cases {
            let n = Names::for_language(lang);
            let week = |y, m, day| {
                let a = d(y, m, day);
                range(a, a + Duration::days(6), &n)
            };
            assert_eq!(week(2026, Month::March, 2), within, "{lang}");
            assert_eq!(week(2026, Month::March, 30), across, "{lang}");
            assert_eq!(week(2026, Month::December, 28), years, "{lang}");
            assert_eq!(
                span(d(2026, Month::March, 2), d(2026, Month::April, 12), &n),
                cover,
                "{lang}"
            );
        }
        let fr = Names::for_language("fr");
        assert_eq!(
            range(d(2026, Month::June, 1), d(2026, Month::June, 7), &fr),
            "lun. 1er – dim. 7 juin 2026"
        );
        assert_eq!(
            short_day(d(2026, Month::June, 1), &Names::for_language("de")),
            "Mo. 1."
        );
        assert_eq!(
            short_day(d(2026, Month::June, 1), &Names::for_language("ja")),
            "月 1日"
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
            "2. März – 12. April 2026"
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
