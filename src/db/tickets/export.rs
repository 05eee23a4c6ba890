//! The ledger read out whole, for `export`: each ticket as it was
//! collected, then every later event.

use super::events::{Step, STEP_COLUMNS, STEP_JOINS};
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
    let ticket = |r: &crate::db::sql::Row| {
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

/// An event after a ticket's collection, with its ticket's code.
pub(crate) struct Event {
    pub(crate) ticket: String,
    pub(crate) step: Step,
}

/// Every event after a ticket's collection (which the ticket itself
/// implies), oldest first.
pub(crate) fn export_events(db: &Db, rows: impl FnMut(Event) -> Result<()>) -> Result<()> {
    let event = |r: &crate::db::sql::Row| {
        Ok(Event {
            ticket: r.get(0)?,
            step: Step::read(r, 1)?,
        })
    };
    each(
        db,
        &format!(
            "SELECT t.code, {STEP_COLUMNS}
             FROM ticket_events ev JOIN tickets t ON t.id = ev.ticket_id {STEP_JOINS}
             WHERE ev.id > (SELECT min(f.id) FROM ticket_events f WHERE f.ticket_id = ev.ticket_id)
             ORDER BY ev.id"
        ),
        event,
        rows,
    )
}
