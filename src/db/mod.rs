//! Opening the database: pragmas, the schema version, and write transactions.

pub mod check;
pub mod html;
pub mod migrate;
pub mod netfs;
pub mod refs;
pub mod tickets;

use crate::domain::status::Status;
use crate::error::input;
use anyhow::{Context, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `PRAGMA application_id` of a qianqi database ('QQK1').
pub const APPLICATION_ID: i64 = 0x5151_4b31;

/// Reads a file's `PRAGMA application_id`; a file that is not SQLite at all
/// gives the caller's `not_ours` error.
pub fn application_id(
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
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// Declares a newtype id that binds and reads as an integer.
macro_rules! id_type {
    ($($name:ident),+) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

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
    ImportId
);

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
pub fn default_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("qianqi")
        .join("qianqi.db")
}

/// An open qianqi database. Every query and write of the program goes
/// through the functions of `db`'s modules, which take a `&Db` to read and a
/// `&Tx` to write; nothing outside `db` sees the engine behind it.
pub struct Db {
    conn: Connection,
}

impl Db {
    /// The SQLite connection, for the modules of `db` only.
    pub(crate) fn sql(&self) -> &Connection {
        &self.conn
    }

    /// The SQLite connection for what needs it exclusively (restore, migrations).
    pub(crate) fn sql_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Starts a write transaction. IMMEDIATE takes the write lock at once, so
    /// a read-then-write never fails halfway with a lock upgrade. Dropping the
    /// `Tx` without `commit` rolls everything back.
    pub fn write(&self) -> Result<Tx<'_>> {
        // SQLite quietly opens a file it may not write read-only; say so before anything is attempted.
        if self.conn.is_readonly(rusqlite::DatabaseName::Main)? {
            return Err(input(format!(
                "the database {} is read-only (file permissions or attributes); nothing was written",
                self.conn.path().unwrap_or("")
            )));
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        Ok(Tx {
            db: self,
            open: true,
        })
    }
}

// Transitional: lets code outside `db` that still holds SQL reach the
// connection while it moves into `db`'s modules. Removed when none is left.
impl std::ops::Deref for Db {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.conn
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
    let path = &opts.path;
    let shown = path.display();
    if path.is_dir() {
        return Err(input(format!(
            "database path {shown} is a directory; give the path of a database file"
        )));
    }
    let exists = path.exists();
    if !exists && !opts.create {
        return Err(input(format!(
            "no database at {shown}; create one with `qianqi init` or choose another with --db or QIANQI_DB"
        )));
    }
    if !exists {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating the directory {}", dir.display()))?;
        }
    }
    netfs::check_dir(dir_of(path), opts.allow_network_fs)?;
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if opts.create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn = Connection::open_with_flags(path, flags)
        .with_context(|| format!("opening the database {shown}"))?;
    conn.busy_timeout(opts.busy_timeout)?;

    let not_ours = || {
        input(format!(
            "{shown} is not a qianqi database; give the path of a database made by `qianqi init`"
        ))
    };
    let app_id = application_id(&conn, path, not_ours)?;
    if app_id != APPLICATION_ID {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if tables > 0 || app_id != 0 {
            return Err(not_ours());
        }
        if !opts.create {
            return Err(input(format!(
                "{shown} is an empty database; create the schema with `qianqi init`"
            )));
        }
    }

    // WAL lets readers run while one cadre writes; FULL makes a committed visit survive a power cut.
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .with_context(|| format!("switching {shown} to WAL mode"))?;
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;

    migrate::migrate(&mut conn, path)?;
    Ok(Db { conn })
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
pub fn eq_if(given: bool, col: &str, n: usize) -> String {
    if given {
        format!("{col} = ?{n}")
    } else {
        format!("?{n} IS NULL")
    }
}

/// The database file's directory, for files written beside it.
pub fn dir_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes a consistent copy of the database to `dest` (replacing it), even
/// while other processes write: `VACUUM INTO` reads one snapshot. The copy is
/// made beside `dest` and renamed into place, so `dest` is never half-written.
pub fn backup_to(conn: &Connection, dest: &Path) -> Result<()> {
    let dir = dir_of(dest);
    let tmp = tempfile::Builder::new()
        .prefix(".qianqi-backup-")
        .tempfile_in(dir)
        .with_context(|| format!("creating a file in {}", dir.display()))?
        .into_temp_path();
    // VACUUM INTO refuses to overwrite, so hand it a name that does not exist yet.
    let target = tmp.with_extension("db");
    let result = conn
        .execute("VACUUM INTO ?1", [target.to_string_lossy()])
        .with_context(|| format!("copying the database to {}", dest.display()))
        .and_then(|_| {
            // VACUUM INTO does not sync what it writes; the copy must be on
            // disk before it takes the place of an older one.
            sync_file(&target)?;
            std::fs::rename(&target, dest)
                .with_context(|| format!("moving the copy to {}", dest.display()))?;
            sync_dir(dir)
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&target);
    }
    result
}

/// Flushes a file's contents to disk.
pub fn sync_file(path: &Path) -> Result<()> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("writing {} to disk", path.display()))
}

/// Flushes a directory, so a rename in it survives a power cut. Windows
/// cannot open a directory as a file and needs no such step.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("writing the directory {} to disk", dir.display()))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
