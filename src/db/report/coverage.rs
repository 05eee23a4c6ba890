//! The queries of `report coverage`: pairings in force per tier, and the
//! gaps. A pairing is in force from its start day up to, not including, the
//! day it ended (`ended_on`), as `domain::rules::Span` says: one that ended
//! on the day it began was never in force.

use super::Scope;
use crate::db::pairings::EVER_IN_FORCE;
use crate::db::Db;
use crate::db::{rows, visits};
use crate::domain::kinds::Task;
use crate::output::Value;
use anyhow::Result;

/// The part of a query that holds a pairing `p` in force on day ?1.
const IN_FORCE: &str = "p.started_on <= ?1 AND (p.ended_on IS NULL OR p.ended_on > ?1)";

/// Rows of (tier, distinct cadres, distinct enterprises) with a pairing in
/// force during the period (or on the day, without --from/--to), the tiers
/// in order, then a row whose tier is `total`. A tier without a pairing has no row.
pub(crate) fn tiers(db: &Db, scope: &Scope) -> Result<Vec<Vec<Value>>> {
    let (lo, hi) = if scope.from.is_none() && scope.to.is_none() {
        (scope.day_iso(), scope.day_iso())
    } else {
        (
            scope.first_day_iso().unwrap_or_else(|| "0000-01-01".into()),
            scope.last_day_iso().unwrap_or_else(|| scope.day_iso()),
        )
    };
    rows::values(
        db,
        &format!(
            "WITH p AS (
             SELECT cadre_id, enterprise_id, tier FROM pairings p
             WHERE started_on <= ?2 AND (ended_on IS NULL OR ended_on > ?1) AND {EVER_IN_FORCE}
         )
         SELECT tier, count(DISTINCT cadre_id), count(DISTINCT enterprise_id), 0 AS is_total
         FROM p GROUP BY tier
         UNION ALL
         SELECT 'total', count(DISTINCT cadre_id), count(DISTINCT enterprise_id), 1 FROM p
         ORDER BY is_total, 1"
        ),
        (&lo, &hi),
        3,
    )
}

/// Enterprises with no pairing in force on the day: (uscc, name, town's code and name).
pub(crate) fn unpaired(db: &Db, scope: &Scope) -> Result<Vec<Vec<Value>>> {
    rows::values(
        db,
        &format!(
            "SELECT e.uscc, e.name, u.code, u.name FROM enterprises e JOIN units u ON u.id = e.town_id
             WHERE NOT EXISTS (SELECT 1 FROM pairings p WHERE p.enterprise_id = e.id AND {IN_FORCE})
             ORDER BY u.code, e.name"
        ),
        [scope.day_iso()],
        4,
    )
}

/// Enterprises with no visit that built their file by the day: (uscc, name, town's code and name).
pub(crate) fn no_file(db: &Db, scope: &Scope) -> Result<Vec<Vec<Value>>> {
    rows::values(
        db,
        &format!(
            "SELECT e.uscc, e.name, u.code, u.name FROM enterprises e JOIN units u ON u.id = e.town_id
             WHERE NOT EXISTS (SELECT 1 FROM visits v
                               WHERE v.enterprise_id = e.id AND v.visited_on <= ?1 AND {}
                                 AND (v.tasks & ?2) != 0)
             ORDER BY u.code, e.name",
            visits::counts_on("?1")
        ),
        (scope.day_iso(), Task::File.bit()),
        4,
    )
}

/// Key enterprises none of whose cadres in force attended a meeting in the
/// period: (uscc, name, town's code and name, their cadres in force as `code name, …`).
pub(crate) fn key_no_meeting(db: &Db, scope: &Scope) -> Result<Vec<Vec<Value>>> {
    rows::values(
        db,
        &format!(
            "SELECT e.uscc, e.name, u.code, u.name,
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
        scope.params(),
        5,
    )
}

/// Cadres in force who made no visit in the last `idle_days` days, never
/// visiting first: (code, name, unit's code and name, last visit, days since it). Each
/// cadre's last visit is found by walking `visits_cadre` back from the day,
/// which reads a row or two per cadre rather than every visit.
pub(crate) fn idle(db: &Db, scope: &Scope, idle_days: u32) -> Result<Vec<Vec<Value>>> {
    rows::values(
        db,
        &format!(
            "SELECT lv.code, lv.name, u.code, u.name, lv.last,
                    CAST(julianday(?1) - julianday(lv.last) AS INTEGER)
             FROM (SELECT c.code, c.name, c.unit_id,
                          (SELECT v.visited_on FROM visits v
                            WHERE v.cadre_id = c.id AND v.visited_on <= ?1 AND {counts}
                            ORDER BY v.visited_on DESC LIMIT 1) AS last
                     FROM cadres c
                    WHERE EXISTS (SELECT 1 FROM pairings p WHERE p.cadre_id = c.id AND {IN_FORCE})) lv
             JOIN units u ON u.id = lv.unit_id
             WHERE lv.last IS NULL OR lv.last <= date(?1, '-' || ?2 || ' days')
             ORDER BY lv.last IS NOT NULL, lv.last, lv.code",
            counts = visits::counts_on("?1")
        ),
        (scope.day_iso(), idle_days),
        6,
    )
}
