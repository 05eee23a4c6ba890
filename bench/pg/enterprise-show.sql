-- The psql side of `qianqi enterprise show` on PostgreSQL: the same four queries.
-- The enterprise's USCC is the psql variable e (psql -v e=USCC).
SELECT e.uscc, e.name, u.code || ' ' || u.name, e.chain, e.key
FROM enterprises e JOIN units u ON u.id = e.town_id WHERE e.uscc = :'e';
SELECT c.code, c.name, e.uscc, e.name, p.tier, p.started_on, p.ended_on
FROM pairings p JOIN cadres c ON c.id = p.cadre_id JOIN enterprises e ON e.id = p.enterprise_id
WHERE p.enterprise_id = (SELECT id FROM enterprises WHERE uscc = :'e') ORDER BY p.started_on, p.id;
SELECT v.visited_on, c.code, c.name, e.uscc, e.name, v.kind, v.people, v.tasks, v.note
FROM visits v JOIN cadres c ON c.id = v.cadre_id JOIN enterprises e ON e.id = v.enterprise_id
WHERE v.enterprise_id = (SELECT id FROM enterprises WHERE uscc = :'e') ORDER BY v.visited_on, v.id;
SELECT t.code, t.collected_on, e.name, c.code, t.category, t.summary, d.code, t.due_on, t.status, t.status_on
FROM tickets t JOIN enterprises e ON e.id = t.enterprise_id JOIN cadres c ON c.id = t.cadre_id
LEFT JOIN units d ON d.id = t.department_id
WHERE t.enterprise_id = (SELECT id FROM enterprises WHERE uscc = :'e') ORDER BY t.collected_on, t.code;
