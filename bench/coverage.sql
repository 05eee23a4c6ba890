-- The sqlite3 side of `qianqi report coverage` (its main table): cadres and
-- enterprises with a pairing in force today, per tier and in all.
WITH p AS (
    SELECT cadre_id, enterprise_id, tier FROM pairings
    WHERE started_on <= date('now', 'localtime')
      AND (ended_on IS NULL OR ended_on > date('now', 'localtime'))
)
SELECT tier, count(DISTINCT cadre_id), count(DISTINCT enterprise_id) FROM p GROUP BY tier
UNION ALL
SELECT 'total', count(DISTINCT cadre_id), count(DISTINCT enterprise_id) FROM p;
