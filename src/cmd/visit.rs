//! `qianqi visit` (log one), `qianqi visit list` and `qianqi visit void`

use super::data::VisitField;
use super::{done, parse_date, Ctx, WhoArgs};
use crate::db::visits::{self, NewVisit, Visit};
use crate::db::{cadres, enterprises, pairings, refs, CadreId, Db, EnterpriseId, VisitId};
use crate::domain::kinds::{Tasks, Tier, VisitKind};
use crate::domain::{date, rules};
use crate::error::input;
use crate::output::{col, Column, Kind, OutputArgs, Table};
use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct VisitCmd {
    #[command(subcommand)]
    list: Option<VisitSub>,
    /// Enterprise visited: credit code, name, short name, or a part of the name only it has.
    #[arg(required = true)]
    enterprise: Option<String>,
    /// The visiting cadre: code (any case) or a name only one cadre has [default: QIANQI_USER or the settings file's user].
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
          value_parser = clap::value_parser!(i64).range(rules::PEOPLE))]
    people: i64,
    /// Work items covered, separated by , ， 、 ; or ；: file (建档案), policy (送政策), agency (真代办), problem (解难题), industry (研产业).
    #[arg(long, value_name = "ITEMS")]
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
        #[command(flatten)]
        who: WhoArgs,
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
        /// The voided visits, with the day and reason of each void, instead of the ones that count.
        #[arg(long)]
        voided: bool,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Void a visit recorded by mistake: from the void date on it counts nowhere; reports as of an earlier day still count it.
    Void {
        /// The visit's id (the id column of `qianqi visit list`).
        id: i64,
        /// What the mistake was.
        #[arg(long)]
        reason: String,
        /// Day of the void [default: today].
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: Option<NaiveDate>,
    },
}

pub(crate) const COLUMNS: [Column; 10] = [
    col("id", "编号", Kind::Plain),
    VisitField::VisitedOn.column(),
    VisitField::Cadre.column(),
    col("cadre_name", "干部姓名", Kind::Text),
    col("enterprise", "统一社会信用代码", Kind::Id),
    col("enterprise_name", "企业名称", Kind::Text),
    VisitField::Kind.column(),
    VisitField::People.column(),
    VisitField::Tasks.column(),
    VisitField::Note.column(),
];

/// The columns a list of voided visits adds.
const VOID_COLUMNS: [Column; 2] = [
    VisitField::VoidedOn.column(),
    VisitField::VoidReason.column(),
];

fn table(visits: Vec<Visit>, voided: bool) -> Table {
    let mut t = if voided {
        Table::new(&[&COLUMNS[..], &VOID_COLUMNS[..]].concat())
    } else {
        Table::new(&COLUMNS)
    };
    for v in visits {
        let mut row = vec![
            v.id.0.into(),
            v.visited_on.into(),
            v.cadre.into(),
            v.cadre_name.into(),
            v.uscc.into(),
            v.enterprise_name.into(),
            v.kind.into(),
            v.people.into(),
            v.tasks.0.into(),
            v.note.into(),
        ];
        if voided {
            row.extend([v.voided_on.into(), v.void_reason.into()]);
        }
        t.push(row);
    }
    t
}

/// Every visit of a cadre or to an enterprise, for their files.
pub(crate) fn table_for(
    db: &Db,
    cadre: Option<CadreId>,
    enterprise: Option<EnterpriseId>,
) -> Result<Table> {
    Ok(table(visits::of(db, cadre, enterprise)?, false))
}

impl VisitCmd {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        if let Some(VisitSub::Void { id, reason, on }) = self.list {
            let on = ctx.on_or_today(on, &crate::tr!("void date", "作废日期"))?;
            let db = ctx.open()?;
            let tx = db.write()?;
            visits::void(&tx, VisitId(id), on, &reason)?;
            tx.commit()?;
            let on = date::iso(on);
            done(crate::tr!(
                "voided visit {id} on {on}",
                "已于{on}作废走访记录{id}"
            ));
            return Ok(());
        }
        if let Some(VisitSub::List {
            who,
            tier,
            kind,
            from,
            to,
            voided,
            out,
        }) = self.list
        {
            rules::period(from, to)?;
            let db = ctx.open()?;
            let filter = visits::Filter {
                who: who.resolve(&db)?,
                tier,
                kind,
                from,
                to,
                voided,
            };
            return out.render(&table(visits::list(&db, &filter)?, voided), ctx.lang);
        }
        let Some(ent) = self.enterprise else {
            return Err(input(crate::tr!(
                "visit needs an enterprise",
                "登记走访须给出企业"
            )));
        };
        let Some(cadre_code) = self.cadre.filter(|c| !c.trim().is_empty()) else {
            return Err(input(crate::tr!(
                "whose visit is it? give the cadre code with --cadre CODE or set QIANQI_USER",
                "是哪位干部的走访？请用 --cadre 给出干部编号，或设置 QIANQI_USER"
            )));
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
        let db = ctx.open()?;
        let tx = db.write()?;
        let cadre = refs::cadre(&tx, &cadre_code)?;
        let enterprise = refs::enterprise(&tx, &ent)?;
        let first_start = pairings::first_start(&tx, cadre, enterprise)?;
        rules::visit_date(
            "on",
            on,
            today,
            first_start,
            self.unpaired,
            &crate::tr!("pass --unpaired", "加上 --unpaired"),
        )?;
        let visit = NewVisit {
            cadre,
            enterprise,
            on,
            kind: self.kind,
            people: self.people,
            tasks,
            note: self.note,
            unpaired: self.unpaired,
            import: None,
            voided: None,
        };
        visits::add(&tx, &visit)?;
        let (cadre, ent) = (
            cadres::get(&tx, cadre)?.shown(),
            enterprises::get(&tx, enterprise)?.shown(),
        );
        tx.commit()?;
        let (on, kind, n) = (date::iso(on), self.kind.word(), self.people);
        let s = if n == 1 { "" } else { "s" };
        done(crate::tr!(
            "logged visit: {cadre} → {ent} on {on} ({kind}, {n} person-visit{s})",
            "已登记走访：干部{cadre} → 企业{ent}，{on}（{kind}，{n}人次）"
        ));
        Ok(())
    }
}
