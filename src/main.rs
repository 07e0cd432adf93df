// No `unwrap` or `expect` outside tests: a panic on user input or a loaded file would be
// a bug (ARCHITECTURE.md, invariants). Tests may unwrap.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use clap::Parser;
use partnership_appraisal::cli::{self, Cli, Outcome};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => match cli::run(
            command,
            &mut std::io::stdout().lock(),
            &partnership_appraisal::bench::command,
        ) {
            Ok(Outcome::Success) => ExitCode::SUCCESS,
            Ok(Outcome::Errors) => ExitCode::from(1),
            Ok(Outcome::Incomplete) => ExitCode::from(3),
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::from(2)
            }
        },
        None => match partnership_appraisal::ui::run(args.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: the window could not be opened: {e}");
                ExitCode::from(2)
            }
        },
    }
}
