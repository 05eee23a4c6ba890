-- The qianqi database schema, as an append-only list of migrations.
--
-- Each migration starts with a line `-- migration N` and runs in one
-- transaction; afterwards `PRAGMA user_version` is N. Never edit or reorder
-- a released migration: append a new one instead.
--
-- Dates are stored as ISO text, `YYYY-MM-DD`, and checked with SQLite's own
-- date() so that no other shape can get in.

-- migration 1
PRAGMA application_id = 1364282161; -- 'QQK1': marks the file as a qianqi database

-- 单位: a district department (区级部门) or a town/street (街镇).
CREATE TABLE units (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (code <> ''),
    name TEXT NOT NULL CHECK (name <> ''),
    kind TEXT NOT NULL CHECK (kind IN ('dept', 'town'))
);

-- 干部: a cadre, employed by a unit.
CREATE TABLE cadres (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE CHECK (code <> ''),
    name    TEXT NOT NULL CHECK (name <> ''),
    unit_id INTEGER NOT NULL REFERENCES units (id),
    rank    TEXT NOT NULL DEFAULT '',
    phone   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cadres_unit ON cadres (unit_id);

-- 企业: identified by its Unified Social Credit Code (validated by the code).
CREATE TABLE enterprises (
    id      INTEGER PRIMARY KEY,
    uscc    TEXT NOT NULL UNIQUE CHECK (length(uscc) = 18),
    name    TEXT NOT NULL CHECK (name <> ''),
    town_id INTEGER NOT NULL REFERENCES units (id),
    chain   TEXT NOT NULL DEFAULT '',
    key     INTEGER NOT NULL DEFAULT 0 CHECK (key IN (0, 1))
);
CREATE INDEX enterprises_name ON enterprises (name);
CREATE INDEX enterprises_town ON enterprises (town_id);

-- 对口服务: a cadre serving an enterprise; open while ended_on is NULL.
CREATE TABLE pairings (
    id            INTEGER PRIMARY KEY,
    cadre_id      INTEGER NOT NULL REFERENCES cadres (id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    tier          TEXT NOT NULL CHECK (tier IN ('district', 'town')),
    started_on    TEXT NOT NULL CHECK (started_on = date(started_on)),
    ended_on      TEXT CHECK (ended_on = date(ended_on) AND ended_on >= started_on)
);
CREATE INDEX pairings_enterprise ON pairings (enterprise_id, cadre_id);
CREATE INDEX pairings_cadre ON pairings (cadre_id);
-- District tier is one-to-one; an enterprise has at most one open town pairing.
CREATE UNIQUE INDEX pairings_open_district_cadre
    ON pairings (cadre_id) WHERE tier = 'district' AND ended_on IS NULL;
CREATE UNIQUE INDEX pairings_open_district_enterprise
    ON pairings (enterprise_id) WHERE tier = 'district' AND ended_on IS NULL;
CREATE UNIQUE INDEX pairings_open_town_enterprise
    ON pairings (enterprise_id) WHERE tier = 'town' AND ended_on IS NULL;

-- 走访: tasks is a bit set of the work items (see domain::visit::Task).
CREATE TABLE visits (
    id            INTEGER PRIMARY KEY,
    cadre_id      INTEGER NOT NULL REFERENCES cadres (id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    visited_on    TEXT NOT NULL CHECK (visited_on = date(visited_on)),
    kind          TEXT NOT NULL CHECK (kind IN ('onsite', 'phone', 'online')),
    people        INTEGER NOT NULL CHECK (people BETWEEN 1 AND 10000),
    tasks         INTEGER NOT NULL DEFAULT 0 CHECK (tasks BETWEEN 0 AND 31),
    note          TEXT NOT NULL DEFAULT '',
    unpaired      INTEGER NOT NULL DEFAULT 0 CHECK (unpaired IN (0, 1))
);
CREATE INDEX visits_enterprise ON visits (enterprise_id, visited_on);
CREATE INDEX visits_cadre ON visits (cadre_id, visited_on);

-- 座谈会 and the cadres who attended.
CREATE TABLE meetings (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE CHECK (code <> ''),
    held_on TEXT NOT NULL CHECK (held_on = date(held_on)),
    title   TEXT NOT NULL DEFAULT ''
);
CREATE TABLE meeting_cadres (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    cadre_id   INTEGER NOT NULL REFERENCES cadres (id),
    PRIMARY KEY (meeting_id, cadre_id)
) WITHOUT ROWID;
CREATE INDEX meeting_cadres_cadre ON meeting_cadres (cadre_id);

-- 问题: status and status_on cache the ticket's latest event; the code that
-- appends an event updates them in the same transaction.
CREATE TABLE tickets (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE CHECK (code <> ''),
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    cadre_id      INTEGER NOT NULL REFERENCES cadres (id),
    collected_on  TEXT NOT NULL CHECK (collected_on = date(collected_on)),
    category      TEXT NOT NULL DEFAULT '',
    summary       TEXT NOT NULL CHECK (summary <> ''),
    department_id INTEGER REFERENCES units (id),
    due_on        TEXT CHECK (due_on = date(due_on)),
    status        TEXT NOT NULL DEFAULT 'collected'
                  CHECK (status IN ('collected', 'in_progress', 'resolved', 'explained')),
    status_on     TEXT NOT NULL CHECK (status_on = date(status_on) AND status_on >= collected_on)
);
CREATE INDEX tickets_enterprise ON tickets (enterprise_id);
CREATE INDEX tickets_cadre ON tickets (cadre_id);
CREATE INDEX tickets_collected ON tickets (collected_on);
CREATE INDEX tickets_open_due ON tickets (due_on) WHERE status IN ('collected', 'in_progress');

-- The append-only history. The first event of a ticket is its collection.
-- superseded_on is the date of the ticket's next event (NULL for the latest),
-- so the status as of day D is the one event with on <= D < superseded_on.
CREATE TABLE ticket_events (
    id            INTEGER PRIMARY KEY,
    ticket_id     INTEGER NOT NULL REFERENCES tickets (id),
    on_date       TEXT NOT NULL CHECK (on_date = date(on_date)),
    status        TEXT NOT NULL
                  CHECK (status IN ('collected', 'in_progress', 'resolved', 'explained')),
    actor_id      INTEGER NOT NULL REFERENCES cadres (id),
    note          TEXT NOT NULL DEFAULT '',
    meeting_id    INTEGER REFERENCES meetings (id),
    superseded_on TEXT CHECK (superseded_on >= on_date)
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, on_date);
CREATE INDEX ticket_events_as_of ON ticket_events (superseded_on, on_date, status, ticket_id);
CREATE INDEX ticket_events_meeting ON ticket_events (meeting_id) WHERE meeting_id IS NOT NULL;

-- Events are never edited or deleted; only the superseded_on link is set, once.
CREATE TRIGGER ticket_events_append_only_update
BEFORE UPDATE OF id, ticket_id, on_date, status, actor_id, note, meeting_id ON ticket_events
BEGIN
    SELECT RAISE(ABORT, 'ticket events are append-only');
END;
CREATE TRIGGER ticket_events_append_only_delete
BEFORE DELETE ON ticket_events
BEGIN
    SELECT RAISE(ABORT, 'ticket events are append-only');
END;

-- One row per bulk import, so the same file is not counted twice.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX imports_content ON imports (kind, sha256);

-- migration 2
-- Which bulk import brought a row in (NULL for rows entered one by one), so
-- an import can be traced, audited and counted once.
ALTER TABLE visits ADD COLUMN import_id INTEGER REFERENCES imports (id);
ALTER TABLE tickets ADD COLUMN import_id INTEGER REFERENCES imports (id);
ALTER TABLE ticket_events ADD COLUMN import_id INTEGER REFERENCES imports (id);
CREATE INDEX visits_import ON visits (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX tickets_import ON tickets (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX ticket_events_import ON ticket_events (import_id) WHERE import_id IS NOT NULL;

-- The new column is history too: no event may be re-attributed afterwards.
DROP TRIGGER ticket_events_append_only_update;
CREATE TRIGGER ticket_events_append_only_update
BEFORE UPDATE OF id, ticket_id, on_date, status, actor_id, note, meeting_id, import_id ON ticket_events
BEGIN
    SELECT RAISE(ABORT, 'ticket events are append-only');
END;

-- Each ticket's latest event (the one not yet superseded), which `check`
-- and as-of reports look up for every ticket.
CREATE INDEX ticket_events_latest ON ticket_events (ticket_id) WHERE superseded_on IS NULL;

-- Covers the counts of report reconcile (by town, or in total) so they read
-- the index alone, grouped in enterprise order; it also serves lookups by enterprise.
DROP INDEX tickets_enterprise;
CREATE INDEX tickets_enterprise ON tickets (enterprise_id, status, due_on, collected_on);

-- migration 3
-- A visit recorded by mistake is voided with a reason, never deleted: from
-- voided_on on it counts nowhere, while as-of reports before that day still
-- show it. Both columns are set together, once.
ALTER TABLE visits ADD COLUMN voided_on TEXT
    CHECK (voided_on = date(voided_on) AND voided_on >= visited_on);
ALTER TABLE visits ADD COLUMN void_reason TEXT
    CHECK ((voided_on IS NULL) = (void_reason IS NULL) AND void_reason <> '');
CREATE TRIGGER visits_void_once
BEFORE UPDATE OF voided_on, void_reason ON visits
WHEN OLD.voided_on IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a voided visit stays voided');
END;

-- migration 4
-- The short name people call an enterprise by (金美 for 重庆金美新材料科技有限公司),
-- unique so that it names one enterprise; NULL when it has none.
ALTER TABLE enterprises ADD COLUMN short_name TEXT CHECK (short_name <> '');
CREATE UNIQUE INDEX enterprises_short_name ON enterprises (short_name) WHERE short_name IS NOT NULL;

-- migration 5
-- The closed loop (交办, 签收, 退单, 延期, 催办, 回访) and corrections (作废,
-- 更正). Every event names its action; an event that does not change the
-- status repeats the status in force, so `superseded_on` still finds the
-- status as of any day. The department and due date an event sets travel
-- with it, so the ones in force on any day can be found too.
ALTER TABLE ticket_events ADD COLUMN action TEXT
    CHECK (action IN ('collect', 'assign', 'accept', 'return', 'extend', 'urge', 'resolve',
                      'explain', 'follow_up', 'reopen', 'void', 'amend'));
ALTER TABLE ticket_events ADD COLUMN department_id INTEGER REFERENCES units (id);
ALTER TABLE ticket_events ADD COLUMN with_units TEXT NOT NULL DEFAULT '';
ALTER TABLE ticket_events ADD COLUMN due_on TEXT CHECK (due_on = date(due_on));
ALTER TABLE ticket_events ADD COLUMN level TEXT CHECK (level IN ('remind', 'supervise', 'notify'));
ALTER TABLE ticket_events ADD COLUMN outcome TEXT CHECK (outcome IN ('solved', 'partly', 'unsolved'));
ALTER TABLE ticket_events ADD COLUMN satisfaction TEXT
    CHECK (satisfaction IN ('satisfied', 'basic', 'dissatisfied'));
ALTER TABLE ticket_events ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE ticket_events ADD COLUMN field TEXT
    CHECK (field IN ('summary', 'category', 'enterprise', 'cadre'));
ALTER TABLE ticket_events ADD COLUMN old_value TEXT;
ALTER TABLE ticket_events ADD COLUMN new_value TEXT;

-- The histories written before: each event's action follows from the
-- statuses, and the collection carries the department and due date the
-- ticket has, which applied throughout.
UPDATE ticket_events SET action = CASE
    WHEN status = 'collected' THEN 'collect'
    WHEN status = 'resolved' THEN 'resolve'
    WHEN status = 'explained' THEN 'explain'
    WHEN (SELECT p.status FROM ticket_events p
           WHERE p.ticket_id = ticket_events.ticket_id AND p.id < ticket_events.id
           ORDER BY p.id DESC LIMIT 1) = 'collected' THEN 'accept'
    ELSE 'reopen' END;
UPDATE ticket_events
   SET department_id = (SELECT t.department_id FROM tickets t WHERE t.id = ticket_events.ticket_id),
       due_on = (SELECT t.due_on FROM tickets t WHERE t.id = ticket_events.ticket_id)
 WHERE action = 'collect';

-- 作废: the day a ticket was voided; it counts nowhere from that day on.
ALTER TABLE tickets ADD COLUMN voided_on TEXT CHECK (voided_on = date(voided_on));
CREATE INDEX tickets_voided ON tickets (voided_on) WHERE voided_on IS NOT NULL;

-- The events that set a department or a due date, for the ones in force on a day.
CREATE INDEX ticket_events_handling ON ticket_events (ticket_id, on_date)
    WHERE department_id IS NOT NULL OR action = 'return' OR due_on IS NOT NULL;

-- 办理时限 per category, in working days (7 when a category has none).
CREATE TABLE categories (
    name TEXT PRIMARY KEY CHECK (name <> ''),
    days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 365)
);

-- Working days: a listed day overrides the rule (Monday to Friday work):
-- public holidays are listed as 0, 调休 weekend working days as 1.
CREATE TABLE calendar (
    day     TEXT PRIMARY KEY CHECK (day = date(day)),
    workday INTEGER NOT NULL CHECK (workday IN (0, 1))
) WITHOUT ROWID;

-- The new columns are history too.
DROP TRIGGER ticket_events_append_only_update;
CREATE TRIGGER ticket_events_append_only_update
BEFORE UPDATE OF id, ticket_id, on_date, status, actor_id, note, meeting_id, import_id, action,
                 department_id, with_units, due_on, level, outcome, satisfaction, reason, field,
                 old_value, new_value ON ticket_events
BEGIN
    SELECT RAISE(ABORT, 'ticket events are append-only');
END;

-- migration 6
-- A ticket is accepted (签收) only by a handling department: one in force
-- (交办, or the collection's) or one the acceptance names. Histories recorded
-- before that rule may hold acceptances without one; they stay as recorded,
-- and `check` holds to the rule the events from first_event on. A copy of
-- the database carries the row with the events, whose ids it keeps.
CREATE TABLE rule_starts (
    rule        TEXT PRIMARY KEY,
    first_event INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO rule_starts (rule, first_event)
SELECT 'accept-unassigned', coalesce(max(id), 0) + 1 FROM ticket_events;

-- migration 7
-- The assessment reads, ticket by ticket, every event's day, status, action,
-- department, due date and satisfaction: the index of a ticket's events
-- carries them, so that one pass over the index in ticket order reads them
-- all without looking up a row. Its first two columns are the old index's,
-- so every lookup of a ticket's events keeps using it.
DROP INDEX ticket_events_ticket;
CREATE INDEX ticket_events_ticket
    ON ticket_events (ticket_id, on_date, status, action, department_id, due_on, satisfaction);

-- Covers the counts of report reconcile by department (the cached
-- department, status, due date and collection day) as tickets_enterprise
-- covers the towns', so they read the index alone, grouped in its order.
CREATE INDEX tickets_department ON tickets (department_id, status, due_on, collected_on);

-- migration 8
-- A cadre's visits carry whether and when each was voided and its
-- person-visits, so that a cadre's last visit that counts (report coverage's
-- idle cadres) is found in the index alone, and the visits per month of
-- `report html` are summed from it instead of from the table's far wider
-- rows. Its first two columns are the old index's, so every lookup of a
-- cadre's visits keeps using it.
DROP INDEX visits_cadre;
CREATE INDEX visits_cadre ON visits (cadre_id, visited_on, voided_on, people);

-- migration 9
-- The response time (响应时限): working days from an assignment to its
-- acceptance, set from a day on (1 before the first setting). An assignment
-- made on a day has the one set from the latest day on or before it, of
-- several from one day the last set (the highest id). Settings are never
-- changed or deleted: a later one from the same day replaces an earlier one,
-- and set_on is the day it was set.
CREATE TABLE response_times (
    id        INTEGER PRIMARY KEY,
    from_date TEXT NOT NULL CHECK (from_date = date(from_date)),
    days      INTEGER NOT NULL CHECK (days BETWEEN 1 AND 365),
    set_on    TEXT NOT NULL CHECK (set_on = date(set_on))
);
CREATE TRIGGER response_times_append_only_update
BEFORE UPDATE ON response_times
BEGIN
    SELECT RAISE(ABORT, 'response times are append-only');
END;
CREATE TRIGGER response_times_append_only_delete
BEFORE DELETE ON response_times
BEGIN
    SELECT RAISE(ABORT, 'response times are append-only');
END;
