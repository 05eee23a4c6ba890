//! The schema on PostgreSQL: its own migrations (`schema.sql` beside this
//! file), applied to an empty database by `init`, and a database of a newer
//! qianqi refused, as on SQLite.

use super::connect::Target;
use crate::error::input;
use anyhow::{Context, Result};
use postgres::Client;

/// The migrations, in order.
pub(crate) const SCHEMA: &str = include_str!("schema.sql");

/// A server's error, shown as `db::sql` shows it.
fn pg(e: postgres::Error) -> anyhow::Error {
    crate::db::sql::Error::Pg(e).into()
}

/// The migrations, in order; migration N is at index N-1.
fn migrations() -> Vec<String> {
    crate::db::migrate::split(SCHEMA)
}

/// The schema version of this build.
pub(crate) fn current() -> i64 {
    migrations().len() as i64
}

/// The schema version of the database: None for an empty database, an error
/// for one holding tables that are not qianqi's, or on a server too old.
/// One query reads the server's version and the schema's, as a database
/// made by `init` has it; only when it has no `qianqi_meta` does a second
/// look at what tables it holds.
fn version(c: &mut Client, target: &Target) -> Result<Option<i64>> {
    const SERVER: &str = "current_setting('server_version_num')::int4";
    let row = c.query_typed(
        &format!("SELECT {SERVER}, (SELECT value FROM qianqi_meta WHERE key = 'schema_version')"),
        &[],
    );
    let row = match row {
        Ok(rows) => rows.into_iter().next(),
        Err(e) if e.code() == Some(&postgres::error::SqlState::UNDEFINED_TABLE) => None,
        Err(e) => return Err(pg(e)),
    };
    if let Some(row) = row {
        super::connect::check_server(row.get(0), &target.shown)?;
        let v: Option<String> = row.get(1);
        return Ok(Some(v.and_then(|v| v.parse().ok()).unwrap_or(0)));
    }
    let row = c
        .query_typed_one(
            &format!(
                "SELECT {SERVER}, count(*) FROM pg_tables WHERE schemaname = current_schema()"
            ),
            &[],
        )
        .map_err(pg)?;
    super::connect::check_server(row.get(0), &target.shown)?;
    let tables: i64 = row.get(1);
    if tables > 0 {
        let db = &target.shown;
        return Err(input(crate::tr!(
            "the {db} holds tables that are not qianqi's; give an empty database or one made by `qianqi init`",
            "{db}中已有不属于 qianqi 的表；请给出一个空数据库，或由 `qianqi init` 建立的数据库"
        )));
    }
    Ok(None)
}

/// Brings the schema up to date: creates it in an empty database when
/// `create` is set, applies the migrations a database lacks, and refuses one
/// made by a newer qianqi. Each migration is one transaction.
pub(crate) fn migrate(c: &mut Client, target: &Target, create: bool) -> Result<()> {
    let all = migrations();
    let have = match version(c, target)? {
        None if !create => {
            let db = &target.shown;
            return Err(input(crate::tr!(
                "the {db} is empty; create the tables with `qianqi init`",
                "{db}是空的；请先用 `qianqi init` 建表"
            )));
        }
        None => 0,
        Some(v) => v,
    };
    if have > all.len() as i64 {
        let (db, known) = (&target.shown, all.len());
        return Err(input(crate::tr!(
            "the {db} has schema version {have}, newer than this qianqi understands (version {known}); use a newer qianqi",
            "{db}的结构版本是{have}，比这个 qianqi 能识别的版本（{known}）新；请使用新版 qianqi"
        )));
    }
    for (i, sql) in all.iter().enumerate().skip(have as usize) {
        let n = i + 1;
        let mut tx = c.transaction().map_err(pg)?;
        tx.batch_execute(sql).with_context(|| {
            let db = &target.shown;
            crate::tr!(
                "applying migration {n} to the {db}",
                "对{db}执行结构迁移{n}"
            )
        })?;
        tx.execute(
            "INSERT INTO qianqi_meta (key, value) VALUES ('schema_version', $1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&n.to_string()],
        )
        .map_err(pg)?;
        tx.commit().map_err(pg)?;
    }
    Ok(())
}
