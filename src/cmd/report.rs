//! `qianqi report reconcile|coverage|visits|overdue|meetings`

use super::{parse_date, Ctx};
use crate::domain::kinds::Tier;
use crate::domain::reconcile::Declared;
use crate::domain::Lang;
use crate::error::Findings;
use crate::output::{col, FileArgs, Format, Kind, OutputArgs, Table, Value};
use crate::report::{coverage, html, label_groups, meetings, overdue, reconcile, visits, Scope};
use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Reconcile the problem tickets: collected = closed + in_progress + awaiting.
    ///
    /// Prints every term, states whether the identity holds, and lists the tickets
    /// awaiting acceptance and the overdue ones. CSV and JSON hold the main table
    /// only: the grouping key (named after --by, or `group` = `total`), collected,
    /// closed, resolved, explained, in_progress, awaiting, overdue; the total row
    /// last. With --expect, CSV and JSON hold the comparison instead: term,
    /// declared, database, difference. `--format text` writes the press bulletin.
    /// A table by month on a terminal ends with a bar per month (# closed, - open).
    ///
    /// Exit status: 0, or 1 when --expect finds a figure that differs from the
    /// database or declared figures that do not add up.
    Reconcile {
        /// Break the figures down by this dimension, with a total row.
        #[arg(long, value_enum)]
        by: Option<reconcile::By>,
        #[command(flatten)]
        period: PeriodArgs,
        /// Compute every status as it stood at the end of DATE, from the ticket
        /// history; overdue is judged on DATE [default: today, from the current status].
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        /// Check declared figures, e.g. collected=777,closed=695,explained=164,in_progress=81
        /// (any of the terms, or their Chinese names), against the database and the identity.
        #[arg(long, value_name = "TERMS", value_parser = |s: &str| Declared::parse(s).map_err(|e| e.to_string()))]
        expect: Option<Declared>,
        /// List at most N tickets awaiting acceptance and N overdue (0: all of them).
        #[arg(long, default_value_t = 50, value_name = "N")]
        list_limit: u32,
        #[command(flatten)]
        out: ReconcileOutput,
    },
    /// Cadres deployed and enterprises served, per tier and in total, and the gaps.
    ///
    /// Counts the pairings in force on the day (--as-of, else today), or during
    /// --from/--to. The table form adds four lists: enterprises with no cadre in
    /// force, enterprises without a file, key enterprises whose cadres attended
    /// no meeting, and idle cadres. CSV and JSON hold the main table (tier,
    /// cadres, enterprises; the total row last) unless --list picks one list.
    Coverage {
        #[command(flatten)]
        period: PeriodArgs,
        /// The day pairings, files and visits are judged on [default: today].
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        /// A cadre is idle after this many days without a visit.
        #[arg(long, default_value_t = 90, value_name = "N")]
        idle_days: u32,
        /// Print only this list, in any format.
        #[arg(long, value_enum)]
        list: Option<coverage::List>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Visit records and person-visits (人次), with the work items covered.
    ///
    /// Columns: the --by key and/or the --period key (or `group` = `total`),
    /// visits, person_visits, then one count per work item: file (建档案),
    /// policy (送政策), agency (真代办), problem (解难题), industry (研产业),
    /// each the number of visits that covered it; the total row last. A table
    /// by --period month on a terminal ends with a bar of person-visits per month.
    Visits {
        /// Break the figures down by this dimension.
        #[arg(long, value_enum)]
        by: Option<visits::By>,
        /// Break the figures down by week, month or quarter of the visit.
        #[arg(long, value_enum)]
        period: Option<visits::Period>,
        #[command(flatten)]
        dates: PeriodArgs,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Open tickets past their due date, oldest due first (限期销号).
    ///
    /// Columns: code, enterprise, town, cadre, category, department, collected_on,
    /// due_on, days_overdue, status.
    Overdue {
        #[command(flatten)]
        period: PeriodArgs,
        /// Judge statuses and due dates as they stood at the end of DATE [default: today].
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Meetings (座谈会) held, cadres attending and tickets resolved at them.
    ///
    /// Columns: meeting, held_on, title, meetings, cadres, tickets_resolved; one
    /// row per meeting and a total row (`total`) counting distinct cadres and tickets.
    Meetings {
        #[command(flatten)]
        period: PeriodArgs,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// One HTML page of charts, each with its numbers in a table.
    ///
    /// The identity and its verdict, each month's collected, closed and open
    /// tickets, towns and departments, open tickets against their deadlines,
    /// coverage, and visits per month. The file is self-contained (inline SVG
    /// and CSS, no script, nothing loaded from elsewhere): it opens without a
    /// network, prints on A4 and can be mailed. Written in Chinese with --lang zh.
    Html {
        #[command(flatten)]
        period: PeriodArgs,
        /// Compute every status as it stood at the end of DATE [default: today].
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        /// Write to FILE instead of standard output (replaced whole, never half-written).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// --from/--to, both days included.
#[derive(Debug, Args)]
pub struct PeriodArgs {
    /// First day included (collection day for tickets, visit day, meeting day).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    from: Option<NaiveDate>,
    /// Last day included.
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReconcileFormat {
    Table,
    Csv,
    Json,
    /// The one-paragraph press bulletin (in the source article's wording with --lang zh).
    Text,
}

/// FileArgs with the bulletin as a fourth format.
#[derive(Debug, Clone, Args)]
pub struct ReconcileOutput {
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = ReconcileFormat::Table)]
    format: ReconcileFormat,
    #[command(flatten)]
    file: FileArgs,
}

impl ReconcileOutput {
    fn args(&self) -> OutputArgs {
        OutputArgs {
            format: match self.format {
                ReconcileFormat::Csv => Format::Csv,
                ReconcileFormat::Json => Format::Json,
                ReconcileFormat::Table | ReconcileFormat::Text => Format::Table,
            },
            file: self.file.clone(),
        }
    }
}

/// Tier values shown by their label in tables (CSV and JSON keep the stored names).
fn label_tiers(t: &mut Table, col: usize, lang: Lang) {
    for row in &mut t.rows {
        if let Value::Text(s) = &row[col] {
            if let Ok(tier) = Tier::parse(s) {
                row[col] = tier.label(lang).into();
            }
        }
    }
}

impl Cmd {
    pub fn run(self, ctx: &Ctx) -> Result<()> {
        let lang = ctx.lang;
        let conn = ctx.open()?;
        // Reports read far more than the page cache holds at city scale;
        // mapping the file saves a system call per page read.
        conn.pragma_update(None, "mmap_size", 1_i64 << 30)?;
        let today = ctx.today()?;
        match self {
            Cmd::Reconcile {
                by,
                period,
                as_of,
                expect,
                list_limit,
                out,
            } => {
                let scope = Scope::new(period.from, period.to, as_of, today)?;
                let (rows, total) = reconcile::counts(&conn, &scope, by)?;
                let mut main = reconcile::table(by, &rows, &total);
                let verdict = expect
                    .as_ref()
                    .map(|d| reconcile::verdict(d, &total))
                    .filter(|v| !v.ok());
                let sink = out.args();
                match out.format {
                    ReconcileFormat::Csv | ReconcileFormat::Json => match &expect {
                        Some(d) => sink.render(&reconcile::expect_table(d, &total), lang)?,
                        None => sink.render(&main, lang)?,
                    },
                    ReconcileFormat::Text => sink.file.write_with(|w| {
                        writeln!(w, "{}", reconcile::bulletin(&total, &scope, lang))?;
                        if let Some(d) = &expect {
                            let list = reconcile::listed(&conn, &scope, list_limit)?;
                            reconcile::write_expect(w, lang, d, &total, &list)?;
                        }
                        Ok(())
                    })?,
                    ReconcileFormat::Table => {
                        let list = reconcile::listed(&conn, &scope, list_limit)?;
                        label_groups(&mut main, 0, lang, by.map_or(("", ""), |b| b.none()));
                        if by == Some(reconcile::By::Tier) {
                            label_tiers(&mut main, 0, lang);
                        }
                        if by == Some(reconcile::By::Month) && sink.file.is_terminal() {
                            main.add_bars(
                                col("# closed  - open", "# 办结  - 未办结", Kind::Plain),
                                &[("closed", '#'), ("in_progress", '-'), ("awaiting", '-')],
                            );
                        }
                        sink.file.write_with(|w| {
                            reconcile::write_full(w, lang, &scope, &main, &rows, &total, &list)?;
                            if let Some(d) = &expect {
                                reconcile::write_expect(w, lang, d, &total, &list)?;
                            }
                            Ok(())
                        })?
                    }
                }
                match verdict {
                    Some(_) => Err(Findings.into()),
                    None => Ok(()),
                }
            }
            Cmd::Coverage {
                period,
                as_of,
                idle_days,
                list,
                out,
            } => {
                let scope = Scope::new(period.from, period.to, as_of, today)?;
                let table_form = out.format == Format::Table;
                if let Some(which) = list {
                    let t = coverage::list(&conn, &scope, which, idle_days)?;
                    return out.file.write_with(|w| {
                        if table_form {
                            writeln!(w, "{} ({})", which.title(lang, idle_days), t.rows.len())?;
                        }
                        t.render(w, out.format, lang, out.file.sink_options())
                    });
                }
                let mut main = coverage::table(&conn, &scope)?;
                if !table_form {
                    return out.render(&main, lang);
                }
                label_groups(&mut main, 0, lang, ("", ""));
                label_tiers(&mut main, 0, lang);
                let lists = coverage::List::ALL
                    .iter()
                    .map(|l| Ok((*l, coverage::list(&conn, &scope, *l, idle_days)?)))
                    .collect::<Result<Vec<_>>>()?;
                out.file.write_with(|w| {
                    writeln!(
                        w,
                        "{} ({})",
                        lang.pick("Coverage", "覆盖情况"),
                        scope.describe(lang, "pairings in force", "结对期间")
                    )?;
                    main.write_table(w, lang)?;
                    for (l, t) in &lists {
                        writeln!(w, "\n{} ({})", l.title(lang, idle_days), t.rows.len())?;
                        if !t.rows.is_empty() {
                            t.write_table(w, lang)?;
                        }
                    }
                    Ok(())
                })
            }
            Cmd::Visits {
                by,
                period,
                dates,
                out,
            } => {
                let scope = Scope::new(dates.from, dates.to, None, today)?;
                let mut t = visits::table(&conn, &scope, by, period)?;
                if out.format == Format::Table {
                    label_groups(&mut t, 0, lang, ("(not paired)", "（未结对）"));
                    if by == Some(visits::By::Tier) {
                        label_tiers(&mut t, 0, lang);
                    }
                    if period == Some(visits::Period::Month) && out.file.is_terminal() {
                        t.add_bars(
                            col("# person_visits", "# 走访人次", Kind::Plain),
                            &[("person_visits", '#')],
                        );
                    }
                }
                out.render(&t, lang)
            }
            Cmd::Overdue { period, as_of, out } => {
                let scope = Scope::new(period.from, period.to, as_of, today)?;
                let status_lang = if out.format == Format::Table {
                    lang
                } else {
                    Lang::En
                };
                let t = overdue::table(&conn, &scope, status_lang)?;
                out.render(&t, lang)
            }
            Cmd::Html {
                period,
                as_of,
                output,
            } => {
                let scope = Scope::new(period.from, period.to, as_of, today)?;
                let page = html::page(&html::gather(&conn, &scope)?, lang);
                FileArgs::to(output).write_with(|w| Ok(w.write_all(page.as_bytes())?))
            }
            Cmd::Meetings { period, out } => {
                let scope = Scope::new(period.from, period.to, None, today)?;
                let mut t = meetings::table(&conn, &scope)?;
                if out.format == Format::Table {
                    label_groups(&mut t, 0, lang, ("", ""));
                }
                out.render(&t, lang)
            }
        }
    }
}
