//! `qianqi cadre add|list|show`

use super::{done, Ctx};
use crate::db::refs;
use crate::domain::kinds::Tier;
use crate::error::input;
use crate::output::{col, Column, Kind, OutputArgs, Table};
use anyhow::Result;
use clap::Subcommand;
use rusqlite::params;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Add a cadre (助企干部) employed by a unit.
    Add {
        /// Short code, e.g. C0001.
        code: String,
        /// Name, e.g. 王芳.
        name: String,
        /// Code of the cadre's unit (department or town).
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
        /// Only cadres of this unit (code).
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
        /// Cadre code.
        code: String,
    },
}

pub const COLUMNS: [Column; 8] = [
    col("code", "编号", Kind::Text),
    col("name", "姓名", Kind::Text),
    col("unit", "单位", Kind::Text),
    col("rank", "职级", Kind::Text),
    col("phone", "电话", Kind::Id),
    col("enterprises", "服务企业数", Kind::Plain),
    col("visits", "走访次数", Kind::Plain),
    col("last_visit", "最近走访", Kind::Plain),
];

/// Checks a phone number's characters; an empty one is allowed.
pub fn check_phone(phone: &str) -> Result<&str> {
    let p = phone.trim();
    if p.chars().all(|c| c.is_ascii_digit() || " +-".contains(c))
        && p.chars().filter(char::is_ascii_digit).count() <= 20
    {
        Ok(p)
    } else {
        Err(input(format!(
            "{p:?} is not a phone number; use digits, spaces, + and - (half-width)"
        )))
    }
}

impl Cmd {
    pub fn run(self, ctx: &Ctx) -> Result<()> {
        match self {
            Cmd::Add {
                code,
                name,
                unit,
                rank,
                phone,
            } => {
                let conn = ctx.open()?;
                let tx = conn.write()?;
                let (code, name) = (code.trim(), name.trim());
                if code.is_empty() || name.is_empty() {
                    return Err(input("a cadre needs a code and a name"));
                }
                let unit = refs::unit(&tx, &unit)?;
                let phone = check_phone(&phone)?;
                let n = tx.execute(
                    "INSERT INTO cadres (code, name, unit_id, rank, phone) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (code) DO NOTHING",
                    params![code, name, unit, rank.trim(), phone],
                )?;
                if n == 0 {
                    return Err(input(format!("a cadre with code {code:?} already exists")));
                }
                tx.commit()?;
                done(format!("added cadre {code} {name}"));
                Ok(())
            }
            Cmd::List { unit, tier, out } => {
                let conn = ctx.open()?;
                let unit = unit.map(|u| refs::unit(&conn, &u)).transpose()?;
                let t = Table::query(
                    &COLUMNS,
                    &conn,
                    "SELECT c.code, c.name, u.code, c.rank, c.phone,
                            (SELECT count(*) FROM pairings p WHERE p.cadre_id = c.id AND p.ended_on IS NULL),
                            (SELECT count(*) FROM visits v WHERE v.cadre_id = c.id),
                            (SELECT max(visited_on) FROM visits v WHERE v.cadre_id = c.id)
                     FROM cadres c JOIN units u ON u.id = c.unit_id
                     WHERE (?1 IS NULL OR c.unit_id = ?1)
                       AND (?2 IS NULL OR EXISTS (SELECT 1 FROM pairings p WHERE p.cadre_id = c.id
                                                  AND p.ended_on IS NULL AND p.tier = ?2))
                     ORDER BY c.code",
                    &[&unit, &tier.map(Tier::as_str)],
                )?;
                out.render(&t, ctx.lang)
            }
            Cmd::Show { code } => {
                let conn = ctx.open()?;
                let id = refs::cadre(&conn, &code)?;
                let lang = ctx.lang;
                let (name, unit, rank, phone): (String, String, String, String) = conn.query_row(
                    "SELECT c.name, u.code || ' ' || u.name, c.rank, c.phone
                     FROM cadres c JOIN units u ON u.id = c.unit_id WHERE c.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )?;
                let mut w = std::io::stdout().lock();
                use std::io::Write;
                writeln!(w, "{} {code} {name}", lang.pick("cadre", "干部"))?;
                writeln!(w, "{}: {unit}", lang.pick("unit", "单位"))?;
                writeln!(w, "{}: {rank}", lang.pick("rank", "职级"))?;
                writeln!(w, "{}: {phone}", lang.pick("phone", "电话"))?;
                let pairings = super::pair::table_for(&conn, lang, Some(id), None)?;
                writeln!(w, "\n{}", lang.pick("pairings", "对口服务"))?;
                pairings.write_table(&mut w, lang)?;
                let visits = super::visit::recent_for(&conn, Some(id), None, lang)?;
                writeln!(w, "\n{}", lang.pick("visits", "走访记录"))?;
                visits.write_table(&mut w, lang)?;
                let tickets = super::ticket::table_for(
                    &conn,
                    lang,
                    &super::ticket::Filter {
                        cadre: Some(id),
                        ..Default::default()
                    },
                    ctx.today()?,
                )?;
                writeln!(w, "\n{}", lang.pick("tickets collected", "收集的问题"))?;
                tickets.write_table(&mut w, lang)?;
                Ok(())
            }
        }
    }
}
