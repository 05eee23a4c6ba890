//! `qianqi unit add|list`

use super::data::UnitField;
use super::{done, Ctx};
use crate::db::units::{self, NewUnit};
use crate::domain::kinds::UnitKind;
use crate::error::input;
use crate::output::{col, Column, Kind, OutputArgs, Table};
use anyhow::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum Cmd {
    /// Add a unit: a district department (dept) or a town/street (town).
    Add {
        /// Short code, e.g. D01 or T01.
        #[arg(value_parser = super::parse_code)]
        code: String,
        /// Full name, e.g. 区经济信息委 or 古南街道.
        name: String,
        /// dept (区级部门) or town (街镇).
        #[arg(long, value_parser = UnitKind::parse)]
        kind: UnitKind,
    },
    /// List units.
    List {
        /// Only units of this kind.
        #[arg(long, value_parser = UnitKind::parse)]
        kind: Option<UnitKind>,
        #[command(flatten)]
        out: OutputArgs,
    },
}

pub(crate) const COLUMNS: [Column; 5] = [
    UnitField::Code.column(),
    UnitField::Name.column(),
    UnitField::Kind.column(),
    col("cadres", "干部数", Kind::Plain),
    col("enterprises", "企业数", Kind::Plain),
];

impl Cmd {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        match self {
            Cmd::Add { code, name, kind } => {
                let db = ctx.open()?;
                let tx = db.write()?;
                let (code, name) = (code.trim(), name.trim());
                if code.is_empty() || name.is_empty() {
                    return Err(input(crate::tr!(
                        "a unit needs a code and a name",
                        "单位须有编号和名称"
                    )));
                }
                if !units::add(&tx, &NewUnit { code, name, kind })? {
                    return Err(input(crate::tr!(
                        "a unit with code {code:?} already exists",
                        "编号为{code:?}的单位已存在"
                    )));
                }
                tx.commit()?;
                let kind = kind.word();
                done(crate::tr!(
                    "added unit {code} {name} ({kind})",
                    "已添加单位{code} {name}（{kind}）"
                ));
                Ok(())
            }
            Cmd::List { kind, out } => {
                let db = ctx.open()?;
                let mut t = Table::new(&COLUMNS);
                for u in units::list(&db, kind)? {
                    t.push(vec![
                        u.code.into(),
                        u.name.into(),
                        u.kind.into(),
                        u.cadres.into(),
                        u.enterprises.into(),
                    ]);
                }
                out.render(&t, ctx.lang)
            }
        }
    }
}
