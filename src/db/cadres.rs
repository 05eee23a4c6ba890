//! Cadres (助企干部) and the units that employ them.

use super::{all, each, CadreId, Db, Tx, UnitId};
use crate::db::sql::{params, OptionalExtension};
use crate::domain::kinds::Tier;
use anyhow::Result;

/// A cadre as it is added or updated.
pub(crate) struct NewCadre<'a> {
    pub(crate) code: &'a str,
    pub(crate) name: &'a str,
    pub(crate) unit: UnitId,
    pub(crate) rank: &'a str,
    pub(crate) phone: &'a str,
}

/// Adds a cadre; false (and nothing written) when the code is taken.
pub(crate) fn add(tx: &Tx, c: &NewCadre) -> Result<bool> {
    let n = tx
        .sql()
        .prepare_cached(
            "INSERT INTO cadres (code, name, unit_id, rank, phone) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (code) DO NOTHING",
        )?
        .execute(params![c.code, c.name, c.unit, c.rank, c.phone])?;
    Ok(n == 1)
}

/// The columns an update changes: `None` leaves a column as it is.
pub(crate) struct CadreChange<'a> {
    pub(crate) name: Option<&'a str>,
    pub(crate) unit: Option<UnitId>,
    pub(crate) rank: Option<&'a str>,
    pub(crate) phone: Option<&'a str>,
}

/// Changes the given columns of the cadre with this code, and only those.
pub(crate) fn update(tx: &Tx, code: &str, c: &CadreChange) -> Result<()> {
    tx.sql()
        .prepare_cached(
            "UPDATE cadres SET name = coalesce(?2, name), unit_id = coalesce(?3, unit_id),
                    rank = coalesce(?4, rank), phone = coalesce(?5, phone)
             WHERE code = ?1",
        )?
        .execute(params![code, c.name, c.unit, c.rank, c.phone])?;
    Ok(())
}

/// The cadre with this code as the registry holds it: name, unit, rank, phone.
pub(crate) fn by_code(db: &Db, code: &str) -> Result<Option<(String, UnitId, String, String)>> {
    Ok(db
        .sql()
        .prepare_cached("SELECT name, unit_id, rank, phone FROM cadres WHERE code = ?1")?
        .query_row([code], |r| {
            Ok((r.get(0)?, UnitId(r.get(1)?), r.get(2)?, r.get(3)?))
        })
        .optional()?)
}

/// Every cadre's code, name and id, for checking many rows at once (see `refs::Cadres`).
pub(crate) fn known(db: &Db) -> Result<Vec<(String, String, CadreId)>> {
    all(db, "SELECT code, name, id FROM cadres", [], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
}

/// A cadre of `cadre list`.
pub(crate) struct Listed {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) unit: String,
    pub(crate) unit_name: String,
    pub(crate) rank: String,
    pub(crate) phone: String,
    /// Enterprises served now (open pairings).
    pub(crate) enterprises: i64,
    /// Visits that count (not voided).
    pub(crate) visits: i64,
    pub(crate) last_visit: Option<String>,
}

/// The cadres (of a unit, with an open pairing of a tier, if given), by code.
pub(crate) fn list(db: &Db, unit: Option<UnitId>, tier: Option<Tier>) -> Result<Vec<Listed>> {
    all(
        db,
        "SELECT c.code, c.name, u.code, c.rank, c.phone,
                (SELECT count(*) FROM pairings p WHERE p.cadre_id = c.id AND p.ended_on IS NULL),
                (SELECT count(*) FROM visits v WHERE v.cadre_id = c.id AND v.voided_on IS NULL),
                (SELECT max(visited_on) FROM visits v WHERE v.cadre_id = c.id AND v.voided_on IS NULL),
                u.name
         FROM cadres c JOIN units u ON u.id = c.unit_id
         WHERE (?1 IS NULL OR c.unit_id = ?1)
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM pairings p WHERE p.cadre_id = c.id
                                      AND p.ended_on IS NULL AND p.tier = ?2))
         ORDER BY c.code",
        params![unit, tier.map(Tier::as_str)],
        |r| {
            Ok(Listed {
                code: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
                unit_name: r.get(8)?,
                rank: r.get(3)?,
                phone: r.get(4)?,
                enterprises: r.get(5)?,
                visits: r.get(6)?,
                last_visit: r.get(7)?,
            })
        },
    )
}

/// A cadre as the cadre's file and `export` show it.
pub(crate) struct Cadre {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) unit_code: String,
    pub(crate) unit_name: String,
    pub(crate) rank: String,
    pub(crate) phone: String,
}

impl Cadre {
    /// How every view names a cadre: code and name.
    pub(crate) fn shown(&self) -> String {
        format!("{} {}", self.code, self.name)
    }
}

const SELECT: &str = "SELECT c.code, c.name, u.code, u.name, c.rank, c.phone
     FROM cadres c JOIN units u ON u.id = c.unit_id";

fn cadre(r: &crate::db::sql::Row) -> crate::db::sql::Result<Cadre> {
    Ok(Cadre {
        code: r.get(0)?,
        name: r.get(1)?,
        unit_code: r.get(2)?,
        unit_name: r.get(3)?,
        rank: r.get(4)?,
        phone: r.get(5)?,
    })
}

pub(crate) fn get(db: &Db, id: CadreId) -> Result<Cadre> {
    Ok(db
        .sql()
        .query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], cadre)?)
}

/// Every cadre, oldest first.
pub(crate) fn export(db: &Db, rows: impl FnMut(Cadre) -> Result<()>) -> Result<()> {
    each(db, &format!("{SELECT} ORDER BY c.id"), cadre, rows)
}
