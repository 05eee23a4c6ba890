-- The sqlite3 side of the import benchmark: the visits table as a supervisor
-- would make it for `.import --csv`, with the CSV's own columns. References
-- are declared (and checked, with foreign_keys on) against the registry the
-- database already holds; no CHECKs and no secondary index.
PRAGMA journal_mode = WAL;
PRAGMA foreign_keys = ON;
CREATE TABLE visits_csv (
    cadre      TEXT NOT NULL REFERENCES cadres (code),
    enterprise TEXT NOT NULL REFERENCES enterprises (uscc),
    visited_on TEXT NOT NULL,
    kind       TEXT NOT NULL,
    people     INTEGER NOT NULL,
    tasks      TEXT NOT NULL,
    note       TEXT NOT NULL
);
