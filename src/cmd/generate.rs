//! `qianqi generate`: a synthetic campaign in the canonical import format.

use super::Ctx;
use crate::error::input;
use crate::generate::{write_city, Spec};
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// Write a deterministic synthetic campaign as one CSV per import kind.
///
/// Scale 1 is the Qijiang district 2022 campaign of the bundled fixture
/// (745 cadres, 966 enterprises, 15,000+ person-visits, 777 tickets); scale N
/// is N such districts. The same arguments always write the same bytes.
#[derive(Debug, Args)]
pub(crate) struct GenerateArgs {
    /// Directory to write units.csv, cadres.csv, … events.csv into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Number of districts.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=10000))]
    scale: u32,
    /// Write this many tickets in total instead (about three events each, collection included).
    #[arg(long, value_name = "N")]
    tickets: Option<u64>,
    /// Seed of the random choices.
    #[arg(long, default_value_t = 2022)]
    seed: u64,
}

impl GenerateArgs {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        // The database is not opened here, but no file written may replace it.
        crate::files::protect(&ctx.db);
        if self.out.is_file() {
            let out = self.out.display();
            return Err(input(crate::tr!(
                "{} is a file; give a directory",
                "{} 是一个文件；请给出目录",
                out
            )));
        }
        let spec = Spec {
            scale: self.scale,
            tickets: self.tickets,
            seed: self.seed,
        };
        let s = write_city(&spec, &self.out)?;
        let out = self.out.display();
        println!(
            "{}",
            crate::tr!(
                "wrote {out}: {} units, {} cadres, {} enterprises, {} pairings, {} visits ({} person-visits), {} meetings, {} tickets, {} events",
                "已写入 {out}：单位{}个、干部{}名、企业{}家、结对{}对、走访{}次（{}人次）、座谈会{}场、问题{}件、办理记录{}条",
                s.units,
                s.cadres,
                s.enterprises,
                s.pairings,
                s.visits,
                s.person_visits,
                s.meetings,
                s.tickets,
                s.events
            )
        );
        Ok(())
    }
}
