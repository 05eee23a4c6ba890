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
        let sep = crate::tr!(": ", "：");
        writeln!(w, "{}{sep}{}{sep}{}", f.kind(), f.subject, f.message)?;
    }
    let before = &r.accepted_unassigned_before_rule;
    if !before.is_empty() {
        let n = before.len();
        let shown = before
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join(&crate::tr!(", ", "、"));
        let more = if n > 5 { "…" } else { "" };
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
    let (tickets, events, visits, pairings) = (r.tickets, r.events, r.visits, r.pairings);
    let checked = crate::tr!(
        "{tickets} tickets, {events} events, {visits} visits, {pairings} pairings checked",
        "已检查问题{tickets}件、办理记录{events}条、走访{visits}次、结对{pairings}对"
    );
    let n = r.findings.len();
    let s = if n == 1 { "" } else { "s" };
    let line = if r.is_consistent() {
        crate::tr!("database consistent: {checked}", "数据库一致：{checked}")
    } else if !r.complete {
        crate::tr!(
            "{n} problem{s} found; the other checks were not run, as they would read through them",
            "发现{n}个问题；其余检查未运行，因为它们要读取出问题的部分"
        )
    } else {
        crate::tr!(
            "{n} problem{s} found: {checked}",
            "发现{n}个问题：{checked}"
        )
    };
    writeln!(w, "{line}")?;
    Ok(())
}
