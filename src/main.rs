use qianqi::{cli::Cli, error};

fn main() {
    let cli = match Cli::from_process() {
        Ok(cli) => cli,
        Err(status) => std::process::exit(status),
    };
    let red = cli.red_errors();
    let status = match qianqi::run(cli) {
        Ok(outcome) => outcome.status(),
        Err(e) => error::report(&e, red),
    };
    std::process::exit(status);
}
