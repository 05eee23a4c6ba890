//! The queries of the supervision reports. Each report reads its figures
//! with one aggregate query (plus one per listed detail); the rows come back
//! typed, or as `output::Value` rows whose columns the report names.
//!
//! The statements were tuned for a city of a million tickets (see
//! BENCHMARKS.md): the ticket counts read covering indexes, the `--as-of`
//! figures two range scans of `ticket_events_as_of`.

pub(crate) mod assessment;
pub(crate) mod coverage;
pub(crate) mod meetings;
pub(crate) mod overdue;
pub(crate) mod reconcile;
pub(crate) mod visits;

use super::pairings::EVER_IN_FORCE;
use super::{status_list, Db};
use crate::domain::status::Status;
use crate::domain::{date, rules};
use crate::error::input;
use anyhow::Result;
use chrono::NaiveDate;

/// The tickets (or visits, meetings) a report covers and the day it looks from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scope {
    /// First collection (visit, meeting) day, included.
    pub(crate) from: Option<NaiveDate>,
    /// Last collection (visit, meeting) day, included.
    pub(crate) to: Option<NaiveDate>,
    /// The day statuses and overdue are judged on: `--as-of`, else today.
    pub(crate) day: NaiveDate,
    /// Whether statuses come from the event history (`--as-of`) rather than the cached status.
    pub(crate) as_of: bool,
}

impl Scope {
    pub(crate) fn new(
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        as_of: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Scope> {
        rules::period(from, to)?;
        if let Some(d) = as_of.filter(|d| *d > today) {
            let (d, today) = (date::iso(d), date::iso(today));
            return Err(input(crate::tr!(
                "--as-of {d} is in the future (today is {today}); the history only reaches today",
                "--as-of {d} 晚于今天（今天是{today}）；历史记录只到今天"
            )));
        }
        Ok(Scope {
            from,
            to,
            day: as_of.unwrap_or(today),
            as_of: as_of.is_some(),
        })
    }

    pub(crate) fn day_iso(&self) -> String {
        date::iso(self.day)
    }

    pub(crate) fn first_day_iso(&self) -> Option<String> {
        self.from.map(date::iso)
    }

    pub(crate) fn last_day_iso(&self) -> Option<String> {
        self.to.map(date::iso)
    }

    /// The parameters most report queries share: ?1 the day, ?2 from, ?3 to.
    fn params(&self) -> (String, Option<String>, Option<String>) {
        (self.day_iso(), self.first_day_iso(), self.last_day_iso())
    }
}

/// Prepares a connection for a report. Reports read far more than the page
/// cache holds at city scale; mapping the file saves a system call per page read.
pub(crate) fn map_file(db: &Db) -> Result<()> {
    if let Some(c) = db.sql().sqlite() {
        c.pragma_update(None, "mmap_size", 1_i64 << 30)?;
    }
    Ok(())
}

/// One status as an SQL literal, `'resolved'`, derived like `status_list`.
fn status_sql(s: Status) -> String {
    status_list(&[s])
}

/// Leaves out the tickets voided on or before the day ?1 (作废): the id in
/// `{col}` is looked up among the few voided ones through the partial index
/// `tickets_voided`, so the counts still read their covering indexes.
macro_rules! not_voided {
    ($col:literal) => {
        concat!(
            $col,
            " NOT IN (SELECT v.id FROM tickets v WHERE v.voided_on <= ?1)"
        )
    };
}

/// The text of EVENTS_AS_OF, for building other constants from it.
macro_rules! events_as_of {
    () => {
        "(SELECT ticket_id, status FROM ticket_events
      WHERE superseded_on > ?1 AND on_date <= ?1
     UNION ALL
     SELECT ticket_id, status FROM ticket_events
      WHERE superseded_on IS NULL AND on_date <= ?1) ev"
    };
}

/// The events in force at the end of day ?1, one per ticket collected by then:
/// `on_date <= D < superseded_on`. Two range scans of the covering index
/// `ticket_events_as_of` (superseded later, or never), with no per-ticket grouping.
const EVENTS_AS_OF: &str = events_as_of!();

/// The condition that leaves voided tickets out of EVENTS_AS_OF.
const EVENT_NOT_VOIDED: &str = not_voided!("ev.ticket_id");

/// The selected tickets, each with its status as of the scope's day, as SQL
/// fragments: `FROM {from} WHERE {filter}` with the status in `{status}`.
/// Parameters: ?1 the day, ?2 from, ?3 to (collection dates).
///
/// Without `--as-of` the cached status is current, so the tickets table is
/// read alone (a covering index serves the grouped counts). With `--as-of`
/// the status is the one event in force on the day — `on_date <= D <
/// superseded_on` — found by a range scan of `ticket_events_as_of`, with no
/// per-ticket grouping; a ticket has such an event exactly when it was
/// collected on or before D.
#[derive(Debug, Clone, Copy)]
pub(in crate::db) struct TicketSource {
    pub(in crate::db) from: &'static str,
    pub(in crate::db) status: &'static str,
    pub(in crate::db) filter: &'static str,
    /// `filter` for a query of open tickets alone. In the cached form the
    /// `+` keeps SQLite on the partial index `tickets_open_due`, which holds
    /// just them, instead of the index of collection days, through which it
    /// would look up nearly every ticket to find the open ones.
    pub(in crate::db) open_filter: &'static str,
    /// The due date in force on the day (extensions included).
    pub(in crate::db) due: &'static str,
    /// The handling department in force on the day (after assignments and returns).
    pub(in crate::db) department: &'static str,
}

/// The due date in force at the end of day ?1 for the ticket whose id is
/// `$id`: the one set by its latest event on or before the day that set one
/// (collection, assignment, extension). One seek of the partial index
/// `ticket_events_handling`, whose condition the `IS NOT NULL` implies.
macro_rules! due_as_of {
    ($id:literal) => {
        concat!(
            "(SELECT h.due_on FROM ticket_events h
               WHERE h.ticket_id = ",
            $id,
            " AND h.due_on IS NOT NULL AND h.on_date <= ?1
               ORDER BY h.on_date DESC, h.id DESC LIMIT 1)"
        )
    };
}

/// The handling department in force at the end of day ?1 for the ticket
/// `t`: the one set by its latest assignment on or before the day, NULL when
/// a return (退单) came after it or there was none. The literal `'return'`
/// is the stored name of `Action::Return`, written out so that the query
/// matches the condition of the partial index `ticket_events_handling`.
const DEPARTMENT_AS_OF: &str = "(SELECT h.department_id FROM ticket_events h
   WHERE h.ticket_id = t.id AND (h.department_id IS NOT NULL OR h.action = 'return')
     AND h.on_date <= ?1
   ORDER BY h.on_date DESC, h.id DESC LIMIT 1)";

/// The due date in force on day ?1 of the event's ticket in EVENTS_AS_OF.
const EVENT_DUE_AS_OF: &str = due_as_of!("ev.ticket_id");

/// EVENTS_AS_OF with each event's ticket.
const AS_OF_JOINED: &str = concat!(events_as_of!(), " JOIN tickets t ON t.id = ev.ticket_id");

impl TicketSource {
    pub(in crate::db) fn new(scope: &Scope) -> TicketSource {
        if scope.as_of {
            TicketSource {
                from: AS_OF_JOINED,
                status: "ev.status",
                filter: concat!(
                    "(?2 IS NULL OR t.collected_on >= ?2) AND (?3 IS NULL OR t.collected_on <= ?3) AND ",
                    not_voided!("t.id")
                ),
                open_filter: concat!(
                    "(?2 IS NULL OR t.collected_on >= ?2) AND (?3 IS NULL OR t.collected_on <= ?3) AND ",
                    not_voided!("t.id")
                ),
                due: due_as_of!("t.id"),
                department: DEPARTMENT_AS_OF,
            }
        } else {
            TicketSource {
                from: "tickets t",
                status: "t.status",
                filter: concat!(
                    "t.collected_on <= ?1
                     AND (?2 IS NULL OR t.collected_on >= ?2) AND (?3 IS NULL OR t.collected_on <= ?3) AND ",
                    not_voided!("t.id")
                ),
                open_filter: concat!(
                    "+t.collected_on <= ?1
                     AND (?2 IS NULL OR +t.collected_on >= ?2) AND (?3 IS NULL OR +t.collected_on <= ?3) AND ",
                    not_voided!("t.id")
                ),
                due: "t.due_on",
                department: "t.department_id",
            }
        }
    }
}

/// The tier of the pairing between a row's enterprise and cadre (`t.` or `v.`
/// aliases given as `alias`): the latest pairing started on or before the
/// row's date, else the earliest one; NULL when they were never paired (a
/// pairing never in force does not count).
fn tier_sql(alias: &str, date_col: &str) -> String {
    // Two lookups rather than one ORDER BY on the outer row's date, which
    // SQLite cannot resolve when the expression is also the GROUP BY key.
    format!(
        "coalesce(
           (SELECT p.tier FROM pairings p
             WHERE p.enterprise_id = {alias}.enterprise_id AND p.cadre_id = {alias}.cadre_id
               AND p.started_on <= {alias}.{date_col} AND {EVER_IN_FORCE}
             ORDER BY p.started_on DESC LIMIT 1),
           (SELECT p.tier FROM pairings p
             WHERE p.enterprise_id = {alias}.enterprise_id AND p.cadre_id = {alias}.cadre_id
               AND {EVER_IN_FORCE}
             ORDER BY p.started_on LIMIT 1))"
    )
}
