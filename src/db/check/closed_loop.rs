//! The closed loop's own rules: an acceptance with no handling department
//! in force (never assigned, or returned and not assigned again), a
//! follow-up of a ticket that was not closed, an extension that does not
//! push the due date later, an event out of turn or after a void, a
//! due date set before the day of the event that sets it, and co-handlers
//! (协办) that are the handling department or named twice.

use super::{finding, Finding};
use crate::db::sql::{Connection, OptionalExtension};
use crate::db::status_list;
use crate::domain::handling::{co_handler_fault, CoHandlerFault};
use crate::domain::status::{Action, Status};
use anyhow::Result;

/// The first event the rule "an acceptance needs a department" holds for:
/// acceptances recorded before it (by a qianqi that took them without one)
/// are history, not findings. A database from before the rule has none.
fn accept_rule_start(conn: &Connection) -> Result<i64> {
    // A backup from before the rule has no table of starts.
    let kept: bool = if conn.is_pg() {
        conn.query_row(
            "SELECT count(*) > 0 FROM information_schema.tables
              WHERE table_schema = current_schema() AND table_name = 'rule_starts'",
            [],
            |r| r.get(0),
        )?
    } else {
        conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'rule_starts'",
            [],
            |r| r.get(0),
        )?
    };
    if !kept {
        return Ok(i64::MAX);
    }
    let start: Option<i64> = conn
        .query_row(
            "SELECT first_event FROM rule_starts WHERE rule = 'accept-unassigned'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(start.unwrap_or(i64::MAX))
}

/// Acceptances with no department in force or named, each with whether it
/// followed a return (the ticket's department was taken back) and whether
/// it is held to the rule.
const UNASSIGNED_ACCEPTS: &str = "
    SELECT t.code, a.on_date, a.taken_back IS TRUE AS after_return, a.id >= ?1 AS ruled FROM (
        SELECT e.id, e.ticket_id, e.on_date,
               -- true: the last event to set or clear the department was a
               -- return; false: it set one; NULL: none ever did.
               (SELECT p.department_id IS NULL FROM ticket_events p
                 WHERE p.ticket_id = e.ticket_id AND p.id < e.id
                   AND (p.department_id IS NOT NULL OR p.action = 'return')
                 ORDER BY p.id DESC LIMIT 1) AS taken_back
          FROM ticket_events e
         WHERE e.action = 'accept' AND e.department_id IS NULL) a
      JOIN tickets t ON t.id = a.ticket_id
     WHERE a.taken_back IS NOT FALSE";

/// What the closed loop's rules found.
#[derive(Debug, Default)]
pub(super) struct ClosedLoop {
    pub(super) findings: Vec<Finding>,
    /// Tickets accepted with no department before the rule held: not
    /// problems, as they were recorded under the rule of their day, but
    /// `check` says they count under no department.
    pub(super) accepted_before_the_rule: Vec<String>,
}

/// The closed loop: an acceptance with no department in force (a returned
/// ticket not assigned again, or one never assigned, among the events held
/// to that rule), a follow-up of a ticket that was not closed, and an
/// extension that does not push the due date in force later.
pub(super) fn closed_loop(conn: &Connection) -> Result<ClosedLoop> {
    let mut out = ClosedLoop::default();
    // A backup from before the loop was recorded has none of it to check.
    if !super::records_actions(conn)? {
        return Ok(out);
    }
    let start = accept_rule_start(conn)?;
    let open = status_list(&Status::OPEN);
    let mut stmt = conn.prepare(&format!(
        "SELECT code, CASE WHEN after_return OR ruled THEN 'accept-unassigned' ELSE 'before-the-rule' END,
                on_date, CASE WHEN after_return THEN 'return' END
           FROM ({UNASSIGNED_ACCEPTS}) AS u
         UNION ALL
         SELECT t.code, 'follow-up-open', e.on_date, e.status
           FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
          WHERE e.action = 'follow_up' AND e.status IN ({open})
         UNION ALL
         SELECT code, 'extension-shortened', on_date, before || ' → ' || after FROM (
             SELECT t.code, e.on_date, e.due_on AS after,
                    (SELECT p.due_on FROM ticket_events p
                      WHERE p.ticket_id = e.ticket_id AND p.id < e.id AND p.due_on IS NOT NULL
                      ORDER BY p.id DESC LIMIT 1) AS before
               FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
              WHERE e.action = 'extend') AS x
          WHERE after IS NULL OR after <= before
         ORDER BY 1, 3"
    ))?;
    let mut rows = stmt.query([start])?;
    while let Some(r) = rows.next()? {
        let code: String = r.get(0)?;
        let kind: String = r.get(1)?;
        let on: String = r.get(2)?;
        let other: Option<String> = r.get(3)?;
        let other = other.unwrap_or_default();
        let (name, message) = match kind.as_str() {
            "before-the-rule" => {
                out.accepted_before_the_rule.push(code);
                continue;
            }
            "accept-unassigned" if other == "return" => (
                "accept-unassigned",
                crate::tr!(
                    "accepted on {on} after it was returned, with no assignment between",
                    "退回后未重新交办，就于{on}签收"
                ),
            ),
            "accept-unassigned" => (
                "accept-unassigned",
                crate::tr!(
                    "accepted on {on} with no handling department: never assigned, none named",
                    "于{on}签收时没有承办单位：从未交办，签收时也未指明"
                ),
            ),
            "follow-up-open" => {
                let other = super::status_word(&other);
                (
                    "follow-up-open",
                    crate::tr!(
                        "followed up on {on} while {other}; only a closed ticket is followed up",
                        "于{on}回访时状态为{other}；只有办结的问题才回访"
                    ),
                )
            }
            _ => (
                "extension-shortened",
                crate::tr!(
                    "extended on {on} to a due date no later than before ({other})",
                    "于{on}延期，但新的办理时限不晚于原时限（{other}）"
                ),
            ),
        };
        out.findings
            .push(finding(name, super::ticket(&code), message));
    }
    // In code order already; a ticket accepted twice is named once.
    out.accepted_before_the_rule.dedup();
    out.findings.extend(out_of_turn(conn)?);
    out.findings.extend(co_handlers(conn)?);
    Ok(out)
}

/// Assignments whose co-handling units (协办) break the rule of
/// `handling::co_handler_fault`: a co-handler that is the handling
/// department itself, or one named twice. Only the few events with
/// co-handlers are read.
fn co_handlers(conn: &Connection) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT t.code, e.on_date, d.code, e.with_units
           FROM ticket_events e
           JOIN tickets t ON t.id = e.ticket_id
           LEFT JOIN units d ON d.id = e.department_id
          WHERE e.with_units <> ''
          ORDER BY t.code, e.on_date, e.id",
    )?;
    let mut found = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let code: String = r.get(0)?;
        let on: String = r.get(1)?;
        let department: Option<String> = r.get(2)?;
        let with: String = r.get(3)?;
        let with: Vec<String> = with.split(',').map(str::to_string).collect();
        let message = match co_handler_fault(department.as_deref(), &with) {
            None => continue,
            Some(CoHandlerFault::IsDepartment(unit)) => crate::tr!(
                "assigned on {on} with the co-handling unit {unit}, its handling department; co-handlers (协办) are other units",
                "于{on}交办时，协办单位{unit}就是承办单位；协办单位须是其他单位"
            ),
            Some(CoHandlerFault::Twice(unit)) => crate::tr!(
                "assigned on {on} with the co-handling unit {unit} named twice",
                "于{on}交办时，协办单位{unit}列了两次"
            ),
        };
        found.push(finding("co-handlers", super::ticket(&code), message));
    }
    Ok(found)
}

/// One event as the walk of `out_of_turn` reads it: its day and due date
/// as their stored `YYYY-MM-DD` bytes, its action and status parsed (None
/// when not one qianqi knows, which other findings name).
struct Step {
    id: i64,
    on: [u8; 10],
    action: Option<Action>,
    status: Option<Status>,
    due: Option<[u8; 10]>,
}

/// A stored day's bytes, kept without allocating.
fn day_bytes(b: &[u8]) -> [u8; 10] {
    let mut d = [b' '; 10];
    for (to, from) in d.iter_mut().zip(b) {
        *to = *from;
    }
    d
}

fn day_text(d: &[u8; 10]) -> String {
    String::from_utf8_lossy(d).trim_end().to_string()
}

/// A finding of `out_of_turn` before its ticket is named: the ticket's id,
/// the kind, the event's day, action and status, and the other value the
/// message names (the status before, the void's day, the due date).
type Found = (i64, &'static str, String, Option<Action>, Status, String);

/// Events recorded from a status their action does not apply to, or that
/// leave another status than the action leads to, events after the
/// ticket's void, and due dates set (by an assignment or an extension)
/// before the day of the event that sets them. A change of status the lifecycle forbids is named by
/// `transition` already, and a follow-up of an open ticket by
/// `follow-up-open`; neither is named twice.
///
/// Every ticket's events are read once, in the order of the covering index
/// `ticket_events_ticket`, put in the order of their ids, and walked with the
/// lifecycle's own rules (`Action::allowed_from`, `result`,
/// `Status::can_become`): in SQL a window over every event and a lookup of
/// the void before each took 10 s on a ledger of a million tickets.
fn out_of_turn(conn: &Connection) -> Result<Vec<Finding>> {
    let mut found: Vec<Found> = Vec::new();
    let mut ticket: Option<i64> = None;
    let mut steps: Vec<Step> = Vec::new();
    let mut walk = |ticket: i64, steps: &mut Vec<Step>| {
        if !steps.is_sorted_by_key(|e| e.id) {
            steps.sort_unstable_by_key(|e| e.id);
        }
        let mut prev: Option<Status> = None;
        let mut voided: Option<[u8; 10]> = None;
        for e in steps.drain(..) {
            let Some(status) = e.status else {
                prev = None;
                continue;
            };
            let mut say = |kind: &'static str, other: String| {
                found.push((ticket, kind, day_text(&e.on), e.action, status, other))
            };
            if let (Some(from), Some(a)) = (prev, e.action) {
                let step_allowed = a.allowed_from(from) && a.result(from) == status;
                if a != Action::FollowUp
                    && !step_allowed
                    && (status == from || from.can_become(status))
                {
                    say("out-of-turn", from.as_str().to_string());
                }
            }
            if let Some(on) = &voided {
                say("after-void", day_text(on));
            }
            if prev.is_some() {
                if let Some(due) = e.due.filter(|d| *d < e.on) {
                    say("due-before-set", day_text(&due));
                }
            }
            if e.action == Some(Action::Void) && voided.is_none() {
                voided = Some(e.on);
            }
            prev = Some(status);
        }
    };
    conn.each_row(
        "SELECT e.ticket_id, e.id, CAST(e.on_date AS TEXT), e.action, e.status,
                CAST(e.due_on AS TEXT)
           FROM ticket_events e
          ORDER BY e.ticket_id",
        [],
        |r| {
            let id = r.int(0)?.unwrap_or_default();
            if ticket != Some(id) {
                if let Some(t) = ticket {
                    walk(t, &mut steps);
                }
                ticket = Some(id);
            }
            steps.push(Step {
                id: r.int(1)?.unwrap_or_default(),
                on: r.with_bytes(2, |b| day_bytes(b.unwrap_or_default()))?,
                // Stored names, matched exactly (not as people type them).
                action: r.with_text(3, |a| {
                    Action::ALL.into_iter().find(|x| Some(x.as_str()) == a)
                })?,
                status: r.with_text(4, |st| {
                    Status::ALL.into_iter().find(|x| Some(x.as_str()) == st)
                })?,
                due: r.with_bytes(5, |b| b.map(day_bytes))?,
            });
            Ok(())
        },
    )?;
    if let Some(t) = ticket {
        walk(t, &mut steps);
    }
    // Named by their codes, in the order of codes and days.
    let mut code = conn.prepare("SELECT code FROM tickets WHERE id = ?1")?;
    let mut named = Vec::with_capacity(found.len());
    for (id, kind, on, action, st, other) in found {
        let c: String = code.query_row([id], |r| r.get(0))?;
        named.push((c, kind, on, action, st, other));
    }
    named.sort_by(|a, b| (&a.0, &a.2).cmp(&(&b.0, &b.2)));
    Ok(named
        .into_iter()
        .map(|(code, kind, on, action, st, other)| {
            message(&code, kind, &on, action, st.as_str(), other)
        })
        .collect())
}

/// The finding of `out_of_turn` in words.
fn message(
    code: &str,
    kind: &str,
    on: &str,
    action: Option<Action>,
    st: &str,
    other: String,
) -> Finding {
    let (past, verb) = action.map_or(("changed", "办理".to_string()), |a| {
        (a.past(), a.verb().to_string())
    });
    let (name, message) = match (kind, action) {
        ("due-before-set", _) => (
            "due-before-set",
            crate::tr!(
                "{past} on {on} with a due date already past, {other}",
                "于{on}{verb}，所定办理时限{other}已过"
            ),
        ),
        ("after-void", _) => (
            "after-void",
            crate::tr!(
                "{past} on {on} after it was voided on {other}",
                "于{other}作废后，又于{on}{verb}"
            ),
        ),
        (_, Some(a)) if Status::parse(&other).is_ok_and(|from| a.allowed_from(from)) => {
            let (st, to) = (
                super::status_word(st),
                a.result(Status::parse(&other).unwrap_or(Status::Collected))
                    .word(),
            );
            (
                "action-out-of-turn",
                crate::tr!(
                    "{past} on {on} but left {st}; it leads to {to}",
                    "于{on}{verb}后状态为{st}；{verb}后应为{to}"
                ),
            )
        }
        (_, a) => {
            let now = super::status_word(&other);
            let sources = a.map(|a| a.sources()).unwrap_or_default();
            (
                "action-out-of-turn",
                crate::tr!(
                    "{past} on {on} while {now}; only a {sources} ticket can be {past}",
                    "于{on}{verb}时状态为{now}；只有{sources}状态的问题才能{verb}"
                ),
            )
        }
    };
    finding(name, super::ticket(code), message)
}
