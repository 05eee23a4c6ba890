//! Copies of the database file: consistent backups while others write, and
//! restoring one in place without ever leaving a half-written database.

use super::{dir_of, Db, APPLICATION_ID};
use anyhow::{Context, Result};
use rusqlite::{backup::Backup, Connection, OpenFlags};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use tempfile::TempPath;

/// Writes a consistent copy of the database to `dest` (replacing it), even
/// while other processes write: `VACUUM INTO` reads one snapshot. The copy is
/// made beside `dest` and renamed into place, so `dest` is never half-written.
pub fn copy_to(db: &Db, dest: &Path) -> Result<()> {
    let dir = dir_of(dest);
    let tmp = tempfile::Builder::new()
        .prefix(".qianqi-backup-")
        .tempfile_in(dir)
        .with_context(|| format!("creating a file in {}", dir.display()))?
        .into_temp_path();
    // VACUUM INTO refuses to overwrite, so hand it a name that does not exist yet.
    let target = tmp.with_extension("db");
    let result = db
        .sql()
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

/// `path` with `suffix` appended to its file name: `qianqi.db` → `qianqi.db-wal`.
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s: OsString = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Whether a file starts like a qianqi database (SQLite header, our application id).
pub fn looks_like_qianqi(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path).map(|b| b.into_iter().take(72).collect::<Vec<u8>>()) else {
        return false;
    };
    bytes.len() == 72
        && bytes.starts_with(b"SQLite format 3\0")
        && i64::from(u32::from_be_bytes([
            bytes[68], bytes[69], bytes[70], bytes[71],
        ])) == APPLICATION_ID
}

/// Whether a database file has a write-ahead log beside it that still
/// holds writes: it is in use, and its main file alone is not all of it.
pub fn has_live_log(path: &Path) -> bool {
    std::fs::metadata(with_suffix(path, "-wal")).is_ok_and(|m| m.len() > 0)
}

/// A backup copied beside the database it may replace, opened so it can be
/// checked first; the backup file itself is never touched. Dropped, the
/// copy is deleted.
pub struct Staged {
    db: Db,
    copy: TempPath,
    dir: PathBuf,
    /// The backup file the copy was made from, for messages.
    src: PathBuf,
}

impl Staged {
    /// Copies `src` into `dir` and opens the copy.
    pub fn copy(src: &Path, dir: &Path) -> Result<Staged> {
        let shown = src.display();
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
        let conn = Connection::open_with_flags(&copy, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .with_context(|| format!("opening {shown}"))?;
        Ok(Staged {
            db: Db { conn },
            copy,
            dir: dir.to_path_buf(),
            src: src.to_path_buf(),
        })
    }

    /// The copy, to read and check.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The copy's `PRAGMA application_id`; a file that is not SQLite at all
    /// gives the caller's `not_ours` error.
    pub fn application_id(&self, path: &Path, not_ours: impl Fn() -> anyhow::Error) -> Result<i64> {
        super::application_id(self.db.sql(), path, not_ours)
    }

    /// Moves the copy to `dest`, where no database exists.
    pub fn install(self, dest: &Path) -> Result<()> {
        let Staged { db, copy, dir, .. } = self;
        drop(db);
        // Nothing to replace; a log left from a deleted database must not be
        // applied to the restored one.
        for stale in ["-wal", "-shm"] {
            let p = with_suffix(dest, stale);
            if p.exists() {
                std::fs::remove_file(&p)
                    .with_context(|| format!("removing the stale {}", p.display()))?;
            }
        }
        sync_file(&copy)?;
        copy.persist(dest)
            .with_context(|| format!("moving the restored copy to {}", dest.display()))?;
        sync_dir(&dir)
    }

    /// Replaces the contents of `live` with the copy's, after keeping the
    /// current contents as a backup at `kept`.
    pub fn replace(self, live: &mut Db, kept: &Path) -> Result<()> {
        // Exclusive locking mode holds the lock from here until the connection
        // closes, so no other process reads or writes between keeping the old
        // contents and writing the new ones. In WAL mode it is granted only
        // when no other connection is open at all.
        live.sql()
            .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN IMMEDIATE; COMMIT;")
            .context("taking the database for the restore")?;
        copy_to(live, kept)
            .with_context(|| format!("keeping the current database as {}", kept.display()))?;
        // The online backup API writes the pages through SQLite's own journal:
        // a crash part-way leaves the old database, never a mixture.
        Backup::new(self.db.sql(), live.sql_mut())
            .and_then(|b| b.step(-1))
            .with_context(|| format!("restoring {}", self.src.display()))?;
        Ok(())
    }
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
