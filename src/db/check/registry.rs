//! The registry and the field work: enterprises, meetings, pairings and visits.

use super::{finding, Finding};
use crate::db::sql::Connection;
use crate::domain::kinds::{Tier, UnitKind};
use crate::domain::uscc::Uscc;
use anyhow::Result;

/// Credit codes valid by the GB 32100-2015 rule and stored upper case, as
/// the commands store them; no two differing only in case; every
/// enterprise located in a town or street, not a department.
/// A finding's subject: an enterprise.
fn enterprise(code: &str) -> String {
    crate::tr!("enterprise {code}", "企业{code}")
}

/// A stored tier in the language of messages.
fn tier(stored: &str) -> String {
    Tier::parse(stored).map_or_else(|_| stored.to_string(), |t| t.word().to_string())
}

/// The end of a pairing, or that it is still open.
fn open(end: Option<String>) -> String {
    end.unwrap_or_else(|| crate::tr!("open", "今"))
}

pub(super) fn enterprises(conn: &Connection) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    // The check character is computed by the domain's rule, so every code is
    // read once and checked here; 100,000 enterprises take milliseconds.
    let mut stmt = conn.prepare("SELECT uscc FROM enterprises ORDER BY uscc")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let code: String = r.get(0)?;
        let problem = match Uscc::parse(&code) {
            Err(e) => e.to_string(),
            Ok(u) if u.as_str() != code => crate::tr!(
                "is stored in lower case; credit codes are stored upper case ({u})",
                "存成了小写；信用代码应存为大写（{u}）"
            ),
            Ok(_) => continue,
        };
        out.push(finding("uscc", enterprise(&code), problem));
    }
    let mut stmt = conn.prepare(
        "SELECT upper(uscc), count(*), group_concat(uscc, ', ')
         FROM (SELECT uscc FROM enterprises ORDER BY uscc) AS e
         GROUP BY upper(uscc) HAVING count(*) > 1 ORDER BY 1",
    )?;
    let rows = stmt.query_map([], |r| {
        let (code, n, all): (String, i64, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        Ok(finding(
            "uscc-duplicate",
            enterprise(&code),
            crate::tr!(
                "recorded {n} times, differing only in case: {all}",
                "登记了{n}次，只有大小写不同：{all}"
            ),
        ))
    })?;
    out.extend(rows.collect::<crate::db::sql::Result<Vec<_>>>()?);
    let mut stmt = conn.prepare(
        "SELECT e.uscc, u.code FROM enterprises e JOIN units u ON u.id = e.town_id
         WHERE u.kind <> ?1 ORDER BY e.uscc",
    )?;
    let rows = stmt.query_map([UnitKind::Town.as_str()], |r| {
        let (code, unit): (String, String) = (r.get(0)?, r.get(1)?);
        Ok(finding(
            "enterprise-town",
            enterprise(&code),
            crate::tr!(
                "located in {unit}, which is a department, not a town or street",
                "所在街镇为{unit}，但它是部门，不是街镇"
            ),
        ))
    })?;
    out.extend(rows.collect::<crate::db::sql::Result<Vec<_>>>()?);
    Ok(out)
}

/// Meetings are not held after today.
pub(super) fn meetings(conn: &Connection, today: &str) -> Result<Vec<Finding>> {
    let mut stmt = conn
        .prepare("SELECT code, held_on FROM meetings WHERE held_on > ?1 ORDER BY held_on, code")?;
    let rows = stmt.query_map([today], |r| {
        let (code, on): (String, String) = (r.get(0)?, r.get(1)?);
        Ok(finding(
            "future-meeting",
            crate::tr!("meeting {code}", "座谈会{code}"),
            crate::tr!(
                "held on {on}, after today ({today})",
                "召开日期{on}晚于今天（{today}）"
            ),
        ))
    })?;
    Ok(rows.collect::<crate::db::sql::Result<_>>()?)
}

/// Pairings start and end no later than today, and none overlaps another it
/// may not: at district tier one cadre and one enterprise, one-to-one; at
/// town tier one cadre per enterprise; and a cadre serves an enterprise in
/// one pairing at a time, whatever the tiers. A pairing ending on the day
/// the next begins is a handover, not an overlap; one that ends on the day
/// it began was never in force and overlaps nothing.
pub(super) fn pairings(conn: &Connection, today: &str) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT c.code, e.uscc, p.started_on, p.ended_on, p.started_on > ?1
         FROM pairings p JOIN cadres c ON c.id = p.cadre_id JOIN enterprises e ON e.id = p.enterprise_id
         WHERE p.started_on > ?1 OR p.ended_on > ?1 ORDER BY p.id",
    )?;
    let rows = stmt.query_map([today], |r| {
        let (cadre, uscc, start, end, starts_later): (
            String,
            String,
            String,
            Option<String>,
            bool,
        ) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let message = match end {
            Some(on) if !starts_later => crate::tr!(
                "ends on {on}, after today ({today})",
                "结束日期{on}晚于今天（{today}）"
            ),
            _ => {
                let on = start;
                crate::tr!(
                    "starts on {on}, after today ({today})",
                    "开始日期{on}晚于今天（{today}）"
                )
            }
        };
        Ok(finding(
            "future-pairing",
            crate::tr!("pairing {cadre} → {uscc}", "结对 {cadre} → {uscc}"),
            message,
        ))
    })?;
    let mut out = rows.collect::<crate::db::sql::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare(
        "SELECT CASE WHEN a.tier = 'district' AND b.tier = 'district' THEN 'district-overlap'
                     WHEN a.tier = 'town' AND b.tier = 'town' THEN 'town-overlap'
                     ELSE 'pairing-overlap' END,
                a.tier = 'district' AND b.tier = 'district' AND a.cadre_id = b.cadre_id,
                ca.code, ea.uscc, a.tier, a.started_on, a.ended_on,
                cb.code, eb.uscc, b.tier, b.started_on, b.ended_on
         FROM pairings a JOIN pairings b
              ON a.id < b.id AND (a.cadre_id = b.cadre_id OR a.enterprise_id = b.enterprise_id)
         JOIN cadres ca ON ca.id = a.cadre_id JOIN enterprises ea ON ea.id = a.enterprise_id
         JOIN cadres cb ON cb.id = b.cadre_id JOIN enterprises eb ON eb.id = b.enterprise_id
         WHERE a.started_on < coalesce(b.ended_on, '9999-12-31')
           AND b.started_on < coalesce(a.ended_on, '9999-12-31')
           AND a.started_on < coalesce(a.ended_on, '9999-12-31')
           AND b.started_on < coalesce(b.ended_on, '9999-12-31')
           AND (a.tier = 'district' AND b.tier = 'district'
                OR a.tier = 'town' AND b.tier = 'town' AND a.enterprise_id = b.enterprise_id
                OR a.tier <> b.tier AND a.cadre_id = b.cadre_id AND a.enterprise_id = b.enterprise_id)
         ORDER BY a.id, b.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let s = |i| r.get::<_, String>(i);
        let code = match s(0)?.as_str() {
            "district-overlap" => "district-overlap",
            "town-overlap" => "town-overlap",
            _ => "pairing-overlap",
        };
        let (ca, ea, ta, sa, xa) = (s(2)?, s(3)?, tier(&s(4)?), s(5)?, open(r.get(6)?));
        let (cb, eb, tb, sb, xb) = (s(7)?, s(8)?, tier(&s(9)?), s(10)?, open(r.get(11)?));
        let message = match code {
            "district-overlap" => crate::tr!(
                "district pairings {ca} → {ea} ({sa} to {xa}) and {cb} → {eb} ({sb} to {xb}) overlap; district tier is one-to-one",
                "区级结对 {ca} → {ea}（{sa}至{xa}）与 {cb} → {eb}（{sb}至{xb}）时间重叠；区级结对须一对一"
            ),
            "town-overlap" => crate::tr!(
                "town pairings {ca} → {ea} ({sa} to {xa}) and {cb} → {eb} ({sb} to {xb}) overlap; an enterprise has one town-tier cadre at a time",
                "街镇结对 {ca} → {ea}（{sa}至{xa}）与 {cb} → {eb}（{sb}至{xb}）时间重叠；一家企业同一时间只有一名街镇层级的干部"
            ),
            _ => crate::tr!(
                "pairings {ca} → {ea} ({ta}, {sa} to {xa}) and {cb} → {eb} ({tb}, {sb} to {xb}) overlap; a cadre serves an enterprise in one pairing at a time",
                "结对 {ca} → {ea}（{ta}，{sa}至{xa}）与 {cb} → {eb}（{tb}，{sb}至{xb}）时间重叠；一名干部同一时间只以一种结对服务一家企业"
            ),
        };
        let subject = if r.get::<_, bool>(1)? {
            crate::tr!("cadre {ca}", "干部{ca}")
        } else {
            enterprise(&ea)
        };
        Ok(finding(code, subject, message))
    })?;
    out.extend(rows.collect::<crate::db::sql::Result<Vec<_>>>()?);
    Ok(out)
}

/// Visits are not in the future, and not before the cadre's first pairing
/// with the enterprise unless recorded as unpaired (the rule `visit` applies).
pub(super) fn visits(conn: &Connection, today: &str) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT v.id, c.code, e.uscc, v.visited_on, v.visited_on > ?1,
                (SELECT min(p.started_on) FROM pairings p
                  WHERE p.cadre_id = v.cadre_id AND p.enterprise_id = v.enterprise_id)
         FROM visits v JOIN cadres c ON c.id = v.cadre_id JOIN enterprises e ON e.id = v.enterprise_id
         WHERE v.visited_on > ?1
            OR (v.unpaired = 0 AND NOT EXISTS (
                   SELECT 1 FROM pairings p WHERE p.cadre_id = v.cadre_id
                      AND p.enterprise_id = v.enterprise_id AND p.started_on <= v.visited_on))
         ORDER BY v.id",
    )?;
    let rows = stmt.query_map([today], |r| {
        let (id, cadre, uscc, on, future, start): (
            i64,
            String,
            String,
            String,
            bool,
            Option<String>,
        ) = (
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        );
        let subject = crate::tr!("visit #{id}", "走访记录{id}");
        Ok(if future {
            finding(
                "future-visit",
                subject,
                crate::tr!(
                    "{cadre} → {uscc} on {on} is dated after today ({today})",
                    "{cadre} → {uscc} 于{on}的走访，日期晚于今天（{today}）"
                ),
            )
        } else {
            let why = match start {
                Some(s) => crate::tr!("the pairing began on {s}", "结对开始于{s}"),
                None => crate::tr!("they were never paired", "二者从未结对"),
            };
            finding(
                "visit-before-pairing",
                subject,
                crate::tr!(
                    "{cadre} → {uscc} on {on} is not marked unpaired, but {why}",
                    "{cadre} → {uscc} 于{on}的走访没有标为未结对走访，但{why}"
                ),
            )
        })
    })?;
    Ok(rows.collect::<crate::db::sql::Result<_>>()?)
}
