//! Tickets and their append-only event history. Every change of status goes
//! through `append_event`, which checks the lifecycle, appends the event,
//! links it to the one it supersedes and updates the cached status — all in
//! the caller's transaction.

use super::{CadreId, EnterpriseId, ImportId, MeetingId, TicketId, UnitId};
use crate::domain::date;
use crate::domain::status::{Action, Status};
use crate::error::input_in;
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};

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
pub fn insert(conn: &Connection, t: &NewTicket) -> Result<TicketId> {
    if t.summary.trim().is_empty() {
        return Err(input_in(
            "summary",
            "a ticket needs a summary of the problem",
        ));
    }
    if let Some(due) = t.due_on {
        if due < t.collected_on {
            return Err(input_in(
                "due_on",
                format!(
                    "ticket {}: due date {} is before the collection date {}",
                    t.code,
                    date::iso(due),
                    date::iso(t.collected_on)
                ),
            ));
        }
    }
    let collected = date::iso(t.collected_on);
    let changed = conn
        .prepare_cached(
            "INSERT INTO tickets (code, enterprise_id, cadre_id, collected_on, category, summary,
                                  department_id, due_on, status, status_on, import_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'collected', ?4, ?9)
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
         VALUES (?1, ?2, 'collected', ?3, ?4)",
    )?
    .execute(params![id, collected, t.cadre, t.import])?;
    Ok(id)
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
pub fn append_event(conn: &Connection, e: &NewEvent, today: NaiveDate) -> Result<()> {
    let (code, current, last_on): (String, String, String) = conn
        .prepare_cached("SELECT code, status, status_on FROM tickets WHERE id = ?1")?
        .query_row([e.ticket], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let current = Status::parse(&current).map_err(anyhow::Error::msg)?;
    let allowed = match e.action {
        Some(a) => a.allowed_from(current),
        None => current.can_become(e.status),
    };
    if !allowed {
        let what = match e.action {
            Some(a) => format!("cannot {} ticket {code}: it is {current}", a.verb()),
            None => format!("ticket {code} cannot go from {current} to {}", e.status),
        };
        let accepted = match e.action {
            Some(a) => format!("only a {} ticket can be {}", a.sources(), past(a)),
            None => "allowed: collected→in_progress|resolved|explained, in_progress→resolved|explained, resolved|explained→in_progress".into(),
        };
        return Err(input_in("status", format!("{what}; {accepted}")));
    }
    let on = date::iso(e.on);
    if on < last_on {
        return Err(input_in("on", format!(
            "ticket {code}: {on} is before its last change on {last_on}; events are recorded in date order"
        )));
    }
    if e.on > today {
        return Err(input_in(
            "on",
            format!(
                "ticket {code}: {on} is in the future (today is {})",
                date::iso(today)
            ),
        ));
    }
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

/// The day of a change made at a meeting: the meeting's own day, which a
/// date given with it must match.
pub fn meeting_day(on: Option<NaiveDate>, held: NaiveDate, status: Status) -> Result<NaiveDate> {
    match on {
        Some(on) if on != held => Err(input_in(
            "on",
            format!(
                "the meeting was held on {}; a ticket {} at it changes on that day, not {}",
                date::iso(held),
                match status {
                    Status::Explained => "explained",
                    Status::Resolved => "resolved",
                    _ => "taken up",
                },
                date::iso(on)
            ),
        )),
        _ => Ok(held),
    }
}

fn past(a: Action) -> &'static str {
    match a {
        Action::Accept => "accepted",
        Action::Resolve => "resolved",
        Action::Explain => "explained",
        Action::Reopen => "reopened",
    }
}
