//! The figures of `report assessment`: every rate's numerator and
//! denominator per group and in total, as of a day; and the one pass over
//! the tickets' histories they are counted from, which the HTML report
//! also reads its month flows from.
//!
//! The rates are counted by `domain::assessment::Assessment`, ticket by
//! ticket, from two reads: the selected tickets with their group, and every
//! event on or before the day in ticket order, read from the covering index
//! `ticket_events_ticket` (one pass, no lookup per ticket). A ticket voided
//! on or before the day takes no part; one voided later counts as it stood.

use super::Scope;
use crate::db::sql::{params, Row as SqlRow, Val};
use crate::db::tickets::calendar;
use crate::db::Db;
use crate::domain::assessment::{Assessment, Ratio, Sums};
use crate::domain::kinds::Satisfaction;
use crate::domain::reconcile::Standing;
use crate::domain::status::{Action, Event, Status};
use crate::domain::{date, rules};
use anyhow::{anyhow, Result};
use chrono::NaiveDate;
use std::collections::HashMap;

/// What the tickets are grouped by (`--by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum By {
    /// The handling department in force on the day (承办单位); return_rate
    /// counts for the department that returned the ticket.
    #[default]
    Department,
    /// The unit of the collecting cadre.
    Unit,
    /// The town/street (街镇) where the ticket's enterprise is located.
    Town,
    /// The ticket's category.
    Category,
}

/// One row: the group's label (a unit's code, or the category; None for
/// the no-value group), the unit's name, its tickets, and each rate's terms
/// in the order of `Rate::ALL`.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) group: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) tickets: i64,
    pub(crate) rates: [Ratio; 7],
}

impl By {
    /// The group of the ticket `t` as an SQL expression (NULL by
    /// department, whose group comes from the events), and whether the
    /// group is a unit's id.
    fn key(self) -> (&'static str, bool) {
        match self {
            By::Department => ("NULL", true),
            By::Unit => (
                "(SELECT c.unit_id FROM cadres c WHERE c.id = t.cadre_id)",
                true,
            ),
            By::Town => (
                "(SELECT e.town_id FROM enterprises e WHERE e.id = t.enterprise_id)",
                true,
            ),
            By::Category => ("nullif(t.category, '')", false),
        }
    }
}

/// A ticket of the scope, as the pass over the histories hands it on.
#[derive(Debug, Clone, Copy)]
pub(in crate::db) struct Ticket {
    /// Its group for the assessment: a unit's id, or an index into
    /// `Selected::names`; None by department, whose group comes from the events.
    pub(in crate::db) group: Option<i64>,
    pub(in crate::db) collected_on: NaiveDate,
    /// Voided on or before the report's day.
    pub(in crate::db) voided: bool,
    /// The enterprise's id.
    pub(in crate::db) enterprise: i64,
}

/// The tickets collected by the report's day within --from/--to, voided
/// ones included (the ones voided by then marked), in id order.
pub(in crate::db) struct Selected {
    tickets: Vec<(i64, Ticket)>,
    /// The categories, when they are the groups.
    names: Vec<String>,
}

/// A stored date (`YYYY-MM-DD` on both engines), read without allocating.
fn stored_day(b: &[u8]) -> Result<NaiveDate> {
    date::from_stored(b).ok_or_else(|| {
        let s = String::from_utf8_lossy(b);
        anyhow!(crate::tr!(
            "a ticket has the date {s:?}, not YYYY-MM-DD",
            "问题的日期 {s:?} 不是 YYYY-MM-DD"
        ))
    })
}

/// A date column of `r`, None when NULL.
fn day(r: &SqlRow, i: usize) -> Result<Option<NaiveDate>> {
    r.with_bytes(i, |b| b.map(stored_day).transpose())?
}

fn no(what: &str) -> anyhow::Error {
    anyhow!(crate::tr!(
        "a ticket or its event has no {what}",
        "问题或其事件缺少{what}"
    ))
}

/// A share of the tickets, by id, so that their histories can be read on
/// several threads at once: the `index`th of `of` equal ranges of ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::db) struct Part {
    pub(in crate::db) index: i64,
    pub(in crate::db) of: i64,
}

impl Part {
    pub(in crate::db) const WHOLE: Part = Part { index: 0, of: 1 };

    /// The first and last ticket id of the part.
    fn ids(self, db: &Db) -> Result<(i64, i64)> {
        // Each in a query of its own: SQLite finds one min() or max() of an id
        // at an end of the table, but both at once by reading every row.
        let (lo, hi): (Option<i64>, Option<i64>) = db.sql().query_row(
            "SELECT (SELECT min(id) FROM tickets), (SELECT max(id) FROM tickets)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (lo, hi) = (lo.unwrap_or(0), hi.unwrap_or(0));
        let at = |i: i64| lo + (hi - lo + 1) * i / self.of;
        Ok((at(self.index), at(self.index + 1) - 1))
    }
}

/// The tickets of the scope in `part`, read from the table in id order
/// (the range of ids bounds the read).
pub(in crate::db) fn select(db: &Db, scope: &Scope, by: By, part: Part) -> Result<Selected> {
    let sql = format!(
        "SELECT t.id, t.collected_on, CASE WHEN t.voided_on <= ?1 THEN 1 ELSE 0 END, {key},
                t.enterprise_id
           FROM tickets t
          WHERE t.id BETWEEN ?4 AND ?5 AND t.collected_on <= ?1
            AND (?2 IS NULL OR t.collected_on >= ?2) AND (?3 IS NULL OR t.collected_on <= ?3)
          ORDER BY t.id",
        key = by.key().0,
    );
    let (first, last) = part.ids(db)?;
    let (on, from, to) = scope.params();
    let mut out = Selected {
        tickets: Vec::new(),
        names: Vec::new(),
    };
    let mut index: HashMap<String, i64> = HashMap::new();
    db.sql()
        .each_row(&sql, params![on, from, to, first, last], |r| {
            let group = match r.val(3)? {
                Val::Null => None,
                Val::Int(k) => Some(k),
                Val::Text(name) => Some(match index.get(name.as_ref()) {
                    Some(k) => *k,
                    None => {
                        let k = out.names.len() as i64;
                        index.insert(name.to_string(), k);
                        out.names.push(name.into_owned());
                        k
                    }
                }),
                other => {
                    return Err(anyhow!(crate::tr!(
                        "a ticket's group is {other:?}",
                        "问题的分组为 {other:?}"
                    )))
                }
            };
            let ticket = Ticket {
                group,
                collected_on: day(r, 1)?.ok_or_else(|| no("collected_on"))?,
                voided: r.int(2)? == Some(1),
                enterprise: r.int(4)?.ok_or_else(|| no("enterprise_id"))?,
            };
            let id = r.int(0)?.ok_or_else(|| no("id"))?;
            out.tickets.push((id, ticket));
            Ok(())
        })?;
    Ok(out)
}

/// The stored names of a vocabulary, looked up without allocating.
struct Names<T: Copy + 'static>(Vec<(&'static str, T)>);

impl<T: Copy + 'static> Names<T> {
    fn new(all: &[T], name: fn(T) -> &'static str) -> Names<T> {
        Names(all.iter().map(|v| (name(*v), *v)).collect())
    }

    /// The value of column `i` of `r`, None when NULL.
    fn get(&self, what: &str, r: &SqlRow, i: usize) -> Result<Option<T>> {
        r.with_bytes(i, |b| {
            let Some(b) = b else {
                return Ok(None);
            };
            self.0
                .iter()
                .find(|(n, _)| n.as_bytes() == b)
                .map(|(_, v)| Some(*v))
                .ok_or_else(|| {
                    let s = String::from_utf8_lossy(b);
                    anyhow!(crate::tr!(
                        "a ticket event has the {what} {s:?}",
                        "问题事件的{what}为 {s:?}"
                    ))
                })
        })?
    }
}

/// Hands every ticket of `sel`, with its events on or before the report's
/// day in order (none when it has none by then) but those of the actions
/// the pass does not count (`Action::UNCOUNTED`), to `each`, ticket by
/// ticket. The events are read in the order of the covering index
/// `ticket_events_ticket` (ticket, day, then the columns read), between the
/// first and the last ticket selected, as one stream, and each ticket's few
/// are put in the order of their ids here.
pub(in crate::db) fn each_history(
    db: &Db,
    scope: &Scope,
    sel: &Selected,
    mut each: impl FnMut(&Ticket, &[Event]),
) -> Result<()> {
    let (Some(first), Some(last)) = (sel.tickets.first(), sel.tickets.last()) else {
        return Ok(());
    };
    let actions = Names::new(&Action::ALL, Action::as_str);
    let statuses = Names::new(&Status::ALL, Status::as_str);
    let satisfactions = Names::new(Satisfaction::ALL, Satisfaction::as_str);
    let mut tickets = sel.tickets.iter().peekable();
    // The selected ticket whose events are being gathered.
    let mut current: Option<&(i64, Ticket)> = None;
    let mut events: Vec<Event> = Vec::new();
    let mut flush = |t: &Ticket, events: &mut Vec<Event>| {
        if !events.is_sorted_by_key(|e| e.id) {
            events.sort_unstable_by_key(|e| e.id);
        }
        each(t, events);
        events.clear();
    };
    // The events of the actions the pass does not count are left unread.
    let uncounted = Action::UNCOUNTED
        .iter()
        .map(|a| format!("'{}'", a.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    db.sql().each_row(
        &format!(
            "SELECT e.ticket_id, e.id, e.on_date, e.action, e.status, e.department_id, e.due_on,
                    e.satisfaction
               FROM ticket_events e
              WHERE e.ticket_id BETWEEN ?2 AND ?3 AND e.on_date <= ?1
                AND (e.action IS NULL OR e.action NOT IN ({uncounted}))
              ORDER BY e.ticket_id"
        ),
        params![scope.day_iso(), first.0, last.0],
        |r| {
            let id = r.int(0)?.ok_or_else(|| no("ticket_id"))?;
            if current.is_none_or(|c| c.0 != id) {
                if let Some(c) = current.take() {
                    flush(&c.1, &mut events);
                }
                // The selected tickets before this one have no events by the day.
                while let Some(t) = tickets.next_if(|t| t.0 < id) {
                    flush(&t.1, &mut events);
                }
                current = tickets.next_if(|t| t.0 == id);
            }
            if current.is_none() {
                return Ok(());
            }
            events.push(Event {
                id: r.int(1)?.ok_or_else(|| no("id"))?,
                on: day(r, 2)?.ok_or_else(|| no("on_date"))?,
                action: actions.get("action", r, 3)?,
                status: statuses.get("status", r, 4)?.ok_or_else(|| no("status"))?,
                department: r.int(5)?,
                due: day(r, 6)?,
                satisfaction: satisfactions.get("satisfaction", r, 7)?,
            });
            Ok(())
        },
    )?;
    if let Some(c) = current {
        flush(&c.1, &mut events);
    }
    for t in tickets {
        flush(&t.1, &mut events);
    }
    Ok(())
}

fn row(group: Option<String>, name: Option<String>, s: Sums) -> Row {
    Row {
        group,
        name,
        tickets: s.tickets,
        rates: s.rates,
    }
}

/// An assessment of the tickets of `sel` as of the report's day, to be
/// fed their histories.
pub(in crate::db) fn fold(db: &Db, scope: &Scope, by: By) -> Result<Assessment> {
    Ok(Assessment::new(
        scope.day,
        calendar(db)?,
        crate::db::calendar::response_times(db)?,
        by == By::Department,
    ))
}

/// Adds one ticket's history to `fold`, unless it was voided by the day;
/// where the ticket stands at the end of the day, when it counts.
pub(in crate::db) fn add(fold: &mut Assessment, t: &Ticket, events: &[Event]) -> Option<Standing> {
    if t.voided {
        return None;
    }
    fold.add(t.group, events)
}

/// Every unit's code and name, by id: the labels and order of the groups.
pub(in crate::db) type Units = HashMap<i64, (String, String)>;

pub(in crate::db) fn units(db: &Db) -> Result<Units> {
    let mut units = Units::new();
    db.sql()
        .each_row("SELECT id, code, name FROM units", [], |u| {
            units.insert(u.get(0)?, (u.get(1)?, u.get(2)?));
            Ok(())
        })?;
    Ok(units)
}

/// The rows per group, sorted by the unit's code (or the category), the
/// group without one last; and the total row.
pub(in crate::db) fn rows(
    units: &Units,
    by: By,
    names: &[String],
    fold: Assessment,
) -> (Vec<Row>, Row) {
    let (groups, total) = fold.finish();
    // Each group with its sort key.
    let mut rows: Vec<(Option<String>, Row)> = groups
        .into_iter()
        .map(|(k, s)| {
            if by.key().1 {
                let unit = k.and_then(|k| units.get(&k));
                let code = unit.map(|u| u.0.clone());
                (code.clone(), row(code, unit.map(|u| u.1.clone()), s))
            } else {
                let name = k.and_then(|k| names.get(k as usize)).cloned();
                (name.clone(), row(name, None, s))
            }
        })
        .collect();
    rows.sort_by(|a, b| (a.0.is_none(), &a.0).cmp(&(b.0.is_none(), &b.0)));
    let total = row(Some(rules::TOTAL.to_string()), None, total);
    (rows.into_iter().map(|r| r.1).collect(), total)
}

/// The rows per group and the total row (every ticket once: a ticket
/// assigned to two departments counts once in its return_rate).
pub(crate) fn assessment(db: &Db, scope: &Scope, by: By) -> Result<(Vec<Row>, Row)> {
    let sel = select(db, scope, by, Part::WHOLE)?;
    let mut fold = fold(db, scope, by)?;
    each_history(db, scope, &sel, |t, events| {
        add(&mut fold, t, events);
    })?;
    Ok(rows(&units(db)?, by, &sel.names, fold))
}
