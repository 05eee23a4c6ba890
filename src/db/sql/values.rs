//! The values of statements: what is bound (`Val`, `ToSql`, `Params`,
//! `params!`) and what a row's column is read as (`FromSql`, `RowIndex`),
//! the same on both engines.

use super::{Error, Result, Row};
use crate::output::Value;
use std::borrow::Cow;

/// A value bound to a statement, or read from a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
}

impl From<String> for Val<'static> {
    fn from(s: String) -> Self {
        Val::Text(Cow::Owned(s))
    }
}

impl From<i64> for Val<'static> {
    fn from(n: i64) -> Self {
        Val::Int(n)
    }
}

impl Val<'_> {
    /// The text of a text value.
    pub(crate) fn as_str(&self) -> Result<&str> {
        match self {
            Val::Text(t) => Ok(t),
            v => Err(wrong(v, "text")),
        }
    }
}

/// A Rust value that can be bound to a statement.
pub(crate) trait ToSql {
    fn to_val(&self) -> Val<'_>;
}

impl<T: ToSql + ?Sized> ToSql for &T {
    fn to_val(&self) -> Val<'_> {
        (**self).to_val()
    }
}

impl<T: ToSql> ToSql for Option<T> {
    fn to_val(&self) -> Val<'_> {
        self.as_ref().map_or(Val::Null, ToSql::to_val)
    }
}

impl ToSql for str {
    fn to_val(&self) -> Val<'_> {
        Val::Text(Cow::Borrowed(self))
    }
}

impl ToSql for String {
    fn to_val(&self) -> Val<'_> {
        Val::Text(Cow::Borrowed(self))
    }
}

impl ToSql for Val<'_> {
    fn to_val(&self) -> Val<'_> {
        self.clone()
    }
}

macro_rules! int_to_sql {
    ($($t:ty),+) => {$(
        impl ToSql for $t {
            fn to_val(&self) -> Val<'_> {
                Val::Int(*self as i64)
            }
        }
    )+};
}
int_to_sql!(i64, i32, u32, u8, usize, bool);

impl ToSql for f64 {
    fn to_val(&self) -> Val<'_> {
        Val::Real(*self)
    }
}

impl rusqlite::ToSql for Val<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self {
            Val::Null => ValueRef::Null,
            Val::Int(n) => ValueRef::Integer(*n),
            Val::Real(f) => ValueRef::Real(*f),
            Val::Text(t) => ValueRef::Text(t.as_bytes()),
        }))
    }
}

/// The values bound to one statement.
pub(crate) trait Params {
    fn vals(&self) -> Vec<Val<'_>>;
}

impl Params for () {
    fn vals(&self) -> Vec<Val<'_>> {
        Vec::new()
    }
}

impl Params for [&dyn ToSql; 0] {
    fn vals(&self) -> Vec<Val<'_>> {
        Vec::new()
    }
}

macro_rules! array_params {
    ($($n:literal),+) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn vals(&self) -> Vec<Val<'_>> {
                self.iter().map(ToSql::to_val).collect()
            }
        }
    )+};
}
array_params!(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

impl Params for &[&dyn ToSql] {
    fn vals(&self) -> Vec<Val<'_>> {
        self.iter().map(|v| v.to_val()).collect()
    }
}

impl<const N: usize> Params for &[&dyn ToSql; N] {
    fn vals(&self) -> Vec<Val<'_>> {
        self.iter().map(|v| v.to_val()).collect()
    }
}

macro_rules! tuple_params {
    ($(($($n:tt $t:ident),+)),+) => {$(
        impl<$($t: ToSql),+> Params for ($($t,)+) {
            fn vals(&self) -> Vec<Val<'_>> {
                vec![$(self.$n.to_val()),+]
            }
        }
    )+};
}
tuple_params!((0 A), (0 A, 1 B), (0 A, 1 B, 2 C), (0 A, 1 B, 2 C, 3 D), (0 A, 1 B, 2 C, 3 D, 4 E));

/// The values of a statement as a slice: `params![a, b]`.
macro_rules! params {
    () => { () };
    ($($v:expr),+ $(,)?) => { &[$(&$v as &dyn $crate::db::sql::ToSql),+] as &[&dyn $crate::db::sql::ToSql] };
}
pub(crate) use params;

/// A Rust value a row's column can be read as.
pub(crate) trait FromSql: Sized {
    fn from_val(v: Val<'_>) -> Result<Self>;
}

pub(super) fn wrong(v: &Val<'_>, what: &str) -> Error {
    Error::Value(format!("a stored value {v:?} is not {what}"))
}

impl FromSql for i64 {
    fn from_val(v: Val<'_>) -> Result<Self> {
        match v {
            Val::Int(n) => Ok(n),
            v => Err(wrong(&v, "an integer")),
        }
    }
}

macro_rules! int_from_sql {
    ($($t:ty),+) => {$(
        impl FromSql for $t {
            fn from_val(v: Val<'_>) -> Result<Self> {
                let n = i64::from_val(v)?;
                <$t>::try_from(n).map_err(|_| Error::Value(format!("{n} is out of range")))
            }
        }
    )+};
}
int_from_sql!(i32, u32, u8, usize);

impl FromSql for bool {
    fn from_val(v: Val<'_>) -> Result<Self> {
        Ok(i64::from_val(v)? != 0)
    }
}

impl FromSql for f64 {
    fn from_val(v: Val<'_>) -> Result<Self> {
        match v {
            Val::Real(f) => Ok(f),
            Val::Int(n) => Ok(n as f64),
            v => Err(wrong(&v, "a number")),
        }
    }
}

impl FromSql for String {
    fn from_val(v: Val<'_>) -> Result<Self> {
        match v {
            Val::Text(t) => Ok(t.into_owned()),
            v => Err(wrong(&v, "text")),
        }
    }
}

impl<T: FromSql> FromSql for Option<T> {
    fn from_val(v: Val<'_>) -> Result<Self> {
        match v {
            Val::Null => Ok(None),
            v => T::from_val(v).map(Some),
        }
    }
}

/// Stored values as output values.
impl FromSql for Value {
    fn from_val(v: Val<'_>) -> Result<Self> {
        Ok(match v {
            Val::Null => Value::Null,
            Val::Int(n) => Value::Int(n),
            Val::Real(f) => Value::Text(f.to_string()),
            Val::Text(t) => Value::Text(t.into_owned()),
        })
    }
}

impl FromSql for Val<'static> {
    fn from_val(v: Val<'_>) -> Result<Self> {
        Ok(match v {
            Val::Null => Val::Null,
            Val::Int(n) => Val::Int(n),
            Val::Real(f) => Val::Real(f),
            Val::Text(t) => Val::Text(Cow::Owned(t.into_owned())),
        })
    }
}

/// A column of a row: its position or its name.
pub(crate) trait RowIndex {
    fn index(&self, row: &Row) -> Result<usize>;
}

impl RowIndex for usize {
    fn index(&self, row: &Row) -> Result<usize> {
        if *self < row.column_count() {
            Ok(*self)
        } else {
            Err(Error::Value(format!("no column {self}")))
        }
    }
}

impl RowIndex for &str {
    fn index(&self, row: &Row) -> Result<usize> {
        (0..row.column_count())
            .find(|&i| row.column_name(i).eq_ignore_ascii_case(self))
            .ok_or_else(|| Error::Value(format!("no column {self}")))
    }
}
