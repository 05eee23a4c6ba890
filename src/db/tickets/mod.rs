//! Tickets and their append-only event history. Every event is checked by
//! `events::plan` against the lifecycle and the loop's rules, and written by
//! `batch::write_events`, which appends it, links it to the one it
//! supersedes and updates the cached status, department, due date and
//! fields — all in the caller's transaction, one event at a time
//! (`append_event`) or an import's batch at once.

mod batch;
mod events;
mod export;

pub(crate) use batch::{currents, insert_batch, taken_codes, write_events};
pub(crate) use events::{
    append_event, calendar, current, deadline, history, meeting_held_on, plan, Amendment, Current,
    Deadlines, Details, NewEvent, Planned, Step, DEFAULT_DAYS,
};
pub(crate) use export::{export, export_events, Event, Ticket};

use super::{rows, status_list, CadreId, Db, EnterpriseId, ImportId, TicketId, Tx, UnitId, Who};
use crate::db::sql::{params, OptionalExtension};
use crate::domain::status::Status;
use crate::domain::{date, rules};
use crate::error::{input_in, FieldError};
use crate::output::{Column, Value};
use anyhow::Result;
use chrono::NaiveDate;

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

/// The co-handling units (协办) of an assignment of ticket `code` to
/// `department`, as typed (codes, names): their codes joined by commas, as
/// the history keeps them, once the rule of `handling::co_handlers` holds.
pub(crate) fn co_handlers(
    db: &Db,
    code: &str,
    department: Option<UnitId>,
    typed: &[&str],
) -> Result<String> {
    let codes = typed
        .iter()
        .map(|t| super::refs::unit_code(db, t))
        .collect::<Result<Vec<_>>>()?;
    let department: Option<String> = match department {
        None => None,
        Some(id) => Some(
            db.sql()
                .prepare_cached("SELECT code FROM units WHERE id = ?1")?
                .query_row([id], |r| r.get(0))?,
        ),
    };
    crate::domain::handling::co_handlers(code, department.as_deref(), &codes)?;
    Ok(codes.join(","))
}

/// What a new ticket must be before it is written: a summary, a category
/// that is a fit name, a due date not before its collection.
pub(crate) fn check_new(t: &NewTicket) -> Result<()> {
    if t.summary.trim().is_empty() {
        return Err(input_in(
            "summary",
            crate::tr!(
                "a ticket needs a summary of the problem",
                "问题须有问题摘要"
            ),
        ));
    }
    rules::group_name("category", t.category)?;
    if let Some(due) = t.due_on {
        rules::due_not_before_collection("due_on", due, t.collected_on).map_err(|e| {
            let (code, msg) = (t.code, e.msg);
            FieldError {
                field: e.field,
                msg: crate::tr!("ticket {code}: {msg}", "问题{code}：{msg}"),
            }
        })?;
    }
    Ok(())
}

/// The refusal of a ticket whose code is taken.
pub(crate) fn code_taken(code: &str) -> anyhow::Error {
    input_in(
        "code",
        crate::tr!(
            "a ticket with code {code:?} already exists",
            "编号为{code:?}的问题已存在"
        ),
    )
}

/// Inserts a ticket and its first event, `collected` by the collecting
/// cadre, which carries the department and due date given at collection
/// (the assignment, when there is a department); both carry the ticket's
/// import, if any.
pub fn insert(tx: &Tx, t: &NewTicket) -> Result<TicketId> {
    check_new(t)?;
    let conn = tx.sql();
    let collected = date::iso(t.collected_on);
    let id = conn
        .prepare_cached(
            "INSERT INTO tickets (code, enterprise_id, cadre_id, collected_on, category, summary,
                                  department_id, due_on, status, status_on, import_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?4, ?10)
             ON CONFLICT (code) DO NOTHING RETURNING id",
        )?
        .query_row(
            params![
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
            ],
            |r| r.get(0),
        )
        .optional()?;
    let Some(id) = id.map(TicketId) else {
        return Err(code_taken(t.code));
    };
    write_events(tx, &mut [Planned::collected(t, id)], &[], false)?;
    Ok(id)
}

/// The next free automatic code in a year: 2022-0001, 2022-0002, … — one
/// more than the highest number of the year's codes, or, when that is as
/// high as an automatic code goes, the lowest number not taken. Codes typed
/// with longer numbers than automatic ones (or anything but digits) take no
/// part, so none of them can push the numbering past what an integer holds.
pub(crate) fn next_code(db: &Db, year: i32) -> Result<String> {
    // 18 digits: every such number, and the one after it, fits an i64.
    const AUTOMATIC: &str = "substr(code, 1, 5) = ?1 || '-' AND length(code) BETWEEN 6 AND 5 + 18
                             AND ltrim(substr(code, 6), '0123456789') = ''";
    const LAST: i64 = 999_999_999_999_999_999;
    let year = format!("{year:04}");
    let max: Option<i64> = db.sql().query_row(
        &format!("SELECT max(CAST(substr(code, 6) AS BIGINT)) FROM tickets WHERE {AUTOMATIC}"),
        [&year],
        |r| r.get(0),
    )?;
    let next = match max.unwrap_or(0) + 1 {
        n if n <= LAST => n,
        _ => db.sql().query_row(
            &format!(
                "SELECT min(n) + 1 FROM (
                     SELECT n, lead(n) OVER (ORDER BY n) AS after FROM (
                         SELECT 0 AS n UNION SELECT CAST(substr(code, 6) AS BIGINT) FROM tickets WHERE {AUTOMATIC}) AS taken) AS gaps
                 WHERE after IS NULL OR after > n + 1"
            ),
            [&year],
            |r| r.get(0),
        )?,
    };
    Ok(format!("{year}-{next:04}"))
}

/// Which tickets a list shows; every condition left empty lets all through.
#[derive(Debug, Default)]
pub(crate) struct Filter {
    pub(crate) statuses: Option<Vec<Status>>,
    /// The collecting cadre, the enterprise, the collecting cadre's unit, the enterprise's town.
    pub(crate) who: Who,
    pub(crate) department: Option<UnitId>,
    pub(crate) category: Option<String>,
    pub(crate) from: Option<NaiveDate>,
    pub(crate) to: Option<NaiveDate>,
    /// Only open tickets past their due date.
    pub(crate) overdue: bool,
    /// Only voided tickets (作废); else only the others.
    pub(crate) voided: bool,
}

/// Tickets matching a filter, oldest first, one value per column of
/// `columns`, read by key: `code`, `collected_on`, `enterprise` (name),
/// `cadre` (code), `category`, `summary`, `department` (code), `due_on`,
/// `status`, `status_on`, `days_overdue` (open tickets past their due date
/// on `today`).
pub(crate) fn list(
    db: &Db,
    columns: &[Column],
    f: &Filter,
    today: NaiveDate,
) -> Result<Vec<Vec<Value>>> {
    let statuses = f
        .statuses
        .as_ref()
        .map(|s| s.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(","));
    let open = status_list(&Status::OPEN);
    let sql = format!(
        "SELECT t.code AS code, t.collected_on AS collected_on, e.uscc AS enterprise,
                e.name AS enterprise_name, c.code AS cadre, c.name AS cadre_name,
                t.category AS category, t.summary AS summary,
                d.code AS department, d.name AS department_name, t.due_on AS due_on, t.status AS status,
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
           AND (t.voided_on IS NULL) = (?12 = 0)
         ORDER BY t.collected_on, t.code",
        super::eq_if(f.who.enterprise.is_some(), "t.enterprise_id", 3),
        super::eq_if(f.who.cadre.is_some(), "t.cadre_id", 4),
        super::eq_if(f.department.is_some(), "t.department_id", 7),
    );
    rows::named(
        db,
        columns,
        &sql,
        &[
            &date::iso(today),
            &statuses,
            &f.who.enterprise,
            &f.who.cadre,
            &f.who.unit,
            &f.who.town,
            &f.department,
            &f.category,
            &f.from.map(date::iso),
            &f.to.map(date::iso),
            &f.overdue,
            &f.voided,
        ],
    )
}

/// One ticket as `ticket show` describes it; dates as stored.
pub(crate) struct Detail {
    pub(crate) code: String,
    pub(crate) enterprise: String,
    pub(crate) uscc: String,
    pub(crate) cadre_code: String,
    pub(crate) cadre_name: String,
    pub(crate) collected_on: String,
    pub(crate) category: String,
    pub(crate) summary: String,
    /// The handling department's code and name.
    pub(crate) department: Option<(String, String)>,
    pub(crate) due_on: Option<String>,
    pub(crate) status: String,
    pub(crate) status_on: String,
    pub(crate) voided_on: Option<String>,
}

pub(crate) fn detail(db: &Db, id: TicketId) -> Result<Detail> {
    Ok(db.sql().query_row(
        "SELECT t.code, e.name, e.uscc, c.code, c.name, t.collected_on, t.category, t.summary,
                d.code, d.name, t.due_on, t.status, t.status_on, t.voided_on
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
                voided_on: r.get(13)?,
            })
        },
    )?)
}
