//! The query of `report overdue`.

use super::{Scope, TicketSource};
use crate::db::rows;
use crate::db::{status_list, Db};
use crate::domain::status::Status;
use crate::output::Value;
use anyhow::Result;

/// The open tickets past due on the scope's day, oldest due first: (code,
/// enterprise, town, `cadre-code name`, category, department, collected_on,
/// due_on, days overdue, stored status).
pub fn overdue(db: &Db, scope: &Scope) -> Result<Vec<Vec<Value>>> {
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
         WHERE {filter} AND {st} IN ({open}) AND t.due_on < ?1
         ORDER BY t.due_on, t.code",
        from = src.from,
        filter = src.filter,
        open = status_list(&Status::OPEN),
    );
    rows::values(db, &sql, scope.params(), 10)
}
