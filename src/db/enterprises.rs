//! Enterprises, identified by their unified social credit code.

use super::{all, each, status_list, Db, EnterpriseId, Tx, UnitId};
use crate::db::sql::{params, OptionalExtension};
use crate::domain::kinds::Tier;
use crate::domain::status::Status;
use anyhow::Result;

/// An enterprise as it is added or updated.
pub(crate) struct NewEnterprise<'a> {
    /// A checked code (see `domain::uscc`).
    pub(crate) uscc: &'a str,
    pub(crate) name: &'a str,
    pub(crate) town: UnitId,
    pub(crate) chain: &'a str,
    pub(crate) key: bool,
}

/// Adds an enterprise; false (and nothing written) when its code is taken.
pub(crate) fn add(tx: &Tx, e: &NewEnterprise) -> Result<bool> {
    let n = tx
        .sql()
        .prepare_cached(
            "INSERT INTO enterprises (uscc, name, town_id, chain, key) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (uscc) DO NOTHING",
        )?
        .execute(params![e.uscc, e.name, e.town, e.chain, e.key])?;
    Ok(n == 1)
}

/// The columns an update changes: `None` leaves a column as it is.
pub(crate) struct EnterpriseChange<'a> {
    pub(crate) name: Option<&'a str>,
    pub(crate) town: Option<UnitId>,
    pub(crate) chain: Option<&'a str>,
    pub(crate) key: Option<bool>,
}

/// Changes the given columns of the enterprise with this code, and only those.
pub(crate) fn update(tx: &Tx, uscc: &str, e: &EnterpriseChange) -> Result<()> {
    tx.sql()
        .prepare_cached(
            "UPDATE enterprises SET name = coalesce(?2, name), town_id = coalesce(?3, town_id),
                    chain = coalesce(?4, chain), key = coalesce(?5, key)
             WHERE uscc = ?1",
        )?
        .execute(params![uscc, e.name, e.town, e.chain, e.key])?;
    Ok(())
}

/// An enterprise as the registry holds it, for comparing a file's row with it.
pub(crate) struct Held {
    pub(crate) id: EnterpriseId,
    pub(crate) name: String,
    pub(crate) town: UnitId,
    pub(crate) chain: String,
    pub(crate) key: bool,
    pub(crate) short_name: Option<String>,
}

/// The enterprise with this code as the registry holds it.
pub(crate) fn by_uscc(db: &Db, uscc: &str) -> Result<Option<Held>> {
    Ok(db
        .sql()
        .prepare_cached(
            "SELECT id, name, town_id, chain, key, short_name FROM enterprises WHERE uscc = ?1",
        )?
        .query_row([uscc], |r| {
            Ok(Held {
                id: r.get(0)?,
                name: r.get(1)?,
                town: UnitId(r.get(2)?),
                chain: r.get(3)?,
                key: r.get(4)?,
                short_name: r.get(5)?,
            })
        })
        .optional()?)
}

/// An enterprise's code, names and id, for checking many rows at once (see `refs::Enterprises`).
pub(crate) struct Known {
    pub(crate) uscc: String,
    pub(crate) name: String,
    pub(crate) short_name: Option<String>,
    pub(crate) id: EnterpriseId,
}

pub(crate) fn known(db: &Db) -> Result<Vec<Known>> {
    all(
        db,
        "SELECT uscc, name, short_name, id FROM enterprises",
        [],
        |r| {
            Ok(Known {
                uscc: r.get(0)?,
                name: r.get(1)?,
                short_name: r.get(2)?,
                id: r.get(3)?,
            })
        },
    )
}

/// Gives an enterprise a short name (None takes it away); false (and
/// nothing written) when another enterprise has it as name or short name.
pub(crate) fn set_short_name(tx: &Tx, id: EnterpriseId, short: Option<&str>) -> Result<bool> {
    let taken: bool = tx
        .sql()
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM enterprises
                              WHERE (short_name = ?1 OR name = ?1) AND id <> ?2)",
        )?
        .query_row(params![short, id], |r| r.get(0))?;
    if taken {
        return Ok(false);
    }
    tx.sql()
        .prepare_cached("UPDATE enterprises SET short_name = ?2 WHERE id = ?1")?
        .execute(params![id, short])?;
    Ok(true)
}

/// An enterprise that has this name or short name, as `code name`.
pub(crate) fn named(db: &Db, name: &str) -> Result<Option<String>> {
    use crate::db::sql::OptionalExtension;
    Ok(db
        .sql()
        .prepare_cached(
            "SELECT uscc || ' ' || name FROM enterprises
              WHERE short_name = ?1 OR name = ?1 ORDER BY uscc LIMIT 1",
        )?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

/// Which enterprises `enterprise list` shows.
#[derive(Debug, Default)]
pub(crate) struct Filter {
    pub(crate) town: Option<UnitId>,
    /// Only those with an open pairing of this tier.
    pub(crate) tier: Option<Tier>,
    /// Only key enterprises.
    pub(crate) key: bool,
    /// Only those no cadre serves now.
    pub(crate) unpaired: bool,
}

/// An enterprise of `enterprise list`.
pub(crate) struct Listed {
    pub(crate) uscc: String,
    pub(crate) name: String,
    pub(crate) town_code: String,
    /// The town's name.
    pub(crate) town: String,
    pub(crate) chain: String,
    pub(crate) key: bool,
    /// `code name` of the cadres serving it now, joined with `; `.
    pub(crate) cadres: Option<String>,
    /// Visits that count (not voided).
    pub(crate) visits: i64,
    pub(crate) open_tickets: i64,
}

/// The enterprises chosen, by town code and name.
pub(crate) fn list(db: &Db, f: &Filter) -> Result<Vec<Listed>> {
    let sql = format!(
        "SELECT e.uscc, e.name, u.name, e.chain, e.key,
                (SELECT group_concat(c.code || ' ' || c.name, '; ') FROM pairings p
                   JOIN cadres c ON c.id = p.cadre_id
                  WHERE p.enterprise_id = e.id AND p.ended_on IS NULL),
                (SELECT count(*) FROM visits v WHERE v.enterprise_id = e.id AND v.voided_on IS NULL),
                (SELECT count(*) FROM tickets t WHERE t.enterprise_id = e.id
                    AND t.status IN ({open}) AND t.voided_on IS NULL),
                u.code
         FROM enterprises e JOIN units u ON u.id = e.town_id
         WHERE (?1 IS NULL OR e.town_id = ?1)
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM pairings p WHERE p.enterprise_id = e.id
                                      AND p.ended_on IS NULL AND p.tier = ?2))
           AND (?3 = 0 OR e.key = 1)
           AND (?4 = 0 OR NOT EXISTS (SELECT 1 FROM pairings p WHERE p.enterprise_id = e.id
                                      AND p.ended_on IS NULL))
         ORDER BY u.code, e.name",
        open = status_list(&Status::OPEN)
    );
    all(
        db,
        &sql,
        params![f.town, f.tier.map(Tier::as_str), f.key, f.unpaired],
        |r| {
            Ok(Listed {
                uscc: r.get(0)?,
                name: r.get(1)?,
                town_code: r.get(8)?,
                town: r.get(2)?,
                chain: r.get(3)?,
                key: r.get(4)?,
                cadres: r.get(5)?,
                visits: r.get(6)?,
                open_tickets: r.get(7)?,
            })
        },
    )
}

/// An enterprise as its file and `export` show it.
pub(crate) struct Enterprise {
    pub(crate) uscc: String,
    pub(crate) name: String,
    pub(crate) short_name: Option<String>,
    pub(crate) town_code: String,
    pub(crate) town_name: String,
    pub(crate) chain: String,
    pub(crate) key: bool,
}

impl Enterprise {
    /// How every view names an enterprise: code and name.
    pub(crate) fn shown(&self) -> String {
        format!("{} {}", self.uscc, self.name)
    }
}

const SELECT: &str = "SELECT e.uscc, e.name, u.code, u.name, e.chain, e.key, e.short_name
     FROM enterprises e JOIN units u ON u.id = e.town_id";

fn enterprise(r: &crate::db::sql::Row) -> crate::db::sql::Result<Enterprise> {
    Ok(Enterprise {
        uscc: r.get(0)?,
        name: r.get(1)?,
        town_code: r.get(2)?,
        town_name: r.get(3)?,
        chain: r.get(4)?,
        key: r.get(5)?,
        short_name: r.get(6)?,
    })
}

pub(crate) fn get(db: &Db, id: EnterpriseId) -> Result<Enterprise> {
    Ok(db
        .sql()
        .query_row(&format!("{SELECT} WHERE e.id = ?1"), [id], enterprise)?)
}

/// Every enterprise, oldest first.
pub(crate) fn export(db: &Db, rows: impl FnMut(Enterprise) -> Result<()>) -> Result<()> {
    each(db, &format!("{SELECT} ORDER BY e.id"), enterprise, rows)
}
