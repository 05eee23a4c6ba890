//! Runs `qianqi` like a person would, in a clean environment with a pinned
//! clock, and checks what it leaves behind.
//!
//! `QIANQI_QUICK_TESTS=1 cargo test` skips the slow tests (many processes
//! writing at once, the killed import, the LibreOffice round trip), each
//! saying so on one line; CI never sets it, so there everything runs.
//!
//! The tests run on SQLite files. With `QIANQI_TEST_PG` set to the base URL
//! of a PostgreSQL server, e.g.
//! `postgresql://postgres@/postgres?host=/tmp/qianqi-pg.XXXXXX&port=54321`,
//! they run on PostgreSQL instead: every [`Env`] gets a database of its own
//! there (`CREATE DATABASE qianqi_t<pid>_<n>`, dropped with the `Env`), made
//! and dropped through a connection to the URL's own database, as a role
//! allowed to create databases. `.ci/pg run cargo test --test cli` starts a
//! private cluster for one run. A test about SQLite files (backups of the
//! file, its companions, file permissions, old SQLite schemas) begins with
//! `if sqlite_only("why") { return; }` and is skipped there with a note;
//! the rest reach the database through the engine-neutral helpers
//! ([`Env::count`], [`Env::rows`], [`Env::execute`], [`Env::try_execute`],
//! [`Env::dump`]), in SQL both engines read. Flag values in such SQL are
//! written quoted (`unpaired = '1'`): both engines read `'1'` as the
//! column's type, an integer in SQLite, an integer or a boolean in
//! PostgreSQL.

#![allow(dead_code)]

use assert_cmd::cargo::CommandCargoExt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

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

/// The variable holding the base URL of a PostgreSQL server to run the
/// tests on; unset or empty, they run on SQLite files.
pub const PG: &str = "QIANQI_TEST_PG";

/// How the harness reads a PostgreSQL database's schema version (the first
/// column of the first row): the one place to change, with the next, if the
/// schema keeps it elsewhere. On SQLite it is `PRAGMA user_version`.
const PG_SCHEMA_VERSION: &str = "SELECT value FROM qianqi_meta WHERE key = 'schema_version'";
/// How a test records another schema version there, `{v}` standing for it.
const PG_SET_SCHEMA_VERSION: &str =
    "UPDATE qianqi_meta SET value = '{v}' WHERE key = 'schema_version'";

/// The base URL of the PostgreSQL server the tests run on, if any.
pub fn pg_base() -> Option<&'static str> {
    static BASE: OnceLock<Option<String>> = OnceLock::new();
    BASE.get_or_init(|| std::env::var(PG).ok().filter(|v| !v.is_empty()))
        .as_deref()
}

/// Whether the tests run on PostgreSQL.
pub fn on_postgres() -> bool {
    pg_base().is_some()
}

/// Whether the running test is about SQLite only (the database file and
/// its companions, old SQLite schemas, SQLite's own SQL) and so skipped on
/// PostgreSQL: there it says so on one line, as a skipped slow test does,
/// and returns true. First thing in the test, before any database is made:
/// `if sqlite_only("why") { return; }`.
pub fn sqlite_only(why: &str) -> bool {
    let pg = on_postgres();
    if pg {
        let _ = writeln!(
            std::io::stderr(),
            "skipped {}: SQLite only: {why}",
            test_name()
        );
    }
    pg
}

/// The name of the running test, for notes.
fn test_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_string()
}

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

/// A temporary directory (the working directory of the commands) and a
/// database: the file `qianqi.db` in it on SQLite, a database of its own on
/// the PostgreSQL server of `QIANQI_TEST_PG`.
pub struct Env {
    pub dir: tempfile::TempDir,
    /// What `QIANQI_DB` is set to: the database file's path on SQLite, the
    /// database's URL on PostgreSQL.
    pub db: String,
    pub today: String,
    pub user: Option<String>,
    /// On PostgreSQL, the database made for this `Env`, dropped with it.
    pub pg: Option<PgDatabase>,
}

impl Env {
    /// A fresh, initialised database.
    pub fn new() -> Env {
        let env = Env::bare();
        env.ok(&["init"]);
        env
    }

    /// A database not initialised yet: on SQLite a file that does not
    /// exist, on PostgreSQL an empty database.
    pub fn bare() -> Env {
        let dir = tempfile::tempdir().unwrap();
        match pg_base() {
            None => {
                let db = dir.path().join("qianqi.db").to_str().unwrap().to_string();
                Env::at(dir, db, None)
            }
            Some(_) => {
                let pg = PgDatabase::create(None);
                Env::at(dir, pg.url.clone(), Some(pg))
            }
        }
    }

    /// On PostgreSQL, a fresh database copied from the database `template`
    /// (which nobody may be connected to); on SQLite, `Env::bare`.
    pub fn from_template(template: &str) -> Env {
        assert!(on_postgres(), "templates are PostgreSQL's");
        let dir = tempfile::tempdir().unwrap();
        let pg = PgDatabase::create(Some(template));
        Env::at(dir, pg.url.clone(), Some(pg))
    }

    /// A new `Env` whose database is a copy of this one's, on either engine.
    pub fn copy(&self) -> Env {
        match &self.pg {
            None => {
                let copy = Env::bare();
                self.sql().execute("VACUUM INTO ?1", [&copy.db]).unwrap();
                copy
            }
            Some(pg) => Env::from_template(&pg.name),
        }
    }

    fn at(dir: tempfile::TempDir, db: String, pg: Option<PgDatabase>) -> Env {
        Env {
            dir,
            db,
            today: TODAY.to_string(),
            user: None,
            pg,
        }
    }

    /// The database file. SQLite only: a test that reaches for it begins
    /// with [`sqlite_only`].
    pub fn file(&self) -> &Path {
        assert!(
            self.pg.is_none(),
            "{}: the database is not a file on PostgreSQL; begin the test with `if sqlite_only(..) {{ return; }}`",
            test_name()
        );
        Path::new(&self.db)
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
    /// an unchanged database. Compare dumps of one engine only.
    pub fn dump(&self) -> String {
        match &self.pg {
            None => dump(self.file()),
            Some(pg) => pg.dump(),
        }
    }

    /// A connection to the database file. SQLite only (see
    /// [`sqlite_only`]); where the SQL is the same on both engines,
    /// prefer [`Env::count`], [`Env::rows`] and [`Env::execute`].
    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.file()).unwrap()
    }

    /// The schema version the database records, on either engine.
    pub fn recorded_version(&self) -> i64 {
        match &self.pg {
            None => self.count("PRAGMA user_version"),
            Some(_) => self.count(PG_SCHEMA_VERSION),
        }
    }

    /// Records schema version `v`, as a newer qianqi would, on either engine.
    pub fn set_recorded_version(&self, v: i64) {
        match &self.pg {
            None => self.execute(&format!("PRAGMA user_version = {v}")),
            Some(_) => self.execute(&PG_SET_SCHEMA_VERSION.replace("{v}", &v.to_string())),
        }
    }

    /// The first column of the first row of `sql`, a whole number (a flag
    /// counts 1 or 0), on either engine.
    pub fn count(&self, sql: &str) -> i64 {
        let rows = self.rows(sql);
        let v = rows
            .first()
            .and_then(|r| r.first())
            .unwrap_or_else(|| panic!("no row from {sql}"));
        match v.as_str() {
            "t" => 1,
            "f" => 0,
            v => v
                .parse()
                .unwrap_or_else(|_| panic!("{sql}: {v:?} is not a whole number")),
        }
    }

    /// The rows of `sql`, each column as text (NULL as `NULL`), on either
    /// engine.
    pub fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        match &self.pg {
            None => {
                let c = self.sql();
                let mut stmt = c.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
                let n = stmt.column_count();
                stmt.query_map([], |r| {
                    Ok((0..n)
                        .map(|i| match r.get_ref(i).unwrap() {
                            rusqlite::types::ValueRef::Null => "NULL".to_string(),
                            rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                            rusqlite::types::ValueRef::Real(v) => v.to_string(),
                            rusqlite::types::ValueRef::Text(t) => {
                                String::from_utf8_lossy(t).into_owned()
                            }
                            rusqlite::types::ValueRef::Blob(b) => format!("{b:?}"),
                        })
                        .collect())
                })
                .unwrap()
                .map(Result::unwrap)
                .collect()
            }
            Some(pg) => pg.rows(sql),
        }
    }

    /// Runs `sql`, one statement or several, on either engine: to plant
    /// what the commands never write.
    pub fn execute(&self, sql: &str) {
        if let Err(e) = self.try_execute(sql) {
            panic!("{sql}\n{e}");
        }
    }

    /// Runs `sql` on either engine; a refusal comes back as the database's
    /// message.
    pub fn try_execute(&self, sql: &str) -> Result<(), String> {
        match &self.pg {
            None => self.sql().execute_batch(sql).map_err(|e| e.to_string()),
            Some(pg) => pg.connect().batch_execute(sql).map_err(|e| pg_message(&e)),
        }
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

/// On PostgreSQL, the database of one `Env`, on the server of `QIANQI_TEST_PG`.
pub struct PgDatabase {
    pub name: String,
    /// Its URL: the base URL with the database name in place.
    pub url: String,
}

impl PgDatabase {
    /// A new database, empty (a copy of `template0`) or a copy of `template`.
    fn create(template: Option<&str>) -> PgDatabase {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "qianqi_t{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        pg_create(&name, template);
        PgDatabase {
            url: pg_url(&name),
            name,
        }
    }

    pub fn connect(&self) -> postgres::Client {
        pg_connect(&self.url)
    }

    fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        let messages = self
            .connect()
            .simple_query(sql)
            .unwrap_or_else(|e| panic!("{sql}\n{}", pg_message(&e)));
        let mut out = Vec::new();
        for m in messages {
            match m {
                postgres::SimpleQueryMessage::Row(r) => out.push(
                    (0..r.len())
                        .map(|i| r.get(i).unwrap_or("NULL").to_string())
                        .collect(),
                ),
                // The first statement's rows only.
                postgres::SimpleQueryMessage::CommandComplete(_) => break,
                _ => {}
            }
        }
        out
    }

    /// The schema version, then every row of every table (`[name]`, or
    /// `[schema.name]` outside `public`), each rendered by PostgreSQL as a
    /// row literal, in byte order. Sequences are left out: a refused insert
    /// still draws a number, unseen by any query.
    fn dump(&self) -> String {
        let mut c = self.connect();
        let version = match c.simple_query(PG_SCHEMA_VERSION) {
            Ok(messages) => messages
                .iter()
                .find_map(|m| match m {
                    postgres::SimpleQueryMessage::Row(r) => {
                        Some(r.get(0).unwrap_or("NULL").to_string())
                    }
                    _ => None,
                })
                .unwrap_or_else(|| "none".to_string()),
            Err(e) if e.code() == Some(&postgres::error::SqlState::UNDEFINED_TABLE) => {
                "none".to_string()
            }
            Err(e) => panic!("{PG_SCHEMA_VERSION}\n{}", pg_message(&e)),
        };
        let mut out = format!("schema_version {version}\n");
        let tables = c
            .query(
                "SELECT name FROM (
                     SELECT CASE n.nspname WHEN 'public' THEN format('%I', t.relname)
                            ELSE format('%I.%I', n.nspname, t.relname) END AS name
                       FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
                      WHERE t.relkind IN ('r', 'p')
                        AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
                 ) AS tables ORDER BY name COLLATE \"C\"",
                &[],
            )
            .unwrap();
        for t in tables {
            let t: String = t.get(0);
            out.push_str(&format!("[{t}]\n"));
            for row in c
                .query(
                    &format!("SELECT r::text FROM {t} AS r ORDER BY r::text COLLATE \"C\""),
                    &[],
                )
                .unwrap()
            {
                out.push_str(row.get(0));
                out.push('\n');
            }
        }
        out
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Err(e) = pg_drop(&self.name) {
            let _ = writeln!(
                std::io::stderr(),
                "note: could not drop the test database {}: {}",
                self.name,
                pg_message(&e)
            );
        }
    }
}

/// The base URL with database `name` in place of its own.
pub fn pg_url(name: &str) -> String {
    with_database(pg_base().expect("QIANQI_TEST_PG is not set"), name)
}

/// `url` with database `name` in place of its own (`scheme://authority/name?query`).
fn with_database(base: &str, name: &str) -> String {
    let (scheme, rest) = base
        .split_once("://")
        .unwrap_or_else(|| panic!("{PG}={base}: not a URL (postgresql://…)"));
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    let authority = path.split('/').next().unwrap_or_default();
    match query {
        Some(q) => format!("{scheme}://{authority}/{name}?{q}"),
        None => format!("{scheme}://{authority}/{name}"),
    }
}

pub fn pg_connect(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot connect to {url}: {}", pg_message(&e)))
}

/// PostgreSQL's own message for an error, without the driver's wrapping.
pub fn pg_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => d.message().to_string(),
        None => e.to_string(),
    }
}

/// A connection to the base URL's own database, for making and dropping
/// the tests' databases. The first one of a run drops what earlier runs
/// that were killed left behind: the databases named after a process that
/// is gone.
fn pg_admin() -> Result<postgres::Client, postgres::Error> {
    static SWEPT: OnceLock<()> = OnceLock::new();
    let mut c = postgres::Client::connect(pg_base().unwrap(), postgres::NoTls)?;
    SWEPT.get_or_init(|| {
        if !Path::new("/proc/self").exists() {
            return;
        }
        let names: Vec<String> = c
            .query(
                "SELECT datname FROM pg_database WHERE datname LIKE 'qianqi\\_t%'",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        for name in names {
            let pid = name["qianqi_t".len()..]
                .split('_')
                .next()
                .unwrap_or_default();
            if !pid.is_empty() && !Path::new("/proc").join(pid).exists() {
                let _ =
                    c.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
            }
        }
    });
    Ok(c)
}

/// Drops database `name`, if there is one, closing its connections.
pub fn pg_drop(name: &str) -> Result<(), postgres::Error> {
    pg_admin()?.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
}

/// Makes database `name`, empty or a copy of `template`.
pub fn pg_create(name: &str, template: Option<&str>) {
    let template = template.unwrap_or("template0");
    let sql = format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
    let mut c = pg_admin().unwrap_or_else(|e| {
        panic!(
            "cannot connect to {PG}={}: {}",
            pg_base().unwrap(),
            pg_message(&e)
        )
    });
    if let Err(e) = c.batch_execute(&sql) {
        panic!("{sql}: {}", pg_message(&e));
    }
}

/// Every row of every table of a SQLite file (a database, a backup), and its
/// schema version.
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

// The harness's own tests, on whichever engine the suite runs on.

#[test]
fn each_env_has_a_database_of_its_own_gone_with_it() {
    let a = Env::bare();
    let b = Env::bare();
    assert_ne!(a.db, b.db);
    a.execute("CREATE TABLE t (x integer)");
    assert!(b.try_execute("SELECT x FROM t").is_err());
    match &a.pg {
        None => {
            let file = a.file().to_path_buf();
            assert!(file.exists());
            drop(a);
            assert!(!file.exists());
        }
        Some(pg) => {
            let name = pg.name.clone();
            let exists = |name: &str| -> i64 {
                pg_admin()
                    .unwrap()
                    .query_one(
                        "SELECT count(*) FROM pg_database WHERE datname = $1",
                        &[&name],
                    )
                    .unwrap()
                    .get(0)
            };
            assert_eq!(exists(&name), 1);
            drop(a);
            assert_eq!(exists(&name), 0);
        }
    }
}

#[test]
fn a_dump_changes_with_any_row_and_not_with_a_refused_write() {
    let env = Env::bare();
    env.execute(if on_postgres() {
        "CREATE TABLE t (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text UNIQUE, on_date date)"
    } else {
        "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, on_date TEXT)"
    });
    let empty = env.dump();
    let version = empty.lines().next().unwrap();
    assert!(
        version == "user_version 0" || version == "schema_version none",
        "{empty}"
    );
    env.execute("INSERT INTO t (name, on_date) VALUES ('古南街道', '2022-03-01')");
    let one = env.dump();
    assert_ne!(one, empty);
    assert_eq!(env.count("SELECT count(*) FROM t"), 1);
    assert_eq!(
        env.rows("SELECT id, name, on_date, NULL FROM t"),
        [["1", "古南街道", "2022-03-01", "NULL"]]
    );
    // Refused: the row is not there, whatever number it drew.
    let err = env
        .try_execute("INSERT INTO t (name) VALUES ('古南街道')")
        .unwrap_err();
    assert!(err.to_lowercase().contains("unique"), "{err}");
    assert_eq!(env.dump(), one);
    env.execute("UPDATE t SET on_date = '2022-03-02'");
    assert_ne!(env.dump(), one);
    // A flag counts as 1 or 0 on either engine.
    assert_eq!(env.count("SELECT 2 > 1"), 1);
    assert_eq!(env.count("SELECT 2 < 1"), 0);
    // A copy holds the same rows, and is a database of its own.
    let copy = env.copy();
    assert_eq!(copy.dump(), env.dump());
    copy.execute("DELETE FROM t");
    assert_eq!(env.count("SELECT count(*) FROM t"), 1);
}

#[test]
fn a_base_url_takes_each_database_name_in_place_of_its_own() {
    for (base, url) in [
        (
            "postgresql://postgres@/postgres?host=/tmp/qianqi-pg.x&port=54321",
            "postgresql://postgres@/qianqi_t1_2?host=/tmp/qianqi-pg.x&port=54321",
        ),
        (
            "postgresql:///postgres?host=/run/postgresql",
            "postgresql:///qianqi_t1_2?host=/run/postgresql",
        ),
        (
            "postgres://qianqi@127.0.0.1:5432/postgres",
            "postgres://qianqi@127.0.0.1:5432/qianqi_t1_2",
        ),
        ("postgres://qianqi@db", "postgres://qianqi@db/qianqi_t1_2"),
    ] {
        assert_eq!(with_database(base, "qianqi_t1_2"), url);
    }
}
