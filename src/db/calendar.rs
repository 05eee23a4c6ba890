//! The days the user declares working days or not (over the shipped
//! arrangements), the categories' deadlines in working days (办理时限), and
//! the response times (响应时限) set, each from a day on.

use super::{rows, Db, Tx};
use crate::db::sql::{params, OptionalExtension};
use crate::domain::assessment::ResponseTimes;
use crate::domain::{date, rules};
use anyhow::Result;
use chrono::NaiveDate;

pub(crate) use super::tickets::{calendar, DEFAULT_DAYS};

/// Declares `day` a working day or not, replacing what was declared of it before.
pub(crate) fn set_day(tx: &Tx, day: NaiveDate, workday: bool) -> Result<()> {
    tx.sql()
        .prepare_cached(
            "INSERT INTO calendar (day, workday) VALUES (?1, ?2)
             ON CONFLICT (day) DO UPDATE SET workday = excluded.workday",
        )?
        .execute(params![date::iso(day), workday])?;
    Ok(())
}

/// The days declared, in order, as `(day, workday)`.
pub(crate) fn export(db: &Db, each: &mut dyn FnMut((String, bool)) -> Result<()>) -> Result<()> {
    rows::each(
        db,
        "SELECT day, workday FROM calendar ORDER BY day",
        |r| Ok((r.get(0)?, r.get(1)?)),
        each,
    )
}

/// Gives a category its deadline; returns the deadline it had, if one was set.
pub(crate) fn set_category(tx: &Tx, name: &str, days: u32) -> Result<Option<u32>> {
    let name = rules::category_name("category", name)?;
    let days = rules::deadline_days("days", days)?;
    let before: Option<u32> = tx
        .sql()
        .prepare_cached("SELECT days FROM categories WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    tx.sql()
        .prepare_cached(
            "INSERT INTO categories (name, days) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET days = excluded.days",
        )?
        .execute(params![name, days])?;
    Ok(before)
}

/// A category of `category list`: its deadline (None: the default) and its tickets.
pub(crate) struct Category {
    pub(crate) name: String,
    pub(crate) days: Option<u32>,
    pub(crate) tickets: i64,
}

/// The categories given a deadline and those only tickets name, by name,
/// with the tickets in each; a voided ticket counts nowhere.
pub(crate) fn categories(db: &Db) -> Result<Vec<Category>> {
    rows::all(
        db,
        "SELECT c.name, c.days,
                (SELECT count(*) FROM tickets t WHERE t.category = c.name AND t.voided_on IS NULL)
           FROM categories c
         UNION ALL
         SELECT t.category, NULL, count(*) FROM tickets t
          WHERE t.category <> '' AND t.voided_on IS NULL
            AND t.category NOT IN (SELECT name FROM categories)
          GROUP BY t.category
         ORDER BY 1",
        [],
        |r| {
            Ok(Category {
                name: r.get(0)?,
                days: r.get(1)?,
                tickets: r.get(2)?,
            })
        },
    )
}

/// The categories given a deadline, by name, as `(name, days)`.
pub(crate) fn export_categories(
    db: &Db,
    each: &mut dyn FnMut((String, u32)) -> Result<()>,
) -> Result<()> {
    rows::each(
        db,
        "SELECT name, days FROM categories ORDER BY name",
        |r| Ok((r.get(0)?, r.get(1)?)),
        each,
    )
}

/// The response times set, in the order set, as the assessment reads them.
pub(crate) fn response_times(db: &Db) -> Result<ResponseTimes> {
    let set: Vec<(String, u32)> = rows::all(
        db,
        "SELECT from_date, days FROM response_times ORDER BY id",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let set = set
        .into_iter()
        .map(|(from, days)| Ok((date::parse(&from)?, days)))
        .collect::<Result<Vec<_>>>()?;
    Ok(ResponseTimes::new(set))
}

/// Sets the response time from `from` on, as set on `today`: `days`
/// working days, refused when `from` is after today. Returns the response
/// time an assignment made on `from` had before.
pub(crate) fn set_response_time(
    tx: &Tx,
    days: u32,
    from: NaiveDate,
    today: NaiveDate,
) -> Result<u32> {
    let days = rules::response_days("days", days)?;
    let what = crate::tr!("response time start", "响应时限起始日期");
    let from = rules::not_in_future("from", &what, from, today)?;
    let before = response_times(tx)?.days(from);
    tx.sql()
        .prepare_cached("INSERT INTO response_times (from_date, days, set_on) VALUES (?1, ?2, ?3)")?
        .execute(params![date::iso(from), days, date::iso(today)])?;
    Ok(before)
}

/// A response time of `response-time list`.
pub(crate) struct ResponseTime {
    pub(crate) from: String,
    pub(crate) days: u32,
    pub(crate) set_on: String,
    /// Whether a later setting from the same day replaced it.
    pub(crate) replaced: bool,
}

/// Every response time set, by the day it holds from, then in the order set.
pub(crate) fn list_response_times(db: &Db) -> Result<Vec<ResponseTime>> {
    rows::all(
        db,
        "SELECT r.from_date, r.days, r.set_on,
                EXISTS (SELECT 1 FROM response_times l WHERE l.from_date = r.from_date AND l.id > r.id)
           FROM response_times r
          ORDER BY r.from_date, r.id",
        [],
        |r| {
            Ok(ResponseTime {
                from: r.get(0)?,
                days: r.get(1)?,
                set_on: r.get(2)?,
                replaced: r.get(3)?,
            })
        },
    )
}
