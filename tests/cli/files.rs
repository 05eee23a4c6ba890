//! The files qianqi writes: never onto the database or the files SQLite
//! keeps beside it, owner-only, no leftovers, and a database that may only
//! be read is read.

use crate::harness::*;
use std::path::{Path, PathBuf};

fn world() -> Env {
    let env = Env::new();
    env.seed();
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

/// What a file holds now, or that it is missing.
fn contents(p: &Path) -> Option<Vec<u8>> {
    std::fs::read(p).ok()
}

#[test]
fn nothing_is_written_onto_the_database_or_its_companions_however_spelt() {
    if sqlite_only("the database file and its companions") {
        return;
    }
    let env = world();
    // Another program has the database open: its log and index exist.
    let other = env.sql();
    other
        .query_row("SELECT count(*) FROM visits", [], |r| r.get::<_, i64>(0))
        .unwrap();
    std::fs::create_dir(env.path("sub")).unwrap();
    let abs = env.file().to_path_buf();
    let mut targets: Vec<String> = [
        "qianqi.db",
        "./qianqi.db",
        "sub/../qianqi.db",
        "qianqi.db-wal",
        "sub/../qianqi.db-shm",
        "qianqi.db-journal",
    ]
    .map(String::from)
    .to_vec();
    targets.push(s(&abs).to_string());
    targets.push(format!("{}-wal", s(&abs)));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(env.file(), env.path("link.db")).unwrap();
        std::os::unix::fs::symlink("qianqi.db-journal", env.path("dangling")).unwrap();
        std::os::unix::fs::symlink(".", env.path("here")).unwrap();
        std::fs::hard_link(env.file(), env.path("hard.db")).unwrap();
        targets.extend(["link.db", "dangling", "here/qianqi.db-wal", "hard.db"].map(String::from));
    }
    let commands: [&[&str]; 5] = [
        &["export", "units", "-o"],
        &["unit", "list", "--format", "csv", "--output"],
        &["report", "reconcile", "--output"],
        &["report", "reconcile", "--format", "text", "--output"],
        &["backup"],
    ];
    for t in &targets {
        for cmd in commands {
            // The database is compared by `fails`, through SQLite: reading
            // it here would drop the open connection's locks.
            let before = (
                contents(&env.path("qianqi.db-wal")),
                contents(&env.path("qianqi.db-journal")),
            );
            let mut args = cmd.to_vec();
            args.push(t);
            let msg = env.fails(2, &args);
            assert!(
                msg.contains("is the database itself") || msg.contains("of the database"),
                "{args:?}: {msg}"
            );
            let after = (
                contents(&env.path("qianqi.db-wal")),
                contents(&env.path("qianqi.db-journal")),
            );
            assert!(before == after, "{args:?} wrote onto the database");
        }
    }
    drop(other);
    env.ok(&["check"]);
    assert_eq!(env.count("SELECT count(*) FROM visits"), 1);
}

/// Leaves `b` as an older backup with a log beside it that does not belong
/// to it: the log of a version of it with every visit deleted.
fn stale_log_beside(b: &Path) {
    let wal = PathBuf::from(format!("{}-wal", s(b)));
    let c = rusqlite::Connection::open(b).unwrap();
    c.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; DELETE FROM visits;",
    )
    .unwrap();
    let log = std::fs::read(&wal).unwrap();
    assert!(!log.is_empty());
    drop(c);
    std::fs::write(&wal, log).unwrap();
}

#[test]
fn a_backup_never_opens_with_the_log_of_the_file_it_replaced() {
    let env = world();
    let b = env.path("b.db");
    env.ok(&["backup", s(&b)]);
    stale_log_beside(&b);
    env.ok(&[
        "visit",
        "91350100M000100Y43",
        "--cadre",
        "C03",
        "--on",
        "2022-04-01",
    ]);
    env.ok(&["backup", s(&b)]);
    for companion in ["-wal", "-shm", "-journal"] {
        assert!(
            !env.path(&format!("b.db{companion}")).exists(),
            "{companion}"
        );
    }
    assert_eq!(env.count("SELECT count(*) FROM visits"), 2);
    let in_backup = rusqlite::Connection::open(&b)
        .unwrap()
        .query_row("SELECT count(*) FROM visits", [], |r| r.get::<_, i64>(0))
        .unwrap();
    assert_eq!(in_backup, 2);
    if !on_postgres() {
        assert_eq!(dump(&b), env.dump());
    }
}

#[test]
fn a_file_with_a_log_that_is_not_its_own_is_neither_read_nor_restored() {
    let env = world();
    let b = env.path("b.db");
    env.ok(&["backup", s(&b)]);
    let expected = dump(&b);
    let wal = env.path("b.db-wal");
    // A log of another copy, moved beside a fresh backup (as an older
    // qianqi left them): SQLite would replay it.
    let copy = env.path("copy.db");
    std::fs::copy(&b, &copy).unwrap();
    stale_log_beside(&copy);
    std::fs::rename(env.path("copy.db-wal"), &wal).unwrap();
    let bytes = std::fs::read(&b).unwrap();
    let o = env.run(&["--db", "b.db", "check"]);
    assert_eq!(o.status, 2, "{}", o.transcript());
    assert_eq!(o.stderr.lines().count(), 1, "{}", o.stderr);
    assert!(o.stderr.contains("that is not its own"), "{}", o.stderr);
    let before = env.dump();
    let o = env.run(&["restore", "b.db"]);
    assert_eq!(o.status, 2, "{}", o.transcript());
    assert_eq!(env.dump(), before);
    assert_eq!(std::fs::read(&b).unwrap(), bytes);
    // With the stray log moved away, the backup is whole.
    std::fs::remove_file(&wal).unwrap();
    assert_eq!(dump(&b), expected);
}

#[test]
fn a_backup_in_use_by_another_program_is_not_replaced() {
    let env = world();
    let b = env.path("b.db");
    env.ok(&["backup", s(&b)]);
    let c = rusqlite::Connection::open(&b).unwrap();
    c.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
        .unwrap();
    c.execute_batch("BEGIN").unwrap();
    c.query_row("SELECT count(*) FROM visits", [], |r| r.get::<_, i64>(0))
        .unwrap();
    // Read through SQLite: closing a plain handle on the file would drop
    // the other program's locks (POSIX locks belong to the process).
    let before = dump(&b);
    let msg = env.fails(2, &["backup", s(&b)]);
    assert!(msg.contains("is open in another program"), "{msg}");
    assert_eq!(dump(&b), before);
    drop(c);
    assert!(!env.path("b.db-wal").exists());
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn databases_and_their_copies_are_readable_by_their_owner_only() {
    if sqlite_only("the database file's permissions") {
        return;
    }
    let env = world();
    assert_eq!(mode(env.file()), 0o600);
    // SQLite gives the log and index the database's permissions.
    let c = env.sql();
    c.query_row("SELECT count(*) FROM visits", [], |r| r.get::<_, i64>(0))
        .unwrap();
    assert_eq!(mode(&env.path("qianqi.db-shm")), 0o600, "the index too");
    drop(c);
    let b = env.path("b.db");
    env.ok(&["backup", s(&b)]);
    assert_eq!(mode(&b), 0o600);
    env.ok(&["restore", s(&b)]);
    assert_eq!(mode(&env.path("qianqi.db.before-restore")), 0o600);
    // A backup someone made world-readable restores owner-only.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&b, std::fs::Permissions::from_mode(0o644)).unwrap();
    let fresh = Env::bare();
    fresh.ok(&["restore", s(&b)]);
    assert_eq!(mode(fresh.file()), 0o600);
    let demo = Env::bare();
    demo.ok(&["init"]);
    assert_eq!(mode(demo.file()), 0o600);
}

#[cfg(unix)]
#[test]
fn what_a_killed_backup_or_restore_left_behind_is_removed_by_the_next() {
    let env = world();
    let left = [
        ".qianqi-backup-Xk3f9a",
        ".qianqi-backup-Qr8s1b.db",
        ".qianqi-restore-Lm2n4c",
        ".qianqi-restore-Lm2n4c-wal",
        ".qianqi-restore-Lm2n4c-shm",
        ".qianqi-restore-Gone77-wal",
        ".qianqi-output-Tz5v6d",
    ];
    for name in left {
        env.write(name, b"partial");
    }
    // One in use by a run still going is left alone.
    let busy = env.write(".qianqi-backup-Busy01", b"partial");
    let held = std::fs::File::open(&busy).unwrap();
    held.try_lock().unwrap();
    env.ok(&["backup", s(&env.path("b.db"))]);
    let names = || -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(env.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".qianqi"))
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(), [".qianqi-backup-Busy01"]);
    drop(held);
    // The next run that writes here takes the rest.
    env.ok(&["export", "units", "-o", "units.csv"]);
    assert!(names().is_empty(), "{:?}", names());
}

#[test]
fn a_missing_directory_is_named_as_the_user_gave_it() {
    let env = world();
    for args in [
        &["export", "units", "-o", "missing/units.csv"][..],
        &["report", "reconcile", "--output", "missing/r.csv"],
        &["backup", "missing/b.db"],
    ] {
        let msg = env.fails(2, args);
        assert_eq!(
            msg,
            "qianqi: the directory missing does not exist; create it first or choose a file in an existing directory"
        );
    }
    assert!(!env.path("missing").exists());
}

/// Makes a directory unwritable, even for root (whom permission bits do not
/// stop): the immutable attribute where chattr works, else the bits. None
/// when neither stops writes here.
struct Unwritable(PathBuf, bool);

impl Unwritable {
    fn new(dir: &Path) -> Option<Unwritable> {
        let chattr = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .output()
            .is_ok_and(|o| o.status.success());
        let guard = Unwritable(dir.to_owned(), chattr);
        if !chattr {
            let mut perms = std::fs::metadata(dir).unwrap().permissions();
            perms.set_readonly(true);
            std::fs::set_permissions(dir, perms).unwrap();
        }
        let probe = dir.join(".probe");
        if std::fs::write(&probe, b"").is_ok() {
            let _ = std::fs::remove_file(&probe);
            return None;
        }
        Some(guard)
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        if self.1 {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.0)
                .status();
        } else if let Ok(m) = std::fs::metadata(&self.0) {
            let mut perms = m.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            let _ = std::fs::set_permissions(&self.0, perms);
        }
    }
}

/// An environment whose database sits alone (no log, no index) in `ro/`.
fn in_subdirectory(env: Env) -> Env {
    env.sql()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    std::fs::create_dir(env.path("ro")).unwrap();
    let db = env.path("ro/qianqi.db");
    std::fs::rename(env.file(), &db).unwrap();
    for c in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(env.path(&format!("qianqi.db{c}")));
    }
    Env {
        db: s(&db).to_string(),
        ..env
    }
}

#[test]
fn a_database_in_a_directory_that_may_not_be_written_is_read_but_never_written() {
    if sqlite_only("a database file in a directory that may not be written") {
        return;
    }
    let env = in_subdirectory(world());
    let bytes = std::fs::read(env.file()).unwrap();
    let expected = env.dump();
    for c in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(env.path(&format!("ro/qianqi.db{c}")));
    }
    let Some(_guard) = Unwritable::new(&env.path("ro")) else {
        eprintln!("skipped: cannot make a directory unwritable here");
        return;
    };
    assert!(env.ok(&["unit", "list"]).contains("T01"));
    assert!(env.ok(&["report", "reconcile"]).contains("collected"));
    assert!(env.ok(&["export", "cadres"]).contains("王芳"));
    assert!(env.ok(&["check"]).starts_with("database consistent"));
    env.ok(&["backup", "b.db"]);
    assert_eq!(dump(&env.path("b.db")), expected);
    for args in [
        &["unit", "add", "T09", "新街道", "--kind", "town"][..],
        &[
            "visit",
            "914403001922038216",
            "--cadre",
            "C01",
            "--on",
            "2022-05-01",
        ],
        &["restore", "b.db"],
    ] {
        let o = env.run(args);
        assert_eq!(o.status, 2, "{args:?}: {}", o.transcript());
        assert_eq!(o.stderr.lines().count(), 1, "{}", o.stderr);
        assert!(
            o.stderr.contains("read-only") || o.stderr.contains("cannot write in the directory"),
            "{}",
            o.stderr
        );
    }
    assert_eq!(std::fs::read(env.file()).unwrap(), bytes);
}

#[test]
fn an_old_database_that_may_not_be_written_says_it_cannot_be_upgraded() {
    if sqlite_only("a SQLite file of schema version 1") {
        return;
    }
    let env = Env::bare();
    std::fs::create_dir(env.path("ro")).unwrap();
    let db = env.path("ro/qianqi.db");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/v1.db"),
        &db,
    )
    .unwrap();
    let env = Env {
        db: s(&db).to_string(),
        ..env
    };
    let bytes = std::fs::read(env.file()).unwrap();
    let Some(_guard) = Unwritable::new(&env.path("ro")) else {
        eprintln!("skipped: cannot make a directory unwritable here");
        return;
    };
    let o = env.run(&["ticket", "list"]);
    assert_eq!(o.status, 2, "{}", o.transcript());
    assert!(
        o.stderr.contains("schema version 1") && o.stderr.contains("read-only"),
        "{}",
        o.stderr
    );
    assert_eq!(std::fs::read(env.file()).unwrap(), bytes);
}

#[test]
fn the_generator_never_writes_over_the_database() {
    if sqlite_only("the database file among the generator's files") {
        return;
    }
    let env = Env::bare();
    std::fs::create_dir(env.path("out")).unwrap();
    let env = Env {
        db: s(&env.path("out/units.csv")).to_string(),
        ..env
    };
    env.ok(&["init"]);
    let msg = env.fails(2, &["generate", "--out", "out"]);
    assert!(msg.contains("is the database itself"), "{msg}");
    env.ok(&["check"]);
}
