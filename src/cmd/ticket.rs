//! `qianqi ticket add|accept|resolve|explain|reopen|list|show`

use super::{actor, done, parse_date, Ctx};
use crate::db::{refs, tickets, Db, TicketId, Tx};
use crate::domain::status::{self, Action, Status};
use crate::domain::{date, Lang};
use crate::error::input;
use crate::output::{col, Column, Kind, OutputArgs, Table, Vocab};
use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::io::Write;

pub use crate::db::tickets::Filter;

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

impl FilterArgs {
    fn resolve(self, db: &Db) -> Result<Filter> {
        crate::domain::rules::period(self.from, self.to)?;
        let statuses = match self.status.as_deref().map(str::trim) {
            None => None,
            Some("open") => Some(Status::OPEN.to_vec()),
            Some("closed") | Some("办结") => Some(Status::CLOSED.to_vec()),
            Some(s) => Some(vec![
                Status::parse(s).map_err(|e| input(format!("{e}, closed or open")))?
            ]),
        };
        Ok(Filter {
            statuses,
            enterprise: self
                .enterprise
                .map(|e| refs::enterprise(db, &e))
                .transpose()?,
            cadre: self.cadre.map(|c| refs::cadre(db, &c)).transpose()?,
            unit: self.unit.map(|u| refs::unit(db, &u)).transpose()?,
            town: self.town.map(|u| refs::unit(db, &u)).transpose()?,
            department: self.department.map(|u| refs::unit(db, &u)).transpose()?,
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
    col("status", "状态", Kind::Vocab(Vocab::Status)),
    col("status_on", "状态日期", Kind::Plain),
    col("days_overdue", "超期天数", Kind::Plain),
];

/// Tickets matching a filter, oldest first; `today` decides what is
/// overdue. Statuses are translated when the table is rendered, so `_lang`
/// plays no part.
pub fn table_for(db: &Db, _lang: Lang, f: &Filter, today: NaiveDate) -> Result<Table> {
    let mut t = Table::new(&COLUMNS);
    t.rows = tickets::list(db, &COLUMNS, f, today)?;
    Ok(t)
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
                let db = ctx.open()?;
                let tx = db.write()?;
                let code = match code {
                    Some(c) if c.trim().is_empty() => return Err(input("--code cannot be empty")),
                    Some(c) => c.trim().to_string(),
                    None => tickets::next_code(&tx, chrono::Datelike::year(&on))?,
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
                let department = department.map(|d| refs::unit(tx, &d)).transpose()?;
                tickets::set_handling(tx, id, department, due)
            }),
            Cmd::Resolve { change, meeting } => {
                change.apply(ctx, Action::Resolve, meeting, |_, _| Ok(()))
            }
            Cmd::Explain { change, meeting } => {
                change.apply(ctx, Action::Explain, meeting, |_, _| Ok(()))
            }
            Cmd::Reopen { change } => change.apply(ctx, Action::Reopen, None, |_, _| Ok(())),
            Cmd::List { filter, out } => {
                let db = ctx.open()?;
                let f = filter.resolve(&db)?;
                let t = table_for(&db, ctx.lang, &f, ctx.today()?)?;
                out.render(&t, ctx.lang)
            }
            Cmd::Show { code } => {
                let db = ctx.open()?;
                let id = refs::ticket(&db, &code)?;
                show(&db, ctx.lang, id)
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
        extra: impl FnOnce(&Tx, TicketId) -> Result<()>,
    ) -> Result<()> {
        let by = actor(&self.by)?;
        let today = ctx.today()?;
        let db = ctx.open()?;
        let tx = db.write()?;
        let ticket = refs::ticket(&tx, &self.code)?;
        let actor = refs::cadre(&tx, &by)?;
        let meeting = match meeting {
            None => None,
            Some(m) => {
                let id = refs::meeting(&tx, &m)?;
                Some((id, tickets::meeting_held_on(&tx, id)?))
            }
        };
        let on = match meeting {
            Some((_, held)) => status::meeting_day(self.on, held, action.target())?,
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
    col("status", "状态", Kind::Vocab(Vocab::Status)),
    col("by", "办理人", Kind::Text),
    col("meeting", "座谈会", Kind::Text),
    col("note", "备注", Kind::Text),
];

fn show(db: &Db, lang: Lang, id: TicketId) -> Result<()> {
    let t = tickets::detail(db, id)?;
    let status = Status::parse(&t.status).map_or(t.status.clone(), |s| s.label(lang).into());
    let department = t
        .department
        .map(|(code, name)| format!("{code} {name}"))
        .unwrap_or_default();
    let info = [
        (lang.pick("ticket", "问题编号"), t.code),
        (
            lang.pick("enterprise", "企业"),
            format!("{} ({})", t.enterprise, t.uscc),
        ),
        (
            lang.pick("collected by", "收集干部"),
            format!("{} {}", t.cadre_code, t.cadre_name),
        ),
        (lang.pick("collected on", "收集日期"), t.collected_on),
        (lang.pick("category", "类别"), t.category),
        (lang.pick("summary", "问题摘要"), t.summary),
        (lang.pick("department", "承办单位"), department),
        (lang.pick("due", "办理时限"), t.due_on.unwrap_or_default()),
        (lang.pick("status", "状态"), status),
        (lang.pick("since", "状态日期"), t.status_on),
    ];
    let mut events = Table::new(&EVENT_COLUMNS);
    events.rows = tickets::history(db, &EVENT_COLUMNS, id)?;
    let mut w = std::io::stdout().lock();
    for (label, value) in &info {
        writeln!(w, "{label}: {value}")?;
    }
    writeln!(w, "\n{}", lang.pick("history", "办理记录"))?;
    events.write_table(&mut w, lang)?;
    Ok(())
}
