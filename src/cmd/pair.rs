//! `qianqi pair`, `qianqi unpair`, `qianqi pair list`

use super::{done, parse_date, Ctx};
use crate::db::{self, refs, CadreId, EnterpriseId};
use crate::domain::{date, kinds::Tier, Lang};
use crate::error::{input, input_in};
use crate::output::{col, Column, Kind, OutputArgs, Table};
use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct PairCmd {
    #[command(subcommand)]
    list: Option<PairSub>,
    /// Cadre code.
    #[arg(required = true)]
    cadre: Option<String>,
    /// Enterprise: unified social credit code or exact name.
    #[arg(required = true)]
    enterprise: Option<String>,
    /// district (区级, one-to-one) or town (街镇, a cadre may serve several).
    #[arg(long, value_parser = Tier::parse, required = true)]
    tier: Option<Tier>,
    /// First day of the pairing [default: today].
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    on: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
enum PairSub {
    /// List pairings.
    List {
        /// Only this cadre's pairings (code).
        #[arg(long)]
        cadre: Option<String>,
        /// Only this enterprise's pairings (USCC or name).
        #[arg(long)]
        enterprise: Option<String>,
        /// Only pairings of cadres of this unit (code).
        #[arg(long)]
        unit: Option<String>,
        /// Only pairings with enterprises located in this town (code).
        #[arg(long)]
        town: Option<String>,
        #[arg(long, value_parser = Tier::parse)]
        tier: Option<Tier>,
        /// Only pairings still open.
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        out: OutputArgs,
    },
}

#[derive(Debug, Args)]
pub struct UnpairArgs {
    /// Cadre code.
    cadre: String,
    /// Enterprise: unified social credit code or exact name.
    enterprise: String,
    /// Last day of the pairing [default: today].
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    on: Option<NaiveDate>,
}

pub const COLUMNS: [Column; 7] = [
    col("cadre", "干部", Kind::Text),
    col("cadre_name", "干部姓名", Kind::Text),
    col("enterprise", "统一社会信用代码", Kind::Id),
    col("enterprise_name", "企业名称", Kind::Text),
    col("tier", "层级", Kind::Plain),
    col("started_on", "开始日期", Kind::Plain),
    col("ended_on", "结束日期", Kind::Plain),
];

const SELECT: &str = "SELECT c.code, c.name, e.uscc, e.name, p.tier, p.started_on, p.ended_on
     FROM pairings p JOIN cadres c ON c.id = p.cadre_id JOIN enterprises e ON e.id = p.enterprise_id";

/// Pairings of one cadre or one enterprise, for their files.
pub fn table_for(
    conn: &Connection,
    lang: Lang,
    cadre: Option<CadreId>,
    enterprise: Option<EnterpriseId>,
) -> Result<Table> {
    let mut t = Table::query(
        &COLUMNS,
        conn,
        &format!(
            "{SELECT} WHERE {} AND {} ORDER BY p.started_on, p.id",
            db::eq_if(cadre.is_some(), "p.cadre_id", 1),
            db::eq_if(enterprise.is_some(), "p.enterprise_id", 2)
        ),
        &[&cadre, &enterprise],
    )?;
    label_tiers(&mut t, lang);
    Ok(t)
}

fn label_tiers(t: &mut Table, lang: Lang) {
    for row in &mut t.rows {
        if let crate::output::Value::Text(s) = &row[4] {
            if let Ok(tier) = Tier::parse(s) {
                row[4] = tier.label(lang).into();
            }
        }
    }
}

/// Checks the one-to-one rules before a pairing is inserted, so the person
/// is told which pairing is in the way.
pub fn check_open_pairings(
    conn: &Connection,
    cadre: CadreId,
    enterprise: EnterpriseId,
    tier: Tier,
) -> Result<()> {
    let holder = |sql: &str, id: i64| -> Result<Option<String>> {
        Ok(conn
            .prepare_cached(sql)?
            .query_row(params![id, tier.as_str()], |r| r.get(0))
            .optional()?)
    };
    if tier == Tier::District {
        if let Some(e) = holder(
            "SELECT e.name || ' (' || e.uscc || ')' FROM pairings p JOIN enterprises e ON e.id = p.enterprise_id
             WHERE p.cadre_id = ?1 AND p.tier = ?2 AND p.ended_on IS NULL",
            cadre.0,
        )? {
            return Err(input_in("cadre", format!(
                "the cadre already serves {e} one-to-one at district tier; end that pairing with `qianqi unpair` first"
            )));
        }
    }
    if let Some(c) = holder(
        "SELECT c.code || ' ' || c.name FROM pairings p JOIN cadres c ON c.id = p.cadre_id
         WHERE p.enterprise_id = ?1 AND p.tier = ?2 AND p.ended_on IS NULL",
        enterprise.0,
    )? {
        return Err(input_in("enterprise", format!(
            "the enterprise already has an open {tier}-tier pairing with {c}; end it with `qianqi unpair` first"
        )));
    }
    Ok(())
}

/// A pairing ends on or after the day it began (both ISO dates).
pub fn check_end(started: &str, end: &str) -> Result<()> {
    if end < started {
        return Err(input_in(
            "ended_on",
            format!("the pairing began on {started}; it cannot end on {end}, before that"),
        ));
    }
    Ok(())
}

impl PairCmd {
    pub fn run(self, ctx: &Ctx) -> Result<()> {
        if let Some(PairSub::List {
            cadre,
            enterprise,
            unit,
            town,
            tier,
            open,
            out,
        }) = self.list
        {
            let conn = ctx.open()?;
            let cadre = cadre.map(|c| refs::cadre(&conn, &c)).transpose()?;
            let enterprise = enterprise
                .map(|e| refs::enterprise(&conn, &e))
                .transpose()?;
            let unit = unit.map(|u| refs::unit(&conn, &u)).transpose()?;
            let town = town.map(|u| refs::unit(&conn, &u)).transpose()?;
            let mut t = Table::query(
                &COLUMNS,
                &conn,
                &format!(
                    "{SELECT} WHERE {} AND {}
                       AND (?3 IS NULL OR c.unit_id = ?3) AND (?4 IS NULL OR e.town_id = ?4)
                       AND (?5 IS NULL OR p.tier = ?5) AND (?6 = 0 OR p.ended_on IS NULL)
                     ORDER BY c.code, p.started_on, p.id",
                    db::eq_if(cadre.is_some(), "p.cadre_id", 1),
                    db::eq_if(enterprise.is_some(), "p.enterprise_id", 2)
                ),
                &[
                    &cadre,
                    &enterprise,
                    &unit,
                    &town,
                    &tier.map(Tier::as_str),
                    &open,
                ],
            )?;
            if out.format == crate::output::Format::Table {
                label_tiers(&mut t, ctx.lang);
            }
            return out.render(&t, ctx.lang);
        }
        let (Some(cadre_code), Some(ent), Some(tier)) = (self.cadre, self.enterprise, self.tier)
        else {
            return Err(input(
                "pair needs a cadre, an enterprise and --tier district|town",
            ));
        };
        let on = ctx.on_or_today(self.on, "pairing start")?;
        let conn = ctx.open()?;
        let tx = conn.write()?;
        let cadre = refs::cadre(&tx, &cadre_code)?;
        let enterprise = refs::enterprise(&tx, &ent)?;
        check_open_pairings(&tx, cadre, enterprise, tier)?;
        tx.execute(
            "INSERT INTO pairings (cadre_id, enterprise_id, tier, started_on) VALUES (?1, ?2, ?3, ?4)",
            params![cadre, enterprise, tier.as_str(), date::iso(on)],
        )?;
        tx.commit()?;
        done(format!(
            "paired {} with {} ({tier} tier) from {}",
            cadre_code.trim(),
            ent.trim(),
            date::iso(on)
        ));
        Ok(())
    }
}

impl UnpairArgs {
    pub fn run(self, ctx: &Ctx) -> Result<()> {
        let on = ctx.on_or_today(self.on, "pairing end")?;
        let conn = ctx.open()?;
        let tx = conn.write()?;
        let cadre = refs::cadre(&tx, &self.cadre)?;
        let enterprise = refs::enterprise(&tx, &self.enterprise)?;
        let open: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, started_on FROM pairings WHERE cadre_id = ?1 AND enterprise_id = ?2 AND ended_on IS NULL",
                params![cadre, enterprise],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, started)) = open else {
            return Err(input(format!(
                "{} has no open pairing with {}; see `qianqi pair list --cadre {}`",
                self.cadre.trim(),
                self.enterprise.trim(),
                self.cadre.trim()
            )));
        };
        let end = date::iso(on);
        check_end(&started, &end)?;
        tx.execute(
            "UPDATE pairings SET ended_on = ?2 WHERE id = ?1",
            params![id, end],
        )?;
        tx.commit()?;
        done(format!(
            "ended the pairing of {} with {} on {end}",
            self.cadre.trim(),
            self.enterprise.trim()
        ));
        Ok(())
    }
}
