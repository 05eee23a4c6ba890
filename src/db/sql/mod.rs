//! Statements on either engine. The modules of `db` write their SQL once and
//! run it through this module's `Connection`, `Stmt` and `Row`, which have
//! the shape of rusqlite's and hide whether SQLite or PostgreSQL runs it.
//!
//! How a statement reaches PostgreSQL: SQLite binds untyped values, and the
//! SQL of `db` relies on it (`?1 IS NULL OR col = ?1`, a date compared with
//! text). PostgreSQL types a parameter once, from its first use, and cannot
//! type `$1 IS NULL` at all. So each bound value is written into the
//! statement as a quoted literal (`pg::literal`: standard conforming strings,
//! quotes doubled, NUL refused), which PostgreSQL types at each use as it
//! does a literal written by hand. Results come back typed and are read as
//! SQLite's: integers, text (a DATE as `YYYY-MM-DD`), reals, booleans as 0/1.
//! With no parameters left, a query goes with `query_typed`: Parse, Bind,
//! Describe and Execute in one message, one round trip (`query` would
//! prepare a named statement first, a second); a statement that returns no
//! rows goes as a simple query, also one.

mod values;

use super::pg;
use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use values::wrong;
pub(crate) use values::{params, FromSql, Params, RowIndex, ToSql, Val};

/// A connection to either engine.
pub(crate) enum Connection {
    Sqlite(rusqlite::Connection),
    Pg(RefCell<postgres::Client>),
}

/// An error of either engine, or a value of the wrong type.
#[derive(Debug)]
pub(crate) enum Error {
    Sqlite(rusqlite::Error),
    Pg(postgres::Error),
    /// `query_row` found no row (see `OptionalExtension`).
    NoRows,
    /// A value that cannot be read as the type asked for, or bound.
    Value(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Sqlite(e) => e.fmt(f),
            Error::Pg(e) => pg::describe(e, f),
            Error::NoRows => f.write_str("the query returned no row"),
            Error::Value(m) => f.write_str(m),
        }
    }
}

/// The engine's error is shown by `Display`, not again as a source.
impl std::error::Error for Error {}

/// SQLite's error in an error chain, wrapped or not.
pub(crate) fn sqlite_error<'a>(
    e: &'a (dyn std::error::Error + 'static),
) -> Option<&'a rusqlite::Error> {
    match e.downcast_ref::<Error>() {
        Some(Error::Sqlite(e)) => Some(e),
        _ => e.downcast_ref::<rusqlite::Error>(),
    }
}

/// PostgreSQL's error in an error chain, wrapped or not.
pub(crate) fn pg_error<'a>(
    e: &'a (dyn std::error::Error + 'static),
) -> Option<&'a postgres::Error> {
    match e.downcast_ref::<Error>() {
        Some(Error::Pg(e)) => Some(e),
        _ => e.downcast_ref::<postgres::Error>(),
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NoRows,
            e => Error::Sqlite(e),
        }
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Error {
        Error::Pg(e)
    }
}

pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

/// `query_row(…).optional()`: no row is `None` rather than an error.
pub(crate) trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// One row of a result.
pub(crate) enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Pg(&'a postgres::Row),
}

impl Row<'_> {
    /// The value of a column as a `T`.
    pub(crate) fn get<I: RowIndex, T: FromSql>(&self, i: I) -> Result<T> {
        let i = i.index(self)?;
        let name = self.column_name(i).to_string();
        T::from_val(self.val(i)?).map_err(|e| Error::Value(format!("column {name}: {e}")))
    }

    /// The value of a column as it is stored.
    pub(crate) fn val(&self, i: usize) -> Result<Val<'_>> {
        match self {
            Row::Sqlite(r) => {
                use rusqlite::types::ValueRef;
                Ok(match r.get_ref(i)? {
                    ValueRef::Null => Val::Null,
                    ValueRef::Integer(n) => Val::Int(n),
                    ValueRef::Real(f) => Val::Real(f),
                    // Checked the quick way first: what qianqi stores is UTF-8.
                    ValueRef::Text(t) => Val::Text(match std::str::from_utf8(t) {
                        Ok(s) => Cow::Borrowed(s),
                        Err(_) => String::from_utf8_lossy(t),
                    }),
                    ValueRef::Blob(_) => return Err(Error::Value("a blob".into())),
                })
            }
            Row::Pg(r) => pg::val(r, i),
        }
    }

    /// An integer column, None when NULL: `val` without building a `Val`,
    /// for rows read by the million.
    pub(crate) fn int(&self, i: usize) -> Result<Option<i64>> {
        if let Row::Sqlite(r) = self {
            use rusqlite::types::ValueRef;
            match r.get_ref(i)? {
                ValueRef::Null => return Ok(None),
                ValueRef::Integer(n) => return Ok(Some(n)),
                _ => {}
            }
        }
        match self.val(i)? {
            Val::Null => Ok(None),
            Val::Int(n) => Ok(Some(n)),
            v => Err(wrong(&v, "an integer")),
        }
    }

    /// `f` of a text column (None when NULL), borrowed where the engine
    /// keeps it: `val` without building a `Val`, for rows read by the million.
    pub(crate) fn with_text<T>(&self, i: usize, f: impl FnOnce(Option<&str>) -> T) -> Result<T> {
        if let Row::Sqlite(r) = self {
            use rusqlite::types::ValueRef;
            match r.get_ref(i)? {
                ValueRef::Null => return Ok(f(None)),
                ValueRef::Text(t) => {
                    if let Ok(s) = std::str::from_utf8(t) {
                        return Ok(f(Some(s)));
                    }
                }
                _ => {}
            }
        }
        match self.val(i)? {
            Val::Null => Ok(f(None)),
            Val::Text(t) => Ok(f(Some(&t))),
            v => Err(wrong(&v, "text")),
        }
    }

    /// `f` of a text column's bytes (None when NULL), unchecked as UTF-8:
    /// `with_text` for columns of ASCII words and dates read by the million,
    /// which their readers match byte by byte.
    pub(crate) fn with_bytes<T>(&self, i: usize, f: impl FnOnce(Option<&[u8]>) -> T) -> Result<T> {
        if let Row::Sqlite(r) = self {
            use rusqlite::types::ValueRef;
            match r.get_ref(i)? {
                ValueRef::Null => return Ok(f(None)),
                ValueRef::Text(t) => return Ok(f(Some(t))),
                _ => {}
            }
        }
        self.with_text(i, |s| f(s.map(str::as_bytes)))
    }

    /// The value of a column as it is stored (rusqlite's name for `val`).
    pub(crate) fn get_ref(&self, i: usize) -> Result<Val<'_>> {
        self.val(i)
    }

    pub(crate) fn column_count(&self) -> usize {
        match self {
            Row::Sqlite(r) => r.as_ref().column_count(),
            Row::Pg(r) => r.len(),
        }
    }

    pub(crate) fn column_name(&self, i: usize) -> &str {
        match self {
            Row::Sqlite(r) => r.as_ref().column_name(i).unwrap_or(""),
            Row::Pg(r) => r.columns()[i].name(),
        }
    }
}

impl Connection {
    /// Whether this is a PostgreSQL connection, for the few statements
    /// whose SQL differs between the engines.
    pub(crate) fn is_pg(&self) -> bool {
        matches!(self, Connection::Pg(_))
    }

    /// The SQLite connection, for what only SQLite has (its file, its pragmas).
    pub(crate) fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Connection::Sqlite(c) => Some(c),
            Connection::Pg(_) => None,
        }
    }

    /// A statement, kept prepared for the next call on SQLite.
    pub(crate) fn prepare_cached(&self, sql: &str) -> Result<Stmt<'_>> {
        Ok(match self {
            Connection::Sqlite(c) => Stmt::Cached(c.prepare_cached(sql)?),
            Connection::Pg(c) => Stmt::Pg(c, sql.to_string()),
        })
    }

    /// A statement.
    pub(crate) fn prepare(&self, sql: &str) -> Result<Stmt<'_>> {
        Ok(match self {
            Connection::Sqlite(c) => Stmt::Plain(c.prepare(sql)?),
            Connection::Pg(c) => Stmt::Pg(c, sql.to_string()),
        })
    }

    /// Runs one statement; the number of rows it changed.
    pub(crate) fn execute(&self, sql: &str, params: impl Params) -> Result<usize> {
        self.prepare(sql)?.execute(params)
    }

    /// Runs statements with no values, separated by semicolons.
    pub(crate) fn execute_batch(&self, sql: &str) -> Result<()> {
        match self {
            Connection::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Connection::Pg(c) => Ok(c.borrow_mut().batch_execute(sql)?),
        }
    }

    /// Hands every row of a query to `f`, one at a time, without holding
    /// them all: for exports and copies that run to millions of rows.
    pub(crate) fn each_row(
        &self,
        sql: &str,
        params: impl Params,
        mut f: impl FnMut(&Row) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let vals = params.vals();
        match self {
            Connection::Sqlite(c) => {
                let mut stmt = c.prepare(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(vals.iter()))?;
                while let Some(r) = rows.next()? {
                    f(&Row::Sqlite(r))?;
                }
            }
            Connection::Pg(c) => {
                use postgres::fallible_iterator::FallibleIterator;
                let sql = pg::bind(sql, &vals)?;
                let mut c = c.borrow_mut();
                let mut rows = c
                    .query_typed_raw(sql.as_str(), pg::NO_PARAMS)
                    .map_err(Error::Pg)?;
                while let Some(r) = rows.next().map_err(Error::Pg)? {
                    f(&Row::Pg(&r))?;
                }
            }
        }
        Ok(())
    }

    /// Streams rows into PostgreSQL with `COPY … FROM STDIN (FORMAT binary)`:
    /// each row's values in the order and of the types given.
    pub(crate) fn copy_in(
        &self,
        sql: &str,
        types: &[postgres::types::Type],
        rows: impl Iterator<Item = Vec<Box<dyn postgres::types::ToSql + Sync>>>,
    ) -> anyhow::Result<u64> {
        self.copy_in_with(sql, types, |w| {
            for row in rows {
                w.write(&row)?;
            }
            Ok(())
        })
    }

    /// Like `copy_in`, with `fill` writing the rows through a `CopyRows`:
    /// for rows read one at a time from another connection.
    pub(crate) fn copy_in_with(
        &self,
        sql: &str,
        types: &[postgres::types::Type],
        fill: impl FnOnce(&mut CopyRows) -> anyhow::Result<()>,
    ) -> anyhow::Result<u64> {
        let Connection::Pg(c) = self else {
            anyhow::bail!("COPY is PostgreSQL's");
        };
        let mut c = c.borrow_mut();
        let writer = c.copy_in(sql).map_err(Error::Pg)?;
        let mut rows = CopyRows(postgres::binary_copy::BinaryCopyInWriter::new(
            writer, types,
        ));
        fill(&mut rows)?;
        Ok(rows.0.finish().map_err(Error::Pg)?)
    }

    /// The first row of a query, read by `f`; `Error::NoRows` when there is none.
    pub(crate) fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<T> {
        self.prepare(sql)?.query_row(params, f)
    }
}

/// The rows of a binary COPY into PostgreSQL.
pub(crate) struct CopyRows<'a>(postgres::binary_copy::BinaryCopyInWriter<'a>);

impl CopyRows<'_> {
    /// Writes one row, its values in the order and of the types of the COPY.
    pub(crate) fn write(&mut self, row: &[Box<dyn postgres::types::ToSql + Sync>]) -> Result<()> {
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
            row.iter().map(|b| b.as_ref()).collect();
        Ok(self.0.write(&refs)?)
    }
}

/// A statement of either engine.
pub(crate) enum Stmt<'c> {
    Cached(rusqlite::CachedStatement<'c>),
    Plain(rusqlite::Statement<'c>),
    Pg(&'c RefCell<postgres::Client>, String),
}

impl<'c> Stmt<'c> {
    fn sqlite(&mut self) -> Option<&mut rusqlite::Statement<'c>> {
        match self {
            Stmt::Cached(s) => Some(&mut **s),
            Stmt::Plain(s) => Some(s),
            Stmt::Pg(..) => None,
        }
    }

    /// Runs the statement; the number of rows it changed.
    pub(crate) fn execute(&mut self, params: impl Params) -> Result<usize> {
        let vals = params.vals();
        if let Some(s) = self.sqlite() {
            return Ok(s.execute(rusqlite::params_from_iter(vals.iter()))?);
        }
        let Stmt::Pg(c, sql) = self else {
            unreachable!()
        };
        let sql = pg::bind(sql, &vals)?;
        pg::execute(&mut c.borrow_mut(), &sql)
    }

    /// Every row of the result, each read by `f`.
    pub(crate) fn query_map<T>(
        &mut self,
        params: impl Params,
        mut f: impl FnMut(&Row) -> Result<T>,
    ) -> Result<std::vec::IntoIter<Result<T>>> {
        let mut out = Vec::new();
        let mut rows = self.query(params)?;
        while let Some(r) = rows.next()? {
            out.push(f(&r));
        }
        Ok(out.into_iter())
    }

    /// The first row of the result, read by `f`; `Error::NoRows` when there is none.
    pub(crate) fn query_row<T>(
        &mut self,
        params: impl Params,
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<T> {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(r) => f(&r),
            None => Err(Error::NoRows),
        }
    }

    /// The rows of the result, one at a time.
    pub(crate) fn query(&mut self, params: impl Params) -> Result<Rows<'_>> {
        let vals = params.vals();
        if let Stmt::Pg(c, sql) = self {
            let sql = pg::bind(sql, &vals)?;
            let rows = c.borrow_mut().query_typed(&sql, &[])?;
            return Ok(Rows::Pg(rows.into_iter(), None));
        }
        let s = self.sqlite().expect("a SQLite statement");
        Ok(Rows::Sqlite(s.query(rusqlite::params_from_iter(vals))?))
    }
}

/// The rows of a result.
pub(crate) enum Rows<'s> {
    Sqlite(rusqlite::Rows<'s>),
    Pg(std::vec::IntoIter<postgres::Row>, Option<postgres::Row>),
}

impl Rows<'_> {
    /// The next row, or `None` after the last.
    pub(crate) fn next(&mut self) -> Result<Option<Row<'_>>> {
        match self {
            Rows::Sqlite(r) => Ok(r.next()?.map(Row::Sqlite)),
            Rows::Pg(it, cur) => {
                *cur = it.next();
                Ok(cur.as_ref().map(Row::Pg))
            }
        }
    }
}
