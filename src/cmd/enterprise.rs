//! `qianqi enterprise add|set-short|list|show`

use super::data::EnterpriseField;
use super::{done, Ctx};
use crate::db::enterprises::{self, NewEnterprise};
use crate::db::{refs, Db, EnterpriseId, Tx};
use crate::domain::kinds::{Tier, UnitKind};
use crate::domain::rules;
use crate::domain::uscc::Uscc;
use crate::domain::Lang;
use crate::error::{input, input_in};
use crate::output::{col, Column, Kind, OutputArgs, Record, ShowArgs, ShowFormat, Table};
use anyhow::Result;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub(crate) enum Cmd {
    /// Add an enterprise, identified by its unified social credit code (统一社会信用代码).
    Add {
        /// The 18-character unified social credit code.
        uscc: String,
        /// The registered name, e.g. 重庆金美新材料科技有限公司.
        name: String,
        /// The town/street (街镇) where it is located: code or name.
        #[arg(long)]
        town: String,
        /// A short name to type instead of the code, e.g. 金美 (简称).
        #[arg(long, value_name = "NAME")]
        short: Option<String>,
        /// Industry chain, e.g. 装备制造.
        #[arg(long, default_value = "")]
        chain: String,
        /// A key enterprise (重点企业).
        #[arg(long)]
        key: bool,
    },
    /// Give an enterprise a short name (简称) to type instead of its code, or take it away with "".
    SetShort {
        /// Unified social credit code, name, short name or a part of the name.
        enterprise: String,
        /// The short name, e.g. 金美; "" for none.
        short: String,
    },
    /// List enterprises with their open pairings.
    List {
        /// Only enterprises located in this town (code or name).
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
        /// Unified social credit code, name, short name or a part of the name.
        enterprise: String,
        #[command(flatten)]
        show: ShowArgs,
    },
}

pub(crate) const COLUMNS: [Column; 9] = [
    EnterpriseField::Uscc.column(),
    EnterpriseField::Name.column(),
    EnterpriseField::Town.column(),
    col("town_name", "街镇名称", Kind::Text),
    EnterpriseField::Chain.column(),
    EnterpriseField::Key.column(),
    col("cadres", "服务干部", Kind::Text),
    col("visits", "走访次数", Kind::Plain),
    col("open_tickets", "未办结问题", Kind::Plain),
];

/// A key enterprise flag as shown in `lang`.
fn yes_no(key: bool, lang: Lang) -> &'static str {
    if key {
        lang.pick("yes", "是")
    } else {
        lang.pick("no", "否")
    }
}

impl Cmd {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        match self {
            Cmd::Add {
                uscc,
                name,
                town,
                short,
                chain,
                key,
            } => {
                let db = ctx.open()?;
                let tx = db.write()?;
                let uscc = Uscc::parse(&uscc).map_err(|e| {
                    let given = uscc.trim();
                    input(crate::tr!(
                        "unified social credit code {given:?} {e}",
                        "统一社会信用代码{given:?}{e}"
                    ))
                })?;
                let name = name.trim();
                if name.is_empty() {
                    return Err(input(crate::tr!(
                        "an enterprise needs a name",
                        "企业须有名称"
                    )));
                }
                let town = refs::unit_of_kind(&tx, &town, UnitKind::Town)?;
                let e = NewEnterprise {
                    uscc: uscc.as_str(),
                    name,
                    town,
                    chain: chain.trim(),
                    key,
                };
                if !enterprises::add(&tx, &e)? {
                    return Err(input(crate::tr!(
                        "an enterprise with code {uscc} already exists",
                        "统一社会信用代码为{uscc}的企业已存在"
                    )));
                }
                if let Some(short) = &short {
                    let id = refs::enterprise(&tx, uscc.as_str())?;
                    set_short(&tx, id, short)?;
                }
                tx.commit()?;
                done(crate::tr!(
                    "added enterprise {uscc} {name}",
                    "已添加企业{uscc} {name}"
                ));
                Ok(())
            }
            Cmd::SetShort { enterprise, short } => {
                let db = ctx.open()?;
                let tx = db.write()?;
                let id = refs::enterprise(&tx, &enterprise)?;
                let short = set_short(&tx, id, &short)?;
                let e = enterprises::get(&tx, id)?;
                tx.commit()?;
                let (uscc, name) = (&e.uscc, &e.name);
                done(match short {
                    Some(s) => crate::tr!(
                        "enterprise {uscc} {name} is now also {s}",
                        "企业{uscc} {name}的简称现为{s}"
                    ),
                    None => crate::tr!(
                        "enterprise {uscc} {name} has no short name now",
                        "企业{uscc} {name}现在没有简称"
                    ),
                });
                Ok(())
            }
            Cmd::List {
                town,
                tier,
                key,
                unpaired,
                out,
            } => {
                let db = ctx.open()?;
                let town = town
                    .map(|t| refs::unit_of_kind(&db, &t, UnitKind::Town))
                    .transpose()?;
                let filter = enterprises::Filter {
                    town,
                    tier,
                    key,
                    unpaired,
                };
                let mut t = Table::new(&COLUMNS);
                for e in enterprises::list(&db, &filter)? {
                    t.push(vec![
                        e.uscc.into(),
                        e.name.into(),
                        e.town_code.into(),
                        e.town.into(),
                        e.chain.into(),
                        // The flag is a word in the language asked, in every format.
                        yes_no(e.key, ctx.lang).into(),
                        e.cadres.into(),
                        e.visits.into(),
                        e.open_tickets.into(),
                    ]);
                }
                out.render(&t, ctx.lang)
            }
            Cmd::Show { enterprise, show } => {
                let db = ctx.open()?;
                let id = refs::enterprise(&db, &enterprise)?;
                print_file(&db, ctx, id, show.format, &mut std::io::stdout().lock())
            }
        }
    }
}

/// Sets (or, given "", takes away) an enterprise's short name, which must
/// name no other enterprise; returns the short name set. Also the
/// importer's, for the `short_name` column.
pub(crate) fn set_short(tx: &Tx, id: EnterpriseId, short: &str) -> Result<Option<String>> {
    const FIELD: &str = "short_name";
    let short = rules::short_name(FIELD, short)?;
    if !enterprises::set_short_name(tx, id, short)? {
        let s = short.unwrap_or_default();
        let other = enterprises::named(tx, s)?.unwrap_or_default();
        return Err(input_in(
            FIELD,
            crate::tr!(
                "short name {s:?} names another enterprise ({other}); choose another",
                "简称{s:?}已指另一家企业（{other}）；请另选一个"
            ),
        ));
    }
    Ok(short.map(String::from))
}

/// The enterprise file: who it is, who serves it, every visit and every ticket.
fn print_file(
    db: &Db,
    ctx: &Ctx,
    id: EnterpriseId,
    format: ShowFormat,
    w: &mut dyn Write,
) -> Result<()> {
    let lang = ctx.lang;
    let e = enterprises::get(db, id)?;
    let pairings = super::pair::table_for(db, None, Some(id))?;
    let visits = super::visit::table_for(db, None, Some(id))?;
    let filter = super::ticket::Filter {
        who: crate::db::Who {
            enterprise: Some(id),
            ..Default::default()
        },
        ..Default::default()
    };
    let tickets = super::ticket::table_for(db, &filter, ctx.today()?)?;
    if format == ShowFormat::Json {
        let columns = [
            COLUMNS[0],
            COLUMNS[1],
            col("short_name", "简称", Kind::Text),
            COLUMNS[2],
            COLUMNS[3],
            COLUMNS[4],
        ];
        let row = vec![
            e.uscc.into(),
            e.name.into(),
            e.short_name.into(),
            e.town_code.into(),
            e.town_name.into(),
            e.chain.into(),
        ];
        return Record::new(&columns, row)
            .flag("key", e.key)
            .part("pairings", &pairings)
            .part("visits", &visits)
            .part("tickets", &tickets)
            .write_json(w);
    }
    writeln!(w, "{} {}", lang.pick("enterprise file", "企业档案"), e.name)?;
    writeln!(w, "{}: {}", lang.pick("USCC", "统一社会信用代码"), e.uscc)?;
    if let Some(short) = &e.short_name {
        writeln!(w, "{}: {short}", lang.pick("short name", "简称"))?;
    }
    writeln!(
        w,
        "{}: {} {}",
        lang.pick("town", "所在街镇"),
        e.town_code,
        e.town_name
    )?;
    writeln!(w, "{}: {}", lang.pick("industry chain", "产业链"), e.chain)?;
    writeln!(
        w,
        "{}: {}",
        lang.pick("key enterprise", "重点企业"),
        yes_no(e.key, lang)
    )?;
    writeln!(w, "\n{}", lang.pick("pairings", "对口服务"))?;
    pairings.write_table(w, lang)?;
    writeln!(w, "\n{}", lang.pick("visits", "走访记录"))?;
    visits.write_table(w, lang)?;
    writeln!(w, "\n{}", lang.pick("tickets", "问题"))?;
    tickets.write_table(w, lang)?;
    Ok(())
}
