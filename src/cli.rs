//! The command line: global flags and the top-level commands.

use crate::cmd::{self, Ctx, Outcome};
use crate::domain::Lang;
use anyhow::Result;
use clap::builder::TypedValueParser;
use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

mod zh;
mod zh_texts;

/// qianqi (千企): pairings, visits, meetings and problem tickets of the
/// "thousand cadres into thousand enterprises" programme, with the
/// reconciliation reports that show whether the figures add up.
#[derive(Debug, Parser)]
#[command(name = "qianqi", version, max_term_width = 100)]
pub struct Cli {
    /// Database: a SQLite file, or a PostgreSQL URL such as postgresql://USER@HOST:PORT/DBNAME [default: $QIANQI_DB, else qianqi/qianqi.db in the user's data directory]
    #[arg(long, global = true, env = "QIANQI_DB", value_name = "PATH", help_heading = GLOBAL)]
    pub(crate) db: Option<PathBuf>,

    /// Language of messages, help, headers and values.
    #[arg(long, global = true, env = "QIANQI_LANG", default_value = "en", value_parser = lang_parser(), help_heading = GLOBAL)]
    pub(crate) lang: Lang,

    /// How long to wait for another process's write to finish before giving up (exit status 3); at most a day.
    #[arg(
        long,
        global = true,
        help_heading = GLOBAL,
        env = "QIANQI_BUSY_TIMEOUT",
        value_name = "MS",
        default_value_t = 5000,
        allow_negative_numbers = true,
        // SQLite takes the timeout as a 32-bit count of milliseconds.
        value_parser = clap::value_parser!(u64).range(0..=86_400_000)
    )]
    pub(crate) busy_timeout: u64,

    /// Open a database on a network share (NFS, SMB/CIFS) although SQLite's locking is unreliable there.
    #[arg(long, global = true, env = "QIANQI_ALLOW_NETWORK_FS", value_parser = clap::builder::BoolishValueParser::new(), help_heading = GLOBAL)]
    pub(crate) allow_network_fs: bool,

    /// Colour overdue tickets and refusals: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, help_heading = GLOBAL)]
    pub(crate) color: ColorChoice,

    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream that is (or is not) a terminal.
    pub(crate) fn colors(self, is_tty: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// What standard output's terminal allows. `QIANQI_TERM_WIDTH` makes any
/// output act as a terminal of that width, so that tests can see it.
fn terminal(color: ColorChoice) -> crate::output::Terminal {
    use std::io::IsTerminal;
    let forced = std::env::var("QIANQI_TERM_WIDTH")
        .ok()
        .and_then(|w| w.trim().parse::<u16>().ok());
    let is_tty = forced.is_some() || std::io::stdout().is_terminal();
    // A terminal that does not say its size (a new pseudo-terminal says 0
    // columns) leaves tables as wide as they are.
    let width = forced
        .or_else(|| is_tty.then(|| comfy_table::Table::new().width()).flatten())
        .filter(|w| *w > 0);
    crate::output::Terminal {
        is_tty,
        width,
        color: color.colors(is_tty),
    }
}

/// The heading of the flags every command takes, shown apart from its own.
const GLOBAL: &str = "Global options";

/// `en` or `zh`, listed in the help as clap lists an enum's values.
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    clap::builder::PossibleValuesParser::new(Lang::ALL.map(|(_, name)| name)).map(|name| {
        Lang::ALL
            .into_iter()
            .find(|(_, n)| *n == name)
            .map_or(Lang::En, |(lang, _)| lang)
    })
}

/// The command tree in a language: the one clap derives from the doc
/// comments, or the same tree in Chinese.
pub(crate) fn command(lang: Lang) -> clap::Command {
    match lang {
        Lang::En => <Cli as clap::CommandFactory>::command(),
        Lang::Zh => zh::command(),
    }
}

/// The language asked for, known before clap parses: `--lang` on the command
/// line, else `QIANQI_LANG` (which the settings file stands in for), else
/// English. A value that is no language is left for clap to refuse.
fn lang_of(args: &[OsString]) -> Lang {
    let named = |name: &str| {
        Lang::ALL
            .into_iter()
            .find(|(_, n)| *n == name)
            .map(|(lang, _)| lang)
    };
    let mut given = None;
    let mut args = args.iter().skip(1).map(|a| a.to_str().unwrap_or_default());
    while let Some(arg) = args.next() {
        match arg {
            "--" => break,
            "--lang" => given = args.next().and_then(named).or(given),
            _ => {
                if let Some(value) = arg.strip_prefix("--lang=") {
                    given = named(value).or(given);
                }
            }
        }
    }
    given
        .or_else(|| std::env::var("QIANQI_LANG").ok().and_then(|v| named(&v)))
        .unwrap_or(Lang::En)
}

/// Whether the command line names no command: `qianqi`, or `qianqi --lang zh`
/// to see the command list in Chinese.
fn alone(args: &[OsString]) -> bool {
    match &args[1.min(args.len())..] {
        [] => true,
        [flag] => flag.to_str().is_some_and(|f| f.starts_with("--lang=")),
        [flag, _] => flag == "--lang",
        _ => false,
    }
}

/// clap's error as one line: what was wrong and what is accepted; `--help`
/// has the rest.
fn english_line(e: &clap::Error) -> String {
    let text = e.to_string();
    let line: Vec<&str> = text
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
        .collect();
    line.join(" ").trim_start_matches("error: ").to_string()
}

impl Cli {
    /// The command line of this process, with the settings file standing in
    /// for unset environment variables; on a bad command line, the message
    /// (one line, or the command list when no command is given) has been
    /// printed and the exit status is the error.
    pub fn from_process() -> Result<Cli, i32> {
        use crate::error::EXIT_INPUT;
        let args: Vec<OsString> = std::env::args_os().collect();
        crate::domain::set_message_lang(lang_of(&args));
        // Before clap reads the variables, and before any other thread exists.
        let settings = crate::config::apply_to_env();
        // Known before clap parses, so that the help and clap's errors are
        // in the language asked for, as every other message; the settings
        // file may have named it.
        let lang = lang_of(&args);
        crate::domain::set_message_lang(lang);
        if let Err(e) = settings {
            eprintln!("qianqi: {}", crate::error::chain(&e));
            return Err(EXIT_INPUT);
        }
        if let Err(m) = cmd::check_args(&args) {
            eprintln!("qianqi: {m}");
            return Err(EXIT_INPUT);
        }
        let alone = alone(&args);
        let parsed = match lang {
            Lang::En => Cli::try_parse_from(args),
            // Both trees read a command line alike; the Chinese one, slower
            // to make, is needed only for the help and the errors.
            Lang::Zh => Cli::try_parse_from(&args).or_else(|_| zh::parse(args)),
        };
        match parsed {
            Ok(cli) => Ok(cli),
            Err(e) if !e.use_stderr() => e.exit(),
            // `qianqi` alone: the command list rather than one line, on stderr
            // with exit status 2, as clap's arg_required_else_help does (which
            // the environment variables of the global flags would defeat): no
            // command is a usage error, so a script with an empty command fails.
            Err(e) if alone && e.kind() == clap::error::ErrorKind::MissingSubcommand => {
                eprintln!("{}", command(lang).render_help());
                Err(EXIT_INPUT)
            }
            Err(e) => {
                let line = match lang {
                    Lang::En => english_line(&e),
                    Lang::Zh => zh::error_line(&e),
                };
                eprintln!("qianqi: {line}");
                Err(EXIT_INPUT)
            }
        }
    }

    /// Whether a refusal is printed in red.
    pub fn red_errors(&self) -> bool {
        use std::io::IsTerminal;
        self.color.colors(std::io::stderr().is_terminal())
    }

    /// What every command needs besides its own arguments. The environment
    /// is read here, at the edge, and nowhere deeper.
    pub(crate) fn context(&self) -> Ctx {
        crate::output::set_terminal(terminal(self.color));
        Ctx {
            db: self.db.clone().unwrap_or_else(crate::db::default_path),
            db_given: self.db.is_some(),
            lang: self.lang,
            busy_timeout: Duration::from_millis(self.busy_timeout),
            allow_network_fs: self.allow_network_fs,
            today: std::env::var("QIANQI_TODAY").ok().filter(|s| !s.is_empty()),
        }
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
    /// Problem categories and their deadlines in working days (办理时限).
    #[command(subcommand)]
    Category(cmd::category::Cmd),
    /// The working-day calendar: public holidays and 调休 working days.
    #[command(subcommand)]
    Calendar(cmd::calendar::Cmd),
    /// The response time (响应时限): working days from an assignment to its acceptance.
    #[command(subcommand)]
    ResponseTime(cmd::response_time::Cmd),
    /// Supervision reports: reconcile, coverage, visits, overdue, assessment, meetings.
    #[command(subcommand)]
    Report(cmd::report::Cmd),
    /// Import a CSV file or a workbook of units, cadres, enterprises, pairings, meetings, visits, tickets, events, categories or calendar days.
    ///
    /// The file may be UTF-8 (with or without BOM) or GBK as Excel and WPS save
    /// it; the encoding is detected. Headers are the English column names or
    /// their Chinese equivalents (编号, 姓名, 统一社会信用代码, 走访日期, …) in any
    /// order; `qianqi export KIND` shows the columns. Either every row goes in
    /// or none does: bad rows are listed with their line and column, nothing is
    /// written, and the exit status is 2. The same file imported twice for the
    /// same kind is refused, so no visit is counted twice.
    Import(cmd::import::ImportArgs),
    /// List the files imported so far.
    Imports(cmd::import::ImportsArgs),
    /// Export units, cadres, enterprises, pairings, meetings, visits, tickets, events, categories or calendar days as CSV (or a workbook, JSON).
    ///
    /// The file opens in Excel and WPS as it should: UTF-8 with a BOM (or GBK
    /// with --encoding gbk), text that starts like a formula prefixed with ' so
    /// it never runs, and all-digit codes (USCC, phone) written as ="…" so they
    /// stay text. `qianqi import` reads it back unchanged.
    Export(cmd::export::ExportArgs),
    /// Load the bundled Qijiang 2022 campaign and print its reconciliation, coverage and the departments' assessment.
    Demo(cmd::demo::DemoArgs),
    /// Write a synthetic campaign as CSV files (the Qijiang fixture at scale 1; a city for benchmarks).
    Generate(cmd::generate::GenerateArgs),
    /// Verify the database before publishing figures: integrity, ticket
    /// histories, visits, pairings and the reconciliation identity (exit 1 if anything is wrong).
    Check(cmd::check::CheckArgs),
    /// Copy the database to FILE: a consistent snapshot, even while others write.
    Backup(cmd::backup::BackupArgs),
    /// Copy every record, every ticket's history and the import log into an
    /// empty database of either engine: a SQLite file up to PostgreSQL, or back.
    Copy(cmd::copy::CopyArgs),
    /// Replace the database with a backup, after checking the backup; the
    /// replaced database is kept as <db>.before-restore.
    Restore(cmd::backup::RestoreArgs),
    /// Settings kept in a file, so that no environment variable is needed: db, user, lang.
    #[command(subcommand)]
    Config(cmd::config::Cmd),
    /// Print a shell's completion script: bash, zsh, fish, powershell or elvish.
    ///
    /// bash: `qianqi completions bash > ~/.local/share/bash-completion/completions/qianqi`;
    /// PowerShell: `qianqi completions powershell | Out-String | Invoke-Expression` in $PROFILE.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write manual pages (qianqi.1 and one per command) into a directory.
    Man {
        /// The directory to write the pages to (created when missing).
        #[arg(long, value_name = "DIR")]
        output: PathBuf,
    },
}

impl Command {
    /// Runs the command: each group's module does the work. Only the
    /// commands that judge the data can end with findings.
    pub(crate) fn run(self, ctx: &Ctx) -> Result<Outcome> {
        let done = |r: Result<()>| r.map(|()| Outcome::Clean);
        match self {
            Command::Init => done(cmd::init(ctx)),
            Command::Unit(c) => done(c.run(ctx)),
            Command::Cadre(c) => done(c.run(ctx)),
            Command::Enterprise(c) => done(c.run(ctx)),
            Command::Pair(c) => done(c.run(ctx)),
            Command::Unpair(c) => done(c.run(ctx)),
            Command::Visit(c) => done(c.run(ctx)),
            Command::Meeting(c) => done(c.run(ctx)),
            Command::Ticket(c) => done(c.run(ctx)),
            Command::Category(c) => done(c.run(ctx)),
            Command::Calendar(c) => done(c.run(ctx)),
            Command::ResponseTime(c) => done(c.run(ctx)),
            Command::Generate(c) => done(c.run(ctx)),
            Command::Demo(c) => done(c.run(ctx)),
            Command::Check(c) => c.run(ctx),
            Command::Backup(c) => done(c.run(ctx)),
            Command::Restore(c) => done(c.run(ctx)),
            Command::Copy(c) => done(c.run(ctx)),
            Command::Import(c) => done(c.run(ctx)),
            Command::Imports(c) => done(c.run(ctx)),
            Command::Export(c) => done(c.run(ctx)),
            Command::Report(c) => c.run(ctx),
            Command::Config(c) => c.run(ctx),
            Command::Completions { shell } => {
                let mut cli = command(ctx.lang);
                clap_complete::generate(shell, &mut cli, "qianqi", &mut std::io::stdout());
                Ok(Outcome::Clean)
            }
            Command::Man { output } => done(cmd::man(&output)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_network_share_override_is_a_flag_or_a_boolish_variable() {
        let parse = |args: &[&str]| Cli::try_parse_from(args).unwrap().allow_network_fs;
        assert!(!parse(&["qianqi", "check"]));
        assert!(parse(&["qianqi", "--allow-network-fs", "check"]));
        assert!(parse(&["qianqi", "check", "--allow-network-fs"]));
        // The variable is read by clap; only this test sets it.
        std::env::set_var("QIANQI_ALLOW_NETWORK_FS", "1");
        assert!(parse(&["qianqi", "check"]));
        std::env::set_var("QIANQI_ALLOW_NETWORK_FS", "0");
        assert!(!parse(&["qianqi", "check"]));
        std::env::remove_var("QIANQI_ALLOW_NETWORK_FS");
    }
}
