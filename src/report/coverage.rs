//! `report coverage`: cadres deployed and enterprises served per tier, and
//! the gaps a supervisor chases — enterprises without a cadre or a file, key
//! enterprises whose cadres attended no meeting, cadres who stopped visiting.
//!
//! A pairing is in force from its start day to its last day (`ended_on`),
//! both included; it counts for a period when it is in force on any day of it.

use super::Scope;
use crate::domain::kinds::Tier;
use crate::domain::Lang;
use crate::output::{col, Kind, Table, Value};
use anyhow::Result;
use rusqlite::Connection;

/// The lists of `report coverage`, each a table of its own (`--list`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum List {
    /// Enterprises with no pairing in force on the day.
    Unpaired,
    /// Enterprises with no visit that built their file (work item `file`) by the day.
    NoFile,
    /// Key enterprises none of whose cadres in force attended a meeting in the period.
    KeyNoMeeting,
    /// Cadres in force who made no visit in the last --idle-days days.
    Idle,
}

impl List {
    pub const ALL: [List; 4] = [List::Unpaired, List::NoFile, List::KeyNoMeeting, List::Idle];

    pub fn title(self, lang: Lang, idle_days: u32) -> String {
        match (self, lang) {
            (List::Unpaired, Lang::En) => "Enterprises with no cadre in force".into(),
            (List::Unpaired, Lang::Zh) => "无助企干部对口服务的企业".into(),
            (List::NoFile, Lang::En) => "Enterprises without a file".into(),
            (List::NoFile, Lang::Zh) => "未建档案的企业".into(),
            (List::KeyNoMeeting, Lang::En) => {
                "Key enterprises whose cadres attended no meeting".into()
            }
            (List::KeyNoMeeting, Lang::Zh) => "助企干部未参加座谈会的重点企业".into(),
            (List::Idle, Lang::En) => format!("Cadres with no visit in the last {idle_days} days"),
            (List::Idle, Lang::Zh) => format!("近{idle_days}天未走访的助企干部"),
        }
    }
}

/// The part of a query that holds a pairing `p` in force on day ?1.
const IN_FORCE: &str = "p.started_on <= ?1 AND (p.ended_on IS NULL OR p.ended_on >= ?1)";

/// Per tier and in total: distinct cadres and enterprises with a pairing in
/// force during the period (or on the day, without --from/--to).
pub fn table(conn: &Connection, scope: &Scope) -> Result<Table> {
    let (lo, hi) = if scope.from.is_none() && scope.to.is_none() {
        (scope.day_iso(), scope.day_iso())
    } else {
        (
            scope.from_iso().unwrap_or_else(|| "0000-01-01".into()),
            scope.to_iso().unwrap_or_else(|| scope.day_iso()),
        )
    };
    let mut t = Table::query(
        &[
            col("tier", "层级", Kind::Plain),
            col("cadres", "派出干部", Kind::Plain),
            col("enterprises", "服务企业", Kind::Plain),
        ],
        conn,
        "WITH p AS (
             SELECT cadre_id, enterprise_id, tier FROM pairings
             WHERE started_on <= ?2 AND (ended_on IS NULL OR ended_on >= ?1)
         )
         SELECT tier, count(DISTINCT cadre_id), count(DISTINCT enterprise_id), 0 AS is_total
         FROM p GROUP BY tier
         UNION ALL
         SELECT 'total', count(DISTINCT cadre_id), count(DISTINCT enterprise_id), 1 FROM p
         ORDER BY is_total, 1",
        &[&lo, &hi],
    )?;
    // Both tiers always get a row, so a missing tier reads as 0 rather than as nothing.
    for (i, tier) in Tier::ALL.iter().enumerate() {
        let present = t
            .rows
            .iter()
            .any(|r| matches!(&r[0], Value::Text(s) if s == tier.as_str()));
        if !present {
            t.rows
                .insert(i, vec![tier.as_str().into(), Value::Int(0), Value::Int(0)]);
        }
    }
    Ok(t)
}

/// One of the lists, as of the scope's day.
pub fn list(conn: &Connection, scope: &Scope, which: List, idle_days: u32) -> Result<Table> {
    let enterprise_cols = [
        col("uscc", "统一社会信用代码", Kind::Id),
        col("enterprise", "企业名称", Kind::Text),
        col("town", "街镇", Kind::Text),
    ];
    let day = scope.day_iso();
    match which {
        List::Unpaired => Table::query(
            &enterprise_cols,
            conn,
            &format!(
                "SELECT e.uscc, e.name, u.name FROM enterprises e JOIN units u ON u.id = e.town_id
                 WHERE NOT EXISTS (SELECT 1 FROM pairings p WHERE p.enterprise_id = e.id AND {IN_FORCE})
                 ORDER BY u.code, e.name"
            ),
            &[&day],
        ),
        List::NoFile => Table::query(
            &enterprise_cols,
            conn,
            "SELECT e.uscc, e.name, u.name FROM enterprises e JOIN units u ON u.id = e.town_id
             WHERE NOT EXISTS (SELECT 1 FROM visits v
                               WHERE v.enterprise_id = e.id AND v.visited_on <= ?1 AND (v.tasks & ?2) != 0)
             ORDER BY u.code, e.name",
            &[&day, &crate::domain::kinds::Task::File.bit()],
        ),
        List::KeyNoMeeting => {
            let mut cols = enterprise_cols.to_vec();
            cols.push(col("cadres", "助企干部", Kind::Text));
            Table::query(
                &cols,
                conn,
                &format!(
                    "SELECT e.uscc, e.name, u.name,
                            (SELECT group_concat(c.code || ' ' || c.name, ', ')
                               FROM pairings p JOIN cadres c ON c.id = p.cadre_id
                              WHERE p.enterprise_id = e.id AND {IN_FORCE})
                     FROM enterprises e JOIN units u ON u.id = e.town_id
                     WHERE e.key = 1 AND NOT EXISTS (
                         SELECT 1 FROM pairings p
                         JOIN meeting_cadres mc ON mc.cadre_id = p.cadre_id
                         JOIN meetings m ON m.id = mc.meeting_id
                         WHERE p.enterprise_id = e.id AND {IN_FORCE} AND m.held_on <= ?1
                           AND (?2 IS NULL OR m.held_on >= ?2) AND (?3 IS NULL OR m.held_on <= ?3))
                     ORDER BY u.code, e.name"
                ),
                &[&day, &scope.from_iso(), &scope.to_iso()],
            )
        }
        List::Idle => Table::query(
            &[
                col("code", "干部编号", Kind::Text),
                col("cadre", "姓名", Kind::Text),
                col("unit", "单位", Kind::Text),
                col("last_visit", "最近走访", Kind::Plain),
                col("days_since", "距今天数", Kind::Plain),
            ],
            conn,
            &format!(
                "SELECT c.code, c.name, u.name, lv.last,
                        CAST(julianday(?1) - julianday(lv.last) AS INTEGER)
                 FROM cadres c JOIN units u ON u.id = c.unit_id
                 LEFT JOIN (SELECT cadre_id, max(visited_on) AS last FROM visits
                             WHERE visited_on <= ?1 GROUP BY cadre_id) lv ON lv.cadre_id = c.id
                 WHERE EXISTS (SELECT 1 FROM pairings p WHERE p.cadre_id = c.id AND {IN_FORCE})
                   AND (lv.last IS NULL OR lv.last <= date(?1, '-' || ?2 || ' days'))
                 ORDER BY lv.last IS NOT NULL, lv.last, c.code"
            ),
            &[&day, &idle_days],
        ),
    }
}
