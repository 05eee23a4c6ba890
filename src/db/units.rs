//! Units: the district departments and towns/streets that employ cadres.

use super::{all, each, Db, Tx};
use crate::db::sql::{params, OptionalExtension};
use crate::domain::kinds::UnitKind;
use crate::domain::rules;
use anyhow::Result;

/// A unit as it is added or updated.
pub(crate) struct NewUnit<'a> {
    pub(crate) code: &'a str,
    pub(crate) name: &'a str,
    pub(crate) kind: UnitKind,
}

/// Adds a unit; false (and nothing written) when its code is taken.
pub(crate) fn add(tx: &Tx, u: &NewUnit) -> Result<bool> {
    rules::group_name("name", u.name)?;
    let n = tx
        .sql()
        .prepare_cached(
            "INSERT INTO units (code, name, kind) VALUES (?1, ?2, ?3) ON CONFLICT (code) DO NOTHING",
        )?
        .execute(params![u.code, u.name, u.kind.as_str()])?;
    Ok(n == 1)
}

/// Gives the unit with this code the new name and kind.
pub(crate) fn update(tx: &Tx, u: &NewUnit) -> Result<()> {
    rules::group_name("name", u.name)?;
    tx.sql()
        .prepare_cached("UPDATE units SET name = ?2, kind = ?3 WHERE code = ?1")?
        .execute(params![u.code, u.name, u.kind.as_str()])?;
    Ok(())
}

/// The unit with this code as the registry holds it: name and kind.
pub(crate) fn by_code(db: &Db, code: &str) -> Result<Option<(String, String)>> {
    Ok(db
        .sql()
        .prepare_cached("SELECT name, kind FROM units WHERE code = ?1")?
        .query_row([code], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// How many enterprises are located in the unit with this code (0 when
/// there is no such unit): a town with enterprises must stay a town.
pub(crate) fn enterprises_located(db: &Db, code: &str) -> Result<i64> {
    Ok(db
        .sql()
        .prepare_cached(
            "SELECT count(*) FROM enterprises e JOIN units u ON u.id = e.town_id WHERE u.code = ?1",
        )?
        .query_row([code], |r| r.get(0))?)
}

/// A unit of `unit list`.
pub(crate) struct Listed {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) kind: String,
    pub(crate) cadres: i64,
    pub(crate) enterprises: i64,
}

/// The units (of one kind, if given) with how many cadres they employ and
/// how many enterprises are located in them, by code.
pub(crate) fn list(db: &Db, kind: Option<UnitKind>) -> Result<Vec<Listed>> {
    all(
        db,
        "SELECT u.code, u.name, u.kind,
                (SELECT count(*) FROM cadres c WHERE c.unit_id = u.id),
                (SELECT count(*) FROM enterprises e WHERE e.town_id = u.id)
         FROM units u WHERE ?1 IS NULL OR u.kind = ?1 ORDER BY u.code",
        [kind.map(UnitKind::as_str)],
        |r| {
            Ok(Listed {
                code: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                cadres: r.get(3)?,
                enterprises: r.get(4)?,
            })
        },
    )
}

/// A unit as `export` writes it.
pub(crate) struct Unit {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) kind: String,
}

/// Every unit, oldest first.
pub(crate) fn export(db: &Db, rows: impl FnMut(Unit) -> Result<()>) -> Result<()> {
    let unit = |r: &crate::db::sql::Row| {
        Ok(Unit {
            code: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
        })
    };
    each(
        db,
        "SELECT code, name, kind FROM units ORDER BY id",
        unit,
        rows,
    )
}
