//! Tickets and their append-only event history. Every change of status goes
//! through `append_event`, which checks the lifecycle, appends the event,
//! links it to the one it supersedes and updates the cached status — all in
//! the caller's transaction.

use super::{
    each, rows, status_list, CadreId, Db, EnterpriseId, ImportId, MeetingId, TicketId, Tx, UnitId,
};
use crate::domain::status::{self, Action, Status};
use crate::domain::{date, rules};
use crate::error::{input_in, FieldError};
use crate::output::{Column, Value};
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::params;

pub struct NewTicket<'a> {
    pub code: &'a str,
    pub enterprise: EnterpriseId,
    pub cadre: CadreId,
    pub collected_on: NaiveDate,
    pub category: &'a str,
    pub summary: &'a str,
    pub department: Option<UnitId>,
    pub due_on: Option<NaiveDate>,
    /// The bulk import the ticket comes from; None when entered by hand.
    pub import: Option<ImportId>,
}

/// Inserts a ticket and its first event, `collected` by the collecting
/// cadre; both carry the ticket's import, if any.
pub fn insert(tx: &Tx, t: &NewTicket) -> Result<TicketId> {
    if t.summary.trim().is_empty() {
        return Err(input_in(
            "summary",
            "a ticket needs a summary of the problem",
        ));
    }
    rules::group_name("category", t.category)?;
    if let Some(due) = t.due_on {
        rules::due_not_before_collection("due_on", due, t.collected_on).map_err(|e| {
            FieldError {
                field: e.field,
                msg: format!("ticket {}: {}", t.code, e.msg),
            }
        })?;
    }
    let conn = tx.sql();
    let collected = date::iso(t.collected_on);
    let changed = conn
        .prepare_cached(
            "INSERT INTO tickets (code, enterprise_id, cadre_id, collected_on, category, summary,
                                  department_id, due_on, status, status_on, import_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?4, ?10)
             ON CONFLICT (code) DO NOTHING",
        )?
        .execute(params![
            t.code,
            t.enterprise,
            t.cadre,
            collected,
            t.category,
            t.summary,
            t.department,
            t.due_on.map(date::iso),
            Status::Collected.as_str(),
            t.import,
        ])?;
    if changed == 0 {
        return Err(input_in(
            "code",
            format!("a ticket with code {:?} already exists", t.code),
        ));
    }
    let id = TicketId(conn.last_insert_rowid());
    conn.prepare_cached(
        "INSERT INTO ticket_events (ticket_id, on_date, status, actor_id, import_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id,
        collected,
        Status::Collected.as_str(),
        t.cadre,
        t.import
    ])?;
    Ok(id)
}

/// The next free automatic code in a year: 2022-0001, 2022-0002, … — one
/// more than the highest number of the year's codes, or, when that is as
/// high as an automatic code goes, the lowest number not taken. Codes typed
/// with longer numbers than automatic ones (or anything but digits) take no
/// part, so none of them can push the numbering past what an integer holds.
pub fn next_code(db: &Db, year: i32) -> Result<String> {
    // 18 digits: every such number, and the one after it, fits an i64.
    const AUTOMATIC: &str = "code GLOB ?1 || '-[0-9]*' AND length(code) <= 5 + 18
                             AND substr(code, 6) NOT GLOB '*[^0-9]*'";
    const LAST: i64 = 999_999_999_999_999_999;
    let year = format!("{year:04}");
    let max: Option<i64> = db.sql().query_row(
        &format!("SELECT max(CAST(substr(code, 6) AS INTEGER)) FROM tickets WHERE {AUTOMATIC}"),
        [&year],
        |r| r.get(0),
    )?;
    let next = match max.unwrap_or(0) + 1 {
        n if n <= LAST => n,
        _ => db.sql().query_row(
            &format!(
                "SELECT min(n) + 1 FROM (
                     SELECT n, lead(n) OVER (ORDER BY n) AS after FROM (
                         SELECT 0 AS n UNION SELECT CAST(substr(code, 6) AS INTEGER) FROM tickets WHERE {AUTOMATIC}))
                 WHERE after IS NULL OR after > n + 1"
            ),
            [&year],
            |r| r.get(0),
        )?,
    };
    Ok(format!("{year}-{next:04}"))
}

/// Sets what a handling department gives when it accepts a ticket: itself
/// as the department, and the deadline, which may not come before the
/// collection.
pub fn set_handling(
    tx: &Tx,
    ticket: TicketId,
    department: Option<UnitId>,
    due: Option<NaiveDate>,
) -> Result<()> {
    let conn = tx.sql();
    if let Some(d) = department {
        conn.execute(
            "UPDATE tickets SET department_id = ?2 WHERE id = ?1",
            params![ticket, d],
        )?;
    }
    if let Some(due) = due {
        let collected: String = conn.query_row(
            "SELECT collected_on FROM tickets WHERE id = ?1",
            [ticket],
            |r| r.get(0),
        )?;
        rules::due_not_before_collection("due_on", due, date::parse(&collected)?)?;
        conn.execute(
            "UPDATE tickets SET due_on = ?2 WHERE id = ?1",
            params![ticket, date::iso(due)],
        )?;
    }
    Ok(())
}

/// The day a meeting was held, which a change made at it takes.
pub fn meeting_held_on(db: &Db, meeting: MeetingId) -> Result<NaiveDate> {
    let held: String = db
        .sql()
        .prepare_cached("SELECT held_on FROM meetings WHERE id = ?1")?
        .query_row([meeting], |r| r.get(0))?;
    Ok(date::parse(&held)?)
}

pub struct NewEvent<'a> {
    pub ticket: TicketId,
    pub on: NaiveDate,
    pub status: Status,
    /// The command that asked for it, when there was one; it narrows which
    /// statuses the ticket may be in (accept only from collected, reopen only from closed).
    pub action: Option<Action>,
    pub actor: CadreId,
    pub note: &'a str,
    pub meeting: Option<MeetingId>,
    /// The bulk import the event comes from; None when entered by hand.
    pub import: Option<ImportId>,
}

/// Appends a status change, enforcing the lifecycle and the order of dates.
pub fn append_event(tx: &Tx, e: &NewEvent, today: NaiveDate) -> Result<()> {
    let conn = tx.sql();
    let (code, current, last_on): (String, String, String) = conn
        .prepare_cached("SELECT code, status, status_on FROM tickets WHERE id = ?1")?
        .query_row([e.ticket], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let current = Status::parse(&current).map_err(anyhow::Error::msg)?;
    status::check_change(&code, current, e.status, e.action)?;
    status::check_event_day(&code, e.on, date::parse(&last_on)?, today)?;
    let on = date::iso(e.on);
    conn.prepare_cached(
        "UPDATE ticket_events SET superseded_on = ?2 WHERE ticket_id = ?1 AND superseded_on IS NULL",
    )?
    .execute(params![e.ticket, on])?;
    conn.prepare_cached(
        "INSERT INTO ticket_events (ticket_id, on_date, status, actor_id, note, meeting_id, import_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        e.ticket,
        on,
        e.status.as_str(),
        e.actor,
        e.note,
        e.meeting,
        e.import
    ])?;
    conn.prepare_cached("UPDATE tickets SET status = ?2, status_on = ?3 WHERE id = ?1")?
        .execute(params![e.ticket, e.status.as_str(), on])?;
    Ok(())
}

/// Which tickets a list shows; every condition left empty lets all through.
#[derive(Debug, Default)]
pub struct Filter {
    pub statuses: Option<Vec<Status>>,
    pub enterprise: Option<EnterpriseId>,
    pub cadre: Option<CadreId>,
    pub unit: Option<UnitId>,
    pub town: Option<UnitId>,
    pub department: Option<UnitId>,
    pub category: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Only open tickets past their due date.
    pub overdue: bool,
}

/// Tickets matching a filter, oldest first, one value per column of
/// `columns`, read by key: `code`, `collected_on`, `enterprise` (name),
/// `cadre` (code), `category`, `summary`, `department` (code), `due_on`,
/// `status`, `status_on`, `days_overdue` (open tickets past their due date
/// on `today`).
pub fn list(db: &Db, columns: &[Column], f: &Filter, today: NaiveDate) -> Result<Vec<Vec<Value>>> {
    let statuses = f
        .statuses
        .as_ref()
        .map(|s| s.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(","));
    let open = status_list(&Status::OPEN);
    let sql = format!(
        "SELECT t.code AS code, t.collected_on AS collected_on, e.name AS enterprise,
                c.code AS cadre, t.category AS category, t.summary AS summary,
                d.code AS department, t.due_on AS due_on, t.status AS status,
                t.status_on AS status_on,
                CASE WHEN t.status IN ({open}) AND t.due_on < ?1
                     THEN CAST(julianday(?1) - julianday(t.due_on) AS INTEGER) END AS days_overdue
         FROM tickets t
         JOIN enterprises e ON e.id = t.enterprise_id
         JOIN cadres c ON c.id = t.cadre_id
         LEFT JOIN units d ON d.id = t.department_id
         WHERE (?2 IS NULL OR instr(',' || ?2 || ',', ',' || t.status || ',') > 0)
           AND {} AND {}
           AND (?5 IS NULL OR c.unit_id = ?5) AND (?6 IS NULL OR e.town_id = ?6)
           AND {} AND (?8 IS NULL OR t.category = ?8)
           AND (?9 IS NULL OR t.collected_on >= ?9) AND (?10 IS NULL OR t.collected_on <= ?10)
           AND (?11 = 0 OR (t.status IN ({open}) AND t.due_on < ?1))
         ORDER BY t.collected_on, t.code",
        super::eq_if(f.enterprise.is_some(), "t.enterprise_id", 3),
        super::eq_if(f.cadre.is_some(), "t.cadre_id", 4),
        super::eq_if(f.department.is_some(), "t.department_id", 7),
    );
    rows::named(
        db,
        columns,
        &sql,
        &[
            &date::iso(today),
            &statuses,
            &f.enterprise,
            &f.cadre,
            &f.unit,
            &f.town,
            &f.department,
            &f.category,
            &f.from.map(date::iso),
            &f.to.map(date::iso),
            &f.overdue,
        ],
    )
}

/// One ticket as `ticket show` describes it; dates as stored.
pub struct Detail {
    pub code: String,
    pub enterprise: String,
    pub uscc: String,
    pub cadre_code: String,
    pub cadre_name: String,
    pub collected_on: String,
    pub category: String,
    pub summary: String,
    /// The handling department's code and name.
    pub department: Option<(String, String)>,
    pub due_on: Option<String>,
    pub status: String,
    pub status_on: String,
}

pub fn detail(db: &Db, id: TicketId) -> Result<Detail> {
    Ok(db.sql().query_row(
        "SELECT t.code, e.name, e.uscc, c.code, c.name, t.collected_on, t.category, t.summary,
                d.code, d.name, t.due_on, t.status, t.status_on
         FROM tickets t JOIN enterprises e ON e.id = t.enterprise_id JOIN cadres c ON c.id = t.cadre_id
         LEFT JOIN units d ON d.id = t.department_id WHERE t.id = ?1",
        [id],
        |r| {
            let department = match (r.get(8)?, r.get(9)?) {
                (Some(code), Some(name)) => Some((code, name)),
                _ => None,
            };
            Ok(Detail {
                code: r.get(0)?,
                enterprise: r.get(1)?,
                uscc: r.get(2)?,
                cadre_code: r.get(3)?,
                cadre_name: r.get(4)?,
                collected_on: r.get(5)?,
                category: r.get(6)?,
                summary: r.get(7)?,
                department,
                due_on: r.get(10)?,
                status: r.get(11)?,
                status_on: r.get(12)?,
            })
        },
    )?)
}

/// A ticket's events in the order they were recorded, one value per column
/// of `columns`, read by key: `on`, `status`, `by` (the actor's code and
/// name), `meeting` (code), `note`.
pub fn history(db: &Db, columns: &[Column], id: TicketId) -> Result<Vec<Vec<Value>>> {
    rows::named(
        db,
        columns,
        "SELECT ev.on_date AS \"on\", ev.status AS status, c.code || ' ' || c.name AS \"by\",
                m.code AS meeting, ev.note AS note
         FROM ticket_events ev JOIN cadres c ON c.id = ev.actor_id
         LEFT JOIN meetings m ON m.id = ev.meeting_id
         WHERE ev.ticket_id = ?1 ORDER BY ev.id",
        &[&id],
    )
}

// The ledger read out whole, for `export`: each ticket as it was collected,
// then every later change as an event.

/// A ticket as it was collected.
pub struct Ticket {
    pub code: String,
    pub uscc: String,
    /// The collecting cadre's code.
    pub cadre: String,
    pub collected_on: String,
    pub category: String,
    pub summary: String,
    /// The handling department's code.
    pub department: Option<String>,
    pub due_on: Option<String>,
}

/// Every ticket, oldest first.
pub fn export(db: &Db, rows: impl FnMut(Ticket) -> Result<()>) -> Result<()> {
    let ticket = |r: &rusqlite::Row| {
        Ok(Ticket {
            code: r.get(0)?,
            uscc: r.get(1)?,
            cadre: r.get(2)?,
            collected_on: r.get(3)?,
            category: r.get(4)?,
            summary: r.get(5)?,
            department: r.get(6)?,
            due_on: r.get(7)?,
        })
    };
    each(
        db,
        "SELECT t.code, e.uscc, c.code, t.collected_on, t.category, t.summary, d.code, t.due_on
         FROM tickets t JOIN enterprises e ON e.id = t.enterprise_id JOIN cadres c ON c.id = t.cadre_id
         LEFT JOIN units d ON d.id = t.department_id ORDER BY t.id",
        ticket,
        rows,
    )
}

/// A change of a ticket's status after its collection.
pub struct Event {
    pub ticket: String,
    pub on: String,
    pub status: String,
    /// The acting cadre's code.
    pub by: String,
    pub note: String,
    /// The code of the meeting it was made at.
    pub meeting: Option<String>,
}

/// Every change after a ticket's collection (which the ticket itself
/// implies), oldest first.
pub fn export_events(db: &Db, rows: impl FnMut(Event) -> Result<()>) -> Result<()> {
    let event = |r: &rusqlite::Row| {
        Ok(Event {
            ticket: r.get(0)?,
            on: r.get(1)?,
            status: r.get(2)?,
            by: r.get(3)?,
            note: r.get(4)?,
            meeting: r.get(5)?,
        })
    };
    each(
        db,
        "SELECT t.code, ev.on_date, ev.status, c.code, ev.note, m.code
         FROM ticket_events ev JOIN tickets t ON t.id = ev.ticket_id JOIN cadres c ON c.id = ev.actor_id
         LEFT JOIN meetings m ON m.id = ev.meeting_id
         WHERE ev.id > (SELECT min(f.id) FROM ticket_events f WHERE f.ticket_id = ev.ticket_id)
         ORDER BY ev.id",
        event,
        rows,
    )
}
