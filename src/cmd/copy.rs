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
                return Err(input(format!(
                    "{} is a directory; give the path of a new database file or a PostgreSQL URL",
                    self.to.display()
                )));
            }
        }
        let to = target.open_or_create()?;
        if to.shown() == from.shown() {
            return Err(input(format!(
                "{} is the database being copied; give another with --to",
                to.shown()
            )));
        }
        let held: i64 = copy::counts(&to)?.iter().map(|(_, n)| n).sum();
        if held > 0 {
            return Err(input(format!(
                "{} already holds {held} records; copy into an empty database (`qianqi --db TARGET init` makes one)",
                to.shown()
            )));
        }
        let mut copied = Vec::new();
        copy::copy(&from, &to, |table, n| copied.push(format!("{n} {table}")))?;
        done(format!(
            "copied {} from {} to {}",
            copied.join(", "),
            from.shown(),
            to.shown()
        ));
        Ok(())
    }
}
