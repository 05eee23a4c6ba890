//! `report visits`: visit records and person-visits (人次) by dimension
//! and/or period, with how many visits covered each work item.

use super::{tier_sql, Scope};
use crate::domain::kinds::Task;
use crate::domain::Lang;
use crate::output::{col, Column, Kind, Table, Value};
use anyhow::Result;
use rusqlite::Connection;

/// What a visit is grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Period {
    /// ISO week, e.g. 2022-W09 (周调度).
    Week,
    /// Month, e.g. 2022-03 (月研判).
    Month,
    /// Quarter, e.g. 2022-Q1 (季督办).
    Quarter,
}

const MONTH: &str = "substr(v.visited_on, 1, 7)";
const QUARTER: &str =
    "substr(v.visited_on, 1, 4) || '-Q' || ((CAST(substr(v.visited_on, 6, 2) AS INTEGER) + 2) / 3)";

impl By {
    pub fn column(self) -> Column {
        let (key, zh) = match self {
            By::Town => ("town", "街镇"),
            By::Unit => ("unit", "单位"),
            By::Cadre => ("cadre", "干部"),
            By::Tier => ("tier", "层级"),
            By::Month => ("month", "月份"),
            By::Quarter => ("quarter", "季度"),
        };
        col(key, zh, Kind::Text)
    }

    /// (joins, group expression, label, sort)
    fn sql(self) -> (&'static str, String, String, String) {
        let same = |e: String| ("", e.clone(), e.clone(), e);
        match self {
            By::Town => (
                "JOIN enterprises e ON e.id = v.enterprise_id JOIN units g ON g.id = e.town_id",
                "g.id".into(),
                "g.name".into(),
                "g.code".into(),
            ),
            By::Unit => (
                "JOIN cadres c ON c.id = v.cadre_id JOIN units g ON g.id = c.unit_id",
                "g.id".into(),
                "g.name".into(),
                "g.code".into(),
            ),
            By::Cadre => (
                "JOIN cadres c ON c.id = v.cadre_id",
                "c.id".into(),
                "c.code || ' ' || c.name".into(),
                "c.code".into(),
            ),
            By::Tier => same(tier_sql("v", "visited_on")),
            By::Month => same(MONTH.into()),
            By::Quarter => same(QUARTER.into()),
        }
    }
}

impl Period {
    pub fn column(self) -> Column {
        match self {
            Period::Week => col("week", "周", Kind::Plain),
            Period::Month => col("month", "月份", Kind::Plain),
            Period::Quarter => col("quarter", "季度", Kind::Plain),
        }
    }

    fn sql(self) -> &'static str {
        match self {
            Period::Week => "strftime('%G-W%V', v.visited_on)",
            Period::Month => MONTH,
            Period::Quarter => QUARTER,
        }
    }
}

/// The key columns, then visits, person_visits and one column per work item;
/// a total row last with `total` in the first key column (`group` when there is no key).
pub fn table(
    conn: &Connection,
    scope: &Scope,
    by: Option<By>,
    period: Option<Period>,
) -> Result<Table> {
    let mut columns: Vec<Column> = Vec::new();
    columns.extend(by.map(By::column));
    columns.extend(period.map(Period::column));
    if columns.is_empty() {
        columns.push(col("group", "分组", Kind::Text));
    }
    let keys = columns.len();
    columns.push(col("visits", "走访次数", Kind::Plain));
    columns.push(col("person_visits", "走访人次", Kind::Plain));
    for t in Task::ALL {
        columns.push(col(t.as_str(), t.label(Lang::Zh), Kind::Plain));
    }

    let mut joins = String::new();
    let (mut group, mut order, mut select) = (Vec::new(), Vec::new(), Vec::new());
    if let Some(b) = by {
        let (j, g, label, sort) = b.sql();
        joins.push_str(j);
        group.push(g);
        order.push(format!("{sort} IS NULL, {sort}"));
        select.push(label);
    }
    if let Some(p) = period {
        group.push(p.sql().to_string());
        order.push(p.sql().to_string());
        select.push(p.sql().to_string());
    }
    if select.is_empty() {
        select.push("'total'".into());
    }
    let tasks: String = Task::ALL
        .iter()
        .map(|t| format!(", sum((v.tasks & {}) != 0)", t.bit()))
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
         WHERE v.visited_on <= ?1 AND (?2 IS NULL OR v.visited_on >= ?2) AND (?3 IS NULL OR v.visited_on <= ?3)
         {group} {order}",
        keys = select.join(", "),
    );
    let mut t = Table::query(
        &columns,
        conn,
        &sql,
        &[&scope.day_iso(), &scope.from_iso(), &scope.to_iso()],
    )?;
    if by.is_none() && period.is_none() {
        // One row even without visits; sum() of nothing is NULL.
        for row in &mut t.rows {
            for cell in row.iter_mut().skip(keys) {
                if *cell == Value::Null {
                    *cell = Value::Int(0);
                }
            }
        }
        return Ok(t);
    }
    // Every figure is a count, so the total is the sum of the groups.
    let mut total = vec![Value::Null; t.columns.len()];
    total[0] = "total".into();
    for (i, cell) in total.iter_mut().enumerate().skip(keys) {
        *cell = Value::Int(
            t.rows
                .iter()
                .map(|r| match r[i] {
                    Value::Int(n) => n,
                    _ => 0,
                })
                .sum(),
        );
    }
    t.push(total);
    Ok(t)
}
