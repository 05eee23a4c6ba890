//! One module per command group; this one holds what they share.

pub mod backup;
pub mod cadre;
pub mod check;
pub mod data;
pub mod demo;
pub mod enterprise;
pub mod export;
pub mod generate;
pub mod import;
pub mod meeting;
pub mod pair;
pub mod report;
pub mod ticket;
pub mod unit;
pub mod visit;

use crate::cli::{Cli, Command};
use crate::db::{self, OpenOptions};
use crate::domain::{date, Lang};
use crate::error::input;
use anyhow::Result;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::time::Duration;

/// What every command needs to know besides its own arguments.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub db: PathBuf,
    /// Whether the database was chosen (--db or QIANQI_DB) rather than the default.
    pub db_given: bool,
    pub lang: Lang,
    pub busy_timeout: Duration,
    pub allow_network_fs: bool,
}

impl Ctx {
    pub fn new(cli: &Cli) -> Ctx {
        Ctx {
            db: cli.db.clone().unwrap_or_else(db::default_path),
            db_given: cli.db.is_some(),
            lang: cli.lang,
            busy_timeout: Duration::from_millis(cli.busy_timeout),
            allow_network_fs: cli.allow_network_fs,
        }
    }

    fn options(&self, create: bool) -> OpenOptions {
        OpenOptions {
            path: self.db.clone(),
            busy_timeout: self.busy_timeout,
            create,
            allow_network_fs: self.allow_network_fs,
        }
    }

    /// Opens the existing database.
    pub fn open(&self) -> Result<db::Db> {
        db::open(&self.options(false))
    }

    /// Opens the database, creating it when missing.
    pub fn open_or_create(&self) -> Result<db::Db> {
        db::open(&self.options(true))
    }

    pub fn today(&self) -> Result<NaiveDate> {
        date::today().map_err(|e| input(format!("QIANQI_TODAY: {e}")))
    }

    /// The date given, or today; never a day after today.
    pub fn on_or_today(&self, on: Option<NaiveDate>, what: &str) -> Result<NaiveDate> {
        let today = self.today()?;
        let d = on.unwrap_or(today);
        if d > today {
            return Err(input(format!(
                "{what} {} is in the future (today is {})",
                date::iso(d),
                date::iso(today)
            )));
        }
        Ok(d)
    }
}

/// clap value parser for dates in the accepted forms.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    date::parse(s).map_err(|e| e.to_string())
}

/// clap value parser for cadre lists: `C1,C2`, `C1;C2`, `C1、C2`.
pub fn split_codes(s: &str) -> Vec<String> {
    s.split([',', '，', ';', '；', '、'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from)
        .collect()
}

/// The actor of a transition: `--by`, else `$QIANQI_USER`.
pub fn actor(by: &Option<String>) -> Result<String> {
    match by {
        Some(b) if !b.trim().is_empty() => Ok(b.trim().to_string()),
        _ => Err(input(
            "who is doing this? give your cadre code with --by CODE or set QIANQI_USER",
        )),
    }
}

pub fn dispatch(command: Command, ctx: &Ctx) -> Result<()> {
    match command {
        Command::Init => init(ctx),
        Command::Unit(c) => c.run(ctx),
        Command::Cadre(c) => c.run(ctx),
        Command::Enterprise(c) => c.run(ctx),
        Command::Pair(c) => c.run(ctx),
        Command::Unpair(c) => c.run(ctx),
        Command::Visit(c) => c.run(ctx),
        Command::Meeting(c) => c.run(ctx),
        Command::Ticket(c) => c.run(ctx),
        Command::Generate(c) => c.run(ctx),
        Command::Demo(c) => c.run(ctx),
        Command::Check(c) => c.run(ctx),
        Command::Backup(c) => c.run(ctx),
        Command::Restore(c) => c.run(ctx),
        Command::Import(c) => c.run(ctx),
        Command::Imports(c) => c.run(ctx),
        Command::Export(c) => c.run(ctx),
        Command::Report(c) => c.run(ctx),
    }
}

fn init(ctx: &Ctx) -> Result<()> {
    let conn = ctx.open_or_create()?;
    let version = db::migrate::version(&conn)?;
    println!(
        "database {} ready (schema version {version})",
        ctx.db.display()
    );
    Ok(())
}

/// Prints the one-line confirmation of a write.
pub fn done(msg: impl AsRef<str>) {
    println!("{}", msg.as_ref());
}
