//! `qianqi backup` and `qianqi restore`.

use crate::harness::*;
use std::path::Path;

fn world() -> Env {
    let env = Env::new();
    env.seed();
    env.ok(&[
        "ticket",
        "add",
        "914403001922038216",
        "融资难",
        "--cadre",
        "C01",
        "--on",
        "2022-03-01",
    ]);
    env.ok(&[
        "ticket",
        "accept",
        "2022-0001",
        "--by",
        "C02",
        "--on",
        "2022-03-03",
        "--department",
        "D02",
    ]);
    env.ok(&[
        "visit",
        "914403001922038216",
        "--cadre",
        "C01",
        "--on",
        "2022-03-01",
    ]);
    env
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_backup_restores_the_database_it_was_taken_from() {
    if sqlite_only("restore puts a SQLite file in place; PostgreSQL refuses it for copy") {
        return;
    }
    let env = world();
    let b = env.path("backup.db");
    let out = env.ok(&["backup", s(&b)]);
    assert!(out.starts_with("backed up"), "{out}");
    let at_backup = env.dump();
    assert_eq!(dump(&b), at_backup);

    // Work goes on, then the backup is put back.
    env.ok(&[
        "visit",
        "91350100M000100Y43",
        "--cadre",
        "C03",
        "--on",
        "2022-04-01",
    ]);
    env.ok(&[
        "ticket",
        "resolve",
        "2022-0001",
        "--by",
        "C02",
        "--on",
        "2022-04-02",
    ]);
    let before_restore = env.dump();
    let out = env.ok(&["restore", s(&b)]);
    assert!(out.contains("qianqi.db.before-restore"), "{out}");
    assert_eq!(env.dump(), at_backup);
    assert_eq!(dump(&env.path("qianqi.db.before-restore")), before_restore);
    env.ok(&["check"]);
    // The restored database is an ordinary one: writes go on.
    env.ok(&[
        "visit",
        "91350100M000100Y43",
        "--cadre",
        "C03",
        "--on",
        "2022-04-01",
    ]);
    assert_eq!(env.count("SELECT count(*) FROM visits"), 2);
    // The backup file itself was never touched.
    assert_eq!(dump(&b), at_backup);
}

#[test]
fn a_backup_refuses_to_overwrite_the_database_or_other_files() {
    let env = world();
    if !on_postgres() {
        let msg = env.fails(2, &["backup", "qianqi.db"]);
        assert!(msg.contains("is the database itself"), "{msg}");
        let msg = env.fails(2, &["backup", &env.db]);
        assert!(msg.contains("is the database itself"), "{msg}");
    }
    let msg = env.fails(2, &["backup", s(env.dir.path())]);
    assert!(msg.contains("is a directory"), "{msg}");
    let notes = env.write("notes.txt", "走访记录\n");
    let msg = env.fails(2, &["backup", s(&notes)]);
    assert!(msg.contains("is not a qianqi database"), "{msg}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "走访记录\n");
    // An older backup is replaced.
    let b = env.path("b.db");
    env.ok(&["backup", s(&b)]);
    env.ok(&[
        "visit",
        "91350100M000100Y43",
        "--cadre",
        "C03",
        "--on",
        "2022-04-01",
    ]);
    env.ok(&["backup", s(&b)]);
    if on_postgres() {
        let c = rusqlite::Connection::open(&b).unwrap();
        let visits: i64 = c
            .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
            .unwrap();
        assert_eq!(visits, 2);
    } else {
        assert_eq!(dump(&b), env.dump());
    }
}

#[test]
fn a_bad_backup_is_refused_and_the_database_is_left_alone() {
    if sqlite_only("restore puts a SQLite file in place; PostgreSQL refuses it for copy") {
        return;
    }
    let env = world();
    let text = env.write(
        "notes.db",
        "this is not a database at all, just text\n".repeat(50),
    );
    let msg = env.fails(2, &["restore", s(&text)]);
    assert!(msg.contains("is not a qianqi database"), "{msg}");

    let other = env.path("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let msg = env.fails(2, &["restore", s(&other)]);
    assert!(msg.contains("is not a qianqi database"), "{msg}");

    let newer = env.path("newer.db");
    env.ok(&["backup", s(&newer)]);
    let c = rusqlite::Connection::open(&newer).unwrap();
    let version = schema_version() + 1;
    c.pragma_update(None, "user_version", version).unwrap();
    drop(c);
    let msg = env.fails(2, &["restore", s(&newer)]);
    assert!(
        msg.contains(&format!("schema version {version}"))
            && msg.contains(&format!("version {}", schema_version())),
        "{msg}"
    );

    let broken = env.path("broken.db");
    env.ok(&["backup", s(&broken)]);
    rusqlite::Connection::open(&broken)
        .unwrap()
        .execute("UPDATE tickets SET status = 'resolved'", [])
        .unwrap();
    let msg = env.fails(2, &["restore", s(&broken)]);
    assert!(
        msg.contains("fails the consistency check")
            && msg.contains("cached-status: ticket 2022-0001"),
        "{msg}"
    );

    let msg = env.fails(2, &["restore", s(&env.path("missing.db"))]);
    assert!(msg.contains("no backup at"), "{msg}");
    let msg = env.fails(2, &["restore", s(env.dir.path())]);
    assert!(msg.contains("is a directory"), "{msg}");
    let msg = env.fails(2, &["restore", "qianqi.db"]);
    assert!(msg.contains("is the database itself"), "{msg}");
    assert!(!env.path("qianqi.db.before-restore").exists());
    // No temporary copies are left behind.
    let left: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".qianqi"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_live_database_with_its_log_is_not_taken_for_a_backup() {
    if sqlite_only("a SQLite file held open with its write-ahead log") {
        return;
    }
    let env = world();
    let other = Env::new();
    other.seed();
    // Hold the other database open with an unwritten-back log.
    let c = other.sql();
    c.execute_batch("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;")
        .unwrap();
    c.execute(
        "INSERT INTO units (code, name, kind) VALUES ('T09', '新街道', 'town')",
        [],
    )
    .unwrap();
    let msg = env.fails(2, &["restore", &other.db]);
    assert!(msg.contains("write-ahead log"), "{msg}");
}

#[test]
fn a_restore_waits_for_other_users_and_gives_up_with_status_3() {
    if sqlite_only("restore puts a SQLite file in place; PostgreSQL refuses it for copy") {
        return;
    }
    let env = world();
    let b = env.path("b.db");
    env.ok(&["backup", s(&b)]);
    env.ok(&[
        "visit",
        "91350100M000100Y43",
        "--cadre",
        "C03",
        "--on",
        "2022-04-01",
    ]);
    // Another program has the database open.
    let other = env.sql();
    other
        .query_row("SELECT count(*) FROM visits", [], |r| r.get::<_, i64>(0))
        .unwrap();
    let msg = env.fails(3, &["--busy-timeout", "300", "restore", s(&b)]);
    assert!(msg.contains("locked"), "{msg}");
    assert!(!env.path("qianqi.db.before-restore").exists());
    drop(other);
    env.ok(&["restore", s(&b)]);
    assert_eq!(env.count("SELECT count(*) FROM visits"), 1);
}

#[test]
fn a_restore_can_recreate_a_lost_database_and_upgrades_an_old_backup() {
    if sqlite_only("restore puts a SQLite file in place; PostgreSQL refuses it for copy") {
        return;
    }
    let env = Env::bare();
    let old = env.path("old-backup.db");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/v1.db"),
        &old,
    )
    .unwrap();
    // A log left over from a database that was deleted must not be applied.
    env.write("qianqi.db-wal", b"stale");
    let out = env.ok(&["restore", s(&old)]);
    assert!(out.starts_with("restored"), "{out}");
    assert_eq!(env.count("PRAGMA user_version"), schema_version());
    assert_eq!(env.count("SELECT count(*) FROM tickets"), 4);
    assert!(env.path("qianqi.db.v1.bak").exists());
    env.ok(&["check"]);
}

#[test]
fn a_backup_taken_while_another_process_writes_is_consistent() {
    let env = world();
    const WRITES: i64 = 40;
    let writer = {
        let mut cmd = env.command();
        cmd.args([
            "visit",
            "91350100M000100Y43",
            "--cadre",
            "C03",
            "--on",
            "2022-05-01",
        ]);
        std::thread::spawn(move || {
            for _ in 0..WRITES {
                let o = cmd.output().unwrap();
                assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            }
        })
    };
    let mut seen = Vec::new();
    for i in 0..6 {
        let b = env.path(&format!("b{i}.db"));
        env.ok(&["backup", s(&b)]);
        let out = env.ok(&["--db", s(&b), "check"]);
        assert!(out.starts_with("database consistent"), "{out}");
        let c = rusqlite::Connection::open(&b).unwrap();
        seen.push(
            c.query_row("SELECT count(*) FROM visits", [], |r| r.get::<_, i64>(0))
                .unwrap(),
        );
    }
    writer.join().unwrap();
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert!(
        seen.iter().all(|n| (1..=WRITES + 1).contains(n)),
        "{seen:?}"
    );
    assert_eq!(env.count("SELECT count(*) FROM visits"), WRITES + 1);
    env.ok(&["check"]);
}

#[test]
fn a_damaged_backup_is_refused_in_one_line_with_status_2() {
    if sqlite_only("restore puts a SQLite file in place; PostgreSQL refuses it for copy") {
        return;
    }
    let env = world();
    let b = env.path("b.db");
    env.ok(&["backup", s(&b)]);
    let bytes = std::fs::read(&b).unwrap();

    let cut = env.write("cut.db", &bytes[..bytes.len() / 2 + 100]);
    let msg = env.fails(2, &["restore", s(&cut)]);
    assert!(msg.contains("is truncated or damaged"), "{msg}");

    // Every page after the first overwritten: SQLite finds it malformed.
    let mut junk = bytes.clone();
    for b in junk[4096..].iter_mut() {
        *b = 0xA5;
    }
    let junk = env.write("junk.db", junk);
    let msg = env.fails(2, &["restore", s(&junk)]);
    assert!(msg.contains("junk.db"), "{msg}");

    // A few pages of one table overwritten: the integrity check finds it.
    let mut hurt = bytes.clone();
    let pages = hurt.len() / 4096;
    for b in hurt[(pages - 2) * 4096..(pages - 1) * 4096].iter_mut() {
        *b = 0xFF;
    }
    let hurt = env.write("hurt.db", hurt);
    let msg = env.fails(2, &["restore", s(&hurt)]);
    assert!(msg.contains("hurt.db"), "{msg}");
    assert!(!env.path("qianqi.db.before-restore").exists());
}

#[test]
fn a_backup_with_another_page_size_restores() {
    if sqlite_only("restore puts a SQLite file in place; PostgreSQL refuses it for copy") {
        return;
    }
    let env = world();
    let b = env.path("b.db");
    env.ok(&["backup", s(&b)]);
    rusqlite::Connection::open(&b)
        .unwrap()
        .execute_batch("PRAGMA page_size = 8192; VACUUM;")
        .unwrap();
    let expected = dump(&b);
    env.ok(&[
        "visit",
        "91350100M000100Y43",
        "--cadre",
        "C03",
        "--on",
        "2022-04-01",
    ]);
    let out = env.ok(&["restore", s(&b)]);
    assert!(out.starts_with("restored"), "{out}");
    assert_eq!(env.dump(), expected);
    env.ok(&["check"]);
}

#[test]
fn a_backup_with_a_tampered_schema_is_refused_and_nothing_is_replaced() {
    if sqlite_only("restore puts a SQLite file in place; PostgreSQL refuses it for copy") {
        return;
    }
    let env = world();
    for (name, sql, finding) in [
        (
            "blanking.db",
            "CREATE TRIGGER blank_phones AFTER INSERT ON visits BEGIN UPDATE cadres SET phone = ''; END;",
            "schema-extra: trigger blank_phones",
        ),
        (
            "editable.db",
            "DROP TRIGGER ticket_events_append_only_update;",
            "schema-missing: trigger ticket_events_append_only_update",
        ),
    ] {
        let b = env.path(name);
        env.ok(&["backup", s(&b)]);
        rusqlite::Connection::open(&b)
            .unwrap()
            .execute_batch(sql)
            .unwrap();
        let before = env.dump();
        let schema = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'";
        let triggers = env.count(schema);
        let o = env.run(&["restore", s(&b)]);
        assert_eq!(o.status, 2, "{}", o.transcript());
        assert!(o.stdout.is_empty(), "{}", o.transcript());
        assert_eq!(o.stderr.lines().count(), 1, "{}", o.transcript());
        assert!(
            o.stderr.contains("fails the consistency check") && o.stderr.contains(finding),
            "{}",
            o.transcript()
        );
        assert_eq!(env.dump(), before);
        assert_eq!(env.count(schema), triggers);
        assert!(!env.path("qianqi.db.before-restore").exists());
    }
}
