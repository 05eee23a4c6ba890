//! `report overdue`: open tickets past their due date, oldest due first —
//! the list for 限期销号 and quarterly supervision.

use super::Scope;
use crate::db::{report::overdue as q, Db};
use crate::output::{col, Column, Kind, Table, Vocab};
use anyhow::Result;

pub const COLUMNS: [Column; 10] = [
    col("code", "编号", Kind::Code),
    col("enterprise", "企业名称", Kind::Text),
    col("town", "街镇", Kind::Text),
    col("cadre", "收集干部", Kind::Code),
    col("category", "类别", Kind::Text),
    col("department", "承办单位", Kind::Code),
    col("collected_on", "收集日期", Kind::Plain),
    col("due_on", "办理时限", Kind::Plain),
    col("days_overdue", "超期天数", Kind::Plain),
    col("status", "状态", Kind::Vocab(Vocab::Status)),
];

/// The overdue tickets as of the scope's day.
pub fn table(db: &Db, scope: &Scope) -> Result<Table> {
    let mut t = Table::new(&COLUMNS);
    t.rows = q::overdue(db, scope)?;
    Ok(t)
}
