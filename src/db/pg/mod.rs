//! PostgreSQL, the engine for many users at once: how a statement of `db`
//! is sent (its values written in as literals, see `db::sql`), how a result
//! is read, and how a server's error reads.

pub(crate) mod connect;
pub(crate) mod schema;

use super::sql::{Error, Result, Val};
use std::borrow::Cow;
use std::fmt;

/// The parameters of a statement whose values are written in: none.
pub(crate) const NO_PARAMS: [(&str, postgres::types::Type); 0] = [];

/// A value as an SQL literal. Strings are standard conforming (the
/// connection sets `standard_conforming_strings`), so a backslash is an
/// ordinary character and a quote is the only one that needs doubling.
pub(crate) fn literal(v: &Val<'_>, out: &mut String) -> Result<()> {
    match v {
        Val::Null => out.push_str("NULL"),
        Val::Int(n) if *n < 0 => out.push_str(&format!("({n})")),
        Val::Int(n) => out.push_str(&n.to_string()),
        Val::Real(f) if f.is_finite() => out.push_str(&format!("({f:?}::float8)")),
        Val::Real(f) => return Err(Error::Value(format!("{f} cannot be stored"))),
        Val::Text(t) => {
            if t.contains('\0') {
                return Err(Error::Value(
                    "text with a NUL character cannot be stored".into(),
                ));
            }
            out.push('\'');
            out.push_str(&t.replace('\'', "''"));
            out.push('\'');
        }
    }
    Ok(())
}

/// The statement with each `?N` (or bare `?`, numbered in order) replaced by
/// its value as a literal. Quoted strings, quoted names and comments are
/// copied as they are.
pub(crate) fn bind(sql: &str, vals: &[Val<'_>]) -> Result<String> {
    let mut out = String::with_capacity(sql.len() + 16 * vals.len());
    let mut chars = sql.char_indices().peekable();
    let mut largest = 0;
    while let Some((_, c)) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for (_, d) in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '-' if chars.peek().is_some_and(|&(_, d)| d == '-') => {
                for (_, d) in chars.by_ref() {
                    if d == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(&(_, d)) = chars.peek().filter(|(_, d)| d.is_ascii_digit()) {
                    digits.push(d);
                    chars.next();
                }
                // As SQLite numbers them: a bare `?` is one more than the largest so far.
                let n = if digits.is_empty() {
                    largest + 1
                } else {
                    digits.parse::<usize>().unwrap_or(0)
                };
                largest = largest.max(n);
                let v = n
                    .checked_sub(1)
                    .and_then(|i| vals.get(i))
                    .ok_or_else(|| Error::Value(format!("no value for parameter {n}")))?;
                literal(v, &mut out)?;
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Runs a statement that returns no rows; the number of rows it changed.
pub(crate) fn execute(c: &mut postgres::Client, sql: &str) -> Result<usize> {
    let mut changed = 0;
    for m in c.simple_query(sql)? {
        if let postgres::SimpleQueryMessage::CommandComplete(n) = m {
            changed = n as usize;
        }
    }
    Ok(changed)
}

/// A column of a PostgreSQL row as SQLite would give it: integers, text,
/// reals; a DATE as `YYYY-MM-DD`, a boolean as 0 or 1.
pub(crate) fn val(r: &postgres::Row, i: usize) -> Result<Val<'_>> {
    use postgres::types::Type;
    let ty = r.columns()[i].type_().clone();
    let get = |e: postgres::Error| Error::Pg(e);
    Ok(match ty {
        Type::INT8 => r.try_get::<_, Option<i64>>(i).map_err(get)?.map(Val::Int),
        Type::INT4 => r
            .try_get::<_, Option<i32>>(i)
            .map_err(get)?
            .map(|n| Val::Int(n.into())),
        Type::INT2 => r
            .try_get::<_, Option<i16>>(i)
            .map_err(get)?
            .map(|n| Val::Int(n.into())),
        Type::BOOL => r
            .try_get::<_, Option<bool>>(i)
            .map_err(get)?
            .map(|b| Val::Int(b.into())),
        Type::FLOAT8 => r.try_get::<_, Option<f64>>(i).map_err(get)?.map(Val::Real),
        Type::FLOAT4 => r
            .try_get::<_, Option<f32>>(i)
            .map_err(get)?
            .map(|f| Val::Real(f.into())),
        Type::DATE => r
            .try_get::<_, Option<chrono::NaiveDate>>(i)
            .map_err(get)?
            .map(|d| Val::Text(Cow::Owned(d.format("%Y-%m-%d").to_string()))),
        // sum() of bigints is NUMERIC; qianqi's sums are whole counts.
        Type::NUMERIC => r
            .try_get::<_, Option<rust_decimal::Decimal>>(i)
            .map_err(get)?
            .map(|d| {
                use rust_decimal::prelude::ToPrimitive;
                match (d.fract().is_zero(), d.to_i64()) {
                    (true, Some(n)) => Val::Int(n),
                    _ => Val::Real(d.to_f64().unwrap_or(f64::NAN)),
                }
            }),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => r
            .try_get::<_, Option<&str>>(i)
            .map_err(get)?
            .map(|s| Val::Text(Cow::Borrowed(s))),
        other => {
            return Err(Error::Value(format!(
                "column {} has the type {other}, which qianqi does not read",
                r.columns()[i].name()
            )))
        }
    }
    .unwrap_or(Val::Null))
}

/// A server's error as one line: its message, and its detail where it has one.
pub(crate) fn describe(e: &postgres::Error, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match e.as_db_error() {
        Some(db) => {
            f.write_str(db.message())?;
            if let Some(d) = db.detail() {
                write!(f, " ({d})")?;
            }
            Ok(())
        }
        None if e.is_closed()
            || std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>()) =>
        {
            f.write_str(&crate::tr!(
            "the server closed the connection (it stopped or restarted); what this command was writing was not kept",
            "服务器断开了连接（已停止或重启）；本命令正在写入的内容未保存"
            ))
        }
        None => write!(f, "{e}"),
    }
}

/// A server's error as `describe` writes it.
pub(crate) struct Shown<'a>(pub(crate) &'a postgres::Error);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        describe(self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_in_as_literals() {
        let vals = [Val::Text("O'Brien \\ 古南".into()), Val::Int(-3), Val::Null];
        assert_eq!(
            bind("SELECT ?1, '?2', \"?\" -- ?9\n, ?2 - ?3", &vals).unwrap(),
            "SELECT 'O''Brien \\ 古南', '?2', \"?\" \n, (-3) - NULL"
        );
        assert_eq!(
            bind("SELECT ?, ?2, ?", &vals).unwrap(),
            "SELECT 'O''Brien \\ 古南', (-3), NULL"
        );
        assert!(bind("SELECT ?4", &vals).is_err());
        assert!(bind("SELECT ?1", &[Val::Text("a\0b".into())]).is_err());
    }
}
