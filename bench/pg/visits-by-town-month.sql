-- The psql side of `qianqi report visits --by town --period month` on
-- PostgreSQL: the plain GROUP BY over every visit, joined to its
-- enterprise's town; one count per work item (tasks is a bit set).
SELECT g.name, to_char(v.visited_on, 'YYYY-MM') AS month, count(*), sum(v.people),
       count(*) FILTER (WHERE v.tasks & 1 <> 0), count(*) FILTER (WHERE v.tasks & 2 <> 0),
       count(*) FILTER (WHERE v.tasks & 4 <> 0), count(*) FILTER (WHERE v.tasks & 8 <> 0),
       count(*) FILTER (WHERE v.tasks & 16 <> 0)
FROM visits v JOIN enterprises e ON e.id = v.enterprise_id JOIN units g ON g.id = e.town_id
GROUP BY g.code, g.name, month
ORDER BY g.code, month;
