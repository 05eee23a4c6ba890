//! Visits, the kind that comes by the million: one thread reads, checks
//! and resolves rows against references loaded once into memory, while
//! this one writes them through `db::visits::Bulk`.

use super::input::Input;
use super::report::{tick, Report, SHOWN_ERRORS};
use super::row::Row;
use super::{Counts, Load, Repeats};
use crate::cmd::data::{Fields, Layout, VisitField as V};
use crate::csvio;
use crate::db::visits::{Bulk, NewVisit};
use crate::db::{pairings, refs, CadreId, Db, EnterpriseId, ImportId};
use crate::domain::kinds::{Tasks, VisitKind};
use crate::domain::{date, rules};
use crate::error::{is_input, FieldError};
use anyhow::Result;
use chrono::NaiveDate;
use csv::StringRecord;
use indicatif::ProgressBar;
use std::collections::HashMap;

/// Everything a visit row is checked against, loaded once.
struct VisitRefs {
    cadres: refs::Cadres,
    enterprises: refs::Enterprises,
    first_start: HashMap<(CadreId, EnterpriseId), NaiveDate>,
}

impl VisitRefs {
    fn load(db: &Db) -> Result<VisitRefs> {
        Ok(VisitRefs {
            cadres: refs::Cadres::load(db)?,
            enterprises: refs::Enterprises::load(db)?,
            first_start: pairings::first_starts(db)?,
        })
    }
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
        column: V,
        value: String,
    },
}

const BATCH: usize = 4096;

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
    pub(super) fn visits(
        &self,
        layout: &Layout<V>,
        input: Input,
        file: &str,
        report: &mut Report,
    ) -> Result<Counts> {
        let mut phases = Phases::new();
        let refs_ = VisitRefs::load(self.tx)?;
        phases.done("references loaded");
        // About 64 bytes a row: enough to tell a load larger than the table.
        let expected = match (self.dry_run, self.size) {
            (false, Some(size)) => (size / 64) as i64,
            _ => 0,
        };
        let bulk = Bulk::start(self.tx, expected)?;
        let (send, recv) = std::sync::mpsc::sync_channel::<Vec<NewVisit>>(4);
        let (today, bar, import) = (self.today, self.bar, self.import);
        let (parsed, inserted) = std::thread::scope(|s| {
            let parser = s
                .spawn(move || parse_visits(input, file, layout, &refs_, today, import, bar, send));
            // Visits depend on nothing but the references already checked;
            // a dry run only counts the rows already present.
            let inserted = bulk.insert(recv, !self.dry_run);
            let parsed = parser.join().expect("the visit parser does not panic");
            (parsed, inserted)
        });
        phases.done("rows read, checked and inserted");
        let keep = inserted.is_ok() && matches!(&parsed, Ok((_, _, 0, _)));
        if keep {
            bar.set_message("indexing visits");
        }
        bulk.finish(keep, |name| phases.done(&format!("index {name} built")))?;
        let present = inserted?;
        let (rows, bad, total_bad, repeats) = parsed?;
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
                        V::Cadre => refs::cadre(self.tx, &value).map(drop),
                        _ => refs::enterprise(self.tx, &value).map(drop),
                    };
                    match found {
                        Err(e) if is_input(&e) => report.add(line, column.key(), format!("{e:#}")),
                        Err(e) => return Err(e),
                        Ok(()) => report.add(line, column.key(), format!("{value:?} is not known")),
                    }
                }
            }
        }
        report.total += not_shown;
        Ok(Counts {
            rows,
            updated: 0,
            present,
            repeats,
        })
    }
}

type Parsed = (i64, Vec<Bad>, usize, Repeats);

/// Reads and checks every visit row; sends good rows on while no row has
/// been bad (after that, nothing will be written, so only checking goes on).
#[allow(clippy::too_many_arguments)]
fn parse_visits(
    mut input: Input,
    file: &str,
    layout: &Layout<V>,
    refs_: &VisitRefs,
    today: NaiveDate,
    import: ImportId,
    bar: &ProgressBar,
    send: std::sync::mpsc::SyncSender<Vec<NewVisit>>,
) -> Result<Parsed> {
    let mut rec = StringRecord::new();
    let mut batch = Vec::with_capacity(BATCH);
    let mut bad = Vec::new();
    let mut total_bad = 0;
    let mut rows = 0i64;
    // Each good row's values, hashed, with its line: a row the same as an
    // earlier one of the file is told of (see `Repeats`).
    let mut seen: HashMap<u64, u64> = HashMap::new();
    let mut repeats = Repeats::default();
    while let Some(next) = input.next(&mut rec, file)? {
        rows += 1;
        tick(bar, &rec, rows as u64);
        let line = next.line;
        let row = Row { rec: &rec, layout };
        let unread = next.bad.into_iter().next();
        let checked = match (unread, row.unfit()) {
            (Some((pos, msg)), _) => Err(rule(layout.key_at(pos).unwrap_or("-"), msg)),
            (None, Some((column, msg))) => Err(rule(column, msg)),
            (None, None) => check_visit(&row, refs_, today, import),
        }
        .inspect(|v| {
            if let Some(first) = seen.insert(values_hash(v), line) {
                seen.insert(values_hash(v), first);
                repeats.count += 1;
                repeats.first.get_or_insert((line, first));
            }
        });
        match checked {
            Ok(v) if total_bad == 0 => {
                batch.push(v);
                if batch.len() == BATCH {
                    // The receiver only stops early on a database error, reported by it.
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if send.send(full).is_err() {
                        return Ok((rows, bad, total_bad, repeats));
                    }
                }
            }
            Ok(_) => {}
            Err(b) => {
                total_bad += 1;
                if bad.len() < SHOWN_ERRORS {
                    bad.push(b(line));
                }
            }
        }
    }
    if total_bad == 0 && !batch.is_empty() {
        let _ = send.send(batch);
    }
    Ok((rows, bad, total_bad, repeats))
}

type BadAt = Box<dyn FnOnce(u64) -> Bad>;

/// A hash of the values that make two visits the same record.
fn values_hash(v: &NewVisit) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (
        v.cadre.0,
        v.enterprise.0,
        v.on,
        v.kind.as_str(),
        v.people,
        v.tasks.0,
        &v.note,
    )
        .hash(&mut h);
    h.finish()
}

fn rule(column: &'static str, msg: String) -> BadAt {
    Box::new(move |line| Bad::Rule { line, column, msg })
}

fn broken(e: FieldError) -> BadAt {
    rule(e.field, e.msg)
}

fn missing(column: V, value: &str) -> BadAt {
    let value = value.to_string();
    Box::new(move |line| Bad::Missing {
        line,
        column,
        value,
    })
}

/// Checks one visit row by the rules `visit` applies. Cells are borrowed
/// from the record; only a note and an error allocate.
fn check_visit(
    row: &Row<V>,
    refs_: &VisitRefs,
    today: NaiveDate,
    import: ImportId,
) -> Result<NewVisit, BadAt> {
    let cadre_code = row.req_raw(V::Cadre).map_err(broken)?;
    let cadre_code = cadre_code.trim();
    let cadre = refs_
        .cadres
        .find(cadre_code)
        .ok_or_else(|| missing(V::Cadre, cadre_code))?;
    let ent = row.req_raw(V::Enterprise).map_err(broken)?;
    let enterprise = refs_
        .enterprises
        .find(&ent)
        .ok_or_else(|| missing(V::Enterprise, ent.trim()))?;
    let on = date::parse(&row.req_raw(V::VisitedOn).map_err(broken)?)
        .map_err(|e| rule(V::VisitedOn.key(), e.to_string()))?;
    let kind = row.raw(V::Kind);
    let kind = match kind.trim() {
        "" => VisitKind::Onsite,
        k => VisitKind::parse(k).map_err(|m| rule(V::Kind.key(), m))?,
    };
    let people = row.raw(V::People);
    let people = match people.trim() {
        "" => 1,
        p => rules::people(V::People.key(), p).map_err(broken)?,
    };
    let tasks = Tasks::from_items(csvio::list_items(&row.raw(V::Tasks)))
        .map_err(|m| rule(V::Tasks.key(), m))?;
    let unpaired = row.bool(V::Unpaired).map_err(broken)?;
    rules::visit_date(
        V::VisitedOn.key(),
        on,
        today,
        refs_.first_start.get(&(cadre, enterprise)).copied(),
        unpaired,
        "set its unpaired column to yes",
    )
    .map_err(broken)?;
    let voided = void_of(row, on, today).map_err(broken)?;
    Ok(NewVisit {
        cadre,
        enterprise,
        on,
        kind,
        people,
        tasks,
        note: row.raw(V::Note).into_owned(),
        unpaired,
        import: Some(import),
        voided,
    })
}

/// A void the row carries: its day (not before the visit, not in the
/// future) and its reason, both or neither.
fn void_of(
    row: &Row<V>,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<Option<(NaiveDate, String)>, FieldError> {
    let (day, reason) = (row.raw(V::VoidedOn), row.raw(V::VoidReason));
    let day = match (day.trim(), reason.trim()) {
        ("", "") => return Ok(None),
        ("", _) => {
            return Err(FieldError {
                field: V::VoidedOn.key(),
                msg: "\"\" is empty; a visit with a void reason needs the day it was voided".into(),
            })
        }
        (d, _) => date::parse(d).map_err(|e| FieldError {
            field: V::VoidedOn.key(),
            msg: e.to_string(),
        })?,
    };
    rules::not_in_future(V::VoidedOn.key(), "void date", day, today)?;
    rules::void_date(V::VoidedOn.key(), "visit", on, day)?;
    let reason = rules::void_reason(V::VoidReason.key(), &reason)?;
    Ok(Some((day, reason.to_string())))
}
