//! Schema migrations: an append-only list kept in schema.sql, keyed by
//! `PRAGMA user_version`.

use super::{backup, Db};
use crate::error::input;
use anyhow::{Context, Result};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;
use std::sync::OnceLock;

const SCHEMA: &str = include_str!("../../schema.sql");
const MARKER: &str = "-- migration ";

/// The migrations in schema.sql, in order; migration N is at index N-1.
pub(crate) fn migrations() -> Vec<String> {
    split(SCHEMA)
}

/// The migrations of a schema file, in order. Each begins at a line
/// `-- migration N`; text before the first is a preamble.
pub(crate) fn split(schema: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for line in schema.lines() {
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
pub(crate) fn latest() -> i64 {
    migrations().len() as i64
}

/// The schema version of a database.
pub(crate) fn version(db: &Db) -> Result<i64> {
    match db.sql().sqlite() {
        Some(c) => user_version(c),
        None => Ok(super::pg::schema::current()),
    }
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema up to date. A database at version 0 is new and gets the
/// whole schema; an older one is first copied to `<file>.v<N>.bak`; a newer
/// one is refused.
pub(crate) fn migrate(db: &mut Db, path: &Path) -> Result<()> {
    let latest = latest();
    let current = version(db)?;
    if current == latest {
        return Ok(());
    }
    if current > latest {
        let path = path.display();
        return Err(input(crate::tr!(
            "{path} has schema version {current}, newer than this qianqi understands (version {latest}); use a newer qianqi",
            "{path} 的结构版本是{current}，比这个 qianqi 能识别的版本（{latest}）新；请使用新版 qianqi"
        )));
    }
    if db.sqlite()?.is_readonly(rusqlite::DatabaseName::Main)? {
        let path = path.display();
        return Err(input(crate::tr!(
            "{path} has schema version {current} and must be upgraded to version {latest} before use, but it is read-only (no write permission on the file or its directory); nothing was written",
            "{path} 的结构版本是{current}，使用前须升级到版本{latest}，但它是只读的（对文件或所在目录没有写权限）；未写入任何内容"
        )));
    }
    let Some(conn) = db.sqlite_mut() else {
        return Ok(());
    };
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while this one waited for the lock;
    // under the lock nobody else can, so the copy below is the file as it
    // is upgraded from.
    let current = user_version(&tx)?;
    if current > 0 && current < latest {
        let backup = backup::with_suffix(path, &format!(".v{current}.bak"));
        let busy: u64 = tx.query_row("PRAGMA busy_timeout", [], |r| r.get(0))?;
        let shown = path.display();
        backup::copy_committed(path, &backup, std::time::Duration::from_millis(busy))
            .with_context(|| {
                crate::tr!(
                    "copying {shown} aside before upgrading it",
                    "升级前先把 {shown} 另存一份"
                )
            })?;
    }
    for (i, sql) in migrations().iter().enumerate().skip(current as usize) {
        let n = i + 1;
        tx.execute_batch(sql)
            .with_context(|| crate::tr!("applying schema migration {n}", "执行第{n}个结构迁移"))?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

/// One object of a database's schema as `sqlite_master` records it.
#[derive(Debug, Clone)]
pub(crate) struct SchemaObject {
    /// `table`, `index`, `trigger` or `view`.
    pub(crate) kind: String,
    pub(crate) name: String,
    /// The statement that makes it, normalised (see [`normalise`]), for comparing.
    pub(crate) sql: String,
    /// The statement as it is stored, for showing.
    pub(crate) text: String,
}

/// The schema of a database, by name: every table, index, trigger and view
/// except SQLite's own (`sqlite_…`: automatic indexes follow from their
/// table's SQL, statistics are no part of the schema).
pub(crate) fn schema_of(conn: &Connection) -> Result<Vec<SchemaObject>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_master
         WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name, type",
    )?;
    let rows = stmt.query_map([], |r| {
        let text: String = r.get(2)?;
        Ok(SchemaObject {
            kind: r.get(0)?,
            name: r.get(1)?,
            sql: normalise(&text),
            text,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The schema that migrations 1 to `version` make, or `None` for a version
/// this binary does not know. The migrations are applied to an in-memory
/// database once per process, the schema noted after each.
pub(crate) fn expected_schema(version: i64) -> Result<Option<&'static [SchemaObject]>> {
    static BY_VERSION: OnceLock<Vec<Vec<SchemaObject>>> = OnceLock::new();
    let all = match BY_VERSION.get() {
        Some(all) => all,
        None => {
            let conn = Connection::open_in_memory()?;
            let mut all = Vec::new();
            for (i, sql) in migrations().iter().enumerate() {
                let n = i + 1;
                conn.execute_batch(sql).with_context(|| {
                    crate::tr!("applying schema migration {n}", "执行第{n}个结构迁移")
                })?;
                all.push(schema_of(&conn)?);
            }
            BY_VERSION.get_or_init(|| all)
        }
    };
    Ok(usize::try_from(version)
        .ok()
        .and_then(|v| v.checked_sub(1))
        .and_then(|i| all.get(i))
        .map(Vec::as_slice))
}

/// A statement as SQLite understands it, so that two spellings of one
/// schema compare equal: comments dropped, runs of white space made one
/// space and dropped beside punctuation, and everything outside quotes in
/// lower case (SQL keywords and names are case-insensitive).
pub(crate) fn normalise(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    let mut space = false;
    let punct = |c: char| "(),;=<>+-*/|".contains(c);
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' | '`' | '[' => {
                let close = if c == '[' { ']' } else { c };
                if space && !out.ends_with(punct) {
                    out.push(' ');
                }
                space = false;
                out.push(c);
                // A doubled quote inside a quoted text is the quote itself.
                while let Some(q) = chars.next() {
                    out.push(q);
                    if q == close {
                        if chars.peek() == Some(&close) && close != ']' {
                            out.push(chars.next().unwrap_or(close));
                        } else {
                            break;
                        }
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
                space = true;
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for n in chars.by_ref() {
                    if last == '*' && n == '/' {
                        break;
                    }
                    last = n;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            c => {
                if space && !out.is_empty() && !punct(c) && !out.ends_with(punct) {
                    out.push(' ');
                }
                space = false;
                out.push(c.to_ascii_lowercase());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_keeps_quoted_text_and_drops_layout() {
        assert_eq!(
            normalise("CREATE  INDEX x\n  ON t ( a,b )  -- why\n WHERE k = 'A  b''C'"),
            "create index x on t(a,b)where k='A  b''C'"
        );
        assert_eq!(
            normalise("create index X on T(a, /* c */ b) where k='A  b''C'"),
            normalise("CREATE INDEX x ON t (a, b) WHERE k = 'A  b''C'")
        );
        assert_ne!(normalise("CHECK (k = 'a')"), normalise("CHECK (k = 'A')"));
        assert_ne!(normalise("ON t (a, b)"), normalise("ON t (ab)"));
    }

    #[test]
    fn every_version_has_its_expected_schema() {
        assert!(expected_schema(0).unwrap().is_none());
        assert!(expected_schema(latest() + 1).unwrap().is_none());
        let v1 = expected_schema(1).unwrap().unwrap();
        let now = expected_schema(latest()).unwrap().unwrap();
        let trigger = |s: &[SchemaObject]| {
            s.iter()
                .find(|o| o.name == "ticket_events_append_only_update")
                .map(|o| o.sql.clone())
                .unwrap()
        };
        assert!(!trigger(v1).contains("import_id"));
        assert!(trigger(now).contains("import_id"));
        assert!(now.iter().all(|o| !o.name.starts_with("sqlite_")));
    }

    #[test]
    fn schema_sql_splits_into_numbered_migrations() {
        let m = migrations();
        assert!(!m.is_empty());
        assert!(m[0].contains("CREATE TABLE tickets"));
    }
}
