//! Pairings (对口服务): which cadre serves which enterprise, at which tier,
//! from when to when.

use super::{all, each, eq_if, CadreId, Db, EnterpriseId, Tx, Who};
use crate::db::sql::{params, OptionalExtension};
use crate::domain::date;
use crate::domain::kinds::Tier;
use crate::domain::rules;
use crate::error::input_in;
use anyhow::Result;
use chrono::NaiveDate;
use std::collections::HashMap;

/// A pairing as it is added: open, or (from a file) already ended.
pub(crate) struct NewPairing {
    pub(crate) cadre: CadreId,
    pub(crate) enterprise: EnterpriseId,
    pub(crate) tier: Tier,
    pub(crate) started_on: NaiveDate,
    pub(crate) ended_on: Option<NaiveDate>,
}

/// Adds a pairing. An ended one must end on or after its start; every one,
/// open or ended, must respect the one-at-a-time rules (see `in_the_way`).
pub(crate) fn add(tx: &Tx, p: &NewPairing) -> Result<()> {
    if let Some(end) = p.ended_on {
        rules::pairing_end("ended_on", p.started_on, end)?;
    }
    in_the_way(tx, p)?;
    tx.sql()
        .prepare_cached(
            "INSERT INTO pairings (cadre_id, enterprise_id, tier, started_on, ended_on)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            p.cadre,
            p.enterprise,
            p.tier.as_str(),
            date::iso(p.started_on),
            p.ended_on.map(date::iso)
        ])?;
    Ok(())
}

/// The one-at-a-time rules, on every day of every pairing: a district-tier
/// cadre serves one enterprise at a time, and an enterprise has one pairing
/// of each tier at a time. Checked before a pairing is added so the person
/// is told which pairing is in the way.
fn in_the_way(db: &Db, p: &NewPairing) -> Result<()> {
    let new = rules::Span {
        start: p.started_on,
        end: p.ended_on,
    };
    let mut stmt = db.sql().prepare_cached(
        "SELECT p.cadre_id = ?1, c.code || ' ' || c.name, e.name || ' (' || e.uscc || ')',
                p.started_on, p.ended_on
         FROM pairings p JOIN cadres c ON c.id = p.cadre_id JOIN enterprises e ON e.id = p.enterprise_id
         WHERE p.tier = ?3 AND (p.enterprise_id = ?2 OR (?3 = 'district' AND p.cadre_id = ?1))
         ORDER BY p.started_on, p.id",
    )?;
    let mut rows = stmt.query(params![p.cadre, p.enterprise, p.tier.as_str()])?;
    let mut existing = Vec::new();
    while let Some(r) = rows.next()? {
        let (start, end): (String, Option<String>) = (r.get(3)?, r.get(4)?);
        let span = rules::Span {
            start: date::parse(&start)?,
            end: end.as_deref().map(date::parse).transpose()?,
        };
        let same_cadre: bool = r.get(0)?;
        existing.push((
            span,
            (same_cadre, r.get::<_, String>(1)?, r.get::<_, String>(2)?),
        ));
    }
    let Some((span, (same_cadre, cadre, enterprise))) = rules::in_the_way(new, existing) else {
        return Ok(());
    };
    let tier = p.tier.word();
    let (then, now) = (span.describe(), new.describe());
    let (field, msg) = match (same_cadre && p.tier == Tier::District, span.end) {
        (true, None) => ("cadre", crate::tr!(
            "the cadre already serves {enterprise} one-to-one at district tier ({then}); end that pairing with `qianqi unpair` first",
            "该干部已在区级一对一服务{enterprise}（{then}）；请先用 `qianqi unpair` 结束那次结对"
        )),
        (true, Some(_)) => ("cadre", crate::tr!(
            "the cadre served {enterprise} one-to-one at district tier {then}, which overlaps this pairing {now}; a district-tier cadre serves one enterprise at a time",
            "该干部{then}在区级一对一服务{enterprise}，与这次结对（{now}）时间重叠；区级干部同一时间只服务一家企业"
        )),
        (false, None) => ("enterprise", crate::tr!(
            "the enterprise already has an open {tier}-tier pairing with {cadre} ({then}); end it with `qianqi unpair` first",
            "该企业已与{cadre}有未结束的{tier}结对（{then}）；请先用 `qianqi unpair` 结束它"
        )),
        (false, Some(_)) => ("enterprise", crate::tr!(
            "the enterprise had a {tier}-tier pairing with {cadre} {then}, which overlaps this pairing {now}; an enterprise has one pairing of each tier at a time",
            "该企业{then}与{cadre}有{tier}结对，与这次结对（{now}）时间重叠；一家企业每个层级同一时间只有一次结对"
        )),
    };
    Err(input_in(field, msg))
}

/// Ends the open pairing of a cadre with an enterprise on `on`, which must
/// not be before it began; false (and nothing written) when there is none.
/// Ending on the day it began records a pairing that was never in force.
/// Ending only takes days away from a pairing, so it cannot make one overlap
/// another: the one-at-a-time rules need no check here.
pub(crate) fn end(
    tx: &Tx,
    cadre: CadreId,
    enterprise: EnterpriseId,
    on: NaiveDate,
) -> Result<bool> {
    let open: Option<(i64, String)> = tx
        .sql()
        .query_row(
            "SELECT id, started_on FROM pairings WHERE cadre_id = ?1 AND enterprise_id = ?2 AND ended_on IS NULL",
            params![cadre, enterprise],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((id, started)) = open else {
        return Ok(false);
    };
    rules::pairing_end("ended_on", date::parse(&started)?, on)?;
    tx.sql().execute(
        "UPDATE pairings SET ended_on = ?2 WHERE id = ?1",
        params![id, date::iso(on)],
    )?;
    Ok(true)
}

/// The SQL condition that a pairing `p` was in force on at least one day;
/// one that ended on the day it began never was, and counts nowhere.
pub(crate) const EVER_IN_FORCE: &str = "(p.ended_on IS NULL OR p.ended_on > p.started_on)";

/// The first day a cadre was ever paired with an enterprise, if ever.
pub(crate) fn first_start(
    db: &Db,
    cadre: CadreId,
    enterprise: EnterpriseId,
) -> Result<Option<NaiveDate>> {
    let start: Option<String> = db.sql().query_row(
        &format!("SELECT min(started_on) FROM pairings p WHERE cadre_id = ?1 AND enterprise_id = ?2 AND {EVER_IN_FORCE}"),
        params![cadre, enterprise],
        |r| r.get(0),
    )?;
    Ok(start.as_deref().map(date::parse).transpose()?)
}

/// `first_start` of every cadre and enterprise ever paired, for checking many rows at once.
pub(crate) fn first_starts(db: &Db) -> Result<HashMap<(CadreId, EnterpriseId), NaiveDate>> {
    let mut stmt = db.sql().prepare(&format!(
        "SELECT cadre_id, enterprise_id, min(started_on) FROM pairings p WHERE {EVER_IN_FORCE}
         GROUP BY cadre_id, enterprise_id"
    ))?;
    let mut rows = stmt.query([])?;
    let mut starts = HashMap::new();
    while let Some(r) = rows.next()? {
        let start: String = r.get(2)?;
        starts.insert(
            (CadreId(r.get(0)?), EnterpriseId(r.get(1)?)),
            date::parse(&start)?,
        );
    }
    Ok(starts)
}

/// Which pairings a list shows; everything not given is not filtered on.
#[derive(Debug, Default)]
pub(crate) struct Filter {
    pub(crate) who: Who,
    pub(crate) tier: Option<Tier>,
    /// Only pairings still open.
    pub(crate) open: bool,
}

/// A pairing as lists and `export` show it.
pub(crate) struct Pairing {
    pub(crate) cadre: String,
    pub(crate) cadre_name: String,
    pub(crate) uscc: String,
    pub(crate) enterprise_name: String,
    pub(crate) tier: String,
    pub(crate) started_on: String,
    pub(crate) ended_on: Option<String>,
}

const SELECT: &str = "SELECT c.code, c.name, e.uscc, e.name, p.tier, p.started_on, p.ended_on
     FROM pairings p JOIN cadres c ON c.id = p.cadre_id JOIN enterprises e ON e.id = p.enterprise_id";

fn pairing(r: &crate::db::sql::Row) -> crate::db::sql::Result<Pairing> {
    Ok(Pairing {
        cadre: r.get(0)?,
        cadre_name: r.get(1)?,
        uscc: r.get(2)?,
        enterprise_name: r.get(3)?,
        tier: r.get(4)?,
        started_on: r.get(5)?,
        ended_on: r.get(6)?,
    })
}

/// The pairings chosen, by cadre code and start.
pub(crate) fn list(db: &Db, f: &Filter) -> Result<Vec<Pairing>> {
    let sql = format!(
        "{SELECT} WHERE {} AND {}
           AND (?3 IS NULL OR c.unit_id = ?3) AND (?4 IS NULL OR e.town_id = ?4)
           AND (?5 IS NULL OR p.tier = ?5) AND (?6 = 0 OR p.ended_on IS NULL)
         ORDER BY c.code, p.started_on, p.id",
        eq_if(f.who.cadre.is_some(), "p.cadre_id", 1),
        eq_if(f.who.enterprise.is_some(), "p.enterprise_id", 2)
    );
    let params = params![
        f.who.cadre,
        f.who.enterprise,
        f.who.unit,
        f.who.town,
        f.tier.map(Tier::as_str),
        f.open
    ];
    all(db, &sql, params, pairing)
}

/// Every pairing of one cadre or one enterprise, by start, for their files.
pub(crate) fn of(
    db: &Db,
    cadre: Option<CadreId>,
    enterprise: Option<EnterpriseId>,
) -> Result<Vec<Pairing>> {
    let sql = format!(
        "{SELECT} WHERE {} AND {} ORDER BY p.started_on, p.id",
        eq_if(cadre.is_some(), "p.cadre_id", 1),
        eq_if(enterprise.is_some(), "p.enterprise_id", 2)
    );
    all(db, &sql, params![cadre, enterprise], pairing)
}

/// Every pairing, oldest first.
pub(crate) fn export(db: &Db, rows: impl FnMut(Pairing) -> Result<()>) -> Result<()> {
    each(db, &format!("{SELECT} ORDER BY p.id"), pairing, rows)
}
