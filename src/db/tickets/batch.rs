//! Writing planned events, one or an import's batch of thousands: the
//! events in order, each linked to the next of its ticket, the latest event
//! each ticket had before linked to the first new one, and each ticket's
//! cached columns from its state after them. SQLite runs prepared statements;
//! PostgreSQL runs the same for a few events, and for a batch COPYs the
//! events and the tickets' states (into a temporary table) and applies them
//! with two set statements. Also what a batch reads in one query each: the
//! state of its tickets, and which of its codes are taken.

use super::events::{Current, Planned, CURRENT_COLUMNS};
use crate::db::sql::params;
use crate::db::{Db, ImportId, TicketId, Tx};
use crate::domain::date;
use crate::domain::kinds::{Level, Outcome, Satisfaction};
use crate::domain::status::Action;
use anyhow::Result;
use chrono::NaiveDate;
use postgres::types::{ToSql, Type};
use std::collections::HashMap;

/// Up to this many events and tickets, PostgreSQL takes statements: COPY
/// and its temporary table cost more than they save.
const SMALL: usize = 16;

const EVENT_COLUMNS: &str = "ticket_id, on_date, status, actor_id, note, meeting_id, import_id,
     action, department_id, with_units, due_on, level, outcome, satisfaction, reason, field,
     old_value, new_value, superseded_on";

/// Writes `events`, planned in order, and the tickets they leave as
/// `after` has them. Each event's `superseded_on` is set to the day of the
/// next event of its ticket among them; with `stored` (tickets that had
/// events before), each ticket's latest stored event is superseded on the
/// day of its first new one, and every such ticket must be in `after`.
pub(crate) fn write_events(
    tx: &Tx,
    events: &mut [Planned],
    after: &[&Current],
    stored: bool,
) -> Result<()> {
    let mut last: HashMap<TicketId, usize> = HashMap::new();
    let mut first: HashMap<TicketId, NaiveDate> = HashMap::new();
    for i in 0..events.len() {
        let (ticket, on) = (events[i].ticket, events[i].on);
        match last.insert(ticket, i) {
            Some(prev) => events[prev].superseded_on = Some(on),
            None if stored => {
                first.insert(ticket, on);
            }
            None => {}
        }
    }
    if tx.sql().is_pg() && events.len() + after.len() > SMALL {
        return copy_events(tx, events, after, &first);
    }
    let conn = tx.sql();
    let mut supersede = conn.prepare_cached(
        "UPDATE ticket_events SET superseded_on = ?2 WHERE ticket_id = ?1 AND superseded_on IS NULL",
    )?;
    let mut firsts: Vec<(&TicketId, &NaiveDate)> = first.iter().collect();
    firsts.sort();
    for (ticket, on) in firsts {
        supersede.execute(params![ticket, date::iso(*on)])?;
    }
    let mut insert = conn.prepare_cached(&format!(
        "INSERT INTO ticket_events ({EVENT_COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)"
    ))?;
    for e in events.iter() {
        let d = &e.details;
        let (field, old, new) = match &e.amended {
            Some(a) => (
                Some(a.field.as_str()),
                Some(a.old.as_str()),
                Some(a.new.as_str()),
            ),
            None => (None, None, None),
        };
        insert.execute(params![
            e.ticket,
            date::iso(e.on),
            e.to.as_str(),
            e.actor,
            e.note,
            e.meeting,
            e.import,
            e.action.as_str(),
            d.department,
            d.with,
            d.due_on.map(date::iso),
            d.level.map(Level::as_str),
            d.outcome.map(Outcome::as_str),
            d.satisfaction.map(Satisfaction::as_str),
            d.reason,
            field,
            old,
            new,
            e.superseded_on.map(date::iso),
        ])?;
    }
    let mut update = conn.prepare_cached(
        "UPDATE tickets SET status = ?2, status_on = ?3, department_id = ?4, due_on = ?5,
                            voided_on = ?6, summary = ?7, category = ?8, enterprise_id = ?9,
                            cadre_id = ?10
         WHERE id = ?1",
    )?;
    for c in after {
        update.execute(params![
            c.id,
            c.facts.status.as_str(),
            date::iso(c.status_on),
            c.department,
            c.facts.due_on.map(date::iso),
            c.facts.voided_on.map(date::iso),
            c.summary,
            c.category,
            c.enterprise,
            c.cadre,
        ])?;
    }
    Ok(())
}

type Boxed = Box<dyn ToSql + Sync>;

/// A batch on PostgreSQL: the tickets' states COPYed into a temporary
/// table, the stored latest events superseded from it, the events COPYed
/// in order (so their ids follow the order they were planned in), and the
/// tickets updated from it.
fn copy_events(
    tx: &Tx,
    events: &[Planned],
    after: &[&Current],
    first: &HashMap<TicketId, NaiveDate>,
) -> Result<()> {
    let conn = tx.sql();
    if !after.is_empty() {
        conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS qianqi_batch_tickets (
                 id BIGINT PRIMARY KEY, first_on DATE, status TEXT, status_on DATE,
                 department_id BIGINT, due_on DATE, voided_on DATE, summary TEXT, category TEXT,
                 enterprise_id BIGINT, cadre_id BIGINT) ON COMMIT DROP;
             TRUNCATE qianqi_batch_tickets",
        )?;
        let types = [
            Type::INT8,
            Type::DATE,
            Type::TEXT,
            Type::DATE,
            Type::INT8,
            Type::DATE,
            Type::DATE,
            Type::TEXT,
            Type::TEXT,
            Type::INT8,
            Type::INT8,
        ];
        conn.copy_in(
            "COPY qianqi_batch_tickets FROM STDIN (FORMAT binary)",
            &types,
            after.iter().map(|c| {
                vec![
                    Box::new(c.id.0) as Boxed,
                    Box::new(first.get(&c.id).copied()),
                    Box::new(c.facts.status.as_str().to_string()),
                    Box::new(c.status_on),
                    Box::new(c.department.map(|d| d.0)),
                    Box::new(c.facts.due_on),
                    Box::new(c.facts.voided_on),
                    Box::new(c.summary.clone()),
                    Box::new(c.category.clone()),
                    Box::new(c.enterprise.0),
                    Box::new(c.cadre.0),
                ]
            }),
        )?;
        conn.execute_batch(
            "ANALYZE qianqi_batch_tickets;
             UPDATE ticket_events e SET superseded_on = b.first_on
               FROM qianqi_batch_tickets b
              WHERE e.ticket_id = b.id AND e.superseded_on IS NULL AND b.first_on IS NOT NULL",
        )?;
    }
    let types = [
        Type::INT8,
        Type::DATE,
        Type::TEXT,
        Type::INT8,
        Type::TEXT,
        Type::INT8,
        Type::INT8,
        Type::TEXT,
        Type::INT8,
        Type::TEXT,
        Type::DATE,
        Type::TEXT,
        Type::TEXT,
        Type::TEXT,
        Type::TEXT,
        Type::TEXT,
        Type::TEXT,
        Type::TEXT,
        Type::DATE,
    ];
    let text = |s: Option<&str>| s.map(str::to_string);
    conn.copy_in(
        &format!("COPY ticket_events ({EVENT_COLUMNS}) FROM STDIN (FORMAT binary)"),
        &types,
        events.iter().map(|e| {
            let d = &e.details;
            let a = e.amended.as_ref();
            vec![
                Box::new(e.ticket.0) as Boxed,
                Box::new(e.on),
                Box::new(e.to.as_str().to_string()),
                Box::new(e.actor.0),
                Box::new(e.note.clone()),
                Box::new(e.meeting.map(|m| m.0)),
                Box::new(e.import.map(|i| i.0)),
                Box::new(e.action.as_str().to_string()),
                Box::new(d.department.map(|u| u.0)),
                Box::new(d.with.clone()),
                Box::new(d.due_on),
                Box::new(text(d.level.map(Level::as_str))),
                Box::new(text(d.outcome.map(Outcome::as_str))),
                Box::new(text(d.satisfaction.map(Satisfaction::as_str))),
                Box::new(d.reason.clone()),
                Box::new(text(a.map(|a| a.field.as_str()))),
                Box::new(a.map(|a| a.old.clone())),
                Box::new(a.map(|a| a.new.clone())),
                Box::new(e.superseded_on),
            ]
        }),
    )?;
    if !after.is_empty() {
        conn.execute_batch(
            "UPDATE tickets t
                SET status = b.status, status_on = b.status_on, department_id = b.department_id,
                    due_on = b.due_on, voided_on = b.voided_on, summary = b.summary,
                    category = b.category, enterprise_id = b.enterprise_id, cadre_id = b.cadre_id
               FROM qianqi_batch_tickets b
              WHERE t.id = b.id",
        )?;
    }
    Ok(())
}

/// A list of codes as one JSON value, bound as `?1` of `IN_CODES`.
fn json_codes(codes: &[&str]) -> Result<String> {
    Ok(serde_json::to_string(codes)?)
}

/// `t.code IN` the JSON list bound as `?1`, for either engine.
fn in_codes(db: &Db) -> &'static str {
    if db.sql().is_pg() {
        "t.code IN (SELECT json_array_elements_text(CAST(?1 AS json)))"
    } else {
        "t.code IN (SELECT value FROM json_each(?1))"
    }
}

/// The tickets of these codes (exactly as stored), each as it is now, in
/// one query.
pub(crate) fn currents(db: &Db, codes: &[&str]) -> Result<Vec<Current>> {
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {CURRENT_COLUMNS} FROM tickets t WHERE {}",
        in_codes(db)
    );
    let mut stmt = db.sql().prepare(&sql)?;
    let mut rows = stmt.query(params![json_codes(codes)?, Action::Return.as_str()])?;
    let mut out = Vec::with_capacity(codes.len());
    while let Some(r) = rows.next()? {
        out.push(Current::read(&r)?);
    }
    Ok(out)
}

/// The ids of the tickets of these codes (exactly as stored) that exist.
pub(crate) fn taken_codes(db: &Db, codes: &[&str]) -> Result<HashMap<String, TicketId>> {
    if codes.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!("SELECT t.code, t.id FROM tickets t WHERE {}", in_codes(db));
    let mut stmt = db.sql().prepare(&sql)?;
    let found = stmt
        .query_map([json_codes(codes)?], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<crate::db::sql::Result<HashMap<String, TicketId>>>()?;
    Ok(found)
}

/// Inserts new tickets as their states have them (after any event planned
/// with their collection), all with `import`; their ids, in order. The codes
/// must be free (`taken_codes`).
pub(crate) fn insert_batch(
    tx: &Tx,
    tickets: &[Current],
    import: Option<ImportId>,
) -> Result<Vec<TicketId>> {
    let conn = tx.sql();
    if !conn.is_pg() || tickets.len() <= SMALL {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO tickets (code, enterprise_id, cadre_id, collected_on, category, summary,
                                  department_id, due_on, status, status_on, import_id, voided_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
        )?;
        return tickets
            .iter()
            .map(|c| {
                Ok(stmt.query_row(
                    params![
                        c.code,
                        c.enterprise,
                        c.cadre,
                        date::iso(c.collected_on),
                        c.category,
                        c.summary,
                        c.department,
                        c.facts.due_on.map(date::iso),
                        c.facts.status.as_str(),
                        date::iso(c.status_on),
                        import,
                        c.facts.voided_on.map(date::iso),
                    ],
                    |r| r.get(0),
                )?)
            })
            .collect();
    }
    let types = [
        Type::TEXT,
        Type::INT8,
        Type::INT8,
        Type::DATE,
        Type::TEXT,
        Type::TEXT,
        Type::INT8,
        Type::DATE,
        Type::TEXT,
        Type::DATE,
        Type::INT8,
        Type::DATE,
    ];
    conn.copy_in(
        "COPY tickets (code, enterprise_id, cadre_id, collected_on, category, summary,
                       department_id, due_on, status, status_on, import_id, voided_on)
         FROM STDIN (FORMAT binary)",
        &types,
        tickets.iter().map(|c| {
            vec![
                Box::new(c.code.clone()) as Boxed,
                Box::new(c.enterprise.0),
                Box::new(c.cadre.0),
                Box::new(c.collected_on),
                Box::new(c.category.clone()),
                Box::new(c.summary.clone()),
                Box::new(c.department.map(|d| d.0)),
                Box::new(c.facts.due_on),
                Box::new(c.facts.status.as_str().to_string()),
                Box::new(c.status_on),
                Box::new(import.map(|i| i.0)),
                Box::new(c.facts.voided_on),
            ]
        }),
    )?;
    let codes: Vec<&str> = tickets.iter().map(|c| c.code.as_str()).collect();
    let ids = taken_codes(tx, &codes)?;
    tickets
        .iter()
        .map(|c| {
            ids.get(&c.code).copied().ok_or_else(|| {
                let code = &c.code;
                anyhow::anyhow!(crate::tr!(
                    "ticket {code} was not written",
                    "问题{code}未写入"
                ))
            })
        })
        .collect()
}
