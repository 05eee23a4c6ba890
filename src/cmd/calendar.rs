//! `qianqi calendar list`: the days that are not what their weekday says —
//! public holidays off, 调休 weekend days worked — from the shipped State
//! Council arrangements and the days imported over them.

use super::data::CalendarField;
use super::{parse_date, Ctx};
use crate::db::calendar as cal;
use crate::domain::{date, rules, Lang};
use crate::output::{col, Column, Kind, OutputArgs, Table};
use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum Cmd {
    /// List the holidays and the weekend working days (调休) in a period.
    ///
    /// Columns: date, weekday, workday (1: worked, 0: off). Every other day
    /// is a working day from Monday to Friday. `import calendar FILE`
    /// overrides days; `export calendar` writes the days imported.
    List {
        /// First day [default: 1 January of this year].
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        from: Option<NaiveDate>,
        /// Last day [default: 31 December of this year].
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        to: Option<NaiveDate>,
        #[command(flatten)]
        out: OutputArgs,
    },
}

pub(crate) const COLUMNS: [Column; 3] = [
    CalendarField::Date.column(),
    col("weekday", "星期", Kind::Plain),
    CalendarField::Workday.column(),
];

fn weekday(d: NaiveDate, lang: Lang) -> &'static str {
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    let i = d.weekday().num_days_from_monday() as usize;
    lang.pick(EN[i], ZH[i])
}

impl Cmd {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        match self {
            Cmd::List { from, to, out } => {
                let year = ctx.today()?.year();
                let from = from.unwrap_or_else(|| {
                    NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists")
                });
                let to = to.unwrap_or_else(|| {
                    NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists")
                });
                rules::period(Some(from), Some(to))?;
                let db = ctx.open()?;
                let calendar = cal::calendar(&db)?;
                let mut t = Table::new(&COLUMNS);
                for (d, workday) in calendar.exceptions(from, to) {
                    t.push(vec![
                        date::iso(d).into(),
                        weekday(d, ctx.lang).into(),
                        i64::from(workday).into(),
                    ]);
                }
                out.render(&t, ctx.lang)
            }
        }
    }
}
