//! The supervision reports: each builds its tables with one aggregate query
//! (plus one per listed detail) and renders them into any writer.

pub mod coverage;
pub mod html;
pub mod meetings;
pub mod overdue;
pub mod reconcile;
pub mod visits;

use crate::domain::{date, Lang};
use crate::error::input;
use crate::output::{Table, Value};
use anyhow::Result;
use chrono::NaiveDate;
use std::io::Write;

/// The tickets (or visits, meetings) a report covers and the day it looks from.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    /// First collection (visit, meeting) day, included.
    pub from: Option<NaiveDate>,
    /// Last collection (visit, meeting) day, included.
    pub to: Option<NaiveDate>,
    /// The day statuses and overdue are judged on: `--as-of`, else today.
    pub day: NaiveDate,
    /// Whether statuses come from the event history (`--as-of`) rather than the cached status.
    pub as_of: bool,
}

impl Scope {
    pub fn new(
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        as_of: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Scope> {
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(input(format!(
                    "--from {} is after --to {}",
                    date::iso(f),
                    date::iso(t)
                )));
            }
        }
        if let Some(d) = as_of.filter(|d| *d > today) {
            return Err(input(format!(
                "--as-of {} is in the future (today is {}); the history only reaches today",
                date::iso(d),
                date::iso(today)
            )));
        }
        Ok(Scope {
            from,
            to,
            day: as_of.unwrap_or(today),
            as_of: as_of.is_some(),
        })
    }

    pub fn day_iso(&self) -> String {
        date::iso(self.day)
    }

    pub fn from_iso(&self) -> Option<String> {
        self.from.map(date::iso)
    }

    pub fn to_iso(&self) -> Option<String> {
        self.to.map(date::iso)
    }

    /// "as of 2022-12-31, collected 2022-01-01 – 2022-06-30", for headings.
    pub fn describe(&self, lang: Lang, what_en: &str, what_zh: &str) -> String {
        let day = self.day_iso();
        let mut s = match lang {
            Lang::En => format!("as of {day}"),
            Lang::Zh => format!("截至{day}"),
        };
        if self.from.is_some() || self.to.is_some() {
            let f = self.from_iso().unwrap_or_else(|| "…".into());
            let t = self.to_iso().unwrap_or_else(|| "…".into());
            match lang {
                Lang::En => s.push_str(&format!(", {what_en} {f} – {t}")),
                Lang::Zh => s.push_str(&format!("，{what_zh}{f}至{t}")),
            }
        }
        s
    }
}

/// The text of EVENTS_AS_OF, for building other constants from it.
macro_rules! events_as_of {
    () => {
        "(SELECT ticket_id, status FROM ticket_events
      WHERE superseded_on > ?1 AND on_date <= ?1
     UNION ALL
     SELECT ticket_id, status FROM ticket_events
      WHERE superseded_on IS NULL AND on_date <= ?1) ev"
    };
}

/// The events in force at the end of day ?1, one per ticket collected by then:
/// `on_date <= D < superseded_on`. Two range scans of the covering index
/// `ticket_events_as_of` (superseded later, or never), with no per-ticket grouping.
pub const EVENTS_AS_OF: &str = events_as_of!();

/// The selected tickets, each with its status as of the scope's day, as SQL
/// fragments: `FROM {from} WHERE {filter}` with the status in `{status}`.
/// Parameters: ?1 the day, ?2 from, ?3 to (collection dates).
///
/// Without `--as-of` the cached status is current, so the tickets table is
/// read alone (a covering index serves the grouped counts). With `--as-of`
/// the status is the one event in force on the day — `on_date <= D <
/// superseded_on` — found by a range scan of `ticket_events_as_of`, with no
/// per-ticket grouping; a ticket has such an event exactly when it was
/// collected on or before D.
#[derive(Debug, Clone, Copy)]
pub struct TicketSource {
    pub from: &'static str,
    pub status: &'static str,
    pub filter: &'static str,
}

/// EVENTS_AS_OF with each event's ticket.
const AS_OF_JOINED: &str = concat!(events_as_of!(), " JOIN tickets t ON t.id = ev.ticket_id");

impl TicketSource {
    pub fn new(scope: &Scope) -> TicketSource {
        if scope.as_of {
            TicketSource {
                from: AS_OF_JOINED,
                status: "ev.status",
                filter:
                    "(?2 IS NULL OR t.collected_on >= ?2) AND (?3 IS NULL OR t.collected_on <= ?3)",
            }
        } else {
            TicketSource {
                from: "tickets t",
                status: "t.status",
                filter: "t.collected_on <= ?1
                         AND (?2 IS NULL OR t.collected_on >= ?2) AND (?3 IS NULL OR t.collected_on <= ?3)",
            }
        }
    }
}

/// The tier of the pairing between a row's enterprise and cadre (`t.` or `v.`
/// aliases given as `alias`): the latest pairing started on or before the
/// row's date, else the earliest one; NULL when they were never paired.
pub fn tier_sql(alias: &str, date_col: &str) -> String {
    // Two lookups rather than one ORDER BY on the outer row's date, which
    // SQLite cannot resolve when the expression is also the GROUP BY key.
    format!(
        "coalesce(
           (SELECT p.tier FROM pairings p
             WHERE p.enterprise_id = {alias}.enterprise_id AND p.cadre_id = {alias}.cadre_id
               AND p.started_on <= {alias}.{date_col}
             ORDER BY p.started_on DESC LIMIT 1),
           (SELECT p.tier FROM pairings p
             WHERE p.enterprise_id = {alias}.enterprise_id AND p.cadre_id = {alias}.cadre_id
             ORDER BY p.started_on LIMIT 1))"
    )
}

/// A heading line above a table.
pub fn heading(w: &mut dyn Write, text: &str) -> Result<()> {
    writeln!(w, "{text}")?;
    Ok(())
}

/// Replaces NULL group keys by a readable placeholder, and the `total` key
/// by 合计 in Chinese, for the table form only (CSV and JSON keep NULL and `total`).
pub fn label_groups(t: &mut Table, col: usize, lang: Lang, none: (&str, &str)) {
    for row in &mut t.rows {
        match &row[col] {
            Value::Null => row[col] = lang.pick(none.0, none.1).into(),
            Value::Text(s) if s == "total" => row[col] = lang.pick("total", "合计").into(),
            _ => {}
        }
    }
}
