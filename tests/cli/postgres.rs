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
        &uscc,
        "用电增容",
        "--cadre",
        &cadre,
        "--on",
        "2022-12-30",
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

/// A visits file larger than the table is loaded without the table's foreign
/// keys and secondary indexes, which are put back after it as the server
/// had them: the same definitions, validated, and enforced afterwards; the
/// table is analyzed after the commit.
#[test]
fn a_large_visits_import_puts_back_the_foreign_keys_and_indexes_it_dropped() {
    if no_server() {
        return;
    }
    let env = Env::new();
    env.ok(&["generate", "--out", "g", "--scale", "1"]);
    for kind in ["units", "cadres", "enterprises", "pairings"] {
        env.ok(&["import", kind, &format!("g/{kind}.csv")]);
    }
    let schema = || {
        let mut c = pg_connect(&env.db);
        let mut defs: Vec<String> = c
            .query(
                "SELECT conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated
                 FROM pg_constraint WHERE conrelid = 'visits'::regclass
                 UNION ALL
                 SELECT indexrelid::regclass::text || ' ' || pg_get_indexdef(indexrelid)
                 FROM pg_index WHERE indrelid = 'visits'::regclass",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        defs.sort();
        defs
    };
    let before = schema();
    assert!(
        before.iter().any(|d| d.contains("FOREIGN KEY")),
        "{before:?}"
    );
    env.ok(&["import", "visits", "g/visits.csv"]);
    assert_eq!(schema(), before);
    assert!(env.count("SELECT count(*) FROM visits") > 0);
    // Analyzed after the commit: the planner has the new rows' statistics.
    assert!(env.count("SELECT count(*) FROM pg_stats WHERE tablename = 'visits'") > 0);
    let mut c = pg_connect(&env.db);
    let e = c
        .batch_execute(
            "INSERT INTO visits (cadre_id, enterprise_id, visited_on, kind, people)
             VALUES (999999, 999999, DATE '2022-03-01', 'onsite', 1)",
        )
        .unwrap_err();
    assert!(pg_message(&e).contains("foreign key"), "{e}");
}

/// Sixteen clients at once, as a district's cadres and handlers work: each
/// logs visits, and all of them try to move the same few tickets along.
/// Every write that was accepted is there exactly once, every one refused
/// said so in one line with exit status 2, and `check` passes. On SQLite the
/// same holds with writers taking turns; the test runs on either engine.
#[test]
fn sixteen_clients_at_once_keep_every_accepted_write_exactly_once() {
    if skip_slow("postgres::sixteen_clients_at_once_keep_every_accepted_write_exactly_once") {
        return;
    }
    const CLIENTS: usize = 16;
    const VISITS: usize = 12;
    const SHARED: usize = 4;
    let env = Env::new();
    env.seed();
    // The cadres with the enterprise each serves.
    let pairs = env.rows(
        "SELECT c.code, e.uscc FROM pairings p
           JOIN cadres c ON c.id = p.cadre_id JOIN enterprises e ON e.id = p.enterprise_id
          WHERE p.ended_on IS NULL ORDER BY p.id",
    );
    let mut tickets = String::from("code,enterprise,cadre,collected_on,summary\n");
    for t in 0..SHARED {
        let (cadre, uscc) = (&pairs[0][0], &pairs[0][1]);
        tickets.push_str(&format!("S-{t},{uscc},{cadre},2022-05-01,共同办理的问题\n"));
    }
    env.write("tickets.csv", tickets);
    env.ok(&["import", "tickets", "tickets.csv"]);
    let visits_before = env.count("SELECT count(*) FROM visits");

    let results: Vec<(String, i32, String)> = std::thread::scope(|scope| {
        let clients: Vec<_> = (0..CLIENTS)
            .map(|c| {
                let env = &env;
                let (cadre, uscc) = (
                    pairs[c % pairs.len()][0].clone(),
                    pairs[c % pairs.len()][1].clone(),
                );
                scope.spawn(move || {
                    let mut out = Vec::new();
                    for i in 0..VISITS {
                        let note = format!("client {c} visit {i}");
                        let args = [
                            "visit",
                            &uscc,
                            "--cadre",
                            &cadre,
                            "--on",
                            "2022-05-02",
                            "--note",
                            &note,
                        ];
                        let o = env.run(&args);
                        out.push((args.join(" "), o.status, o.stderr));
                        if i % 3 == 0 {
                            let t = format!("S-{}", (c + i) % SHARED);
                            let verb = if i % 2 == 0 { "accept" } else { "resolve" };
                            let mut args =
                                vec!["ticket", verb, &t, "--by", &cadre, "--on", "2022-05-03"];
                            if verb == "accept" {
                                args.extend(["--department", "D01"]);
                            }
                            let o = env.run(&args);
                            out.push((args.join(" "), o.status, o.stderr));
                        }
                    }
                    out
                })
            })
            .collect();
        clients
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });

    let mut accepted = std::collections::HashMap::<&str, usize>::new();
    for (args, status, stderr) in &results {
        match status {
            0 => {
                let what = match args.split(' ').next() {
                    Some("ticket") => args.split(' ').nth(1).unwrap(),
                    _ => "visit",
                };
                *accepted.entry(what).or_default() += 1;
            }
            2 => {
                assert!(args.starts_with("ticket"), "{args}: {stderr}");
                assert_eq!(stderr.lines().count(), 1, "{args}: {stderr}");
                assert!(
                    stderr.contains("S-"),
                    "{args} should name the ticket: {stderr}"
                );
            }
            _ => panic!("{args}: exit {status}: {stderr}"),
        }
    }
    // Every visit is kept once. Every change a client was told it made is in
    // the history once, and none it was refused: each ticket was accepted at
    // most once and resolved at most once, whoever came first. (A ticket
    // resolved on the spot before anyone accepted it is never accepted: a
    // resolved ticket cannot be, so how many acceptances win depends on the
    // order the clients ran in.)
    assert_eq!(
        env.count("SELECT count(*) FROM visits") - visits_before,
        (CLIENTS * VISITS) as i64
    );
    assert_eq!(accepted.get("visit").copied(), Some(CLIENTS * VISITS));
    let events = |action: &str| {
        env.count(&format!(
            "SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
              WHERE t.code LIKE 'S-%' AND e.action = '{action}'"
        )) as usize
    };
    for action in ["accept", "resolve"] {
        assert_eq!(
            events(action),
            accepted.get(action).copied().unwrap_or(0),
            "{action}"
        );
        let most = env.count(&format!(
            "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n
               FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
              WHERE t.code LIKE 'S-%' AND e.action = '{action}'
              GROUP BY t.id) AS per_ticket"
        ));
        assert!(most <= 1, "a ticket took {most} {action} events");
    }
    // Every ticket was moved on by someone: the first client to reach each
    // one found it collected, and both verbs apply to a collected ticket.
    assert_eq!(
        env.count(
            "SELECT count(DISTINCT t.id) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
              WHERE t.code LIKE 'S-%' AND e.action IN ('accept', 'resolve')"
        ),
        SHARED as i64
    );
    env.ok(&["check"]);
}

/// A private server for a test that stops it: `.ci/pg start`'s cluster,
/// stopped and removed when dropped.
struct Server {
    url: String,
    dir: String,
}

impl Server {
    fn start() -> Server {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/pg");
        let out = std::process::Command::new(script)
            .arg("start")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let url = String::from_utf8(out.stdout).unwrap().trim().to_string();
        let dir = url
            .split("host=")
            .nth(1)
            .unwrap()
            .split('&')
            .next()
            .unwrap()
            .to_string();
        Server { url, dir }
    }

    /// pg_ctl on the cluster's data directory, as the user that owns it.
    fn pg_ctl(&self, args: &[&str]) {
        let data = format!("{}/data", self.dir);
        let log = format!("{}/log", self.dir);
        let mut all = vec![
            "-u",
            "postgres",
            "--",
            "/usr/lib/postgresql/15/bin/pg_ctl",
            "-D",
            &data,
            "-l",
            &log,
        ];
        all.extend(args);
        let root = std::process::Command::new("id")
            .arg("-u")
            .output()
            .unwrap()
            .stdout
            == b"0\n";
        let status = if root {
            std::process::Command::new("runuser").args(&all).status()
        } else {
            std::process::Command::new(all[3]).args(&all[4..]).status()
        }
        .unwrap();
        assert!(status.success(), "pg_ctl {args:?}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/pg");
        let _ = std::process::Command::new(script)
            .args(["stop", &self.url])
            .status();
    }
}

/// The server stopped with `pg_ctl stop -m immediate` (as a power cut would)
/// at six points spread over an import of 40,000 visits: once it is back, the
/// database holds all of the file or none of it, the import said it failed
/// in one line unless it had finished, and `check` passes.
#[test]
fn a_server_stopped_during_an_import_keeps_all_of_the_file_or_none() {
    if no_server()
        || skip_slow("postgres::a_server_stopped_during_an_import_keeps_all_of_the_file_or_none")
    {
        return;
    }
    let server = Server::start();
    let env = Env::bare();
    let db = server.url.replace("/postgres?", "/qianqi?");
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db.as_str()];
        all.extend(args);
        env.run(&all)
    };
    let admin = |sql: &str| {
        let mut c = pg_connect(&server.url);
        c.batch_execute(sql).unwrap();
    };
    admin("CREATE DATABASE qianqi");
    assert_eq!(run(&["init"]).status, 0);
    env.ok(&["generate", "--out", "g", "--scale", "3"]);
    for kind in ["units", "cadres", "enterprises", "pairings"] {
        let o = run(&["import", kind, &format!("g/{kind}.csv")]);
        assert_eq!(o.status, 0, "{}", o.transcript());
    }
    let in_file = csv::Reader::from_path(env.path("g/visits.csv"))
        .unwrap()
        .records()
        .count();
    let count = || {
        let mut c = pg_connect(&db);
        c.query_one("SELECT count(*) FROM visits", &[])
            .unwrap()
            .get::<_, i64>(0)
    };
    // A full import, timed, gives the spread of the stops.
    let t = std::time::Instant::now();
    let o = run(&["import", "visits", "g/visits.csv"]);
    assert_eq!(o.status, 0, "{}", o.transcript());
    let duration = t.elapsed();
    assert_eq!(count(), in_file as i64);
    let (mut none, mut all) = (0, 0);
    for part in [0.1, 0.3, 0.5, 0.7, 0.9, 1.2] {
        let delay = duration.mul_f64(part);
        pg_connect(&db).batch_execute("TRUNCATE visits").unwrap();
        let child = env
            .command()
            .args(["--db", &db, "import", "visits", "g/visits.csv", "--again"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        server.pg_ctl(&["stop", "-m", "immediate", "-w"]);
        let out = child.wait_with_output().unwrap();
        server.pg_ctl(&["start", "-w", "-t", "60"]);
        let now = count();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if now == 0 {
            none += 1;
            assert_ne!(
                out.status.code(),
                Some(0),
                "an import that kept nothing said it had worked"
            );
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
            assert!(
                stderr.contains("is the server running")
                    || stderr.contains("closed the connection"),
                "{stderr}"
            );
        } else {
            assert_eq!(
                now, in_file as i64,
                "after {delay:?}: part of the file was kept"
            );
            all += 1;
        }
        let o = run(&["check"]);
        assert_eq!(o.status, 0, "{}", o.transcript());
    }
    eprintln!(
        "server stopped 6 times over an import of {duration:?}: {none} kept none of the file, {all} all of it"
    );
}
