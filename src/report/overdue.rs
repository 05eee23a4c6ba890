//! `report overdue`: open tickets past their due date, oldest due first —
//! the list for 限期销号 and quarterly supervision.

use super::{Scope, TicketSource};
use crate::domain::status::Status;
use crate::domain::Lang;
use crate::output::{col, Column, Kind, Table, Value};
use anyhow::Result;
use rusqlite::Connection;

pub const COLUMNS: [Column; 10] = [
    col("code", "编号", Kind::Text),
    col("enterprise", "企业名称", Kind::Text),
    col("town", "街镇", Kind::Text),
    col("cadre", "收集干部", Kind::Text),
    col("category", "类别", Kind::Text),
    col("department", "承办单位", Kind::Text),
    col("collected_on", "收集日期", Kind::Plain),
    col("due_on", "办理时限", Kind::Plain),
    col("days_overdue", "超期天数", Kind::Plain),
    col("status", "状态", Kind::Plain),
];

/// The overdue tickets as of the scope's day; statuses in `lang` for tables.
pub fn table(conn: &Connection, scope: &Scope, status_lang: Lang) -> Result<Table> {
    let src = TicketSource::new(scope);
    let st = src.status;
    let sql = format!(
        "SELECT t.code, e.name, tw.name, c.code || ' ' || c.name, nullif(t.category, ''), d.name,
                t.collected_on, t.due_on, CAST(julianday(?1) - julianday(t.due_on) AS INTEGER), {st}
         FROM {from}
         JOIN enterprises e ON e.id = t.enterprise_id
         JOIN units tw ON tw.id = e.town_id
         JOIN cadres c ON c.id = t.cadre_id
         LEFT JOIN units d ON d.id = t.department_id
         WHERE {filter} AND {st} IN ('collected', 'in_progress') AND t.due_on < ?1
         ORDER BY t.due_on, t.code",
        from = src.from,
        filter = src.filter,
    );
    let mut t = Table::query(
        &COLUMNS,
        conn,
        &sql,
        &[&scope.day_iso(), &scope.from_iso(), &scope.to_iso()],
    )?;
    for row in &mut t.rows {
        if let Value::Text(s) = &row[9] {
            if let Ok(st) = Status::parse(s) {
                row[9] = st.label(status_lang).into();
            }
        }
    }
    Ok(t)
}
