//! One module per command group; this one holds what they share.

pub(crate) mod backup;
pub(crate) mod cadre;
pub(crate) mod calendar;
pub(crate) mod category;
pub(crate) mod check;
pub(crate) mod config;
pub(crate) mod copy;
pub mod data;
pub(crate) mod demo;
pub(crate) mod enterprise;
pub(crate) mod export;
pub(crate) mod generate;
pub(crate) mod import;
pub(crate) mod meeting;
pub(crate) mod pair;
pub(crate) mod report;
pub(crate) mod response_time;
pub(crate) mod ticket;
pub(crate) mod unit;
pub(crate) mod visit;

use crate::db::{self, OpenOptions};
use crate::domain::{date, list_items, rules, Lang};
use crate::error::input;
use anyhow::Result;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::time::Duration;

/// How a command that judges the data ended: everything was as it should
/// be, or it printed findings (a failed check, figures that differ), which
/// is exit status 1 though nothing failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Findings,
}

impl Outcome {
    /// The exit status: 0, or 1 for findings.
    pub fn status(self) -> i32 {
        match self {
            Outcome::Clean => 0,
            Outcome::Findings => crate::error::EXIT_FAILURE,
        }
    }

    /// `Findings` unless everything was as it should be.
    pub(crate) fn clean_if(ok: bool) -> Outcome {
        if ok {
            Outcome::Clean
        } else {
            Outcome::Findings
        }
    }
}

/// The options that narrow a list to the records of one cadre, one
/// enterprise, the cadres of one unit or the enterprises of one town.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct WhoArgs {
    /// Only this cadre's records: code (any case) or a name only one cadre has.
    #[arg(long)]
    cadre: Option<String>,
    /// Only this enterprise's records: credit code, name, short name, or a part of the name only it has.
    #[arg(long)]
    enterprise: Option<String>,
    /// Only the records of cadres of this unit: code or name.
    #[arg(long)]
    unit: Option<String>,
    /// Only the records of enterprises located in this town: code or name.
    #[arg(long)]
    town: Option<String>,
}

impl WhoArgs {
    /// The records named, as ids; a name that matches nothing or several is refused.
    pub(crate) fn resolve(&self, db: &db::Db) -> Result<db::Who> {
        use crate::db::refs;
        Ok(db::Who {
            cadre: self
                .cadre
                .as_deref()
                .map(|c| refs::cadre(db, c))
                .transpose()?,
            enterprise: self
                .enterprise
                .as_deref()
                .map(|e| refs::enterprise(db, e))
                .transpose()?,
            unit: self
                .unit
                .as_deref()
                .map(|u| refs::unit(db, u))
                .transpose()?,
            town: self
                .town
                .as_deref()
                .map(|u| refs::unit(db, u))
                .transpose()?,
        })
    }
}

/// What every command needs to know besides its own arguments.
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    pub(crate) db: PathBuf,
    /// Whether the database was chosen (--db or QIANQI_DB) rather than the default.
    pub(crate) db_given: bool,
    pub(crate) lang: Lang,
    pub(crate) busy_timeout: Duration,
    pub(crate) allow_network_fs: bool,
    /// `QIANQI_TODAY`, which pins "today" for tests and what-if runs.
    pub(crate) today: Option<String>,
}

impl Ctx {
    fn options(&self, create: bool) -> OpenOptions {
        OpenOptions {
            path: self.db.clone(),
            busy_timeout: self.busy_timeout,
            create,
            allow_network_fs: self.allow_network_fs,
        }
    }

    /// How messages name the database: its path, or its URL with any
    /// password taken out.
    pub(crate) fn db_shown(&self) -> String {
        match db::url_of(&self.db) {
            Some(url) => db::pg::connect::redact(url),
            None => self.db.display().to_string(),
        }
    }

    /// Opens the existing database.
    pub(crate) fn open(&self) -> Result<db::Db> {
        db::open(&self.options(false))
    }

    /// Opens the database, creating it when missing.
    pub(crate) fn open_or_create(&self) -> Result<db::Db> {
        db::open(&self.options(true))
    }

    /// Today: `QIANQI_TODAY` when set, else the local date.
    pub(crate) fn today(&self) -> Result<NaiveDate> {
        today_from(self.today.as_deref())
    }

    /// The date given, or today; never a day after today.
    pub(crate) fn on_or_today(&self, on: Option<NaiveDate>, what: &str) -> Result<NaiveDate> {
        let today = self.today()?;
        let d = on.unwrap_or(today);
        Ok(rules::not_in_future("on", what, d, today)?)
    }
}

/// Today: the pinned date when given, else the local date.
fn today_from(pinned: Option<&str>) -> Result<NaiveDate> {
    match pinned {
        Some(s) => date::parse(s).map_err(|e| input(format!("QIANQI_TODAY: {e}"))),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// clap value parser for dates in the forms people type, `今天` and `5号`
/// included. A value parser runs before any `Ctx` exists, so "today" is
/// read here as `Cli::context` reads it: `QIANQI_TODAY`, else the clock.
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let pinned = std::env::var("QIANQI_TODAY").ok().filter(|s| !s.is_empty());
    let today = today_from(pinned.as_deref()).map_err(|e| format!("{e:#}"))?;
    date::parse_typed(s, today).map_err(|e| e.to_string())
}

/// The items of a list as people type it: `a,b`, `a，b`, `a、b`, `a;b`, `a；b`.
pub(crate) fn split_list(s: &str) -> Vec<String> {
    list_items(s).map(String::from).collect()
}

/// clap value parser for a record's own code: visible characters only.
pub(crate) fn parse_code(s: &str) -> Result<String, String> {
    rules::code("code", s).map(String::from).map_err(|e| e.msg)
}

/// Every argument of a command line is text by the one rule of
/// `rules::text` (no longer than a spreadsheet cell, no hidden
/// characters), whatever option it is given to, so that the command line
/// stores nothing the importer would refuse. An argument that is not UTF-8
/// can only be a file name, and is left to the command.
pub(crate) fn check_args(args: &[std::ffi::OsString]) -> Result<(), String> {
    for (i, arg) in args.iter().enumerate().skip(1) {
        let Some(text) = arg.to_str() else { continue };
        let (option, value) = match text.split_once('=') {
            Some((o, v)) if o.starts_with("--") => (o.to_string(), v),
            _ => {
                let before = args[i - 1].to_str().unwrap_or_default();
                let option = if before.starts_with('-') && before.len() > 1 {
                    before.to_string()
                } else {
                    crate::tr!("argument {i}", "第{i}个参数")
                };
                (option, text)
            }
        };
        rules::text("-", value).map_err(|e| {
            let msg = e.msg;
            crate::tr!("{option}: {msg}", "{option}：{msg}")
        })?;
    }
    Ok(())
}

/// clap value parser for cadre lists: `C1,C2`, `C1;C2`, `C1、C2`.
pub(crate) fn split_codes(s: &str) -> Vec<String> {
    split_list(s)
}

/// The actor of a transition: `--by`, else `$QIANQI_USER`.
pub(crate) fn actor(by: &Option<String>) -> Result<String> {
    match by {
        Some(b) if !b.trim().is_empty() => Ok(b.trim().to_string()),
        _ => Err(input(crate::tr!(
            "who is doing this? give your cadre code with --by CODE or set QIANQI_USER",
            "由谁办理？请用 --by 给出您的干部编号，或设置 QIANQI_USER"
        ))),
    }
}

/// `qianqi init`: creates the database or brings it up to date.
pub(crate) fn init(ctx: &Ctx) -> Result<()> {
    let conn = ctx.open_or_create()?;
    let version = db::migrate::version(&conn)?;
    let db = conn.shown();
    // Each engine has its own list of migrations, so the version is named
    // with its engine.
    let engine = if conn.sql().is_pg() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "{}",
        crate::tr!(
            "database {db} ready ({engine} schema version {version})",
            "数据库 {db} 已就绪（{engine}结构版本{version}）"
        )
    );
    Ok(())
}

/// Prints the one-line confirmation of a write.
pub(crate) fn done(msg: impl AsRef<str>) {
    println!("{}", msg.as_ref());
}

/// `qianqi man --output DIR`: one page for qianqi and one per command
/// (`qianqi-visit.1`, `qianqi-ticket-add.1`, …).
pub(crate) fn man(dir: &std::path::Path) -> Result<()> {
    use anyhow::Context;
    let shown = dir.display();
    std::fs::create_dir_all(dir)
        .with_context(|| crate::tr!("creating {shown}", "创建目录 {shown}"))?;
    let cli = <crate::cli::Cli as clap::CommandFactory>::command();
    clap_mangen::generate_to(cli, dir)
        .with_context(|| crate::tr!("writing pages to {shown}", "向 {shown} 写入手册页"))?;
    done(crate::tr!(
        "wrote manual pages to {shown}",
        "已将手册页写入 {shown}"
    ));
    Ok(())
}
