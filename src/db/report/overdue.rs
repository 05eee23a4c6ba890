//! The query of `report overdue`.

use super::{Scope, TicketSource};
use crate::db::rows;
use crate::db::{status_list, Db};
use crate::domain::status::{Action, Status};
use crate::output::Value;
use anyhow::Result;

/// The open tickets past due on the scope's day, oldest due first: (code,
/// enterprise's credit code and name, town's code and name, cadre's code
/// and name, category, department's code and name, collected_on,
/// due_on, days overdue, stored status, level of the last urge, its day).
/// With `--as-of` the department and due date are those in force on the
/// day, and only urges recorded by then count.
pub(crate) fn overdue(db: &Db, scope: &Scope) -> Result<Vec<Vec<Value>>> {
    let src = TicketSource::new(scope);
    let st = src.status;
    let due = src.due;
    let sql = format!(
        "SELECT t.code, e.uscc, e.name, tw.code, tw.name, c.code, c.name, nullif(t.category, ''),
                d.code, d.name,
                t.collected_on, {due}, CAST(julianday(?1) - julianday({due}) AS INTEGER), {st},
                u.level, u.on_date
         FROM {from}
         JOIN enterprises e ON e.id = t.enterprise_id
         JOIN units tw ON tw.id = e.town_id
         JOIN cadres c ON c.id = t.cadre_id
         LEFT JOIN units d ON d.id = {department}
         LEFT JOIN ticket_events u ON u.id =
              (SELECT x.id FROM ticket_events x
                WHERE x.ticket_id = t.id AND x.action = '{urge}' AND x.on_date <= ?1
                ORDER BY x.on_date DESC, x.id DESC LIMIT 1)
         WHERE {filter} AND {st} IN ({open}) AND {due} < ?1
         ORDER BY 12, t.code",
        from = src.from,
        filter = src.filter,
        department = src.department,
        urge = Action::Urge.as_str(),
        open = status_list(&Status::OPEN),
    );
    rows::values(db, &sql, scope.params(), 16)
}
