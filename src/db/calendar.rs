//! The days the user declares working days or not (over the shipped
//! arrangements) and the categories' deadlines in working days (办理时限).

use super::{rows, Db, Tx};
use crate::db::sql::{params, OptionalExtension};
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
