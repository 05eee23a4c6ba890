//! Schema migrations: an append-only list kept in schema.sql, keyed by
//! `PRAGMA user_version`.

use super::{backup, Db};
use crate::error::input;
use anyhow::{Context, Result};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

const SCHEMA: &str = include_str!("../../schema.sql");
const MARKER: &str = "-- migration ";

/// The migrations in schema.sql, in order; migration N is at index N-1.
/// Each begins at a line `-- migration N`; text before the first is a preamble.
pub fn migrations() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for line in SCHEMA.lines() {
        if let Some(n) = line.strip_prefix(MARKER) {
            assert_eq!(
                n.trim().parse::<usize>().ok(),
                Some(out.len() + usize::from(current.is_some()) + 1),
                "schema.sql migrations must be numbered 1, 2, 3, …"
            );
            out.extend(current.take());
            current = Some(String::new());
        } else if let Some(sql) = current.as_mut() {
            sql.push_str(line);
            sql.push('\n');
        }
    }
    out.extend(current);
    out
}

/// The schema version this binary writes.
pub fn latest() -> i64 {
    migrations().len() as i64
}

/// The schema version of a database.
pub fn version(db: &Db) -> Result<i64> {
    user_version(db.sql())
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema up to date. A database at version 0 is new and gets the
/// whole schema; an older one is first copied to `<file>.v<N>.bak`; a newer
/// one is refused.
pub fn migrate(db: &mut Db, path: &Path) -> Result<()> {
    let latest = latest();
    let current = version(db)?;
    if current == latest {
        return Ok(());
    }
    if current > latest {
        return Err(input(format!(
            "{} has schema version {current}, newer than this qianqi understands (version {latest}); use a newer qianqi",
            path.display()
        )));
    }
    if db.sql().is_readonly(rusqlite::DatabaseName::Main)? {
        return Err(input(format!(
            "{} has schema version {current} and must be upgraded to version {latest} before use, but it is read-only (no write permission on the file or its directory); nothing was written",
            path.display()
        )));
    }
    let tx = db
        .sql_mut()
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while this one waited for the lock;
    // under the lock nobody else can, so the copy below is the file as it
    // is upgraded from.
    let current = user_version(&tx)?;
    if current > 0 && current < latest {
        let backup = backup::with_suffix(path, &format!(".v{current}.bak"));
        let busy: u64 = tx.query_row("PRAGMA busy_timeout", [], |r| r.get(0))?;
        backup::copy_committed(path, &backup, std::time::Duration::from_millis(busy))
            .with_context(|| format!("copying {} aside before upgrading it", path.display()))?;
    }
    for (i, sql) in migrations().iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql)
            .with_context(|| format!("applying schema migration {}", i + 1))?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_sql_splits_into_numbered_migrations() {
        let m = migrations();
        assert!(!m.is_empty());
        assert!(m[0].contains("CREATE TABLE tickets"));
    }
}
