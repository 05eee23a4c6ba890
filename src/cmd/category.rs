//! `qianqi category add|list`: the categories' deadlines in working days (办理时限).

use super::data::CategoryField;
use super::{done, Ctx};
use crate::db::calendar::{self as cal, DEFAULT_DAYS};
use crate::output::{col, Column, Kind, OutputArgs, Table, Value};
use anyhow::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum Cmd {
    /// Give a category its deadline in working days, or change it.
    ///
    /// An assignment without --due is due this many working days later;
    /// a category without a deadline of its own has 7.
    Add {
        /// The category, as tickets name it, e.g. 用工招聘.
        name: String,
        /// Working days to solve a ticket of this category in (1–365).
        #[arg(long, value_name = "N")]
        days: u32,
    },
    /// List the categories: those given a deadline and those tickets name.
    ///
    /// Columns: name, days (the deadline in working days), set (1 when given
    /// with `category add` or imported, 0 for the default), tickets.
    List {
        #[command(flatten)]
        out: OutputArgs,
    },
}

pub(crate) const COLUMNS: [Column; 4] = [
    CategoryField::Name.column(),
    CategoryField::Days.column(),
    col("set", "已设定", Kind::Plain),
    col("tickets", "问题数", Kind::Plain),
];

impl Cmd {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        match self {
            Cmd::Add { name, days } => {
                let db = ctx.open()?;
                let tx = db.write()?;
                let before = cal::set_category(&tx, &name, days)?;
                tx.commit()?;
                let name = name.trim();
                done(match before {
                    None => crate::tr!(
                        "category {name}: {days} working days",
                        "问题类别{name}：办理时限{days}个工作日"
                    ),
                    Some(b) => crate::tr!(
                        "category {name}: {days} working days (was {b})",
                        "问题类别{name}：办理时限{days}个工作日（原为{b}个）"
                    ),
                });
                Ok(())
            }
            Cmd::List { out } => {
                let db = ctx.open()?;
                let mut t = Table::new(&COLUMNS);
                for c in cal::categories(&db)? {
                    t.push(vec![
                        c.name.into(),
                        i64::from(c.days.unwrap_or(DEFAULT_DAYS)).into(),
                        Value::Int(i64::from(c.days.is_some())),
                        c.tickets.into(),
                    ]);
                }
                out.render(&t, ctx.lang)
            }
        }
    }
}
