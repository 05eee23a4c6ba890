-- The sqlite3 side of `qianqi report overdue`: open tickets past their due
-- date, oldest due first, with the latest urge of each (one seek of
-- ticket_events_ticket per ticket).
SELECT t.code, e.name, tw.name, c.code || ' ' || c.name, nullif(t.category, ''), d.name,
       t.collected_on, t.due_on,
       CAST(julianday(date('now', 'localtime')) - julianday(t.due_on) AS INTEGER), t.status,
       u.level, u.on_date
FROM tickets t
JOIN enterprises e ON e.id = t.enterprise_id
JOIN units tw ON tw.id = e.town_id
JOIN cadres c ON c.id = t.cadre_id
LEFT JOIN units d ON d.id = t.department_id
LEFT JOIN ticket_events u ON u.id = (SELECT x.id FROM ticket_events x
                                      WHERE x.ticket_id = t.id AND x.action = 'urge'
                                      ORDER BY x.on_date DESC, x.id DESC LIMIT 1)
WHERE t.status IN ('collected', 'in_progress') AND t.due_on < date('now', 'localtime')
ORDER BY t.due_on, t.code;
