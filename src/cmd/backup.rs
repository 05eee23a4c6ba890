//! `qianqi backup FILE` and `qianqi restore FILE`.

use super::{done, Ctx};
use crate::db::backup::{self, Staged};
use crate::db::{self, check, migrate, APPLICATION_ID};
use crate::error::input;
use anyhow::{Context, Result};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub(crate) struct BackupArgs {
    /// Where to write the copy; an older backup there is replaced.
    file: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct RestoreArgs {
    /// A backup made by `qianqi backup`; it is checked before anything is replaced.
    file: PathBuf,
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

impl BackupArgs {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        let dest = &self.file;
        let shown = dest.display();
        if dest.is_dir() {
            return Err(input(format!(
                "{shown} is a directory; give the path of the backup file"
            )));
        }
        let db = ctx.open()?;
        crate::files::refuse_database(dest)?;
        // Replacing an older backup is the point; replacing anything else is a typo.
        if dest.exists() && !backup::looks_like_qianqi(dest) {
            return Err(input(format!(
                "{shown} exists and is not a qianqi database; choose a new file name for the backup"
            )));
        }
        backup::copy_to(&db, dest)?;
        done(format!("backed up {} to {shown}", db.shown()));
        Ok(())
    }
}

impl RestoreArgs {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        let src = &self.file;
        let shown = src.display();
        if db::url_of(&ctx.db).is_some() {
            return Err(input(format!(
                "restore replaces a SQLite file; to load the backup {shown} into PostgreSQL, copy it: `qianqi --db {shown} copy --to URL` into an empty database"
            )));
        }
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
        if backup::has_live_log(src) {
            return Err(input(format!(
                "{shown} has a write-ahead log beside it, so it is a database in use, not a backup; make a backup of it with `qianqi --db {shown} backup FILE`"
            )));
        }
        let today = ctx.today()?;

        // Check a private copy beside the database, so the backup file is never
        // touched and the copy can take the database's place if nothing exists yet.
        let staged = Staged::copy(src, db::dir_of(&ctx.db))?;
        verify(&staged, src, today).map_err(|e| damaged(e, src))?;

        if !ctx.db.exists() {
            staged.install(&ctx.db)?;
            ctx.open()?;
            done(format!("restored {shown} to {}", ctx.db.display()));
            return Ok(());
        }

        let mut live = ctx.open()?;
        let kept = backup::with_suffix(&ctx.db, ".before-restore");
        staged.replace(&mut live, &kept)?;
        drop(live);
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

/// A backup SQLite finds damaged is bad input like any other bad backup:
/// one line, exit status 2.
fn damaged(err: anyhow::Error, src: &Path) -> anyhow::Error {
    match backup::damage(&err) {
        Some(why) if !crate::error::is_input(&err) => input(format!(
            "{} is damaged ({why}); nothing was restored, use another backup",
            src.display()
        )),
        _ => err,
    }
}

/// Refuses a backup that is not a sound qianqi database this binary can use.
fn verify(staged: &Staged, path: &Path, today: chrono::NaiveDate) -> Result<()> {
    let shown = path.display();
    let not_ours = || {
        input(format!(
            "{shown} is not a qianqi database; give a backup made by `qianqi backup`"
        ))
    };
    let app_id = staged.application_id(path, not_ours)?;
    let version = migrate::version(staged.db())?;
    if app_id != APPLICATION_ID || version == 0 {
        return Err(not_ours());
    }
    let latest = migrate::latest();
    if version > latest {
        return Err(input(format!(
            "{shown} has schema version {version}, newer than this qianqi understands (version {latest}); use a newer qianqi to restore it"
        )));
    }
    let report =
        check::run(staged.db(), today, &mut |_| {}).with_context(|| format!("checking {shown}"))?;
    if let Some(first) = report.findings.first() {
        let n = report.findings.len();
        return Err(input(format!(
            "{shown} fails the consistency check ({n} problem{}, first: {}: {}: {}); nothing was restored, see `qianqi --db {shown} check`",
            if n == 1 { "" } else { "s" },
            first.code,
            first.subject,
            one_line(&first.message)
        )));
    }
    Ok(())
}

/// The first informative line of a finding (SQLite's integrity report spans many).
fn one_line(message: &str) -> &str {
    message
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("***"))
        .unwrap_or(message.trim())
}
