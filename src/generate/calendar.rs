//! Day numbers, their labels and weekdays, and the campaign period.

use chrono::{Datelike, NaiveDate, Weekday};

use super::draw::{between, chance, Rand};

// Every date is a day number counted from 1 January of the year before the
// campaign, so labels and weekdays come from a table instead of formatting.
pub(super) struct Calendar {
    first: NaiveDate,
    labels: Vec<String>,
    weekend: Vec<bool>,
    years: Vec<i32>,
}

impl Calendar {
    pub(super) fn new(from_year: i32, to_year: i32) -> Calendar {
        let first = NaiveDate::from_ymd_opt(from_year, 1, 1).expect("valid year");
        let last = NaiveDate::from_ymd_opt(to_year, 12, 31).expect("valid year");
        let (mut labels, mut weekend, mut years) = (Vec::new(), Vec::new(), Vec::new());
        for d in first.iter_days().take_while(|d| *d <= last) {
            labels.push(d.format("%Y-%m-%d").to_string());
            weekend.push(matches!(d.weekday(), Weekday::Sat | Weekday::Sun));
            years.push(d.year());
        }
        Calendar {
            first,
            labels,
            weekend,
            years,
        }
    }

    pub(super) fn day(&self, y: i32, m: u32, d: u32) -> i32 {
        let date = NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
        (date - self.first).num_days() as i32
    }

    pub(super) fn label(&self, day: i32) -> &str {
        &self.labels[day as usize]
    }

    pub(super) fn date(&self, day: i32) -> NaiveDate {
        self.first + chrono::Days::new(day as u64)
    }

    pub(super) fn day_of(&self, date: NaiveDate) -> i32 {
        (date - self.first).num_days() as i32
    }

    pub(super) fn weekend(&self, day: i32) -> bool {
        self.weekend[day as usize]
    }

    pub(super) fn year(&self, day: i32) -> i32 {
        self.years[day as usize]
    }
}

/// The campaign period shared by all districts.
pub(super) struct Campaign {
    pub(super) exact: bool,
    pub(super) first_year: i32,
    pub(super) last_year: i32,
    pub(super) end: i32,
    /// Cadres chosen as idle make no visit on or after this day.
    pub(super) idle_cut: i32,
}

/// A day in `lo..=hi`, usually a weekday: cadres rarely visit at weekends.
pub(super) fn workday(rng: &mut Rand, cal: &Calendar, lo: i32, hi: i32) -> i32 {
    let mut d = between(rng, lo, hi);
    for _ in 0..4 {
        if !cal.weekend(d) || chance(rng, 0.08) {
            break;
        }
        d = between(rng, lo, hi);
    }
    d
}
