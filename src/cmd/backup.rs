//! `qianqi backup FILE` and `qianqi restore FILE`.

use super::{done, Ctx};
use crate::db::{self, check, migrate, APPLICATION_ID};
use crate::error::input;
use anyhow::{Context, Result};
use clap::Args;
use rusqlite::{backup::Backup, Connection, OpenFlags};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy; an older backup there is replaced.
    file: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A backup made by `qianqi backup`; it is checked before anything is replaced.
    file: PathBuf,
}

/// `path` with `suffix` appended to its file name: `qianqi.db` → `qianqi.db-wal`.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s: OsString = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Whether two paths name the same existing file (hard links and `./` included).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// Whether a file starts like a qianqi database (SQLite header, our application id).
fn looks_like_qianqi(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path).map(|b| b.into_iter().take(72).collect::<Vec<u8>>()) else {
        return false;
    };
    bytes.len() == 72
        && bytes.starts_with(b"SQLite format 3\0")
        && i64::from(u32::from_be_bytes([
            bytes[68], bytes[69], bytes[70], bytes[71],
        ])) == APPLICATION_ID
}

impl BackupArgs {
    pub fn run(self, ctx: &Ctx) -> Result<()> {
        let dest = &self.file;
        let shown = dest.display();
        if dest.is_dir() {
            return Err(input(format!(
                "{shown} is a directory; give the path of the backup file"
            )));
        }
        let conn = ctx.open()?;
        if same_file(dest, &ctx.db) {
            return Err(input(format!(
                "{shown} is the database itself; give another file for the backup"
            )));
        }
        // Replacing an older backup is the point; replacing anything else is a typo.
        if dest.exists() && !looks_like_qianqi(dest) {
            return Err(input(format!(
                "{shown} exists and is not a qianqi database; choose a new file name for the backup"
            )));
        }
        db::backup_to(&conn, dest)?;
        done(format!("backed up {} to {shown}", ctx.db.display()));
        Ok(())
    }
}

impl RestoreArgs {
    pub fn run(self, ctx: &Ctx) -> Result<()> {
        let src = &self.file;
        let shown = src.display();
        if src.is_dir() {
            return Err(input(format!(
                "{shown} is a directory; give the path of a backup file"
            )));
        }
        if !src.exists() {
            return Err(input(format!("no backup at {shown}")));
        }
        if same_file(src, &ctx.db) {
            return Err(input(format!(
                "{shown} is the database itself; give a backup made by `qianqi backup`"
            )));
        }
        // A live database's latest writes may still be in its log; copying the
        // main file alone would lose them.
        if std::fs::metadata(with_suffix(src, "-wal")).is_ok_and(|m| m.len() > 0) {
            return Err(input(format!(
                "{shown} has a write-ahead log beside it, so it is a database in use, not a backup; make a backup of it with `qianqi --db {shown} backup FILE`"
            )));
        }
        let today = ctx.today()?;

        // Check a private copy beside the database, so the backup file is never
        // touched and the copy can take the database's place if nothing exists yet.
        let dir = db::dir_of(&ctx.db);
        if !dir.exists() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating the directory {}", dir.display()))?;
        }
        let copy = tempfile::Builder::new()
            .prefix(".qianqi-restore-")
            .tempfile_in(dir)
            .with_context(|| format!("creating a file in {}", dir.display()))?
            .into_temp_path();
        std::fs::copy(src, &copy).with_context(|| format!("reading {shown}"))?;
        let source = Connection::open_with_flags(&copy, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .with_context(|| format!("opening {shown}"))?;
        verify(&source, src, today)?;

        if !ctx.db.exists() {
            drop(source);
            // Nothing to replace; a log left from a deleted database must not be
            // applied to the restored one.
            for stale in ["-wal", "-shm"] {
                let p = with_suffix(&ctx.db, stale);
                if p.exists() {
                    std::fs::remove_file(&p)
                        .with_context(|| format!("removing the stale {}", p.display()))?;
                }
            }
            db::sync_file(&copy)?;
            copy.persist(&ctx.db)
                .with_context(|| format!("moving the restored copy to {}", ctx.db.display()))?;
            db::sync_dir(dir)?;
            ctx.open()?;
            done(format!("restored {shown} to {}", ctx.db.display()));
            return Ok(());
        }

        let mut live = ctx.open()?;
        // Exclusive locking mode holds the lock from here until the connection
        // closes, so no other process reads or writes between keeping the old
        // contents and writing the new ones. In WAL mode it is granted only
        // when no other connection is open at all.
        live.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN IMMEDIATE; COMMIT;")
            .context("taking the database for the restore")?;
        let kept = with_suffix(&ctx.db, ".before-restore");
        db::backup_to(&live, &kept)
            .with_context(|| format!("keeping the current database as {}", kept.display()))?;
        // The online backup API writes the pages through SQLite's own journal:
        // a crash part-way leaves the old database, never a mixture.
        Backup::new(&source, live.sql_mut())
            .and_then(|b| b.step(-1))
            .with_context(|| format!("restoring {shown}"))?;
        drop(live);
        drop(source);
        // Upgrades a backup from an older version now, with its own .bak.
        ctx.open()?;
        done(format!(
            "restored {shown} to {}; the replaced database is kept as {}",
            ctx.db.display(),
            kept.display()
        ));
        Ok(())
    }
}

/// Refuses a backup that is not a sound qianqi database this binary can use.
fn verify(conn: &Connection, path: &Path, today: chrono::NaiveDate) -> Result<()> {
    let shown = path.display();
    let not_ours = || {
        input(format!(
            "{shown} is not a qianqi database; give a backup made by `qianqi backup`"
        ))
    };
    let app_id = crate::db::application_id(conn, path, not_ours)?;
    let version = migrate::version(conn)?;
    if app_id != APPLICATION_ID || version == 0 {
        return Err(not_ours());
    }
    let latest = migrate::latest();
    if version > latest {
        return Err(input(format!(
            "{shown} has schema version {version}, newer than this qianqi understands (version {latest}); use a newer qianqi to restore it"
        )));
    }
    let report = check::run(conn, today).with_context(|| format!("checking {shown}"))?;
    if let Some(first) = report.findings.first() {
        let n = report.findings.len();
        return Err(input(format!(
            "{shown} fails the consistency check ({n} problem{}, first: {}: {}: {}); nothing was restored, see `qianqi --db {shown} check`",
            if n == 1 { "" } else { "s" },
            first.code,
            first.subject,
            first.message
        )));
    }
    Ok(())
}
