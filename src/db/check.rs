//! The consistency checks behind `qianqi check` and `qianqi restore`: what a
//! careful supervisor would verify before publishing figures. Every check is
//! one aggregate query over the whole database, never a query per ticket.

use super::{status_list, Db};
use crate::domain::reconcile::Counts;
use crate::domain::status::{self, Status};
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};

/// One thing wrong with the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// A stable name for the kind of problem, e.g. `cached-status`.
    pub code: &'static str,
    /// What it concerns: `ticket 2022-0001`, `visit #12`, `town T01`.
    pub subject: String,
    pub message: String,
}

/// What was checked and what was found.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub tickets: i64,
    pub events: i64,
    pub visits: i64,
    pub pairings: i64,
}

impl Report {
    pub fn is_consistent(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Runs every check; `today` is the day nothing may be dated after.
pub fn run(db: &Db, today: NaiveDate) -> Result<Report> {
    let conn = db.sql();
    let mut r = Report::default();
    let integrity = integrity(conn)?;
    if !integrity.is_empty() {
        // The other queries read through the damaged structures; their answers would mislead.
        r.findings = integrity;
        return Ok(r);
    }
    let today = crate::domain::date::iso(today);
    (r.tickets, r.events, r.visits, r.pairings) = conn.query_row(
        "SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM ticket_events),
                (SELECT count(*) FROM visits), (SELECT count(*) FROM pairings)",
        [],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
    )?;
    let mut f = foreign_keys(conn)?;
    let mut tickets = histories(conn, &today)?;
    // Ticket by ticket: everything about one ticket together.
    tickets.sort_by(|a, b| a.subject.cmp(&b.subject));
    f.extend(tickets);
    f.extend(visits(conn, &today)?);
    f.extend(district_pairings(conn)?);
    f.extend(reconciliation(conn, &today)?);
    f.extend(closed_loop(conn)?);
    r.findings = f;
    Ok(r)
}

/// Whether the database holds no units, enterprises or tickets yet.
pub fn is_empty(db: &Db) -> Result<bool> {
    let n: i64 = db.sql().query_row(
        "SELECT (SELECT count(*) FROM units) + (SELECT count(*) FROM enterprises) + (SELECT count(*) FROM tickets)",
        [],
        |r| r.get(0),
    )?;
    Ok(n == 0)
}

fn finding(code: &'static str, subject: String, message: String) -> Finding {
    Finding {
        code,
        subject,
        message,
    }
}

fn integrity(conn: &Connection) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter(|m| m != "ok")
        .map(|m| finding("integrity", "database".into(), m))
        .collect())
}

fn foreign_keys(conn: &Connection) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT fk.\"table\", fk.rowid, fk.parent, i.\"from\"
         FROM pragma_foreign_key_check() fk
         LEFT JOIN pragma_foreign_key_list(fk.\"table\") i ON i.id = fk.fkid
         ORDER BY 1, 2",
    )?;
    let rows = stmt.query_map([], |r| {
        let (table, rowid, parent, column): (String, Option<i64>, String, Option<String>) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        Ok(finding(
            "foreign-key",
            format!("{table} #{}", rowid.unwrap_or(0)),
            format!(
                "{} refers to a row of {parent} that does not exist",
                column.unwrap_or_else(|| "a column".into())
            ),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The allowed transitions as `,from>to,…,`, for matching in SQL; the rule
/// itself lives in `Status::can_become`.
fn allowed_transitions() -> String {
    let mut s = String::from(",");
    for (from, to) in status::transitions() {
        s.push_str(&format!("{from}>{to},"));
    }
    s
}

/// Each ticket's history: its first event is its collection, events follow
/// in date order along allowed transitions, each is superseded on the date
/// of the next, and the cached status is the latest.
fn histories(conn: &Connection, today: &str) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "WITH ev AS (
             SELECT e.id, e.ticket_id, e.on_date, e.status, e.superseded_on,
                    lag(e.status) OVER w AS prev_status, lag(e.on_date) OVER w AS prev_on,
                    lead(e.on_date) OVER w AS next_on,
                    row_number() OVER w AS n, count(*) OVER (PARTITION BY e.ticket_id) AS total
             FROM ticket_events e
             WINDOW w AS (PARTITION BY e.ticket_id ORDER BY e.id)
         )
         SELECT t.code, 'no-history', NULL, NULL, NULL, NULL
           FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id)
         UNION ALL
         SELECT t.code, 'first-event', ev.on_date, ev.status, t.collected_on, NULL
           FROM ev JOIN tickets t ON t.id = ev.ticket_id
          WHERE ev.n = 1 AND (ev.status <> ?3 OR ev.on_date <> t.collected_on)
         UNION ALL
         SELECT t.code, 'cached-status', ev.on_date, ev.status, t.status_on, t.status
           FROM ev JOIN tickets t ON t.id = ev.ticket_id
          WHERE ev.n = ev.total AND (ev.status <> t.status OR ev.on_date <> t.status_on)
         UNION ALL
         SELECT t.code, 'event-order', ev.on_date, ev.status, ev.prev_on, NULL
           FROM ev JOIN tickets t ON t.id = ev.ticket_id WHERE ev.on_date < ev.prev_on
         UNION ALL
         SELECT t.code, 'transition', ev.on_date, ev.status, NULL, ev.prev_status
           FROM ev JOIN tickets t ON t.id = ev.ticket_id
          WHERE ev.n > 1 AND ev.status <> ev.prev_status
            AND instr(?1, ',' || ev.prev_status || '>' || ev.status || ',') = 0
         UNION ALL
         SELECT t.code, 'superseded', ev.on_date, ev.status, ev.superseded_on, ev.next_on
           FROM ev JOIN tickets t ON t.id = ev.ticket_id
          WHERE ev.superseded_on IS NOT ev.next_on
         UNION ALL
         SELECT t.code, 'future-event', ev.on_date, ev.status, NULL, NULL
           FROM ev JOIN tickets t ON t.id = ev.ticket_id WHERE ev.on_date > ?2",
    )?;
    let args = params![allowed_transitions(), today, Status::Collected.as_str()];
    let rows = stmt.query_map(args, |r| {
        let code: String = r.get(0)?;
        let kind: String = r.get(1)?;
        let on: Option<String> = r.get(2)?;
        let st: Option<String> = r.get(3)?;
        let other_on: Option<String> = r.get(4)?;
        let other: Option<String> = r.get(5)?;
        let (on, st) = (on.unwrap_or_default(), st.unwrap_or_default());
        let other_on = other_on.unwrap_or_else(|| "none".into());
        let other = other.unwrap_or_default();
        let (code_name, message) = match kind.as_str() {
            "no-history" => ("no-history", "has no events; its collection was never recorded".to_string()),
            "first-event" => ("first-event", format!(
                "first event is {st} on {on}; it must be collected on the collection date {other_on}"
            )),
            "cached-status" => ("cached-status", format!(
                "cached status is {other} since {other_on}, but the latest event is {st} on {on}"
            )),
            "event-order" => ("event-order", format!(
                "event {st} on {on} comes after an event on {other_on}; events must be in date order"
            )),
            "transition" => ("transition", format!(
                "goes from {other} to {st} on {on}, which the lifecycle does not allow"
            )),
            "superseded" => ("superseded", match (other.as_str(), other_on.as_str()) {
                ("", _) => format!("latest event {st} on {on} is marked superseded on {other_on}"),
                (next, "none") => format!("event {st} on {on} is not marked superseded, but the next event is on {next}"),
                (next, _) => format!("event {st} on {on} is marked superseded on {other_on}, but the next event is on {next}"),
            }),
            _ => ("future-event", format!("event {st} on {on} is dated after today ({today})")),
        };
        Ok(finding(code_name, format!("ticket {code}"), message))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Visits are not in the future, and not before the cadre's first pairing
/// with the enterprise unless recorded as unpaired (the rule `visit` applies).
fn visits(conn: &Connection, today: &str) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT v.id, c.code, e.uscc, v.visited_on, v.visited_on > ?1,
                (SELECT min(p.started_on) FROM pairings p
                  WHERE p.cadre_id = v.cadre_id AND p.enterprise_id = v.enterprise_id)
         FROM visits v JOIN cadres c ON c.id = v.cadre_id JOIN enterprises e ON e.id = v.enterprise_id
         WHERE v.visited_on > ?1
            OR (v.unpaired = 0 AND NOT EXISTS (
                   SELECT 1 FROM pairings p WHERE p.cadre_id = v.cadre_id
                      AND p.enterprise_id = v.enterprise_id AND p.started_on <= v.visited_on))
         ORDER BY v.id",
    )?;
    let rows = stmt.query_map([today], |r| {
        let (id, cadre, uscc, on, future, start): (
            i64,
            String,
            String,
            String,
            bool,
            Option<String>,
        ) = (
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        );
        let subject = format!("visit #{id}");
        Ok(if future {
            finding(
                "future-visit",
                subject,
                format!("{cadre} → {uscc} on {on} is dated after today ({today})"),
            )
        } else {
            let why = match start {
                Some(s) => format!("the pairing began on {s}"),
                None => "they were never paired".into(),
            };
            finding(
                "visit-before-pairing",
                subject,
                format!("{cadre} → {uscc} on {on} is not marked unpaired, but {why}"),
            )
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// District tier is one-to-one at every moment: no two district pairings of
/// one cadre or one enterprise overlap. A pairing ending on the day the next
/// begins is a handover, not an overlap.
fn district_pairings(conn: &Connection) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT CASE WHEN a.cadre_id = b.cadre_id THEN 'cadre ' || ca.code
                     ELSE 'enterprise ' || ea.uscc END,
                ca.code, ea.uscc, a.started_on, coalesce(a.ended_on, 'open'),
                cb.code, eb.uscc, b.started_on, coalesce(b.ended_on, 'open')
         FROM pairings a JOIN pairings b
              ON a.id < b.id AND (a.cadre_id = b.cadre_id OR a.enterprise_id = b.enterprise_id)
         JOIN cadres ca ON ca.id = a.cadre_id JOIN enterprises ea ON ea.id = a.enterprise_id
         JOIN cadres cb ON cb.id = b.cadre_id JOIN enterprises eb ON eb.id = b.enterprise_id
         WHERE a.tier = 'district' AND b.tier = 'district'
           AND (a.ended_on IS NULL AND b.ended_on IS NULL
                OR (a.started_on < coalesce(b.ended_on, '9999-12-31')
                    AND b.started_on < coalesce(a.ended_on, '9999-12-31')))
         ORDER BY a.id, b.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let s = |i| r.get::<_, String>(i);
        Ok(finding(
            "district-overlap",
            s(0)?,
            format!(
                "district pairings {} → {} ({} to {}) and {} → {} ({} to {}) overlap; district tier is one-to-one",
                s(1)?, s(2)?, s(3)?, s(4)?, s(5)?, s(6)?, s(7)?, s(8)?
            ),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The reconciliation identity for every town and department, computed
/// twice: from the cached statuses and from the event history as of today.
/// Both must add up, and agree.
fn reconciliation(conn: &Connection, today: &str) -> Result<Vec<Finding>> {
    let closed = status_list(&Status::CLOSED);
    let mut stmt = conn.prepare(&format!(
        "WITH t AS (
             SELECT t.id, u.code AS town, coalesce(d.code, '(no department)') AS department,
                    t.status AS cached,
                    -- The one event in force today; none, or two, leave the ticket in no term.
                    (SELECT CASE count(*) WHEN 1 THEN max(e.status) END FROM ticket_events e
                      WHERE e.ticket_id = t.id AND e.on_date <= ?1
                        AND (e.superseded_on IS NULL OR e.superseded_on > ?1)) AS history
             FROM tickets t
             JOIN enterprises en ON en.id = t.enterprise_id JOIN units u ON u.id = en.town_id
             LEFT JOIN units d ON d.id = t.department_id
             WHERE t.collected_on <= ?1
         ), g AS (
             SELECT 'town' AS dim, town AS grp, * FROM t
             UNION ALL SELECT 'department', department, * FROM t
         ), s AS (
             SELECT dim, grp, 'cached' AS source, id, cached AS status FROM g
             UNION ALL SELECT dim, grp, 'history', id, history FROM g
         )
         SELECT dim, grp, source, count(*),
                coalesce(sum(status IN ({closed})), 0),
                coalesce(sum(status = ?2), 0), coalesce(sum(status = ?3), 0),
                coalesce(sum(status = ?4), 0), coalesce(sum(status = ?5), 0)
         FROM s GROUP BY dim, grp, source ORDER BY dim DESC, grp, source"
    ))?;
    let terms = params![
        today,
        Status::Resolved.as_str(),
        Status::Explained.as_str(),
        Status::InProgress.as_str(),
        Status::Collected.as_str()
    ];
    let rows = stmt
        .query_map(terms, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                Counts {
                    collected: r.get(3)?,
                    closed: r.get(4)?,
                    resolved: r.get(5)?,
                    explained: r.get(6)?,
                    in_progress: r.get(7)?,
                    awaiting: r.get(8)?,
                    overdue: 0,
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    // Rows come in (cached, history) pairs per group.
    for pair in rows.chunks(2) {
        let [(dim, grp, _, cached), (_, _, _, history)] = pair else {
            continue;
        };
        let subject = format!("{dim} {grp}");
        for (source, c) in [("cached statuses", cached), ("event history", history)] {
            if !c.adds_up() {
                out.push(finding(
                    "reconciliation",
                    subject.clone(),
                    format!("by {source}, {} does not add up", show(c)),
                ));
            }
        }
        if cached != history {
            out.push(finding(
                "reconciliation",
                subject,
                format!(
                    "cached statuses give {} but the event history gives {}",
                    show(cached),
                    show(history)
                ),
            ));
        }
    }
    Ok(out)
}

fn show(c: &Counts) -> String {
    format!(
        "collected {} = closed {} (resolved {} + explained {}) + in_progress {} + awaiting {}",
        c.collected, c.closed, c.resolved, c.explained, c.in_progress, c.awaiting
    )
}

/// The closed loop: an acceptance of a returned ticket before it was
/// assigned again, a follow-up of a ticket that was not closed, and an
/// extension that does not push the due date in force later.
fn closed_loop(conn: &Connection) -> Result<Vec<Finding>> {
    // A backup from before the loop was recorded has none of it to check.
    let recorded: bool = conn.query_row(
        "SELECT count(*) > 0 FROM pragma_table_info('ticket_events') WHERE name = 'action'",
        [],
        |r| r.get(0),
    )?;
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
              WHERE e.action = 'extend')
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
                format!("accepted on {on} after it was returned, with no assignment between"),
            ),
            "follow-up-open" => (
                "follow-up-open",
                format!("followed up on {on} while {other}; only a closed ticket is followed up"),
            ),
            _ => (
                "extension-shortened",
                format!("extended on {on} to a due date no later than before ({other})"),
            ),
        };
        Ok(finding(name, format!("ticket {code}"), message))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allowed_transitions_come_from_the_lifecycle() {
        let s = allowed_transitions();
        assert!(s.contains(",collected>in_progress,"));
        assert!(s.contains(",resolved>in_progress,"));
        assert!(!s.contains(",resolved>explained,"));
        assert!(s.contains(",in_progress>collected,"), "a return");
        assert!(!s.contains(",collected>collected,"));
        assert_eq!(s.matches('>').count(), status::transitions().count());
    }
}
