//! Reading the rows of a query: typed rows (`all`, `each`), rows of
//! output values read by column name (`named`) or by position (`values`),
//! and how a stored value becomes an output value.

use super::sql::{Params, Row, ToSql};
use super::Db;
use crate::output::{Column, Value};
use anyhow::{Context, Result};

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
    params: impl Params,
    row: fn(&Row) -> super::sql::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = db.sql().prepare(sql)?;
    let rows = stmt.query_map(params, row)?;
    Ok(rows.collect::<super::sql::Result<_>>()?)
}

/// Hands every row of a query, turned into a `T` by `row`, to `each`, one
/// at a time: for exports, which may run to millions of rows.
pub(crate) fn each<T>(
    db: &Db,
    sql: &str,
    row: fn(&Row) -> super::sql::Result<T>,
    mut each: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    db.sql().each_row(sql, (), |r| each(row(r)?))
}

/// Runs a query and collects the first `n` columns of every row.
pub(crate) fn values(db: &Db, sql: &str, params: impl Params, n: usize) -> Result<Vec<Vec<Value>>> {
    let mut stmt = db.sql().prepare(sql)?;
    let rows = stmt.query_map(params, |r| (0..n).map(|i| r.get(i)).collect())?;
    Ok(rows.collect::<super::sql::Result<_>>()?)
}
