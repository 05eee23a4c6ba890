//! `qianqi copy --to TARGET`: the whole database into an empty one of
//! either engine (a SQLite file up to PostgreSQL, or back).

use super::{done, Ctx};
use crate::db::{self, copy};
use crate::error::input;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(crate) struct CopyArgs {
    /// The database to copy into: a SQLite file (created when missing) or a
    /// PostgreSQL URL (postgresql://USER@HOST:PORT/DBNAME); it must hold no records.
    #[arg(long, value_name = "FILE|URL")]
    to: PathBuf,
}

impl CopyArgs {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        let from = ctx.open()?;
        let target = Ctx {
            db: self.to.clone(),
            db_given: true,
            ..ctx.clone()
        };
        if db::url_of(&self.to).is_none() {
            crate::files::refuse_database(&self.to)?;
            if self.to.is_dir() {
                let to = self.to.display();
                return Err(input(crate::tr!(
                    "{to} is a directory; give the path of a new database file or a PostgreSQL URL",
                    "{to} 是一个目录；请给出新数据库文件的路径或 PostgreSQL 地址"
                )));
            }
        }
        let to = target.open_or_create()?;
        if to.shown() == from.shown() {
            let to = to.shown();
            return Err(input(crate::tr!(
                "{to} is the database being copied; give another with --to",
                "{to} 就是要复制的数据库；请用 --to 指定另一个"
            )));
        }
        let held: i64 = copy::counts(&to)?.iter().map(|(_, n)| n).sum();
        if held > 0 {
            let to = to.shown();
            return Err(input(crate::tr!(
                "{to} already holds {held} records; copy into an empty database (`qianqi --db TARGET init` makes one)",
                "{to} 已有{held}条记录；请复制到空数据库（`qianqi --db TARGET init` 可建立一个）"
            )));
        }
        let mut copied = Vec::new();
        copy::copy(&from, &to, |table, n| copied.push(format!("{table} {n}")))?;
        let (list, from, to) = (copied.join(", "), from.shown(), to.shown());
        done(crate::tr!(
            "copied {list} from {from} to {to}",
            "已从 {from} 复制到 {to}：{list}"
        ));
        Ok(())
    }
}
