//! Numbers: person-visits and deadlines in working days.

use crate::error::FieldError;
use std::ops::RangeInclusive;

/// How many person-visits (人次) one visit record may count for.
pub(crate) const PEOPLE: RangeInclusive<i64> = 1..=10_000;

/// A count of person-visits as typed in a file cell.
pub(crate) fn people(field: &'static str, text: &str) -> Result<i64, FieldError> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| PEOPLE.contains(n))
        .ok_or_else(|| {
            let (t, min, max) = (text.trim(), PEOPLE.start(), PEOPLE.end());
            FieldError {
                field,
                msg: crate::tr!(
                    "{t:?} is not a number of person-visits; use a whole number from {min} to {max}",
                    "{t:?}不是走访人次；请填{min}到{max}之间的整数"
                ),
            }
        })
}

/// The most working days a category's deadline (办理时限) may give.
pub(crate) const MAX_DEADLINE_DAYS: u32 = 365;

/// A category's deadline in working days: 1 to MAX_DEADLINE_DAYS.
pub(crate) fn deadline_days(field: &'static str, days: u32) -> Result<u32, FieldError> {
    days_in_range(field, days, "a deadline", "办理时限")
}

/// A number of working days held to 1 to MAX_DEADLINE_DAYS, refused as
/// not being `what`.
fn days_in_range(
    field: &'static str,
    days: u32,
    what: &str,
    what_zh: &str,
) -> Result<u32, FieldError> {
    if (1..=MAX_DEADLINE_DAYS).contains(&days) {
        return Ok(days);
    }
    Err(FieldError {
        field,
        msg: crate::tr!(
            "{days} working days is not {what}; give 1 to {MAX_DEADLINE_DAYS} working days",
            "{days}个工作日不是有效的{what_zh}；请给1到{MAX_DEADLINE_DAYS}个工作日"
        ),
    })
}

/// A number of working days as typed (a deadline, a response time): a whole
/// number, then held to its own range by `deadline_days` or `response_days`.
pub(crate) fn working_days(field: &'static str, text: &str) -> Result<u32, FieldError> {
    text.trim().parse().map_err(|_| FieldError {
        field,
        msg: crate::tr!(
            "{text:?} is not a number of working days; give 1 to {MAX_DEADLINE_DAYS}",
            "{text:?}不是工作日天数；请给1到{MAX_DEADLINE_DAYS}"
        ),
    })
}

/// A response time (响应时限) in working days: 1 to MAX_DEADLINE_DAYS.
pub(crate) fn response_days(field: &'static str, days: u32) -> Result<u32, FieldError> {
    days_in_range(field, days, "a response time", "响应时限")
}
