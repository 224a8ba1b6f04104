use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = mentorlog::cli::Cli::parse();
    match mentorlog::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("mentorlog: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
