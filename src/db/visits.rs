//! Visits (走访): one record per contact of a cadre with an enterprise.
//!
//! `add` writes one visit, as `visit` does. A visits file can hold millions
//! of rows, so `Bulk` writes them another way, beside `add`: many rows per
//! statement, foreign keys and CHECKs left to the importer's stricter checks,
//! and the indexes rebuilt once at the end instead of updated row by row.

use super::{all, each, eq_if, CadreId, Db, EnterpriseId, ImportId, Tx, VisitId, Who};
use crate::db::sql::{params, OptionalExtension, Val};
use crate::domain::kinds::{Tasks, Tier, VisitKind};
use crate::domain::{date, rules};
use crate::error::input;
use anyhow::Result;
use chrono::NaiveDate;
use std::collections::HashSet;

/// A visit as it is added.
pub(crate) struct NewVisit {
    pub(crate) cadre: CadreId,
    pub(crate) enterprise: EnterpriseId,
    pub(crate) on: NaiveDate,
    pub(crate) kind: VisitKind,
    pub(crate) people: i64,
    pub(crate) tasks: Tasks,
    pub(crate) note: String,
    pub(crate) unpaired: bool,
    /// The bulk import the visit comes from; None when entered by hand.
    pub(crate) import: Option<ImportId>,
    /// Already voided (a file carrying a void): the day and the reason.
    pub(crate) voided: Option<(NaiveDate, String)>,
}

/// The columns every insert names, in the order `bind` binds them.
macro_rules! columns {
    () => {
        "cadre_id, enterprise_id, visited_on, kind, people, tasks, note, unpaired, import_id, voided_on, void_reason"
    };
}
const COLUMNS: &str = columns!();
const INSERT: &str = concat!("INSERT INTO visits (", columns!(), ") VALUES");
const PLACES: &str = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
const PER_ROW: usize = 11;

/// A visit's values in the order of `INSERT`'s columns.
fn values(v: &NewVisit) -> [Val<'_>; PER_ROW] {
    let text = |s: String| Val::Text(s.into());
    [
        Val::Int(v.cadre.0),
        Val::Int(v.enterprise.0),
        text(date::iso(v.on)),
        Val::Text(v.kind.as_str().into()),
        Val::Int(v.people),
        Val::Int(v.tasks.0),
        Val::Text(v.note.as_str().into()),
        Val::Int(v.unpaired.into()),
        v.import.map_or(Val::Null, |i| Val::Int(i.0)),
        v.voided
            .as_ref()
            .map_or(Val::Null, |(on, _)| text(date::iso(*on))),
        v.voided
            .as_ref()
            .map_or(Val::Null, |(_, why)| Val::Text(why.as_str().into())),
    ]
}

/// Binds visits to a SQLite statement of `INSERT` with one `PLACES` per visit.
fn bind(stmt: &mut rusqlite::Statement, rows: &[NewVisit]) -> rusqlite::Result<()> {
    for (i, v) in rows.iter().enumerate() {
        for (k, val) in values(v).iter().enumerate() {
            stmt.raw_bind_parameter(i * PER_ROW + k + 1, val)?;
        }
    }
    Ok(())
}

/// Adds one visit.
pub(crate) fn add(tx: &Tx, v: &NewVisit) -> Result<()> {
    tx.sql()
        .prepare_cached(&format!("{INSERT} {PLACES}"))?
        .execute(values(v))?;
    Ok(())
}

/// The condition that a visit `v` counts as of the day in parameter
/// `day` (`?1`): voided later, or never. A voided visit leaves every count
/// from its void date on; reports as of an earlier day still count it.
pub(crate) fn counts_on(day: &str) -> String {
    format!("(v.voided_on IS NULL OR v.voided_on > {day})")
}

/// Voids a visit recorded by mistake, on `on` (not before the visit), with
/// a reason; a visit is voided once.
pub(crate) fn void(tx: &Tx, id: VisitId, on: NaiveDate, reason: &str) -> Result<()> {
    let reason = rules::void_reason("reason", reason)?;
    let found: Option<(String, Option<String>)> = tx
        .sql()
        .query_row(
            "SELECT visited_on, voided_on FROM visits WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((visited, voided)) = found else {
        let id = id.0;
        return Err(input(crate::tr!(
            "no visit with id {id}; see the id column of `qianqi visit list`",
            "没有编号为{id}的走访记录；请查看 `qianqi visit list` 的编号列"
        )));
    };
    if let Some(v) = voided {
        let id = id.0;
        return Err(input(crate::tr!(
            "visit {id} was already voided on {v}",
            "走访记录{id}已于{v}作废"
        )));
    }
    let what = crate::tr!("visit", "走访记录");
    rules::void_date("on", &what, date::parse(&visited)?, on)?;
    tx.sql().execute(
        "UPDATE visits SET voided_on = ?2, void_reason = ?3 WHERE id = ?1",
        params![id, date::iso(on), reason],
    )?;
    Ok(())
}

/// Which visits `visit list` shows; everything not given is not filtered on.
#[derive(Debug, Default)]
pub(crate) struct Filter {
    pub(crate) who: Who,
    /// Only visits by cadres with an open pairing of this tier with the enterprise.
    pub(crate) tier: Option<Tier>,
    pub(crate) kind: Option<VisitKind>,
    pub(crate) from: Option<NaiveDate>,
    pub(crate) to: Option<NaiveDate>,
    /// The voided visits instead of the ones that count.
    pub(crate) voided: bool,
}

/// A visit as lists show it.
pub(crate) struct Visit {
    pub(crate) id: VisitId,
    pub(crate) visited_on: String,
    pub(crate) cadre: String,
    pub(crate) cadre_name: String,
    pub(crate) uscc: String,
    pub(crate) enterprise_name: String,
    pub(crate) kind: String,
    pub(crate) people: i64,
    pub(crate) tasks: Tasks,
    pub(crate) note: String,
    pub(crate) voided_on: Option<String>,
    pub(crate) void_reason: Option<String>,
}

const SELECT: &str =
    "SELECT v.visited_on, c.code, c.name, e.uscc, e.name, v.kind, v.people, v.tasks, v.note,
            v.id, v.voided_on, v.void_reason
     FROM visits v JOIN cadres c ON c.id = v.cadre_id JOIN enterprises e ON e.id = v.enterprise_id";

fn visit(r: &crate::db::sql::Row) -> crate::db::sql::Result<Visit> {
    Ok(Visit {
        visited_on: r.get(0)?,
        cadre: r.get(1)?,
        cadre_name: r.get(2)?,
        uscc: r.get(3)?,
        enterprise_name: r.get(4)?,
        kind: r.get(5)?,
        people: r.get(6)?,
        tasks: Tasks(r.get(7)?),
        note: r.get(8)?,
        id: r.get(9)?,
        voided_on: r.get(10)?,
        void_reason: r.get(11)?,
    })
}

/// The visits chosen (those that count, or the voided ones), by day.
pub(crate) fn list(db: &Db, f: &Filter) -> Result<Vec<Visit>> {
    let sql = format!(
        "{SELECT} WHERE {} AND {}
           AND (?3 IS NULL OR c.unit_id = ?3) AND (?4 IS NULL OR e.town_id = ?4)
           AND (?5 IS NULL OR v.kind = ?5)
           AND (?6 IS NULL OR v.visited_on >= ?6) AND (?7 IS NULL OR v.visited_on <= ?7)
           AND (?8 IS NULL OR EXISTS (SELECT 1 FROM pairings p WHERE p.cadre_id = v.cadre_id
                 AND p.enterprise_id = v.enterprise_id AND p.ended_on IS NULL AND p.tier = ?8))
           AND (v.voided_on IS NOT NULL) = (?9 = 1)
         ORDER BY v.visited_on, v.id",
        eq_if(f.who.cadre.is_some(), "v.cadre_id", 1),
        eq_if(f.who.enterprise.is_some(), "v.enterprise_id", 2)
    );
    let params = params![
        f.who.cadre,
        f.who.enterprise,
        f.who.unit,
        f.who.town,
        f.kind.map(VisitKind::as_str),
        f.from.map(date::iso),
        f.to.map(date::iso),
        f.tier.map(Tier::as_str),
        f.voided,
    ];
    all(db, &sql, params, visit)
}

/// Every visit of a cadre or to an enterprise that counts, by day, for their files.
pub(crate) fn of(
    db: &Db,
    cadre: Option<CadreId>,
    enterprise: Option<EnterpriseId>,
) -> Result<Vec<Visit>> {
    list(
        db,
        &Filter {
            who: Who {
                cadre,
                enterprise,
                ..Who::default()
            },
            ..Filter::default()
        },
    )
}

/// A visit as `export` writes it.
pub(crate) struct Exported {
    pub(crate) cadre: String,
    pub(crate) uscc: String,
    pub(crate) visited_on: String,
    pub(crate) kind: String,
    pub(crate) people: i64,
    pub(crate) tasks: Tasks,
    pub(crate) note: String,
    pub(crate) unpaired: bool,
    pub(crate) voided_on: Option<String>,
    pub(crate) void_reason: Option<String>,
}

/// Every visit, oldest first, one at a time: there may be millions.
pub(crate) fn export(db: &Db, rows: impl FnMut(Exported) -> Result<()>) -> Result<()> {
    let visit = |r: &crate::db::sql::Row| {
        Ok(Exported {
            cadre: r.get(0)?,
            uscc: r.get(1)?,
            visited_on: r.get(2)?,
            kind: r.get(3)?,
            people: r.get(4)?,
            tasks: Tasks(r.get(5)?),
            note: r.get(6)?,
            unpaired: r.get(7)?,
            voided_on: r.get(8)?,
            void_reason: r.get(9)?,
        })
    };
    each(
        db,
        "SELECT c.code, e.uscc, v.visited_on, v.kind, v.people, v.tasks, v.note, v.unpaired,
                v.voided_on, v.void_reason
         FROM visits v JOIN cadres c ON c.id = v.cadre_id JOIN enterprises e ON e.id = v.enterprise_id
         ORDER BY v.id",
        visit,
        rows,
    )
}

/// Lets a bulk load skip SQLite's foreign-key lookups. Must come before
/// the write transaction starts (the pragma does nothing inside one); the
/// loader resolves every reference itself, from maps read under the write
/// lock the transaction then holds.
/// PostgreSQL has no such switch: a large load drops the table's foreign
/// keys instead, and adds them back after it (see `Bulk::start`).
pub(crate) fn skip_reference_checks(db: &Db) -> Result<()> {
    if let Some(c) = db.sql().sqlite() {
        c.execute_batch("PRAGMA foreign_keys = OFF")?;
    }
    Ok(())
}

/// A load of many visits into one transaction: `start`, `insert` the
/// batches, then `finish`.
pub(crate) struct Bulk<'t, 'd> {
    tx: &'t Tx<'d>,
    cache: i64,
    /// The last visit recorded before the load (0 when there was none):
    /// a row of the load is already present when one of these has its values.
    before: i64,
    /// The indexes dropped for the load, by name, with the SQL that rebuilds
    /// them; on PostgreSQL the foreign keys too.
    dropped: Vec<(String, String)>,
}

/// Which indexes of `visits` a load of `expected` rows drops, on a table of
/// `existing` rows: none unless the load is larger than the table, which is
/// then faster loaded without them and indexed once at the end by sorting.
/// An index led by import_id stays: every row of this load has the same
/// import_id and a growing id, so its entries are appended in order, which
/// is cheaper than any rebuild. The index led by cadre_id stays when the
/// table has visits: it finds the rows already present (see
/// `already_present`). The one condition for both engines, on an index's
/// first column `first`.
fn drops_index(expected: i64, existing: i64, first: &str) -> bool {
    expected > existing && first != "import_id" && (existing == 0 || first != "cadre_id")
}

impl<'t, 'd> Bulk<'t, 'd> {
    /// Prepares the connection for a load of about `expected` visits.
    pub(crate) fn start(tx: &'t Tx<'d>, expected: i64) -> Result<Bulk<'t, 'd>> {
        let before: i64 =
            tx.sql()
                .query_row("SELECT coalesce(max(id), 0) FROM visits", [], |r| r.get(0))?;
        // PostgreSQL takes the rows through COPY (see `insert`).
        let Some(sql) = tx.sql().sqlite() else {
            return Ok(Bulk {
                tx,
                cache: 0,
                before,
                dropped: Self::drop_pg(tx, expected)?,
            });
        };
        // A larger page cache while loading keeps the index pages in memory;
        // 64 MiB, not more, because the cache and the index sorter (which
        // spills to disk past the same size) bound the peak memory of a load
        // however long the file. The sorter stays single-threaded: helper
        // threads each hold a sort buffer, and the peak then grows with the file.
        let cache: i64 = sql.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        // Every row has been checked more strictly than the table's CHECKs
        // (dates parsed and rewritten in the stored form, kinds from their
        // enum, counts in range), and date() in a CHECK costs more than the insert.
        sql.execute_batch("PRAGMA cache_size = -65536; PRAGMA ignore_check_constraints = ON")?;
        // The indexes `drops_index` names, as sqlite_master holds them.
        let existing: i64 = sql.query_row("SELECT count(*) FROM visits", [], |r| r.get(0))?;
        let mut dropped = Vec::new();
        if expected > existing {
            let mut stmt = sql.prepare(
                "SELECT name, sql, (SELECT name FROM pragma_index_info(m.name) WHERE seqno = 0)
                 FROM sqlite_master m
                 WHERE type = 'index' AND tbl_name = 'visits' AND sql IS NOT NULL",
            )?;
            let found = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<Vec<(String, String, String)>>>()?;
            for (name, create, first) in found {
                if drops_index(expected, existing, &first) {
                    sql.execute_batch(&format!("DROP INDEX \"{name}\""))?;
                    dropped.push((name, create));
                }
            }
        }
        Ok(Bulk {
            tx,
            cache,
            before,
            dropped,
        })
    }

    /// On PostgreSQL, for a load larger than the table: drops the foreign
    /// keys of `visits` and the indexes `drops_index` names, each with the
    /// statement that puts it back, as the server writes it
    /// (`pg_get_constraintdef`, `pg_get_indexdef`), so the schema stays the
    /// one place they are defined. Each foreign key is a trigger running a
    /// query per row copied; added back after the load, it checks every row
    /// in one join. The table is locked (ACCESS EXCLUSIVE) until the load
    /// commits; a load that fails or is cut off rolls the drops back with it.
    fn drop_pg(tx: &Tx, expected: i64) -> Result<Vec<(String, String)>> {
        let sql = tx.sql();
        let existing: i64 = sql.query_row("SELECT count(*) FROM visits", [], |r| r.get(0))?;
        if expected <= existing {
            return Ok(Vec::new());
        }
        let mut dropped = Vec::new();
        let keys = sql
            .prepare(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                 WHERE conrelid = CAST('visits' AS regclass) AND contype = 'f' ORDER BY conname",
            )?
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<crate::db::sql::Result<Vec<_>>>()?;
        for (name, def) in keys {
            sql.execute_batch(&format!("ALTER TABLE visits DROP CONSTRAINT \"{name}\""))?;
            let add = format!("ALTER TABLE visits ADD CONSTRAINT \"{name}\" {def}");
            dropped.push((name, add));
        }
        // The indexes that are no constraint's (not the primary key), with
        // the name of their first column.
        let indexes = sql
            .prepare(
                "SELECT c.relname, pg_get_indexdef(i.indexrelid), a.attname
                 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                 WHERE i.indrelid = CAST('visits' AS regclass)
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                 ORDER BY c.relname",
            )?
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<crate::db::sql::Result<Vec<_>>>()?;
        for (name, create, first) in indexes {
            if drops_index(expected, existing, &first) {
                sql.execute_batch(&format!("DROP INDEX \"{name}\""))?;
                dropped.push((name, create));
            }
        }
        Ok(dropped)
    }

    /// Which visits of a batch were recorded before the load, with the same
    /// cadre, enterprise, day, kind, people, tasks and note: one query per
    /// batch, through the index on (cadre_id, visited_on). Each recorded
    /// visit stands for one row only (`used` holds those already matched),
    /// so a file with a visit twice where the database has it once adds one.
    fn already_present(&self, batch: &[NewVisit], used: &mut HashSet<i64>) -> Result<Vec<bool>> {
        let mut present = vec![false; batch.len()];
        if self.before == 0 || batch.is_empty() {
            return Ok(present);
        }
        let mut keys = String::with_capacity(batch.len() * 20);
        keys.push('[');
        for (i, v) in batch.iter().enumerate() {
            if i > 0 {
                keys.push(',');
            }
            keys.push_str(&format!("[{},\"{}\"]", v.cadre.0, date::iso(v.on)));
        }
        keys.push(']');
        let keyed = if self.tx.sql().is_pg() {
            "(SELECT ord - 1 AS key, value FROM json_array_elements(CAST(?1 AS json)) WITH ORDINALITY AS e (value, ord)) k
             JOIN visits v ON v.cadre_id = CAST(k.value ->> 0 AS bigint) AND v.visited_on = CAST(k.value ->> 1 AS date)"
        } else {
            "json_each(?1) k
             JOIN visits v ON v.cadre_id = k.value ->> 0 AND v.visited_on = k.value ->> 1"
        };
        let mut stmt = self.tx.sql().prepare_cached(&format!(
            "SELECT k.key, v.id, v.enterprise_id, v.kind, v.people, v.tasks, v.note
             FROM {keyed}
             WHERE v.id <= ?2
             ORDER BY k.key, v.id"
        ))?;
        let mut rows = stmt.query(params![keys, self.before])?;
        while let Some(r) = rows.next()? {
            let i: usize = r.get(0)?;
            let id: i64 = r.get(1)?;
            let v = &batch[i];
            let same = !present[i]
                && v.enterprise.0 == r.get::<_, i64>(2)?
                && v.kind.as_str() == r.get_ref(3)?.as_str()?
                && v.people == r.get::<_, i64>(4)?
                && v.tasks.0 == r.get::<_, i64>(5)?
                && v.note == r.get_ref(6)?.as_str()?;
            if same && used.insert(id) {
                present[i] = true;
            }
        }
        Ok(present)
    }

    /// Inserts every batch received, many rows per statement (SQLite's
    /// per-statement cost is then paid once per chunk), leaving out the rows
    /// already present, which it counts; with `write` false it only counts.
    pub(crate) fn insert(
        &self,
        batches: impl IntoIterator<Item = Vec<NewVisit>>,
        write: bool,
    ) -> Result<i64> {
        const PER_STMT: usize = 64;
        let sql = |n: usize| format!("{INSERT} {}", vec![PLACES; n].join(", "));
        let conn = self.tx.sql().sqlite();
        let mut many = conn.map(|c| c.prepare_cached(&sql(PER_STMT))).transpose()?;
        let mut one = conn.map(|c| c.prepare_cached(&sql(1))).transpose()?;
        let mut present = 0;
        let mut used = HashSet::new();
        for mut batch in batches {
            let already = self.already_present(&batch, &mut used)?;
            if already.contains(&true) {
                let mut flags = already.iter();
                batch.retain(|_| !flags.next().copied().unwrap_or(false));
                present += already.iter().filter(|&&p| p).count() as i64;
            }
            if !write {
                continue;
            }
            let (Some(many), Some(one)) = (many.as_mut(), one.as_mut()) else {
                self.copy(&batch)?;
                continue;
            };
            let mut chunks = batch.chunks_exact(PER_STMT);
            for chunk in &mut chunks {
                bind(many, chunk)?;
                many.raw_execute()?;
            }
            for v in chunks.remainder() {
                bind(one, std::slice::from_ref(v))?;
                one.raw_execute()?;
            }
        }
        Ok(present)
    }

    /// Streams a batch into PostgreSQL with COPY, in its binary form: typed
    /// values, nothing to escape.
    fn copy(&self, batch: &[NewVisit]) -> Result<()> {
        use postgres::types::Type;
        let types = [
            Type::INT8,
            Type::INT8,
            Type::DATE,
            Type::TEXT,
            Type::INT4,
            Type::INT4,
            Type::TEXT,
            Type::INT4,
            Type::INT8,
            Type::DATE,
            Type::TEXT,
        ];
        self.tx.sql().copy_in(
            &format!("COPY visits ({}) FROM STDIN (FORMAT binary)", COLUMNS),
            &types,
            batch.iter().map(|v| {
                let small = |n: i64| i32::try_from(n).unwrap_or(i32::MAX);
                vec![
                    Box::new(v.cadre.0) as Box<dyn postgres::types::ToSql + Sync>,
                    Box::new(v.enterprise.0),
                    Box::new(v.on),
                    Box::new(v.kind.as_str().to_string()),
                    Box::new(small(v.people)),
                    Box::new(small(v.tasks.0)),
                    Box::new(v.note.clone()),
                    Box::new(i32::from(v.unpaired)),
                    Box::new(v.import.map(|i| i.0)),
                    Box::new(v.voided.as_ref().map(|(on, _)| *on)),
                    Box::new(v.voided.as_ref().map(|(_, why)| why.clone())),
                ]
            }),
        )?;
        Ok(())
    }

    /// Rebuilds the dropped indexes (and foreign keys) when the load is to
    /// be kept (`built` hears each one's name when it is done), and restores
    /// the connection. A load not kept is rolled back, drops and all.
    pub(crate) fn finish(self, keep: bool, mut built: impl FnMut(&str)) -> Result<()> {
        let Some(sql) = self.tx.sql().sqlite() else {
            if keep {
                // The indexes, then the foreign keys: dropped the other way round.
                for (name, create) in self.dropped.iter().rev() {
                    self.tx.sql().execute_batch(create)?;
                    built(name);
                }
            }
            return Ok(());
        };
        let rebuilt = (|| {
            if keep {
                for (name, create) in &self.dropped {
                    sql.execute_batch(create)?;
                    built(name);
                }
            }
            Ok::<_, rusqlite::Error>(())
        })();
        sql.execute_batch(&format!(
            "PRAGMA cache_size = {}; PRAGMA ignore_check_constraints = OFF",
            self.cache
        ))?;
        Ok(rebuilt?)
    }
}
