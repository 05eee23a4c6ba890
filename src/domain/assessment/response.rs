//! The response time (响应时限) an assignment is held to, as the database
//! sets it from a day on.

use chrono::NaiveDate;

/// The response time (响应时限) where the database sets none: working days
/// from an assignment to its acceptance.
pub(crate) const DEFAULT_RESPONSE_DAYS: u32 = 1;

/// The response times set, each from a day on. An assignment made on a day
/// has the one set from the latest day on or before it (of several set from
/// the same day, the last set), or DEFAULT_RESPONSE_DAYS before the first:
/// a response time set from a day never reaches an assignment made before
/// it, so an assessment as of a past day stays what it was.
#[derive(Debug, Clone, Default)]
pub(crate) struct ResponseTimes {
    /// `(from, days)`, by day, in the order set within a day.
    from: Vec<(NaiveDate, u32)>,
}

impl ResponseTimes {
    /// The settings, in the order they were set.
    pub(crate) fn new(settings: impl IntoIterator<Item = (NaiveDate, u32)>) -> ResponseTimes {
        let mut from: Vec<(NaiveDate, u32)> = settings.into_iter().collect();
        // Stable: of settings from one day, the last set stays last.
        from.sort_by_key(|s| s.0);
        ResponseTimes { from }
    }

    /// The response time of an assignment made on `assigned_on`, in working days.
    pub(crate) fn days(&self, assigned_on: NaiveDate) -> u32 {
        match self.from.partition_point(|s| s.0 <= assigned_on) {
            0 => DEFAULT_RESPONSE_DAYS,
            i => self.from[i - 1].1,
        }
    }
}
