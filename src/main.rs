use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match mentorlog::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // Help and the version go to stdout as clap writes them; a refusal can quote what was
        // typed (a name, a path), so it is cleaned like every other message.
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            eprint!("{}", mentorlog::text::sanitize(&e.render().to_string()));
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match mentorlog::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("mentorlog: {}", e.for_terminal());
            ExitCode::from(e.exit_code())
        }
    }
}
