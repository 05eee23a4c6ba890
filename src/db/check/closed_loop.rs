//! The closed loop's own rules: a returned ticket accepted before it was
//! assigned again, a follow-up of a ticket that was not closed, and an
//! extension that does not push the due date later.

use super::{finding, Finding};
use crate::db::sql::Connection;
use crate::db::status_list;
use crate::domain::status::Status;
use anyhow::Result;

/// The closed loop: an acceptance of a returned ticket before it was
/// assigned again, a follow-up of a ticket that was not closed, and an
/// extension that does not push the due date in force later.
pub(super) fn closed_loop(conn: &Connection) -> Result<Vec<Finding>> {
    // A backup from before the loop was recorded has none of it to check.
    let recorded: bool = super::records_actions(conn)?;
    if !recorded {
        return Ok(Vec::new());
    }
    let open = status_list(&Status::OPEN);
    let mut stmt = conn.prepare(&format!(
        "SELECT t.code, 'accept-unassigned', e.on_date, NULL
           FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
          WHERE e.action = 'accept'
            AND (SELECT p.action FROM ticket_events p
                  WHERE p.ticket_id = e.ticket_id AND p.id < e.id
                    AND (p.department_id IS NOT NULL OR p.action = 'return')
                  ORDER BY p.id DESC LIMIT 1) = 'return'
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
    let rows = stmt.query_map([], |r| {
        let code: String = r.get(0)?;
        let kind: String = r.get(1)?;
        let on: String = r.get(2)?;
        let other: Option<String> = r.get(3)?;
        let other = other.unwrap_or_default();
        let (name, message) = match kind.as_str() {
            "accept-unassigned" => (
                "accept-unassigned",
                crate::tr!(
                    "accepted on {on} after it was returned, with no assignment between",
                    "退回后未重新交办，就于{on}签收"
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
        Ok(finding(name, super::ticket(&code), message))
    })?;
    Ok(rows.collect::<crate::db::sql::Result<_>>()?)
}
