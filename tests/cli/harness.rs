//! Runs `qianqi` like a person would, in a clean environment with a pinned
//! clock, and checks what it leaves behind.
//!
//! `QIANQI_QUICK_TESTS=1 cargo test` skips the slow tests (many processes
//! writing at once, the killed import, the LibreOffice round trip), each
//! saying so on one line; CI never sets it, so there everything runs.

#![allow(dead_code)]

use assert_cmd::cargo::CommandCargoExt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The schema version this qianqi writes: the number of migrations in schema.sql.
pub fn schema_version() -> i64 {
    include_str!("../../schema.sql")
        .lines()
        .filter(|l| l.starts_with("-- migration "))
        .count() as i64
}

/// "Today" in every test unless a test says otherwise.
pub const TODAY: &str = "2022-12-31";

/// The switch that skips the slow tests on a developer's machine.
pub const QUICK: &str = "QIANQI_QUICK_TESTS";

/// Whether to skip the slow test `name`: true when `QIANQI_QUICK_TESTS=1`,
/// after saying so on one line. The line goes straight to stderr, past the
/// test runner's capture, so that a skipped test is never mistaken for a
/// passed one.
pub fn skip_slow(name: &str) -> bool {
    let quick = std::env::var_os(QUICK).is_some_and(|v| v == "1");
    if quick {
        let _ = writeln!(std::io::stderr(), "skipped {name}: {QUICK}=1");
    }
    quick
}

/// A program a test drives (LibreOffice, Chromium), found on PATH under one
/// of `names`. Where it is missing, a developer's run skips the test with a
/// note, since the tests need only a Rust toolchain; a CI run (`CI` set, as
/// `.ci/run` is run), which installs it, fails instead of passing silently.
pub fn program(test: &str, names: &[&str], packages: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file());
    if found.is_none() {
        let missing = format!("{} is not installed (apt-get install {packages})", names[0]);
        if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
            panic!("{test}: {missing}; .ci/run installs it");
        }
        let _ = writeln!(std::io::stderr(), "note: {missing}; skipping {test}");
    }
    found
}

pub struct Out {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    /// stdout, stderr and status together, for snapshots.
    pub fn transcript(&self) -> String {
        format!(
            "status: {}\n--- stdout\n{}--- stderr\n{}",
            self.status, self.stdout, self.stderr
        )
    }
}

/// A temporary directory with a database in it.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    pub today: String,
    pub user: Option<String>,
}

impl Env {
    /// A fresh, initialised database.
    pub fn new() -> Env {
        let env = Env::bare();
        env.ok(&["init"]);
        env
    }

    /// A temporary directory whose database does not exist yet.
    pub fn bare() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("qianqi.db");
        Env {
            dir,
            db,
            today: TODAY.to_string(),
            user: None,
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    pub fn command(&self) -> Command {
        let mut c = Command::cargo_bin("qianqi").unwrap();
        c.env_clear()
            .env("QIANQI_DB", &self.db)
            .env("QIANQI_TODAY", &self.today)
            .env("QIANQI_CONFIG", self.dir.path().join("config.toml"))
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .current_dir(self.dir.path());
        if let Some(u) = &self.user {
            c.env("QIANQI_USER", u);
        }
        c
    }

    pub fn run_with(&self, mut c: Command, args: &[&str], stdin: Option<&[u8]>) -> Out {
        c.args(args)
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        if let Some(input) = stdin {
            child.stdin.take().unwrap().write_all(input).unwrap();
        }
        let out = child.wait_with_output().unwrap();
        let o = Out {
            status: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(
            !o.stderr.contains("panicked"),
            "qianqi panicked on {args:?}:\n{}",
            o.stderr
        );
        o
    }

    pub fn run(&self, args: &[&str]) -> Out {
        self.run_with(self.command(), args, None)
    }

    pub fn run_stdin(&self, args: &[&str], stdin: &[u8]) -> Out {
        self.run_with(self.command(), args, Some(stdin))
    }

    /// Runs a command that must succeed; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert_eq!(o.status, 0, "{args:?} failed:\n{}", o.transcript());
        o.stdout
    }

    /// Runs a command that must fail with `status`, print one line on stderr
    /// and leave the database exactly as it was; returns that line.
    pub fn fails(&self, status: i32, args: &[&str]) -> String {
        let before = self.dump();
        let o = self.run(args);
        assert_eq!(o.status, status, "{args:?}:\n{}", o.transcript());
        assert_eq!(
            o.stderr.lines().count(),
            1,
            "{args:?} should say one line:\n{}",
            o.stderr
        );
        assert!(o.stderr.starts_with("qianqi: "), "{}", o.stderr);
        assert_eq!(before, self.dump(), "{args:?} changed the database");
        o.stderr.trim_end().to_string()
    }

    /// Every row of every table, and the schema version: equal dumps mean
    /// an unchanged database.
    pub fn dump(&self) -> String {
        dump(&self.db)
    }

    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).unwrap()
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.sql().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// A small world: two towns, two departments, cadres of each tier,
    /// three enterprises with open pairings.
    pub fn seed(&self) {
        for args in [
            &["unit", "add", "T01", "古南街道", "--kind", "town"][..],
            &["unit", "add", "T02", "文龙街道", "--kind", "town"],
            &["unit", "add", "D01", "区经济信息委", "--kind", "dept"],
            &["unit", "add", "D02", "区人力社保局", "--kind", "dept"],
            &[
                "cadre",
                "add",
                "C01",
                "王芳",
                "--unit",
                "D01",
                "--rank",
                "副科级",
                "--phone",
                "13800138000",
            ],
            &[
                "cadre",
                "add",
                "C02",
                "李明",
                "--unit",
                "D02",
                "--rank",
                "正科级",
            ],
            &[
                "cadre", "add", "C03", "张伟", "--unit", "T01", "--rank", "科员",
            ],
            &[
                "enterprise",
                "add",
                "914403001922038216",
                "重庆金美新材料科技有限公司",
                "--town",
                "T01",
                "--chain",
                "新材料",
                "--key",
            ],
            &[
                "enterprise",
                "add",
                "91350100M000100Y43",
                "重庆新视通智能科技有限公司",
                "--town",
                "T01",
                "--chain",
                "电子信息",
            ],
            &[
                "enterprise",
                "add",
                "91110000802100433B",
                "重庆旗能电铝有限公司",
                "--town",
                "T02",
                "--chain",
                "铝(再生铝)及铝精深加工",
            ],
            &[
                "pair",
                "C01",
                "914403001922038216",
                "--tier",
                "district",
                "--on",
                "2022-01-10",
            ],
            &[
                "pair",
                "C03",
                "91350100M000100Y43",
                "--tier",
                "town",
                "--on",
                "2022-02-01",
            ],
            &[
                "pair",
                "C03",
                "91110000802100433B",
                "--tier",
                "town",
                "--on",
                "2022-02-01",
            ],
        ] {
            self.ok(args);
        }
    }
}

pub fn dump(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut out = String::new();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    out.push_str(&format!("user_version {v}\n"));
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for t in tables {
        out.push_str(&format!("[{t}]\n"));
        let mut stmt = c
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}
