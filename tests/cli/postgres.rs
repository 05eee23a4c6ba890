//! What only a PostgreSQL database has: moving a campaign up to it and back,
//! backing it up to a SQLite file, and the ways a connection fails. These
//! tests need the server of `QIANQI_TEST_PG` and say so where it is not set.

use crate::harness::*;

/// Whether the test can run: a PostgreSQL server is given. Without one it
/// says so on one line and the test returns.
fn no_server() -> bool {
    if on_postgres() {
        return false;
    }
    eprintln!("skipped: needs a PostgreSQL server ({PG} unset)");
    true
}

/// Every kind `export` writes.
const KINDS: [&str; 8] = [
    "units",
    "cadres",
    "enterprises",
    "pairings",
    "meetings",
    "visits",
    "tickets",
    "events",
];

/// The campaign of the demo in a SQLite file, in `dir`.
fn sqlite_demo(env: &Env) -> String {
    let file = env.path("demo.db").to_str().unwrap().to_string();
    env.ok(&["--db", &file, "demo"]);
    file
}

fn export(env: &Env, db: &str, kind: &str) -> String {
    env.ok(&["--db", db, "export", kind])
}

#[test]
fn a_campaign_moves_from_sqlite_to_postgresql_and_back_unchanged() {
    if no_server() {
        return;
    }
    let env = Env::bare();
    let file = sqlite_demo(&env);
    let out = env.ok(&["--db", &file, "copy", "--to", &env.db]);
    assert!(out.contains("tickets 777"), "{out}");
    let back = env.path("back.db").to_str().unwrap().to_string();
    env.ok(&["copy", "--to", &back]);
    for kind in KINDS {
        let original = export(&env, &file, kind);
        assert!(original.lines().count() > 1, "{kind} exported nothing");
        assert_eq!(
            original,
            export(&env, &env.db, kind),
            "{kind} on PostgreSQL"
        );
        assert_eq!(original, export(&env, &back, kind), "{kind} copied back");
    }
    // The copied database goes on as the original would: the next ticket
    // gets the next id, and check finds nothing wrong.
    env.ok(&["check"]);
    let first = |sql: &str| env.rows(sql)[0][0].clone();
    let uscc = first("SELECT uscc FROM enterprises ORDER BY id LIMIT 1");
    let cadre = first("SELECT code FROM cadres ORDER BY id LIMIT 1");
    env.ok(&[
        "ticket",
        "add",
        "--enterprise",
        &uscc,
        "--cadre",
        &cadre,
        "--on",
        "2023-01-03",
        "--summary",
        "用电增容",
    ]);
    assert_eq!(env.count("SELECT count(*) FROM tickets"), 778);
}

#[test]
fn the_demo_reconciles_on_postgresql_as_on_sqlite() {
    if no_server() {
        return;
    }
    let env = Env::bare();
    let out = env.ok(&["demo"]);
    assert!(
        out.contains("collected 777 = closed 695 + in_progress 81 + awaiting 1: adds up"),
        "{out}"
    );
    let file = sqlite_demo(&env);
    let report = |db: &str| {
        env.ok(&[
            "--db",
            db,
            "report",
            "reconcile",
            "--as-of",
            "2022-12-31",
            "--by",
            "town",
            "--format",
            "csv",
        ])
    };
    assert_eq!(report(&env.db), report(&file));
}

#[test]
fn a_backup_of_a_postgresql_database_is_a_sqlite_file_of_the_same_records() {
    if no_server() {
        return;
    }
    let env = Env::new();
    env.seed();
    let file = env.path("snapshot.db");
    let file = file.to_str().unwrap();
    let out = env.ok(&["backup", file]);
    assert!(out.starts_with("backed up PostgreSQL database"), "{out}");
    for kind in ["units", "cadres", "enterprises", "pairings"] {
        assert_eq!(
            export(&env, &env.db, kind),
            export(&env, file, kind),
            "{kind}"
        );
    }
    env.ok(&["--db", file, "check"]);
    let line = env.fails(2, &["restore", file]);
    assert!(line.contains("copy --to"), "{line}");
}

#[test]
fn copy_refuses_a_target_that_holds_records() {
    if no_server() {
        return;
    }
    let env = Env::new();
    env.seed();
    let other = Env::new();
    other.seed();
    let line = env.fails(2, &["copy", "--to", &other.db]);
    assert!(line.contains("already holds"), "{line}");
    let line = env.fails(2, &["copy", "--to", &env.db]);
    assert!(line.contains("is the database being copied"), "{line}");
}

/// The port of the test server's TCP listener (see .ci/pg).
fn tcp_port() -> String {
    let base = pg_base().unwrap();
    base.split("port=")
        .nth(1)
        .and_then(|p| p.split('&').next())
        .expect("QIANQI_TEST_PG names its port")
        .to_string()
}

#[test]
fn each_failed_connection_is_one_line_naming_the_server_without_the_password() {
    if no_server() {
        return;
    }
    let env = Env::bare();
    let port = tcp_port();
    let cases = [
        (
            "postgresql://postgres:hunter2@127.0.0.1:1/qianqi".to_string(),
            "is the server running",
        ),
        (
            format!("postgresql://postgres:hunter2@127.0.0.1:{port}/postgres"),
            "refused the login",
        ),
        (pg_url("qianqi_no_such_database"), "does not exist"),
    ];
    for (url, says) in cases {
        let o = env.run(&["--db", &url, "unit", "list"]);
        assert_eq!(o.status, 1, "{url}: {}", o.transcript());
        assert_eq!(o.stderr.lines().count(), 1, "{}", o.stderr);
        assert!(o.stderr.contains(says), "{url}: {}", o.stderr);
        assert!(o.stderr.contains("PostgreSQL database"), "{}", o.stderr);
        assert!(!o.stderr.contains("hunter2"), "{}", o.stderr);
    }
    // A password written in the URL is never shown, even in a bad URL.
    let o = env.run(&[
        "--db",
        "postgresql://ann:hunter2@db:notaport/q",
        "unit",
        "list",
    ]);
    assert_eq!(o.status, 2, "{}", o.transcript());
    assert!(!o.stderr.contains("hunter2"), "{}", o.stderr);
}

#[test]
fn a_database_holding_other_tables_or_a_newer_schema_is_refused() {
    if no_server() {
        return;
    }
    let env = Env::bare();
    env.execute("CREATE TABLE payroll (id integer)");
    let line = env.fails(2, &["init"]);
    assert!(line.contains("not qianqi's"), "{line}");

    let env = Env::new();
    env.set_recorded_version(99);
    let line = env.fails(2, &["unit", "list"]);
    assert!(line.contains("newer than this qianqi"), "{line}");
}
