-- The sqlite3 side of `qianqi report visits --by town --period month`: the
-- plain GROUP BY over every visit, joined to its enterprise's town; one
-- count per work item (tasks is a bit set).
SELECT g.name, substr(v.visited_on, 1, 7) AS month, count(*), sum(v.people),
       sum(v.tasks & 1 != 0), sum(v.tasks & 2 != 0), sum(v.tasks & 4 != 0),
       sum(v.tasks & 8 != 0), sum(v.tasks & 16 != 0)
FROM visits v JOIN enterprises e ON e.id = v.enterprise_id JOIN units g ON g.id = e.town_id
GROUP BY g.id, month
ORDER BY g.code, month;
