//! `qianqi enterprise add|list|show`

use super::{done, Ctx};
use crate::db::{refs, EnterpriseId};
use crate::domain::kinds::{Tier, UnitKind};
use crate::domain::uscc::Uscc;
use crate::error::input;
use crate::output::{col, Column, Kind, OutputArgs, Table};
use anyhow::Result;
use clap::Subcommand;
use rusqlite::params;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Add an enterprise, identified by its unified social credit code (统一社会信用代码).
    Add {
        /// The 18-character unified social credit code.
        uscc: String,
        /// The registered name, e.g. 重庆金美新材料科技有限公司.
        name: String,
        /// Code of the town/street (街镇) where it is located.
        #[arg(long)]
        town: String,
        /// Industry chain, e.g. 装备制造.
        #[arg(long, default_value = "")]
        chain: String,
        /// A key enterprise (重点企业).
        #[arg(long)]
        key: bool,
    },
    /// List enterprises with their open pairings.
    List {
        /// Only enterprises located in this town (code).
        #[arg(long)]
        town: Option<String>,
        /// Only enterprises with an open pairing of this tier.
        #[arg(long, value_parser = Tier::parse)]
        tier: Option<Tier>,
        /// Only key enterprises.
        #[arg(long)]
        key: bool,
        /// Only enterprises that no cadre serves now.
        #[arg(long)]
        unpaired: bool,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Print an enterprise's file (企业档案): pairings, visits and tickets.
    Show {
        /// Unified social credit code or exact name.
        enterprise: String,
    },
}

pub const COLUMNS: [Column; 8] = [
    col("uscc", "统一社会信用代码", Kind::Id),
    col("name", "企业名称", Kind::Text),
    col("town", "所在街镇", Kind::Text),
    col("chain", "产业链", Kind::Text),
    col("key", "重点企业", Kind::Plain),
    col("cadres", "服务干部", Kind::Text),
    col("visits", "走访次数", Kind::Plain),
    col("open_tickets", "未办结问题", Kind::Plain),
];

impl Cmd {
    pub fn run(self, ctx: &Ctx) -> Result<()> {
        match self {
            Cmd::Add {
                uscc,
                name,
                town,
                chain,
                key,
            } => {
                let conn = ctx.open()?;
                let tx = conn.write()?;
                let uscc = Uscc::parse(&uscc).map_err(|e| {
                    input(format!("unified social credit code {:?} {e}", uscc.trim()))
                })?;
                let name = name.trim();
                if name.is_empty() {
                    return Err(input("an enterprise needs a name"));
                }
                let town = refs::unit_of_kind(&tx, &town, UnitKind::Town)?;
                let n = tx.execute(
                    "INSERT INTO enterprises (uscc, name, town_id, chain, key) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (uscc) DO NOTHING",
                    params![uscc.as_str(), name, town, chain.trim(), key],
                )?;
                if n == 0 {
                    return Err(input(format!(
                        "an enterprise with code {uscc} already exists"
                    )));
                }
                tx.commit()?;
                done(format!("added enterprise {uscc} {name}"));
                Ok(())
            }
            Cmd::List {
                town,
                tier,
                key,
                unpaired,
                out,
            } => {
                let conn = ctx.open()?;
                let town = town
                    .map(|t| refs::unit_of_kind(&conn, &t, UnitKind::Town))
                    .transpose()?;
                let yes_no = ctx.lang.pick("yes", "是");
                let no = ctx.lang.pick("no", "否");
                let t = Table::query(
                    &COLUMNS,
                    &conn,
                    "SELECT e.uscc, e.name, u.name, e.chain, CASE e.key WHEN 1 THEN ?5 ELSE ?6 END,
                            (SELECT group_concat(c.code || ' ' || c.name, '; ') FROM pairings p
                               JOIN cadres c ON c.id = p.cadre_id
                              WHERE p.enterprise_id = e.id AND p.ended_on IS NULL),
                            (SELECT count(*) FROM visits v WHERE v.enterprise_id = e.id),
                            (SELECT count(*) FROM tickets t WHERE t.enterprise_id = e.id
                                AND t.status IN ('collected', 'in_progress'))
                     FROM enterprises e JOIN units u ON u.id = e.town_id
                     WHERE (?1 IS NULL OR e.town_id = ?1)
                       AND (?2 IS NULL OR EXISTS (SELECT 1 FROM pairings p WHERE p.enterprise_id = e.id
                                                  AND p.ended_on IS NULL AND p.tier = ?2))
                       AND (?3 = 0 OR e.key = 1)
                       AND (?4 = 0 OR NOT EXISTS (SELECT 1 FROM pairings p WHERE p.enterprise_id = e.id
                                                  AND p.ended_on IS NULL))
                     ORDER BY u.code, e.name",
                    &[&town, &tier.map(Tier::as_str), &key, &unpaired, &yes_no, &no],
                )?;
                out.render(&t, ctx.lang)
            }
            Cmd::Show { enterprise } => {
                let conn = ctx.open()?;
                let id = refs::enterprise(&conn, &enterprise)?;
                print_file(&conn, ctx, id)
            }
        }
    }
}

/// The enterprise file: who it is, who serves it, every visit and every ticket.
fn print_file(conn: &crate::db::Db, ctx: &Ctx, id: EnterpriseId) -> Result<()> {
    let lang = ctx.lang;
    let (uscc, name, town, chain, key): (String, String, String, String, bool) = conn.query_row(
        "SELECT e.uscc, e.name, u.code || ' ' || u.name, e.chain, e.key
         FROM enterprises e JOIN units u ON u.id = e.town_id WHERE e.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let mut w = std::io::stdout().lock();
    writeln!(w, "{} {name}", lang.pick("enterprise file", "企业档案"))?;
    writeln!(w, "{}: {uscc}", lang.pick("USCC", "统一社会信用代码"))?;
    writeln!(w, "{}: {town}", lang.pick("town", "所在街镇"))?;
    writeln!(w, "{}: {chain}", lang.pick("industry chain", "产业链"))?;
    writeln!(
        w,
        "{}: {}",
        lang.pick("key enterprise", "重点企业"),
        if key {
            lang.pick("yes", "是")
        } else {
            lang.pick("no", "否")
        }
    )?;
    writeln!(w, "\n{}", lang.pick("pairings", "对口服务"))?;
    super::pair::table_for(conn, lang, None, Some(id))?.write_table(&mut w, lang)?;
    writeln!(w, "\n{}", lang.pick("visits", "走访记录"))?;
    super::visit::recent_for(conn, None, Some(id), lang)?.write_table(&mut w, lang)?;
    writeln!(w, "\n{}", lang.pick("tickets", "问题"))?;
    let filter = super::ticket::Filter {
        enterprise: Some(id),
        ..Default::default()
    };
    super::ticket::table_for(conn, lang, &filter, ctx.today()?)?.write_table(&mut w, lang)?;
    Ok(())
}
