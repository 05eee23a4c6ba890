//! Rows for output tables, read by column name: each query names its
//! result columns after the keys of the caller's column table, so the
//! order of a SELECT and of a table never have to match.

use super::Db;
use crate::output::{Column, Value};
use anyhow::{Context, Result};
use rusqlite::ToSql;

/// Runs `sql` and reads, for every row, the result column named by each
/// key of `columns`, in that order.
pub(crate) fn named(
    db: &Db,
    columns: &[Column],
    sql: &str,
    params: &[&dyn ToSql],
) -> Result<Vec<Vec<Value>>> {
    let mut stmt = db.sql().prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(
            columns
                .iter()
                .map(|c| {
                    row.get::<_, Value>(c.key)
                        .with_context(|| format!("reading column {}", c.key))
                })
                .collect::<Result<Vec<_>>>()?,
        );
    }
    Ok(out)
}
