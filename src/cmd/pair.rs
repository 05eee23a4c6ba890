//! `qianqi pair`, `qianqi unpair`, `qianqi pair list`

use super::data::PairingField;
use super::{done, parse_date, Ctx, WhoArgs};
use crate::db::pairings::{self, NewPairing, Pairing};
use crate::db::{cadres, enterprises, refs, CadreId, Db, EnterpriseId};
use crate::domain::{date, kinds::Tier};
use crate::error::input;
use crate::output::{col, Column, Kind, OutputArgs, Table};
use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct PairCmd {
    #[command(subcommand)]
    list: Option<PairSub>,
    /// Cadre code.
    #[arg(required = true)]
    cadre: Option<String>,
    /// Enterprise: credit code, name, short name, or a part of the name only it has.
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
        #[command(flatten)]
        who: WhoArgs,
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
pub(crate) struct UnpairArgs {
    /// Cadre code.
    cadre: String,
    /// Enterprise: credit code, name, short name, or a part of the name only it has.
    enterprise: String,
    /// The day the pairing ends: it is in force until the day before, so the day it began records a pairing that was never in force [default: today].
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    on: Option<NaiveDate>,
}

pub(crate) const COLUMNS: [Column; 7] = [
    PairingField::Cadre.column(),
    col("cadre_name", "干部姓名", Kind::Text),
    col("enterprise", "统一社会信用代码", Kind::Id),
    col("enterprise_name", "企业名称", Kind::Text),
    PairingField::Tier.column(),
    PairingField::StartedOn.column(),
    PairingField::EndedOn.column(),
];

fn table(pairings: Vec<Pairing>) -> Table {
    let mut t = Table::new(&COLUMNS);
    for p in pairings {
        t.push(vec![
            p.cadre.into(),
            p.cadre_name.into(),
            p.uscc.into(),
            p.enterprise_name.into(),
            p.tier.into(),
            p.started_on.into(),
            p.ended_on.into(),
        ]);
    }
    t
}

/// Pairings of one cadre or one enterprise, for their files.
pub(crate) fn table_for(
    db: &Db,
    cadre: Option<CadreId>,
    enterprise: Option<EnterpriseId>,
) -> Result<Table> {
    Ok(table(pairings::of(db, cadre, enterprise)?))
}

impl PairCmd {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        if let Some(PairSub::List {
            who,
            tier,
            open,
            out,
        }) = self.list
        {
            let db = ctx.open()?;
            let filter = pairings::Filter {
                who: who.resolve(&db)?,
                tier,
                open,
            };
            return out.render(&table(pairings::list(&db, &filter)?), ctx.lang);
        }
        let (Some(cadre_code), Some(ent), Some(tier)) = (self.cadre, self.enterprise, self.tier)
        else {
            return Err(input(crate::tr!(
                "pair needs a cadre, an enterprise and --tier district|town",
                "结对须给出干部、企业和层级（--tier 区级或街镇）"
            )));
        };
        let on = ctx.on_or_today(self.on, &crate::tr!("pairing start", "结对开始日期"))?;
        let db = ctx.open()?;
        let tx = db.write()?;
        let pairing = NewPairing {
            cadre: refs::cadre(&tx, &cadre_code)?,
            enterprise: refs::enterprise(&tx, &ent)?,
            tier,
            started_on: on,
            ended_on: None,
        };
        pairings::add(&tx, &pairing)?;
        let (cadre, ent) = (
            cadres::get(&tx, pairing.cadre)?.shown(),
            enterprises::get(&tx, pairing.enterprise)?.shown(),
        );
        tx.commit()?;
        let (tier, on) = (tier.word(), date::iso(on));
        done(crate::tr!(
            "paired {cadre} with {ent} ({tier} tier) from {on}",
            "已将干部{cadre}与企业{ent}结对（{tier}），自{on}起"
        ));
        Ok(())
    }
}

impl UnpairArgs {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        let on = ctx.on_or_today(self.on, &crate::tr!("pairing end", "结对结束日期"))?;
        let db = ctx.open()?;
        let tx = db.write()?;
        let cadre = refs::cadre(&tx, &self.cadre)?;
        let enterprise = refs::enterprise(&tx, &self.enterprise)?;
        let c = cadres::get(&tx, cadre)?;
        let (cadre_code, who, ent) = (
            &c.code,
            c.shown(),
            enterprises::get(&tx, enterprise)?.shown(),
        );
        if !pairings::end(&tx, cadre, enterprise, on)? {
            return Err(input(crate::tr!(
                "{who} has no open pairing with {ent}; see `qianqi pair list --cadre {cadre_code}`",
                "干部{who}与企业{ent}没有未结束的结对；请查看 `qianqi pair list --cadre {cadre_code}`"
            )));
        }
        tx.commit()?;
        let on = date::iso(on);
        done(crate::tr!(
            "ended the pairing of {who} with {ent} on {on}",
            "已于{on}结束干部{who}与企业{ent}的结对"
        ));
        Ok(())
    }
}
