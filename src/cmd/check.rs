//! `qianqi check`: is the database fit to publish figures from?

use super::{Ctx, Outcome};
use crate::db::check::{self, Report};
use anyhow::Result;
use clap::Args;
use std::io::Write;
use std::time::Instant;

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {}

impl CheckArgs {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<Outcome> {
        let db = ctx.open()?;
        let today = ctx.today()?;
        // With QIANQI_TIMINGS set, each group of checks says how long it took,
        // so SQLite's own integrity check can be told from the rest.
        let timings = std::env::var_os("QIANQI_TIMINGS").is_some();
        let mut last = Instant::now();
        let report = check::run(&db, today, &mut |phase| {
            let now = Instant::now();
            if timings {
                eprintln!("timing: {phase}: {:.3} s", (now - last).as_secs_f64());
            }
            last = now;
        })?;
        let mut w = std::io::stdout().lock();
        write_report(&mut w, &report)?;
        w.flush()?;
        Ok(Outcome::clean_if(report.is_consistent()))
    }
}

/// One line per finding, `code: subject: message`, then a summary line.
pub(crate) fn write_report(w: &mut dyn Write, r: &Report) -> Result<()> {
    for f in &r.findings {
        writeln!(w, "{}: {}: {}", f.code, f.subject, f.message)?;
    }
    let before = &r.accepted_unassigned_before_rule;
    if !before.is_empty() {
        let n = before.len();
        let shown = before
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let more = if n > 5 { ", …" } else { "" };
        let note = if n == 1 {
            crate::tr!(
                "note: ticket {shown} was accepted with no handling department, before acceptance needed one; it counts under no department",
                "注意：问题{shown}在签收须有承办单位之前签收，无承办单位，计入无承办单位",
            )
        } else {
            crate::tr!(
                "note: {n} tickets were accepted with no handling department, before acceptance needed one ({shown}{more}); they count under no department",
                "注意：{n}个问题在签收须有承办单位之前签收，无承办单位（{shown}{more}），计入无承办单位",
            )
        };
        writeln!(w, "{note}")?;
    }
    let checked = format!(
        "{} tickets, {} events, {} visits, {} pairings checked",
        r.tickets, r.events, r.visits, r.pairings
    );
    if r.is_consistent() {
        writeln!(w, "database consistent: {checked}")?;
    } else if !r.complete {
        let n = r.findings.len();
        writeln!(
            w,
            "{n} problem{} found; the other checks were not run, as they would read through them",
            if n == 1 { "" } else { "s" }
        )?;
    } else {
        let n = r.findings.len();
        writeln!(
            w,
            "{n} problem{} found: {checked}",
            if n == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}
