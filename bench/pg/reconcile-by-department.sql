-- The psql side of `qianqi report reconcile --by department` on
-- PostgreSQL: every term per handling department, counted from the tickets
-- table (its current status and department) with count(*) FILTER; tickets
-- without a department form their own group, last.
SELECT g.name, count(*),
       count(*) FILTER (WHERE t.status IN ('resolved', 'explained')),
       count(*) FILTER (WHERE t.status = 'resolved'),
       count(*) FILTER (WHERE t.status = 'explained'),
       count(*) FILTER (WHERE t.status = 'in_progress'),
       count(*) FILTER (WHERE t.status = 'collected'),
       count(*) FILTER (WHERE t.status IN ('collected', 'in_progress') AND t.due_on < CURRENT_DATE)
FROM tickets t LEFT JOIN units g ON g.id = t.department_id
GROUP BY g.code, g.name
ORDER BY g.code IS NULL, g.code;
