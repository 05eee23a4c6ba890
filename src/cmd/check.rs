//! `qianqi check`: is the database fit to publish figures from?

use super::{Ctx, Outcome};
use crate::db::check::{self, Report};
use anyhow::Result;
use clap::Args;
use std::io::Write;

#[derive(Debug, Args)]
pub struct CheckArgs {}

impl CheckArgs {
    pub fn run(self, ctx: &Ctx) -> Result<Outcome> {
        let db = ctx.open()?;
        let report = check::run(&db, ctx.today()?)?;
        let mut w = std::io::stdout().lock();
        write_report(&mut w, &report)?;
        w.flush()?;
        Ok(Outcome::clean_if(report.is_consistent()))
    }
}

/// One line per finding, `code: subject: message`, then a summary line.
pub fn write_report(w: &mut dyn Write, r: &Report) -> Result<()> {
    for f in &r.findings {
        writeln!(w, "{}: {}: {}", f.code, f.subject, f.message)?;
    }
    let checked = format!(
        "{} tickets, {} events, {} visits, {} pairings checked",
        r.tickets, r.events, r.visits, r.pairings
    );
    if r.is_consistent() {
        writeln!(w, "database consistent: {checked}")?;
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
