//! `report overdue`: open tickets past their due date, oldest due first —
//! the list for 限期销号 and quarterly supervision — with the escalation
//! step each has reached and the last urge recorded, so that a supervisor
//! sees who must be chased and who has been.

use super::Scope;
use crate::db::{report::overdue as q, tickets, Db};
use crate::domain::date;
use crate::domain::handling::escalation;
use crate::output::{col, Column, Kind, Table, Value, Vocab};
use anyhow::Result;

/// Each record a ticket refers to by its code, then its name, as the lists do.
pub(crate) const COLUMNS: [Column; 17] = [
    col("code", "编号", Kind::Code),
    col("enterprise", "统一社会信用代码", Kind::Id),
    col("enterprise_name", "企业名称", Kind::Text),
    col("town", "街镇", Kind::Code),
    col("town_name", "街镇名称", Kind::Text),
    col("cadre", "收集干部", Kind::Code),
    col("cadre_name", "干部姓名", Kind::Text),
    col("category", "类别", Kind::Text),
    col("department", "承办单位", Kind::Code),
    col("department_name", "承办单位名称", Kind::Text),
    col("collected_on", "收集日期", Kind::Plain),
    col("due_on", "办理时限", Kind::Plain),
    col("days_overdue", "超期天数", Kind::Plain),
    col("status", "状态", Kind::Vocab(Vocab::Status)),
    col("escalation", "应督办级别", Kind::Vocab(Vocab::Level)),
    col("last_urge", "最近催办", Kind::Vocab(Vocab::Level)),
    col("last_urge_on", "最近催办日期", Kind::Plain),
];

/// Where the due date sits in a row of `q::overdue`.
const DUE: usize = 11;

/// The overdue tickets as of the scope's day, each with the step of the
/// escalation ladder its working days past due have reached.
pub(crate) fn table(db: &Db, scope: &Scope) -> Result<Table> {
    let calendar = tickets::calendar(db)?;
    let mut t = Table::new(&COLUMNS);
    for row in q::overdue(db, scope)? {
        let level = match &row[DUE] {
            Value::Text(due) => escalation(calendar.workdays_after(date::parse(due)?, scope.day))
                .map(|l| Value::from(l.as_str())),
            _ => None,
        };
        let mut line = row;
        let urge = line.split_off(DUE + 3);
        line.push(level.into());
        line.extend(urge);
        t.push(line);
    }
    Ok(t)
}
