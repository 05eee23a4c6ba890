//! Tickets: each history against the lifecycle, the dates a ticket carries,
//! and the reconciliation identity over all of them.

use super::{finding, Finding};
use crate::db::sql::{params, Connection};
use crate::db::status_list;
use crate::domain::reconcile::Counts;
use crate::domain::status::{self, Status};
use anyhow::Result;

/// The allowed transitions as `,from>to,…,`, for matching in SQL; the rule
/// itself lives in `Status::can_become`.
pub(super) fn allowed_transitions() -> String {
    let mut s = String::from(",");
    for (from, to) in status::transitions() {
        s.push_str(&format!("{from}>{to},"));
    }
    s
}

/// The actions that change a ticket's status (and its status date) as
/// `,collect,accept,…,`; an urge, an extension or a follow-up leaves both.
fn status_changing_actions() -> String {
    let mut s = String::from(",");
    for a in status::Action::ALL.iter().filter(|a| a.changes_status()) {
        s.push_str(&format!("{},", a.as_str()));
    }
    s
}

/// Each ticket's history: its first event is its collection, events follow
/// in date order along allowed transitions, each is superseded on the date
/// of the next, and the cached status is the latest, dated by the latest
/// event that changed it (events written before actions were recorded all did).
pub(super) fn histories(conn: &Connection, today: &str) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "WITH ev AS (
             SELECT e.id, e.ticket_id, e.on_date, e.status, e.superseded_on,
                    lag(e.status) OVER w AS prev_status, lag(e.on_date) OVER w AS prev_on,
                    lead(e.on_date) OVER w AS next_on,
                    row_number() OVER w AS n, count(*) OVER (PARTITION BY e.ticket_id) AS total,
                    max(CASE WHEN e.action IS NULL OR instr(?4, ',' || e.action || ',') > 0
                             THEN e.on_date END) OVER (PARTITION BY e.ticket_id) AS changed_on
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
         SELECT t.code, 'cached-status', ev.changed_on, ev.status, t.status_on, t.status
           FROM ev JOIN tickets t ON t.id = ev.ticket_id
          WHERE ev.n = ev.total AND (ev.status <> t.status OR ev.changed_on IS DISTINCT FROM t.status_on)
         UNION ALL
         SELECT t.code, 'event-order', ev.on_date, ev.status, ev.prev_on, NULL
           FROM ev JOIN tickets t ON t.id = ev.ticket_id WHERE ev.on_date < ev.prev_on
         UNION ALL
         SELECT t.code, 'transition', ev.on_date, ev.status, NULL, ev.prev_status
           FROM ev JOIN tickets t ON t.id = ev.ticket_id
          WHERE ev.n > 1 AND ev.status <> ev.prev_status
            AND instr(?1, ',' || ev.prev_status || '>' || ev.status || ',') = 0
         UNION ALL
         SELECT t.code, 'superseded', ev.on_date, ev.status, ev.superseded_on, CAST(ev.next_on AS TEXT)
           FROM ev JOIN tickets t ON t.id = ev.ticket_id
          WHERE ev.superseded_on IS DISTINCT FROM ev.next_on
         UNION ALL
         SELECT t.code, 'future-event', ev.on_date, ev.status, NULL, NULL
           FROM ev JOIN tickets t ON t.id = ev.ticket_id WHERE ev.on_date > ?2",
    )?;
    let args = params![
        allowed_transitions(),
        today,
        Status::Collected.as_str(),
        status_changing_actions()
    ];
    let rows = stmt.query_map(args, |r| {
        let code: String = r.get(0)?;
        let kind: String = r.get(1)?;
        let on: Option<String> = r.get(2)?;
        let st: Option<String> = r.get(3)?;
        let other_on: Option<String> = r.get(4)?;
        let other: Option<String> = r.get(5)?;
        let (on, st) = (on.unwrap_or_default(), super::status_word(&st.unwrap_or_default()));
        let none = crate::tr!("none", "无");
        let other_on = other_on.unwrap_or_else(|| none.clone());
        let other = other.unwrap_or_default();
        let (code_name, message) = match kind.as_str() {
            "no-history" => ("no-history", crate::tr!(
                "has no events; its collection was never recorded",
                "没有办理记录；它的收集从未登记"
            )),
            "first-event" => ("first-event", crate::tr!(
                "first event is {st} on {on}; it must be collected on the collection date {other_on}",
                "第一条办理记录是{on}的{st}；应是收集日期{other_on}的收集"
            )),
            "cached-status" => {
                let other = super::status_word(&other);
                ("cached-status", crate::tr!(
                    "cached status is {other} since {other_on}, but the latest event is {st} on {on}",
                    "记下的状态是自{other_on}起的{other}，但最近一条办理记录是{on}的{st}"
                ))
            }
            "event-order" => ("event-order", crate::tr!(
                "event {st} on {on} comes after an event on {other_on}; events must be in date order",
                "{on}的{st}记录排在{other_on}的记录之后；办理记录须按日期先后排列"
            )),
            "transition" => {
                let other = super::status_word(&other);
                ("transition", crate::tr!(
                    "goes from {other} to {st} on {on}, which the lifecycle does not allow",
                    "于{on}从{other}变为{st}，办理流程不允许这样变化"
                ))
            }
            "superseded" => ("superseded", match other.as_str() {
                "" => crate::tr!(
                    "latest event {st} on {on} is marked superseded on {other_on}",
                    "最近一条办理记录（{on}的{st}）被标为于{other_on}被取代"
                ),
                next if other_on == none => crate::tr!(
                    "event {st} on {on} is not marked superseded, but the next event is on {next}",
                    "{on}的{st}记录没有标为被取代，但下一条记录在{next}"
                ),
                next => crate::tr!(
                    "event {st} on {on} is marked superseded on {other_on}, but the next event is on {next}",
                    "{on}的{st}记录被标为于{other_on}被取代，但下一条记录在{next}"
                ),
            }),
            _ => ("future-event", crate::tr!(
                "event {st} on {on} is dated after today ({today})",
                "{on}的{st}记录日期晚于今天（{today}）"
            )),
        };
        Ok(finding(code_name, super::ticket(&code), message))
    })?;
    Ok(rows.collect::<crate::db::sql::Result<_>>()?)
}

/// Dates a ticket carries besides its events: a due date not before the
/// collection (`rules::due_not_before_collection`), and a change made at a
/// meeting dated on the meeting's day (`status::meeting_day`).
pub(super) fn dates(conn: &Connection) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT t.code, 'due', t.due_on, t.collected_on, NULL, NULL
           FROM tickets t WHERE t.due_on < t.collected_on
         UNION ALL
         SELECT t.code, 'meeting', e.on_date, m.held_on, e.status, m.code
           FROM ticket_events e JOIN meetings m ON m.id = e.meeting_id
           JOIN tickets t ON t.id = e.ticket_id
          WHERE e.meeting_id IS NOT NULL AND e.on_date <> m.held_on",
    )?;
    let rows = stmt.query_map([], |r| {
        let (code, kind, on, other): (String, String, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let subject = super::ticket(&code);
        Ok(if kind == "due" {
            finding(
                "due-before-collection",
                subject,
                crate::tr!(
                    "due date {on} is before the collection date {other}",
                    "办理时限{on}早于收集日期{other}"
                ),
            )
        } else {
            let (st, meeting): (String, String) = (r.get(4)?, r.get(5)?);
            let st = super::status_word(&st);
            finding(
                "meeting-date",
                subject,
                crate::tr!(
                    "event {st} on {on} was at meeting {meeting}, held on {other}",
                    "{on}的{st}记录属于座谈会{meeting}，但该座谈会于{other}召开"
                ),
            )
        })
    })?;
    Ok(rows.collect::<crate::db::sql::Result<_>>()?)
}

/// Every ticket's history screened in one aggregate pass, and the
/// reconciliation of every town and department from the same pass; `None`
/// when some ticket fails the screen (or has no events), and the detailed
/// queries (`histories`, `reconciliation`) must say what is wrong.
///
/// Per ticket, in the order events were recorded: the statuses, dates and
/// superseded links as lists. The history is sound when the first event is
/// the collection on the collection date, every step is one the lifecycle
/// allows, each event is superseded on the next one's date and the latest
/// not at all, no link points back in time (so the dates are in order), no
/// event is after today, and the latest event is the cached status. Those
/// are exactly the conditions `histories` reports one by one, so a database
/// that passes the screen has no finding there.
pub(super) fn screen(conn: &Connection, today: &str) -> Result<Option<Vec<Finding>>> {
    let no_history: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM tickets t
                         WHERE NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id))",
        [],
        |r| r.get(0),
    )?;
    if no_history {
        return Ok(None);
    }
    // A step the lifecycle does not allow, as `instr` tests on ",a,b,c,".
    let forbidden = Status::ALL
        .into_iter()
        .flat_map(|from| Status::ALL.into_iter().map(move |to| (from, to)))
        // An event that keeps the status (an assignment, an urge, a
        // follow-up) is no change of status, so no forbidden one.
        .filter(|(from, to)| from != to && !from.can_become(*to))
        .map(|(from, to)| format!("instr(',' || a.shape || ',', ',{from},{to},') > 0"))
        .collect::<Vec<_>>()
        .join(" OR ");
    let status = |s: Status| s.as_str();
    let in_force = "e.on_date <= ?1 AND (e.superseded_on IS NULL OR e.superseded_on > ?1)";
    // The four terms counted from `src`, as `count(*) FILTER (…) AS {prefix}1`, … `{prefix}4`.
    let terms = |src: &str, prefix: &str| {
        [
            Status::Resolved,
            Status::Explained,
            Status::InProgress,
            Status::Collected,
        ]
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "count(*) FILTER (WHERE {src} = '{}') AS {prefix}{}",
                status(*s),
                i + 1
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
    };
    // The status date is that of the last event that changed the status; a
    // backup from before actions were recorded has only such events.
    let actions: bool = super::records_actions(conn)?;
    let changed_on = if actions {
        format!(
            "max(CASE WHEN e.action IS NULL OR instr('{}', ',' || e.action || ',') > 0
                      THEN e.on_date END)",
            status_changing_actions()
        )
    } else {
        "max(e.on_date)".to_string()
    };
    let sql = format!(
        "WITH a AS (
             SELECT e.ticket_id, count(*) AS n, count(e.superseded_on) AS linked,
                    max(e.id) AS last_id, max(CASE WHEN e.superseded_on IS NULL THEN e.id END) AS last_open,
                    group_concat(e.status, ',' ORDER BY e.id) AS shape,
                    group_concat(e.on_date, ',' ORDER BY e.id) AS dates,
                    group_concat(e.superseded_on, ',' ORDER BY e.id) AS links,
                    {changed_on} AS changed_on,
                    count(*) FILTER (WHERE coalesce(e.superseded_on < e.on_date, FALSE) OR e.on_date > ?1) AS wrong,
                    -- The one event in force today; none, or two, leave the ticket in no term.
                    CASE count(*) FILTER (WHERE {in_force}) WHEN 1 THEN group_concat(CASE WHEN {in_force} THEN e.status END) END AS history
             FROM ticket_events e GROUP BY e.ticket_id
         ), g AS MATERIALIZED (
             SELECT en.town_id AS town, t.department_id AS department, count(*) AS n,
                    count(*) FILTER (WHERE a.wrong > 0 OR a.linked <> a.n - 1 OR a.last_open IS DISTINCT FROM a.last_id
                        OR substr(a.dates, 1, 10) <> CAST(t.collected_on AS TEXT) OR a.changed_on IS DISTINCT FROM t.status_on
                        OR (a.shape <> t.status AND substr(a.shape, length(a.shape) - length(t.status)) <> ',' || t.status)
                        OR coalesce(a.links, '') <> substr(a.dates, 12) OR substr(a.shape || ',', 1, {first_len}) <> '{first},'
                        OR {forbidden}) AS suspect,
                    {cached}, {history}
             FROM a JOIN tickets t ON t.id = a.ticket_id JOIN enterprises en ON en.id = t.enterprise_id
             WHERE t.collected_on <= ?1
             GROUP BY en.town_id, t.department_id
         )
         SELECT 'town', u.code, sum(suspect), sum(n),
                sum(c1), sum(c2), sum(c3), sum(c4), sum(h1), sum(h2), sum(h3), sum(h4)
           FROM g JOIN units u ON u.id = g.town GROUP BY g.town, u.code
         UNION ALL
         SELECT 'department', coalesce(d.code, '(no department)'), sum(suspect), sum(n),
                sum(c1), sum(c2), sum(c3), sum(c4), sum(h1), sum(h2), sum(h3), sum(h4)
           FROM g LEFT JOIN units d ON d.id = g.department GROUP BY g.department, d.code
         ORDER BY 1 DESC, 2",
        changed_on = changed_on,
        first = status(Status::Collected),
        first_len = status(Status::Collected).len() + 1,
        cached = terms("t.status", "c"),
        history = terms("a.history", "h"),
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([today])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let suspect: i64 = r.get(2)?;
        if suspect > 0 {
            return Ok(None);
        }
        let (dim, grp): (String, String) = (r.get(0)?, r.get(1)?);
        let counts = |at: usize| -> crate::db::sql::Result<Counts> {
            let (resolved, explained, in_progress, awaiting): (i64, i64, i64, i64) =
                (r.get(at)?, r.get(at + 1)?, r.get(at + 2)?, r.get(at + 3)?);
            Ok(Counts {
                collected: r.get(3)?,
                closed: resolved + explained,
                resolved,
                explained,
                in_progress,
                awaiting,
                overdue: 0,
            })
        };
        compare(&mut out, &dim, &grp, &counts(4)?, &counts(8)?);
    }
    Ok(Some(out))
}

/// The reconciliation identity for every town and department, computed
/// twice: from the cached statuses and from the event history as of today.
/// Both must add up, and agree.
pub(super) fn reconciliation(conn: &Connection, today: &str) -> Result<Vec<Finding>> {
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
                count(*) FILTER (WHERE status IN ({closed})),
                count(*) FILTER (WHERE status = ?2), count(*) FILTER (WHERE status = ?3),
                count(*) FILTER (WHERE status = ?4), count(*) FILTER (WHERE status = ?5)
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
        .collect::<crate::db::sql::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    // Rows come in (cached, history) pairs per group.
    for pair in rows.chunks(2) {
        let [(dim, grp, _, cached), (_, _, _, history)] = pair else {
            continue;
        };
        compare(&mut out, dim, grp, cached, history);
    }
    Ok(out)
}

/// The identity must hold on both counts of a group, and they must agree.
fn compare(out: &mut Vec<Finding>, dim: &str, grp: &str, cached: &Counts, history: &Counts) {
    let dim = match dim {
        "town" => crate::tr!("town", "街镇"),
        "department" => crate::tr!("department", "承办单位"),
        other => other.to_string(),
    };
    let grp = match grp {
        "(no department)" => crate::tr!("(no department)", "（未指定承办单位）"),
        other => other.to_string(),
    };
    let subject = format!("{dim} {grp}");
    let sources = [
        (crate::tr!("cached statuses", "记下的状态"), cached),
        (crate::tr!("event history", "办理记录"), history),
    ];
    for (source, c) in sources {
        if !c.adds_up() {
            let c = show(c);
            out.push(finding(
                "reconciliation",
                subject.clone(),
                crate::tr!("by {source}, {c} does not add up", "按{source}，{c}不相等"),
            ));
        }
    }
    if cached != history {
        let (cached, history) = (show(cached), show(history));
        out.push(finding(
            "reconciliation",
            subject,
            crate::tr!(
                "cached statuses give {cached} but the event history gives {history}",
                "记下的状态得出{cached}，但办理记录得出{history}"
            ),
        ));
    }
}

fn show(c: &Counts) -> String {
    let Counts {
        collected,
        closed,
        resolved,
        explained,
        in_progress,
        awaiting,
        ..
    } = c;
    crate::tr!(
        "collected {collected} = closed {closed} (resolved {resolved} + explained {explained}) + in_progress {in_progress} + awaiting {awaiting}",
        "收集{collected} = 办结{closed}（已解决{resolved} + 政策解释{explained}）+ 正在办理{in_progress} + 待受理{awaiting}"
    )
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
