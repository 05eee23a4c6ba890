//! A large import killed with SIGKILL at random moments: after every kill the
//! database is sound and holds either all of the file or none of it.

use crate::harness::*;
use rand::{Rng, SeedableRng};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Instant;

/// How many imports are killed.
const KILLS: u32 = 14;
/// Kill delays run from 0 to this multiple of a full import's duration, so
/// some land before the transaction begins, most during it, a few after.
const SPREAD: f64 = 1.15;

/// The visits table, one line per row, sorted: equal lists mean the same rows,
/// each as many times.
fn visits(env: &Env) -> Vec<String> {
    let c = env.sql();
    let mut stmt = c
        .prepare(
            "SELECT cadre_id, enterprise_id, visited_on, kind, people, tasks, note, unpaired FROM visits",
        )
        .unwrap();
    let mut rows: Vec<String> = stmt
        .query_map([], |r| {
            Ok((0..8)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.sort_unstable();
    rows
}

fn schema(env: &Env) -> String {
    env.sql()
        .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        .unwrap()
        .query_map([], |r| {
            Ok(format!(
                "{}|{}|{:?}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect::<Vec<_>>()
        .join("\n")
}

fn with_suffix(db: &Path, suffix: &str) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// Puts the database back to the copy taken before any visit was imported.
fn restore(env: &Env, base: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(with_suffix(env.file(), suffix));
    }
    std::fs::copy(base, env.file()).unwrap();
}

#[derive(Debug, PartialEq)]
enum Outcome {
    None,
    All,
}

#[test]
fn a_killed_import_leaves_all_of_the_file_or_none_of_it() {
    if skip_slow("crash::a_killed_import_leaves_all_of_the_file_or_none_of_it") {
        return;
    }
    if sqlite_only("puts the database file back by copying it and reads its write-ahead log") {
        return;
    }
    let started = Instant::now();
    let env = Env::new();
    env.ok(&["generate", "--out", "g", "--scale", "3"]);
    for kind in ["units", "cadres", "enterprises", "pairings"] {
        env.ok(&["import", kind, &format!("g/{kind}.csv")]);
    }
    let file = "g/visits.csv";
    let in_file = csv::Reader::from_path(env.path(file))
        .unwrap()
        .records()
        .count();
    assert!(in_file > 20_000, "{in_file} rows is not a large import");

    env.sql()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let base = env.path("base.db");
    std::fs::copy(env.file(), &base).unwrap();
    let base_schema = schema(&env);

    // A full import, timed, gives both the spread of the kills and the rows to expect.
    let t = Instant::now();
    env.ok(&["import", "visits", file]);
    let duration = t.elapsed();
    let expected = visits(&env);
    assert_eq!(expected.len(), in_file);
    restore(&env, &base);

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0x5EED_2022);
    let (mut none, mut all, mut mid_import, mut finished_first) = (0, 0, 0, 0);
    for i in 0..KILLS {
        // One delay in each of KILLS equal slices of the spread, at a random point in it.
        let slice = (f64::from(i) + rng.gen::<f64>()) / f64::from(KILLS);
        let delay = duration.mul_f64(SPREAD * slice);
        let mut child = env
            .command()
            .args(["import", "visits", file])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap();
        let status = child.wait().unwrap();
        // SIGKILL is 9 on every Unix.
        let killed = status.signal() == Some(9);
        // The log exists from the moment the importer opened the database until it closed it.
        let opened = with_suffix(env.file(), "-wal").exists();

        let integrity: String = env
            .sql()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok", "kill {i} after {delay:?}");
        env.ok(&["check"]);
        assert_eq!(schema(&env), base_schema, "kill {i}: the indexes are back");
        let rows = visits(&env);
        let imports = env.count("SELECT count(*) FROM imports WHERE kind = 'visits'");
        let outcome = if rows.is_empty() {
            Outcome::None
        } else {
            assert_eq!(rows, expected, "kill {i} after {delay:?}: a partial import");
            Outcome::All
        };
        assert_eq!(
            imports,
            i64::from(outcome == Outcome::All),
            "kill {i}: the import log disagrees with the visits ({outcome:?})"
        );
        if !killed {
            finished_first += 1;
            assert!(status.success(), "kill {i}: {status:?}");
        }
        match outcome {
            Outcome::None => {
                none += 1;
                if opened {
                    mid_import += 1;
                }
            }
            Outcome::All => {
                all += 1;
                restore(&env, &base);
            }
        }
    }

    // After all that, one import runs to completion and holds every row once.
    env.ok(&["import", "visits", file]);
    assert_eq!(visits(&env), expected);
    assert_eq!(
        env.count("SELECT count(*) FROM imports WHERE kind = 'visits'"),
        1
    );
    env.ok(&["check"]);

    eprintln!(
        "crash test: {in_file} rows, full import {duration:.2?}; {KILLS} kills: \
         {none} left none ({mid_import} of them after the importer had opened the database), \
         {all} left all ({finished_first} had finished before the kill); whole test {:.1?}",
        started.elapsed()
    );
    assert!(none > 0 && mid_import > 0, "no kill landed mid-import");
}
