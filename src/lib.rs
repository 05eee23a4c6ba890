//! qianqi: a case tracker for the "thousand cadres into thousand enterprises"
//! programme (千人进千企).

pub mod cli;
pub mod cmd;
pub(crate) mod config;
pub mod csvio;
pub mod db;
pub mod domain;
pub mod error;
pub(crate) mod files;
pub(crate) mod generate;
pub(crate) mod output;
pub(crate) mod report;
pub(crate) mod sheet;

/// Runs one parsed command line; findings are an outcome, not an error.
pub fn run(cli: cli::Cli) -> anyhow::Result<cmd::Outcome> {
    let ctx = cli.context();
    cli.command.run(&ctx)
}
