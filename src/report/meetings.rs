//! `report meetings`: meetings (座谈会) held, the cadres attending and the
//! tickets resolved at them, one row per meeting and a total row.

use super::Scope;
use crate::output::{col, Column, Kind, Table};
use anyhow::Result;
use rusqlite::Connection;

pub const COLUMNS: [Column; 6] = [
    col("meeting", "座谈会", Kind::Text),
    col("held_on", "日期", Kind::Plain),
    col("title", "名称", Kind::Text),
    col("meetings", "场次", Kind::Plain),
    col("cadres", "参会干部", Kind::Plain),
    col("tickets_resolved", "会上解决问题", Kind::Plain),
];

/// Meetings held in the period (and on or before the scope's day). The total
/// row counts distinct cadres and distinct tickets, so it is not the sum of
/// the rows above it when a cadre attended several meetings.
pub fn table(conn: &Connection, scope: &Scope) -> Result<Table> {
    Table::query(
        &COLUMNS,
        conn,
        "WITH sel AS (
             SELECT id, code, held_on, title FROM meetings
             WHERE held_on <= ?1 AND (?2 IS NULL OR held_on >= ?2) AND (?3 IS NULL OR held_on <= ?3)
         ),
         attended AS (
             SELECT mc.meeting_id, mc.cadre_id FROM meeting_cadres mc JOIN sel ON sel.id = mc.meeting_id
         ),
         resolved AS (
             SELECT ev.meeting_id, ev.ticket_id FROM ticket_events ev JOIN sel ON sel.id = ev.meeting_id
             WHERE ev.status = 'resolved' AND ev.on_date <= ?1
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
        &[&scope.day_iso(), &scope.from_iso(), &scope.to_iso()],
    )
}
