-- Setup (not timed) for the psql side of `report reconcile --as-of` on
-- PostgreSQL: the events as a supervisor would keep them, a plain table of
-- (id, ticket, date, status, due date set by the event) with no
-- superseded_on column, and a covering index in the order the query reads.
DROP TABLE IF EXISTS events_plain;
CREATE TABLE events_plain (
    id        BIGINT PRIMARY KEY,
    ticket_id BIGINT NOT NULL,
    on_date   DATE NOT NULL,
    status    TEXT COLLATE "C" NOT NULL,
    due_on    DATE
);
INSERT INTO events_plain SELECT id, ticket_id, on_date, status, due_on FROM ticket_events ORDER BY id;
CREATE INDEX events_plain_cover ON events_plain (ticket_id, on_date DESC, id DESC) INCLUDE (status, due_on);
VACUUM ANALYZE events_plain;
