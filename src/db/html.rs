//! The figures only `report html` needs besides the other reports': what
//! happened in each month (tickets collected, closed and reopened, and the open
//! backlog at the month's end), and the open tickets by how far past their due
//! date they are. Each is one grouped query; nothing is read row by row.

use super::report::{Scope, TicketSource};
use super::{status_list, Db};
use crate::domain::reconcile::Lateness;
use crate::domain::status::{Action, Status};
use anyhow::Result;

/// Runs `f` inside one read transaction, so that every figure it reads comes
/// from the same state of the database even while others write.
pub(crate) fn one_snapshot<T>(db: &Db, f: impl FnOnce() -> Result<T>) -> Result<T> {
    db.snapshot(f)
}

/// Another connection to the same database, read-only, so that a second
/// thread can read other records while `db` reads the tickets. It waits for
/// locks and maps the file as `db` does.
pub(crate) fn second_reader(db: &Db) -> Result<Db> {
    if let Some(other) = db.reconnect()? {
        return Ok(other);
    }
    let conn = db.sqlite()?;
    let path = conn.path().filter(|p| !p.is_empty()).ok_or_else(|| {
        anyhow::anyhow!(crate::tr!("the database is not a file", "数据库不是文件"))
    })?;
    let other = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    for pragma in ["busy_timeout", "mmap_size"] {
        let value: i64 = conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))?;
        other.pragma_update(None, pragma, value)?;
    }
    Ok(Db::from_sqlite(other, db.shown()))
}

/// One month of the tickets' history, as it stood at the end of the report's day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MonthFlow {
    /// `2022-03`.
    pub(crate) month: String,
    /// Tickets collected in the month.
    pub(crate) collected: i64,
    /// Closings in the month: tickets resolved or explained.
    pub(crate) closed: i64,
    /// Closed tickets reopened in the month.
    pub(crate) reopened: i64,
    /// Tickets open at the end of the month (at the end of the report's day
    /// for its own month, and for the last month listed).
    pub(crate) open_at_end: i64,
}

/// Each month from the first collection to the last change, with
/// `open_at_end = previous open_at_end + collected − closed + reopened`.
///
/// An event with an open status counts in the backlog from its day until the
/// day it is superseded. A closure is an event whose action made the ticket
/// resolved or explained, a reopening one whose action is `reopen`: the
/// follow-ups of a closed ticket and the urges of an open one change
/// neither. The events are first counted per (superseded_on, on_date,
/// status, action), which begins with the order of the index
/// `ticket_events_as_of`; only those few counts are regrouped by month.
pub(crate) fn month_flows(db: &Db, scope: &Scope) -> Result<Vec<MonthFlow>> {
    let open = status_list(&Status::OPEN);
    let closed = status_list(&Status::CLOSED);
    // A closure is an event that made the ticket resolved or explained, not
    // a follow-up or a correction of one already closed.
    let changing = Action::ALL
        .iter()
        .filter(|a| a.changes_status())
        .map(|a| format!("'{}'", a.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let reopen = Action::Reopen.as_str();
    let (join, filter) = if scope.from.is_some() || scope.to.is_some() {
        (
            "JOIN tickets t ON t.id = e.ticket_id",
            "(?2 IS NULL OR t.collected_on >= ?2) AND (?3 IS NULL OR t.collected_on <= ?3)",
        )
    } else {
        ("", "?2 IS NULL AND ?3 IS NULL")
    };
    let sql = format!(
        "WITH g AS MATERIALIZED (
             SELECT e.superseded_on AS sup, e.on_date AS on_,
                    CAST(e.status IN ({closed}) AND (e.action IS NULL OR e.action IN ({changing})) AS INTEGER) AS cl,
                    CAST(coalesce(e.action = '{reopen}', FALSE) AS INTEGER) AS re,
                    CAST(e.status IN ({open}) AS INTEGER) AS op, count(*) AS n
             FROM ticket_events e {join}
             WHERE e.on_date <= ?1 AND {filter}
             GROUP BY e.superseded_on, e.on_date, e.status, e.action
         ),
         m AS (
             SELECT substr(on_, 1, 7) AS month, 0 AS collected, cl * n AS closed,
                    re * n AS reopened, op * n AS delta
             FROM g
             UNION ALL
             SELECT substr(sup, 1, 7), 0, 0, 0, -op * n FROM g WHERE sup <= ?1
             UNION ALL
             SELECT substr(t.collected_on, 1, 7), count(*), 0, 0, 0 FROM tickets t
             WHERE t.collected_on <= ?1
               AND (?2 IS NULL OR t.collected_on >= ?2) AND (?3 IS NULL OR t.collected_on <= ?3)
             GROUP BY t.collected_on
         )
         SELECT month, sum(collected), sum(closed), sum(reopened),
                sum(sum(delta)) OVER (ORDER BY month)
         FROM m GROUP BY month ORDER BY month"
    );
    let mut stmt = db.sql().prepare(&sql)?;
    let rows = stmt.query_map(
        crate::db::sql::params![scope.day_iso(), scope.first_day_iso(), scope.last_day_iso()],
        |r| {
            Ok(MonthFlow {
                month: r.get(0)?,
                collected: r.get(1)?,
                closed: r.get(2)?,
                reopened: r.get(3)?,
                open_at_end: r.get(4)?,
            })
        },
    )?;
    let rows = rows.collect::<crate::db::sql::Result<Vec<_>>>()?;
    Ok(every_month(rows))
}

/// The months from the first given to the last, those without any event
/// added with no flow and the backlog carried over. After the last month
/// given nothing changed, so its backlog is the one on the report's day.
fn every_month(rows: Vec<MonthFlow>) -> Vec<MonthFlow> {
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return rows;
    };
    let next = |m: &str| -> String {
        let (y, mo) = (
            m[..4].parse::<i32>().unwrap_or(0),
            m[5..7].parse::<u32>().unwrap_or(12),
        );
        if mo >= 12 {
            format!("{:04}-01", y + 1)
        } else {
            format!("{y:04}-{:02}", mo + 1)
        }
    };
    let mut month = first.month.clone();
    let end = last.month.clone();
    let mut out: Vec<MonthFlow> = Vec::with_capacity(rows.len());
    let mut given = rows.into_iter().peekable();
    while month <= end {
        let row = match given.peek() {
            Some(r) if r.month == month => given.next().expect("peeked"),
            _ => MonthFlow {
                month: month.clone(),
                collected: 0,
                closed: 0,
                reopened: 0,
                open_at_end: out.last().map_or(0, |r| r.open_at_end),
            },
        };
        out.push(row);
        month = next(&month);
    }
    out
}

/// Visit records and person-visits (人次) in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MonthVisits {
    /// `2022-03`.
    pub(crate) month: String,
    pub(crate) visits: i64,
    pub(crate) people: i64,
}

/// Visits per month, on or before the report's day and within --from/--to.
/// `report visits --period month` gives the same two figures with the work
/// items besides, whose five sums double the cost of the grouping; at city
/// scale (millions of visits) the page needs only these two.
pub(crate) fn visits_by_month(db: &Db, scope: &Scope) -> Result<Vec<MonthVisits>> {
    let mut stmt = db.sql().prepare(
        "SELECT substr(visited_on, 1, 7) AS month, count(*), coalesce(sum(people), 0)
         FROM visits
         WHERE visited_on <= ?1 AND (?2 IS NULL OR visited_on >= ?2) AND (?3 IS NULL OR visited_on <= ?3)
         GROUP BY month ORDER BY month",
    )?;
    let rows = stmt.query_map(
        crate::db::sql::params![scope.day_iso(), scope.first_day_iso(), scope.last_day_iso()],
        |r| {
            Ok(MonthVisits {
                month: r.get(0)?,
                visits: r.get(1)?,
                people: r.get(2)?,
            })
        },
    )?;
    Ok(rows.collect::<crate::db::sql::Result<Vec<_>>>()?)
}

/// The open tickets in one place against their due dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OpenByLateness {
    pub(crate) place: Lateness,
    /// Open tickets (collected or in progress) in this place.
    pub(crate) open: i64,
    /// Of which still awaiting acceptance.
    pub(crate) awaiting: i64,
}

/// The tickets open on the report's day, one entry per place of
/// `Lateness::ALL` (zero counts included). SQL counts them per number of
/// days late; the bands are the domain's.
pub(crate) fn open_by_lateness(db: &Db, scope: &Scope) -> Result<Vec<OpenByLateness>> {
    let open = status_list(&Status::OPEN);
    let (from, filter, st, due) = if scope.as_of {
        let src = TicketSource::new(scope);
        (src.from, src.filter.to_string(), src.status, src.due)
    } else {
        // The open tickets are a small part of all, and the partial index
        // `tickets_open_due` holds just them; `+` keeps SQLite from choosing
        // the index of collection dates, which would visit every ticket.
        // PostgreSQL has no unary + on a day, and its planner needs no hint.
        let plus = if db.sql().is_pg() { "" } else { "+" };
        (
            "tickets t",
            format!(
                "{plus}t.collected_on <= ?1 AND (?2 IS NULL OR {plus}t.collected_on >= ?2)
                 AND (?3 IS NULL OR {plus}t.collected_on <= ?3)"
            ),
            "t.status",
            "t.due_on",
        )
    };
    let sql = format!(
        "SELECT CAST(julianday(?1) - julianday({due}) AS INTEGER) AS late, count(*),
                sum({st} IN ({awaiting}))
         FROM {from}
         WHERE {st} IN ({open}) AND {filter}
         GROUP BY late",
        awaiting = status_list(&[Status::Collected]),
    );
    let mut out: Vec<OpenByLateness> = Lateness::ALL
        .iter()
        .map(|&place| OpenByLateness {
            place,
            open: 0,
            awaiting: 0,
        })
        .collect();
    let mut stmt = db.sql().prepare(&sql)?;
    let rows = stmt.query_map(
        crate::db::sql::params![scope.day_iso(), scope.first_day_iso(), scope.last_day_iso()],
        |r| {
            Ok((
                r.get::<_, Option<i64>>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        },
    )?;
    for row in rows {
        let (late, open, awaiting) = row?;
        let slot = &mut out[Lateness::of_days_late(late).index()];
        slot.open += open;
        slot.awaiting += awaiting;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(month: &str, collected: i64, open_at_end: i64) -> MonthFlow {
        MonthFlow {
            month: month.into(),
            collected,
            closed: 0,
            reopened: 0,
            open_at_end,
        }
    }

    #[test]
    fn quiet_months_are_listed_with_the_backlog_carried_over() {
        let rows = every_month(vec![flow("2022-11", 5, 5), flow("2023-02", 1, 6)]);
        let months: Vec<(&str, i64, i64)> = rows
            .iter()
            .map(|r| (r.month.as_str(), r.collected, r.open_at_end))
            .collect();
        assert_eq!(
            months,
            [
                ("2022-11", 5, 5),
                ("2022-12", 0, 5),
                ("2023-01", 0, 5),
                ("2023-02", 1, 6),
            ]
        );
        assert!(every_month(Vec::new()).is_empty());
    }
}
