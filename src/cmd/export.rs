//! `qianqi export <kind>`: the canonical columns of `import`, so that an
//! export imported into an empty database reproduces it.

use super::data::{
    CadreField, CalendarField, CategoryField, DataKind, EnterpriseField, EventField, Field, Fields,
    MeetingField, PairingField, TicketField, UnitField, VisitField,
};
use super::Ctx;
use crate::csvio;
use crate::db::{cadres, calendar, enterprises, meetings, pairings, tickets, units, visits, Db};
use crate::domain::Lang;
use crate::output::{FileArgs, Kind, Value};
use anyhow::Result;
use clap::Args;
use std::io::Write;

/// The arguments of `qianqi export`; its help text is on the command in cli.rs.
#[derive(Debug, Args)]
#[command(
    after_help = "To copy a whole database, export and import in this order:
  units, cadres, enterprises, pairings, meetings, visits, tickets, events
(tickets come without their later history, which is in events); categories
and calendar (the days declared over the shipped holidays) at any time.

Examples:
  qianqi export enterprises -o 企业名单.csv
  qianqi --lang zh export visits --encoding gbk -o 走访记录.csv"
)]
pub struct ExportArgs {
    /// What to export.
    #[arg(value_enum)]
    kind: DataKind,
    #[command(flatten)]
    file: FileArgs,
}

impl ExportArgs {
    pub fn run(self, ctx: &Ctx) -> Result<()> {
        let db = ctx.open()?;
        let (kind, lang, file) = (self.kind, ctx.lang, &self.file);
        file.write_with(|w| write(&db, kind, lang, w, file.sink_options()))
    }
}

/// Streams one kind's rows into `w` as CSV, oldest record first.
pub fn write(
    db: &Db,
    kind: DataKind,
    lang: Lang,
    w: &mut dyn Write,
    opts: csvio::SinkOptions,
) -> Result<()> {
    let mut out = Out {
        csv: csvio::sink(w, opts),
        cells: Vec::new(),
    };
    match kind {
        DataKind::Units => out.kind(lang, |each| units::export(db, each), unit),
        DataKind::Cadres => out.kind(lang, |each| cadres::export(db, each), cadre),
        DataKind::Enterprises => out.kind(lang, |e| enterprises::export(db, e), enterprise),
        DataKind::Pairings => out.kind(lang, |each| pairings::export(db, each), pairing),
        DataKind::Meetings => out.kind(lang, |each| meetings::export(db, each), meeting),
        DataKind::Visits => out.kind(lang, |each| visits::export(db, each), visit),
        DataKind::Tickets => out.kind(lang, |each| tickets::export(db, each), ticket),
        DataKind::Events => out.kind(lang, |each| tickets::export_events(db, each), event),
        DataKind::Categories => out.kind(lang, |e| calendar::export_categories(db, e), category),
        DataKind::Calendar => out.kind(lang, |each| calendar::export(db, each), day),
    }?;
    out.csv.flush()?;
    Ok(())
}

struct Out<'w> {
    csv: csv::Writer<csvio::Encoded<&'w mut dyn Write>>,
    cells: Vec<String>,
}

/// The rows of a kind, each handed to the function given.
type Rows<'a, R> = &'a mut dyn FnMut(R) -> Result<()>;

impl Out<'_> {
    /// Writes the header of the exported fields of `F`, then each record's
    /// value for each of those fields, as `value` gives it.
    fn kind<F: Fields, R>(
        &mut self,
        lang: Lang,
        records: impl FnOnce(Rows<R>) -> Result<()>,
        value: fn(&R, F) -> Value,
    ) -> Result<()> {
        let fields: Vec<F> = F::ALL
            .iter()
            .copied()
            .filter(|f| f.field().exported)
            .collect();
        self.csv
            .write_record(fields.iter().map(|f| lang.pick(f.key(), f.field().zh[0])))?;
        records(&mut |r: R| {
            self.cells.clear();
            for &f in &fields {
                self.cells.push(cell(f.field(), value(&r, f)));
            }
            self.csv.write_record(&self.cells)?;
            Ok(())
        })
    }
}

/// A value as a CSV cell: vocabulary values by their stored names, free
/// text guarded against formulas, codes kept as text.
fn cell(field: &Field, v: Value) -> String {
    let kind = field.kind;
    let v = match kind {
        Kind::Vocab(vocab) => vocab.label(&v, Lang::En),
        _ => v,
    };
    let text = match v {
        Value::Text(s) => s,
        Value::Int(n) => n.to_string(),
        Value::Real(x) => x.to_string(),
        Value::Null => String::new(),
    };
    match kind {
        _ if field.ident.is_code() => csvio::export_code(&text).into_owned(),
        Kind::Text => csvio::guard(&text).into_owned(),
        Kind::Id => csvio::export_id(&text).into_owned(),
        Kind::Code => csvio::export_code(&text).into_owned(),
        Kind::Plain | Kind::Vocab(_) => text,
    }
}

fn yes_no(b: bool) -> Value {
    Value::from(if b { "yes" } else { "no" })
}

fn unit(u: &units::Unit, f: UnitField) -> Value {
    match f {
        UnitField::Code => u.code.as_str().into(),
        UnitField::Name => u.name.as_str().into(),
        UnitField::Kind => u.kind.as_str().into(),
    }
}

fn cadre(c: &cadres::Cadre, f: CadreField) -> Value {
    match f {
        CadreField::Code => c.code.as_str().into(),
        CadreField::Name => c.name.as_str().into(),
        CadreField::Unit => c.unit_code.as_str().into(),
        CadreField::Rank => c.rank.as_str().into(),
        CadreField::Phone => c.phone.as_str().into(),
    }
}

fn enterprise(e: &enterprises::Enterprise, f: EnterpriseField) -> Value {
    match f {
        EnterpriseField::Uscc => e.uscc.as_str().into(),
        EnterpriseField::Name => e.name.as_str().into(),
        EnterpriseField::Town => e.town_code.as_str().into(),
        EnterpriseField::Chain => e.chain.as_str().into(),
        EnterpriseField::Key => yes_no(e.key),
    }
}

fn pairing(p: &pairings::Pairing, f: PairingField) -> Value {
    match f {
        PairingField::Cadre => p.cadre.as_str().into(),
        PairingField::Enterprise => p.uscc.as_str().into(),
        PairingField::Tier => p.tier.as_str().into(),
        PairingField::StartedOn => p.started_on.as_str().into(),
        PairingField::EndedOn => p.ended_on.as_deref().into(),
    }
}

fn meeting(m: &meetings::Meeting, f: MeetingField) -> Value {
    match f {
        MeetingField::Code => m.code.as_str().into(),
        MeetingField::HeldOn => m.held_on.as_str().into(),
        MeetingField::Title => m.title.as_str().into(),
        MeetingField::Cadres => m.cadres.as_deref().into(),
    }
}

fn visit(v: &visits::Exported, f: VisitField) -> Value {
    match f {
        VisitField::Cadre => v.cadre.as_str().into(),
        VisitField::Enterprise => v.uscc.as_str().into(),
        VisitField::VisitedOn => v.visited_on.as_str().into(),
        VisitField::Kind => v.kind.as_str().into(),
        VisitField::People => v.people.into(),
        VisitField::Tasks => v.tasks.0.into(),
        VisitField::Note => v.note.as_str().into(),
        VisitField::Unpaired => yes_no(v.unpaired),
        VisitField::VoidedOn => v.voided_on.as_deref().into(),
        VisitField::VoidReason => v.void_reason.as_deref().into(),
    }
}

fn ticket(t: &tickets::Ticket, f: TicketField) -> Value {
    match f {
        TicketField::Code => t.code.as_str().into(),
        TicketField::Enterprise => t.uscc.as_str().into(),
        TicketField::Cadre => t.cadre.as_str().into(),
        TicketField::CollectedOn => t.collected_on.as_str().into(),
        TicketField::Category => t.category.as_str().into(),
        TicketField::Summary => t.summary.as_str().into(),
        TicketField::Department => t.department.as_deref().into(),
        TicketField::DueOn => t.due_on.as_deref().into(),
        // The ledger's current state is not exported: events carry the history.
        TicketField::Status | TicketField::StatusOn => Value::Null,
    }
}

fn event(e: &tickets::Event, f: EventField) -> Value {
    match f {
        EventField::Ticket => e.ticket.as_str().into(),
        EventField::On => e.on.as_str().into(),
        EventField::Action => e.action.as_str().into(),
        EventField::Status => e.status.as_str().into(),
        EventField::By => e.by.as_str().into(),
        EventField::Note => e.note.as_str().into(),
        EventField::Meeting => e.meeting.as_deref().into(),
        EventField::Department => e.department.as_deref().into(),
        EventField::With => e.with.as_str().into(),
        EventField::DueOn => e.due_on.as_deref().into(),
        EventField::Level => e.level.as_deref().into(),
        EventField::Outcome => e.outcome.as_deref().into(),
        EventField::Satisfaction => e.satisfaction.as_deref().into(),
        EventField::Reason => e.reason.as_str().into(),
        EventField::Field => e.field.as_deref().into(),
        EventField::Old => e.old.as_deref().into(),
        EventField::New => e.new.as_deref().into(),
    }
}

fn category(c: &(String, u32), f: CategoryField) -> Value {
    match f {
        CategoryField::Name => c.0.as_str().into(),
        CategoryField::Days => i64::from(c.1).into(),
    }
}

fn day(d: &(String, bool), f: CalendarField) -> Value {
    match f {
        CalendarField::Date => d.0.as_str().into(),
        CalendarField::Workday => i64::from(d.1).into(),
    }
}
