use clap::Parser;
use partnership_appraisal::cli::{self, Cli, Outcome};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => match cli::run(command, &mut std::io::stdout().lock()) {
            Ok(Outcome::Success) => ExitCode::SUCCESS,
            Ok(Outcome::Errors) => ExitCode::from(1),
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::from(2)
            }
        },
        None => {
            // The desktop app is not built yet: show what the command line offers.
            use clap::CommandFactory;
            let _ = Cli::command().print_help();
            ExitCode::SUCCESS
        }
    }
}
