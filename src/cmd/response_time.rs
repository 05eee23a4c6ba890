//! `qianqi response-time set|list`: the response time (响应时限), working
//! days from an assignment to its acceptance, set from a day on with its
//! history, which the response rate of `report assessment` times.

use super::{done, parse_date, Ctx};
use crate::db::calendar as cal;
use crate::domain::{date, rules};
use crate::output::{col, Column, Kind, OutputArgs, Table, Value};
use anyhow::Result;
use chrono::NaiveDate;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum Cmd {
    /// Set the response time in working days from a day on.
    ///
    /// An assignment made on a day has the response time set from the
    /// latest day on or before it (of several set from one day, the last);
    /// 1 working day before any is set. Assignments made before --from keep
    /// theirs, so a past assessment stays what it was.
    Set {
        /// Working days from an assignment to its acceptance (1–365).
        #[arg(value_name = "DAYS", allow_hyphen_values = true)]
        days: String,
        /// First assignment day it holds for [default: today].
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        from: Option<NaiveDate>,
    },
    /// List the response times set, with their history.
    ///
    /// Columns: from (the first assignment day it holds for), days, set_on
    /// (the day it was set), replaced (1 when a later setting from the same
    /// day replaced it). With none set, the response time is 1 working day.
    List {
        #[command(flatten)]
        out: OutputArgs,
    },
}

pub(crate) const COLUMNS: [Column; 4] = [
    col("from", "起始日期", Kind::Plain),
    col("days", "工作日数", Kind::Plain),
    col("set_on", "设定日期", Kind::Plain),
    col("replaced", "已被替换", Kind::Plain),
];

impl Cmd {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        match self {
            Cmd::Set { days, from } => {
                let days = rules::working_days("days", &days)?;
                let today = ctx.today()?;
                let from = from.unwrap_or(today);
                let db = ctx.open()?;
                let tx = db.write()?;
                let before = cal::set_response_time(&tx, days, from, today)?;
                tx.commit()?;
                let from = date::iso(from);
                done(crate::tr!(
                    "response time from {from}: {days} working days (was {before})",
                    "自{from}起响应时限为{days}个工作日（原为{before}个）"
                ));
                Ok(())
            }
            Cmd::List { out } => {
                let db = ctx.open()?;
                let mut t = Table::new(&COLUMNS);
                for r in cal::list_response_times(&db)? {
                    t.push(vec![
                        r.from.into(),
                        i64::from(r.days).into(),
                        r.set_on.into(),
                        Value::Int(i64::from(r.replaced)),
                    ]);
                }
                out.render(&t, ctx.lang)
            }
        }
    }
}
