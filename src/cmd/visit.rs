//! `qianqi visit` (log one) and `qianqi visit list`

use super::{done, parse_date, Ctx};
use crate::db::{self, refs, CadreId, EnterpriseId};
use crate::domain::kinds::{Tasks, Tier, VisitKind};
use crate::domain::{date, Lang};
use crate::error::input;
use crate::output::{col, Column, Kind, OutputArgs, Table, Value};
use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct VisitCmd {
    #[command(subcommand)]
    list: Option<VisitSub>,
    /// Enterprise visited: unified social credit code or exact name.
    #[arg(required = true)]
    enterprise: Option<String>,
    /// The visiting cadre's code.
    #[arg(long, env = "QIANQI_USER")]
    cadre: Option<String>,
    /// Day of the visit [default: today].
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    on: Option<NaiveDate>,
    /// onsite (实地), phone (电话) or online (线上).
    #[arg(long, value_parser = VisitKind::parse, default_value = "onsite")]
    kind: VisitKind,
    /// How many cadre person-visits (人次) this visit counts for.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true,
          value_parser = clap::value_parser!(i64).range(1..=10000))]
    people: i64,
    /// Work items covered, comma separated: file (建档案), policy (送政策), agency (真代办), problem (解难题), industry (研产业).
    #[arg(long, value_delimiter = ',', value_name = "ITEMS")]
    tasks: Vec<String>,
    /// Free-text note.
    #[arg(long, default_value = "")]
    note: String,
    /// Record a visit by a cadre not (yet) paired with the enterprise, e.g. by a supervisor on someone's behalf.
    #[arg(long)]
    unpaired: bool,
}

#[derive(Debug, Subcommand)]
enum VisitSub {
    /// List visits.
    List {
        /// Only this cadre's visits (code).
        #[arg(long)]
        cadre: Option<String>,
        /// Only visits to this enterprise (USCC or name).
        #[arg(long)]
        enterprise: Option<String>,
        /// Only visits by cadres of this unit (code).
        #[arg(long)]
        unit: Option<String>,
        /// Only visits to enterprises located in this town (code).
        #[arg(long)]
        town: Option<String>,
        /// Only visits by cadres with an open pairing of this tier with the enterprise.
        #[arg(long, value_parser = Tier::parse)]
        tier: Option<Tier>,
        #[arg(long, value_parser = VisitKind::parse)]
        kind: Option<VisitKind>,
        /// First day, included.
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        from: Option<NaiveDate>,
        /// Last day, included.
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        to: Option<NaiveDate>,
        #[command(flatten)]
        out: OutputArgs,
    },
}

pub const COLUMNS: [Column; 9] = [
    col("visited_on", "走访日期", Kind::Plain),
    col("cadre", "干部", Kind::Text),
    col("cadre_name", "干部姓名", Kind::Text),
    col("enterprise", "统一社会信用代码", Kind::Id),
    col("enterprise_name", "企业名称", Kind::Text),
    col("kind", "方式", Kind::Plain),
    col("people", "人次", Kind::Plain),
    col("tasks", "工作任务", Kind::Plain),
    col("note", "备注", Kind::Text),
];

const SELECT: &str =
    "SELECT v.visited_on, c.code, c.name, e.uscc, e.name, v.kind, v.people, v.tasks, v.note
     FROM visits v JOIN cadres c ON c.id = v.cadre_id JOIN enterprises e ON e.id = v.enterprise_id";

/// The rule for a visit's date: not in the future, and not before the cadre's
/// pairing with the enterprise began unless recorded as unpaired.
/// `first_start` is the earliest start of any pairing of this cadre with this
/// enterprise; `override_hint` says how to record an unpaired visit
/// (`pass --unpaired`, or a column in an import).
pub fn check_date(
    on: NaiveDate,
    today: NaiveDate,
    first_start: Option<NaiveDate>,
    unpaired: bool,
    override_hint: &str,
) -> Result<(), String> {
    if on > today {
        return Err(format!(
            "visit date {} is in the future (today is {})",
            date::iso(on),
            date::iso(today)
        ));
    }
    if unpaired {
        return Ok(());
    }
    match first_start {
        None => Err(format!(
            "the cadre is not paired with this enterprise; {override_hint} to record the visit anyway"
        )),
        Some(start) if on < start => Err(format!(
            "visit date {} is before the cadre's pairing with this enterprise began ({}); {override_hint} to record it anyway",
            date::iso(on),
            date::iso(start)
        )),
        Some(_) => Ok(()),
    }
}

/// Turns stored kinds and task bit sets into words.
fn label(t: &mut Table, lang: Lang) {
    for row in &mut t.rows {
        if let Value::Text(k) = &row[5] {
            if let Ok(k) = VisitKind::parse(k) {
                row[5] = k.label(lang).into();
            }
        }
        if let Value::Int(bits) = row[7] {
            row[7] = Tasks(bits).join(lang).into();
        }
    }
}

/// Every visit of a cadre or to an enterprise, for their files.
pub fn recent_for(
    conn: &Connection,
    cadre: Option<CadreId>,
    enterprise: Option<EnterpriseId>,
    lang: Lang,
) -> Result<Table> {
    let mut t = Table::query(
        &COLUMNS,
        conn,
        &format!(
            "{SELECT} WHERE {} AND {} ORDER BY v.visited_on, v.id",
            db::eq_if(cadre.is_some(), "v.cadre_id", 1),
            db::eq_if(enterprise.is_some(), "v.enterprise_id", 2)
        ),
        &[&cadre, &enterprise],
    )?;
    label(&mut t, lang);
    Ok(t)
}

impl VisitCmd {
    pub fn run(self, ctx: &Ctx) -> Result<()> {
        if let Some(VisitSub::List {
            cadre,
            enterprise,
            unit,
            town,
            tier,
            kind,
            from,
            to,
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
                       AND (?5 IS NULL OR v.kind = ?5)
                       AND (?6 IS NULL OR v.visited_on >= ?6) AND (?7 IS NULL OR v.visited_on <= ?7)
                       AND (?8 IS NULL OR EXISTS (SELECT 1 FROM pairings p WHERE p.cadre_id = v.cadre_id
                             AND p.enterprise_id = v.enterprise_id AND p.ended_on IS NULL AND p.tier = ?8))
                     ORDER BY v.visited_on, v.id",
                    db::eq_if(cadre.is_some(), "v.cadre_id", 1),
                    db::eq_if(enterprise.is_some(), "v.enterprise_id", 2)
                ),
                &[
                    &cadre,
                    &enterprise,
                    &unit,
                    &town,
                    &kind.map(VisitKind::as_str),
                    &from.map(date::iso),
                    &to.map(date::iso),
                    &tier.map(Tier::as_str),
                ],
            )?;
            label(
                &mut t,
                if out.format == crate::output::Format::Table {
                    ctx.lang
                } else {
                    Lang::En
                },
            );
            return out.render(&t, ctx.lang);
        }
        let Some(ent) = self.enterprise else {
            return Err(input("visit needs an enterprise"));
        };
        let Some(cadre_code) = self.cadre.filter(|c| !c.trim().is_empty()) else {
            return Err(input(
                "whose visit is it? give the cadre code with --cadre CODE or set QIANQI_USER",
            ));
        };
        let today = ctx.today()?;
        let on = self.on.unwrap_or(today);
        let tasks = Tasks::from_items(
            self.tasks
                .iter()
                .map(|s| s.as_str())
                .filter(|s| !s.trim().is_empty()),
        )
        .map_err(input)?;
        let conn = ctx.open()?;
        let tx = conn.write()?;
        let cadre = refs::cadre(&tx, &cadre_code)?;
        let enterprise = refs::enterprise(&tx, &ent)?;
        let first_start: Option<String> = tx
            .query_row(
                "SELECT min(started_on) FROM pairings WHERE cadre_id = ?1 AND enterprise_id = ?2",
                params![cadre, enterprise],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let first_start = first_start.as_deref().map(date::parse).transpose()?;
        check_date(on, today, first_start, self.unpaired, "pass --unpaired").map_err(input)?;
        tx.execute(
            "INSERT INTO visits (cadre_id, enterprise_id, visited_on, kind, people, tasks, note, unpaired)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![cadre, enterprise, date::iso(on), self.kind.as_str(), self.people, tasks.0, self.note, self.unpaired],
        )?;
        tx.commit()?;
        done(format!(
            "logged visit: {} → {} on {} ({}, {} person-visit{})",
            cadre_code.trim(),
            ent.trim(),
            date::iso(on),
            self.kind,
            self.people,
            if self.people == 1 { "" } else { "s" }
        ));
        Ok(())
    }
}
