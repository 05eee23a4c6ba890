//! Upgrading a database written by an older qianqi, and refusing a newer one.

use crate::harness::*;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The database made by schema version 1 (see tests/data/make-v1.sh).
fn v1_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/v1.db")
}

/// Every row of every table of `reference`, read from `db` through the
/// columns `reference` has: equal results mean no record was lost or changed,
/// whatever columns a migration added.
fn rows_as_in(reference: &Path, db: &Path) -> String {
    let r = Connection::open(reference).unwrap();
    let c = Connection::open(db).unwrap();
    let tables: Vec<String> = r
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = String::new();
    for t in tables {
        let cols: Vec<String> = r
            .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let list = cols
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = c
            .prepare(&format!("SELECT {list} FROM \"{t}\" ORDER BY 1, 2"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                Ok((0..n)
                    .map(|i| match row.get_ref(i).unwrap() {
                        rusqlite::types::ValueRef::Text(t) => {
                            String::from_utf8_lossy(t).into_owned()
                        }
                        other => format!("{other:?}"),
                    })
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        out.push_str(&format!("[{t}]\n"));
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

fn with_v1() -> Env {
    let env = Env::bare();
    std::fs::copy(v1_fixture(), env.file()).unwrap();
    env
}

#[test]
fn a_version_1_database_is_upgraded_on_first_use_and_keeps_every_record() {
    if sqlite_only("upgrades a SQLite file of schema version 1") {
        return;
    }
    let env = with_v1();
    let before = rows_as_in(&v1_fixture(), &v1_fixture());
    assert!(before.contains("融资难，需要贷款贴息政策"), "{before}");
    assert_eq!(dump(&v1_fixture()).lines().next(), Some("user_version 1"));

    // Any command will do; a read-only one too.
    env.ok(&["ticket", "list"]);

    assert_eq!(env.count("PRAGMA user_version"), schema_version());
    assert_eq!(rows_as_in(&v1_fixture(), env.file()), before);
    // Rows entered one by one came from no import.
    for t in ["visits", "tickets", "ticket_events"] {
        assert_eq!(
            env.count(&format!(
                "SELECT count(*) FROM {t} WHERE import_id IS NOT NULL"
            )),
            0
        );
    }
    // The copy made before upgrading is the original, record for record.
    let bak = env.path("qianqi.db.v1.bak");
    assert_eq!(dump(&bak), dump(&v1_fixture()));
    // The upgraded database is consistent and takes new records. Its
    // acceptance without a department was the rule then: said, not a problem.
    let out = env.ok(&["check"]);
    assert!(
        out.starts_with("note: ticket 2022-0003 was accepted with no handling department, before acceptance needed one; it counts under no department\ndatabase consistent"),
        "{out}"
    );
    env.ok(&[
        "visit",
        "914403001922038216",
        "--cadre",
        "C01",
        "--on",
        "2022-12-01",
    ]);
    env.ok(&["ticket", "resolve", "2022-0003", "--by", "C01"]);
    env.ok(&["check"]);
    // A copy keeps the events' ids and where the rule starts among them.
    let copy = env.path("copy.db");
    env.ok(&["copy", "--to", copy.to_str().unwrap()]);
    let out = env.ok(&["--db", copy.to_str().unwrap(), "check"]);
    assert!(
        out.starts_with("note: ticket 2022-0003 was accepted with no handling department"),
        "{out}"
    );
}

#[test]
fn the_upgrade_keeps_events_append_only_including_their_import() {
    if sqlite_only("upgrades a SQLite file of schema version 1") {
        return;
    }
    let env = with_v1();
    env.ok(&["ticket", "list"]);
    let err = env
        .sql()
        .execute("UPDATE ticket_events SET import_id = NULL WHERE id = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn a_database_from_a_newer_qianqi_is_refused_unchanged_naming_both_versions() {
    if sqlite_only("upgrades a SQLite file of schema version 1") {
        return;
    }
    let env = with_v1();
    let newer = schema_version() + 1;
    env.sql()
        .pragma_update(None, "user_version", newer)
        .unwrap();
    let bytes = std::fs::read(env.file()).unwrap();
    let msg = env.fails(2, &["ticket", "list"]);
    assert!(
        msg.contains(&format!("schema version {newer}"))
            && msg.contains(&format!("version {}", schema_version())),
        "{msg}"
    );
    assert_eq!(std::fs::read(env.file()).unwrap(), bytes);
    assert!(!env.path(&format!("qianqi.db.v{newer}.bak")).exists());
}

#[test]
fn processes_opening_an_old_database_at_once_keep_the_original_as_the_copy() {
    if sqlite_only("upgrades a SQLite file of schema version 1") {
        return;
    }
    let original = dump(&v1_fixture());
    for round in 0..8 {
        let env = with_v1();
        let runs: Vec<_> = (0..4)
            .map(|_| {
                let mut c = env.command();
                c.arg("ticket").arg("list");
                c.stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for r in runs {
            let o = r.wait_with_output().unwrap();
            assert!(
                o.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        assert_eq!(env.count("PRAGMA user_version"), schema_version());
        assert_eq!(
            dump(&env.path("qianqi.db.v1.bak")),
            original,
            "round {round}: the copy made before upgrading is not the original"
        );
    }
}

#[cfg(unix)]
#[test]
fn the_copy_made_before_upgrading_is_readable_by_its_owner_only() {
    if sqlite_only("upgrades a SQLite file of schema version 1") {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let env = with_v1();
    env.ok(&["ticket", "list"]);
    let mode = std::fs::metadata(env.path("qianqi.db.v1.bak"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}
