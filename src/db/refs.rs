//! Turning what people type (codes, USCCs, enterprise names) into row ids,
//! with errors that name the nearest matches.

use super::{CadreId, Db, EnterpriseId, MeetingId, TicketId, UnitId};
use crate::domain::kinds::UnitKind;
use crate::domain::uscc::Uscc;
use crate::error::input;
use anyhow::Result;
use rusqlite::OptionalExtension;

/// Up to three known values closest to `query`: those that contain it or are
/// contained in it first, then the smallest edit distance.
pub fn nearest(known: impl IntoIterator<Item = String>, query: &str) -> Vec<String> {
    let q = query.trim().to_lowercase();
    let mut scored: Vec<(usize, String)> = known
        .into_iter()
        .map(|k| {
            let l = k.to_lowercase();
            let score = if !q.is_empty() && (l.contains(&q) || q.contains(&l)) {
                0
            } else {
                1 + strsim::levenshtein(&l, &q)
            };
            (score, k)
        })
        .collect();
    scored.sort();
    let limit = (q.chars().count() / 2).max(2) + 1;
    scored
        .into_iter()
        .filter(|(s, _)| *s <= limit)
        .take(3)
        .map(|(_, k)| k)
        .collect()
}

fn suggest(db: &Db, sql: &str, query: &str) -> Result<String> {
    let mut stmt = db.sql().prepare(sql)?;
    let known = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let near = nearest(known, query);
    Ok(if near.is_empty() {
        String::new()
    } else {
        format!("; nearest: {}", near.join(", "))
    })
}

fn by_code<T>(db: &Db, what: &str, table: &str, code: &str, wrap: fn(i64) -> T) -> Result<T> {
    let code = code.trim();
    let found: Option<i64> = db
        .sql()
        .prepare_cached(&format!("SELECT id FROM {table} WHERE code = ?1"))?
        .query_row([code], |r| r.get(0))
        .optional()?;
    match found {
        Some(id) => Ok(wrap(id)),
        None => {
            let hint = suggest(db, &format!("SELECT code FROM {table}"), code)?;
            Err(input(format!("no {what} with code {code:?}{hint}")))
        }
    }
}

pub fn unit(db: &Db, code: &str) -> Result<UnitId> {
    by_code(db, "unit", "units", code, UnitId)
}

/// A unit that must be of the given kind (a town for an enterprise's location).
pub fn unit_of_kind(db: &Db, code: &str, kind: UnitKind) -> Result<UnitId> {
    let id = unit(db, code)?;
    let actual: String = db
        .sql()
        .prepare_cached("SELECT kind FROM units WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    if actual != kind.as_str() {
        return Err(input(format!(
            "unit {:?} is a {actual}, not a {kind}",
            code.trim()
        )));
    }
    Ok(id)
}

pub fn cadre(db: &Db, code: &str) -> Result<CadreId> {
    by_code(db, "cadre", "cadres", code, CadreId)
}

pub fn meeting(db: &Db, code: &str) -> Result<MeetingId> {
    by_code(db, "meeting", "meetings", code, MeetingId)
}

pub fn ticket(db: &Db, code: &str) -> Result<TicketId> {
    by_code(db, "ticket", "tickets", code, TicketId)
}

/// An enterprise by USCC or by exact name.
pub fn enterprise(db: &Db, reference: &str) -> Result<EnterpriseId> {
    let r = reference.trim();
    let by_uscc: Option<i64> = db
        .sql()
        .prepare_cached("SELECT id FROM enterprises WHERE uscc = ?1")?
        .query_row([r.to_ascii_uppercase()], |row| row.get(0))
        .optional()?;
    if let Some(id) = by_uscc {
        return Ok(EnterpriseId(id));
    }
    let named: Vec<(i64, String)> = db
        .sql()
        .prepare_cached("SELECT id, uscc FROM enterprises WHERE name = ?1 ORDER BY uscc LIMIT 4")?
        .query_map([r], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    match named.as_slice() {
        [(id, _)] => Ok(EnterpriseId(*id)),
        [] => {
            // Something shaped like a code gets the code's own diagnosis.
            let looks_like_code =
                r.chars().count() == 18 && !r.chars().any(|c| c > '\u{2E7F}' && c < '\u{FF00}');
            if looks_like_code {
                if let Err(e) = Uscc::parse(r) {
                    return Err(input(format!(
                        "enterprise {r:?}: unified social credit code {e}"
                    )));
                }
                return Err(input(format!(
                    "no enterprise with unified social credit code {r}"
                )));
            }
            let hint = suggest(db, "SELECT name FROM enterprises", r)?;
            Err(input(format!("no enterprise named {r:?}{hint}")))
        }
        many => {
            let codes: Vec<&str> = many.iter().map(|(_, u)| u.as_str()).collect();
            Err(input(format!(
                "{} enterprises are named {r:?} ({}); give the unified social credit code instead",
                if many.len() > 3 {
                    "several".to_string()
                } else {
                    many.len().to_string()
                },
                codes.join(", ")
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn nearest_prefers_containment_then_edit_distance() {
        let known = ["C0001", "C0002", "C0100", "T01"].map(String::from);
        assert_eq!(
            nearest(known.clone(), "C001"),
            vec!["C0001", "C0002", "C0100"]
        );
        assert!(nearest(known, "完全不同的东西").is_empty());
        let names = ["重庆金美新材料科技有限公司", "重庆新视通智能科技有限公司"].map(String::from);
        assert_eq!(
            nearest(names, "金美新材料")[0],
            "重庆金美新材料科技有限公司"
        );
    }
}
