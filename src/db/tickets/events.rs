//! Appending to a ticket's history: every event of the loop, checked
//! against the lifecycle and the loop's rules, with its effect on the
//! ticket's cached status, department, due date and fields.

use crate::db::sql::{params, OptionalExtension};
use crate::db::{refs, rows, CadreId, Db, ImportId, MeetingId, TicketId, Tx, UnitId};
use crate::domain::calendar::Calendar;
use crate::domain::handling::{self, Facts, Given};
use crate::domain::kinds::{AmendField, Level, Outcome, Satisfaction};
use crate::domain::status::{self, Action, Status};
use crate::domain::{date, rules};
use crate::error::{input_in, FieldError};
use anyhow::Result;
use chrono::NaiveDate;

/// What an event of the loop carries beyond its day, actor and note.
#[derive(Debug, Default)]
pub(crate) struct Details {
    /// The handling department an assignment sets.
    pub(crate) department: Option<UnitId>,
    /// Co-handling units (协办), as unit codes joined by commas.
    pub(crate) with: String,
    /// The due date an assignment or an extension sets.
    pub(crate) due_on: Option<NaiveDate>,
    pub(crate) level: Option<Level>,
    pub(crate) outcome: Option<Outcome>,
    pub(crate) satisfaction: Option<Satisfaction>,
    pub(crate) reason: String,
    pub(crate) amend: Option<Amendment>,
}

/// A corrected field and its new value: a summary or category as text, an
/// enterprise by USCC or name, a cadre by code.
#[derive(Debug)]
pub(crate) struct Amendment {
    pub(crate) field: AmendField,
    pub(crate) new: String,
}

pub(crate) struct NewEvent<'a> {
    pub(crate) ticket: TicketId,
    pub(crate) on: NaiveDate,
    /// What was done; None for a history that names only the status it led to.
    pub(crate) action: Option<Action>,
    /// The status after the event, when the record names it.
    pub(crate) status: Option<Status>,
    pub(crate) actor: CadreId,
    pub(crate) note: &'a str,
    pub(crate) meeting: Option<MeetingId>,
    /// The bulk import the event comes from; None when entered by hand.
    pub(crate) import: Option<ImportId>,
    pub(crate) details: Details,
}

/// The day a meeting was held, which a change made at it takes.
pub(crate) fn meeting_held_on(db: &Db, meeting: MeetingId) -> Result<NaiveDate> {
    let held: String = db
        .sql()
        .prepare_cached("SELECT held_on FROM meetings WHERE id = ?1")?
        .query_row([meeting], |r| r.get(0))?;
    Ok(date::parse(&held)?)
}

/// The working-day calendar: the shipped arrangements with the imported days over them.
pub(crate) fn calendar(db: &Db) -> Result<Calendar> {
    let mut c = Calendar::shipped();
    let days: Vec<(String, bool)> = rows::all(
        db,
        "SELECT day, workday FROM calendar ORDER BY day",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    for (d, w) in days {
        c.set(date::parse(&d)?, w);
    }
    Ok(c)
}

/// Working days a category's tickets have to be solved in (7 unless it says otherwise).
pub(crate) const DEFAULT_DAYS: u32 = 7;

/// The due date of a ticket of `category` assigned on `on`: the category's
/// deadline in working days from that day.
pub(crate) fn deadline(db: &Db, category: &str, on: NaiveDate) -> Result<NaiveDate> {
    let days: Option<u32> = db
        .sql()
        .prepare_cached("SELECT days FROM categories WHERE name = ?1")?
        .query_row([category], |r| r.get(0))
        .optional()?;
    Ok(calendar(db)?.add_workdays(on, days.unwrap_or(DEFAULT_DAYS)))
}

struct Current {
    code: String,
    status: Status,
    collected_on: NaiveDate,
    last_on: NaiveDate,
    facts: Facts,
}

/// A ticket's row as `current` reads it, before its dates are parsed.
struct Row {
    code: String,
    status: String,
    collected_on: String,
    has_department: bool,
    due_on: Option<String>,
    voided_on: Option<String>,
    last_on: String,
    returned: bool,
}

fn current(tx: &Tx, ticket: TicketId) -> Result<Current> {
    let row = tx
        .sql()
        .prepare_cached(
            "SELECT t.code, t.status, t.collected_on, t.department_id IS NOT NULL, t.due_on, t.voided_on,
                    -- Events are in date order, so the latest day of any event is the
                    -- last one's; ticket_events_ticket finds it without the as-of index's
                    -- scan of every ticket's current event.
                    coalesce((SELECT max(e.on_date) FROM ticket_events e WHERE e.ticket_id = t.id),
                             t.status_on),
                    coalesce((SELECT e.action = ?2 FROM ticket_events e
                               WHERE e.ticket_id = t.id AND (e.department_id IS NOT NULL OR e.action = ?2)
                               ORDER BY e.id DESC LIMIT 1), FALSE)
             FROM tickets t WHERE t.id = ?1",
        )?
        .query_row(params![ticket, Action::Return.as_str()], |r| {
            Ok(Row {
                code: r.get(0)?,
                status: r.get(1)?,
                collected_on: r.get(2)?,
                has_department: r.get(3)?,
                due_on: r.get(4)?,
                voided_on: r.get(5)?,
                last_on: r.get(6)?,
                returned: r.get(7)?,
            })
        })?;
    let status = Status::parse(&row.status).map_err(anyhow::Error::msg)?;
    let day = |s: Option<String>| s.map(|s| date::parse(&s)).transpose();
    Ok(Current {
        code: row.code,
        status,
        collected_on: date::parse(&row.collected_on)?,
        last_on: date::parse(&row.last_on)?,
        facts: Facts {
            status,
            has_department: row.has_department,
            returned: row.returned,
            due_on: day(row.due_on)?,
            voided_on: day(row.voided_on)?,
        },
    })
}

/// Appends an event, enforcing the lifecycle, the loop's rules and the
/// order of dates, and applies its effect to the ticket.
pub(crate) fn append_event(tx: &Tx, e: &NewEvent, today: NaiveDate) -> Result<()> {
    let cur = current(tx, e.ticket)?;
    let code = cur.code.as_str();
    let action = match (e.action, e.status) {
        (Some(a), _) => a,
        (None, Some(to)) => {
            status::check_change(code, cur.status, to, None)?;
            Action::for_change(cur.status, to).expect("an allowed change is an action")
        }
        (None, None) => anyhow::bail!(crate::tr!(
            "an event names its action or its status",
            "办理记录须写明事项或状态"
        )),
    };
    if action == Action::Collect {
        return Err(input_in(
            "action",
            crate::tr!(
                "ticket {code} is already collected; collect is the first event of a ticket",
                "问题{code}已经收集；收集是问题的第一条办理记录"
            ),
        ));
    }
    status::check_change(code, cur.status, action.result(cur.status), Some(action))?;
    let to = action.result(cur.status);
    if let Some(given) = e.status.filter(|s| *s != to) {
        let (to, given, past, verb) = (to.word(), given.word(), action.past(), action.verb());
        return Err(input_in(
            "status",
            crate::tr!(
                "ticket {code} is {to} after it is {past}, not {given}",
                "问题{code}{verb}后的状态是{to}，而不是{given}"
            ),
        ));
    }
    let d = &e.details;
    let given = Given {
        department: d.department.is_some(),
        due_on: d.due_on,
        level: d.level.is_some(),
        outcome: d.outcome.is_some(),
        reason: &d.reason,
        amend: d.amend.is_some(),
        from_file: e.import.is_some(),
    };
    handling::check(code, action, &cur.facts, &given)?;
    status::check_event_day(code, e.on, cur.last_on, today)?;
    if let Some(due) = d.due_on {
        rules::due_not_before_collection("due_on", due, cur.collected_on).map_err(|err| {
            let msg = err.msg;
            FieldError {
                field: err.field,
                msg: crate::tr!("ticket {code}: {msg}", "问题{code}：{msg}"),
            }
        })?;
    }
    let amended = match &d.amend {
        Some(a) => Some(amend(tx, e.ticket, code, a)?),
        None => None,
    };
    let conn = tx.sql();
    let on = date::iso(e.on);
    conn.prepare_cached(
        "UPDATE ticket_events SET superseded_on = ?2 WHERE ticket_id = ?1 AND superseded_on IS NULL",
    )?
    .execute(params![e.ticket, on])?;
    let (field, old, new) = match &amended {
        Some((f, old, new)) => (Some(f.as_str()), Some(old.as_str()), Some(new.as_str())),
        None => (None, None, None),
    };
    conn.prepare_cached(
        "INSERT INTO ticket_events (ticket_id, on_date, status, actor_id, note, meeting_id, import_id,
                                    action, department_id, with_units, due_on, level, outcome,
                                    satisfaction, reason, field, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        e.ticket,
        on,
        to.as_str(),
        e.actor,
        e.note,
        e.meeting,
        e.import,
        action.as_str(),
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
    ])?;
    if action.changes_status() {
        conn.prepare_cached("UPDATE tickets SET status = ?2, status_on = ?3 WHERE id = ?1")?
            .execute(params![e.ticket, to.as_str(), on])?;
    }
    if let Some(dept) = d.department {
        conn.prepare_cached("UPDATE tickets SET department_id = ?2 WHERE id = ?1")?
            .execute(params![e.ticket, dept])?;
    }
    if action == Action::Return {
        conn.prepare_cached("UPDATE tickets SET department_id = NULL WHERE id = ?1")?
            .execute([e.ticket])?;
    }
    if let Some(due) = d.due_on {
        conn.prepare_cached("UPDATE tickets SET due_on = ?2 WHERE id = ?1")?
            .execute(params![e.ticket, date::iso(due)])?;
    }
    if action == Action::Void {
        conn.prepare_cached("UPDATE tickets SET voided_on = ?2 WHERE id = ?1")?
            .execute(params![e.ticket, on])?;
    }
    Ok(())
}

/// Applies an amendment to the ticket; returns the field with its old and
/// new values as the history keeps them (USCC, cadre code or text).
fn amend(
    tx: &Tx,
    ticket: TicketId,
    code: &str,
    a: &Amendment,
) -> Result<(AmendField, String, String)> {
    let conn = tx.sql();
    let (column, old, new_value, new_text): (&str, String, crate::db::sql::Val<'static>, String) =
        match a.field {
            AmendField::Summary | AmendField::Category => {
                let column = if a.field == AmendField::Summary {
                    "summary"
                } else {
                    "category"
                };
                let new = a.new.trim().to_string();
                if a.field == AmendField::Summary && new.is_empty() {
                    return Err(input_in(
                        "summary",
                        crate::tr!(
                            "a ticket needs a summary of the problem",
                            "问题须有问题摘要"
                        ),
                    ));
                }
                let old: String = conn.query_row(
                    &format!("SELECT {column} FROM tickets WHERE id = ?1"),
                    [ticket],
                    |r| r.get(0),
                )?;
                (column, old, new.clone().into(), new)
            }
            AmendField::Enterprise => {
                let id = refs::enterprise(tx, &a.new)?;
                let old: String = conn.query_row(
                "SELECT e.uscc FROM tickets t JOIN enterprises e ON e.id = t.enterprise_id WHERE t.id = ?1",
                [ticket],
                |r| r.get(0),
            )?;
                let new: String =
                    conn.query_row("SELECT uscc FROM enterprises WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
                ("enterprise_id", old, id.0.into(), new)
            }
            AmendField::Cadre => {
                let id = refs::cadre(tx, &a.new)?;
                let old: String = conn.query_row(
                "SELECT c.code FROM tickets t JOIN cadres c ON c.id = t.cadre_id WHERE t.id = ?1",
                [ticket],
                |r| r.get(0),
            )?;
                let new: String =
                    conn.query_row("SELECT code FROM cadres WHERE id = ?1", [id], |r| r.get(0))?;
                ("cadre_id", old, id.0.into(), new)
            }
        };
    if old == new_text {
        let field = a.field.word();
        return Err(input_in(
            a.field.as_str(),
            crate::tr!(
                "ticket {code}'s {field} is already {new_text:?}; nothing to amend",
                "问题{code}的{field}已经是{new_text:?}；无需更正"
            ),
        ));
    }
    conn.execute(
        &format!("UPDATE tickets SET {column} = ?2 WHERE id = ?1"),
        params![ticket, new_value],
    )?;
    Ok((a.field, old, new_text))
}

/// One event as `ticket show` tells it; dates and vocabulary as stored.
#[derive(Debug, Default)]
pub(crate) struct Step {
    pub(crate) on: String,
    pub(crate) action: Option<String>,
    pub(crate) status: String,
    /// The actor's code.
    pub(crate) by: String,
    pub(crate) by_name: String,
    pub(crate) meeting: Option<String>,
    pub(crate) note: String,
    /// The code of the department set.
    pub(crate) department: Option<String>,
    pub(crate) department_name: Option<String>,
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

/// The columns of an event as `Step` reads them, from `ticket_events ev`
/// joined by `STEP_JOINS`.
pub(super) const STEP_COLUMNS: &str =
    "ev.on_date, ev.action, ev.status, c.code, c.name, m.code, ev.note,
     d.code, d.name, ev.with_units, ev.due_on, ev.level, ev.outcome,
     ev.satisfaction, ev.reason, ev.field, ev.old_value, ev.new_value";

/// The records an event names: its actor, meeting and department.
pub(super) const STEP_JOINS: &str = "JOIN cadres c ON c.id = ev.actor_id
     LEFT JOIN meetings m ON m.id = ev.meeting_id
     LEFT JOIN units d ON d.id = ev.department_id";

impl Step {
    /// Reads `STEP_COLUMNS`, starting at column `at` of the row.
    pub(super) fn read(r: &crate::db::sql::Row, at: usize) -> crate::db::sql::Result<Step> {
        Ok(Step {
            on: r.get(at)?,
            action: r.get(at + 1)?,
            status: r.get(at + 2)?,
            by: r.get(at + 3)?,
            by_name: r.get(at + 4)?,
            meeting: r.get(at + 5)?,
            note: r.get(at + 6)?,
            department: r.get(at + 7)?,
            department_name: r.get(at + 8)?,
            with: r.get(at + 9)?,
            due_on: r.get(at + 10)?,
            level: r.get(at + 11)?,
            outcome: r.get(at + 12)?,
            satisfaction: r.get(at + 13)?,
            reason: r.get(at + 14)?,
            field: r.get(at + 15)?,
            old: r.get(at + 16)?,
            new: r.get(at + 17)?,
        })
    }
}

/// A ticket's events in the order they were recorded.
pub(crate) fn history(db: &Db, id: TicketId) -> Result<Vec<Step>> {
    rows::all(
        db,
        &format!(
            "SELECT {STEP_COLUMNS} FROM ticket_events ev {STEP_JOINS}
             WHERE ev.ticket_id = ?1 ORDER BY ev.id"
        ),
        [id],
        |r| Step::read(r, 0),
    )
}
