//! The `coachbook` binary: parses the command line, runs the command, and
//! turns its [`cli::ExitStatus`] into the exit code (0 success, 1 the handbook
//! has errors, 2 the tool could not do its job). Printing and exiting happen
//! only here and in `cli`.

// The binary is where printing belongs (the library denies it).
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// A build allocates and frees millions of small strings from two threads
/// at once; mimalloc does that a fifth faster than the system allocator, whose
/// heap also fragments on large handbooks (a tenth of a 100,000-page build's
/// time was in `malloc`), and its version 2 keeps the peak lower than either.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    ExitCode::from(cli::run(args))
}
