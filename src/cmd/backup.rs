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
            return Err(input(crate::tr!(
                "{shown} is a directory; give the path of the backup file",
                "{shown} 是一个目录；请给出备份文件的路径"
            )));
        }
        let db = ctx.open()?;
        crate::files::refuse_database(dest)?;
        // Replacing an older backup is the point; replacing anything else is a typo.
        if dest.exists() && !backup::looks_like_qianqi(dest) {
            return Err(input(crate::tr!(
                "{shown} exists and is not a qianqi database; choose a new file name for the backup",
                "{shown} 已存在，且不是 qianqi 数据库；请为备份另取一个文件名"
            )));
        }
        backup::copy_to(&db, dest)?;
        let from = db.shown();
        done(crate::tr!(
            "backed up {from} to {shown}",
            "已将 {from} 备份到 {shown}"
        ));
        Ok(())
    }
}

impl RestoreArgs {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        let src = &self.file;
        let shown = src.display();
        if db::url_of(&ctx.db).is_some() {
            return Err(input(crate::tr!(
                "restore replaces a SQLite file; to load the backup {shown} into PostgreSQL, copy it: `qianqi --db {shown} copy --to URL` into an empty database",
                "`restore` 只能替换 SQLite 文件；要把备份 {shown} 装入 PostgreSQL，请复制：`qianqi --db {shown} copy --to URL`，目标须为空数据库"
            )));
        }
        if src.is_dir() {
            return Err(input(crate::tr!(
                "{shown} is a directory; give the path of a backup file",
                "{shown} 是一个目录；请给出备份文件的路径"
            )));
        }
        if !src.exists() {
            return Err(input(crate::tr!(
                "no backup at {shown}",
                "{shown} 处没有备份"
            )));
        }
        if same_file(src, &ctx.db) {
            return Err(input(crate::tr!(
                "{shown} is the database itself; give a backup made by `qianqi backup`",
                "{shown} 就是数据库本身；请给出用 `qianqi backup` 做的备份"
            )));
        }
        // A live database's latest writes may still be in its log; copying the
        // main file alone would lose them.
        if backup::has_live_log(src) {
            return Err(input(crate::tr!(
                "{shown} has a write-ahead log beside it, so it is a database in use, not a backup; make a backup of it with `qianqi --db {shown} backup FILE`",
                "{shown} 旁边有预写日志，说明它是正在使用的数据库，而不是备份；请先用 `qianqi --db {shown} backup 文件` 为它做备份"
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
            let to = ctx.db.display();
            done(crate::tr!(
                "restored {shown} to {to}",
                "已将 {shown} 恢复到 {to}"
            ));
            return Ok(());
        }

        let mut live = ctx.open()?;
        let kept = backup::with_suffix(&ctx.db, ".before-restore");
        staged.replace(&mut live, &kept)?;
        drop(live);
        // Upgrades a backup from an older version now, with its own .bak.
        ctx.open()?;
        let (to, kept) = (ctx.db.display(), kept.display());
        done(crate::tr!(
            "restored {shown} to {to}; the replaced database is kept as {kept}",
            "已将 {shown} 恢复到 {to}；被替换的数据库保存为 {kept}"
        ));
        Ok(())
    }
}

/// A backup SQLite finds damaged is bad input like any other bad backup:
/// one line, exit status 2.
fn damaged(err: anyhow::Error, src: &Path) -> anyhow::Error {
    match backup::damage(&err) {
        Some(why) if !crate::error::is_input(&err) => {
            let src = src.display();
            input(crate::tr!(
                "{src} is damaged ({why}); nothing was restored, use another backup",
                "{src} 已损坏（{why}）；未恢复任何内容，请换一个备份"
            ))
        }
        _ => err,
    }
}

/// Refuses a backup that is not a sound qianqi database this binary can use.
fn verify(staged: &Staged, path: &Path, today: chrono::NaiveDate) -> Result<()> {
    let shown = path.display();
    let not_ours = || {
        input(crate::tr!(
            "{shown} is not a qianqi database; give a backup made by `qianqi backup`",
            "{shown} 不是 qianqi 数据库；请给出用 `qianqi backup` 做的备份"
        ))
    };
    let app_id = staged.application_id(path, not_ours)?;
    let version = migrate::version(staged.db())?;
    if app_id != APPLICATION_ID || version == 0 {
        return Err(not_ours());
    }
    let latest = migrate::latest();
    if version > latest {
        return Err(input(crate::tr!(
            "{shown} has schema version {version}, newer than this qianqi understands (version {latest}); use a newer qianqi to restore it",
            "{shown} 的结构版本是{version}，比这个 qianqi 能识别的版本（{latest}）新；请用新版 qianqi 恢复"
        )));
    }
    let report = check::run(staged.db(), today, &mut |_| {})
        .with_context(|| crate::tr!("checking {shown}", "检查 {shown}"))?;
    if let Some(first) = report.findings.first() {
        let n = report.findings.len();
        let s = if n == 1 { "" } else { "s" };
        let (code, subject, message) = (first.kind(), &first.subject, one_line(&first.message));
        return Err(input(crate::tr!(
            "{shown} fails the consistency check ({n} problem{s}, first: {code}: {subject}: {message}); nothing was restored, see `qianqi --db {shown} check`",
            "{shown} 未通过一致性检查（{n}个问题，第一个：{code}：{subject}：{message}）；未恢复任何内容，详见 `qianqi --db {shown} check`"
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
