-- The sqlite3 side of `qianqi report reconcile --by town`: every term per
-- town, counted from the tickets table (its current status), tickets
-- first summed per enterprise over the covering index tickets_enterprise,
-- then rolled up to towns, so the 1M-row pass never sorts.
SELECT g.name, sum(i.n), sum(i.closed), sum(i.resolved), sum(i.explained),
       sum(i.in_progress), sum(i.awaiting), sum(i.overdue)
FROM (SELECT t.enterprise_id AS k, count(*) AS n,
             sum(t.status IN ('resolved', 'explained')) AS closed,
             sum(t.status = 'resolved') AS resolved,
             sum(t.status = 'explained') AS explained,
             sum(t.status = 'in_progress') AS in_progress,
             sum(t.status = 'collected') AS awaiting,
             sum(t.status IN ('collected', 'in_progress') AND t.due_on < date('now', 'localtime')) AS overdue
      FROM tickets t GROUP BY t.enterprise_id) i
JOIN enterprises e ON e.id = i.k
JOIN units g ON g.id = e.town_id
GROUP BY g.id
ORDER BY g.code;
