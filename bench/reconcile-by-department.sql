-- The sqlite3 side of `qianqi report reconcile --by department`: every term
-- per handling department, counted from the tickets table (its current
-- status and department); tickets without a department form their own
-- group, last.
SELECT g.name, count(*),
       sum(t.status IN ('resolved', 'explained')),
       sum(t.status = 'resolved'),
       sum(t.status = 'explained'),
       sum(t.status = 'in_progress'),
       sum(t.status = 'collected'),
       sum(t.status IN ('collected', 'in_progress') AND t.due_on < date('now', 'localtime'))
FROM tickets t LEFT JOIN units g ON g.id = t.department_id
GROUP BY g.id
ORDER BY g.code IS NULL, g.code;
