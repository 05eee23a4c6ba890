-- Setup (not timed) for the sqlite3 side of `report reconcile --as-of`:
-- the events as a supervisor would keep them, a plain table of (ticket,
-- date, status) with a covering index, and no superseded_on column.
DROP TABLE IF EXISTS events_plain;
CREATE TABLE events_plain (ticket_id INTEGER NOT NULL, on_date TEXT NOT NULL, status TEXT NOT NULL);
INSERT INTO events_plain SELECT ticket_id, on_date, status FROM ticket_events ORDER BY id;
CREATE INDEX events_plain_cover ON events_plain (ticket_id, on_date, status);
