//! The command line: global flags and the top-level commands.

use crate::cmd;
use crate::domain::Lang;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// qianqi (千企): pairings, visits, meetings and problem tickets of the
/// "thousand cadres into thousand enterprises" programme, with the
/// reconciliation reports that show whether the figures add up.
#[derive(Debug, Parser)]
#[command(name = "qianqi", version, max_term_width = 100)]
pub struct Cli {
    /// Database file [default: $QIANQI_DB, else qianqi/qianqi.db in the user's data directory]
    #[arg(long, global = true, env = "QIANQI_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Language of headers and status names.
    #[arg(long, global = true, env = "QIANQI_LANG", value_enum, default_value_t = Lang::En)]
    pub lang: Lang,

    /// How long to wait for another process's write to finish before giving up (exit status 3).
    #[arg(
        long,
        global = true,
        env = "QIANQI_BUSY_TIMEOUT",
        value_name = "MS",
        default_value_t = 5000
    )]
    pub busy_timeout: u64,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database (or bring an existing one up to date).
    Init,
    /// Units: district departments (部门) and towns/streets (街镇).
    #[command(subcommand)]
    Unit(cmd::unit::Cmd),
    /// Cadres (干部) and their enterprise files.
    #[command(subcommand)]
    Cadre(cmd::cadre::Cmd),
    /// Enterprises (企业) and their files (企业档案).
    #[command(subcommand)]
    Enterprise(cmd::enterprise::Cmd),
    /// Pair a cadre with an enterprise (对口服务), or list pairings with `pair list`.
    Pair(cmd::pair::PairCmd),
    /// End a cadre's pairing with an enterprise.
    Unpair(cmd::pair::UnpairArgs),
    /// Log a visit (走访), or list visits with `visit list`.
    Visit(cmd::visit::VisitCmd),
    /// Meetings (座谈会) of cadres.
    #[command(subcommand)]
    Meeting(cmd::meeting::Cmd),
    /// Problem tickets (问题) and their history.
    #[command(subcommand)]
    Ticket(cmd::ticket::Cmd),
    /// Supervision reports: reconcile, coverage, visits, overdue, meetings.
    #[command(subcommand)]
    Report(cmd::report::Cmd),
}
