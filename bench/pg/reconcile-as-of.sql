-- The psql side of `qianqi report reconcile --as-of 2023-06-30` on
-- PostgreSQL: each ticket's latest event on or before the day (DISTINCT ON
-- over the covering index of events_plain, read in order, no sort), and for
-- the open ones the due date in force then: the latest event on or before
-- the day that set one (an extension moves it), one index seek each.
SELECT count(*),
       count(*) FILTER (WHERE st IN ('resolved', 'explained')),
       count(*) FILTER (WHERE st = 'resolved'),
       count(*) FILTER (WHERE st = 'explained'),
       count(*) FILTER (WHERE st = 'in_progress'),
       count(*) FILTER (WHERE st = 'collected'),
       count(*) FILTER (WHERE st IN ('collected', 'in_progress')
                          AND (SELECT h.due_on FROM events_plain h
                                WHERE h.ticket_id = l.ticket_id AND h.on_date <= '2023-06-30'
                                  AND h.due_on IS NOT NULL
                                ORDER BY h.on_date DESC, h.id DESC LIMIT 1) < '2023-06-30')
FROM (SELECT DISTINCT ON (ticket_id) ticket_id, status AS st
      FROM events_plain WHERE on_date <= '2023-06-30'
      ORDER BY ticket_id, on_date DESC, id DESC) l;
