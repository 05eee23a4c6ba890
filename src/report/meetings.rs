//! `report meetings`: meetings (座谈会) held, the cadres attending and the
//! tickets resolved at them, one row per meeting and a total row.

use super::Scope;
use crate::db::{report::meetings as q, Db};
use crate::output::{col, Column, Kind, Table};
use anyhow::Result;

pub(crate) const COLUMNS: [Column; 6] = [
    col("meeting", "座谈会", Kind::Text).group_key("", ""),
    col("held_on", "日期", Kind::Plain),
    col("title", "名称", Kind::Text),
    col("meetings", "场次", Kind::Plain),
    col("cadres", "参会干部", Kind::Plain),
    col("tickets_resolved", "会上解决问题", Kind::Plain),
];

/// Meetings held in the period (and on or before the scope's day). The total
/// row counts distinct cadres and distinct tickets, so it is not the sum of
/// the rows above it when a cadre attended several meetings.
pub(crate) fn table(db: &Db, scope: &Scope) -> Result<Table> {
    let mut t = Table::new(&COLUMNS);
    t.rows = q::meetings(db, scope)?;
    super::one_total(&t)?;
    Ok(t)
}
