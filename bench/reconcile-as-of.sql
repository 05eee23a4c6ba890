-- The sqlite3 side of `qianqi report reconcile --as-of 2023-06-30`: each
-- ticket's latest event on or before the day (SQLite's max() takes the
-- status from the row holding the maximum), read from the covering index
-- of events_plain; the due date is looked up only for open tickets.
-- max(on_date) alone is faster but wrong: when a ticket changes twice on
-- one day (collected and accepted on the spot) it keeps the first row in
-- index order, i.e. the alphabetically first status, and reports ~59,000
-- too many tickets awaiting acceptance. The rowid breaks the tie.
SELECT count(*),
       sum(st IN ('resolved', 'explained')),
       sum(st = 'resolved'),
       sum(st = 'explained'),
       sum(st = 'in_progress'),
       sum(st = 'collected'),
       coalesce(sum(CASE WHEN st IN ('collected', 'in_progress')
                         THEN (SELECT t.due_on FROM tickets t WHERE t.id = l.ticket_id) < '2023-06-30' END), 0)
FROM (SELECT ticket_id, status AS st, max(on_date || printf('%012d', rowid))
      FROM events_plain WHERE on_date <= '2023-06-30' GROUP BY ticket_id) l;
