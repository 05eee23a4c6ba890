//! `qianqi check` finds each kind of inconsistency planted in a database.
//!
//! The commands never write these states; they are planted with raw SQL, as
//! a bug, a crash of an older version or a hand edit might leave them.

use crate::harness::*;

/// Seeded records and three tickets: 2022-0001 resolved, 2022-0002 in
/// progress, 2022-0003 awaiting acceptance; some visits.
fn world() -> Env {
    let env = Env::new();
    env.seed();
    for args in [
        &[
            "ticket",
            "add",
            "914403001922038216",
            "融资难",
            "--cadre",
            "C01",
            "--on",
            "2022-03-01",
            "--department",
            "D01",
        ][..],
        &[
            "ticket",
            "add",
            "91350100M000100Y43",
            "招工难",
            "--cadre",
            "C03",
            "--on",
            "2022-03-02",
            "--department",
            "D02",
        ],
        &[
            "ticket",
            "add",
            "91110000802100433B",
            "用电指标不足",
            "--cadre",
            "C03",
            "--on",
            "2022-03-05",
        ],
        &[
            "ticket",
            "accept",
            "2022-0001",
            "--by",
            "C02",
            "--on",
            "2022-03-03",
        ],
        &[
            "ticket",
            "resolve",
            "2022-0001",
            "--by",
            "C02",
            "--on",
            "2022-04-01",
        ],
        &[
            "ticket",
            "accept",
            "2022-0002",
            "--by",
            "C02",
            "--on",
            "2022-03-04",
        ],
        &[
            "visit",
            "914403001922038216",
            "--cadre",
            "C01",
            "--on",
            "2022-03-01",
        ],
        &[
            "visit",
            "91350100M000100Y43",
            "--cadre",
            "C03",
            "--on",
            "2022-03-02",
            "--kind",
            "phone",
        ],
        &[
            "visit",
            "91110000802100433B",
            "--cadre",
            "C02",
            "--on",
            "2022-01-02",
            "--unpaired",
        ],
    ] {
        env.ok(args);
    }
    env
}

/// Runs `check`, which must exit 1; returns what it printed.
fn findings(env: &Env) -> String {
    let o = env.run(&["check"]);
    assert_eq!(o.status, 1, "{}", o.transcript());
    assert!(o.stderr.is_empty(), "{}", o.stderr);
    let last = o.stdout.lines().last().unwrap_or_default();
    assert!(last.contains("found"), "no summary line:\n{}", o.stdout);
    o.stdout
}

fn has(out: &str, line_start: &str) {
    assert!(
        out.lines().any(|l| l.starts_with(line_start)),
        "no line starting {line_start:?}:\n{out}"
    );
}

/// Inserts a ticket with exactly the given events (date, status), linked as the commands link them.
fn plant_ticket(env: &Env, code: &str, collected_on: &str, events: &[(&str, &str)]) {
    let last = events
        .last()
        .copied()
        .unwrap_or((collected_on, "collected"));
    let mut sql = format!(
        "INSERT INTO tickets (code, enterprise_id, cadre_id, collected_on, summary, status, status_on)
         VALUES ('{code}', 1, 1, '{collected_on}', 'planted', '{}', '{}');",
        last.1, last.0
    );
    for (i, &(on, status)) in events.iter().enumerate() {
        // The schema keeps a link from pointing back in time, even when the events do.
        let next = events
            .get(i + 1)
            .map_or("NULL".to_string(), |e| format!("'{}'", e.0.max(on)));
        sql.push_str(&format!(
            "INSERT INTO ticket_events (ticket_id, on_date, status, actor_id, superseded_on)
             VALUES ((SELECT id FROM tickets WHERE code = '{code}'), '{on}', '{status}', 1, {next});"
        ));
    }
    env.execute(&sql);
}

#[test]
fn a_consistent_database_passes() {
    let env = world();
    let out = env.ok(&["check"]);
    assert_eq!(
        out.trim(),
        "database consistent: 3 tickets, 6 events, 3 visits, 3 pairings checked"
    );
    // A sound ledger is screened in one pass, never gone through event by event.
    let o = env.run_with(
        {
            let mut c = env.command();
            c.env("QIANQI_TIMINGS", "1");
            c
        },
        &["check"],
        None,
    );
    assert!(
        o.stderr
            .contains("ticket histories and reconciliation, in one pass"),
        "{}",
        o.transcript()
    );
    // A fresh database is consistent too.
    assert!(Env::new().ok(&["check"]).starts_with("database consistent"));
}

#[test]
fn a_cached_status_that_disagrees_with_the_history_is_named_with_its_group() {
    let env = world();
    env.execute("UPDATE tickets SET status = 'explained' WHERE code = '2022-0002'");
    let out = findings(&env);
    has(&out, "cached-status: ticket 2022-0002: cached status is explained since 2022-03-04, but the latest event is in_progress on 2022-03-04");
    // The two ways of counting the town and the department now disagree.
    has(
        &out,
        "reconciliation: town T01: cached statuses give collected 2 = closed 2",
    );
    has(&out, "reconciliation: department D02: cached statuses give");
    assert!(
        out.ends_with("3 problems found: 3 tickets, 6 events, 3 visits, 3 pairings checked\n"),
        "{out}"
    );
}

#[test]
fn a_history_must_start_with_the_collection() {
    let env = world();
    plant_ticket(&env, "X-1", "2022-05-01", &[("2022-05-01", "in_progress")]);
    plant_ticket(&env, "X-2", "2022-05-01", &[("2022-05-02", "collected")]);
    plant_ticket(&env, "X-3", "2022-05-01", &[]);
    let out = findings(&env);
    has(
        &out,
        "first-event: ticket X-1: first event is in_progress on 2022-05-01",
    );
    has(&out, "first-event: ticket X-2: first event is collected on 2022-05-02; it must be collected on the collection date 2022-05-01");
    has(&out, "no-history: ticket X-3: has no events");
    // A ticket with no history is in no term of the identity.
    has(
        &out,
        "reconciliation: town T01: by event history, collected 5 = ",
    );
}

#[test]
fn events_out_of_date_order_or_off_the_lifecycle_are_named() {
    let env = world();
    plant_ticket(
        &env,
        "X-4",
        "2022-05-01",
        &[
            ("2022-05-01", "collected"),
            ("2022-06-01", "in_progress"),
            ("2022-05-15", "resolved"),
        ],
    );
    plant_ticket(
        &env,
        "X-5",
        "2022-05-01",
        &[
            ("2022-05-01", "collected"),
            ("2022-05-02", "resolved"),
            ("2022-05-03", "explained"),
        ],
    );
    let out = findings(&env);
    has(
        &out,
        "event-order: ticket X-4: event resolved on 2022-05-15 comes after an event on 2022-06-01",
    );
    has(&out, "transition: ticket X-5: goes from resolved to explained on 2022-05-03, which the lifecycle does not allow");
    assert!(!out.contains("transition: ticket X-4"), "{out}");
}

#[test]
fn broken_superseded_links_are_named() {
    let env = world();
    // 2022-0001: collected, in_progress, resolved. Break the middle link and the latest one.
    env.execute(
        "UPDATE ticket_events SET superseded_on = '2022-03-20'
          WHERE ticket_id = 1 AND status = 'in_progress';
         UPDATE ticket_events SET superseded_on = '2022-12-01'
          WHERE ticket_id = 1 AND status = 'resolved';
         UPDATE ticket_events SET superseded_on = NULL WHERE ticket_id = 2 AND status = 'collected';",
    );
    let out = findings(&env);
    has(&out, "superseded: ticket 2022-0001: event in_progress on 2022-03-03 is marked superseded on 2022-03-20, but the next event is on 2022-04-01");
    has(&out, "superseded: ticket 2022-0001: latest event resolved on 2022-04-01 is marked superseded on 2022-12-01");
    // Two events without a successor: the history no longer says what is in force.
    has(&out, "superseded: ticket 2022-0002: event collected on 2022-03-02 is not marked superseded, but the next event is on 2022-03-04");
    has(&out, "reconciliation: town T01: by event history");
}

#[test]
fn events_and_visits_dated_after_today_are_named() {
    let env = world();
    env.execute("UPDATE ticket_events SET superseded_on = '2023-01-05' WHERE ticket_id = 3;
             INSERT INTO ticket_events (ticket_id, on_date, status, actor_id) VALUES (3, '2023-01-05', 'in_progress', 2);
             UPDATE tickets SET status = 'in_progress', status_on = '2023-01-05' WHERE id = 3;
             INSERT INTO visits (cadre_id, enterprise_id, visited_on, kind, people) VALUES (1, 1, '2023-02-01', 'onsite', 1);");
    let out = findings(&env);
    has(&out, "future-event: ticket 2022-0003: event in_progress on 2023-01-05 is dated after today (2022-12-31)");
    has(
        &out,
        "future-visit: visit #4: C01 → 914403001922038216 on 2023-02-01 is dated after today",
    );
}

#[test]
fn a_visit_before_the_pairing_must_be_marked_unpaired() {
    let env = world();
    env.execute("INSERT INTO visits (cadre_id, enterprise_id, visited_on, kind, people) VALUES (1, 1, '2022-01-09', 'onsite', 1);
             INSERT INTO visits (cadre_id, enterprise_id, visited_on, kind, people) VALUES (2, 1, '2022-05-01', 'phone', 1);
             INSERT INTO visits (cadre_id, enterprise_id, visited_on, kind, people, unpaired) VALUES (2, 2, '2022-05-01', 'phone', 1, '1');");
    let out = findings(&env);
    has(&out, "visit-before-pairing: visit #4: C01 → 914403001922038216 on 2022-01-09 is not marked unpaired, but the pairing began on 2022-01-10");
    has(&out, "visit-before-pairing: visit #5: C02 → 914403001922038216 on 2022-05-01 is not marked unpaired, but they were never paired");
    assert!(!out.contains("visit #6"), "{out}");
}

#[test]
fn overlapping_district_pairings_are_named_open_or_closed() {
    let env = world();
    // C02 served 旗能 at district tier Jan–Jun, then 金美 from 1 June: a month of serving two.
    env.execute(
        "INSERT INTO pairings (cadre_id, enterprise_id, tier, started_on, ended_on)
             VALUES (2, 3, 'district', '2022-01-01', '2022-06-30');
         INSERT INTO pairings (cadre_id, enterprise_id, tier, started_on, ended_on)
             VALUES (2, 2, 'district', '2022-06-01', '2022-08-31');
         -- A handover on the same day is not an overlap.
         INSERT INTO pairings (cadre_id, enterprise_id, tier, started_on, ended_on)
             VALUES (2, 3, 'district', '2022-08-31', '2022-09-30');",
    );
    // Two open ones: only possible once the index that forbids them is gone.
    env.execute(
        "DROP INDEX pairings_open_district_enterprise;
         INSERT INTO pairings (cadre_id, enterprise_id, tier, started_on) VALUES (3, 1, 'district', '2022-11-01');",
    );
    let out = findings(&env);
    has(&out, "district-overlap: cadre C02: district pairings C02 → 91110000802100433B (2022-01-01 to 2022-06-30) and C02 → 91350100M000100Y43 (2022-06-01 to 2022-08-31) overlap");
    has(&out, "district-overlap: enterprise 914403001922038216: district pairings C01 → 914403001922038216 (2022-01-10 to open) and C03 → 914403001922038216 (2022-11-01 to open) overlap");
    assert_eq!(out.matches("district-overlap").count(), 2, "{out}");
}

#[test]
fn rows_pointing_at_missing_records_are_named() {
    let env = world();
    // Foreign keys off for this connection only.
    let off = if on_postgres() {
        "SET session_replication_role = replica;"
    } else {
        "PRAGMA foreign_keys = OFF;"
    };
    env.execute(&format!(
        "{off}
         INSERT INTO visits (cadre_id, enterprise_id, visited_on, kind, people, unpaired)
             VALUES (99, 1, '2022-05-01', 'onsite', 1, '1');"
    ));
    let out = findings(&env);
    has(
        &out,
        "foreign-key: visits #4: cadre_id refers to a row of cadres that does not exist",
    );
}

#[test]
fn a_damaged_index_fails_the_integrity_check() {
    if sqlite_only("damages an index through SQLite's writable schema") {
        return;
    }
    let env = world();
    // Re-point an index's definition behind SQLite's back: its entries no longer match the table.
    env.sql()
        .execute_batch(
            "CREATE INDEX cadres_name ON cadres (name);
             PRAGMA writable_schema = ON;
             UPDATE sqlite_master SET sql = 'CREATE INDEX cadres_name ON cadres (phone)'
              WHERE name = 'cadres_name';
             PRAGMA writable_schema = OFF;",
        )
        .unwrap();
    let out = findings(&env);
    has(&out, "integrity: database: ");
    assert!(out.contains("cadres_name"), "{out}");
}

#[test]
fn a_tampered_schema_is_named_object_by_object() {
    if sqlite_only("SQLite's triggers and schema text") {
        return;
    }
    let env = world();
    env.sql()
        .execute_batch(
            "CREATE TRIGGER blank_phones AFTER INSERT ON visits
             BEGIN UPDATE cadres SET phone = ''; END;
             DROP TRIGGER ticket_events_append_only_delete;
             DROP INDEX tickets_collected;
             CREATE INDEX tickets_collected ON tickets (summary);
             CREATE VIEW open_tickets AS SELECT * FROM tickets;",
        )
        .unwrap();
    let out = findings(&env);
    has(&out, "schema-extra: trigger blank_phones: not made by the migrations: CREATE TRIGGER blank_phones AFTER INSERT ON visits BEGIN UPDATE cadres SET phone = ''; END");
    has(&out, "schema-missing: trigger ticket_events_append_only_delete: the migrations make it, the database has none");
    has(
        &out,
        "schema-changed: index tickets_collected: differs from what the migrations make",
    );
    has(
        &out,
        "schema-extra: view open_tickets: not made by the migrations",
    );
    assert!(
        out.ends_with("4 problems found: 3 tickets, 6 events, 3 visits, 3 pairings checked\n"),
        "{out}"
    );
}

#[test]
fn a_schema_differing_only_in_spacing_and_case_is_the_same_schema() {
    if sqlite_only("SQLite's schema text") {
        return;
    }
    let env = world();
    env.sql()
        .execute_batch(
            "DROP INDEX tickets_collected;
             create index TICKETS_COLLECTED
                 on tickets(  collected_on );",
        )
        .unwrap();
    assert!(env.ok(&["check"]).starts_with("database consistent"));
}

#[test]
fn a_changed_or_missing_table_stops_the_checks_that_read_it() {
    if sqlite_only("SQLite's schema text") {
        return;
    }
    let env = world();
    env.sql()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             DROP TABLE meeting_cadres;
             ALTER TABLE imports ADD COLUMN extra TEXT;",
        )
        .unwrap();
    let out = findings(&env);
    has(
        &out,
        "schema-missing: table meeting_cadres: the migrations make it, the database has none",
    );
    // Its index went with it.
    has(
        &out,
        "schema-missing: index meeting_cadres_cadre: the migrations make it",
    );
    has(&out, "schema-changed: table imports: differs from what the migrations make: the database has `…ted_by text not null default '',extra text)` where they make `…ted_by text not null default '')`");
    // The rest of the checks read the tables and are not run.
    assert!(
        out.ends_with(
            "3 problems found; the other checks were not run, as they would read through them\n"
        ),
        "{out}"
    );
}

#[test]
fn an_event_at_a_meeting_must_be_dated_on_the_meeting_day() {
    let env = world();
    env.execute("INSERT INTO meetings (code, held_on) VALUES ('M01', '2022-05-03');
             INSERT INTO tickets (code, enterprise_id, cadre_id, collected_on, summary, status, status_on)
                 VALUES ('X-6', 1, 1, '2022-05-01', 'planted', 'resolved', '2022-05-04');
             INSERT INTO ticket_events (ticket_id, on_date, status, actor_id, superseded_on)
                 VALUES ((SELECT id FROM tickets WHERE code = 'X-6'), '2022-05-01', 'collected', 1, '2022-05-04');
             INSERT INTO ticket_events (ticket_id, on_date, status, actor_id, meeting_id)
                 VALUES ((SELECT id FROM tickets WHERE code = 'X-6'), '2022-05-04', 'resolved', 1,
                         (SELECT id FROM meetings WHERE code = 'M01'));");
    let out = findings(&env);
    has(&out, "meeting-date: ticket X-6: event resolved on 2022-05-04 was at meeting M01, held on 2022-05-03");
    assert!(
        out.starts_with("meeting-date") && out.lines().count() == 2,
        "{out}"
    );
}

#[test]
fn a_due_date_before_the_collection_is_named() {
    let env = world();
    env.execute("UPDATE tickets SET due_on = '2022-02-28' WHERE code = '2022-0001'");
    let out = findings(&env);
    has(&out, "due-before-collection: ticket 2022-0001: due date 2022-02-28 is before the collection date 2022-03-01");
}

#[test]
fn an_enterprise_located_in_a_department_is_named() {
    let env = world();
    env.execute(
        "UPDATE enterprises SET town_id = (SELECT id FROM units WHERE code = 'D01')
              WHERE uscc = '91110000802100433B'",
    );
    let out = findings(&env);
    has(&out, "enterprise-town: enterprise 91110000802100433B: located in D01, which is a department, not a town or street");
}

#[test]
fn credit_codes_must_be_valid_upper_case_and_unique_whatever_the_case() {
    let env = world();
    env.execute("INSERT INTO enterprises (uscc, name, town_id) VALUES ('91350100M000100Y44', '错码企业', 1);
             INSERT INTO enterprises (uscc, name, town_id) VALUES ('91350100m000100y43', '小写企业', 1);
             INSERT INTO enterprises (uscc, name, town_id) VALUES ('9135010OM000100Y4X', '字母企业', 1);");
    let out = findings(&env);
    has(&out, "uscc: enterprise 91350100M000100Y44: check character is 4 but should be 3 (GB 32100-2015); the code is mistyped");
    has(&out, "uscc: enterprise 91350100m000100y43: is stored in lower case; credit codes are stored upper case (91350100M000100Y43)");
    has(
        &out,
        "uscc: enterprise 9135010OM000100Y4X: character 8 ('O') is not allowed",
    );
    has(&out, "uscc-duplicate: enterprise 91350100M000100Y43: recorded 2 times, differing only in case: 91350100M000100Y43, 91350100m000100y43");
    assert!(
        out.ends_with("4 problems found: 3 tickets, 6 events, 3 visits, 3 pairings checked\n"),
        "{out}"
    );
}

#[test]
fn meetings_and_pairings_dated_after_today_are_named() {
    let env = world();
    env.execute(
        "INSERT INTO meetings (code, held_on) VALUES ('M09', '2023-03-01');
             INSERT INTO pairings (cadre_id, enterprise_id, tier, started_on)
                 VALUES (2, 2, 'district', '2023-01-15');
             UPDATE pairings SET ended_on = '2023-02-01' WHERE id = 2;",
    );
    let out = findings(&env);
    has(
        &out,
        "future-meeting: meeting M09: held on 2023-03-01, after today (2022-12-31)",
    );
    has(&out, "future-pairing: pairing C02 → 91350100M000100Y43: starts on 2023-01-15, after today (2022-12-31)");
    has(&out, "future-pairing: pairing C03 → 91350100M000100Y43: ends on 2023-02-01, after today (2022-12-31)");
}

#[test]
fn overlapping_town_pairings_of_one_enterprise_are_named() {
    let env = world();
    env.execute(// C03 serves 新视通 at town tier from 2022-02-01 (open): the same pair again, from January to March.
            "INSERT INTO pairings (cadre_id, enterprise_id, tier, started_on, ended_on)
                 VALUES (3, 2, 'town', '2022-01-01', '2022-03-01');
             -- Another town cadre for 旗能 while C03 serves it.
             INSERT INTO pairings (cadre_id, enterprise_id, tier, started_on, ended_on)
                 VALUES (2, 3, 'town', '2022-06-01', '2022-07-01');
             -- A handover on the day C03 began is not an overlap.
             INSERT INTO pairings (cadre_id, enterprise_id, tier, started_on, ended_on)
                 VALUES (1, 3, 'town', '2021-01-01', '2022-02-01');
             -- A district pairing beside a town one is the usual two tiers, unless it is the same cadre.
             INSERT INTO pairings (cadre_id, enterprise_id, tier, started_on, ended_on)
                 VALUES (1, 1, 'town', '2022-03-01', '2022-04-01');
             INSERT INTO pairings (cadre_id, enterprise_id, tier, started_on, ended_on)
                 VALUES (3, 1, 'town', '2022-05-01', '2022-06-01');");
    let out = findings(&env);
    has(&out, "town-overlap: enterprise 91350100M000100Y43: town pairings C03 → 91350100M000100Y43 (2022-02-01 to open) and C03 → 91350100M000100Y43 (2022-01-01 to 2022-03-01) overlap; an enterprise has one town-tier cadre at a time");
    has(&out, "town-overlap: enterprise 91110000802100433B: town pairings C03 → 91110000802100433B (2022-02-01 to open) and C02 → 91110000802100433B (2022-06-01 to 2022-07-01) overlap");
    has(&out, "pairing-overlap: enterprise 914403001922038216: pairings C01 → 914403001922038216 (district, 2022-01-10 to open) and C01 → 914403001922038216 (town, 2022-03-01 to 2022-04-01) overlap; a cadre serves an enterprise in one pairing at a time");
    assert_eq!(out.lines().count(), 4, "{out}");
}
