//! `qianqi import <kind> <file>` and `qianqi imports`
//!
//! One file is one transaction: every row is checked by the same rules as the
//! single-record commands, every bad row is reported, and either all rows go
//! in or none do. Visits, the one kind that comes by the million, are parsed
//! on one thread against references loaded once into memory while the other
//! thread inserts.

use super::data::{DataKind, Layout};
use super::{cadre, pair, visit, Ctx};
use crate::csvio::{self, Encoding, Source};
use crate::db::{refs, tickets, CadreId, EnterpriseId, ImportId};
use crate::domain::date;
use crate::domain::kinds::{Tasks, Tier, UnitKind, VisitKind};
use crate::domain::status::{Action, Status};
use crate::domain::uscc::Uscc;
use crate::error::{input, input_in, is_input, FieldError};
use crate::output::{col, Column, Kind, OutputArgs, Table};
use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use csv::StringRecord;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rusqlite::{params, Connection, OptionalExtension};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::IsTerminal;

/// How many bad rows are printed; the rest are counted.
const SHOWN_ERRORS: usize = 50;

/// The arguments of `qianqi import`; its help text is on the command in cli.rs.
#[derive(Debug, Args)]
#[command(
    after_help = "Import in this order, since each kind refers to the ones before:
  units, cadres, enterprises, pairings, meetings, visits, tickets, events

Examples:
  qianqi import enterprises 企业名单.csv --dry-run
  qianqi import visits 走访记录.csv
  qianqi import cadres cadres.csv --upsert      update names, units and phones"
)]
pub struct ImportArgs {
    /// What the file holds.
    #[arg(value_enum)]
    kind: DataKind,
    /// The CSV file, or - for standard input.
    file: String,
    /// Read the file in this encoding instead of detecting it.
    #[arg(long, value_enum)]
    encoding: Option<Encoding>,
    /// Check every row and report, but write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Units, cadres and enterprises: update the records whose codes exist instead of refusing them.
    #[arg(long)]
    upsert: bool,
    /// Import a file even though the same content was imported before.
    #[arg(long)]
    again: bool,
}

/// List the files imported so far: kind, file, rows, when and by whom.
#[derive(Debug, Args)]
pub struct ImportsArgs {
    /// Only imports of this kind.
    #[arg(long, value_enum)]
    kind: Option<DataKind>,
    #[command(flatten)]
    out: OutputArgs,
}

pub const IMPORT_COLUMNS: [Column; 6] = [
    col("imported_at", "导入时间", Kind::Plain),
    col("kind", "类型", Kind::Plain),
    col("file", "文件", Kind::Text),
    col("rows", "行数", Kind::Plain),
    col("by", "导入人", Kind::Text),
    col("sha256", "SHA-256", Kind::Plain),
];

impl ImportsArgs {
    pub fn run(self, ctx: &Ctx) -> Result<()> {
        let conn = ctx.open()?;
        let t = Table::query(
            &IMPORT_COLUMNS,
            &conn,
            "SELECT imported_at, kind, file_name, rows, imported_by, sha256 FROM imports
             WHERE ?1 IS NULL OR kind = ?1 ORDER BY id",
            &[&self.kind.map(DataKind::as_str)],
        )?;
        self.out.render(&t, ctx.lang)
    }
}

/// The bad rows of a file, as they are found.
struct Report {
    file: String,
    shown: Vec<String>,
    total: usize,
}

impl Report {
    fn new(file: &str) -> Report {
        Report {
            file: file.to_string(),
            shown: Vec::new(),
            total: 0,
        }
    }

    fn wants_detail(&self) -> bool {
        self.shown.len() < SHOWN_ERRORS
    }

    fn add(&mut self, line: u64, column: &str, msg: impl std::fmt::Display) {
        self.total += 1;
        if self.wants_detail() {
            self.shown.push(format!(
                "{}: line {line}, column {column}: {msg}",
                self.file
            ));
        }
    }

    /// One bad row is the error itself; more are printed one per line before a summary.
    fn into_error(self, dry_run: bool) -> anyhow::Error {
        let nothing = if dry_run {
            "nothing would be written"
        } else {
            "nothing was written"
        };
        if self.total == 1 {
            return input(format!("importing {}; {nothing}", self.shown[0]));
        }
        for line in &self.shown {
            eprintln!("{line}");
        }
        let more = self.total - self.shown.len();
        let more = if more > 0 {
            format!(" (and {more} more not shown)")
        } else {
            String::new()
        };
        input(format!(
            "importing {}: {} bad rows{more}; {nothing}",
            self.file, self.total
        ))
    }
}

/// A progress bar on stderr when it is a terminal; otherwise nothing.
fn progress(path: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let len = std::fs::metadata(path).map(|m| m.len()).ok();
    let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::stderr());
    let style = if len.is_some() {
        ProgressStyle::with_template("{msg} [{bar:30}] {percent}% {elapsed}")
    } else {
        ProgressStyle::with_template("{msg} {spinner} {elapsed}")
    };
    if let Ok(s) = style {
        bar.set_style(s.progress_chars("=> "));
    }
    bar.set_message(format!("importing {path}"));
    bar
}

fn tick(bar: &ProgressBar, rec: &StringRecord, rows: u64) {
    if rows.is_multiple_of(16384) {
        if let Some(p) = rec.position() {
            bar.set_position(p.byte().min(bar.length().unwrap_or(u64::MAX)));
        }
    }
}

/// A CSV reading failure (ragged row, bad encoding) stops the import.
fn read_error(file: &str, e: csv::Error) -> anyhow::Error {
    input(format!(
        "importing {file}: {}; nothing was written",
        csvio::read_error_message(&e)
    ))
}

impl ImportArgs {
    pub fn run(self, ctx: &Ctx) -> Result<()> {
        let kind = self.kind;
        if self.upsert && !kind.is_registry() {
            return Err(input(format!(
                "--upsert is for units, cadres and enterprises; {kind} are only ever added"
            )));
        }
        let today = ctx.today()?;
        let src = Source::open(&self.file, self.encoding).map_err(|e| input(format!("{e:#}")))?;
        let file = src.name().to_string();
        let (mut rdr, hash) = src.into_csv();
        let headers = rdr.headers().map_err(|e| read_error(&file, e))?.clone();
        let layout = Layout::new(kind, headers.iter())
            .map_err(|m| input(format!("importing {file}: {m}")))?;

        let conn = ctx.open()?;
        if kind == DataKind::Visits {
            // Every reference is resolved from maps read under the write lock
            // this transaction holds, so SQLite need not look each one up again.
            conn.execute_batch("PRAGMA foreign_keys = OFF")?;
        }
        let tx = conn.write()?;
        // The import's own row comes first, so every row it brings in can name
        // it; the content hash and the count are known only at the end.
        tx.execute(
            "INSERT INTO imports (kind, file_name, sha256, rows, imported_at, imported_by)
             VALUES (?1, ?2, '', 0, ?3, ?4)",
            params![
                kind.as_str(),
                file,
                format!(
                    "{} {}",
                    date::iso(today),
                    chrono::Local::now().format("%H:%M:%S")
                ),
                std::env::var("QIANQI_USER").unwrap_or_default().trim()
            ],
        )?;
        let import = ImportId(tx.last_insert_rowid());
        let bar = progress(&self.file);
        let mut report = Report::new(&file);
        let load = Load {
            tx: &tx,
            layout: &layout,
            today,
            upsert: self.upsert,
            dry_run: self.dry_run,
            size: std::fs::metadata(&self.file).ok().map(|m| m.len()),
            bar: &bar,
            import,
        };
        let counts = if kind == DataKind::Visits {
            load.visits(rdr, &file, &mut report)?
        } else {
            load.rows(kind, rdr, &file, &mut report)?
        };
        bar.finish_and_clear();
        if counts.rows == 0 {
            return Err(input(format!(
                "importing {file}: the file has a header but no rows; nothing was written"
            )));
        }

        let sha = hash.hex();
        let first: Option<String> = tx
            .query_row(
                "SELECT imported_at FROM imports WHERE kind = ?1 AND sha256 = ?2 AND id <> ?3
                 ORDER BY id LIMIT 1",
                params![kind.as_str(), sha, import],
                |r| r.get(0),
            )
            .optional()?;
        if let (Some(first), false) = (first, self.again) {
            return Err(input(format!(
                "{file}: the same {kind} file was already imported on {}; nothing was written (pass --again to import it once more)",
                first.get(..10).unwrap_or(&first)
            )));
        }
        if report.total > 0 {
            return Err(report.into_error(self.dry_run));
        }
        let what = counts.describe(kind);
        if self.dry_run {
            println!("{file}: {what} would be imported; nothing was written (--dry-run)");
            return Ok(());
        }
        tx.execute(
            "UPDATE imports SET sha256 = ?2, rows = ?3 WHERE id = ?1",
            params![import, sha, counts.rows],
        )?;
        tx.commit()?;
        super::done(format!("imported {what} from {file}"));
        Ok(())
    }
}

#[derive(Debug, Default)]
struct Counts {
    rows: i64,
    updated: i64,
}

impl Counts {
    fn describe(&self, kind: DataKind) -> String {
        if self.updated > 0 {
            format!(
                "{} {kind} ({} new, {} updated)",
                self.rows,
                self.rows - self.updated,
                self.updated
            )
        } else {
            format!("{} {kind}", self.rows)
        }
    }
}

/// One row's cells, with the export markings undone.
struct Row<'a> {
    rec: &'a StringRecord,
    layout: &'a Layout,
}

impl<'a> Row<'a> {
    /// The cell as written (undoing the formula guard and text marking), or "" when the file has no such column.
    fn raw(&self, key: &str) -> Cow<'a, str> {
        match self.layout.position(key).and_then(|i| self.rec.get(i)) {
            Some(c) => csvio::import_cell(c),
            None => Cow::Borrowed(""),
        }
    }

    /// The first cell longer than a spreadsheet cell can be, with its column.
    fn oversized(&self) -> Option<(&'static str, String)> {
        // A cell has no more characters than bytes.
        if self.rec.as_slice().len() <= csvio::MAX_CELL_CHARS {
            return None;
        }
        self.rec.iter().enumerate().find_map(|(i, c)| {
            let n = c.chars().count();
            (n > csvio::MAX_CELL_CHARS).then(|| {
                (
                    self.layout.key_at(i).unwrap_or("-"),
                    format!(
                        "a cell of {n} characters; a spreadsheet cell holds at most {}",
                        csvio::MAX_CELL_CHARS
                    ),
                )
            })
        })
    }

    /// The trimmed cell, or None when it is empty.
    fn opt(&self, key: &str) -> Option<String> {
        let c = self.raw(key);
        let t = c.trim();
        (!t.is_empty()).then(|| t.to_string())
    }

    /// The trimmed cell, which must not be empty.
    fn req(&self, key: &'static str) -> Result<String> {
        self.opt(key)
            .ok_or_else(|| input_in(key, "\"\" is empty; this column needs a value on every row"))
    }

    fn date(&self, key: &'static str) -> Result<Option<NaiveDate>> {
        self.opt(key)
            .map(|s| date::parse(&s).map_err(|e| input_in(key, e.to_string())))
            .transpose()
    }

    fn bool(&self, key: &'static str) -> Result<bool> {
        match self.opt(key) {
            None => Ok(false),
            Some(s) => csvio::parse_bool(&s).ok_or_else(|| {
                input_in(
                    key,
                    format!("{s:?} is not yes or no; use yes/no, true/false, 1/0 or 是/否"),
                )
            }),
        }
    }
}

/// Names the column of an input error that does not name its own.
fn at<T>(column: &'static str, r: Result<T>) -> Result<T> {
    r.map_err(|e| {
        if e.downcast_ref::<FieldError>().is_some() || !is_input(&e) {
            e
        } else {
            input_in(column, format!("{e:#}"))
        }
    })
}

fn parsed<T>(column: &'static str, r: Result<T, String>) -> Result<T> {
    r.map_err(|m| input_in(column, m))
}

/// Within one file a code may appear once.
fn first_time(
    seen: &mut HashMap<String, u64>,
    column: &'static str,
    code: &str,
    line: u64,
) -> Result<()> {
    if let Some(first) = seen.get(code) {
        return Err(input_in(
            column,
            format!("{code:?} appears again in this file (first on line {first})"),
        ));
    }
    seen.insert(code.to_string(), line);
    Ok(())
}

/// What every row of a load shares.
struct Load<'a> {
    tx: &'a Connection,
    layout: &'a Layout,
    today: NaiveDate,
    upsert: bool,
    dry_run: bool,
    /// The file's size, when known, to judge how large a load is.
    size: Option<u64>,
    bar: &'a ProgressBar,
    /// The `imports` row that every visit, ticket and event of this load names.
    import: ImportId,
}

impl Load<'_> {
    /// Every kind but visits: each row is checked and written in turn, so a
    /// row sees the rows before it (pairing rules, duplicate codes).
    fn rows<R: std::io::Read>(
        &self,
        kind: DataKind,
        mut rdr: csv::Reader<R>,
        file: &str,
        report: &mut Report,
    ) -> Result<Counts> {
        let mut counts = Counts::default();
        let mut seen = HashMap::new();
        let mut rec = StringRecord::new();
        while rdr.read_record(&mut rec).map_err(|e| read_error(file, e))? {
            counts.rows += 1;
            tick(self.bar, &rec, counts.rows as u64);
            let line = rec.position().map_or(0, |p| p.line());
            let row = Row {
                rec: &rec,
                layout: self.layout,
            };
            if let Some((column, msg)) = row.oversized() {
                report.add(line, column, msg);
                continue;
            }
            let result = match kind {
                DataKind::Units => self.unit(&row, line, &mut seen),
                DataKind::Cadres => self.cadre(&row, line, &mut seen),
                DataKind::Enterprises => self.enterprise(&row, line, &mut seen),
                DataKind::Pairings => self.pairing(&row).map(|()| false),
                DataKind::Meetings => self.meeting(&row, line, &mut seen).map(|()| false),
                DataKind::Tickets => self.ticket(&row).map(|()| false),
                DataKind::Events => self.event(&row).map(|()| false),
                DataKind::Visits => unreachable!("visits load in a pipeline"),
            };
            match result {
                Ok(updated) => counts.updated += i64::from(updated),
                Err(e) => match e.downcast::<FieldError>() {
                    Ok(f) => report.add(line, f.field, f.msg),
                    Err(e) if is_input(&e) => report.add(line, "-", format!("{e:#}")),
                    Err(e) => return Err(e),
                },
            }
        }
        Ok(counts)
    }

    /// Inserts, or with --upsert updates, a registry record; returns whether it updated.
    fn upsert(
        &self,
        what: &str,
        code: &str,
        insert: &str,
        update: &str,
        p: &[&dyn rusqlite::ToSql],
    ) -> Result<bool> {
        if self.tx.prepare_cached(insert)?.execute(p)? == 1 {
            return Ok(false);
        }
        if !self.upsert {
            return Err(input(format!(
                "{what} {code:?} already exists; pass --upsert to update existing records"
            )));
        }
        self.tx.prepare_cached(update)?.execute(p)?;
        Ok(true)
    }

    fn unit(&self, row: &Row, line: u64, seen: &mut HashMap<String, u64>) -> Result<bool> {
        let code = row.req("code")?;
        let name = row.req("name")?;
        let kind = parsed("kind", UnitKind::parse(&row.req("kind")?))?;
        first_time(seen, "code", &code, line)?;
        if kind != UnitKind::Town {
            let located: i64 = self.tx.prepare_cached(
                "SELECT count(*) FROM enterprises e JOIN units u ON u.id = e.town_id WHERE u.code = ?1",
            )?
            .query_row([&code], |r| r.get(0))?;
            if located > 0 {
                return Err(input_in(
                    "kind",
                    format!(
                    "{kind:?}: unit {code} is the town of {located} enterprises, so it stays a town"
                ),
                ));
            }
        }
        at("code", self.upsert(
            "a unit with code",
            &code,
            "INSERT INTO units (code, name, kind) VALUES (?1, ?2, ?3) ON CONFLICT (code) DO NOTHING",
            "UPDATE units SET name = ?2, kind = ?3 WHERE code = ?1",
            &[&code, &name, &kind.as_str()],
        ))
    }

    fn cadre(&self, row: &Row, line: u64, seen: &mut HashMap<String, u64>) -> Result<bool> {
        let code = row.req("code")?;
        let name = row.req("name")?;
        let unit = at("unit", refs::unit(self.tx, &row.req("unit")?))?;
        let rank = row.opt("rank").unwrap_or_default();
        let phone = row.raw("phone");
        let phone = at("phone", cadre::check_phone(&phone))?;
        first_time(seen, "code", &code, line)?;
        at(
            "code",
            self.upsert(
                "a cadre with code",
                &code,
                "INSERT INTO cadres (code, name, unit_id, rank, phone) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (code) DO NOTHING",
                "UPDATE cadres SET name = ?2, unit_id = ?3, rank = ?4, phone = ?5 WHERE code = ?1",
                &[&code, &name, &unit, &rank, &phone],
            ),
        )
    }

    fn enterprise(&self, row: &Row, line: u64, seen: &mut HashMap<String, u64>) -> Result<bool> {
        let given = row.req("uscc")?;
        let uscc = Uscc::parse(&given)
            .map_err(|e| input_in("uscc", format!("unified social credit code {given:?} {e}")))?;
        let name = row.req("name")?;
        let town = at(
            "town",
            refs::unit_of_kind(self.tx, &row.req("town")?, UnitKind::Town),
        )?;
        let chain = row.opt("chain").unwrap_or_default();
        let key = row.bool("key")?;
        first_time(seen, "uscc", uscc.as_str(), line)?;
        at("uscc", self.upsert(
            "an enterprise with code",
            uscc.as_str(),
            "INSERT INTO enterprises (uscc, name, town_id, chain, key) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (uscc) DO NOTHING",
            "UPDATE enterprises SET name = ?2, town_id = ?3, chain = ?4, key = ?5 WHERE uscc = ?1",
            &[&uscc.as_str(), &name, &town, &chain, &key],
        ))
    }

    /// A day in a file: not after today, like the same date typed on the command line.
    fn past_date(&self, row: &Row, key: &'static str, what: &str) -> Result<Option<NaiveDate>> {
        match row.date(key)? {
            None => Ok(None),
            Some(d) if d > self.today => Err(input_in(
                key,
                format!(
                    "{what} {} is in the future (today is {})",
                    date::iso(d),
                    date::iso(self.today)
                ),
            )),
            Some(d) => Ok(Some(d)),
        }
    }

    fn pairing(&self, row: &Row) -> Result<()> {
        let cadre = at("cadre", refs::cadre(self.tx, &row.req("cadre")?))?;
        let enterprise = at(
            "enterprise",
            refs::enterprise(self.tx, &row.req("enterprise")?),
        )?;
        let tier = parsed("tier", Tier::parse(&row.req("tier")?))?;
        row.req("started_on")?;
        let started = self
            .past_date(row, "started_on", "pairing start")?
            .map(date::iso);
        let ended = self
            .past_date(row, "ended_on", "pairing end")?
            .map(date::iso);
        let started = started.unwrap_or_default();
        match &ended {
            Some(end) => pair::check_end(&started, end)?,
            None => pair::check_open_pairings(self.tx, cadre, enterprise, tier)?,
        }
        self.tx
            .prepare_cached(
                "INSERT INTO pairings (cadre_id, enterprise_id, tier, started_on, ended_on)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![cadre, enterprise, tier.as_str(), started, ended])?;
        Ok(())
    }

    fn meeting(&self, row: &Row, line: u64, seen: &mut HashMap<String, u64>) -> Result<()> {
        let code = row.req("code")?;
        row.req("held_on")?;
        let held = self
            .past_date(row, "held_on", "meeting date")?
            .map(date::iso);
        let title = row.opt("title").unwrap_or_default();
        let cadres = row.raw("cadres");
        let cadres = csvio::split_list(&cadres)
            .into_iter()
            .map(|c| at("cadres", refs::cadre(self.tx, c)))
            .collect::<Result<Vec<CadreId>>>()?;
        first_time(seen, "code", &code, line)?;
        let n = self
            .tx
            .prepare_cached(
                "INSERT INTO meetings (code, held_on, title) VALUES (?1, ?2, ?3) ON CONFLICT (code) DO NOTHING",
            )?
            .execute(params![code, held, title])?;
        if n == 0 {
            return Err(input_in(
                "code",
                format!("a meeting with code {code:?} already exists"),
            ));
        }
        let meeting = self.tx.last_insert_rowid();
        for c in cadres {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO meeting_cadres (meeting_id, cadre_id) VALUES (?1, ?2)",
                )?
                .execute(params![meeting, c])?;
        }
        Ok(())
    }

    fn ticket(&self, row: &Row) -> Result<()> {
        let code = row.req("code")?;
        let enterprise = at(
            "enterprise",
            refs::enterprise(self.tx, &row.req("enterprise")?),
        )?;
        let cadre = at("cadre", refs::cadre(self.tx, &row.req("cadre")?))?;
        row.req("collected_on")?;
        let collected_on = self
            .past_date(row, "collected_on", "collection date")?
            .unwrap_or(self.today);
        let category = row.opt("category").unwrap_or_default();
        let summary = row.raw("summary");
        let department = row
            .opt("department")
            .map(|d| at("department", refs::unit(self.tx, &d)))
            .transpose()?;
        let due_on = row.date("due_on")?;
        let status = row
            .opt("status")
            .map(|s| parsed("status", Status::parse(&s)))
            .transpose()?;
        let status_on = row.date("status_on")?;
        let t = tickets::NewTicket {
            code: &code,
            enterprise,
            cadre,
            collected_on,
            category: &category,
            summary: &summary,
            department,
            due_on,
            import: Some(self.import),
        };
        let id = tickets::insert(self.tx, &t)?;
        let Some(status) = status.filter(|s| *s != Status::Collected) else {
            return Ok(());
        };
        let Some(on) = status_on else {
            return Err(input_in(
                "status_on",
                format!("\"\" is empty; a ticket that is {status} needs the day it became so"),
            ));
        };
        // The ledger's current state stands for the one change that led to it, made by the collector.
        let event = tickets::NewEvent {
            ticket: id,
            on,
            status,
            action: (status == Status::InProgress).then_some(Action::Accept),
            actor: cadre,
            note: "",
            meeting: None,
            import: Some(self.import),
        };
        tickets::append_event(self.tx, &event, self.today).map_err(|e| {
            match e.downcast::<FieldError>() {
                Ok(f) if f.field == "on" => input_in("status_on", f.msg),
                Ok(f) => f.into(),
                Err(e) => e,
            }
        })
    }

    fn event(&self, row: &Row) -> Result<()> {
        let ticket = at("ticket", refs::ticket(self.tx, &row.req("ticket")?))?;
        let status = parsed("status", Status::parse(&row.req("status")?))?;
        let actor = at("by", refs::cadre(self.tx, &row.req("by")?))?;
        let on = row.date("on")?;
        let meeting = match row.opt("meeting") {
            None => None,
            Some(m) => {
                let id = at("meeting", refs::meeting(self.tx, &m))?;
                let held: String = self
                    .tx
                    .prepare_cached("SELECT held_on FROM meetings WHERE id = ?1")?
                    .query_row([id], |r| r.get(0))?;
                Some((id, date::parse(&held)?))
            }
        };
        let on = match (meeting, on) {
            (Some((_, held)), on) => tickets::meeting_day(on, held, status)?,
            (None, Some(on)) => on,
            (None, None) => return Err(row.req("on").unwrap_err()),
        };
        let note = row.raw("note");
        let event = tickets::NewEvent {
            ticket,
            on,
            status,
            action: None,
            actor,
            note: &note,
            meeting: meeting.map(|(id, _)| id),
            import: Some(self.import),
        };
        tickets::append_event(self.tx, &event, self.today)
    }
}

/// Everything a visit row is checked against, loaded once.
struct VisitRefs {
    cadres: HashMap<String, CadreId>,
    by_uscc: HashMap<String, EnterpriseId>,
    /// None when several enterprises share the name.
    by_name: HashMap<String, Option<EnterpriseId>>,
    first_start: HashMap<(CadreId, EnterpriseId), NaiveDate>,
}

impl VisitRefs {
    fn load(conn: &Connection) -> Result<VisitRefs> {
        let mut cadres = HashMap::new();
        let mut stmt = conn.prepare("SELECT code, id FROM cadres")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            cadres.insert(r.get(0)?, CadreId(r.get(1)?));
        }
        let mut by_uscc = HashMap::new();
        let mut by_name: HashMap<String, Option<EnterpriseId>> = HashMap::new();
        let mut stmt = conn.prepare("SELECT uscc, name, id FROM enterprises")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id = EnterpriseId(r.get(2)?);
            by_uscc.insert(r.get(0)?, id);
            by_name
                .entry(r.get(1)?)
                .and_modify(|e| *e = None)
                .or_insert(Some(id));
        }
        let mut first_start = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT cadre_id, enterprise_id, min(started_on) FROM pairings GROUP BY cadre_id, enterprise_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let start: String = r.get(2)?;
            first_start.insert(
                (CadreId(r.get(0)?), EnterpriseId(r.get(1)?)),
                date::parse(&start)?,
            );
        }
        Ok(VisitRefs {
            cadres,
            by_uscc,
            by_name,
            first_start,
        })
    }

    fn enterprise(&self, reference: &str) -> Option<EnterpriseId> {
        let r = reference.trim();
        if let Some(id) = self.by_uscc.get(r) {
            return Some(*id);
        }
        if r.bytes().any(|b| b.is_ascii_lowercase()) {
            if let Some(id) = self.by_uscc.get(&r.to_ascii_uppercase()) {
                return Some(*id);
            }
        }
        self.by_name.get(r).copied().flatten()
    }
}

/// A checked visit, ready to insert.
struct Visit {
    cadre: CadreId,
    enterprise: EnterpriseId,
    /// The stored form, made on the parsing thread without allocating.
    on: [u8; 10],
    kind: VisitKind,
    people: i64,
    tasks: Tasks,
    note: String,
    unpaired: bool,
}

/// A bad visit row. References that do not resolve are described later by
/// the same lookups the single-record commands use, on the database thread.
enum Bad {
    Rule {
        line: u64,
        column: &'static str,
        msg: String,
    },
    Missing {
        line: u64,
        column: &'static str,
        value: String,
    },
}

const BATCH: usize = 4096;

/// Where each visit column is in the file, looked up once rather than per cell.
struct VisitColumns {
    cadre: Option<usize>,
    enterprise: Option<usize>,
    visited_on: Option<usize>,
    kind: Option<usize>,
    people: Option<usize>,
    tasks: Option<usize>,
    note: Option<usize>,
    unpaired: Option<usize>,
}

impl VisitColumns {
    fn new(layout: &Layout) -> VisitColumns {
        VisitColumns {
            cadre: layout.position("cadre"),
            enterprise: layout.position("enterprise"),
            visited_on: layout.position("visited_on"),
            kind: layout.position("kind"),
            people: layout.position("people"),
            tasks: layout.position("tasks"),
            note: layout.position("note"),
            unpaired: layout.position("unpaired"),
        }
    }
}

/// Wall-clock phases of a visits load, printed to stderr when
/// `QIANQI_TIMINGS` is set, so a benchmark can say where the time goes.
struct Phases {
    on: bool,
    last: std::time::Instant,
}

impl Phases {
    fn new() -> Phases {
        Phases {
            on: std::env::var_os("QIANQI_TIMINGS").is_some(),
            last: std::time::Instant::now(),
        }
    }

    fn done(&mut self, what: &str) {
        let now = std::time::Instant::now();
        if self.on {
            eprintln!("timing: {what}: {:.3} s", (now - self.last).as_secs_f64());
        }
        self.last = now;
    }
}

impl Load<'_> {
    /// Visits: this thread inserts while a second one reads, checks and
    /// resolves rows against `VisitRefs`, handing over batches through a
    /// bounded channel, so memory stays flat however long the file.
    fn visits<R: std::io::Read + Send>(
        &self,
        rdr: csv::Reader<R>,
        file: &str,
        report: &mut Report,
    ) -> Result<Counts> {
        let mut phases = Phases::new();
        let refs_ = VisitRefs::load(self.tx)?;
        phases.done("references loaded");
        // A larger page cache while loading keeps the index pages in memory;
        // 64 MiB, not more, because the cache and the index sorter (which
        // spills to disk past the same size) bound the peak memory of a load
        // however long the file. The sorter stays single-threaded: helper
        // threads each hold a sort buffer, and the peak then grows with the file.
        let cache: i64 = self.tx.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        // Every row has been checked more strictly than the table's CHECKs
        // (dates parsed and rewritten in the stored form, kinds from their
        // enum, counts in range), and date() in a CHECK costs more than the insert.
        self.tx
            .execute_batch("PRAGMA cache_size = -65536; PRAGMA ignore_check_constraints = ON")?;
        // A load larger than the table is faster without its indexes, built
        // once at the end by sorting. An index led by import_id stays: every
        // row of this load has the same import_id and a growing rowid, so its
        // entries are appended in order, which is cheaper than any rebuild.
        let existing: i64 = self
            .tx
            .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))?;
        let expected = self.size.map_or(0, |s| s / 64) as i64;
        let indexes: Vec<(String, String)> = if !self.dry_run && expected > existing {
            let mut stmt = self.tx.prepare(
                "SELECT name, sql FROM sqlite_master m
                 WHERE type = 'index' AND tbl_name = 'visits' AND sql IS NOT NULL
                   AND (SELECT name FROM pragma_index_info(m.name) WHERE seqno = 0) IS NOT 'import_id'",
            )?;
            let found = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (name, _) in &found {
                self.tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
            }
            found
        } else {
            Vec::new()
        };
        let (send, recv) = std::sync::mpsc::sync_channel::<Vec<Visit>>(4);
        let layout = self.layout;
        let today = self.today;
        let bar = self.bar;
        let (parsed, inserted) = std::thread::scope(|s| {
            let parser = s.spawn(move || parse_visits(rdr, layout, &refs_, today, bar, send));
            let inserted = self.insert_visits(recv);
            let parsed = parser.join().expect("the visit parser does not panic");
            (parsed, inserted)
        });
        phases.done("rows read, checked and inserted");
        if inserted.is_ok() && matches!(&parsed, Ok((_, _, 0))) {
            bar.set_message("indexing visits");
            for (name, sql) in &indexes {
                self.tx.execute_batch(sql)?;
                phases.done(&format!("index {name} built"));
            }
        }
        self.tx.execute_batch(&format!(
            "PRAGMA cache_size = {cache}; PRAGMA ignore_check_constraints = OFF"
        ))?;
        inserted?;
        let (rows, bad, total_bad) = parsed.map_err(|e| read_error(file, e))?;
        let not_shown = total_bad - bad.len();
        for b in bad {
            match b {
                Bad::Rule { line, column, msg } => report.add(line, column, msg),
                Bad::Missing {
                    line,
                    column,
                    value,
                } => {
                    let found = match column {
                        "cadre" => refs::cadre(self.tx, &value).map(|_| ()),
                        _ => refs::enterprise(self.tx, &value).map(|_| ()),
                    };
                    match found {
                        Err(e) if is_input(&e) => report.add(line, column, format!("{e:#}")),
                        Err(e) => return Err(e),
                        Ok(()) => report.add(line, column, format!("{value:?} is not known")),
                    }
                }
            }
        }
        report.total += not_shown;
        Ok(Counts { rows, updated: 0 })
    }

    fn insert_visits(&self, recv: std::sync::mpsc::Receiver<Vec<Visit>>) -> Result<()> {
        if self.dry_run {
            // Visits depend on nothing but the references already checked.
            recv.into_iter().for_each(drop);
            return Ok(());
        }
        // Many rows per statement: the per-statement cost of SQLite is then paid once per chunk.
        const PER_STMT: usize = 64;
        let sql = |n: usize| {
            format!(
                "INSERT INTO visits (cadre_id, enterprise_id, visited_on, kind, people, tasks, note, unpaired, import_id) VALUES {}",
                vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?)"; n].join(", ")
            )
        };
        let mut many = self.tx.prepare_cached(&sql(PER_STMT))?;
        let mut one = self.tx.prepare_cached(&sql(1))?;
        for batch in recv {
            let mut chunks = batch.chunks_exact(PER_STMT);
            for chunk in &mut chunks {
                bind_visits(&mut many, chunk, self.import)?;
                many.raw_execute()?;
            }
            for v in chunks.remainder() {
                bind_visits(&mut one, std::slice::from_ref(v), self.import)?;
                one.raw_execute()?;
            }
        }
        Ok(())
    }
}

fn bind_visits(
    stmt: &mut rusqlite::CachedStatement,
    rows: &[Visit],
    import: ImportId,
) -> rusqlite::Result<()> {
    for (i, v) in rows.iter().enumerate() {
        let at = i * 9;
        let on = std::str::from_utf8(&v.on).expect("a stored date is ASCII");
        stmt.raw_bind_parameter(at + 1, v.cadre)?;
        stmt.raw_bind_parameter(at + 2, v.enterprise)?;
        stmt.raw_bind_parameter(at + 3, on)?;
        stmt.raw_bind_parameter(at + 4, v.kind.as_str())?;
        stmt.raw_bind_parameter(at + 5, v.people)?;
        stmt.raw_bind_parameter(at + 6, v.tasks.0)?;
        stmt.raw_bind_parameter(at + 7, &v.note)?;
        stmt.raw_bind_parameter(at + 8, v.unpaired)?;
        stmt.raw_bind_parameter(at + 9, import)?;
    }
    Ok(())
}

type Parsed = (i64, Vec<Bad>, usize);

/// Reads and checks every visit row; sends good rows on while no row has
/// been bad (after that, nothing will be written, so only checking goes on).
fn parse_visits<R: std::io::Read>(
    mut rdr: csv::Reader<R>,
    layout: &Layout,
    refs_: &VisitRefs,
    today: NaiveDate,
    bar: &ProgressBar,
    send: std::sync::mpsc::SyncSender<Vec<Visit>>,
) -> Result<Parsed, csv::Error> {
    let cols = VisitColumns::new(layout);
    let mut rec = StringRecord::new();
    let mut batch = Vec::with_capacity(BATCH);
    let mut bad = Vec::new();
    let mut total_bad = 0;
    let mut rows = 0i64;
    while rdr.read_record(&mut rec)? {
        rows += 1;
        tick(bar, &rec, rows as u64);
        let checked = match (Row { rec: &rec, layout }).oversized() {
            Some((column, msg)) => Err(rule(column, msg)),
            None => check_visit(&rec, &cols, refs_, today),
        };
        match checked {
            Ok(v) if total_bad == 0 => {
                batch.push(v);
                if batch.len() == BATCH {
                    // The receiver only stops early on a database error, reported by it.
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if send.send(full).is_err() {
                        return Ok((rows, bad, total_bad));
                    }
                }
            }
            Ok(_) => {}
            Err(b) => {
                total_bad += 1;
                if bad.len() < SHOWN_ERRORS {
                    bad.push(b(rec.position().map_or(0, |p| p.line())));
                }
            }
        }
    }
    if total_bad == 0 && !batch.is_empty() {
        let _ = send.send(batch);
    }
    Ok((rows, bad, total_bad))
}

type BadAt = Box<dyn FnOnce(u64) -> Bad>;

fn rule(column: &'static str, msg: String) -> BadAt {
    Box::new(move |line| Bad::Rule { line, column, msg })
}

fn missing(column: &'static str, value: &str) -> BadAt {
    let value = value.to_string();
    Box::new(move |line| Bad::Missing {
        line,
        column,
        value,
    })
}

/// Checks one visit row by the rules `visit add` applies. Cells are
/// borrowed from the record; only a note and an error allocate.
fn check_visit(
    rec: &StringRecord,
    cols: &VisitColumns,
    refs_: &VisitRefs,
    today: NaiveDate,
) -> Result<Visit, BadAt> {
    let cell = |at: Option<usize>| match at.and_then(|i| rec.get(i)) {
        Some(c) => csvio::import_cell(c),
        None => Cow::Borrowed(""),
    };
    let req = |key: &'static str, at: Option<usize>| {
        let c = cell(at);
        if c.trim().is_empty() {
            Err(rule(
                key,
                "\"\" is empty; this column needs a value on every row".into(),
            ))
        } else {
            Ok(c)
        }
    };
    let cadre_code = req("cadre", cols.cadre)?;
    let cadre_code = cadre_code.trim();
    let cadre = *refs_
        .cadres
        .get(cadre_code)
        .ok_or_else(|| missing("cadre", cadre_code))?;
    let ent = req("enterprise", cols.enterprise)?;
    let enterprise = refs_
        .enterprise(&ent)
        .ok_or_else(|| missing("enterprise", ent.trim()))?;
    let on = date::parse(&req("visited_on", cols.visited_on)?)
        .map_err(|e| rule("visited_on", e.to_string()))?;
    let kind = cell(cols.kind);
    let kind = match kind.trim() {
        "" => VisitKind::Onsite,
        k => VisitKind::parse(k).map_err(|m| rule("kind", m))?,
    };
    let people = cell(cols.people);
    let people = match people.trim() {
        "" => 1,
        p => p.parse::<i64>().ok().filter(|n| (1..=10000).contains(n)).ok_or_else(|| {
            rule("people", format!("{p:?} is not a number of person-visits; use a whole number from 1 to 10000"))
        })?,
    };
    let tasks =
        Tasks::from_items(csvio::list_items(&cell(cols.tasks))).map_err(|m| rule("tasks", m))?;
    let unpaired = cell(cols.unpaired);
    let unpaired = match unpaired.trim() {
        "" => false,
        u => csvio::parse_bool(u).ok_or_else(|| {
            rule(
                "unpaired",
                format!("{u:?} is not yes or no; use yes/no, true/false, 1/0 or 是/否"),
            )
        })?,
    };
    visit::check_date(
        on,
        today,
        refs_.first_start.get(&(cadre, enterprise)).copied(),
        unpaired,
        "set its unpaired column to yes",
    )
    .map_err(|m| rule("visited_on", m))?;
    Ok(Visit {
        cadre,
        enterprise,
        on: date::iso_bytes(on),
        kind,
        people,
        tasks,
        note: cell(cols.note).into_owned(),
        unpaired,
    })
}
