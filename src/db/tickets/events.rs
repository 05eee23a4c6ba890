//! Appending to a ticket's history: every event of the loop, checked
//! against the lifecycle and the loop's rules, with its effect on the
//! ticket's cached status, department, due date and fields. One event is
//! read, planned and written here; an import plans many against tickets read
//! a batch at a time and writes them together (`batch.rs`), through the same
//! `plan` and `Current::apply`.

use crate::db::sql::{params, OptionalExtension};
use crate::db::{refs, rows, CadreId, Db, EnterpriseId, ImportId, MeetingId, TicketId, Tx, UnitId};
use crate::domain::calendar::Calendar;
use crate::domain::handling::{self, Facts, Given};
use crate::domain::kinds::{AmendField, Level, Outcome, Satisfaction};
use crate::domain::status::{self, Action, Status};
use crate::domain::{date, rules};
use crate::error::{input_in, FieldError};
use anyhow::Result;
use chrono::NaiveDate;
use std::collections::HashMap;

/// What an event of the loop carries beyond its day, actor and note.
#[derive(Debug, Default, Clone)]
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
#[derive(Debug, Clone)]
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
    Ok(due_after(&calendar(db)?, days, on))
}

/// The deadline from `on` in a category's working days, `days` (None for a
/// category without its own).
fn due_after(calendar: &Calendar, days: Option<u32>, on: NaiveDate) -> NaiveDate {
    calendar.add_workdays(on, days.unwrap_or(DEFAULT_DAYS))
}

/// The calendar and every category's deadline, read once for many
/// assignments: `due` answers as `deadline` does.
pub(crate) struct Deadlines {
    calendar: Calendar,
    days: HashMap<String, u32>,
}

impl Deadlines {
    pub(crate) fn load(db: &Db) -> Result<Deadlines> {
        let days = rows::all(db, "SELECT name, days FROM categories", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(Deadlines {
            calendar: calendar(db)?,
            days: days.into_iter().collect(),
        })
    }

    pub(crate) fn due(&self, category: &str, on: NaiveDate) -> NaiveDate {
        due_after(&self.calendar, self.days.get(category).copied(), on)
    }
}

/// A ticket as the loop's checks and its cached columns need it: read by
/// `current` (or a batch's `currents`), made by `Current::fresh` for a
/// ticket being added, and moved on by `apply` as each event is planned.
#[derive(Debug, Clone)]
pub(crate) struct Current {
    pub(crate) id: TicketId,
    pub(crate) code: String,
    pub(crate) collected_on: NaiveDate,
    pub(crate) status_on: NaiveDate,
    /// The day of the ticket's latest event.
    pub(crate) last_on: NaiveDate,
    pub(crate) department: Option<UnitId>,
    pub(crate) category: String,
    pub(crate) summary: String,
    pub(crate) enterprise: EnterpriseId,
    pub(crate) cadre: CadreId,
    pub(crate) facts: Facts,
}

/// The columns `Current::read` reads, from `tickets t`; `?2` is the return action.
pub(super) const CURRENT_COLUMNS: &str =
    "t.id, t.code, t.status, t.collected_on, t.status_on, t.department_id, t.due_on, t.voided_on,
     -- Events are in date order, so the latest day of any event is the
     -- last one's; ticket_events_ticket finds it without the as-of index's
     -- scan of every ticket's current event.
     coalesce((SELECT max(e.on_date) FROM ticket_events e WHERE e.ticket_id = t.id), t.status_on),
     -- Returned: the latest event that set a department or returned the ticket returned it.
     -- `e.id + 0`: ordered by the id itself, PostgreSQL without statistics
     -- (a table just loaded) walks the whole primary key backwards per ticket.
     coalesce((SELECT e.action = ?2 FROM ticket_events e
                WHERE e.ticket_id = t.id AND (e.department_id IS NOT NULL OR e.action = ?2)
                ORDER BY e.id + 0 DESC LIMIT 1), FALSE),
     t.category, t.summary, t.enterprise_id, t.cadre_id";

impl Current {
    /// Reads `CURRENT_COLUMNS`.
    pub(super) fn read(r: &crate::db::sql::Row) -> Result<Current> {
        let status: String = r.get(2)?;
        let status = Status::parse(&status).map_err(anyhow::Error::msg)?;
        let day = |i: usize| -> Result<Option<NaiveDate>> {
            let s: Option<String> = r.get(i)?;
            Ok(s.map(|s| date::parse(&s)).transpose()?)
        };
        let department: Option<UnitId> = r.get(5)?;
        let req = |i: usize| -> Result<NaiveDate> {
            let s: String = r.get(i)?;
            Ok(date::parse(&s)?)
        };
        Ok(Current {
            id: r.get(0)?,
            code: r.get(1)?,
            collected_on: req(3)?,
            status_on: req(4)?,
            last_on: req(8)?,
            department,
            category: r.get(10)?,
            summary: r.get(11)?,
            enterprise: r.get(12)?,
            cadre: r.get(13)?,
            facts: Facts {
                status,
                has_department: department.is_some(),
                returned: r.get(9)?,
                due_on: day(6)?,
                voided_on: day(7)?,
            },
        })
    }

    /// A ticket as `insert` leaves it, before its id is known: collected,
    /// with the department and due date given at collection.
    pub(crate) fn fresh(t: &super::NewTicket) -> Current {
        Current {
            id: TicketId(0),
            code: t.code.to_string(),
            collected_on: t.collected_on,
            status_on: t.collected_on,
            last_on: t.collected_on,
            department: t.department,
            category: t.category.to_string(),
            summary: t.summary.to_string(),
            enterprise: t.enterprise,
            cadre: t.cadre,
            facts: Facts {
                status: Status::Collected,
                has_department: t.department.is_some(),
                returned: false,
                due_on: t.due_on,
                voided_on: None,
            },
        }
    }

    /// The ticket after a planned event: what the event's row says of the
    /// status, department, due date, void and amended field.
    pub(crate) fn apply(&mut self, p: &Planned) {
        if p.action.changes_status() {
            self.facts.status = p.to;
            self.status_on = p.on;
        }
        if let Some(dept) = p.details.department {
            self.department = Some(dept);
            self.facts.returned = false;
        }
        if p.action == Action::Return {
            self.department = None;
            self.facts.returned = true;
        }
        self.facts.has_department = self.department.is_some();
        if let Some(due) = p.details.due_on {
            self.facts.due_on = Some(due);
        }
        if p.action == Action::Void {
            self.facts.voided_on = Some(p.on);
        }
        self.last_on = self.last_on.max(p.on);
        if let Some(a) = &p.amended {
            match &a.value {
                Amended::Text(t) if a.field == AmendField::Summary => self.summary = t.clone(),
                Amended::Text(t) => self.category = t.clone(),
                Amended::Enterprise(id) => self.enterprise = *id,
                Amended::Cadre(id) => self.cadre = *id,
            }
        }
    }
}

/// A ticket's current state, read from the database.
pub(crate) fn current(db: &Db, ticket: TicketId) -> Result<Current> {
    let mut stmt = db.sql().prepare_cached(&format!(
        "SELECT {CURRENT_COLUMNS} FROM tickets t WHERE t.id = ?1"
    ))?;
    let mut rows = stmt.query(params![ticket, Action::Return.as_str()])?;
    match rows.next()? {
        Some(r) => Current::read(&r),
        None => Err(crate::db::sql::Error::NoRows.into()),
    }
}

/// An amendment's new value as the ticket's column takes it.
#[derive(Debug, Clone)]
pub(crate) enum Amended {
    Text(String),
    Enterprise(EnterpriseId),
    Cadre(CadreId),
}

/// A field an event corrects: its old and new values as the history keeps
/// them (USCC, cadre code or text), and the new value for the ticket.
#[derive(Debug, Clone)]
pub(crate) struct Amends {
    pub(crate) field: AmendField,
    pub(crate) old: String,
    pub(crate) new: String,
    pub(crate) value: Amended,
}

/// An event checked against its ticket, ready to be written.
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub(crate) ticket: TicketId,
    pub(crate) on: NaiveDate,
    pub(crate) action: Action,
    /// The status after the event.
    pub(crate) to: Status,
    pub(crate) actor: CadreId,
    pub(crate) note: String,
    pub(crate) meeting: Option<MeetingId>,
    pub(crate) import: Option<ImportId>,
    pub(crate) details: Details,
    pub(crate) amended: Option<Amends>,
    /// The day of the ticket's next event, when it is written with it.
    pub(crate) superseded_on: Option<NaiveDate>,
}

impl Planned {
    /// A ticket's first event, its collection by the collecting cadre, with
    /// the department and due date given at collection.
    pub(crate) fn collected(t: &super::NewTicket, id: TicketId) -> Planned {
        Planned {
            ticket: id,
            on: t.collected_on,
            action: Action::Collect,
            to: Status::Collected,
            actor: t.cadre,
            note: String::new(),
            meeting: None,
            import: t.import,
            details: Details {
                department: t.department,
                due_on: t.due_on,
                ..Details::default()
            },
            amended: None,
            superseded_on: None,
        }
    }
}

/// Checks an event against the ticket as it is, enforcing the lifecycle,
/// the loop's rules and the order of dates; the event as it will be written.
/// Reads only what an amendment names (an enterprise or a cadre).
pub(crate) fn plan(db: &Db, cur: &Current, e: &NewEvent, today: NaiveDate) -> Result<Planned> {
    let code = cur.code.as_str();
    let status = cur.facts.status;
    let action = match (e.action, e.status) {
        (Some(a), _) => a,
        (None, Some(to)) => {
            status::check_change(code, status, to, None)?;
            Action::for_change(status, to).expect("an allowed change is an action")
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
    status::check_change(code, status, action.result(status), Some(action))?;
    let to = action.result(status);
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
        rules::due_not_before_collection("due_on", due, cur.collected_on)
            .and_then(|()| rules::due_not_before_setting("due_on", due, e.on))
            .map_err(|err| {
                let msg = err.msg;
                FieldError {
                    field: err.field,
                    msg: crate::tr!("ticket {code}: {msg}", "问题{code}：{msg}"),
                }
            })?;
    }
    let amended = match &d.amend {
        Some(a) => Some(amend(db, cur, a)?),
        None => None,
    };
    Ok(Planned {
        ticket: cur.id,
        on: e.on,
        action,
        to,
        actor: e.actor,
        note: e.note.to_string(),
        meeting: e.meeting,
        import: e.import,
        details: d.clone(),
        amended,
        superseded_on: None,
    })
}

/// Appends an event, enforcing the lifecycle, the loop's rules and the
/// order of dates, and applies its effect to the ticket.
pub(crate) fn append_event(tx: &Tx, e: &NewEvent, today: NaiveDate) -> Result<()> {
    let mut cur = current(tx, e.ticket)?;
    let planned = plan(tx, &cur, e, today)?;
    cur.apply(&planned);
    super::batch::write_events(tx, &mut [planned], &[&cur], true)
}

/// Checks an amendment against the ticket; its field with the old and new
/// values as the history keeps them (USCC, cadre code or text).
fn amend(db: &Db, cur: &Current, a: &Amendment) -> Result<Amends> {
    let conn = db.sql();
    let code = cur.code.as_str();
    let (old, new, value) = match a.field {
        AmendField::Summary | AmendField::Category => {
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
            let old = if a.field == AmendField::Summary {
                cur.summary.clone()
            } else {
                cur.category.clone()
            };
            (old, new.clone(), Amended::Text(new))
        }
        AmendField::Enterprise => {
            let id = refs::enterprise(db, &a.new)?;
            let uscc = |id: EnterpriseId| -> Result<String> {
                Ok(conn
                    .prepare_cached("SELECT uscc FROM enterprises WHERE id = ?1")?
                    .query_row([id], |r| r.get(0))?)
            };
            (uscc(cur.enterprise)?, uscc(id)?, Amended::Enterprise(id))
        }
        AmendField::Cadre => {
            let id = refs::cadre(db, &a.new)?;
            let code = |id: CadreId| -> Result<String> {
                Ok(conn
                    .prepare_cached("SELECT code FROM cadres WHERE id = ?1")?
                    .query_row([id], |r| r.get(0))?)
            };
            (code(cur.cadre)?, code(id)?, Amended::Cadre(id))
        }
    };
    if old == new {
        let field = a.field.word();
        return Err(input_in(
            a.field.as_str(),
            crate::tr!(
                "ticket {code}'s {field} is already {new:?}; nothing to amend",
                "问题{code}的{field}已经是{new:?}；无需更正"
            ),
        ));
    }
    Ok(Amends {
        field: a.field,
        old,
        new,
        value,
    })
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
