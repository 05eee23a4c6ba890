//! `report visits`: visit records and person-visits (人次) by dimension
//! and/or period, with how many visits covered each work item.

use super::Scope;
pub(crate) use crate::db::report::visits::{By, Period};
use crate::db::{report::visits as q, Db};
use crate::domain::kinds::Task;
use crate::domain::{rules, Lang};
use crate::output::{col, Column, Kind, Table, Value, Vocab};
use anyhow::Result;

/// The column of a `--by` key.
pub(crate) fn by_column(by: By) -> Column {
    match by {
        By::Town => col("town", "街镇", Kind::Code),
        By::Unit => col("unit", "单位", Kind::Code),
        By::Cadre => col("cadre", "干部", Kind::Code),
        By::Tier => col("tier", "层级", Kind::Vocab(Vocab::Tier)),
        By::Month => col("month", "月份", Kind::Text),
        By::Quarter => col("quarter", "季度", Kind::Text),
    }
}

/// The column beside a `--by` key that names the unit or cadre it gives by code.
pub(crate) fn name_column(by: By) -> Option<Column> {
    Some(match by {
        By::Town => col("town_name", "街镇名称", Kind::Text),
        By::Unit => col("unit_name", "单位名称", Kind::Text),
        By::Cadre => col("cadre_name", "干部姓名", Kind::Text),
        _ => return None,
    })
}

/// The column of a `--period` key.
pub(crate) fn period_column(period: Period) -> Column {
    match period {
        Period::Week => col("week", "周", Kind::Plain),
        Period::Month => col("month", "月份", Kind::Plain),
        Period::Quarter => col("quarter", "季度", Kind::Plain),
    }
}

/// The key columns, then visits, person_visits and one column per work item;
/// a total row last with `total` in the first key column (`group` when there is no key).
pub(crate) fn table(
    db: &Db,
    scope: &Scope,
    by: Option<By>,
    period: Option<Period>,
) -> Result<Table> {
    let mut columns: Vec<Column> = Vec::new();
    columns.extend(by.map(by_column));
    columns.extend(by.and_then(name_column));
    columns.extend(period.map(period_column));
    if columns.is_empty() {
        columns.push(col("group", "分组", Kind::Text));
    }
    let keys = columns.len();
    // Only a tier can be missing: visits between a cadre and an enterprise never paired.
    columns[0] = columns[0].group_key("(not paired)", "（未结对）");
    columns.push(col("visits", "走访次数", Kind::Plain));
    columns.push(col("person_visits", "走访人次", Kind::Plain));
    for t in Task::ALL {
        columns.push(col(t.as_str(), t.label(Lang::Zh), Kind::Plain));
    }
    let mut t = Table::new(&columns);
    t.rows = q::counts(db, scope, by, period)?;
    if by.is_none() && period.is_none() {
        return Ok(t);
    }
    // Every figure is a count, so the total is the sum of the groups.
    let mut total = vec![Value::Null; t.columns.len()];
    total[0] = rules::TOTAL.into();
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
    super::one_total(&t)?;
    Ok(t)
}
