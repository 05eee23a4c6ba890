//! The query of `report assessment`: every rate's numerator and denominator
//! per group and in total, as of a day, in one statement.
//!
//! Each ticket's facts on the day D come from one grouped pass over its
//! events on or before D (the latest event, the latest one setting or
//! clearing the department, the latest acceptance, closure and rated
//! follow-up), each then read by its id. A ticket voided on or before D
//! takes no part; one voided later counts as it stood.

use super::{status_list, status_sql, Scope};
use crate::db::tickets::calendar;
use crate::db::Db;
use crate::domain::assessment::{Ratio, RESPONSE_DAYS};
use crate::domain::kinds::Satisfaction;
use crate::domain::status::{Action, Status};
use crate::domain::{date, rules};
use anyhow::Result;
use rusqlite::functions::FunctionFlags;

/// What the tickets are grouped by (`--by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum By {
    /// The handling department in force on the day (承办单位); return_rate
    /// counts for the department that returned the ticket.
    #[default]
    Department,
    /// The unit of the collecting cadre.
    Unit,
    /// The town/street (街镇) where the ticket's enterprise is located.
    Town,
    /// The ticket's category.
    Category,
}

/// One row: the group's label (None for the no-value group), its tickets,
/// and each rate's terms in the order of `Rate::ALL`.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) group: Option<String>,
    pub(crate) tickets: i64,
    pub(crate) rates: [Ratio; 7],
}

/// The SQL function `qianqi_response_due(day)`: the last day an assignment
/// made on `day` may be accepted on time, RESPONSE_DAYS working days later,
/// from the calendar the database holds.
fn register_response_due(db: &Db) -> Result<()> {
    let cal = calendar(db)?;
    let Some(conn) = db.sql().sqlite() else {
        return response_due_days(db, &cal);
    };
    conn.create_scalar_function(
        "qianqi_response_due",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        move |ctx| {
            let day: Option<String> = ctx.get(0)?;
            day.map(|d| {
                date::parse(&d)
                    .map(|d| date::iso(cal.add_workdays(d, RESPONSE_DAYS)))
                    .map_err(|e| rusqlite::Error::UserFunctionError(e.to_string().into()))
            })
            .transpose()
        },
    )?;
    Ok(())
}

/// PostgreSQL's `qianqi_response_due(day)` (src/db/pg/schema.sql) looks the
/// day up in a temporary table, filled here from the same calendar for every
/// day an event of the database falls on: the rule stays in `domain`.
fn response_due_days(db: &Db, cal: &crate::domain::calendar::Calendar) -> Result<()> {
    let sql = db.sql();
    sql.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS qianqi_response_due_days (day date PRIMARY KEY, due date NOT NULL);
         TRUNCATE qianqi_response_due_days",
    )?;
    let span: Option<(String, String)> = sql.query_row(
        "SELECT min(on_date), max(on_date) FROM ticket_events",
        [],
        |r| {
            Ok(r.get::<_, Option<String>>(0)?
                .zip(r.get::<_, Option<String>>(1)?))
        },
    )?;
    let Some((first, last)) = span else {
        return Ok(());
    };
    let (first, last) = (date::parse(&first)?, date::parse(&last)?);
    let days: Vec<_> = first.iter_days().take_while(|d| *d <= last).collect();
    sql.copy_in(
        "COPY qianqi_response_due_days (day, due) FROM STDIN (FORMAT binary)",
        &[postgres::types::Type::DATE, postgres::types::Type::DATE],
        days.into_iter().map(|d| {
            vec![
                Box::new(d) as Box<dyn postgres::types::ToSql + Sync>,
                Box::new(cal.add_workdays(d, RESPONSE_DAYS)),
            ]
        }),
    )?;
    Ok(())
}

fn act(a: Action) -> String {
    format!("'{}'", a.as_str())
}

/// The key of a ticket in `per` (aliases: `t` the ticket, `h` the event in
/// force that set or cleared its department), and how a key is labelled and sorted.
struct Key {
    expr: &'static str,
    label: &'static str,
    joins: &'static str,
    sort: &'static str,
}

impl By {
    fn key(self) -> Key {
        let unit = |expr| Key {
            expr,
            label: "g.name",
            joins: "LEFT JOIN units g ON g.id = x.k",
            sort: "g.code",
        };
        match self {
            By::Department => unit("h.department_id"),
            By::Unit => unit("(SELECT c.unit_id FROM cadres c WHERE c.id = t.cadre_id)"),
            By::Town => unit("(SELECT e.town_id FROM enterprises e WHERE e.id = t.enterprise_id)"),
            By::Category => Key {
                expr: "nullif(t.category, '')",
                label: "x.k",
                joins: "",
                sort: "x.k",
            },
        }
    }
}

/// The statement. Parameters: ?1 the day, ?2 from, ?3 to.
fn sql(by: By) -> String {
    let key = by.key();
    let (accept, ret, follow_up, reopen) = (
        act(Action::Accept),
        act(Action::Return),
        act(Action::FollowUp),
        act(Action::Reopen),
    );
    let closing = format!("{}, {}", act(Action::Resolve), act(Action::Explain));
    let closed = status_list(&Status::CLOSED);
    let resolved = status_sql(Status::Resolved);
    let collected = status_sql(Status::Collected);
    let content = format!(
        "'{}', '{}'",
        Satisfaction::Satisfied.as_str(),
        Satisfaction::Basic.as_str()
    );
    // The ticket's own return figures; by department they come from `pairs` instead.
    let (ticket_ret, pair_rows) = if by == By::Department {
        (
            "0 AS ret_n, 0 AS ret_d",
            "UNION ALL
             SELECT p.dept, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    CAST(EXISTS (SELECT 1 FROM returned r WHERE r.tid = p.tid AND r.dept = p.dept) AS INTEGER), 1,
                    0, 0
               FROM pairs p",
        )
    } else {
        (
            "CAST(returned AS INTEGER) AS ret_n, CAST(assigned AS INTEGER) AS ret_d",
            "",
        )
    };
    format!(
        "WITH sel AS MATERIALIZED (
           SELECT t.id, t.cadre_id, t.enterprise_id, t.category FROM tickets t
            WHERE t.collected_on <= ?1 AND (?2 IS NULL OR t.collected_on >= ?2)
              AND (?3 IS NULL OR t.collected_on <= ?3)
              AND (t.voided_on IS NULL OR t.voided_on > ?1)
         ),
         m AS MATERIALIZED (
           SELECT e.ticket_id AS tid,
                  max(e.id) AS last_id,
                  max(CASE WHEN e.department_id IS NOT NULL OR e.action = {ret} THEN e.id END) AS h_id,
                  max(CASE WHEN e.action = {accept} THEN e.id END) AS acc_id,
                  max(CASE WHEN e.action IN ({closing}) THEN e.id END) AS close_id,
                  max(CASE WHEN e.satisfaction IS NOT NULL THEN e.id END) AS rated_id,
                  max(e.action = {follow_up}) AS followed,
                  max(e.action = {reopen}) AS reopened,
                  max(e.department_id IS NOT NULL) AS assigned,
                  max(e.action = {ret}) AS returned
             FROM sel JOIN ticket_events e ON e.ticket_id = sel.id
            WHERE e.on_date <= ?1
            GROUP BY e.ticket_id
         ),
         per AS MATERIALIZED (
           SELECT f.*,
                  f.late_awaiting OR f.acc_asg_on IS NOT NULL AS resp_d,
                  NOT f.late_awaiting AND f.acc_on <= qianqi_response_due(f.acc_asg_on) AS resp_n
             FROM (
               SELECT {key} AS k,
                      last.status IN ({closed}) AS closed,
                      last.status = {resolved} AS resolved,
                      coalesce(last.status = {collected} AND h.department_id IS NOT NULL
                               AND qianqi_response_due(h.on_date) < ?1, FALSE) AS late_awaiting,
                      acc.on_date AS acc_on,
                      (SELECT a.on_date FROM ticket_events a
                        WHERE a.ticket_id = m.tid AND a.department_id IS NOT NULL AND a.id <= m.acc_id
                        ORDER BY a.id DESC LIMIT 1) AS acc_asg_on,
                      CASE WHEN last.status IN ({closed}) THEN cl.on_date END AS close_on,
                      CASE WHEN last.status IN ({closed}) THEN
                        (SELECT u.due_on FROM ticket_events u
                          WHERE u.ticket_id = m.tid AND u.due_on IS NOT NULL AND u.id < m.close_id
                          ORDER BY u.id DESC LIMIT 1) END AS close_due,
                      rt.satisfaction AS sat,
                      m.followed, m.reopened, m.close_id IS NOT NULL AS ever_closed,
                      m.assigned, m.returned
                 FROM m
                 JOIN sel t ON t.id = m.tid
                 JOIN ticket_events last ON last.id = m.last_id
                 LEFT JOIN ticket_events h ON h.id = m.h_id
                 LEFT JOIN ticket_events acc ON acc.id = m.acc_id
                 LEFT JOIN ticket_events cl ON cl.id = m.close_id
                 LEFT JOIN ticket_events rt ON rt.id = m.rated_id
             ) f
         ),
         pairs AS (
           SELECT DISTINCT e.ticket_id AS tid, e.department_id AS dept
             FROM sel JOIN ticket_events e ON e.ticket_id = sel.id
            WHERE e.department_id IS NOT NULL AND e.on_date <= ?1
         ),
         returned AS (
           SELECT DISTINCT r.ticket_id AS tid,
                  (SELECT a.department_id FROM ticket_events a
                    WHERE a.ticket_id = r.ticket_id AND a.department_id IS NOT NULL AND a.id < r.id
                    ORDER BY a.id DESC LIMIT 1) AS dept
             FROM sel JOIN ticket_events r ON r.ticket_id = sel.id
            WHERE r.action = {ret} AND r.on_date <= ?1
         ),
         terms AS (
           SELECT k, 1 AS tickets, CAST(resp_n AS INTEGER) AS resp_n, CAST(resp_d AS INTEGER) AS resp_d,
                  CAST(closed AND close_on <= close_due AS INTEGER) AS ontime_n,
                  CAST(closed AND close_due IS NOT NULL AS INTEGER) AS ontime_d,
                  CAST(resolved AS INTEGER) AS res_n, CAST(closed AS INTEGER) AS res_d,
                  CAST(closed AND followed AS INTEGER) AS fu_n, CAST(closed AS INTEGER) AS fu_d,
                  CAST(coalesce(sat IN ({content}), FALSE) AS INTEGER) AS sat_n,
                  CAST(sat IS NOT NULL AS INTEGER) AS sat_d,
                  {ticket_ret},
                  CAST(reopened AS INTEGER) AS redo_n, CAST(ever_closed AS INTEGER) AS redo_d
             FROM per
           {pair_rows}
         ),
         grouped AS (
           SELECT 0 AS total, k, sum(tickets) AS tickets, sum(resp_n), sum(resp_d), sum(ontime_n),
                  sum(ontime_d), sum(res_n), sum(res_d), sum(fu_n), sum(fu_d), sum(sat_n), sum(sat_d),
                  sum(ret_n), sum(ret_d), sum(redo_n), sum(redo_d)
             FROM terms GROUP BY k
           UNION ALL
           SELECT 1, NULL, count(*), sum(resp_n), sum(resp_d),
                  sum(closed AND close_on <= close_due), sum(closed AND close_due IS NOT NULL),
                  sum(resolved), sum(closed), sum(closed AND followed), sum(closed),
                  sum(coalesce(sat IN ({content}), FALSE)), sum(sat IS NOT NULL),
                  sum(returned), sum(assigned), sum(reopened), sum(ever_closed)
             FROM per
         )
         SELECT x.total, {label}, x.*
           FROM grouped x {joins}
          ORDER BY x.total, {sort} IS NULL, {sort}",
        key = key.expr,
        label = key.label,
        joins = key.joins,
        sort = key.sort,
    )
}

/// The rows per group, and the total row (every ticket once: a ticket
/// assigned to two departments counts once in its return_rate).
pub(crate) fn assessment(db: &Db, scope: &Scope, by: By) -> Result<(Vec<Row>, Row)> {
    register_response_due(db)?;
    let sql = sql(by);
    let mut stmt = db.sql().prepare(&sql)?;
    let mut groups = Vec::new();
    let mut total = None;
    let rows = stmt.query_map(scope.params(), |r| {
        let is_total: bool = r.get(0)?;
        let group: Option<String> = r.get(1)?;
        let tickets: Option<i64> = r.get(4)?;
        let mut rates = [Ratio::default(); 7];
        for (i, rate) in rates.iter_mut().enumerate() {
            let n: Option<i64> = r.get(5 + 2 * i)?;
            let d: Option<i64> = r.get(6 + 2 * i)?;
            *rate = Ratio::new(n.unwrap_or(0), d.unwrap_or(0));
        }
        Ok((
            is_total,
            Row {
                group: if is_total {
                    Some(rules::TOTAL.to_string())
                } else {
                    group
                },
                tickets: tickets.unwrap_or(0),
                rates,
            },
        ))
    })?;
    for row in rows {
        let (is_total, row) = row?;
        if is_total {
            total = Some(row);
        } else {
            groups.push(row);
        }
    }
    let total = total.expect("the statement always yields its total row");
    Ok((groups, total))
}
