//! Turning what people type into row ids: a code in any case, a name, an
//! enterprise's short name, or any part of a name that matches one record.
//! Every command and the importer resolve references here, so a record is
//! named the same way everywhere; errors name the nearest matches, or the
//! records among which the typed text could not choose.

use super::cadres;
use super::enterprises::{self, Known};
use super::{CadreId, Db, EnterpriseId, MeetingId, TicketId, UnitId};
use crate::db::sql::OptionalExtension;
use crate::domain::kinds::UnitKind;
use crate::domain::uscc::Uscc;
use crate::error::input;
use anyhow::Result;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::Mutex;

/// Up to three known values closest to `query`: those that contain it or are
/// contained in it first, then the smallest edit distance.
pub(crate) fn nearest(known: impl IntoIterator<Item = String>, query: &str) -> Vec<String> {
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
        .collect::<crate::db::sql::Result<Vec<_>>>()?;
    let near = nearest(known, query);
    Ok(if near.is_empty() {
        String::new()
    } else {
        let (en, zh) = (near.join(", "), near.join("、"));
        crate::tr!("; nearest: {en}", "；最接近的有：{zh}")
    })
}

/// How many candidates an ambiguous reference lists.
const LISTED: usize = 5;

/// A record that matched, as an ambiguity lists it: `code name`.
struct Candidate {
    id: i64,
    code: String,
    name: String,
}

/// The ways a kind of record may be named, tried in order; each is a query
/// of `id, code, name` with the typed text as `?1`. The first way that finds
/// anything decides: one record is the answer, several are an error.
struct Ways {
    what: &'static str,
    plural: &'static str,
    /// What is named, in Chinese messages.
    zh: &'static str,
    steps: &'static [&'static str],
}

impl Ways {
    fn find(&self, db: &Db, typed: &str) -> Result<Option<i64>> {
        for step in self.steps {
            let found: Vec<Candidate> = db
                .sql()
                .prepare_cached(&format!("{step} ORDER BY 2 LIMIT {}", LISTED + 1))?
                .query_map([typed], |r| {
                    Ok(Candidate {
                        id: r.get(0)?,
                        code: r.get(1)?,
                        name: r.get(2)?,
                    })
                })?
                .collect::<crate::db::sql::Result<_>>()?;
            match found.as_slice() {
                [] => continue,
                [one] => return Ok(Some(one.id)),
                many => return Err(self.ambiguous(typed, many)),
            }
        }
        Ok(None)
    }

    fn ambiguous(&self, typed: &str, many: &[Candidate]) -> anyhow::Error {
        let shown: Vec<String> = many
            .iter()
            .take(LISTED)
            .map(|c| format!("{} {}", c.code, c.name))
            .collect();
        let more = if many.len() > LISTED { ", …" } else { "" };
        let (plural, zh) = (self.plural, self.zh);
        let (en_list, zh_list) = (shown.join(", "), shown.join("、"));
        let zh_more = if more.is_empty() { "" } else { "……" };
        input(crate::tr!(
            "{typed:?} matches several {plural} ({en_list}{more}); give more of the name or the code",
            "{typed:?}与多个{zh}相符（{zh_list}{zh_more}）；请把名称写全些，或给出编号"
        ))
    }
}

const UNITS: Ways = Ways {
    what: "unit",
    plural: "units",
    zh: "单位",
    steps: &[
        "SELECT id, code, name FROM units WHERE code = ?1",
        "SELECT id, code, name FROM units WHERE code = ?1 COLLATE NOCASE",
        "SELECT id, code, name FROM units WHERE name = ?1",
        "SELECT id, code, name FROM units WHERE instr(name, ?1) > 0",
    ],
};

const CADRES: Ways = Ways {
    what: "cadre",
    plural: "cadres",
    zh: "干部",
    steps: &[
        "SELECT id, code, name FROM cadres WHERE code = ?1",
        "SELECT id, code, name FROM cadres WHERE code = ?1 COLLATE NOCASE",
        "SELECT id, code, name FROM cadres WHERE name = ?1",
    ],
};

const MEETINGS: Ways = Ways {
    what: "meeting",
    plural: "meetings",
    zh: "座谈会",
    steps: &[
        "SELECT id, code, title FROM meetings WHERE code = ?1",
        "SELECT id, code, title FROM meetings WHERE code = ?1 COLLATE NOCASE",
    ],
};

const TICKETS: Ways = Ways {
    what: "ticket",
    plural: "tickets",
    zh: "问题",
    steps: &[
        "SELECT id, code, summary FROM tickets WHERE code = ?1",
        "SELECT id, code, summary FROM tickets WHERE code = ?1 COLLATE NOCASE",
    ],
};

/// A record by code (any case) or by the other ways its kind allows.
fn by_code<T>(db: &Db, ways: &Ways, table: &str, code: &str, wrap: fn(i64) -> T) -> Result<T> {
    let code = code.trim();
    match ways.find(db, code)? {
        Some(id) => Ok(wrap(id)),
        None => {
            let hint = suggest(db, &format!("SELECT code FROM {table}"), code)?;
            let (what, zh) = (ways.what, ways.zh);
            Err(input(crate::tr!(
                "no {what} with code {code:?}{hint}",
                "没有编号为{code:?}的{zh}{hint}"
            )))
        }
    }
}

/// A unit by code (any case), name, or a part of its name that only it has.
pub(crate) fn unit(db: &Db, code: &str) -> Result<UnitId> {
    let code = code.trim();
    match UNITS.find(db, code)? {
        Some(id) => Ok(UnitId(id)),
        None => {
            let hint = suggest(
                db,
                "SELECT code FROM units UNION ALL SELECT name FROM units",
                code,
            )?;
            Err(input(crate::tr!(
                "no unit with code {code:?}{hint}",
                "没有编号或名称为{code:?}的单位{hint}"
            )))
        }
    }
}

/// A unit by code, name or a part of its name only it has, as its code.
pub(crate) fn unit_code(db: &Db, typed: &str) -> Result<String> {
    let id = unit(db, typed)?;
    Ok(db
        .sql()
        .prepare_cached("SELECT code FROM units WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// A unit that must be of the given kind (a town for an enterprise's location).
pub(crate) fn unit_of_kind(db: &Db, code: &str, kind: UnitKind) -> Result<UnitId> {
    let id = unit(db, code)?;
    let (actual, unit_code, name): (String, String, String) = db
        .sql()
        .prepare_cached("SELECT kind, code, name FROM units WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    if actual != kind.as_str() {
        let typed = code.trim();
        // Named otherwise than by its code, the unit found is shown.
        let shown = if typed == unit_code {
            String::new()
        } else {
            crate::tr!(" ({unit_code} {name})", "（{unit_code} {name}）")
        };
        let actual = UnitKind::parse(&actual).map_or(actual, |k| k.word().to_string());
        let kind = kind.word();
        return Err(input(crate::tr!(
            "unit {typed:?}{shown} is a {actual}, not a {kind}",
            "单位{typed:?}{shown}是{actual}，不是{kind}"
        )));
    }
    Ok(id)
}

/// A cadre by code (any case) or by a name no other cadre has.
pub(crate) fn cadre(db: &Db, code: &str) -> Result<CadreId> {
    by_code(db, &CADRES, "cadres", code, CadreId)
}

pub(crate) fn meeting(db: &Db, code: &str) -> Result<MeetingId> {
    by_code(db, &MEETINGS, "meetings", code, MeetingId)
}

pub(crate) fn ticket(db: &Db, code: &str) -> Result<TicketId> {
    by_code(db, &TICKETS, "tickets", code, TicketId)
}

/// The ways after the code and the exact name, whose duplicates have their own message.
const ENTERPRISES: Ways = Ways {
    what: "enterprise",
    plural: "enterprises",
    zh: "企业",
    steps: &[
        "SELECT id, uscc, name FROM enterprises WHERE short_name = ?1",
        "SELECT id, uscc, name FROM enterprises
          WHERE instr(name, ?1) > 0 OR instr(short_name, ?1) > 0",
    ],
};

/// An enterprise by unified social credit code (any case), exact name,
/// short name, or a part of its name or short name that only it has.
pub(crate) fn enterprise(db: &Db, reference: &str) -> Result<EnterpriseId> {
    let r = reference.trim();
    if r.is_empty() {
        return Err(input(crate::tr!(
            "no enterprise named \"\"",
            "企业名称为空；请给出企业的名称或统一社会信用代码"
        )));
    }
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
        .collect::<crate::db::sql::Result<_>>()?;
    match named.as_slice() {
        [(id, _)] => return Ok(EnterpriseId(*id)),
        [] => {}
        many => {
            let codes: Vec<&str> = many.iter().map(|(_, u)| u.as_str()).collect();
            let (en_list, zh_list) = (codes.join(", "), codes.join("、"));
            let (n, zh_n) = if many.len() > 3 {
                ("several".to_string(), "多".to_string())
            } else {
                (many.len().to_string(), many.len().to_string())
            };
            return Err(input(crate::tr!(
                "{n} enterprises are named {r:?} ({en_list}); give the unified social credit code instead",
                "有{zh_n}家企业名为{r:?}（{zh_list}）；请改用统一社会信用代码"
            )));
        }
    }
    if let Some(id) = ENTERPRISES.find(db, r)? {
        return Ok(EnterpriseId(id));
    }
    // Something shaped like a code gets the code's own diagnosis.
    if looks_like_code(r) {
        if let Err(e) = Uscc::parse(r) {
            return Err(input(crate::tr!(
                "enterprise {r:?}: unified social credit code {e}",
                "企业{r:?}：统一社会信用代码{e}"
            )));
        }
        return Err(input(crate::tr!(
            "no enterprise with unified social credit code {r}",
            "没有统一社会信用代码为{r}的企业"
        )));
    }
    let hint = suggest(
        db,
        "SELECT name FROM enterprises UNION ALL
         SELECT short_name FROM enterprises WHERE short_name IS NOT NULL",
        r,
    )?;
    Err(input(crate::tr!(
        "no enterprise named {r:?}{hint}",
        "没有名为{r:?}的企业{hint}"
    )))
}

fn looks_like_code(r: &str) -> bool {
    r.chars().count() == 18 && !r.chars().any(|c| c > '\u{2E7F}' && c < '\u{FF00}')
}

/// Every enterprise's code, names and id, loaded once to check many rows:
/// `find` answers as `enterprise` does, or None where `enterprise` would
/// refuse (and `enterprise` then says why).
pub(crate) struct Enterprises {
    by_uscc: HashMap<String, EnterpriseId>,
    /// None when several enterprises share the name.
    by_name: HashMap<String, Option<EnterpriseId>>,
    by_short: HashMap<String, EnterpriseId>,
    all: Vec<Known>,
    /// Parts of names already looked for: a file names the same few enterprises again and again.
    parts: Mutex<HashMap<String, Option<EnterpriseId>>>,
}

impl Enterprises {
    pub(crate) fn load(db: &Db) -> Result<Enterprises> {
        let all = enterprises::known(db)?;
        let mut by_uscc = HashMap::new();
        let mut by_name: HashMap<String, Option<EnterpriseId>> = HashMap::new();
        let mut by_short = HashMap::new();
        for e in &all {
            by_uscc.insert(e.uscc.clone(), e.id);
            by_name
                .entry(e.name.clone())
                .and_modify(|v| *v = None)
                .or_insert(Some(e.id));
            if let Some(s) = &e.short_name {
                by_short.insert(s.clone(), e.id);
            }
        }
        Ok(Enterprises {
            by_uscc,
            by_name,
            by_short,
            all,
            parts: Mutex::default(),
        })
    }

    pub(crate) fn find(&self, reference: &str) -> Option<EnterpriseId> {
        let r = reference.trim();
        if r.is_empty() {
            return None;
        }
        if let Some(id) = self.by_uscc.get(r) {
            return Some(*id);
        }
        if r.bytes().any(|b| b.is_ascii_lowercase()) {
            if let Some(id) = self.by_uscc.get(&r.to_ascii_uppercase()) {
                return Some(*id);
            }
        }
        if let Some(found) = self.by_name.get(r) {
            return *found;
        }
        if let Some(id) = self.by_short.get(r) {
            return Some(*id);
        }
        let mut parts = self.parts.lock().unwrap_or_else(|e| e.into_inner());
        *parts.entry(r.to_string()).or_insert_with(|| {
            let mut hits = self.all.iter().filter(|e| {
                e.name.contains(r) || e.short_name.as_deref().is_some_and(|s| s.contains(r))
            });
            match (hits.next(), hits.next()) {
                (Some(one), None) => Some(one.id),
                _ => None,
            }
        })
    }
}

/// Every cadre's code and name, loaded once to check many rows: `find`
/// answers as `cadre` does, or None where `cadre` would refuse.
pub(crate) struct Cadres {
    by_code: HashMap<String, CadreId>,
    /// Codes in lower case and names; None when several cadres share one.
    others: [HashMap<String, Option<CadreId>>; 2],
}

impl Cadres {
    pub(crate) fn load(db: &Db) -> Result<Cadres> {
        let mut by_code = HashMap::new();
        let mut others: [HashMap<String, Option<CadreId>>; 2] = Default::default();
        for (code, name, id) in cadres::known(db)? {
            for (map, key) in others.iter_mut().zip([code.to_lowercase(), name]) {
                map.entry(key).and_modify(|v| *v = None).or_insert(Some(id));
            }
            by_code.insert(code, id);
        }
        Ok(Cadres { by_code, others })
    }

    pub(crate) fn find(&self, code: &str) -> Option<CadreId> {
        let code = code.trim();
        if let Some(id) = self.by_code.get(code) {
            return Some(*id);
        }
        let [folded, named] = &self.others;
        folded
            .get(&code.to_lowercase())
            .or_else(|| named.get(code))
            .copied()
            .flatten()
    }
}
/// Every unit's, cadre's and meeting's code and every enterprise's USCC,
/// with each unit's kind and each meeting's day, for a file that names them
/// row after row: each kind is read in one query when a row first names
/// one, so a load reads only the kinds its rows refer to. A reference typed
/// as a code, exactly, is found here; anything else (another case, a name, a
/// part of one, nothing known) goes to `unit`, `cadre`, `meeting` or
/// `enterprise`, which answer or say why not, so every answer is theirs.
#[derive(Default)]
pub(crate) struct Codes {
    /// Each unit's id and kind, as stored, by its code.
    units: OnceCell<HashMap<String, (UnitId, String)>>,
    cadres: OnceCell<HashMap<String, CadreId>>,
    /// Each meeting's id and the day it was held, by its code.
    meetings: OnceCell<HashMap<String, (MeetingId, chrono::NaiveDate)>>,
    enterprises: OnceCell<HashMap<String, EnterpriseId>>,
}

/// The map in `cell`, read with `sql` (the code first) the first time.
fn loaded<'a, V>(
    cell: &'a OnceCell<HashMap<String, V>>,
    db: &Db,
    sql: &str,
    value: impl Fn(&crate::db::sql::Row) -> Result<V>,
) -> Result<&'a HashMap<String, V>> {
    if let Some(map) = cell.get() {
        return Ok(map);
    }
    let mut map = HashMap::new();
    db.sql().each_row(sql, [], |r| {
        map.insert(r.get(0)?, value(r)?);
        Ok(())
    })?;
    Ok(cell.get_or_init(|| map))
}

impl Codes {
    fn units(&self, db: &Db) -> Result<&HashMap<String, (UnitId, String)>> {
        loaded(&self.units, db, "SELECT code, id, kind FROM units", |r| {
            Ok((UnitId(r.get(1)?), r.get(2)?))
        })
    }

    pub(crate) fn unit(&self, db: &Db, typed: &str) -> Result<UnitId> {
        match self.units(db)?.get(typed.trim()) {
            Some((id, _)) => Ok(*id),
            None => unit(db, typed),
        }
    }

    /// A unit that must be of `kind`; any other goes to `unit_of_kind`,
    /// which says what it is instead.
    pub(crate) fn unit_of_kind(&self, db: &Db, typed: &str, kind: UnitKind) -> Result<UnitId> {
        match self.units(db)?.get(typed.trim()) {
            Some((id, actual)) if actual == kind.as_str() => Ok(*id),
            _ => unit_of_kind(db, typed, kind),
        }
    }

    pub(crate) fn cadre(&self, db: &Db, typed: &str) -> Result<CadreId> {
        let cadres = loaded(&self.cadres, db, "SELECT code, id FROM cadres", |r| {
            Ok(CadreId(r.get(1)?))
        })?;
        match cadres.get(typed.trim()) {
            Some(id) => Ok(*id),
            None => cadre(db, typed),
        }
    }

    /// A meeting and the day it was held.
    pub(crate) fn meeting(&self, db: &Db, typed: &str) -> Result<(MeetingId, chrono::NaiveDate)> {
        let meetings = loaded(
            &self.meetings,
            db,
            "SELECT code, id, held_on FROM meetings",
            |r| {
                let day: String = r.get(2)?;
                Ok((MeetingId(r.get(1)?), crate::domain::date::parse(&day)?))
            },
        )?;
        match meetings.get(typed.trim()) {
            Some(found) => Ok(*found),
            None => {
                let id = meeting(db, typed)?;
                Ok((id, super::meetings::held_on(db, id)?))
            }
        }
    }

    pub(crate) fn enterprise(&self, db: &Db, typed: &str) -> Result<EnterpriseId> {
        let enterprises = loaded(
            &self.enterprises,
            db,
            "SELECT uscc, id FROM enterprises",
            |r| Ok(EnterpriseId(r.get(1)?)),
        )?;
        let r = typed.trim();
        match enterprises.get(&r.to_ascii_uppercase()) {
            Some(id) if !r.is_empty() => Ok(*id),
            _ => enterprise(db, typed),
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
