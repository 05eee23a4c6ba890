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
use crate::error::input;
use crate::output::{FileArgs, Kind, Value};
use crate::sheet::{Cell as SheetCell, SheetWriter};
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
  qianqi --lang zh export visits --encoding gbk -o 走访记录.csv
  qianqi --lang zh export enterprises -o 企业名单.xlsx
  qianqi export visits --format json | jq '.[] | select(.people > 1)'"
)]
pub(crate) struct ExportArgs {
    /// What to export.
    #[arg(value_enum)]
    kind: DataKind,
    /// csv, xlsx (a workbook) or json [default: xlsx or json when --output ends in .xlsx or .json, else csv].
    #[arg(long, value_enum)]
    format: Option<ExportFormat>,
    /// CSV cells exactly as stored, for scripts and databases: no formula guard, no ="…" marking, no BOM.
    #[arg(long)]
    plain: bool,
    #[command(flatten)]
    file: FileArgs,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    /// Comma-separated text that Excel and WPS open (see --encoding, --plain).
    Csv,
    /// An Excel workbook: codes as text, dates as dates, the header frozen.
    Xlsx,
    /// An array of records with typed values (numbers, booleans, null).
    Json,
}

impl ExportArgs {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        let format = self.format.unwrap_or_else(|| {
            let ext = self.file.output.as_ref().and_then(|p| p.extension());
            match ext.and_then(|e| e.to_str()).map(str::to_ascii_lowercase) {
                Some(e) if e == "xlsx" => ExportFormat::Xlsx,
                Some(e) if e == "json" => ExportFormat::Json,
                _ => ExportFormat::Csv,
            }
        });
        let file = &self.file;
        if format != ExportFormat::Csv {
            let name = format!("{format:?}").to_lowercase();
            if file.encoding != csvio::Encoding::Utf8 || file.no_bom || self.plain {
                return Err(input(crate::tr!(
                    "--encoding, --no-bom and --plain are for CSV; leave them out with --format {name}",
                    "--encoding、--no-bom 和 --plain 只用于 CSV；用 --format {name} 时请去掉它们"
                )));
            }
        }
        if format == ExportFormat::Xlsx && file.is_terminal() {
            return Err(input(crate::tr!(
                "a workbook is not text for the terminal; give the file to write with -o FILE.xlsx",
                "工作簿不是能在终端显示的文字；请用 -o 给出要写入的文件（如 -o 企业名单.xlsx）"
            )));
        }
        let db = ctx.open()?;
        let (kind, lang) = (self.kind, ctx.lang);
        let mut opts = file.sink_options();
        if self.plain {
            opts.bom = false;
        }
        let style = match format {
            ExportFormat::Csv if self.plain => Style::Plain,
            ExportFormat::Csv => Style::Guarded,
            ExportFormat::Xlsx => Style::Sheet,
            ExportFormat::Json => Style::Json,
        };
        file.write_with(|w| write(&db, kind, lang, w, opts, style))
    }
}

/// How the cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// CSV for spreadsheets: formulas guarded, digit codes marked as text.
    Guarded,
    /// CSV as stored.
    Plain,
    /// An .xlsx workbook.
    Sheet,
    /// JSON records.
    Json,
}

/// Streams one kind's rows into `w`, oldest record first (a workbook is
/// built whole, then written).
pub(crate) fn write(
    db: &Db,
    kind: DataKind,
    lang: Lang,
    w: &mut dyn Write,
    opts: csvio::SinkOptions,
    style: Style,
) -> Result<()> {
    let sink = match style {
        Style::Guarded | Style::Plain => Sink::Csv(csvio::sink(w, opts)),
        Style::Sheet => Sink::Sheet(None, w),
        Style::Json => Sink::Json { w, rows: 0 },
    };
    let mut out = Out {
        sink,
        style,
        lang,
        values: match style {
            // People read these: fixed words in the language asked, which import reads back.
            Style::Guarded | Style::Sheet => lang,
            // Scripts read these: the stored names, whatever the language.
            Style::Plain | Style::Json => Lang::En,
        },
        cells: Vec::new(),
    };
    match kind {
        DataKind::Units => out.kind(|each| units::export(db, each), unit),
        DataKind::Cadres => out.kind(|each| cadres::export(db, each), cadre),
        DataKind::Enterprises => out.kind(|e| enterprises::export(db, e), enterprise),
        DataKind::Pairings => out.kind(|each| pairings::export(db, each), pairing),
        DataKind::Meetings => out.kind(|each| meetings::export(db, each), meeting),
        DataKind::Visits => out.kind(|each| visits::export(db, each), visit),
        DataKind::Tickets => out.kind(|each| tickets::export(db, each), ticket),
        DataKind::Events => out.kind(|each| tickets::export_events(db, each), event),
        DataKind::Categories => out.kind(|e| calendar::export_categories(db, e), category),
        DataKind::Calendar => out.kind(|each| calendar::export(db, each), day),
    }?;
    out.finish(kind)
}

/// Where the rows go. There is one per export, so its size does not matter.
#[allow(clippy::large_enum_variant)]
enum Sink<'w> {
    Csv(csv::Writer<csvio::Encoded<&'w mut dyn Write>>),
    /// The sheet, made once the header is known, and where it goes.
    Sheet(Option<Box<SheetWriter>>, &'w mut dyn Write),
    /// How many records were written so far.
    Json {
        w: &'w mut dyn Write,
        rows: u64,
    },
}

struct Out<'w> {
    sink: Sink<'w>,
    style: Style,
    /// The language of the header.
    lang: Lang,
    /// The language of vocabulary values and yes/no cells.
    values: Lang,
    cells: Vec<String>,
}

/// The rows of a kind, each handed to the function given.
type Rows<'a, R> = &'a mut dyn FnMut(R) -> Result<()>;

impl Out<'_> {
    /// Writes the header of the exported fields of `F`, then each record's
    /// value for each of those fields, as `value` gives it.
    fn kind<F: Fields, R>(
        &mut self,
        records: impl FnOnce(Rows<R>) -> Result<()>,
        value: fn(&R, F) -> Value,
    ) -> Result<()> {
        let fields: Vec<F> = F::ALL
            .iter()
            .copied()
            .filter(|f| f.field().exported)
            .collect();
        let lang = self.lang;
        let header: Vec<&str> = fields
            .iter()
            .map(|f| lang.pick(f.key(), f.field().zh[0]))
            .collect();
        match &mut self.sink {
            Sink::Csv(csv) => csv.write_record(&header)?,
            Sink::Sheet(sheet, _) => {
                let text: Vec<bool> = fields.iter().map(|f| is_text_column(f.field())).collect();
                *sheet = Some(Box::new(SheetWriter::new(
                    &sheet_name(F::KIND, lang),
                    &header,
                    &text,
                )?));
            }
            Sink::Json { w, .. } => w.write_all(b"[")?,
        }
        let (style, values) = (self.style, self.values);
        records(&mut |r: R| {
            match &mut self.sink {
                Sink::Csv(csv) => {
                    self.cells.clear();
                    for &f in &fields {
                        self.cells
                            .push(cell(f.field(), value(&r, f), style, values));
                    }
                    csv.write_record(&self.cells)?;
                }
                Sink::Sheet(sheet, _) => {
                    let cells: Vec<SheetCell> = fields
                        .iter()
                        .map(|&f| sheet_cell(f.field(), value(&r, f), values))
                        .collect();
                    if let Some(sheet) = sheet {
                        sheet.row(&cells)?;
                    }
                }
                Sink::Json { w, rows } => {
                    let record: serde_json::Map<String, serde_json::Value> = fields
                        .iter()
                        .map(|&f| (f.key().to_string(), typed(f.field(), value(&r, f))))
                        .collect();
                    w.write_all(if *rows == 0 { b"\n" } else { b",\n" })?;
                    serde_json::to_writer(&mut **w, &record)?;
                    *rows += 1;
                }
            }
            Ok(())
        })
    }

    fn finish(self, kind: DataKind) -> Result<()> {
        match self.sink {
            Sink::Csv(mut csv) => csv.flush()?,
            Sink::Sheet(sheet, w) => {
                let sheet = sheet.ok_or_else(|| {
                    let zh = kind.zh();
                    anyhow::anyhow!(crate::tr!(
                        "no {kind} header was written",
                        "没有写入{zh}的表头"
                    ))
                })?;
                w.write_all(&sheet.finish()?)?;
            }
            Sink::Json { w, rows } => {
                w.write_all(if rows == 0 { b"]\n" } else { b"\n]\n" })?;
            }
        }
        Ok(())
    }
}

/// A value as written in `lang`: vocabulary values by their stored names
/// in English and by their Chinese labels in Chinese, yes/no as 是/否; the
/// importer reads either.
fn shown(field: &Field, v: Value, lang: Lang) -> Value {
    match (field.kind, v) {
        (Kind::Vocab(vocab), v) => vocab.label(&v, lang),
        (Kind::Plain, Value::Text(s)) if s == YES || s == NO => {
            lang.pick(&s, if s == YES { "是" } else { "否" }).into()
        }
        (_, v) => v,
    }
}

fn as_text(v: Value) -> String {
    match v {
        Value::Text(s) => s,
        Value::Int(n) => n.to_string(),
        Value::Real(x) => x.to_string(),
        Value::Null => String::new(),
    }
}

/// A value as a CSV cell, fixed words in `lang`; for spreadsheets, free
/// text guarded against formulas and codes kept as text.
fn cell(field: &Field, v: Value, style: Style, lang: Lang) -> String {
    let text = as_text(shown(field, v, lang));
    if style == Style::Plain {
        return text;
    }
    match field.kind {
        _ if field.ident.is_code() => csvio::export_code(&text).into_owned(),
        Kind::Text => csvio::guard(&text).into_owned(),
        Kind::Id => csvio::export_id(&text).into_owned(),
        Kind::Code => csvio::export_code(&text).into_owned(),
        Kind::Plain | Kind::Vocab(_) => text,
    }
}

/// Whether a workbook column is formatted as text: codes, and the columns
/// that refer to records by code, keep every digit and leading zero.
fn is_text_column(field: &Field) -> bool {
    field.ident.is_code() || field.kind == Kind::Id
}

/// A value as a workbook cell. Text cells never run as formulas, so nothing
/// is guarded; only a text the importer would read otherwise (one that
/// begins with an apostrophe before `=` `+` `-` `@` or `'`, or looks like
/// `="…"`) gets an apostrophe in front, so that it comes back exactly.
fn sheet_cell(field: &Field, v: Value, lang: Lang) -> SheetCell {
    match shown(field, v, lang) {
        Value::Null => SheetCell::Empty,
        Value::Int(n) if !is_text_column(field) => SheetCell::Number(n),
        v => {
            let text = as_text(v);
            if text.is_empty() {
                return SheetCell::Empty;
            }
            if field.is_date() {
                if let Ok(d) = chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
                    return SheetCell::Date(d);
                }
            }
            if csvio::import_cell(&text) != text {
                return SheetCell::Text(csvio::guard(&text).into_owned());
            }
            SheetCell::Text(text)
        }
    }
}

/// A value as JSON: numbers as numbers, yes/no columns as booleans, empty
/// as null, everything else as the stored text.
fn typed(field: &Field, v: Value) -> serde_json::Value {
    match shown(field, v, Lang::En) {
        Value::Null => serde_json::Value::Null,
        Value::Int(n) => n.into(),
        Value::Real(x) => x.into(),
        Value::Text(s) if s.is_empty() => serde_json::Value::Null,
        // A plain column holds numbers, dates and yes/no.
        Value::Text(s) if field.kind == Kind::Plain && (s == YES || s == NO) => (s == YES).into(),
        Value::Text(s) => s.into(),
    }
}

/// The sheet of an exported workbook, named for its kind.
fn sheet_name(kind: DataKind, lang: Lang) -> String {
    let zh = match kind {
        DataKind::Units => "单位",
        DataKind::Cadres => "干部",
        DataKind::Enterprises => "企业",
        DataKind::Pairings => "对口服务",
        DataKind::Meetings => "座谈会",
        DataKind::Visits => "走访",
        DataKind::Tickets => "问题台账",
        DataKind::Events => "办理记录",
        DataKind::Categories => "问题类别",
        DataKind::Calendar => "工作日历",
    };
    lang.pick(kind.as_str(), zh).to_string()
}

const YES: &str = "yes";
const NO: &str = "no";

fn yes_no(b: bool) -> Value {
    Value::from(if b { YES } else { NO })
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
        EnterpriseField::ShortName => e.short_name.as_deref().unwrap_or_default().into(),
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
    let s = &e.step;
    match f {
        EventField::Ticket => e.ticket.as_str().into(),
        EventField::On => s.on.as_str().into(),
        EventField::Action => s.action.as_deref().into(),
        EventField::Status => s.status.as_str().into(),
        EventField::By => s.by.as_str().into(),
        EventField::Note => s.note.as_str().into(),
        EventField::Meeting => s.meeting.as_deref().into(),
        EventField::Department => s.department.as_deref().into(),
        EventField::With => s.with.as_str().into(),
        EventField::DueOn => s.due_on.as_deref().into(),
        EventField::Level => s.level.as_deref().into(),
        EventField::Outcome => s.outcome.as_deref().into(),
        EventField::Satisfaction => s.satisfaction.as_deref().into(),
        EventField::Reason => s.reason.as_str().into(),
        EventField::Field => s.field.as_deref().into(),
        EventField::Old => s.old.as_deref().into(),
        EventField::New => s.new.as_deref().into(),
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
