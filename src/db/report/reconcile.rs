//! The reconciliation counts of `report reconcile`, per group and in total,
//! and the tickets behind awaiting and overdue.

use super::{
    status_sql, tier_sql, Scope, TicketSource, EVENTS_AS_OF, EVENT_DUE_AS_OF, EVENT_NOT_VOIDED,
};
use crate::db::{status_list, Db};
use crate::domain::reconcile::Counts;
use crate::domain::status::Status;
use anyhow::Result;

/// What a ticket is grouped by (`--by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum By {
    /// The town/street (街镇) where the ticket's enterprise is located.
    Town,
    /// The handling department (承办单位); tickets without one form their own group.
    Department,
    /// The unit of the collecting cadre.
    Unit,
    /// The collecting cadre.
    Cadre,
    /// The ticket's category.
    Category,
    /// The tier of the pairing between the enterprise and the collecting cadre.
    Tier,
    /// The month of collection.
    Month,
    /// The quarter of collection.
    Quarter,
}

/// How one dimension turns into SQL: the inner key is a column of the ticket
/// (so the first aggregation can run over a covering index); the outer joins
/// map it to the group's id, label (a unit's or cadre's code), name (of a
/// unit or cadre, else NULL) and sort order.
struct Dim {
    inner: String,
    joins: &'static str,
    group: &'static str,
    label: &'static str,
    name: &'static str,
    sort: &'static str,
}

impl By {
    /// The dimension over `src`, whose department is the one in force on its day.
    fn dim(self, src: &TicketSource) -> Dim {
        let plain = |inner: &str| Dim {
            inner: inner.to_string(),
            joins: "",
            group: "i.k",
            label: "i.k",
            name: "NULL",
            sort: "i.k",
        };
        match self {
            By::Town => Dim {
                inner: "t.enterprise_id".into(),
                joins: "JOIN enterprises e ON e.id = i.k JOIN units g ON g.id = e.town_id",
                group: "g.id",
                label: "g.code",
                name: "g.name",
                sort: "g.code",
            },
            By::Department => Dim {
                inner: src.department.into(),
                joins: "LEFT JOIN units g ON g.id = i.k",
                group: "g.id",
                label: "g.code",
                name: "g.name",
                sort: "g.code",
            },
            By::Unit => Dim {
                inner: "t.cadre_id".into(),
                joins: "JOIN cadres c ON c.id = i.k JOIN units g ON g.id = c.unit_id",
                group: "g.id",
                label: "g.code",
                name: "g.name",
                sort: "g.code",
            },
            By::Cadre => Dim {
                inner: "t.cadre_id".into(),
                joins: "JOIN cadres c ON c.id = i.k",
                group: "c.id",
                label: "c.code",
                name: "c.name",
                sort: "c.code",
            },
            By::Category => plain("nullif(t.category, '')"),
            By::Tier => plain(&tier_sql("t", "collected_on")),
            By::Month => plain("substr(t.collected_on, 1, 7)"),
            By::Quarter => plain(
                "substr(t.collected_on, 1, 4) || '-Q' || ((CAST(substr(t.collected_on, 6, 2) AS INTEGER) + 2) / 3)",
            ),
        }
    }
}

/// One row of the report: the group's label (a unit's or cadre's code;
/// None for the no-value group), the unit's or cadre's name, and its counts.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) group: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) counts: Counts,
}

/// The per-term sums of one ticket source, grouped by `key`: the SQL form of
/// `Counts::count`, which the HTML report uses in its pass over the histories
/// (a test holds the two equal).
fn inner_sql(src: &TicketSource, key: &str) -> String {
    terms_sql(src.status, src.due, key, src.from, src.filter)
}

fn terms_sql(st: &str, due: &str, key: &str, from: &str, filter: &str) -> String {
    format!(
        "SELECT {key} AS k, count(*) AS collected,
                count(*) FILTER (WHERE {st} IN ({closed})) AS closed,
                count(*) FILTER (WHERE {st} = {resolved}) AS resolved,
                count(*) FILTER (WHERE {st} = {explained}) AS explained,
                count(*) FILTER (WHERE {st} = {in_progress}) AS in_progress,
                count(*) FILTER (WHERE {st} = {awaiting}) AS awaiting,
                count(*) FILTER (WHERE {st} IN ({open}) AND {due} < ?1) AS overdue
         FROM {from} WHERE {filter} GROUP BY 1",
        closed = status_list(&Status::CLOSED),
        resolved = status_sql(Status::Resolved),
        explained = status_sql(Status::Explained),
        in_progress = status_sql(Status::InProgress),
        awaiting = status_sql(Status::Collected),
        open = status_list(&Status::OPEN),
    )
}

fn counts_at(r: &crate::db::sql::Row, first: usize) -> crate::db::sql::Result<Counts> {
    Ok(Counts {
        collected: r.get(first)?,
        closed: r.get(first + 1)?,
        resolved: r.get(first + 2)?,
        explained: r.get(first + 3)?,
        in_progress: r.get(first + 4)?,
        awaiting: r.get(first + 5)?,
        overdue: r.get(first + 6)?,
    })
}

/// The counts per group (empty without `--by`) and in total, in one query.
pub(crate) fn counts(db: &Db, scope: &Scope, by: Option<By>) -> Result<(Vec<Row>, Counts)> {
    let src = TicketSource::new(scope);
    let params = scope.params();
    let Some(by) = by else {
        let all_events = format!("?2 IS NULL AND ?3 IS NULL AND {EVENT_NOT_VOIDED}");
        let sql = if scope.as_of && scope.from.is_none() && scope.to.is_none() {
            // The as-of totals need an open ticket's due date in force and
            // nothing else of it, so most events are counted straight from the index.
            terms_sql("ev.status", EVENT_DUE_AS_OF, "0", EVENTS_AS_OF, &all_events)
        } else {
            inner_sql(&src, "0")
        };
        let total = db
            .sql()
            .prepare(&sql)?
            .query_map(params, |r| counts_at(r, 1))?
            .next()
            .transpose()?
            .unwrap_or_default();
        return Ok((Vec::new(), total));
    };
    let d = by.dim(&src);
    let sql = format!(
        "SELECT {label}, {name}, sum(i.collected), sum(i.closed), sum(i.resolved), sum(i.explained),
                sum(i.in_progress), sum(i.awaiting), sum(i.overdue)
         FROM ({inner}) i {joins}
         GROUP BY {group}
         ORDER BY {sort} IS NULL, {sort}",
        label = d.label,
        name = d.name,
        inner = inner_sql(&src, &d.inner),
        joins = d.joins,
        group = d.group,
        sort = d.sort,
    );
    let mut stmt = db.sql().prepare(&sql)?;
    let rows = stmt
        .query_map(params, |r| {
            Ok(Row {
                group: r.get(0)?,
                name: r.get(1)?,
                counts: counts_at(r, 2)?,
            })
        })?
        .collect::<crate::db::sql::Result<Vec<_>>>()?;
    let mut total = Counts::default();
    for r in &rows {
        total.add(&r.counts);
    }
    Ok((rows, total))
}

/// A ticket behind `awaiting` or `overdue`.
#[derive(Debug, Clone)]
pub(crate) struct Listed {
    pub(crate) code: String,
    /// The enterprise's credit code and name.
    pub(crate) uscc: String,
    pub(crate) enterprise: String,
    pub(crate) collected_on: String,
    /// The handling department's code and name.
    pub(crate) department_code: Option<String>,
    pub(crate) department: Option<String>,
    pub(crate) due_on: Option<String>,
    pub(crate) awaiting: bool,
    /// Days since collection, as of the scope's day.
    pub(crate) age: i64,
    /// Days past due, when overdue.
    pub(crate) late: Option<i64>,
}

/// The tickets awaiting acceptance (oldest collected first), then the
/// overdue ones (oldest due first), at most `limit` of each (0: all).
pub(crate) fn listed(db: &Db, scope: &Scope, limit: u32) -> Result<Vec<Listed>> {
    let src = TicketSource::new(scope);
    let st = src.status;
    // PostgreSQL has no unary + on a day, and its planner needs no hint.
    let pg = db.sql().is_pg();
    let limit = if limit == 0 {
        i64::MAX
    } else {
        i64::from(limit)
    };
    // `IN (open)` lets the cached form use the partial index of open tickets.
    let query = |awaiting: bool| {
        format!(
            "SELECT t.code, e.name, t.collected_on, d.name, {due}, {aw},
                    CAST(julianday(?1) - julianday(t.collected_on) AS INTEGER),
                    {late}, e.uscc, d.code
             FROM {from}
             JOIN enterprises e ON e.id = t.enterprise_id
             LEFT JOIN units d ON d.id = {department}
             WHERE {filter} AND {st} IN ({open}) AND {cond}
             ORDER BY {order}, t.code
             LIMIT ?4",
            aw = i64::from(awaiting),
            late = if awaiting {
                "NULL".to_string()
            } else {
                format!(
                    "CAST(julianday(?1) - julianday({due}) AS INTEGER)",
                    due = src.due
                )
            },
            due = src.due,
            department = src.department,
            from = src.from,
            filter = if pg { src.filter } else { src.open_filter },
            open = status_list(&Status::OPEN),
            cond = if awaiting {
                format!("{st} = {}", status_sql(Status::Collected))
            } else {
                format!("{} < ?1", src.due)
            },
            // `+`: sorted after the open tickets are found, not by walking
            // every ticket in the order of the index of collection days.
            order = match (awaiting, pg) {
                (true, false) => "+t.collected_on",
                (true, true) => "t.collected_on",
                (false, _) => src.due,
            },
        )
    };
    let (day, from, to) = scope.params();
    let mut out = Vec::new();
    for awaiting in [true, false] {
        let mut stmt = db.sql().prepare(&query(awaiting))?;
        let rows = stmt.query_map((&day, &from, &to, limit), |r| {
            Ok(Listed {
                code: r.get(0)?,
                enterprise: r.get(1)?,
                collected_on: r.get(2)?,
                department: r.get(3)?,
                due_on: r.get(4)?,
                awaiting: r.get(5)?,
                age: r.get(6)?,
                late: r.get(7)?,
                uscc: r.get(8)?,
                department_code: r.get(9)?,
            })
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}
