//! Opening the database: pragmas, the schema version, and write transactions.

pub(crate) mod backup;
pub(crate) mod cadres;
pub(crate) mod calendar;
pub(crate) mod check;
pub(crate) mod copy;
pub(crate) mod enterprises;
pub(crate) mod html;
pub(crate) mod imports;
pub(crate) mod meetings;
pub(crate) mod migrate;
pub(crate) mod netfs;
pub(crate) mod pairings;
pub(crate) mod pg;
pub(crate) mod refs;
pub(crate) mod report;
pub(crate) mod rows;
pub(crate) mod sql;
pub mod tickets;
pub(crate) mod units;
pub(crate) mod visits;

use crate::domain::status::Status;
use crate::error::input;
use anyhow::{Context, Result};
use rows::{all, each};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `PRAGMA application_id` of a qianqi database ('QQK1').
pub(crate) const APPLICATION_ID: i64 = 0x5151_4b31;

/// Reads a file's `PRAGMA application_id`; a file that is not SQLite at all
/// gives the caller's `not_ours` error.
pub(crate) fn application_id(
    conn: &Connection,
    path: &Path,
    not_ours: impl Fn() -> anyhow::Error,
) -> Result<i64> {
    match conn.query_row("PRAGMA application_id", [], |r| r.get(0)) {
        Ok(v) => Ok(v),
        Err(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Err(not_ours())
        }
        Err(e) => {
            let shown = path.display();
            Err(e).with_context(|| crate::tr!("reading {shown}", "读取 {shown}"))
        }
    }
}

/// Declares a newtype id that binds and reads as an integer.
macro_rules! id_type {
    ($($name:ident),+) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl sql::ToSql for $name {
            fn to_val(&self) -> sql::Val<'_> {
                sql::Val::Int(self.0)
            }
        }

        impl sql::FromSql for $name {
            fn from_val(v: sql::Val<'_>) -> sql::Result<Self> {
                <i64 as sql::FromSql>::from_val(v).map($name)
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                i64::column_result(v).map($name)
            }
        }
    )+};
}

id_type!(
    UnitId,
    CadreId,
    EnterpriseId,
    PairingId,
    MeetingId,
    TicketId,
    VisitId,
    ImportId
);

/// The records a list is narrowed to: those of one cadre, one enterprise,
/// the cadres of one unit or the enterprises of one town; each not given
/// narrows nothing.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Who {
    pub(crate) cadre: Option<CadreId>,
    pub(crate) enterprise: Option<EnterpriseId>,
    /// The unit of the cadre.
    pub(crate) unit: Option<UnitId>,
    /// The town of the enterprise.
    pub(crate) town: Option<UnitId>,
}

/// How to open a database.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    pub path: PathBuf,
    pub busy_timeout: Duration,
    /// Create the file and its schema when it does not exist (`init`, `demo`).
    pub create: bool,
    /// Open a database on a network share anyway (see `netfs`).
    pub allow_network_fs: bool,
}

/// The default database file: `$XDG_DATA_HOME/qianqi/qianqi.db` on Linux,
/// `%APPDATA%\qianqi\qianqi.db` on Windows, `~/Library/Application Support/qianqi/qianqi.db` on macOS.
pub(crate) fn default_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("qianqi")
        .join("qianqi.db")
}

/// An open qianqi database. Every query and write of the program goes
/// through the functions of `db`'s modules, which take a `&Db` to read and a
/// `&Tx` to write; nothing outside `db` sees the engine behind it.
pub struct Db {
    conn: sql::Connection,
    /// How messages name the database: its path, or the PostgreSQL server and
    /// database without a password.
    shown: String,
    /// The PostgreSQL database connected to, for a second connection.
    pg: Option<pg::connect::Target>,
}

/// A key of PostgreSQL's advisory locks that every write transaction takes
/// ('QQK1', as SQLite's application id), so that writes run one at a time
/// as they do on SQLite.
const WRITE_LOCK: i64 = APPLICATION_ID;

impl Db {
    /// The connection, for the modules of `db` only.
    pub(crate) fn sql(&self) -> &sql::Connection {
        &self.conn
    }

    /// The SQLite connection for what needs it exclusively (restore,
    /// migrations); None on PostgreSQL.
    pub(crate) fn sqlite_mut(&mut self) -> Option<&mut rusqlite::Connection> {
        match &mut self.conn {
            sql::Connection::Sqlite(c) => Some(c),
            sql::Connection::Pg(_) => None,
        }
    }

    /// The SQLite connection, for what only a SQLite file has (its pragmas,
    /// its pages, its backup API); an error on PostgreSQL, whose callers
    /// take another path before they get here.
    pub(crate) fn sqlite(&self) -> Result<&rusqlite::Connection> {
        self.conn.sqlite().ok_or_else(|| {
            let shown = &self.shown;
            anyhow::anyhow!(crate::tr!(
                "{shown} is not a SQLite file",
                "{shown}不是 SQLite 文件"
            ))
        })
    }

    /// A database on a SQLite connection opened elsewhere (a backup being restored).
    pub(crate) fn from_sqlite(conn: rusqlite::Connection, shown: impl Into<String>) -> Db {
        Db {
            conn: sql::Connection::Sqlite(conn),
            shown: shown.into(),
            pg: None,
        }
    }

    /// Runs `f` inside one read transaction, so that every figure it reads
    /// comes from the same state of the database even while others write:
    /// on SQLite a deferred transaction, on PostgreSQL a repeatable-read one.
    pub(crate) fn snapshot<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        self.conn.execute_batch(if self.conn.is_pg() {
            "BEGIN ISOLATION LEVEL REPEATABLE READ"
        } else {
            "BEGIN DEFERRED"
        })?;
        let out = f();
        // A read transaction has nothing to keep; ending it only releases the snapshot.
        let end = self.conn.execute_batch("COMMIT");
        let out = out?;
        end?;
        Ok(out)
    }

    /// A second connection to the same PostgreSQL database (None on SQLite).
    pub(crate) fn reconnect(&self) -> Result<Option<Db>> {
        let Some(target) = &self.pg else {
            return Ok(None);
        };
        Ok(Some(Db {
            conn: sql::Connection::Pg(std::cell::RefCell::new(target.connect()?)),
            shown: self.shown.clone(),
            pg: Some(target.clone()),
        }))
    }

    /// How messages name this database.
    pub(crate) fn shown(&self) -> &str {
        &self.shown
    }

    /// Starts a write transaction. On SQLite, IMMEDIATE takes the write lock
    /// at once, so a read-then-write never fails halfway with a lock upgrade;
    /// on PostgreSQL an advisory lock does the same for every client of the
    /// database (see ARCHITECTURE.md, "Many clients"). Dropping the `Tx`
    /// without `commit` rolls everything back.
    pub fn write(&self) -> Result<Tx<'_>> {
        self.refuse_read_only()?;
        match &self.conn {
            sql::Connection::Sqlite(c) => c.execute_batch("BEGIN IMMEDIATE")?,
            sql::Connection::Pg(c) => {
                let mut c = c.borrow_mut();
                // One round trip: the lock is taken inside the transaction just begun.
                if let Err(e) = c.batch_execute(&format!(
                    "BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
                )) {
                    let _ = c.batch_execute("ROLLBACK");
                    return Err(sql::Error::Pg(e).into());
                }
            }
        }
        Ok(Tx {
            db: self,
            open: true,
        })
    }
}

impl Db {
    /// Refuses to write through a connection SQLite opened read-only (no
    /// write permission on the file or its directory), before anything is attempted.
    pub(crate) fn refuse_read_only(&self) -> Result<()> {
        let Some(conn) = self.conn.sqlite() else {
            return Ok(());
        };
        if conn.is_readonly(rusqlite::DatabaseName::Main)? {
            let path = conn.path().unwrap_or("");
            return Err(input(crate::tr!(
                "the database {path} is read-only (no write permission on the file or its directory); nothing was written",
                "数据库 {path} 是只读的（对文件或所在目录没有写权限）；未写入任何内容"
            )));
        }
        Ok(())
    }
}

/// A write transaction on a `Db`: every write of one command (or one
/// imported file) happens inside one, and is kept only by `commit`.
/// Reads inside the transaction take the `Tx` where a `&Db` is asked for.
pub struct Tx<'a> {
    db: &'a Db,
    open: bool,
}

impl Tx<'_> {
    /// Makes every write of the transaction permanent.
    pub fn commit(mut self) -> Result<()> {
        self.db.conn.execute_batch("COMMIT")?;
        self.open = false;
        Ok(())
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.db
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.open {
            // A failed ROLLBACK leaves nothing to undo: SQLite has already rolled back.
            let _ = self.db.conn.execute_batch("ROLLBACK");
        }
    }
}

/// Opens a qianqi database, applying the pragmas every connection needs and
/// migrating an older schema (after copying the file aside).
pub fn open(opts: &OpenOptions) -> Result<Db> {
    if let Some(url) = url_of(&opts.path) {
        return open_pg(url, opts);
    }
    let path = &opts.path;
    let shown = path.display();
    if path.is_dir() {
        return Err(input(crate::tr!(
            "database path {shown} is a directory; give the path of a database file",
            "数据库路径 {shown} 是一个目录；请给出数据库文件的路径"
        )));
    }
    let exists = path.exists();
    if !exists && !opts.create {
        return Err(input(crate::tr!(
            "no database at {shown}; create one with `qianqi init` or choose another with --db or QIANQI_DB",
            "{shown} 处没有数据库；请用 `qianqi init` 新建，或用 --db 或 QIANQI_DB 另选一个"
        )));
    }
    if !exists {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let d = dir.display();
            std::fs::create_dir_all(dir)
                .with_context(|| crate::tr!("creating the directory {d}", "创建目录 {d}"))?;
        }
        crate::files::create_private(path)?;
    }
    netfs::check_dir(dir_of(path), opts.allow_network_fs)?;
    backup::refuse_foreign_log(path)?;
    crate::files::protect(path);
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if opts.create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    // SQLite opens a file it may not write read-only, but it also needs to
    // create its log and index (or journal) beside the file, which a
    // directory the user may not write cannot hold: then the database is
    // opened for reading only, as SQLite documents.
    let beside = |s| backup::with_suffix(path, s).exists();
    let connect = |read_only: bool| -> Result<Connection> {
        let conn = if read_only {
            open_read_only(path)?
        } else {
            Connection::open_with_flags(path, flags)
                .with_context(|| crate::tr!("opening the database {shown}", "打开数据库 {shown}"))?
        };
        // Before the first read: under load even that may have to wait.
        conn.busy_timeout(opts.busy_timeout)?;
        Ok(conn)
    };
    let cannot_open = |conn: &Connection| {
        conn.query_row("PRAGMA application_id", [], |_| Ok(()))
            .is_err_and(|e| e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen))
    };
    let writable = may_write(dir_of(path)) || (beside("-wal") && beside("-shm"));
    let mut conn = connect(!writable)?;
    if cannot_open(&conn) {
        conn = connect(true)?;
        if cannot_open(&conn) {
            let dir = dir_of(path).display();
            return Err(input(crate::tr!(
                "cannot read {shown}: its write-ahead log holds writes that SQLite can read only with write permission on the directory {dir}; ask its owner to make a backup with `qianqi backup`",
                "无法读取 {shown}：它的预写日志中有写入，SQLite 只有在对目录 {dir} 有写权限时才能读取；请让它的所有者用 `qianqi backup` 做一份备份"
            )));
        }
    }

    let not_ours = || {
        input(crate::tr!(
            "{shown} is not a qianqi database; give the path of a database made by `qianqi init`",
            "{shown} 不是 qianqi 数据库；请给出用 `qianqi init` 建立的数据库的路径"
        ))
    };
    let app_id = application_id(&conn, path, not_ours)?;
    if app_id != APPLICATION_ID {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if tables > 0 || app_id != 0 {
            return Err(not_ours());
        }
        if !opts.create {
            return Err(input(crate::tr!(
                "{shown} is an empty database; create the schema with `qianqi init`",
                "{shown} 是空数据库；请用 `qianqi init` 建立数据结构"
            )));
        }
    }

    // WAL lets readers run while one cadre writes; FULL makes a committed visit survive a power cut.
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    let read_only = conn.is_readonly(rusqlite::DatabaseName::Main)?;
    if !mode.eq_ignore_ascii_case("wal") && !read_only {
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .with_context(|| {
                crate::tr!(
                    "switching {shown} to WAL mode",
                    "把 {shown} 切换到预写日志（WAL）模式"
                )
            })?;
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;

    let mut db = Db::from_sqlite(conn, shown.to_string());
    migrate::migrate(&mut db, path)?;
    Ok(db)
}

/// The PostgreSQL URL `--db` gives, if it gives one rather than a file.
pub(crate) fn url_of(path: &Path) -> Option<&str> {
    path.to_str().filter(|s| pg::connect::is_url(s))
}

/// Opens a qianqi database on a PostgreSQL server, creating its tables in an
/// empty database when `opts.create` is set. The lock timeout is the busy
/// timeout: a write waiting longer for another's lock gives up (exit 3).
fn open_pg(url: &str, opts: &OpenOptions) -> Result<Db> {
    let target = pg::connect::parse(url)?.with_lock_timeout(opts.busy_timeout);
    let mut client = target.connect()?;
    pg::schema::migrate(&mut client, &target, opts.create)?;
    Ok(Db {
        conn: sql::Connection::Pg(std::cell::RefCell::new(client)),
        shown: target.shown.clone(),
        pg: Some(target),
    })
}

/// A set of statuses as an SQL list for `IN (…)`: `'collected', 'in_progress'`.
/// The sets are defined once, in `domain::status`; SQL that needs one derives
/// it here. The strings are the program's own constants, never user input.
pub(crate) fn status_list(set: &[Status]) -> String {
    set.iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `col = ?n` when a value is given, else `?n IS NULL`. A statement is
/// planned before its parameters are bound, so the usual
/// `(?n IS NULL OR col = ?n)` can never use an index on `col` and scans the
/// whole table even when an id is given; this condition keeps the index.
pub(crate) fn eq_if(given: bool, col: &str, n: usize) -> String {
    if given {
        format!("{col} = ?{n}")
    } else {
        format!("?{n} IS NULL")
    }
}

/// Whether an error chain is the engine saying the database is busy or
/// locked: SQLite's busy or locked, PostgreSQL's lock timeout.
pub(crate) fn is_locked(err: &anyhow::Error) -> bool {
    let sqlite = |e: &rusqlite::Error| {
        matches!(e, rusqlite::Error::SqliteFailure(f, _)
            if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
    };
    let pg = |e: &postgres::Error| e.code() == Some(&postgres::error::SqlState::LOCK_NOT_AVAILABLE);
    err.chain()
        .any(|e| sql::sqlite_error(e).is_some_and(sqlite) || sql::pg_error(e).is_some_and(pg))
}

pub(crate) use crate::files::dir_of;

/// Whether this user may create files in `dir` (permissions, the immutable
/// attribute, a read-only mount).
fn may_write(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
            return true;
        };
        // SAFETY: c is a valid NUL-terminated string.
        unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        true
    }
}

/// Opens `path` for reading only, where SQLite cannot create the index a
/// WAL database keeps beside it. With a log or an index there, others are
/// using the database and SQLite reads through them (`mode=ro`); with
/// neither, nobody has it open and the file alone is the whole database
/// (`immutable=1`, which needs no index).
fn open_read_only(path: &Path) -> Result<Connection> {
    let wal = backup::with_suffix(path, "-wal");
    let shm = backup::with_suffix(path, "-shm");
    let live_log = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    let param = if live_log || shm.exists() {
        "mode=ro"
    } else {
        "immutable=1"
    };
    let uri = format!("file:{}?{param}", uri_path(path)?);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let shown = path.display();
    Connection::open_with_flags(uri, flags).with_context(|| {
        crate::tr!(
            "opening the database {shown} for reading",
            "以只读方式打开数据库 {shown}"
        )
    })
}

/// A path as the path part of an SQLite `file:` URI: every byte that is not
/// plainly safe is percent-encoded (`?`, `#`, `%`, spaces, non-ASCII).
fn uri_path(path: &Path) -> Result<String> {
    let abs = std::path::absolute(path).with_context(|| {
        let shown = path.display();
        crate::tr!("resolving the path {shown}", "解析路径 {shown}")
    })?;
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(abs.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = format!("/{}", abs.to_string_lossy().replace('\\', "/")).into_bytes();
    Ok(bytes
        .iter()
        .map(|&b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect())
}
