//! Many cadres writing at once: nothing lost, nothing doubled, nothing half-written.

use crate::harness::*;
use qianqi::domain::uscc::Uscc;
use std::time::{Duration, Instant};

const WORKERS: usize = 8;
const VISITS: usize = 300;
const TRANSITIONS: usize = 100;
/// accept, resolve, reopen per ticket; the last ticket is only accepted.
const TICKETS: usize = TRANSITIONS.div_ceil(3);

fn uscc(w: usize) -> String {
    Uscc::complete(&format!("91500222MA5U{w:05}"))
        .unwrap()
        .as_str()
        .to_string()
}

/// The worker's own ticket codes.
fn ticket_code(w: usize, t: usize) -> String {
    format!("W{w}-{t:03}")
}

/// The command for step `i` of worker `w`: every fourth is a ticket
/// transition, the rest visits, so both kinds contend all along.
fn step(w: usize, i: usize) -> Vec<String> {
    let cadre = format!("C{w}");
    if i % 4 == 3 {
        let j = i / 4;
        let verb = ["accept", "resolve", "reopen"][j % 3];
        let code = ticket_code(w, j / 3);
        vec![
            "ticket".into(),
            verb.into(),
            code,
            "--by".into(),
            cadre,
            "--on".into(),
            "2022-06-01".into(),
            "--note".into(),
            format!("w{w} t{j}"),
        ]
    } else {
        vec![
            "visit".into(),
            uscc(w),
            "--cadre".into(),
            cadre,
            "--on".into(),
            "2022-05-01".into(),
            "--note".into(),
            format!("w{w} v{}", i - i / 4),
        ]
    }
}

#[test]
fn eight_processes_writing_at_once_lose_and_double_nothing() {
    if skip_slow("concurrency::eight_processes_writing_at_once_lose_and_double_nothing") {
        return;
    }
    let env = Env::new();
    env.ok(&["unit", "add", "T01", "古南街道", "--kind", "town"]);
    env.ok(&["unit", "add", "D01", "区经济信息委", "--kind", "dept"]);
    for w in 0..WORKERS {
        env.ok(&[
            "cadre",
            "add",
            &format!("C{w}"),
            &format!("干部{w}"),
            "--unit",
            "D01",
        ]);
        env.ok(&[
            "enterprise",
            "add",
            &uscc(w),
            &format!("企业{w}"),
            "--town",
            "T01",
        ]);
        env.ok(&[
            "pair",
            &format!("C{w}"),
            &uscc(w),
            "--tier",
            "district",
            "--on",
            "2022-01-01",
        ]);
    }
    // The tickets each worker moves along, in one import, each with the
    // department (D01) that accepts it.
    let mut tickets = String::from("code,enterprise,cadre,collected_on,summary,department\n");
    for w in 0..WORKERS {
        for t in 0..TICKETS {
            tickets.push_str(&format!(
                "{},{},C{w},2022-05-01,并发测试,D01\n",
                ticket_code(w, t),
                uscc(w)
            ));
        }
    }
    env.write("tickets.csv", tickets);
    env.ok(&["import", "tickets", "tickets.csv"]);
    let steps = VISITS + TRANSITIONS;
    assert_eq!(steps / 4, TRANSITIONS, "one step in four is a transition");

    let started = Instant::now();
    let failures: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..WORKERS)
            .map(|w| {
                let env = &env;
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    for i in 0..steps {
                        let args = step(w, i);
                        let out = env.command().args(&args).output().unwrap();
                        if !out.status.success() {
                            failures.push(format!(
                                "{args:?}: {:?} {}",
                                out.status.code(),
                                String::from_utf8_lossy(&out.stderr)
                            ));
                        }
                    }
                    failures
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    // How long it took depends on the machine, so it is printed, not checked.
    eprintln!(
        "{} processes ({WORKERS} at a time) took {:.1?}",
        WORKERS * steps,
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );

    // Every visit once.
    assert_eq!(
        env.count("SELECT count(*) FROM visits"),
        (WORKERS * VISITS) as i64
    );
    assert_eq!(
        env.count("SELECT count(DISTINCT cadre_id || '|' || note) FROM visits"),
        (WORKERS * VISITS) as i64
    );
    assert_eq!(
        env.count(
            "SELECT count(*) FROM (SELECT cadre_id FROM visits GROUP BY cadre_id HAVING count(*) <> 300) AS c"
        ),
        0
    );
    // Every transition once, in the order its worker made them.
    assert_eq!(
        env.count("SELECT count(*) FROM ticket_events WHERE status <> 'collected'"),
        (WORKERS * TRANSITIONS) as i64
    );
    assert_eq!(
        env.count("SELECT count(DISTINCT note) FROM ticket_events WHERE status <> 'collected'"),
        (WORKERS * TRANSITIONS) as i64
    );
    // Each ticket's status and its events in order.
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for r in env.rows(
        "SELECT t.code, t.status, e.status FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id
         ORDER BY t.code, e.id",
    ) {
        match rows.last_mut() {
            Some(last) if last.0 == r[0] => {
                last.2.push(' ');
                last.2.push_str(&r[2]);
            }
            _ => rows.push((r[0].clone(), r[1].clone(), r[2].clone())),
        }
    }
    assert_eq!(rows.len(), WORKERS * TICKETS);
    for (code, status, history) in rows {
        let last = code.ends_with(&format!("{:03}", TICKETS - 1));
        let (want_status, want_history) = if last && TRANSITIONS % 3 == 1 {
            ("in_progress", "collected in_progress")
        } else {
            ("in_progress", "collected in_progress resolved in_progress")
        };
        assert_eq!(
            (status.as_str(), history.as_str()),
            (want_status, want_history),
            "{code}"
        );
    }
    let out = env.ok(&["check"]);
    assert!(out.starts_with("database consistent"), "{out}");
}

#[test]
fn a_writer_blocked_past_the_busy_timeout_exits_3_and_writes_nothing() {
    if sqlite_only("SQLite's database-wide write lock (BEGIN IMMEDIATE)") {
        return;
    }
    let env = Env::new();
    env.seed();
    let holder = env.sql();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let visit = [
        "visit",
        "914403001922038216",
        "--cadre",
        "C01",
        "--on",
        "2022-03-01",
    ];

    let started = Instant::now();
    let mut args = vec!["--busy-timeout", "300"];
    args.extend(visit);
    let msg = env.fails(3, &args);
    let waited = started.elapsed();
    assert!(
        msg.contains("locked") && msg.contains("nothing was written"),
        "{msg}"
    );
    // The timeout was honoured: a lower bound, which a slow machine only
    // makes easier to meet. How much longer it took is printed, not checked.
    assert!(
        waited >= Duration::from_millis(300),
        "gave up after {waited:?}"
    );
    eprintln!("a writer with a 300 ms busy timeout gave up after {waited:.2?}");

    // The variable sets it too, and readers are not blocked by a writer.
    let mut cmd = env.command();
    cmd.env("QIANQI_BUSY_TIMEOUT", "100");
    let o = env.run_with(cmd, &visit, None);
    assert_eq!(o.status, 3, "{}", o.transcript());
    env.ok(&["visit", "list"]);

    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    env.ok(&visit);
    assert_eq!(env.count("SELECT count(*) FROM visits"), 1);
}
