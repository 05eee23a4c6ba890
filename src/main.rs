use clap::Parser;
use qianqi::{cli::Cli, cmd::Outcome, error};

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Err(m) = qianqi::cmd::check_args(&args) {
        eprintln!("qianqi: {m}");
        std::process::exit(error::EXIT_INPUT);
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(),
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
    let status = match qianqi::run(cli) {
        Ok(Outcome::Clean) => 0,
        Ok(Outcome::Findings) => error::EXIT_FAILURE,
        Err(e) if error::is_broken_pipe(&e) => 0,
        Err(e) => {
            let status = error::exit_status(&e);
            if status == error::EXIT_LOCKED {
                eprintln!("qianqi: {e:#}: the database stayed locked by another process; nothing was written, try again");
            } else {
                eprintln!("qianqi: {e:#}");
            }
            status
        }
    };
    std::process::exit(status);
}
