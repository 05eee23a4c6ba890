//! Copies of the database file: consistent backups while others write, and
//! restoring one in place without ever leaving a half-written database.

use super::{Db, APPLICATION_ID};
use crate::error::input;
use crate::files::{Temp, COMPANIONS};
use anyhow::{Context, Result};
use rusqlite::{backup::Backup, Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};

pub(crate) use crate::files::with_suffix;

/// Writes a consistent copy of the database to `dest` (replacing it), even
/// while other processes write: `VACUUM INTO` reads one snapshot. The copy is
/// made beside `dest` and renamed into place, so `dest` is never half-written,
/// and no log or index of the file it replaces stays behind to be replayed
/// into it.
///
/// From PostgreSQL, the copy is a qianqi SQLite file made from one snapshot
/// (a repeatable-read transaction) by `db::copy`.
pub(crate) fn copy_to(db: &Db, dest: &Path) -> Result<()> {
    if db.sql().is_pg() {
        return snapshot_to_file(db, dest);
    }
    copy_from(db.sqlite()?, dest)
}

/// Writes a PostgreSQL database into a new SQLite file at `dest`.
fn snapshot_to_file(db: &Db, dest: &Path) -> Result<()> {
    let tmp = Temp::beside(dest, "backup")?;
    let old = Predecessor::take(dest)?;
    {
        let file = super::open(&super::OpenOptions {
            path: tmp.path().to_path_buf(),
            busy_timeout: std::time::Duration::from_secs(5),
            create: true,
            allow_network_fs: true,
        })?;
        super::copy::copy(db, &file, |_, _| {})
            .with_context(|| format!("copying the database to {}", dest.display()))?;
        // One self-contained file, as a SQLite backup is: no log beside it.
        file.sqlite()?
            .query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    }
    old.clear(dest)?;
    tmp.persist(dest)
}

/// Writes a copy of the database at `path` as last committed to `dest`,
/// through a connection of its own: the caller may hold the write lock
/// (VACUUM INTO cannot run inside a transaction), which keeps anyone from
/// committing until the copy is made.
pub(crate) fn copy_committed(path: &Path, dest: &Path, busy: std::time::Duration) -> Result<()> {
    let shown = path.display();
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .with_context(|| crate::tr!("opening {shown}", "打开 {shown}"))?;
    conn.busy_timeout(busy)?;
    copy_from(&conn, dest)
}

fn copy_from(conn: &Connection, dest: &Path) -> Result<()> {
    let tmp = Temp::beside(dest, "backup")?;
    let old = Predecessor::take(dest)?;
    // VACUUM INTO writes into a file that is missing or empty, as this one is.
    let shown = dest.display();
    conn.execute("VACUUM INTO CAST(?1 AS TEXT)", [path_bytes(tmp.path())])
        .with_context(|| crate::tr!("copying the database to {shown}", "把数据库复制到 {shown}"))?;
    old.clear(dest)?;
    tmp.persist(dest)
}

/// A path as SQLite takes it: its bytes, which need not be UTF-8 on Unix.
fn path_bytes(p: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        std::os::unix::ffi::OsStrExt::as_bytes(p.as_os_str()).to_vec()
    }
    #[cfg(not(unix))]
    {
        p.to_string_lossy().into_owned().into_bytes()
    }
}

/// The file a copy is about to replace, held so that nobody uses it in the
/// meantime: its write-ahead log folded into it and removed, its other
/// companions removed just before the rename, so the new file never opens
/// with an old log replayed onto it.
struct Predecessor {
    _held: Option<Connection>,
}

impl Predecessor {
    fn take(dest: &Path) -> Result<Predecessor> {
        if !is_sqlite(dest) {
            return Ok(Predecessor { _held: None });
        }
        let in_use = || {
            let dest = dest.display();
            input(crate::tr!(
                "{dest} is open in another program, so it is a database in use, not an old backup; nothing was written: choose another file",
                "{dest} 正被另一个程序打开，说明它是正在使用的数据库，而不是旧备份；未写入任何内容，请另选一个文件"
            ))
        };
        let Ok(conn) = Connection::open_with_flags(dest, OpenFlags::SQLITE_OPEN_READ_WRITE) else {
            return Ok(Predecessor { _held: None });
        };
        // Leaving WAL mode needs the only connection: it folds the log into
        // the file and deletes it. The exclusive lock keeps others out until
        // the new file has taken its place.
        // SQLite answers with the mode it stays in when others are reading.
        let taken = conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            })
            .and_then(|mode| {
                conn.execute_batch("BEGIN EXCLUSIVE")?;
                Ok(mode.eq_ignore_ascii_case("delete"))
            });
        match taken {
            Ok(true) => Ok(Predecessor { _held: Some(conn) }),
            Ok(false) => Err(in_use()),
            Err(rusqlite::Error::SqliteFailure(f, _))
                if matches!(f.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) =>
            {
                Err(in_use())
            }
            // A damaged or unreadable old file is replaced as it is.
            Err(_) => Ok(Predecessor { _held: None }),
        }
    }

    /// Removes whatever SQLite file is left beside `dest`: none belongs to the new file.
    fn clear(&self, dest: &Path) -> Result<()> {
        remove_companions(dest)
    }
}

/// Removes the log, index and journal beside `path`, if any.
fn remove_companions(path: &Path) -> Result<()> {
    for (suffix, _) in COMPANIONS {
        let p = with_suffix(path, suffix);
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                let p = p.display();
                return Err(e)
                    .with_context(|| crate::tr!("removing the stale {p}", "删除过时的 {p}"));
            }
            _ => {}
        }
    }
    Ok(())
}

fn is_sqlite(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|()| &head == b"SQLite format 3\0")
}

/// Refuses a database file in rollback mode with a non-empty write-ahead
/// log beside it: no database in WAL mode has that header, so the log
/// belongs to another file (left by an older backup or a copy) and SQLite
/// would replay it onto this one.
pub(crate) fn refuse_foreign_log(path: &Path) -> Result<()> {
    let wal = with_suffix(path, "-wal");
    if !std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Ok(());
    }
    let mut head = [0u8; 20];
    let rollback = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|()| head.starts_with(b"SQLite format 3\0") && head[18] == 1 && head[19] == 1);
    if rollback {
        let (path, wal) = (path.display(), wal.display());
        return Err(input(crate::tr!(
            "{path} has a write-ahead log beside it ({wal}) that is not its own (the file is not in WAL mode); SQLite would replay it and change the records, so nothing was read: move the log away, or restore from another backup",
            "{path} 旁边的预写日志（{wal}）不属于它（该文件不是预写日志模式）；SQLite 会重放这个日志并改变记录，因此未读取任何内容：请把日志移走，或用另一个备份恢复"
        )));
    }
    Ok(())
}

/// Whether a file starts like a qianqi database (SQLite header, our application id).
pub(crate) fn looks_like_qianqi(path: &Path) -> bool {
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
pub(crate) fn has_live_log(path: &Path) -> bool {
    std::fs::metadata(with_suffix(path, "-wal")).is_ok_and(|m| m.len() > 0)
}

/// A backup copied beside the database it may replace, opened so it can be
/// checked first; the backup file itself is never touched. Dropped, the
/// copy is deleted.
pub(crate) struct Staged {
    // Declared before the copy: the connection closes before the file goes.
    db: Db,
    copy: Temp,
    /// The backup file the copy was made from, for messages.
    src: PathBuf,
}

impl Staged {
    /// Copies `src` into `dir` and opens the copy.
    pub(crate) fn copy(src: &Path, dir: &Path) -> Result<Staged> {
        let shown = src.display();
        if !dir.exists() {
            let d = dir.display();
            std::fs::create_dir_all(dir)
                .with_context(|| crate::tr!("creating the directory {d}", "创建目录 {d}"))?;
        }
        // Written through our own handle, so the copy keeps the temporary
        // file's owner-only permissions rather than the backup's.
        let mut copy = Temp::new_in(dir, "restore")?;
        let reading = || crate::tr!("reading {shown}", "读取 {shown}");
        let mut from = std::fs::File::open(src).with_context(reading)?;
        std::io::copy(&mut from, copy.file_mut()).with_context(reading)?;
        refuse_truncated(copy.path(), src)?;
        let conn = Connection::open_with_flags(copy.path(), OpenFlags::SQLITE_OPEN_READ_WRITE)
            .with_context(|| crate::tr!("opening {shown}", "打开 {shown}"))?;
        Ok(Staged {
            db: Db::from_sqlite(conn, shown.to_string()),
            copy,
            src: src.to_path_buf(),
        })
    }

    /// The copy, to read and check.
    pub(crate) fn db(&self) -> &Db {
        &self.db
    }

    /// The copy's `PRAGMA application_id`; a file that is not SQLite at all
    /// gives the caller's `not_ours` error.
    pub(crate) fn application_id(
        &self,
        path: &Path,
        not_ours: impl Fn() -> anyhow::Error,
    ) -> Result<i64> {
        super::application_id(self.db.sqlite()?, path, not_ours)
    }

    /// Moves the copy to `dest`, where no database exists.
    pub(crate) fn install(self, dest: &Path) -> Result<()> {
        let Staged { db, copy, .. } = self;
        drop(db);
        // Nothing to replace; a log left from a deleted database must not be
        // applied to the restored one.
        remove_companions(dest)?;
        copy.persist(dest)
    }

    /// Replaces the contents of `live` with the copy's, after keeping the
    /// current contents as a backup at `kept`.
    pub(crate) fn replace(self, live: &mut Db, kept: &Path) -> Result<()> {
        live.refuse_read_only()?;
        // Exclusive locking mode holds the lock from here until the connection
        // closes, so no other process reads or writes between keeping the old
        // contents and writing the new ones. In WAL mode it is granted only
        // when no other connection is open at all.
        live.sqlite()?
            .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN IMMEDIATE; COMMIT;")
            .with_context(|| {
                crate::tr!("taking the database for the restore", "为恢复独占数据库")
            })?;
        // A WAL database cannot change its page size, so the copy takes the
        // live one's: any valid backup restores, whatever its page size.
        let page_size =
            |c: &Connection| c.query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0));
        let (want, have) = (page_size(live.sqlite()?)?, page_size(self.db.sqlite()?)?);
        if want != have {
            let copy = self.db.sqlite()?;
            copy.query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            })?;
            let src = self.src.display();
            copy.execute_batch(&format!("PRAGMA page_size = {want}; VACUUM;"))
                .with_context(|| {
                    crate::tr!(
                        "converting {src} to pages of {want} bytes",
                        "把 {src} 转换为每页{want}字节"
                    )
                })?;
        }
        let k = kept.display();
        copy_to(live, kept).with_context(|| {
            crate::tr!(
                "keeping the current database as {k}",
                "把当前数据库保存为 {k}"
            )
        })?;
        // The online backup API writes the pages through SQLite's own journal:
        // a crash part-way leaves the old database, never a mixture.
        let src = self.src.display();
        let Some(live) = live.sqlite_mut() else {
            anyhow::bail!("a backup restores into a SQLite file only");
        };
        Backup::new(self.db.sqlite()?, live)
            .and_then(|b| b.step(-1))
            .with_context(|| crate::tr!("restoring {src}", "恢复 {src}"))?;
        Ok(())
    }
}

/// Refuses a copy shorter than its header says (a backup cut short in
/// transfer), before SQLite reads through the missing pages.
fn refuse_truncated(copy: &Path, src: &Path) -> Result<()> {
    let mut head = [0u8; 100];
    let len = std::fs::metadata(copy).map(|m| m.len()).unwrap_or(0);
    let read = std::fs::File::open(copy)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok();
    if !read || !head.starts_with(b"SQLite format 3\0") {
        // Too short or not SQLite at all: the application id check says so.
        return Ok(());
    }
    let be32 = |i: usize| u32::from_be_bytes([head[i], head[i + 1], head[i + 2], head[i + 3]]);
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    // The page count in the header is valid only when written by a SQLite
    // that also stamped the change counter beside it.
    let pages = if be32(24) == be32(92) {
        u64::from(be32(28))
    } else {
        0
    };
    let want = page_size * pages;
    if want > len {
        let src = src.display();
        return Err(input(crate::tr!(
            "{src} is truncated or damaged: it holds {len} bytes where its header promises {pages} pages of {page_size} bytes; nothing was restored, use another backup",
            "{src} 不完整或已损坏：文件只有{len}字节，而文件头表明应有{pages}页、每页{page_size}字节；未恢复任何内容，请换一个备份"
        )));
    }
    Ok(())
}

/// What SQLite said when it found a file damaged (malformed pages, not a
/// database beyond its header), if that is what the error is.
pub(crate) fn damage(err: &anyhow::Error) -> Option<String> {
    err.chain()
        .find_map(|e| match crate::db::sql::sqlite_error(e) {
            Some(rusqlite::Error::SqliteFailure(f, msg))
                if matches!(f.code, ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) =>
            {
                Some(match crate::domain::message_lang() {
                    crate::domain::Lang::En => msg.clone().unwrap_or_else(|| f.to_string()),
                    crate::domain::Lang::Zh if f.code == ErrorCode::DatabaseCorrupt => {
                        "SQLite 发现数据库文件已损坏".to_string()
                    }
                    crate::domain::Lang::Zh => "SQLite 认为它不是数据库文件".to_string(),
                })
            }
            _ => None,
        })
}
