//! `qianqi ticket add|assign|accept|return|extend|urge|resolve|explain|follow-up|reopen|void|amend|list|show`

mod change;
mod show;

use super::{parse_date, split_codes, Ctx, WhoArgs};
use crate::db::{refs, tickets, Db};
use crate::domain::kinds::{AmendField, Level, Outcome, Satisfaction};
use crate::domain::status::{Action, Status};
use crate::error::input;
use crate::output::{col, Column, Kind, OutputArgs, ShowArgs, Table, Vocab};
use anyhow::Result;
use change::Change;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use tickets::{Amendment, Details};

pub(crate) use crate::db::tickets::Filter;

#[derive(Debug, Subcommand)]
pub(crate) enum Cmd {
    /// Log a problem (问题) an enterprise raised; prints the ticket's code.
    Add {
        /// Enterprise: credit code, name, short name, or a part of the name only it has.
        enterprise: String,
        /// What the problem is, in the enterprise's words.
        summary: String,
        /// The collecting cadre: code (any case) or a name only one cadre has [default: QIANQI_USER or the settings file's user].
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
    /// Assign the ticket to a handling department (交办, 改派); it stays collected.
    Assign {
        #[command(flatten)]
        change: Change,
        /// Handling department (承办单位), a unit code.
        #[arg(long)]
        department: String,
        /// Co-handling units (协办), unit codes separated by commas.
        #[arg(long, value_name = "UNIT,UNIT")]
        with: Option<String>,
        /// Deadline (办理时限) [default: the category's deadline in working days from the assignment].
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        due: Option<NaiveDate>,
    },
    /// The handling department accepts the ticket (签收): collected → in_progress.
    Accept {
        #[command(flatten)]
        change: Change,
        /// Handling department (承办单位), a unit code: records the assignment first; needed when none is in force.
        #[arg(long)]
        department: Option<String>,
        /// Deadline (办理时限): records the assignment first, with this due date.
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        due: Option<NaiveDate>,
    },
    /// The department sends the ticket back (退单): back to collected with no department.
    Return {
        #[command(flatten)]
        change: Change,
        /// Why it is returned.
        #[arg(long)]
        reason: String,
    },
    /// A later due date (延期); the earlier one stays in the history.
    Extend {
        #[command(flatten)]
        change: Change,
        /// The new due date.
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        until: NaiveDate,
        /// Why more time is needed.
        #[arg(long)]
        reason: String,
    },
    /// Escalate an open ticket: remind (催办), supervise (督办), notify (通报).
    Urge {
        #[command(flatten)]
        change: Change,
        /// remind (催办), supervise (督办) or notify (通报).
        #[arg(long)]
        level: Level,
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
    /// Ask the enterprise whether a closed ticket was solved and whether it is satisfied (回访).
    #[command(name = "follow-up")]
    FollowUp {
        #[command(flatten)]
        change: Change,
        /// solved, partly or unsolved.
        #[arg(long)]
        outcome: Outcome,
        /// satisfied (满意), basic (基本满意) or dissatisfied (不满意).
        #[arg(long)]
        satisfaction: Option<Satisfaction>,
    },
    /// Take a closed ticket up again: resolved or explained → in_progress.
    Reopen {
        #[command(flatten)]
        change: Change,
    },
    /// The ticket was a mistake (作废): it leaves every count from this day on.
    Void {
        #[command(flatten)]
        change: Change,
        /// Why it is voided.
        #[arg(long)]
        reason: String,
    },
    /// Correct a wrong field (更正); the old and new values stay in the history.
    Amend {
        #[command(flatten)]
        change: Change,
        #[arg(long)]
        summary: Option<String>,
        #[arg(long)]
        category: Option<String>,
        /// Enterprise: credit code, name, short name, or a part of the name only it has.
        #[arg(long)]
        enterprise: Option<String>,
        /// The collecting cadre: code (any case) or a name only one cadre has [default: QIANQI_USER or the settings file's user].
        #[arg(long)]
        cadre: Option<String>,
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
        #[command(flatten)]
        show: ShowArgs,
    },
}

#[derive(Debug, Args)]
pub(crate) struct FilterArgs {
    /// Only tickets with this current status: collected (awaiting acceptance, also typed awaiting), in_progress, resolved, explained (or closed, open).
    #[arg(long)]
    status: Option<String>,
    /// The collecting cadre, the enterprise, the collecting cadre's unit, the enterprise's town.
    #[command(flatten)]
    who: WhoArgs,
    /// Only tickets handled by this department: code or name.
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
    /// Only voided tickets (作废), which the list leaves out otherwise.
    #[arg(long)]
    voided: bool,
}

impl FilterArgs {
    fn resolve(self, db: &Db) -> Result<Filter> {
        crate::domain::rules::period(self.from, self.to)?;
        let statuses = match self.status.as_deref().map(str::trim) {
            None => None,
            Some("open") | Some("未办结") => Some(Status::OPEN.to_vec()),
            Some("closed") | Some("办结") => Some(Status::CLOSED.to_vec()),
            // The reconciliation's term for the tickets still collected.
            Some("awaiting") | Some("待受理") => Some(vec![Status::Collected]),
            Some(s) => Some(vec![Status::parse(s).map_err(|e| {
                input(crate::tr!(
                    "{e}, closed, open or awaiting (collected)",
                    "{e}、办结、未办结或待受理（即收集）"
                ))
            })?]),
        };
        Ok(Filter {
            statuses,
            who: self.who.resolve(db)?,
            department: self.department.map(|u| refs::unit(db, &u)).transpose()?,
            category: self.category,
            from: self.from,
            to: self.to,
            overdue: self.overdue,
            voided: self.voided,
        })
    }
}

/// Each record a ticket refers to by its code, then its name, as the visit list does.
pub(crate) const COLUMNS: [Column; 14] = [
    col("code", "编号", Kind::Code),
    col("collected_on", "收集日期", Kind::Plain),
    col("enterprise", "统一社会信用代码", Kind::Id),
    col("enterprise_name", "企业名称", Kind::Text),
    col("cadre", "收集干部", Kind::Code),
    col("cadre_name", "干部姓名", Kind::Text),
    col("category", "类别", Kind::Text),
    col("summary", "问题摘要", Kind::Text),
    col("department", "承办单位", Kind::Code),
    col("department_name", "承办单位名称", Kind::Text),
    col("due_on", "办理时限", Kind::Plain),
    col("status", "状态", Kind::Vocab(Vocab::Status)),
    col("status_on", "状态日期", Kind::Plain),
    col("days_overdue", "超期天数", Kind::Plain),
];

/// Tickets matching a filter, oldest first; `today` decides what is
/// overdue. Statuses are translated when the table is rendered.
pub(crate) fn table_for(db: &Db, f: &Filter, today: NaiveDate) -> Result<Table> {
    let mut t = Table::new(&COLUMNS);
    t.rows = tickets::list(db, &COLUMNS, f, today)?;
    Ok(t)
}

impl Cmd {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
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
                let on = ctx.on_or_today(on, &crate::tr!("collection date", "收集日期"))?;
                let Some(cadre) = cadre.filter(|c| !c.trim().is_empty()) else {
                    return Err(input(crate::tr!(
                        "who collected the problem? give the cadre code with --cadre CODE or set QIANQI_USER",
                        "问题是哪位干部收集的？请用 --cadre 给出干部编号，或设置 QIANQI_USER"
                    )));
                };
                let db = ctx.open()?;
                let tx = db.write()?;
                let code = match code {
                    Some(c) if c.trim().is_empty() => {
                        return Err(input(crate::tr!(
                            "--code cannot be empty",
                            "--code 不能为空"
                        )))
                    }
                    Some(c) => c.trim().to_string(),
                    None => tickets::next_code(&tx, chrono::Datelike::year(&on))?,
                };
                let department = department.map(|d| refs::unit(&tx, &d)).transpose()?;
                let due = match (due, department) {
                    (None, Some(_)) => Some(tickets::deadline(&tx, category.trim(), on)?),
                    (due, _) => due,
                };
                let t = tickets::NewTicket {
                    code: &code,
                    enterprise: refs::enterprise(&tx, &enterprise)?,
                    cadre: refs::cadre(&tx, &cadre)?,
                    collected_on: on,
                    category: category.trim(),
                    summary: &summary,
                    department,
                    due_on: due,
                    import: None,
                };
                tickets::insert(&tx, &t)?;
                tx.commit()?;
                super::done(crate::tr!("collected ticket {code}", "已收集问题{code}"));
                Ok(())
            }
            Cmd::Assign {
                change,
                department,
                with,
                due,
            } => change.record(ctx, None, move |tx, ticket, on| {
                let department = refs::unit(tx, &department)?;
                let typed = with.as_deref().map(split_codes).unwrap_or_default();
                let typed: Vec<&str> = typed.iter().map(String::as_str).collect();
                let code = tickets::detail(tx, ticket)?.code;
                let with = tickets::co_handlers(tx, &code, Some(department), &typed)?;
                let due = match due {
                    Some(d) => d,
                    None => tickets::deadline(tx, &tickets::detail(tx, ticket)?.category, on)?,
                };
                let details = Details {
                    department: Some(department),
                    with,
                    due_on: Some(due),
                    ..Details::default()
                };
                Ok(vec![(Action::Assign, details)])
            }),
            Cmd::Accept {
                change,
                department,
                due,
            } => change.record(ctx, None, move |tx, ticket, on| {
                let mut events = Vec::new();
                if department.is_some() || due.is_some() {
                    let t = tickets::detail(tx, ticket)?;
                    let department = match department {
                        Some(d) => Some(refs::unit(tx, &d)?),
                        None => t
                            .department
                            .map(|(code, _)| refs::unit(tx, &code))
                            .transpose()?,
                    };
                    if department.is_some() {
                        let due = match due {
                            Some(d) => d,
                            None => tickets::deadline(tx, &t.category, on)?,
                        };
                        let assign = Details {
                            department,
                            due_on: Some(due),
                            ..Details::default()
                        };
                        events.push((Action::Assign, assign));
                    }
                }
                events.push((Action::Accept, Details::default()));
                Ok(events)
            }),
            Cmd::Return { change, reason } => change.record(ctx, None, move |_, _, _| {
                Ok(vec![(
                    Action::Return,
                    Details {
                        reason,
                        ..Details::default()
                    },
                )])
            }),
            Cmd::Extend {
                change,
                until,
                reason,
            } => change.record(ctx, None, move |_, _, _| {
                let details = Details {
                    due_on: Some(until),
                    reason,
                    ..Details::default()
                };
                Ok(vec![(Action::Extend, details)])
            }),
            Cmd::Urge { change, level } => change.record(ctx, None, move |_, _, _| {
                Ok(vec![(
                    Action::Urge,
                    Details {
                        level: Some(level),
                        ..Details::default()
                    },
                )])
            }),
            Cmd::Resolve { change, meeting } => change.status(ctx, Action::Resolve, meeting),
            Cmd::Explain { change, meeting } => change.status(ctx, Action::Explain, meeting),
            Cmd::FollowUp {
                change,
                outcome,
                satisfaction,
            } => change.record(ctx, None, move |_, _, _| {
                let details = Details {
                    outcome: Some(outcome),
                    satisfaction,
                    ..Details::default()
                };
                Ok(vec![(Action::FollowUp, details)])
            }),
            Cmd::Reopen { change } => change.status(ctx, Action::Reopen, None),
            Cmd::Void { change, reason } => change.record(ctx, None, move |_, _, _| {
                Ok(vec![(
                    Action::Void,
                    Details {
                        reason,
                        ..Details::default()
                    },
                )])
            }),
            Cmd::Amend {
                change,
                summary,
                category,
                enterprise,
                cadre,
            } => {
                let fields = [
                    (AmendField::Summary, summary),
                    (AmendField::Category, category),
                    (AmendField::Enterprise, enterprise),
                    (AmendField::Cadre, cadre),
                ];
                let amendments: Vec<Amendment> = fields
                    .into_iter()
                    .filter_map(|(field, new)| new.map(|new| Amendment { field, new }))
                    .collect();
                if amendments.is_empty() {
                    return Err(input(crate::tr!(
                        "ticket amend: give at least one of --summary, --category, --enterprise, --cadre",
                        "更正问题须至少给出 --summary、--category、--enterprise、--cadre 之一"
                    )));
                }
                change.record(ctx, None, move |_, _, _| {
                    Ok(amendments
                        .into_iter()
                        .map(|a| {
                            (
                                Action::Amend,
                                Details {
                                    amend: Some(a),
                                    ..Details::default()
                                },
                            )
                        })
                        .collect())
                })
            }
            Cmd::List { filter, out } => {
                let db = ctx.open()?;
                let f = filter.resolve(&db)?;
                let t = table_for(&db, &f, ctx.today()?)?;
                out.render(&t, ctx.lang)
            }
            Cmd::Show { code, show } => {
                let db = ctx.open()?;
                let id = refs::ticket(&db, &code)?;
                show::show(
                    &db,
                    ctx.lang,
                    id,
                    show.format,
                    &mut std::io::stdout().lock(),
                )
            }
        }
    }
}
