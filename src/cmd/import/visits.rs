//! Visits, the kind that comes by the million: one thread reads, checks
//! and resolves rows against references loaded once into memory, while
//! this one writes them through `db::visits::Bulk`.

use super::input::Input;
use super::report::{tick, Report, SHOWN_ERRORS};
use super::row::{AllSome, Row};
use super::{Counts, Load, Repeats};
use crate::cmd::data::{Fields, Layout, VisitField as V};
use crate::csvio;
use crate::db::visits::{Bulk, NewVisit};
use crate::db::{pairings, refs, CadreId, Db, EnterpriseId, ImportId};
use crate::domain::kinds::{Tasks, VisitKind};
use crate::domain::{date, rules};
use crate::error::{input_in, is_input, FieldError};
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

/// A problem of a visit row. References that do not resolve are described
/// later by the same lookups the single-record commands use, on the
/// database thread.
enum Problem {
    Rule { column: &'static str, msg: String },
    Missing { column: V, value: String },
}

/// A bad visit row: where it is, and every problem it has.
struct Bad {
    line: u64,
    problems: Vec<Problem>,
}

/// The bad rows of a visits file: those kept to be shown, and how many
/// rows and problems there were in all.
#[derive(Default)]
struct Bads {
    kept: Vec<Bad>,
    /// Problems of the kept rows.
    kept_problems: usize,
    rows: usize,
    problems: usize,
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
        let keep = inserted.is_ok() && matches!(&parsed, Ok((_, bad, _)) if bad.rows == 0);
        if keep {
            bar.set_message(crate::tr!("indexing visits", "正在为走访记录建索引"));
        }
        bulk.finish(keep, |name| phases.done(&format!("{name} built")))?;
        let present = inserted?;
        let (rows, bad, repeats) = parsed?;
        let kept_rows = bad.kept.len();
        for Bad { line, problems } in bad.kept {
            let mut told = Vec::with_capacity(problems.len());
            for p in problems {
                told.push(match p {
                    Problem::Rule { column, msg } => (column, msg),
                    Problem::Missing { column, value } => {
                        let found = match column {
                            V::Cadre => refs::cadre(self.tx, &value).map(drop),
                            _ => refs::enterprise(self.tx, &value).map(drop),
                        };
                        match found {
                            Err(e) if is_input(&e) => (column.key(), crate::error::chain(&e)),
                            Err(e) => return Err(e),
                            Ok(()) => (
                                column.key(),
                                crate::tr!("{value:?} is not known", "{value:?}不存在"),
                            ),
                        }
                    }
                });
            }
            report.bad_row(line, told);
        }
        report.rows += bad.rows - kept_rows;
        report.total += bad.problems - bad.kept_problems;
        Ok(Counts {
            rows,
            updated: 0,
            present,
            repeats,
        })
    }
}

type Parsed = (i64, Bads, Repeats);

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
    let mut bad = Bads::default();
    let mut rows = 0i64;
    // Each good row's values, hashed, with its line: a row the same as an
    // earlier one of the file is told of (see `Repeats`).
    let mut seen: HashMap<u64, u64> = HashMap::new();
    let mut repeats = Repeats::default();
    while let Some(next) = input.next(&mut rec, file)? {
        rows += 1;
        tick(bar, &rec, rows as u64);
        let line = next.line;
        let row = Row::new(&rec, layout);
        for (pos, msg) in next.bad {
            row.keep(layout.key_at(pos).unwrap_or("-"), msg);
        }
        row.keep_unfit();
        let checked = check_visit(&row, refs_, today, import).inspect(|v| {
            if let Some(first) = seen.insert(values_hash(v), line) {
                seen.insert(values_hash(v), first);
                repeats.count += 1;
                repeats.first.get_or_insert((line, first));
            }
        });
        match checked {
            Ok(v) if bad.rows == 0 => {
                batch.push(v);
                if batch.len() == BATCH {
                    // The receiver only stops early on a database error, reported by it.
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if send.send(full).is_err() {
                        return Ok((rows, bad, repeats));
                    }
                }
            }
            Ok(_) => {}
            Err(problems) => {
                bad.rows += 1;
                bad.problems += problems.len();
                if bad.kept_problems < SHOWN_ERRORS {
                    bad.kept_problems += problems.len();
                    bad.kept.push(Bad { line, problems });
                }
            }
        }
    }
    if bad.rows == 0 && !batch.is_empty() {
        let _ = send.send(batch);
    }
    Ok((rows, bad, repeats))
}

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

/// Checks one visit row by the rules `visit` applies, finding every
/// problem it has. Cells are borrowed from the record; only a note and an
/// error allocate.
fn check_visit(
    row: &Row<V>,
    refs_: &VisitRefs,
    today: NaiveDate,
    import: ImportId,
) -> Result<NewVisit, Vec<Problem>> {
    let mut missing = Vec::new();
    let mut unknown = |column: V, value: &str| {
        if !row.has_problem(column.key()) {
            missing.push(Problem::Missing {
                column,
                value: value.to_string(),
            });
        }
    };
    let cadre = row
        .check(row.req_raw(V::Cadre).map_err(Into::into))
        .and_then(|c| {
            let found = refs_.cadres.find(c.trim());
            if found.is_none() {
                unknown(V::Cadre, c.trim());
            }
            found
        });
    let enterprise = row
        .check(row.req_raw(V::Enterprise).map_err(Into::into))
        .and_then(|e| {
            let found = refs_.enterprises.find(&e);
            if found.is_none() {
                unknown(V::Enterprise, e.trim());
            }
            found
        });
    let on =
        row.check(row.req_raw(V::VisitedOn).map_err(Into::into).and_then(|d| {
            date::parse(&d).map_err(|e| input_in(V::VisitedOn.key(), e.to_string()))
        }));
    let kind = row.raw(V::Kind);
    let kind = row.check(match kind.trim() {
        "" => Ok(VisitKind::Onsite),
        k => VisitKind::parse(k).map_err(|m| input_in(V::Kind.key(), m)),
    });
    let people = row.raw(V::People);
    let people = row.check(match people.trim() {
        "" => Ok(1),
        p => rules::people(V::People.key(), p).map_err(Into::into),
    });
    let tasks = row.check(
        Tasks::from_items(csvio::list_items(&row.raw(V::Tasks)))
            .map_err(|m| input_in(V::Tasks.key(), m)),
    );
    let unpaired = row.check(row.bool(V::Unpaired).map_err(Into::into));
    if let (Some(c), Some(e), Some(on), Some(unpaired)) = (cadre, enterprise, on, unpaired) {
        row.check(
            rules::visit_date(
                V::VisitedOn.key(),
                on,
                today,
                refs_.first_start.get(&(c, e)).copied(),
                unpaired,
                &crate::tr!(
                    "set its unpaired column to yes",
                    "把它的“未结对走访”列填为“是”"
                ),
            )
            .map(drop)
            .map_err(Into::into),
        );
    }
    let voided = on.and_then(|on| row.check(void_of(row, on, today).map_err(Into::into)));
    missing.extend(row.take_problems().into_iter().map(|f| Problem::Rule {
        column: f.field,
        msg: f.msg,
    }));
    if !missing.is_empty() {
        return Err(missing);
    }
    let Some((cadre, enterprise, on, kind, people, tasks, unpaired, voided)) =
        (cadre, enterprise, on, kind, people, tasks, unpaired, voided).all()
    else {
        return Err(vec![Problem::Rule {
            column: "-",
            msg: crate::tr!(
                "a check of the row failed without saying why",
                "对这一行的某项检查未通过，但没有说明原因"
            ),
        }]);
    };
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
                msg: crate::tr!(
                    "\"\" is empty; a visit with a void reason needs the day it was voided",
                    "此处为空；有作废原因的走访须写明作废日期"
                ),
            })
        }
        (d, _) => date::parse(d).map_err(|e| FieldError {
            field: V::VoidedOn.key(),
            msg: e.to_string(),
        })?,
    };
    rules::not_in_future(
        V::VoidedOn.key(),
        &crate::tr!("void date", "作废日期"),
        day,
        today,
    )?;
    rules::void_date(V::VoidedOn.key(), &crate::tr!("visit", "走访记录"), on, day)?;
    let reason = rules::void_reason(V::VoidReason.key(), &reason)?;
    Ok(Some((day, reason.to_string())))
}
