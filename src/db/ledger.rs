//! The problem ledger read out whole, for `export`: each ticket as it was
//! collected, then every later change as an event.

use super::{each, Db};
use anyhow::Result;

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
pub fn tickets(db: &Db, rows: impl FnMut(Ticket) -> Result<()>) -> Result<()> {
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
pub fn events(db: &Db, rows: impl FnMut(Event) -> Result<()>) -> Result<()> {
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
