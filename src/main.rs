//! The `coachbook` binary: parses the command line, runs the command, and
//! turns the outcome into an exit code (0 success, 1 the handbook has errors,
//! 2 bad usage or configuration). Printing and exiting happen only here and in `cli`.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    cli::run(args)
}
