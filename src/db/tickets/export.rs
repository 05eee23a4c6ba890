//! The ledger read out whole, for `export`: each ticket as it was
//! collected, then every later event.

use crate::db::{each, Db};
use anyhow::Result;

/// A ticket as it was collected.
pub(crate) struct Ticket {
    pub(crate) code: String,
    pub(crate) uscc: String,
    /// The collecting cadre's code.
    pub(crate) cadre: String,
    pub(crate) collected_on: String,
    pub(crate) category: String,
    pub(crate) summary: String,
    /// The handling department's code at collection.
    pub(crate) department: Option<String>,
    pub(crate) due_on: Option<String>,
}

/// Every ticket, oldest first. Fields corrected later are written as they
/// were collected, so the amendments in the events replay onto them.
pub(crate) fn export(db: &Db, rows: impl FnMut(Ticket) -> Result<()>) -> Result<()> {
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
    // The first amendment of a field holds its value at collection.
    let first = |field: &str| {
        format!(
            "(SELECT a.old_value FROM ticket_events a WHERE a.ticket_id = t.id AND a.field = '{field}'
               ORDER BY a.id LIMIT 1)"
        )
    };
    each(
        db,
        &format!(
            "SELECT t.code, coalesce({uscc}, e.uscc), coalesce({cadre}, c.code), t.collected_on,
                    coalesce({category}, t.category), coalesce({summary}, t.summary),
                    d.code, f.due_on
             FROM tickets t JOIN enterprises e ON e.id = t.enterprise_id
             JOIN cadres c ON c.id = t.cadre_id
             JOIN ticket_events f ON f.id = (SELECT min(x.id) FROM ticket_events x WHERE x.ticket_id = t.id)
             LEFT JOIN units d ON d.id = f.department_id
             ORDER BY t.id",
            uscc = first("enterprise"),
            cadre = first("cadre"),
            category = first("category"),
            summary = first("summary"),
        ),
        ticket,
        rows,
    )
}

/// An event after a ticket's collection.
pub(crate) struct Event {
    pub(crate) ticket: String,
    pub(crate) on: String,
    pub(crate) action: String,
    pub(crate) status: String,
    /// The acting cadre's code.
    pub(crate) by: String,
    pub(crate) note: String,
    /// The code of the meeting it was made at.
    pub(crate) meeting: Option<String>,
    pub(crate) department: Option<String>,
    pub(crate) with: String,
    pub(crate) due_on: Option<String>,
    pub(crate) level: Option<String>,
    pub(crate) outcome: Option<String>,
    pub(crate) satisfaction: Option<String>,
    pub(crate) reason: String,
    pub(crate) field: Option<String>,
    pub(crate) old: Option<String>,
    pub(crate) new: Option<String>,
}

/// Every event after a ticket's collection (which the ticket itself
/// implies), oldest first.
pub(crate) fn export_events(db: &Db, rows: impl FnMut(Event) -> Result<()>) -> Result<()> {
    let event = |r: &rusqlite::Row| {
        Ok(Event {
            ticket: r.get(0)?,
            on: r.get(1)?,
            action: r.get(2)?,
            status: r.get(3)?,
            by: r.get(4)?,
            note: r.get(5)?,
            meeting: r.get(6)?,
            department: r.get(7)?,
            with: r.get(8)?,
            due_on: r.get(9)?,
            level: r.get(10)?,
            outcome: r.get(11)?,
            satisfaction: r.get(12)?,
            reason: r.get(13)?,
            field: r.get(14)?,
            old: r.get(15)?,
            new: r.get(16)?,
        })
    };
    each(
        db,
        "SELECT t.code, ev.on_date, ev.action, ev.status, c.code, ev.note, m.code, d.code,
                ev.with_units, ev.due_on, ev.level, ev.outcome, ev.satisfaction, ev.reason,
                ev.field, ev.old_value, ev.new_value
         FROM ticket_events ev JOIN tickets t ON t.id = ev.ticket_id JOIN cadres c ON c.id = ev.actor_id
         LEFT JOIN meetings m ON m.id = ev.meeting_id
         LEFT JOIN units d ON d.id = ev.department_id
         WHERE ev.id > (SELECT min(f.id) FROM ticket_events f WHERE f.ticket_id = ev.ticket_id)
         ORDER BY ev.id",
        event,
        rows,
    )
}
