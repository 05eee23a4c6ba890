//! Reading the rows of a query: typed rows (`all`, `each`), rows of
//! output values read by column name (`named`) or by position (`values`),
//! and how a stored value becomes an output value.

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
                    row.get::<_, Value>(c.key).with_context(|| {
                        let key = c.key;
                        crate::tr!("reading column {key}", "读取列 {key}")
                    })
                })
                .collect::<Result<Vec<_>>>()?,
        );
    }
    Ok(out)
}

/// Every row of a query, each turned into a `T` by `row`.
pub(crate) fn all<T>(
    db: &Db,
    sql: &str,
    params: impl rusqlite::Params,
    row: fn(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = db.sql().prepare(sql)?;
    let rows = stmt.query_map(params, row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Hands every row of a query, turned into a `T` by `row`, to `each`, one
/// at a time: for exports, which may run to millions of rows.
pub(crate) fn each<T>(
    db: &Db,
    sql: &str,
    row: fn(&rusqlite::Row) -> rusqlite::Result<T>,
    mut each: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let mut stmt = db.sql().prepare(sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        each(row(r)?)?;
    }
    Ok(())
}

/// Runs a query and collects the first `n` columns of every row.
pub(crate) fn values(
    db: &Db,
    sql: &str,
    params: impl rusqlite::Params,
    n: usize,
) -> Result<Vec<Vec<Value>>> {
    let mut stmt = db.sql().prepare(sql)?;
    let rows = stmt.query_map(params, |r| (0..n).map(|i| r.get(i)).collect())?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// SQLite's values as output values; a blob never reaches a report.
impl rusqlite::types::FromSql for Value {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        use rusqlite::types::ValueRef;
        Ok(match v {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::Int(n),
            ValueRef::Real(f) => Value::Text(f.to_string()),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(_) => return Err(rusqlite::types::FromSqlError::InvalidType),
        })
    }
}
