-- The psql side of `qianqi report reconcile --by town` on PostgreSQL: every
-- term per town, counted from the tickets table (its current status) with
-- count(*) FILTER, tickets first summed per enterprise (a hash aggregate
-- over the table, or the covering index tickets_enterprise), then rolled up
-- to towns.
SELECT g.name, sum(i.n), sum(i.closed), sum(i.resolved), sum(i.explained),
       sum(i.in_progress), sum(i.awaiting), sum(i.overdue)
FROM (SELECT t.enterprise_id AS k, count(*) AS n,
             count(*) FILTER (WHERE t.status IN ('resolved', 'explained')) AS closed,
             count(*) FILTER (WHERE t.status = 'resolved') AS resolved,
             count(*) FILTER (WHERE t.status = 'explained') AS explained,
             count(*) FILTER (WHERE t.status = 'in_progress') AS in_progress,
             count(*) FILTER (WHERE t.status = 'collected') AS awaiting,
             count(*) FILTER (WHERE t.status IN ('collected', 'in_progress')
                                AND t.due_on < CURRENT_DATE) AS overdue
      FROM tickets t GROUP BY t.enterprise_id) i
JOIN enterprises e ON e.id = i.k
JOIN units g ON g.id = e.town_id
GROUP BY g.id
ORDER BY g.code;
