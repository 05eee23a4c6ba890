//! Days: none in the future, due dates, pairings' ends, periods, voids,
//! and a visit's day against the pairings in force.

use crate::domain::date;
use crate::error::FieldError;
use chrono::NaiveDate;

/// A day that has already come: nothing is recorded for tomorrow.
/// `what` names the day in the message: "visit date", "pairing start", …
pub(crate) fn not_in_future(
    field: &'static str,
    what: &str,
    day: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    if day > today {
        let (day, today) = (date::iso(day), date::iso(today));
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "{what} {day} is in the future (today is {today})",
                "{what}{day}晚于今天（今天是{today}）"
            ),
        });
    }
    Ok(day)
}

/// A ticket is due on or after the day it was collected.
pub(crate) fn due_not_before_collection(
    field: &'static str,
    due: NaiveDate,
    collected: NaiveDate,
) -> Result<(), FieldError> {
    if due < collected {
        let (due, collected) = (date::iso(due), date::iso(collected));
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "due date {due} is before the collection date {collected}",
                "办理时限{due}早于收集日期{collected}"
            ),
        });
    }
    Ok(())
}

/// A due date set after the collection (by an assignment or an
/// extension) is not already past on the day it is set.
pub(crate) fn due_not_before_setting(
    field: &'static str,
    due: NaiveDate,
    on: NaiveDate,
) -> Result<(), FieldError> {
    if due < on {
        let (due, on) = (date::iso(due), date::iso(on));
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "due date {due} is before the day it is set, {on}",
                "办理时限{due}早于设定之日{on}"
            ),
        });
    }
    Ok(())
}

/// A pairing ends on or after the day it began.
pub(crate) fn pairing_end(
    field: &'static str,
    started: NaiveDate,
    ended: NaiveDate,
) -> Result<(), FieldError> {
    if ended < started {
        let (started, ended) = (date::iso(started), date::iso(ended));
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "the pairing began on {started}; it cannot end on {ended}, before that",
                "结对开始于{started}；不能在此之前的{ended}结束"
            ),
        });
    }
    Ok(())
}

/// A period given as `--from`/`--to` runs forwards: its first day is not
/// after its last (either may be left open).
pub(crate) fn period(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<(), FieldError> {
    match (from, to) {
        (Some(f), Some(t)) if f > t => {
            let (f, t) = (date::iso(f), date::iso(t));
            Err(FieldError {
                field: "from",
                msg: crate::tr!("--from {f} is after --to {t}", "--from {f} 晚于 --to {t}"),
            })
        }
        _ => Ok(()),
    }
}

/// A record voided by mistake is voided on or after the day it happened.
/// `what` names the record in the message: "visit", "ticket", …
pub(crate) fn void_date(
    field: &'static str,
    what: &str,
    happened: NaiveDate,
    voided: NaiveDate,
) -> Result<(), FieldError> {
    if voided < happened {
        let (happened, voided) = (date::iso(happened), date::iso(voided));
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "the {what} is dated {happened}; it cannot be voided on {voided}, before that",
                "该{what}的日期是{happened}；不能在此之前的{voided}作废"
            ),
        });
    }
    Ok(())
}

/// The days a pairing is in force: from its start day up to, not
/// including, the day it ended. One that ended on the day it began was
/// never in force; an open one (`end` None) runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: NaiveDate,
    pub(crate) end: Option<NaiveDate>,
}

impl Span {
    /// Whether the pairing was in force on at least one day.
    pub(crate) fn ever_in_force(self) -> bool {
        self.end.is_none_or(|end| end > self.start)
    }

    #[cfg(test)]
    pub(crate) fn in_force_on(self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|end| day < end)
    }

    /// Whether some day has both pairings in force. A pairing ending on the
    /// day the next begins is a handover, not an overlap.
    pub(crate) fn overlaps(self, other: Span) -> bool {
        let before = |day: NaiveDate, end: Option<NaiveDate>| end.is_none_or(|e| day < e);
        self.ever_in_force()
            && other.ever_in_force()
            && before(self.start, other.end)
            && before(other.start, self.end)
    }

    /// `from 2022-03-01 to 2022-06-30`, or `from 2022-03-01 on` while open.
    pub(crate) fn describe(self) -> String {
        let start = date::iso(self.start);
        match self.end.map(date::iso) {
            Some(end) => crate::tr!("from {start} to {end}", "{start}至{end}"),
            None => crate::tr!("from {start} on", "自{start}起"),
        }
    }
}

/// The one-at-a-time rule of a tier: the first of `existing` (a pairing
/// that shares the cadre or the enterprise the rule is about) whose days
/// overlap `new`'s, if any.
pub(crate) fn in_the_way<T>(
    new: Span,
    existing: impl IntoIterator<Item = (Span, T)>,
) -> Option<(Span, T)> {
    existing.into_iter().find(|(span, _)| span.overlaps(new))
}

/// A visit's date: not in the future, and not before the cadre's pairing
/// with the enterprise began unless the visit is recorded as unpaired.
/// `first_start` is the earliest start of any pairing of this cadre with
/// this enterprise; `override_hint` says how to record an unpaired visit
/// (`pass --unpaired`, or a column in an import).
pub(crate) fn visit_date(
    field: &'static str,
    on: NaiveDate,
    today: NaiveDate,
    first_start: Option<NaiveDate>,
    unpaired: bool,
    override_hint: &str,
) -> Result<(), FieldError> {
    not_in_future(field, &crate::tr!("visit date", "走访日期"), on, today)?;
    if unpaired {
        return Ok(());
    }
    let msg = match first_start {
        None => crate::tr!(
            "the cadre is not paired with this enterprise; {override_hint} to record the visit anyway",
            "该干部与这家企业没有结对；如仍要登记这次走访，请{override_hint}"
        ),
        Some(start) if on < start => {
            let (on, start) = (date::iso(on), date::iso(start));
            crate::tr!(
                "visit date {on} is before the cadre's pairing with this enterprise began ({start}); {override_hint} to record it anyway",
                "走访日期{on}早于该干部与这家企业结对的开始日期（{start}）；如仍要登记，请{override_hint}"
            )
        }
        Some(_) => return Ok(()),
    };
    Err(FieldError { field, msg })
}
