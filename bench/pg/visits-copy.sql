-- The psql side of the import benchmark on PostgreSQL: the visits table as a
-- supervisor would make it for `\copy`, with the CSV's own columns in native
-- types. References are declared (and checked) against the registry the
-- database already holds; no CHECKs and no secondary index. The benchmark
-- runs `\copy visits_csv FROM 'FILE' WITH (FORMAT csv, HEADER true,
-- FORCE_NOT_NULL (tasks, note))` after this file, in the same psql process.
CREATE TABLE visits_csv (
    cadre      TEXT COLLATE "C" NOT NULL REFERENCES cadres (code),
    enterprise TEXT COLLATE "C" NOT NULL REFERENCES enterprises (uscc),
    visited_on DATE NOT NULL,
    kind       TEXT NOT NULL,
    people     INTEGER NOT NULL,
    tasks      TEXT NOT NULL,
    note       TEXT NOT NULL
);
