//! Working days (工作日): Monday to Friday, except public holidays, plus the
//! weekend days declared working days (调休). The State Council's published
//! arrangements ship with qianqi; days the user imports override them.

use super::date;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::BTreeMap;

/// The State Council's holiday arrangements (国务院办公厅关于…年部分节假日
/// 安排的通知), as (first, last) ranges off and single weekend days on.
/// 2022: 国办发明电〔2021〕11号; 2023: 〔2022〕16号; 2024: 〔2023〕7号;
/// 2025: 〔2024〕12号; 2026: published 2025-11-04.
const HOLIDAYS: &[(&str, &str)] = &[
    ("2022-01-01", "2022-01-03"),
    ("2022-01-31", "2022-02-06"),
    ("2022-04-03", "2022-04-05"),
    ("2022-04-30", "2022-05-04"),
    ("2022-06-03", "2022-06-05"),
    ("2022-09-10", "2022-09-12"),
    ("2022-10-01", "2022-10-07"),
    ("2022-12-31", "2023-01-02"),
    ("2023-01-21", "2023-01-27"),
    ("2023-04-05", "2023-04-05"),
    ("2023-04-29", "2023-05-03"),
    ("2023-06-22", "2023-06-24"),
    ("2023-09-29", "2023-10-06"),
    ("2024-01-01", "2024-01-01"),
    ("2024-02-10", "2024-02-17"),
    ("2024-04-04", "2024-04-06"),
    ("2024-05-01", "2024-05-05"),
    ("2024-06-10", "2024-06-10"),
    ("2024-09-15", "2024-09-17"),
    ("2024-10-01", "2024-10-07"),
    ("2025-01-01", "2025-01-01"),
    ("2025-01-28", "2025-02-04"),
    ("2025-04-04", "2025-04-06"),
    ("2025-05-01", "2025-05-05"),
    ("2025-05-31", "2025-06-02"),
    ("2025-10-01", "2025-10-08"),
    ("2026-01-01", "2026-01-03"),
    ("2026-02-15", "2026-02-23"),
    ("2026-04-04", "2026-04-06"),
    ("2026-05-01", "2026-05-05"),
    ("2026-06-19", "2026-06-21"),
    ("2026-09-25", "2026-09-27"),
    ("2026-10-01", "2026-10-07"),
];

/// 调休: weekend days that are working days.
const MAKEUP_DAYS: &[&str] = &[
    "2022-01-29",
    "2022-01-30",
    "2022-04-02",
    "2022-04-24",
    "2022-05-07",
    "2022-10-08",
    "2022-10-09",
    "2023-01-28",
    "2023-01-29",
    "2023-04-23",
    "2023-05-06",
    "2023-06-25",
    "2023-10-07",
    "2023-10-08",
    "2024-02-04",
    "2024-02-18",
    "2024-04-07",
    "2024-04-28",
    "2024-05-11",
    "2024-09-14",
    "2024-09-29",
    "2024-10-12",
    "2025-01-26",
    "2025-02-08",
    "2025-04-27",
    "2025-09-28",
    "2025-10-11",
    "2026-01-04",
    "2026-02-14",
    "2026-02-28",
    "2026-05-09",
    "2026-09-20",
    "2026-10-10",
];

/// The days that are not what the weekday says: holidays off, 调休 on.
#[derive(Debug, Clone, Default)]
pub(crate) struct Calendar {
    exceptions: BTreeMap<NaiveDate, bool>,
}

fn day(s: &str) -> NaiveDate {
    date::parse(s).expect("the shipped calendar holds valid dates")
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Calendar {
    /// The published arrangements, 2022 onwards.
    pub(crate) fn shipped() -> Calendar {
        let mut c = Calendar::default();
        for (first, last) in HOLIDAYS {
            let (mut d, last) = (day(first), day(last));
            while d <= last {
                if !is_weekend(d) {
                    c.exceptions.insert(d, false);
                }
                d = d + Days::new(1);
            }
        }
        for d in MAKEUP_DAYS {
            c.exceptions.insert(day(d), true);
        }
        c
    }

    /// Declares `d` a working day or not, replacing what was said of it.
    pub(crate) fn set(&mut self, d: NaiveDate, workday: bool) {
        if workday != is_weekend(d) {
            self.exceptions.remove(&d);
        } else {
            self.exceptions.insert(d, workday);
        }
    }

    pub(crate) fn is_workday(&self, d: NaiveDate) -> bool {
        self.exceptions.get(&d).copied().unwrap_or(!is_weekend(d))
    }

    /// The days in `[from, to]` that differ from their weekday, in order.
    pub(crate) fn exceptions(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Iterator<Item = (NaiveDate, bool)> + '_ {
        self.exceptions.range(from..=to).map(|(d, w)| (*d, *w))
    }

    /// The `n`th working day after `from` (`from` itself not counted).
    pub(crate) fn add_workdays(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = d + Days::new(1);
            if self.is_workday(d) {
                left -= 1;
            }
        }
        d
    }

    /// How many working days lie after `from`, up to and including `to`
    /// (0 when `to` is not after `from`).
    ///
    /// Counted by whole weeks and the listed days between, not day by day:
    /// an overdue list asks this of every ticket in it.
    pub(crate) fn workdays_after(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to <= from {
            return 0;
        }
        let days = (to - from).num_days();
        let mut n = days / 7 * 5;
        let mut d = from + Days::new((days / 7 * 7) as u64);
        while d < to {
            d = d + Days::new(1);
            if !is_weekend(d) {
                n += 1;
            }
        }
        let after = from + Days::new(1);
        for (day, workday) in self.exceptions(after, to) {
            n += match (workday, is_weekend(day)) {
                (true, true) => 1,
                (false, false) => -1,
                _ => 0,
            };
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holidays_are_off_and_makeup_weekends_on() {
        let c = Calendar::shipped();
        assert!(!c.is_workday(day("2022-10-03")), "National Day");
        assert!(c.is_workday(day("2022-10-08")), "a Saturday worked");
        assert!(!c.is_workday(day("2022-10-15")), "an ordinary Saturday");
        assert!(c.is_workday(day("2022-10-10")));
        assert!(!c.is_workday(day("2026-02-23")));
        assert!(c.is_workday(day("2026-02-28")));
    }

    #[test]
    fn deadlines_count_working_days() {
        let c = Calendar::shipped();
        // Friday 2022-09-30 + 1 working day: past the National Day week to Saturday 10-08.
        assert_eq!(c.add_workdays(day("2022-09-30"), 1), day("2022-10-08"));
        // Monday 2022-03-07 + 7 working days: Wednesday 03-16.
        assert_eq!(c.add_workdays(day("2022-03-07"), 7), day("2022-03-16"));
        assert_eq!(c.workdays_after(day("2022-03-07"), day("2022-03-16")), 7);
        assert_eq!(c.workdays_after(day("2022-03-16"), day("2022-03-07")), 0);
        // Over National Day: 09-30 (Fri) to 10-10 (Mon) holds 10-08 and 10-09 (调休) and 10-10.
        assert_eq!(c.workdays_after(day("2022-09-30"), day("2022-10-10")), 3);
        // A whole year agrees with counting day by day.
        let (from, to) = (day("2021-12-25"), day("2023-01-08"));
        let mut by_day = 0;
        let mut d = from;
        while d < to {
            d = d + Days::new(1);
            by_day += i64::from(c.is_workday(d));
        }
        assert_eq!(c.workdays_after(from, to), by_day);
    }

    #[test]
    fn an_imported_day_overrides_the_shipped_one() {
        let mut c = Calendar::shipped();
        c.set(day("2022-03-08"), false);
        assert!(!c.is_workday(day("2022-03-08")));
        c.set(day("2022-10-03"), true);
        assert!(c.is_workday(day("2022-10-03")));
        assert_eq!(
            c.exceptions(day("2022-03-08"), day("2022-03-08")).count(),
            1
        );
    }
}
