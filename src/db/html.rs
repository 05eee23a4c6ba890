//! The figures only `report html` needs besides the other reports': what
//! happened in each month (tickets collected, closed and reopened, and the open
//! backlog at the month's end), counted in the pass over the histories that
//! also counts the assessment; visits per month; and the open tickets by how
//! far past their due date they are, in one grouped query.

use super::report::reconcile::Row;
use super::report::visits::Period;
use super::report::{assessment, Scope, TicketSource};
use super::sql::Val;
use super::{status_list, Db};
use crate::domain::assessment::Assessment;
pub(crate) use crate::domain::reconcile::MonthFlow;
use crate::domain::reconcile::{Counts, Flows, Lateness};
use crate::domain::status::Status;
use anyhow::Result;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Runs `f` inside one read transaction, so that every figure it reads comes
/// from the same state of the database even while others write.
pub(crate) fn one_snapshot<T>(db: &Db, f: impl FnOnce() -> Result<T>) -> Result<T> {
    db.snapshot(f)
}

/// The last event of the ticket ledger: every change of a ticket appends
/// an event, and on SQLite events get their ids in the order their writes
/// commit (one writer at a time), so two read transactions that see the
/// same last event see the same tickets and events.
fn last_event(db: &Db) -> Result<Option<i64>> {
    Ok(db
        .sql()
        .query_row("SELECT max(id) FROM ticket_events", [], |r| r.get(0))?)
}

fn end(db: &Db) -> Result<()> {
    Ok(db.sql().execute_batch("COMMIT")?)
}

fn end_all(open: &[&Db]) -> Result<()> {
    let ended: Vec<Result<()>> = open.iter().map(|d| end(d)).collect();
    ended.into_iter().collect()
}

/// Begins a read transaction on `db` and on each of `others`, all seeing
/// the same tickets and events; false (and none left open) when writers
/// kept them apart. PostgreSQL shares the first one's snapshot with the
/// others (`pg_export_snapshot`). On SQLite they begin one after the other
/// and compare their last event, and begin again when a write came in
/// between, three times at most.
fn begin_alike(db: &Db, others: &[Db]) -> Result<bool> {
    if db.sql().is_pg() {
        db.sql()
            .execute_batch("BEGIN ISOLATION LEVEL REPEATABLE READ")?;
        let snapshot: Result<String> = db
            .sql()
            .query_row("SELECT pg_export_snapshot()", [], |r| r.get(0))
            .map_err(Into::into);
        let mut open = vec![db];
        let shared = snapshot.and_then(|id| {
            let mut quoted = String::new();
            super::pg::literal(&Val::from(id), &mut quoted)?;
            for d in others {
                d.sql()
                    .execute_batch("BEGIN ISOLATION LEVEL REPEATABLE READ")?;
                open.push(d);
                d.sql()
                    .execute_batch(&format!("SET TRANSACTION SNAPSHOT {quoted}"))?;
            }
            Ok(())
        });
        if let Err(e) = shared {
            end_all(&open)?;
            return Err(e);
        }
        return Ok(true);
    }
    for _ in 0..3 {
        let mut open: Vec<&Db> = Vec::new();
        let mut seen = Vec::new();
        for d in std::iter::once(db).chain(others.iter()) {
            // The first read of each fixes the state it sees.
            let begun = d.sql().execute_batch("BEGIN DEFERRED");
            if let Err(e) = begun {
                end_all(&open)?;
                return Err(e.into());
            }
            open.push(d);
            match last_event(d) {
                Ok(last) => seen.push(last),
                Err(e) => {
                    end_all(&open)?;
                    return Err(e);
                }
            }
        }
        if seen.windows(2).all(|w| w[0] == w[1]) {
            return Ok(true);
        }
        end_all(&open)?;
    }
    Ok(false)
}

/// Runs `main` (reading through `db`) and, at the same time on threads of
/// their own, `side` on each of `others` (with its place among them), each
/// in a read transaction, all seeing the same tickets and events (see
/// `begin_alike`). When writers keep them apart, everything runs on `db`,
/// one after the other, in one transaction.
pub(crate) fn side_by_side<A, B: Send>(
    db: &Db,
    others: Vec<Db>,
    main: impl FnOnce() -> Result<A>,
    side: impl Fn(&Db, usize) -> Result<B> + Sync,
) -> Result<(A, Vec<B>)> {
    let alike = begin_alike(db, &others)?;
    if !alike {
        return one_snapshot(db, || {
            let a = main()?;
            let b = (0..others.len())
                .map(|i| side(db, i))
                .collect::<Result<Vec<B>>>()?;
            Ok((a, b))
        });
    }
    let side = &side;
    let (a, b) = std::thread::scope(|s| {
        let handles: Vec<_> = others
            .into_iter()
            .enumerate()
            .map(|(i, other)| {
                s.spawn(move || {
                    let out = side(&other, i);
                    let ended = end(&other);
                    let out = out?;
                    ended?;
                    Ok(out)
                })
            })
            .collect();
        let a = main();
        let b = handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(anyhow::anyhow!(crate::tr!(
                        "reading the tickets failed",
                        "读取问题失败"
                    )))
                })
            })
            .collect::<Result<Vec<B>>>();
        (a, b)
    });
    let ended = end(db);
    let (a, b) = (a?, b?);
    ended?;
    Ok((a, b))
}

/// Another connection to the same database, read-only, so that a second
/// thread can read other records while `db` reads the tickets. It waits for
/// locks and maps the file as `db` does.
pub(crate) fn second_reader(db: &Db) -> Result<Db> {
    if let Some(other) = db.reconnect()? {
        return Ok(other);
    }
    let conn = db.sqlite()?;
    let path = conn.path().filter(|p| !p.is_empty()).ok_or_else(|| {
        anyhow::anyhow!(crate::tr!("the database is not a file", "数据库不是文件"))
    })?;
    let other = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    for pragma in ["busy_timeout", "mmap_size"] {
        let value: i64 = conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))?;
        other.pragma_update(None, pragma, value)?;
    }
    Ok(Db::from_sqlite(other, db.shown()))
}

/// The tickets' histories read in one pass: the month flows, the
/// departments' assessment before its groups are labelled, and the
/// reconciliation's terms per enterprise and per department in force.
pub(crate) struct Histories {
    flows: Flows,
    rates: Assessment,
    enterprises: FxHashMap<i64, Counts>,
    departments: FxHashMap<Option<i64>, Counts>,
}

/// The departments' assessment rows and the total row.
pub(crate) type Rates = (Vec<assessment::Row>, assessment::Row);

/// The month flows of the tickets, the departments' assessment rates and
/// the reconciliation's terms, counted in one pass over the histories of
/// the `part`th of `parts` shares of the tickets by id (see
/// `report::assessment`): the flows from every ticket collected by the
/// report's day within --from/--to, voided ones included, for they were in
/// the backlog of their months; the rates and terms leave those voided by
/// the day out, as `report reconcile` does. Each ticket is counted in the
/// terms its history puts it in at the end of the day, under its enterprise
/// and its department in force then.
pub(crate) fn histories(db: &Db, scope: &Scope, part: usize, parts: usize) -> Result<Histories> {
    let by = assessment::By::Department;
    let part = assessment::Part {
        index: part as i64,
        of: parts as i64,
    };
    let sel = assessment::select(db, scope, by, part)?;
    let mut rates = assessment::fold(db, scope, by)?;
    let mut flows = Flows::default();
    // Looked up once per ticket: hashed with rustc-hash, as the assessment's sums.
    let mut enterprises: FxHashMap<i64, Counts> = FxHashMap::default();
    let mut departments: FxHashMap<Option<i64>, Counts> = FxHashMap::default();
    assessment::each_history(db, scope, &sel, |t, events| {
        flows.add(t.collected_on, events);
        if let Some(standing) = assessment::add(&mut rates, t, events) {
            let day = scope.day;
            enterprises
                .entry(t.enterprise)
                .or_default()
                .count(&standing, day);
            departments
                .entry(standing.department)
                .or_default()
                .count(&standing, day);
        }
    })?;
    Ok(Histories {
        flows,
        rates,
        enterprises,
        departments,
    })
}

/// The units' codes and names, read with the other figures so that a
/// department is named as they name it; and each enterprise's town.
pub(crate) struct Labels {
    units: assessment::Units,
    towns: HashMap<i64, i64>,
}

pub(crate) fn labels(db: &Db) -> Result<Labels> {
    let mut towns = HashMap::new();
    db.sql()
        .each_row("SELECT id, town_id FROM enterprises", [], |r| {
            towns.insert(r.get(0)?, r.get(1)?);
            Ok(())
        })?;
    Ok(Labels {
        units: assessment::units(db)?,
        towns,
    })
}

/// What the pass over the histories gives the page.
pub(crate) struct Counted {
    pub(crate) months: Vec<MonthFlow>,
    pub(crate) rates: Rates,
    /// The reconciliation per town and per department in force (None: the
    /// tickets without one, last), each in the order of the units' codes,
    /// as `report reconcile --by town` and `--by department` give them.
    pub(crate) towns: Vec<Row>,
    pub(crate) departments: Vec<Row>,
    /// The whole scope's reconciliation.
    pub(crate) total: Counts,
}

impl Histories {
    /// Adds the histories of another share of the tickets.
    pub(crate) fn merge(&mut self, other: Histories) {
        self.flows.merge(other.flows);
        self.rates.merge(other.rates);
        for (k, c) in other.enterprises {
            self.enterprises.entry(k).or_default().add(&c);
        }
        for (k, c) in other.departments {
            self.departments.entry(k).or_default().add(&c);
        }
    }

    /// The month flows, the departments' rates and the reconciliation's
    /// groups, labelled.
    pub(crate) fn figures(self, labels: &Labels) -> Counted {
        let by = assessment::By::Department;
        let mut towns: FxHashMap<Option<i64>, Counts> = FxHashMap::default();
        let mut total = Counts::default();
        for (enterprise, c) in &self.enterprises {
            let town = labels.towns.get(enterprise).copied();
            towns.entry(town).or_default().add(c);
            total.add(c);
        }
        Counted {
            months: self.flows.finish(),
            rates: assessment::rows(&labels.units, by, &[], self.rates),
            towns: labelled(&labels.units, towns),
            departments: labelled(&labels.units, self.departments),
            total,
        }
    }
}

/// Rows per unit keyed by the unit's code and named, in the order of the units'
/// codes, the group without one last.
fn labelled(units: &assessment::Units, groups: FxHashMap<Option<i64>, Counts>) -> Vec<Row> {
    let mut rows: Vec<(Option<&str>, Row)> = groups
        .into_iter()
        .map(|(k, counts)| {
            let unit = k.and_then(|k| units.get(&k));
            (
                unit.map(|u| u.0.as_str()),
                Row {
                    group: unit.map(|u| u.0.clone()),
                    name: unit.map(|u| u.1.clone()),
                    counts,
                },
            )
        })
        .collect();
    rows.sort_by(|a, b| (a.0.is_none(), a.0).cmp(&(b.0.is_none(), b.0)));
    rows.into_iter().map(|r| r.1).collect()
}

/// Visit records and person-visits (人次) in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MonthVisits {
    /// `2022-03`.
    pub(crate) month: String,
    pub(crate) visits: i64,
    pub(crate) people: i64,
}

/// Visits per month, on or before the report's day and within --from/--to,
/// leaving out those voided by the day, as `report visits` does.
/// `report visits --period month` gives the same two figures with the work
/// items besides, whose five sums double the cost of the grouping; at city
/// scale (millions of visits) the page needs only these two.
///
/// PostgreSQL groups the rows by hashing. SQLite groups by sorting every
/// row when no index is in the grouping's order (1.3 s of CPU for the
/// city's 4.4M visits, against 0.4 s to read them), so there the few months
/// are summed here as the table is read.
pub(crate) fn visits_by_month(db: &Db, scope: &Scope) -> Result<Vec<MonthVisits>> {
    let filter = format!(
        "v.visited_on <= ?1 AND {counts}
         AND (?2 IS NULL OR v.visited_on >= ?2) AND (?3 IS NULL OR v.visited_on <= ?3)",
        counts = crate::db::visits::counts_on("?1")
    );
    let params =
        crate::db::sql::params![scope.day_iso(), scope.first_day_iso(), scope.last_day_iso()];
    let sql = db.sql();
    if sql.is_pg() {
        let (month, label) = Period::Month.key(true, "v.visited_on");
        let mut stmt = sql.prepare(&format!(
            "SELECT {label}, count(*), coalesce(sum(v.people), 0)
             FROM visits v WHERE {filter} GROUP BY {month} ORDER BY {month}"
        ))?;
        let rows = stmt.query_map(params, |r| {
            Ok(MonthVisits {
                month: r.get(0)?,
                visits: r.get(1)?,
                people: r.get(2)?,
            })
        })?;
        return Ok(rows.collect::<crate::db::sql::Result<Vec<_>>>()?);
    }
    let mut months = std::collections::BTreeMap::<String, (i64, i64)>::new();
    sql.each_row(
        &format!("SELECT v.visited_on, v.people FROM visits v WHERE {filter}"),
        params,
        |r| {
            let people = r.int(1)?.unwrap_or(0);
            r.with_text(0, |day| {
                let month = day.and_then(|d| d.get(..7)).unwrap_or_default();
                let sums = match months.get_mut(month) {
                    Some(sums) => sums,
                    None => months.entry(month.to_string()).or_default(),
                };
                sums.0 += 1;
                sums.1 += people;
            })?;
            Ok(())
        },
    )?;
    Ok(months
        .into_iter()
        .map(|(month, (visits, people))| MonthVisits {
            month,
            visits,
            people,
        })
        .collect())
}

/// The open tickets in one place against their due dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OpenByLateness {
    pub(crate) place: Lateness,
    /// Open tickets (collected or in progress) in this place.
    pub(crate) open: i64,
    /// Of which still awaiting acceptance.
    pub(crate) awaiting: i64,
}

/// The tickets open on the report's day, one entry per place of
/// `Lateness::ALL` (zero counts included). SQL counts them per number of
/// days late; the bands are the domain's.
pub(crate) fn open_by_lateness(db: &Db, scope: &Scope) -> Result<Vec<OpenByLateness>> {
    let open = status_list(&Status::OPEN);
    let (from, filter, st, due) = if scope.as_of {
        let src = TicketSource::new(scope);
        (src.from, src.filter.to_string(), src.status, src.due)
    } else {
        // The open tickets are a small part of all, and the partial index
        // `tickets_open_due` holds just them; `+` keeps SQLite from choosing
        // the index of collection dates, which would visit every ticket.
        // PostgreSQL has no unary + on a day, and its planner needs no hint.
        let plus = if db.sql().is_pg() { "" } else { "+" };
        (
            "tickets t",
            format!(
                "{plus}t.collected_on <= ?1 AND (?2 IS NULL OR {plus}t.collected_on >= ?2)
                 AND (?3 IS NULL OR {plus}t.collected_on <= ?3)"
            ),
            "t.status",
            "t.due_on",
        )
    };
    let sql = format!(
        "SELECT CAST(julianday(?1) - julianday({due}) AS INTEGER) AS late, count(*),
                count(*) FILTER (WHERE {st} IN ({awaiting}))
         FROM {from}
         WHERE {st} IN ({open}) AND {filter}
         GROUP BY late",
        awaiting = status_list(&[Status::Collected]),
    );
    let mut out: Vec<OpenByLateness> = Lateness::ALL
        .iter()
        .map(|&place| OpenByLateness {
            place,
            open: 0,
            awaiting: 0,
        })
        .collect();
    let mut stmt = db.sql().prepare(&sql)?;
    let rows = stmt.query_map(
        crate::db::sql::params![scope.day_iso(), scope.first_day_iso(), scope.last_day_iso()],
        |r| {
            Ok((
                r.get::<_, Option<i64>>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        },
    )?;
    for row in rows {
        let (late, open, awaiting) = row?;
        let slot = &mut out[Lateness::of_days_late(late).index()];
        slot.open += open;
        slot.awaiting += awaiting;
    }
    Ok(out)
}
