//! `qianqi unit add|list`

use super::{done, Ctx};
use crate::domain::kinds::UnitKind;
use crate::error::input;
use crate::output::{col, Kind, OutputArgs, Table};
use anyhow::Result;
use clap::Subcommand;
use rusqlite::params;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Add a unit: a district department (dept) or a town/street (town).
    Add {
        /// Short code, e.g. D01 or T01.
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

pub const COLUMNS: [crate::output::Column; 5] = [
    col("code", "编号", Kind::Text),
    col("name", "名称", Kind::Text),
    col("kind", "类型", Kind::Plain),
    col("cadres", "干部数", Kind::Plain),
    col("enterprises", "企业数", Kind::Plain),
];

impl Cmd {
    pub fn run(self, ctx: &Ctx) -> Result<()> {
        match self {
            Cmd::Add { code, name, kind } => {
                let conn = ctx.open()?;
                let tx = conn.write()?;
                let (code, name) = (code.trim(), name.trim());
                if code.is_empty() || name.is_empty() {
                    return Err(input("a unit needs a code and a name"));
                }
                let n = tx.execute(
                    "INSERT INTO units (code, name, kind) VALUES (?1, ?2, ?3) ON CONFLICT (code) DO NOTHING",
                    params![code, name, kind.as_str()],
                )?;
                if n == 0 {
                    return Err(input(format!("a unit with code {code:?} already exists")));
                }
                tx.commit()?;
                done(format!("added unit {code} {name} ({kind})"));
                Ok(())
            }
            Cmd::List { kind, out } => {
                let conn = ctx.open()?;
                let mut t = Table::query(
                    &COLUMNS,
                    &conn,
                    "SELECT u.code, u.name, u.kind,
                            (SELECT count(*) FROM cadres c WHERE c.unit_id = u.id),
                            (SELECT count(*) FROM enterprises e WHERE e.town_id = u.id)
                     FROM units u WHERE ?1 IS NULL OR u.kind = ?1 ORDER BY u.code",
                    &[&kind.map(UnitKind::as_str)],
                )?;
                for row in &mut t.rows {
                    if let crate::output::Value::Text(k) = &row[2] {
                        let label =
                            UnitKind::parse(k).map_or(k.clone(), |k| k.label(ctx.lang).to_string());
                        row[2] = label.into();
                    }
                }
                out.render(&t, ctx.lang)
            }
        }
    }
}
