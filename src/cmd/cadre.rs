//! `qianqi cadre add|list|show`

use super::data::CadreField;
use super::{done, Ctx};
use crate::db::cadres::{self, NewCadre};
use crate::db::refs;
use crate::db::{CadreId, Db};
use crate::domain::kinds::Tier;
use crate::domain::rules;
use crate::error::input;
use crate::output::{col, Column, Kind, OutputArgs, Record, ShowArgs, ShowFormat, Table};
use anyhow::Result;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub(crate) enum Cmd {
    /// Add a cadre (助企干部) employed by a unit.
    Add {
        /// Short code, e.g. C0001.
        #[arg(value_parser = super::parse_code)]
        code: String,
        /// Name, e.g. 王芳.
        name: String,
        /// The cadre's unit (department or town): code or name.
        #[arg(long)]
        unit: String,
        /// Rank, e.g. 副科级.
        #[arg(long, default_value = "")]
        rank: String,
        /// Phone number (digits, spaces, + and -).
        #[arg(long, default_value = "")]
        phone: String,
    },
    /// List cadres with their open pairings and visit counts.
    List {
        /// Only cadres of this unit (code or name).
        #[arg(long)]
        unit: Option<String>,
        /// Only cadres with an open pairing of this tier.
        #[arg(long, value_parser = Tier::parse)]
        tier: Option<Tier>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Show a cadre: unit, pairings, visits and the tickets the cadre collected.
    Show {
        /// Cadre code (any case) or name.
        code: String,
        #[command(flatten)]
        show: ShowArgs,
    },
}

pub(crate) const COLUMNS: [Column; 9] = [
    CadreField::Code.column(),
    CadreField::Name.column(),
    CadreField::Unit.column(),
    col("unit_name", "单位名称", Kind::Text),
    CadreField::Rank.column(),
    CadreField::Phone.column(),
    col("enterprises", "服务企业数", Kind::Plain),
    col("visits", "走访次数", Kind::Plain),
    col("last_visit", "最近走访", Kind::Plain),
];

impl Cmd {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        match self {
            Cmd::Add {
                code,
                name,
                unit,
                rank,
                phone,
            } => {
                let db = ctx.open()?;
                let tx = db.write()?;
                let (code, name) = (code.trim(), name.trim());
                if code.is_empty() || name.is_empty() {
                    return Err(input(crate::tr!(
                        "a cadre needs a code and a name",
                        "干部须有编号和姓名"
                    )));
                }
                let unit = refs::unit(&tx, &unit)?;
                let phone = rules::phone("phone", &phone)?;
                let cadre = NewCadre {
                    code,
                    name,
                    unit,
                    rank: rank.trim(),
                    phone,
                };
                if !cadres::add(&tx, &cadre)? {
                    return Err(input(crate::tr!(
                        "a cadre with code {code:?} already exists",
                        "编号为{code:?}的干部已存在"
                    )));
                }
                tx.commit()?;
                done(crate::tr!(
                    "added cadre {code} {name}",
                    "已添加干部{code} {name}"
                ));
                Ok(())
            }
            Cmd::List { unit, tier, out } => {
                let db = ctx.open()?;
                let unit = unit.map(|u| refs::unit(&db, &u)).transpose()?;
                let mut t = Table::new(&COLUMNS);
                for c in cadres::list(&db, unit, tier)? {
                    t.push(vec![
                        c.code.into(),
                        c.name.into(),
                        c.unit.into(),
                        c.unit_name.into(),
                        c.rank.into(),
                        c.phone.into(),
                        c.enterprises.into(),
                        c.visits.into(),
                        c.last_visit.into(),
                    ]);
                }
                out.render(&t, ctx.lang)
            }
            Cmd::Show { code, show } => {
                let db = ctx.open()?;
                let id = refs::cadre(&db, &code)?;
                print_cadre(&db, ctx, id, show.format, &mut std::io::stdout().lock())
            }
        }
    }
}

/// A cadre: who, then the pairings, the visits and the tickets the cadre collected.
fn print_cadre(
    db: &Db,
    ctx: &Ctx,
    id: CadreId,
    format: ShowFormat,
    w: &mut dyn Write,
) -> Result<()> {
    let lang = ctx.lang;
    let c = cadres::get(db, id)?;
    let pairings = super::pair::table_for(db, Some(id), None)?;
    let visits = super::visit::table_for(db, Some(id), None)?;
    let filter = super::ticket::Filter {
        who: crate::db::Who {
            cadre: Some(id),
            ..Default::default()
        },
        ..Default::default()
    };
    let tickets = super::ticket::table_for(db, &filter, ctx.today()?)?;
    if format == ShowFormat::Json {
        let row = vec![
            c.code.into(),
            c.name.into(),
            c.unit_code.into(),
            c.unit_name.into(),
            c.rank.into(),
            c.phone.into(),
        ];
        return Record::new(&COLUMNS[..6], row)
            .part("pairings", &pairings)
            .part("visits", &visits)
            .part("tickets", &tickets)
            .write_json(w);
    }
    writeln!(w, "{} {} {}", lang.pick("cadre", "干部"), c.code, c.name)?;
    writeln!(
        w,
        "{}: {} {}",
        lang.pick("unit", "单位"),
        c.unit_code,
        c.unit_name
    )?;
    writeln!(w, "{}: {}", lang.pick("rank", "职级"), c.rank)?;
    writeln!(w, "{}: {}", lang.pick("phone", "电话"), c.phone)?;
    writeln!(w, "\n{}", lang.pick("pairings", "对口服务"))?;
    pairings.write_table(w, lang)?;
    writeln!(w, "\n{}", lang.pick("visits", "走访记录"))?;
    visits.write_table(w, lang)?;
    writeln!(w, "\n{}", lang.pick("tickets collected", "收集的问题"))?;
    tickets.write_table(w, lang)?;
    Ok(())
}
