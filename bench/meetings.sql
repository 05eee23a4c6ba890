-- The sqlite3 side of `qianqi report meetings`: per meeting the cadres
-- attending and the tickets resolved at it, by grouped joins, then the
-- totals (distinct cadres and tickets).
SELECT code, held_on, title, meetings, cadres, resolved FROM (
    SELECT m.code, m.held_on, m.title, 1 AS meetings, coalesce(a.n, 0) AS cadres,
           coalesce(r.n, 0) AS resolved, 0 AS is_total
    FROM meetings m
    LEFT JOIN (SELECT meeting_id, count(*) AS n FROM meeting_cadres GROUP BY meeting_id) a
           ON a.meeting_id = m.id
    LEFT JOIN (SELECT meeting_id, count(DISTINCT ticket_id) AS n FROM ticket_events
                WHERE status = 'resolved' AND meeting_id IS NOT NULL GROUP BY meeting_id) r
           ON r.meeting_id = m.id
    UNION ALL
    SELECT 'total', NULL, NULL, (SELECT count(*) FROM meetings),
           (SELECT count(DISTINCT cadre_id) FROM meeting_cadres),
           (SELECT count(DISTINCT ticket_id) FROM ticket_events
             WHERE status = 'resolved' AND meeting_id IS NOT NULL),
           1)
ORDER BY is_total, held_on, code;
