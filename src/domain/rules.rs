//! Rules about single values that the commands, the importer and `check`
//! share, each written once. A broken rule is a `FieldError` naming the
//! field it is about, so the importer can name the column and the command
//! line the option.

use super::date;
use crate::error::FieldError;
use chrono::NaiveDate;
use std::ops::RangeInclusive;

/// How many person-visits (人次) one visit record may count for.
pub const PEOPLE: RangeInclusive<i64> = 1..=10_000;

/// A day that has already come: nothing is recorded for tomorrow.
/// `what` names the day in the message: "visit date", "pairing start", …
pub fn not_in_future(
    field: &'static str,
    what: &str,
    day: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    if day > today {
        return Err(FieldError {
            field,
            msg: format!(
                "{what} {} is in the future (today is {})",
                date::iso(day),
                date::iso(today)
            ),
        });
    }
    Ok(day)
}

/// A count of person-visits as typed in a file cell.
pub fn people(field: &'static str, text: &str) -> Result<i64, FieldError> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| PEOPLE.contains(n))
        .ok_or_else(|| FieldError {
            field,
            msg: format!(
                "{:?} is not a number of person-visits; use a whole number from {} to {}",
                text.trim(),
                PEOPLE.start(),
                PEOPLE.end()
            ),
        })
}

/// A ticket is due on or after the day it was collected.
pub fn due_not_before_collection(
    field: &'static str,
    due: NaiveDate,
    collected: NaiveDate,
) -> Result<(), FieldError> {
    if due < collected {
        return Err(FieldError {
            field,
            msg: format!(
                "due date {} is before the collection date {}",
                date::iso(due),
                date::iso(collected)
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        date::parse(s).unwrap()
    }

    #[test]
    fn today_is_not_the_future_but_tomorrow_is() {
        let today = d("2022-12-31");
        assert!(not_in_future("on", "visit date", today, today).is_ok());
        let e = not_in_future("on", "visit date", d("2023-01-01"), today).unwrap_err();
        assert_eq!(e.field, "on");
        assert_eq!(
            e.msg,
            "visit date 2023-01-01 is in the future (today is 2022-12-31)"
        );
    }

    #[test]
    fn person_visits_run_from_one_to_ten_thousand() {
        assert_eq!(people("people", " 1 ").unwrap(), 1);
        assert_eq!(people("people", "10000").unwrap(), 10_000);
        for bad in ["0", "10001", "-5", "x", ""] {
            assert!(people("people", bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn due_may_be_the_collection_day_but_not_before() {
        let c = d("2022-03-01");
        assert!(due_not_before_collection("due_on", c, c).is_ok());
        assert!(due_not_before_collection("due_on", d("2022-02-28"), c).is_err());
    }
}
