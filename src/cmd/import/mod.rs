//! `qianqi import <kind> <file>` and `qianqi imports`
//!
//! One file is one transaction: every row is checked by the same rules as the
//! single-record commands and written by the same functions, every bad row
//! is reported, and either all rows go in or none do. Visits, the one kind
//! that comes by the million, are parsed on one thread against references
//! loaded once into memory while the other thread inserts (see `visits`);
//! tickets and events are checked and written a batch at a time (see `ledger`).

mod input;
mod ledger;
mod records;
mod report;
mod row;
mod settings;
mod visits;

use super::data::{
    CadreField, CalendarField, CategoryField, DataKind, EnterpriseField, Fields, Layout,
    MeetingField, PairingField, UnitField,
};
use super::Ctx;
use crate::csvio::{self, Encoding, Source};
use crate::db::{self, imports, ImportId, Tx};
use crate::domain::date;
use crate::error::input;
use crate::output::{col, Column, Kind, OutputArgs, Table, Vocab};
use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use indicatif::ProgressBar;
use input::{Hash, Input, Place};
use report::{progress, Report};
use row::Row;
use std::collections::HashMap;
use std::path::PathBuf;

/// The arguments of `qianqi import`; its help text is on the command in cli.rs.
#[derive(Debug, Args)]
#[command(
    after_help = "Import in this order, since each kind refers to the ones before:
  units, cadres, enterprises, pairings, meetings, visits, tickets, events

Examples:
  qianqi import enterprises 企业名单.csv --dry-run
  qianqi import visits 走访记录.xlsx --sheet 三月
  qianqi import visits 走访记录.csv
  qianqi import cadres cadres.csv --upsert      update names, units and phones"
)]
pub(crate) struct ImportArgs {
    /// What the file holds.
    #[arg(value_enum)]
    kind: DataKind,
    /// The CSV file (comma, tab or semicolon separated), a workbook (.xlsx, .xls, .ods), or - for CSV on standard input.
    file: PathBuf,
    /// A workbook's sheet to read [default: the first visible one].
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Read a CSV file in this encoding instead of detecting it.
    #[arg(long, value_enum)]
    encoding: Option<Encoding>,
    /// Check every row and report, but write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Units, cadres and enterprises: update the records whose codes exist instead of refusing them.
    #[arg(long)]
    upsert: bool,
    /// Read a file even though the same content was imported before (rows already present are still skipped).
    #[arg(long)]
    again: bool,
}

/// List the files imported so far: kind, file, rows, when and by whom.
#[derive(Debug, Args)]
pub(crate) struct ImportsArgs {
    /// Only imports of this kind.
    #[arg(long, value_enum)]
    kind: Option<DataKind>,
    #[command(flatten)]
    out: OutputArgs,
}

pub(crate) const IMPORT_COLUMNS: [Column; 6] = [
    col("imported_at", "导入时间", Kind::Plain),
    col("kind", "类型", Kind::Vocab(Vocab::DataKind)),
    col("file", "文件", Kind::Text),
    col("rows", "行数", Kind::Plain),
    col("by", "导入人", Kind::Text),
    col("sha256", "SHA-256", Kind::Plain),
];

impl ImportsArgs {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        let db = ctx.open()?;
        let mut t = Table::new(&IMPORT_COLUMNS);
        for i in imports::list(&db, self.kind.map(DataKind::as_str))? {
            t.push(vec![
                i.imported_at.into(),
                i.kind.into(),
                i.file.into(),
                i.rows.into(),
                i.by.into(),
                i.sha256.into(),
            ]);
        }
        self.out.render(&t, ctx.lang)
    }
}

/// Where a file's codes were first seen, by code, and where its rows are
/// (lines or rows of a sheet), to name the first.
struct Seen {
    codes: HashMap<String, u64>,
    place: Place,
}

impl Seen {
    fn new(place: &Place) -> Seen {
        Seen {
            codes: HashMap::new(),
            place: place.clone(),
        }
    }
}

impl ImportArgs {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        match self.kind {
            DataKind::Units => {
                self.rows::<UnitField>(ctx, |l, r, line, seen| l.unit(r, line, seen))
            }
            DataKind::Cadres => {
                self.rows::<CadreField>(ctx, |l, r, line, seen| l.cadre(r, line, seen))
            }
            DataKind::Enterprises => {
                self.rows::<EnterpriseField>(ctx, |l, r, line, seen| l.enterprise(r, line, seen))
            }
            DataKind::Pairings => {
                self.rows::<PairingField>(ctx, |l, r, _, _| l.pairing(r).map(|()| Wrote::Added))
            }
            DataKind::Meetings => self.rows::<MeetingField>(ctx, |l, r, line, seen| {
                l.meeting(r, line, seen).map(|()| Wrote::Added)
            }),
            DataKind::Tickets => self.load(ctx, |l, layout, input, file, report| {
                l.tickets(layout, input, file, report)
            }),
            DataKind::Events => self.load(ctx, |l, layout, input, file, report| {
                l.events(layout, input, file, report)
            }),
            DataKind::Categories => self.rows::<CategoryField>(ctx, |l, r, line, seen| {
                l.category(r, line, seen).map(|()| Wrote::Added)
            }),
            DataKind::Calendar => self.rows::<CalendarField>(ctx, |l, r, line, seen| {
                l.calendar_day(r, line, seen).map(|()| Wrote::Added)
            }),
            DataKind::Visits => self.load(ctx, |l, layout, rdr, file, report| {
                l.visits(layout, rdr, file, report)
            }),
        }
    }

    /// Imports a kind whose rows are checked and written one by one by
    /// `write`, which says what the row did.
    fn rows<F: Fields>(
        self,
        ctx: &Ctx,
        write: impl Fn(&Load, &Row<F>, u64, &mut Seen) -> Result<Wrote>,
    ) -> Result<()> {
        self.load(ctx, |l, layout, input, file, report| {
            l.rows(layout, input, file, report, write)
        })
    }

    /// Opens the file: a workbook's sheet, or CSV text. Returns the rows,
    /// the header, the name to call the file by, and its hash.
    fn open(&self) -> Result<(Input, Vec<String>, String, Hash)> {
        if self.file.as_os_str() != "-" && crate::sheet::is_workbook(&self.file) {
            let file = self.file.display().to_string();
            if self.encoding.is_some() {
                return Err(input(crate::tr!(
                    "{file} is a workbook, whose text has no encoding to choose; leave out --encoding",
                    "{file} 是工作簿，其中的文字无须选择编码；请去掉 --encoding"
                )));
            }
            let opened =
                crate::sheet::open(&self.file, &file, self.sheet.as_deref()).map_err(input)?;
            let mut rows = opened.rows;
            let header = rows.header().unwrap_or_default();
            return Ok((Input::Sheet(rows), header, file, Hash::Known(opened.sha256)));
        }
        if self.sheet.is_some() {
            let file = self.file.display();
            return Err(input(crate::tr!(
                "--sheet is for workbooks (.xlsx, .xls, .ods); {file} is read as CSV",
                "--sheet 只用于工作簿（.xlsx、.xls、.ods）；{file} 按 CSV 读取"
            )));
        }
        let src =
            Source::open(&self.file, self.encoding).map_err(|e| input(crate::error::chain(&e)))?;
        let file = src.name().to_string();
        let (mut rdr, hash) = src.into_csv();
        let headers = match rdr.headers() {
            Ok(h) => h.iter().map(str::to_string).collect(),
            Err(e) => {
                let msg = csvio::read_error_message(&e, |byte| rdr.get_mut().line_at(byte));
                return Err(input(crate::tr!(
                    "importing {file}: {msg}; nothing was written",
                    "导入 {file}：{msg}；未写入任何内容"
                )));
            }
        };
        Ok((Input::Csv(rdr), headers, file, Hash::Stream(hash)))
    }

    /// Reads the file's header, opens the transaction and the import's log
    /// entry, has `rows` load every row, and keeps the whole only when no
    /// row was bad and the same file was not imported before.
    fn load<F: Fields>(
        self,
        ctx: &Ctx,
        rows: impl FnOnce(&Load, &Layout<F>, Input, &str, &mut Report) -> Result<Counts>,
    ) -> Result<()> {
        let kind = F::KIND;
        if self.upsert && !kind.is_registry() {
            let zh = kind.zh();
            return Err(input(crate::tr!(
                "--upsert is for units, cadres and enterprises; {kind} are only ever added",
                "--upsert 只用于单位、干部和企业；{zh}只能新增"
            )));
        }
        let today = ctx.today()?;
        let (mut rows_in, headers, file, hash) = self.open()?;
        let layout =
            Layout::<F>::new(headers.iter().map(String::as_str)).map_err(|m| match &rows_in {
                Input::Sheet(s) => {
                    let sheet = s.name();
                    input(crate::tr!(
                        "importing {file}: sheet {sheet}: {m}",
                        "导入 {file}：工作表 {sheet}：{m}"
                    ))
                }
                Input::Csv(_) => input(crate::tr!("importing {file}: {m}", "导入 {file}：{m}")),
            })?;
        let place = rows_in.place(&layout);

        let db = ctx.open()?;
        if kind == DataKind::Visits {
            db::visits::skip_reference_checks(&db)?;
        }
        let tx = db.write()?;
        let at = format!(
            "{} {}",
            date::iso(today),
            chrono::Local::now().format("%H:%M:%S")
        );
        let by = std::env::var("QIANQI_USER").unwrap_or_default();
        let logged = match &place {
            Place::Sheet { name, .. } => format!("{file} (sheet {name})"),
            Place::Lines => file.clone(),
        };
        let import = imports::begin(&tx, kind.as_str(), &logged, &at, by.trim())?;
        let bar = progress(&self.file);
        let mut report = Report::new(&file, kind, place.clone());
        let load = Load {
            tx: &tx,
            today,
            upsert: self.upsert,
            dry_run: self.dry_run,
            size: std::fs::metadata(&self.file).ok().map(|m| m.len()),
            bar: &bar,
            import,
            codes: crate::db::refs::Codes::default(),
        };
        let counts = rows(&load, &layout, rows_in, &file, &mut report)?;
        bar.finish_and_clear();
        if counts.rows == 0 {
            return Err(input(crate::tr!(
                "importing {file}: the file has a header but no rows; nothing was written",
                "导入 {file}：文件只有表头，没有数据行；未写入任何内容"
            )));
        }

        let sha = hash.hex();
        let first = imports::first_with(&tx, kind.as_str(), &sha, import)?;
        if let (Some(first), false) = (first, self.again) {
            let (on, zh) = (first.get(..10).unwrap_or(&first), kind.zh());
            return Err(input(crate::tr!(
                "{file}: the same {kind} file was already imported on {on}; nothing was written (pass --again to import it once more)",
                "{file}：同一个{zh}文件已于{on}导入过；未写入任何内容（如要再导入一次，请加 --again）"
            )));
        }
        if report.total > 0 {
            return Err(report.into_error(self.dry_run));
        }
        let what = counts.describe(kind);
        let present = counts.present_note(&place);
        if self.dry_run {
            println!(
                "{}",
                crate::tr!(
                    "{file}: {what} would be imported{present}; nothing was written (--dry-run)",
                    "{file}：可导入{what}{present}；未写入任何内容（--dry-run）"
                )
            );
            return Ok(());
        }
        imports::finish(&tx, import, &sha, counts.rows)?;
        tx.commit()?;
        // The rows are kept whatever comes of this: statistics only speed
        // up the reports, and autovacuum refreshes them in a while anyway.
        let _ = imports::analyze(&db, kind.as_str(), counts.written());
        super::done(crate::tr!(
            "imported {what} from {file}{present}",
            "已从 {file} 导入{what}{present}"
        ));
        Ok(())
    }
}

/// What one row of a file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wrote {
    Added,
    Updated,
    /// The same record is already in the database: nothing written.
    Present,
}

#[derive(Debug, Default)]
struct Counts {
    rows: i64,
    updated: i64,
    present: i64,
    repeats: Repeats,
}

/// Rows of a visits file the same as an earlier row of the file (same
/// cadre, enterprise, day, kind, people, tasks and note). They are kept as
/// visits of their own and told of: two phone calls on one day make such
/// rows in a real ledger, so refusing them would make it unimportable and
/// skipping them would lose visits. A re-sent file still adds nothing, since
/// each recorded visit stands for one row of it.
#[derive(Debug, Default)]
struct Repeats {
    count: i64,
    /// The first such row's line, and the line of the row it repeats.
    first: Option<(u64, u64)>,
}

impl Counts {
    fn add(&mut self, wrote: Wrote) {
        match wrote {
            Wrote::Added => {}
            Wrote::Updated => self.updated += 1,
            Wrote::Present => self.present += 1,
        }
    }

    /// The rows that wrote something.
    fn written(&self) -> i64 {
        self.rows - self.present
    }

    fn describe(&self, kind: DataKind) -> String {
        let n = self.written();
        let what = kind.count(n);
        if self.updated > 0 {
            let (new, updated) = (n - self.updated, self.updated);
            crate::tr!(
                "{what} ({new} new, {updated} updated)",
                "{what}（新增{new}，更新{updated}）"
            )
        } else {
            what
        }
    }

    /// "4 rows: 1 imported, 3 already present", when some were, and the
    /// rows that repeat an earlier one.
    fn present_note(&self, place: &Place) -> String {
        let mut notes = Vec::new();
        if self.present > 0 {
            let (rows, written, present) = (self.rows, self.written(), self.present);
            notes.push(crate::tr!(
                "{rows} rows: {written} imported, {present} already present",
                "共{rows}行：导入{written}行，{present}行已存在"
            ));
        }
        if let Some((line, first)) = self.repeats.first {
            let n = self.repeats.count;
            let are = if n == 1 { " is" } else { "s are" };
            let (line, first) = (place.row(line), place.row(first));
            let (more, zh_more) = if n > 1 { (", …", "……") } else { ("", "") };
            notes.push(crate::tr!(
                "{n} row{are} the same as an earlier row of the file, kept as visits of their own: {line} repeats {first}{more}",
                "有{n}行与文件中前面的某行相同，仍各算一次走访：{line}与{first}相同{zh_more}"
            ));
        }
        if notes.is_empty() {
            String::new()
        } else {
            let (en, zh) = (notes.join("; "), notes.join("；"));
            crate::tr!(" ({en})", "（{zh}）")
        }
    }
}

/// What every row of a load shares.
struct Load<'a> {
    tx: &'a Tx<'a>,
    today: NaiveDate,
    upsert: bool,
    dry_run: bool,
    /// The file's size, when known, to judge how large a load is.
    size: Option<u64>,
    bar: &'a ProgressBar,
    /// The `imports` row that every visit, ticket and event of this load names.
    import: ImportId,
    /// The codes a row's references are looked up in: each kind's read
    /// once, when a row first names one.
    codes: crate::db::refs::Codes,
}
