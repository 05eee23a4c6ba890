//! The log of imported files: what each was, when, by whom, and its content
//! hash, which every visit, ticket and event it brought in names.

use super::{all, Db, ImportId, Tx};
use crate::db::sql::{params, OptionalExtension};
use anyhow::Result;

/// Starts the log entry of an import, before its rows, so every row can
/// name it; the content hash and the count are known only at the end
/// (see `finish`).
pub(crate) fn begin(tx: &Tx, kind: &str, file: &str, at: &str, by: &str) -> Result<ImportId> {
    Ok(ImportId(tx.sql().query_row(
        "INSERT INTO imports (kind, file_name, sha256, rows, imported_at, imported_by)
         VALUES (?1, ?2, '', 0, ?3, ?4) RETURNING id",
        params![kind, file, at, by],
        |r| r.get(0),
    )?))
}

/// When a file of this kind with this content was first imported, other
/// than by `this` import.
pub(crate) fn first_with(
    db: &Db,
    kind: &str,
    sha256: &str,
    this: ImportId,
) -> Result<Option<String>> {
    Ok(db
        .sql()
        .query_row(
            "SELECT imported_at FROM imports WHERE kind = ?1 AND sha256 = ?2 AND id <> ?3
             ORDER BY id LIMIT 1",
            params![kind, sha256, this],
            |r| r.get(0),
        )
        .optional()?)
}

/// Completes the log entry with the content hash and the count of rows.
pub(crate) fn finish(tx: &Tx, id: ImportId, sha256: &str, rows: i64) -> Result<()> {
    tx.sql().execute(
        "UPDATE imports SET sha256 = ?2, rows = ?3 WHERE id = ?1",
        params![id, sha256, rows],
    )?;
    Ok(())
}

/// An import of `imports`.
pub(crate) struct Import {
    pub(crate) imported_at: String,
    pub(crate) kind: String,
    pub(crate) file: String,
    pub(crate) rows: i64,
    pub(crate) by: String,
    pub(crate) sha256: String,
}

/// The imports (of one kind, if given), oldest first.
pub(crate) fn list(db: &Db, kind: Option<&str>) -> Result<Vec<Import>> {
    all(
        db,
        "SELECT imported_at, kind, file_name, rows, imported_by, sha256 FROM imports
         WHERE ?1 IS NULL OR kind = ?1 ORDER BY id",
        [kind],
        |r| {
            Ok(Import {
                imported_at: r.get(0)?,
                kind: r.get(1)?,
                file: r.get(2)?,
                rows: r.get(3)?,
                by: r.get(4)?,
                sha256: r.get(5)?,
            })
        },
    )
}

/// The tables an import of `kind` writes its rows into.
fn tables_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "units" => &["units"],
        "cadres" => &["cadres"],
        "enterprises" => &["enterprises"],
        "pairings" => &["pairings"],
        "meetings" => &["meetings", "meeting_cadres"],
        "visits" => &["visits"],
        "tickets" | "events" => &["tickets", "ticket_events"],
        "categories" => &["categories"],
        "calendar" => &["calendar"],
        _ => &[],
    }
}

/// After an import's commit on PostgreSQL, refreshes the planner's
/// statistics of the tables it wrote when its `rows` are a tenth or more of
/// what the planner believes a table holds (autovacuum's own threshold), so
/// that the next report is planned for the rows as they are now rather than
/// a minute later, when autovacuum gets there. SQLite keeps no statistics
/// qianqi relies on.
pub(crate) fn analyze(db: &Db, kind: &str, rows: i64) -> Result<()> {
    if !db.sql().is_pg() || rows <= 0 {
        return Ok(());
    }
    for table in tables_of(kind) {
        // reltuples is -1 for a table never analyzed (0 before PostgreSQL 14).
        let believed: f64 = db.sql().query_row(
            &format!("SELECT CAST(reltuples AS float8) FROM pg_class WHERE oid = CAST('{table}' AS regclass)"),
            [],
            |r| r.get(0),
        )?;
        if (rows as f64) * 10.0 >= believed {
            db.sql().execute_batch(&format!("ANALYZE {table}"))?;
        }
    }
    Ok(())
}
