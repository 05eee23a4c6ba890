//! The query of `report meetings`.

use super::{status_sql, Scope};
use crate::db::rows;
use crate::db::Db;
use crate::domain::status::Status;
use crate::output::Value;
use anyhow::Result;

/// Meetings held in the period (and on or before the scope's day), by day:
/// (code, held_on, title, 1, cadres attending, tickets resolved at it), then
/// a row `total` counting meetings, distinct cadres and distinct tickets.
///
/// The CTEs are each read twice, per meeting and for the total; NOT
/// MATERIALIZED lets the per-meeting counts reach the indexes of
/// `meeting_cadres` and `ticket_events` by meeting. PostgreSQL otherwise
/// materialises them and scans the whole of `attended` once per meeting
/// (minutes at city scale); SQLite, which builds an automatic index on a
/// materialised view, is faster this way too.
pub(crate) fn meetings(db: &Db, scope: &Scope) -> Result<Vec<Vec<Value>>> {
    rows::values(
        db,
        &format!(
            "WITH sel AS NOT MATERIALIZED (
             SELECT id, code, held_on, title FROM meetings
             WHERE held_on <= ?1 AND (?2 IS NULL OR held_on >= ?2) AND (?3 IS NULL OR held_on <= ?3)
         ),
         attended AS NOT MATERIALIZED (
             SELECT mc.meeting_id, mc.cadre_id FROM meeting_cadres mc JOIN sel ON sel.id = mc.meeting_id
         ),
         resolved AS NOT MATERIALIZED (
             SELECT ev.meeting_id, ev.ticket_id FROM ticket_events ev JOIN sel ON sel.id = ev.meeting_id
             WHERE ev.status = {resolved} AND ev.on_date <= ?1
               AND ev.ticket_id NOT IN (SELECT v.id FROM tickets v WHERE v.voided_on <= ?1)
         )
         SELECT sel.code, sel.held_on, sel.title, 1,
                (SELECT count(*) FROM attended a WHERE a.meeting_id = sel.id),
                (SELECT count(DISTINCT r.ticket_id) FROM resolved r WHERE r.meeting_id = sel.id),
                0 AS is_total
         FROM sel
         UNION ALL
         SELECT 'total', NULL, NULL, (SELECT count(*) FROM sel),
                (SELECT count(DISTINCT cadre_id) FROM attended),
                (SELECT count(DISTINCT ticket_id) FROM resolved),
                1
         ORDER BY is_total, 2, 1",
            resolved = status_sql(Status::Resolved),
        ),
        scope.params(),
        6,
    )
}
