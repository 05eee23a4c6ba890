//! `qianqi report reconcile|coverage|visits|overdue|meetings`

use super::{parse_date, Ctx, Outcome};
use crate::db;
use crate::domain::assessment::Rate;
use crate::domain::reconcile::Declared;
use crate::error::input;
use crate::output::{col, FileArgs, Format, Kind, OutputArgs};
use crate::report::{assessment, coverage, html, meetings, overdue, reconcile, visits, Scope};
use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, Subcommand)]
pub(crate) enum Cmd {
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
    /// due_on, days_overdue, status, escalation (the step reached by the as-of
    /// day: remind from the 1st working day past due, supervise from the 3rd,
    /// notify from the 5th), last_urge, last_urge_on.
    Overdue {
        #[command(flatten)]
        period: PeriodArgs,
        /// Judge statuses and due dates as they stood at the end of DATE [default: today].
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// The handling departments' assessment (考核): every rate with its terms.
    ///
    /// Rates as of DATE (--as-of, else today) over the tickets collected in
    /// --from/--to: response_rate, on_time_rate, resolution_rate,
    /// follow_up_rate, satisfaction_rate, return_rate, redo_rate, each a
    /// numerator over a denominator (the formulas are printed under the
    /// table); a rate whose denominator is 0 is empty. Tickets count for the
    /// department in force on the day, return_rate for the department that
    /// returned them; a ticket voided by then counts nowhere. CSV and JSON:
    /// the key (named after --by), tickets, then for each rate R the columns
    /// R (the fraction rounded to 4 decimals, empty or null when R_d is 0),
    /// R_n and R_d; the total row last. With --rank they hold the red and
    /// black lists instead: list, rank, the key, R, R_n, R_d.
    Assessment {
        /// Group the tickets by this dimension.
        #[arg(long, value_enum, default_value = "department")]
        by: assessment::By,
        #[command(flatten)]
        period: PeriodArgs,
        /// Judge every rate from the history as it stood at the end of DATE [default: today].
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        /// Add the red and black lists (红黑榜) of this rate: the best and worst five
        /// groups among those with at least 10 tickets in its denominator.
        #[arg(long, value_name = "RATE", value_parser = |s: &str| Rate::parse(s))]
        rank: Option<Rate>,
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
pub(crate) struct PeriodArgs {
    /// First day included (collection day for tickets, visit day, meeting day).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    from: Option<NaiveDate>,
    /// Last day included.
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ReconcileFormat {
    Table,
    Csv,
    Json,
    /// The one-paragraph press bulletin (in the source article's wording with --lang zh).
    Text,
}

/// FileArgs with the bulletin as a fourth format.
#[derive(Debug, Clone, Args)]
pub(crate) struct ReconcileOutput {
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
            // A reconciliation is printed whole: its figures must add up.
            limit: Some(0),
        }
    }
}

/// Makes a report dimension a value of a command-line option, with the
/// help clap prints for each value and its Chinese names, which are taken
/// as well; the dimensions themselves know nothing of the command line.
macro_rules! option_values {
    ($ty:ty { $($var:ident = $name:literal $([$($zh:literal),+])?: $help:literal,)+ }) => {
        impl clap::ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                &[$(Self::$var),+]
            }

            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(match self {
                    $(Self::$var => clap::builder::PossibleValue::new($name)
                        $($(.alias($zh))+)?
                        .help($help),)+
                })
            }
        }
    };
}

option_values!(reconcile::By {
    Town = "town" ["街镇"]: "The town/street (街镇) where the ticket's enterprise is located",
    Department = "department" ["承办单位", "部门"]: "The handling department (承办单位); tickets without one form their own group",
    Unit = "unit" ["单位"]: "The unit of the collecting cadre",
    Cadre = "cadre" ["干部"]: "The collecting cadre",
    Category = "category" ["类别"]: "The ticket's category",
    Tier = "tier" ["层级"]: "The tier of the pairing between the enterprise and the collecting cadre",
    Month = "month" ["月", "月份"]: "The month of collection",
    Quarter = "quarter" ["季度", "季"]: "The quarter of collection",
});

option_values!(assessment::By {
    Department = "department" ["承办单位", "部门"]: "The handling department in force on the day (承办单位)",
    Unit = "unit" ["单位"]: "The unit of the collecting cadre",
    Town = "town" ["街镇"]: "The town/street (街镇) where the ticket's enterprise is located",
    Category = "category" ["类别"]: "The ticket's category",
});

option_values!(visits::By {
    Town = "town" ["街镇"]: "The town/street (街镇) where the visited enterprise is located",
    Unit = "unit" ["单位"]: "The visiting cadre's unit",
    Cadre = "cadre" ["干部"]: "The visiting cadre",
    Tier = "tier" ["层级"]: "The tier of the pairing between the cadre and the enterprise",
    Month = "month" ["月", "月份"]: "The month of the visit",
    Quarter = "quarter" ["季度", "季"]: "The quarter of the visit",
});

option_values!(visits::Period {
    Week = "week" ["周"]: "ISO week, e.g. 2022-W09 (周调度)",
    Month = "month" ["月", "月份"]: "Month, e.g. 2022-03 (月研判)",
    Quarter = "quarter" ["季度", "季"]: "Quarter, e.g. 2022-Q1 (季督办)",
});

impl Cmd {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<Outcome> {
        let lang = ctx.lang;
        let db = ctx.open()?;
        db::report::map_file(&db)?;
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
                if by.is_some() && matches!(out.format, ReconcileFormat::Text) {
                    return Err(input(crate::tr!(
                        "--format text writes one bulletin for all the tickets chosen and cannot break it down --by a dimension; \
                         use --by with --format table, csv or json, or choose the tickets with --from and --to",
                        "--format text 为所选的全部问题写一份通报，不能用 --by 分组；\
                         请把 --by 与 --format table、csv 或 json 一起用，或用 --from 和 --to 选择问题"
                    )));
                }
                let scope = Scope::new(period.from, period.to, as_of, today)?;
                let (rows, total) = reconcile::counts(&db, &scope, by)?;
                let mut main = reconcile::table(by, &rows, &total);
                crate::report::one_total(&main)?;
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
                            let list = reconcile::listed(&db, &scope, list_limit)?;
                            reconcile::write_expect(w, lang, d, &total, &list)?;
                        }
                        Ok(())
                    })?,
                    ReconcileFormat::Table => {
                        let list = reconcile::listed(&db, &scope, list_limit)?;
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
                    Some(_) => Ok(Outcome::Findings),
                    None => Ok(Outcome::Clean),
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
                if let Some(which) = list {
                    let t = coverage::list(&db, &scope, which, idle_days)?;
                    out.file.write_with(|w| {
                        if out.format == Format::Table {
                            writeln!(w, "{}", which.heading(lang, idle_days, &t))?;
                        }
                        t.render(w, out.format, lang, out.file.sink_options())
                    })?;
                    return Ok(Outcome::Clean);
                }
                let main = coverage::table(&db, &scope)?;
                if out.format != Format::Table {
                    out.render(&main, lang)?;
                    return Ok(Outcome::Clean);
                }
                let lists = coverage::List::ALL
                    .iter()
                    .map(|l| Ok((*l, coverage::list(&db, &scope, *l, idle_days)?)))
                    .collect::<Result<Vec<_>>>()?;
                out.file.write_with(|w| {
                    coverage::write_full(w, lang, &scope, &main, &lists, idle_days)
                })?;
                Ok(Outcome::Clean)
            }
            Cmd::Visits {
                by,
                period,
                dates,
                out,
            } => {
                let scope = Scope::new(dates.from, dates.to, None, today)?;
                let mut t = visits::table(&db, &scope, by, period)?;
                if out.format == Format::Table
                    && period == Some(visits::Period::Month)
                    && out.file.is_terminal()
                {
                    t.add_bars(
                        col("# person_visits", "# 走访人次", Kind::Plain),
                        &[("person_visits", '#')],
                    );
                }
                out.render(&t, lang)?;
                Ok(Outcome::Clean)
            }
            Cmd::Overdue { period, as_of, out } => {
                let scope = Scope::new(period.from, period.to, as_of, today)?;
                let t = overdue::table(&db, &scope)?;
                out.render(&t, lang)?;
                Ok(Outcome::Clean)
            }
            Cmd::Html {
                period,
                as_of,
                output,
            } => {
                let scope = Scope::new(period.from, period.to, as_of, today)?;
                // With QIANQI_TIMINGS set, each read of the figures says how
                // long it took, and so do the page and its writing.
                let timings = std::env::var_os("QIANQI_TIMINGS").is_some();
                let (mut last, mut last_cpu) = (Instant::now(), thread_cpu());
                let mut phase = |name: &str| {
                    let (now, cpu) = (Instant::now(), thread_cpu());
                    if timings {
                        eprintln!(
                            "timing: {name}: {:.3} s (CPU {:.3} s)",
                            (now - last).as_secs_f64(),
                            cpu - last_cpu
                        );
                    }
                    (last, last_cpu) = (now, cpu);
                };
                let figures = html::gather(&db, &scope, &mut phase)?;
                let page = html::page(&figures, lang);
                phase("page");
                FileArgs::to(output).write_with(|w| Ok(w.write_all(page.as_bytes())?))?;
                phase("written");
                Ok(Outcome::Clean)
            }
            Cmd::Assessment {
                by,
                period,
                as_of,
                rank,
                out,
            } => {
                let scope = Scope::new(period.from, period.to, as_of, today)?;
                let (rows, total) = assessment::assessment(&db, &scope, by)?;
                let main = assessment::table(by, &rows, &total);
                crate::report::one_total(&main)?;
                if out.format != Format::Table {
                    let t = match rank {
                        Some(rate) => assessment::lists_table(by, &rows, rate),
                        None => main,
                    };
                    let whole = OutputArgs {
                        limit: Some(0),
                        ..out
                    };
                    whole.render(&t, lang)?;
                    return Ok(Outcome::Clean);
                }
                out.file.write_with(|w| {
                    assessment::write_full(w, lang, &scope, by, &rows, &total, rank)
                })?;
                Ok(Outcome::Clean)
            }
            Cmd::Meetings { period, out } => {
                let scope = Scope::new(period.from, period.to, None, today)?;
                let t = meetings::table(&db, &scope)?;
                out.render(&t, lang)?;
                Ok(Outcome::Clean)
            }
        }
    }
}

/// The CPU time the calling thread has used, in seconds (0 where the system
/// does not say): on a shared machine a phase's CPU time varies less than its
/// wall time.
fn thread_cpu() -> f64 {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes only the timespec it is given.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9;
        }
    }
    0.0
}
