//! Copying a whole database into an empty one of either engine: every
//! record with its id, every ticket's history, the import log. `copy --to`
//! moves a campaign from a SQLite file to PostgreSQL and back, and `backup`
//! of a PostgreSQL database writes a SQLite file this way.

use super::sql::{Connection, Val};
use super::Db;
use anyhow::{Context, Result};

/// Every table of records, parents before the rows that refer to them.
pub(crate) const TABLES: [&str; 13] = [
    "units",
    "cadres",
    "enterprises",
    "imports",
    "pairings",
    "meetings",
    "meeting_cadres",
    "visits",
    "tickets",
    "ticket_events",
    "categories",
    "calendar",
    "response_times",
];

/// The tables whose rows have an identity key, which PostgreSQL's sequences
/// must continue after.
const WITH_ID: [&str; 10] = [
    "units",
    "cadres",
    "enterprises",
    "imports",
    "pairings",
    "meetings",
    "visits",
    "tickets",
    "ticket_events",
    "response_times",
];

/// How many rows each table holds, in `TABLES`' order.
pub(crate) fn counts(db: &Db) -> Result<Vec<(&'static str, i64)>> {
    TABLES
        .iter()
        .map(|t| {
            let n: i64 = db
                .sql()
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
            Ok((*t, n))
        })
        .collect()
}

/// A table's columns with their types, in the order the table declares them.
fn columns(conn: &Connection, table: &str) -> Result<Vec<(String, String)>> {
    let sql = if conn.is_pg() {
        "SELECT column_name, data_type FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position"
    } else {
        "SELECT name, type FROM pragma_table_info(?1) ORDER BY cid"
    };
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<super::sql::Result<_>>()?)
}

/// Copies every row of `from` into `to`, which holds none, in one
/// transaction on `to` and one snapshot of `from`; `each` hears each table
/// and its row count when it is done.
pub(crate) fn copy(from: &Db, to: &Db, mut each: impl FnMut(&str, u64)) -> Result<()> {
    from.snapshot(|| {
        let tx = to.write()?;
        for table in TABLES {
            let n = copy_table(from, to, table)
                .with_context(|| format!("copying the table {table}"))?;
            each(table, n);
        }
        copy_rule_starts(from, to).context("copying the table rule_starts")?;
        if to.sql().is_pg() {
            // The planner's statistics of the new rows, before anyone reads them.
            to.sql().execute_batch("ANALYZE")?;
            for table in WITH_ID {
                to.sql().execute_batch(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table}"
                ))?;
            }
        }
        tx.commit()
    })
}

/// Puts the source's first event of each rule in place of the target's: the
/// events keep their ids, so an acceptance recorded before a rule stays
/// before it in the copy.
fn copy_rule_starts(from: &Db, to: &Db) -> Result<()> {
    let mut stmt = from
        .sql()
        .prepare("SELECT rule, first_event FROM rule_starts ORDER BY rule")?;
    let starts = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<super::sql::Result<Vec<_>>>()?;
    to.sql().execute("DELETE FROM rule_starts", [])?;
    for (rule, first) in starts {
        to.sql().execute(
            "INSERT INTO rule_starts (rule, first_event) VALUES (?1, ?2)",
            (rule, first),
        )?;
    }
    Ok(())
}

/// Copies one table: every column the target has, which the source must
/// have too (both schemas are the same tables and columns).
fn copy_table(from: &Db, to: &Db, table: &str) -> Result<u64> {
    let cols = columns(to.sql(), table)?;
    let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
    let list = names.join(", ");
    let select = format!("SELECT {list} FROM {table} ORDER BY {}", order_of(table));
    let mut n = 0;
    if to.sql().is_pg() {
        use postgres::types::Type;
        let types: Vec<Type> = cols
            .iter()
            .map(|(_, t)| match t.as_str() {
                "bigint" => Type::INT8,
                "integer" => Type::INT4,
                "date" => Type::DATE,
                _ => Type::TEXT,
            })
            .collect();
        n = to.sql().copy_in_with(
            &format!("COPY {table} ({list}) FROM STDIN (FORMAT binary)"),
            &types,
            |w| {
                from.sql().each_row(&select, (), |r| {
                    let row = (0..types.len())
                        .map(|i| typed(r.val(i)?, &types[i]))
                        .collect::<Result<Vec<_>>>()?;
                    Ok(w.write(&row)?)
                })
            },
        )?;
    } else {
        let places = vec!["?"; names.len()].join(", ");
        let mut insert = to
            .sql()
            .prepare(&format!("INSERT INTO {table} ({list}) VALUES ({places})"))?;
        from.sql().each_row(&select, (), |r| {
            let vals = (0..names.len())
                .map(|i| r.val(i).map(owned))
                .collect::<super::sql::Result<Vec<Val>>>()?;
            insert.execute(
                vals.iter()
                    .map(|v| v as &dyn super::sql::ToSql)
                    .collect::<Vec<_>>()
                    .as_slice(),
            )?;
            n += 1;
            Ok(())
        })?;
    }
    Ok(n)
}

/// The order rows are read in: by id where there is one, else by the key.
fn order_of(table: &str) -> &'static str {
    match table {
        "meeting_cadres" => "meeting_id, cadre_id",
        "categories" => "name",
        "calendar" => "day",
        _ => "id",
    }
}

fn owned(v: Val<'_>) -> Val<'static> {
    match v {
        Val::Null => Val::Null,
        Val::Int(n) => Val::Int(n),
        Val::Real(f) => Val::Real(f),
        Val::Text(t) => Val::Text(t.into_owned().into()),
    }
}

/// A stored value as the PostgreSQL type of its column.
fn typed(v: Val<'_>, ty: &postgres::types::Type) -> Result<Box<dyn postgres::types::ToSql + Sync>> {
    use postgres::types::Type;
    Ok(match (v, ty) {
        (Val::Null, &Type::INT8) => Box::new(None::<i64>),
        (Val::Null, &Type::INT4) => Box::new(None::<i32>),
        (Val::Null, &Type::DATE) => Box::new(None::<chrono::NaiveDate>),
        (Val::Null, _) => Box::new(None::<String>),
        (Val::Int(n), &Type::INT8) => Box::new(n),
        (Val::Int(n), &Type::INT4) => Box::new(i32::try_from(n)?),
        (Val::Text(t), &Type::DATE) => Box::new(crate::domain::date::parse(&t)?),
        (Val::Text(t), _) => Box::new(t.into_owned()),
        (Val::Int(n), _) => Box::new(n.to_string()),
        (Val::Real(f), _) => Box::new(f.to_string()),
    })
}
