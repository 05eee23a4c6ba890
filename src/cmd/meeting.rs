//! `qianqi meeting add|list`

use super::{done, parse_date, split_codes, Ctx};
use crate::db::meetings::{self, NewMeeting};
use crate::db::refs;
use crate::domain::date;
use crate::error::input;
use crate::output::{col, Column, Kind, OutputArgs, Table};
use anyhow::Result;
use chrono::NaiveDate;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum Cmd {
    /// Record a meeting (座谈会) and the cadres who attended.
    Add {
        /// Short code, e.g. M001.
        #[arg(value_parser = super::parse_code)]
        code: String,
        /// Title, e.g. 古南街道助企干部座谈会.
        #[arg(long)]
        title: String,
        /// Day it was held [default: today].
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: Option<NaiveDate>,
        /// Codes of the attending cadres, separated by , ; or 、
        #[arg(long, value_name = "CODES", value_parser = |s: &str| Ok::<_, String>(split_codes(s)))]
        cadres: Vec<Vec<String>>,
    },
    /// List meetings with attendance and the tickets resolved at each.
    List {
        /// First day, included.
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        from: Option<NaiveDate>,
        /// Last day, included.
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        to: Option<NaiveDate>,
        /// Only meetings this cadre attended: code (any case) or a name only one cadre has.
        #[arg(long)]
        cadre: Option<String>,
        #[command(flatten)]
        out: OutputArgs,
    },
}

pub(crate) const COLUMNS: [Column; 5] = [
    col("code", "编号", Kind::Code),
    col("held_on", "日期", Kind::Plain),
    col("title", "名称", Kind::Text),
    col("cadres", "参会干部数", Kind::Plain),
    col("tickets_resolved", "会上解决问题数", Kind::Plain),
];

impl Cmd {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        match self {
            Cmd::Add {
                code,
                title,
                on,
                cadres,
            } => {
                let on = ctx.on_or_today(on, &crate::tr!("meeting date", "座谈会日期"))?;
                let code = code.trim();
                if code.is_empty() {
                    return Err(input(crate::tr!(
                        "a meeting needs a code",
                        "座谈会须有编号"
                    )));
                }
                let db = ctx.open()?;
                let tx = db.write()?;
                let codes: Vec<String> = cadres.into_iter().flatten().collect();
                let attended = codes
                    .iter()
                    .map(|c| refs::cadre(&tx, c))
                    .collect::<Result<Vec<_>>>()?;
                let meeting = NewMeeting {
                    code,
                    held_on: on,
                    title: title.trim(),
                    cadres: &attended,
                };
                meetings::add(&tx, &meeting)?;
                tx.commit()?;
                let (on, n) = (date::iso(on), codes.len());
                let s = if n == 1 { "" } else { "s" };
                done(crate::tr!(
                    "added meeting {code} on {on} with {n} cadre{s}",
                    "已添加座谈会{code}（{on}，{n}名干部参会）"
                ));
                Ok(())
            }
            Cmd::List {
                from,
                to,
                cadre,
                out,
            } => {
                crate::domain::rules::period(from, to)?;
                let db = ctx.open()?;
                let filter = meetings::Filter {
                    from,
                    to,
                    cadre: cadre.map(|c| refs::cadre(&db, &c)).transpose()?,
                };
                let mut t = Table::new(&COLUMNS);
                for m in meetings::list(&db, &filter)? {
                    t.push(vec![
                        m.code.into(),
                        m.held_on.into(),
                        m.title.into(),
                        m.cadres.into(),
                        m.tickets_resolved.into(),
                    ]);
                }
                out.render(&t, ctx.lang)
            }
        }
    }
}
