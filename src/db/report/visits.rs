//! The query of `report visits`: visit records and person-visits by
//! dimension and/or period, with how many visits covered each work item.
//! A visit voided on or before the day counts nowhere.

use super::{tier_sql, Scope};
use crate::db::rows;
use crate::db::{visits, Db};
use crate::domain::kinds::Task;
use crate::output::Value;
use anyhow::Result;

/// What a visit is grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum By {
    /// The town/street (街镇) where the visited enterprise is located.
    Town,
    /// The visiting cadre's unit.
    Unit,
    /// The visiting cadre.
    Cadre,
    /// The tier of the pairing between the cadre and the enterprise.
    Tier,
    /// The month of the visit.
    Month,
    /// The quarter of the visit.
    Quarter,
}

/// The period a visit falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Period {
    /// ISO week, e.g. 2022-W09 (周调度).
    Week,
    /// Month, e.g. 2022-03 (月研判).
    Month,
    /// Quarter, e.g. 2022-Q1 (季督办).
    Quarter,
}

impl By {
    /// (joins, group expression, label, name, sort) on the engine (`pg`): a
    /// unit or cadre is labelled by its code and named beside it.
    fn sql(self, pg: bool) -> (&'static str, String, String, Option<&'static str>, String) {
        let same = |e: String| ("", e.clone(), e.clone(), None, e);
        let period = |p: Period| {
            let (group, label) = p.key(pg, "v.visited_on");
            ("", group.clone(), label, None, group)
        };
        match self {
            By::Town => (
                "JOIN enterprises e ON e.id = v.enterprise_id JOIN units g ON g.id = e.town_id",
                "g.id".into(),
                "g.code".into(),
                Some("g.name"),
                "g.code".into(),
            ),
            By::Unit => (
                "JOIN cadres c ON c.id = v.cadre_id JOIN units g ON g.id = c.unit_id",
                "g.id".into(),
                "g.code".into(),
                Some("g.name"),
                "g.code".into(),
            ),
            By::Cadre => (
                "JOIN cadres c ON c.id = v.cadre_id",
                "c.id".into(),
                "c.code".into(),
                Some("c.name"),
                "c.code".into(),
            ),
            By::Tier => same(tier_sql("v", "visited_on")),
            By::Month => period(Period::Month),
            By::Quarter => period(Period::Quarter),
        }
    }
}

impl Period {
    /// The period of the day `day` on the engine (`pg`): the expression to
    /// group and sort by, and its label (`2022-W09`, `2022-03`, `2022-Q1`),
    /// which sorts as the group expression does. SQLite cuts the day's ISO
    /// text. PostgreSQL groups by `date_trunc`, whose groups its planner can
    /// estimate, and formats only the groups' keys: cutting each day's text
    /// costs a conversion per row, and the planner, with no statistics on
    /// the expression, expects a group per row and sorts them all.
    pub(crate) fn key(self, pg: bool, day: &str) -> (String, String) {
        if pg {
            let (unit, format) = match self {
                Period::Week => ("week", r#"IYYY-"W"IW"#),
                Period::Month => ("month", "YYYY-MM"),
                Period::Quarter => ("quarter", r#"YYYY-"Q"Q"#),
            };
            let group = format!("date_trunc('{unit}', CAST({day} AS timestamp))");
            let label = format!("to_char({group}, '{format}')");
            return (group, label);
        }
        let e = match self {
            Period::Week => format!("strftime('%G-W%V', {day})"),
            Period::Month => format!("substr({day}, 1, 7)"),
            Period::Quarter => format!(
                "substr({day}, 1, 4) || '-Q' || ((CAST(substr({day}, 6, 2) AS INTEGER) + 2) / 3)"
            ),
        };
        (e.clone(), e)
    }
}

/// One row per group: the `by` label (NULL for visits outside any group of
/// the dimension) with the unit's or cadre's name, and/or the period, then visits, person-visits and one count
/// per work item of `Task::ALL`. Without `by` and `period`, one row keyed
/// `total`, with zeros when there is no visit.
pub(crate) fn counts(
    db: &Db,
    scope: &Scope,
    by: Option<By>,
    period: Option<Period>,
) -> Result<Vec<Vec<Value>>> {
    let pg = db.sql().is_pg();
    let mut joins = String::new();
    let (mut group, mut order, mut select) = (Vec::new(), Vec::new(), Vec::new());
    if let Some(b) = by {
        let (j, g, label, name, sort) = b.sql(pg);
        joins.push_str(j);
        group.push(g);
        order.push(format!("{sort} IS NULL, {sort}"));
        select.push(label);
        select.extend(name.map(String::from));
    }
    if let Some(p) = period {
        let (g, label) = p.key(pg, "v.visited_on");
        group.push(g.clone());
        order.push(g);
        select.push(label);
    }
    if select.is_empty() {
        select.push("'total'".into());
    }
    let keys = select.len();
    let tasks: String = Task::ALL
        .iter()
        .map(|t| format!(", count(*) FILTER (WHERE (v.tasks & {}) != 0)", t.bit()))
        .collect();
    let (group, order) = if group.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!("GROUP BY {}", group.join(", ")),
            format!("ORDER BY {}", order.join(", ")),
        )
    };
    let sql = format!(
        "SELECT {keys}, count(*), coalesce(sum(v.people), 0){tasks}
         FROM visits v {joins}
         WHERE v.visited_on <= ?1 AND {counts}
           AND (?2 IS NULL OR v.visited_on >= ?2) AND (?3 IS NULL OR v.visited_on <= ?3)
         {group} {order}",
        keys = select.join(", "),
        counts = visits::counts_on("?1"),
    );
    rows::values(db, &sql, scope.params(), keys + 2 + Task::ALL.len())
}
