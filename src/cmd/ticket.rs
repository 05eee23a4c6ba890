//! `qianqi ticket add|accept|resolve|explain|reopen|list|show`

use super::{actor, done, parse_date, Ctx};
use crate::db::{self, refs, tickets, CadreId, EnterpriseId, UnitId};
use crate::domain::status::{Action, Status};
use crate::domain::{date, Lang};
use crate::error::input;
use crate::output::{col, Column, Kind, OutputArgs, Table, Value};
use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use rusqlite::{params, Connection};
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Log a problem (问题) an enterprise raised; prints the ticket's code.
    Add {
        /// Enterprise: unified social credit code or exact name.
        enterprise: String,
        /// What the problem is, in the enterprise's words.
        summary: String,
        /// The collecting cadre's code.
        #[arg(long, env = "QIANQI_USER")]
        cadre: Option<String>,
        /// Ticket code [default: YYYY-NNNN, the next free number in the collection year].
        #[arg(long)]
        code: Option<String>,
        /// Category, e.g. 融资贷款, 用工招聘.
        #[arg(long, default_value = "")]
        category: String,
        /// Handling department (承办单位), a unit code.
        #[arg(long)]
        department: Option<String>,
        /// Deadline (办理时限).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        due: Option<NaiveDate>,
        /// Day collected [default: today].
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: Option<NaiveDate>,
    },
    /// A handling department accepts the ticket: collected → in_progress.
    Accept {
        #[command(flatten)]
        change: Change,
        /// Handling department (承办单位), a unit code; replaces the one given at collection.
        #[arg(long)]
        department: Option<String>,
        /// Deadline (办理时限); replaces the one given at collection.
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        due: Option<NaiveDate>,
    },
    /// The problem is solved (已解决): collected or in_progress → resolved.
    Resolve {
        #[command(flatten)]
        change: Change,
        /// The meeting (座谈会) at which it was resolved; the date defaults to the meeting's.
        #[arg(long)]
        meeting: Option<String>,
    },
    /// Policy explained, cannot be handled for now (政策解释): collected or in_progress → explained.
    Explain {
        #[command(flatten)]
        change: Change,
        /// The meeting (座谈会) at which it was explained; the date defaults to the meeting's.
        #[arg(long)]
        meeting: Option<String>,
    },
    /// Take a closed ticket up again: resolved or explained → in_progress.
    Reopen {
        #[command(flatten)]
        change: Change,
    },
    /// List tickets.
    List {
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Show a ticket and its whole history.
    Show {
        /// Ticket code.
        code: String,
    },
}

/// What every status change takes.
#[derive(Debug, Args)]
pub struct Change {
    /// Ticket code.
    code: String,
    /// Day of the change [default: today].
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    on: Option<NaiveDate>,
    /// Who makes the change: a cadre code.
    #[arg(long, env = "QIANQI_USER", value_name = "CODE")]
    by: Option<String>,
    /// Free-text note kept with the change.
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only tickets with this current status: collected, in_progress, resolved, explained (or closed, open).
    #[arg(long)]
    status: Option<String>,
    /// Only this enterprise's tickets (USCC or name).
    #[arg(long)]
    enterprise: Option<String>,
    /// Only tickets collected by this cadre (code).
    #[arg(long)]
    cadre: Option<String>,
    /// Only tickets collected by cadres of this unit (code).
    #[arg(long)]
    unit: Option<String>,
    /// Only tickets of enterprises located in this town (code).
    #[arg(long)]
    town: Option<String>,
    /// Only tickets handled by this department (code).
    #[arg(long)]
    department: Option<String>,
    #[arg(long)]
    category: Option<String>,
    /// Collected on or after this day.
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    from: Option<NaiveDate>,
    /// Collected on or before this day.
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    to: Option<NaiveDate>,
    /// Only open tickets past their due date (超期).
    #[arg(long)]
    overdue: bool,
}

/// Resolved filters for ticket queries.
#[derive(Debug, Default)]
pub struct Filter {
    pub statuses: Option<Vec<Status>>,
    pub enterprise: Option<EnterpriseId>,
    pub cadre: Option<CadreId>,
    pub unit: Option<UnitId>,
    pub town: Option<UnitId>,
    pub department: Option<UnitId>,
    pub category: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub overdue: bool,
}

impl FilterArgs {
    fn resolve(self, conn: &crate::db::Db) -> Result<Filter> {
        let statuses = match self.status.as_deref().map(str::trim) {
            None => None,
            Some("open") => Some(vec![Status::Collected, Status::InProgress]),
            Some("closed") | Some("办结") => Some(vec![Status::Resolved, Status::Explained]),
            Some(s) => Some(vec![
                Status::parse(s).map_err(|e| input(format!("{e}, closed or open")))?
            ]),
        };
        Ok(Filter {
            statuses,
            enterprise: self
                .enterprise
                .map(|e| refs::enterprise(conn, &e))
                .transpose()?,
            cadre: self.cadre.map(|c| refs::cadre(conn, &c)).transpose()?,
            unit: self.unit.map(|u| refs::unit(conn, &u)).transpose()?,
            town: self.town.map(|u| refs::unit(conn, &u)).transpose()?,
            department: self.department.map(|u| refs::unit(conn, &u)).transpose()?,
            category: self.category,
            from: self.from,
            to: self.to,
            overdue: self.overdue,
        })
    }
}

pub const COLUMNS: [Column; 11] = [
    col("code", "编号", Kind::Text),
    col("collected_on", "收集日期", Kind::Plain),
    col("enterprise", "企业名称", Kind::Text),
    col("cadre", "收集干部", Kind::Text),
    col("category", "类别", Kind::Text),
    col("summary", "问题摘要", Kind::Text),
    col("department", "承办单位", Kind::Text),
    col("due_on", "办理时限", Kind::Plain),
    col("status", "状态", Kind::Plain),
    col("status_on", "状态日期", Kind::Plain),
    col("days_overdue", "超期天数", Kind::Plain),
];

/// Tickets matching a filter, oldest first; `today` decides what is overdue.
pub fn table_for(conn: &Connection, lang: Lang, f: &Filter, today: NaiveDate) -> Result<Table> {
    let statuses = f
        .statuses
        .as_ref()
        .map(|s| s.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(","));
    let today = date::iso(today);
    let mut t = Table::query(
        &COLUMNS,
        conn,
        &format!("SELECT t.code, t.collected_on, e.name, c.code, t.category, t.summary, d.code, t.due_on, t.status, t.status_on,
                CASE WHEN t.status IN ('collected', 'in_progress') AND t.due_on < ?1
                     THEN CAST(julianday(?1) - julianday(t.due_on) AS INTEGER) END
         FROM tickets t
         JOIN enterprises e ON e.id = t.enterprise_id
         JOIN cadres c ON c.id = t.cadre_id
         LEFT JOIN units d ON d.id = t.department_id
         WHERE (?2 IS NULL OR instr(',' || ?2 || ',', ',' || t.status || ',') > 0)
           AND {} AND {}
           AND (?5 IS NULL OR c.unit_id = ?5) AND (?6 IS NULL OR e.town_id = ?6)
           AND {} AND (?8 IS NULL OR t.category = ?8)
           AND (?9 IS NULL OR t.collected_on >= ?9) AND (?10 IS NULL OR t.collected_on <= ?10)
           AND (?11 = 0 OR (t.status IN ('collected', 'in_progress') AND t.due_on < ?1))
         ORDER BY t.collected_on, t.code",
            db::eq_if(f.enterprise.is_some(), "t.enterprise_id", 3),
            db::eq_if(f.cadre.is_some(), "t.cadre_id", 4),
            db::eq_if(f.department.is_some(), "t.department_id", 7),
        ),
        &[
            &today,
            &statuses,
            &f.enterprise,
            &f.cadre,
            &f.unit,
            &f.town,
            &f.department,
            &f.category,
            &f.from.map(date::iso),
            &f.to.map(date::iso),
            &f.overdue,
        ],
    )?;
    for row in &mut t.rows {
        if let Value::Text(s) = &row[8] {
            if let Ok(st) = Status::parse(s) {
                row[8] = st.label(lang).into();
            }
        }
    }
    Ok(t)
}

/// The next free automatic code in a year: 2022-0001, 2022-0002, …
fn next_code(conn: &Connection, year: i32) -> Result<String> {
    let max: Option<i64> = conn.query_row(
        "SELECT max(CAST(substr(code, 6) AS INTEGER)) FROM tickets
         WHERE code GLOB ?1",
        [format!("{year}-[0-9][0-9][0-9][0-9]*")],
        |r| r.get(0),
    )?;
    Ok(format!("{year}-{:04}", max.unwrap_or(0) + 1))
}

impl Cmd {
    pub fn run(self, ctx: &Ctx) -> Result<()> {
        match self {
            Cmd::Add {
                enterprise,
                summary,
                cadre,
                code,
                category,
                department,
                due,
                on,
            } => {
                let on = ctx.on_or_today(on, "collection date")?;
                let Some(cadre) = cadre.filter(|c| !c.trim().is_empty()) else {
                    return Err(input("who collected the problem? give the cadre code with --cadre CODE or set QIANQI_USER"));
                };
                let conn = ctx.open()?;
                let tx = conn.write()?;
                let code = match code {
                    Some(c) if c.trim().is_empty() => return Err(input("--code cannot be empty")),
                    Some(c) => c.trim().to_string(),
                    None => next_code(&tx, chrono::Datelike::year(&on))?,
                };
                let t = tickets::NewTicket {
                    code: &code,
                    enterprise: refs::enterprise(&tx, &enterprise)?,
                    cadre: refs::cadre(&tx, &cadre)?,
                    collected_on: on,
                    category: category.trim(),
                    summary: &summary,
                    department: department.map(|d| refs::unit(&tx, &d)).transpose()?,
                    due_on: due,
                    import: None,
                };
                tickets::insert(&tx, &t)?;
                tx.commit()?;
                done(format!("collected ticket {code}"));
                Ok(())
            }
            Cmd::Accept {
                change,
                department,
                due,
            } => change.apply(ctx, Action::Accept, None, |tx, id| {
                if let Some(d) = &department {
                    let d = refs::unit(tx, d)?;
                    tx.execute(
                        "UPDATE tickets SET department_id = ?2 WHERE id = ?1",
                        params![id, d],
                    )?;
                }
                if let Some(due) = due {
                    let collected: String = tx.query_row(
                        "SELECT collected_on FROM tickets WHERE id = ?1",
                        [id],
                        |r| r.get(0),
                    )?;
                    if date::iso(due) < collected {
                        return Err(input(format!(
                            "due date {} is before the collection date {collected}",
                            date::iso(due)
                        )));
                    }
                    tx.execute(
                        "UPDATE tickets SET due_on = ?2 WHERE id = ?1",
                        params![id, date::iso(due)],
                    )?;
                }
                Ok(())
            }),
            Cmd::Resolve { change, meeting } => {
                change.apply(ctx, Action::Resolve, meeting, |_, _| Ok(()))
            }
            Cmd::Explain { change, meeting } => {
                change.apply(ctx, Action::Explain, meeting, |_, _| Ok(()))
            }
            Cmd::Reopen { change } => change.apply(ctx, Action::Reopen, None, |_, _| Ok(())),
            Cmd::List { filter, out } => {
                let conn = ctx.open()?;
                let f = filter.resolve(&conn)?;
                let lang = if out.format == crate::output::Format::Table {
                    ctx.lang
                } else {
                    Lang::En
                };
                let t = table_for(&conn, lang, &f, ctx.today()?)?;
                out.render(&t, ctx.lang)
            }
            Cmd::Show { code } => {
                let conn = ctx.open()?;
                let id = refs::ticket(&conn, &code)?;
                show(&conn, ctx, id)
            }
        }
    }
}

impl Change {
    /// Appends the event for `action` in one transaction, after `extra`
    /// (changes that travel with it, such as the handling department).
    fn apply(
        self,
        ctx: &Ctx,
        action: Action,
        meeting: Option<String>,
        extra: impl FnOnce(&crate::db::Tx, crate::db::TicketId) -> Result<()>,
    ) -> Result<()> {
        let by = actor(&self.by)?;
        let today = ctx.today()?;
        let conn = ctx.open()?;
        let tx = conn.write()?;
        let ticket = refs::ticket(&tx, &self.code)?;
        let actor = refs::cadre(&tx, &by)?;
        let meeting = match meeting {
            None => None,
            Some(m) => {
                let id = refs::meeting(&tx, &m)?;
                let held: String =
                    tx.query_row("SELECT held_on FROM meetings WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
                Some((id, date::parse(&held)?))
            }
        };
        let on = match meeting {
            Some((_, held)) => tickets::meeting_day(self.on, held, action.target())?,
            None => self.on.unwrap_or(today),
        };
        extra(&tx, ticket)?;
        let event = tickets::NewEvent {
            ticket,
            on,
            status: action.target(),
            action: Some(action),
            actor,
            note: &self.note,
            meeting: meeting.map(|(id, _)| id),
            import: None,
        };
        tickets::append_event(&tx, &event, today)?;
        tx.commit()?;
        done(format!(
            "ticket {} is now {} ({})",
            self.code.trim(),
            action.target().label(ctx.lang),
            date::iso(on)
        ));
        Ok(())
    }
}

pub const EVENT_COLUMNS: [Column; 5] = [
    col("on", "日期", Kind::Plain),
    col("status", "状态", Kind::Plain),
    col("by", "办理人", Kind::Text),
    col("meeting", "座谈会", Kind::Text),
    col("note", "备注", Kind::Text),
];

fn show(conn: &Connection, ctx: &Ctx, id: crate::db::TicketId) -> Result<()> {
    let lang = ctx.lang;
    let mut w = std::io::stdout().lock();
    let info: Vec<(String, String)> = {
        let row = conn.query_row(
            "SELECT t.code, e.name || ' (' || e.uscc || ')', c.code || ' ' || c.name, t.collected_on, t.category,
                    t.summary, coalesce(d.code || ' ' || d.name, ''), coalesce(t.due_on, ''), t.status, t.status_on
             FROM tickets t JOIN enterprises e ON e.id = t.enterprise_id JOIN cadres c ON c.id = t.cadre_id
             LEFT JOIN units d ON d.id = t.department_id WHERE t.id = ?1",
            [id],
            |r| (0..10).map(|i| r.get::<_, String>(i)).collect::<rusqlite::Result<Vec<_>>>(),
        )?;
        let labels = [
            ("ticket", "问题编号"),
            ("enterprise", "企业"),
            ("collected by", "收集干部"),
            ("collected on", "收集日期"),
            ("category", "类别"),
            ("summary", "问题摘要"),
            ("department", "承办单位"),
            ("due", "办理时限"),
            ("status", "状态"),
            ("since", "状态日期"),
        ];
        labels
            .iter()
            .zip(row)
            .map(|((en, zh), v)| (lang.pick(en, zh).to_string(), v))
            .collect()
    };
    for (label, value) in &info {
        let value = match Status::parse(value) {
            Ok(s) if label == lang.pick("status", "状态") => s.label(lang).to_string(),
            _ => value.clone(),
        };
        writeln!(w, "{label}: {value}")?;
    }
    let mut events = Table::query(
        &EVENT_COLUMNS,
        conn,
        "SELECT ev.on_date, ev.status, c.code || ' ' || c.name, m.code, ev.note
         FROM ticket_events ev JOIN cadres c ON c.id = ev.actor_id LEFT JOIN meetings m ON m.id = ev.meeting_id
         WHERE ev.ticket_id = ?1 ORDER BY ev.id",
        &[&id],
    )?;
    for row in &mut events.rows {
        if let Value::Text(s) = &row[1] {
            if let Ok(st) = Status::parse(s) {
                row[1] = st.label(lang).into();
            }
        }
    }
    writeln!(w, "\n{}", lang.pick("history", "办理记录"))?;
    events.write_table(&mut w, lang)?;
    Ok(())
}
