use clap::Parser;
use qianqi::{cli::Cli, cmd::Outcome, error};

fn main() {
    // The settings file stands in for unset environment variables, before clap reads them.
    if let Err(e) = qianqi::config::apply_to_env() {
        eprintln!("qianqi: {e:#}");
        std::process::exit(error::EXIT_INPUT);
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Err(m) = qianqi::cmd::check_args(&args) {
        eprintln!("qianqi: {m}");
        std::process::exit(error::EXIT_INPUT);
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(),
        // `qianqi` alone: the command list rather than one line, on stderr
        // with exit status 2, as clap's arg_required_else_help does (which
        // the environment variables of the global flags would defeat): no
        // command is a usage error, so a script with an empty command fails.
        Err(_) if std::env::args_os().len() == 1 => {
            let help = <Cli as clap::CommandFactory>::command().render_help();
            eprintln!("{help}");
            std::process::exit(error::EXIT_INPUT);
        }
        Err(e) => {
            // One line: what was wrong and what is accepted; `--help` has the rest.
            let text = e.to_string();
            let line: Vec<&str> = text
                .lines()
                .map(str::trim)
                .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
                .filter(|l| !l.is_empty())
                .collect();
            eprintln!("qianqi: {}", line.join(" ").trim_start_matches("error: "));
            std::process::exit(error::EXIT_INPUT);
        }
    };
    let red = {
        use std::io::IsTerminal;
        cli.color.colors(std::io::stderr().is_terminal())
    };
    // A refusal in red where colour is wanted.
    let say = |msg: String| {
        if red {
            eprintln!("\x1b[31m{msg}\x1b[0m");
        } else {
            eprintln!("{msg}");
        }
    };
    let status = match qianqi::run(cli) {
        Ok(Outcome::Clean) => 0,
        Ok(Outcome::Findings) => error::EXIT_FAILURE,
        Err(e) if error::is_broken_pipe(&e) => 0,
        Err(e) => {
            let status = error::exit_status(&e);
            if status == error::EXIT_LOCKED {
                say(format!("qianqi: {e:#}: the database stayed locked by another process; nothing was written, try again"));
            } else {
                say(format!("qianqi: {e:#}"));
            }
            status
        }
    };
    std::process::exit(status);
}
