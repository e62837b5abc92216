//! `coachbook serve` and `coachbook watch`: flags to [`PreviewOptions`], then
//! the preview loop, printing what it reports. The loop runs until the
//! process is stopped; it returns only if it cannot start.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use coachbook::build::BuildOptions;
use coachbook::serve::session::{Rebuild, RebuildKind};
use coachbook::serve::{Event, PreviewError, PreviewOptions, ServerOptions, run};
use coachbook::wording::plural;

use super::{CONTENT_ERRORS, USAGE_ERRORS, print_diagnostics, report_error};

/// Flags shared by `serve` and `watch`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// The handbook folder (where site.toml is).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Build an edition declared in site.toml, e.g. `participant`.
    #[arg(long)]
    edition: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Look for changes every 300 ms instead of waiting for the system to
    /// report them (for network drives and WSL).
    #[arg(long)]
    poll: bool,
    /// Print every warning, even one that many files share.
    #[arg(long, short)]
    verbose: bool,
}

/// Flags of `serve` only.
#[derive(Debug, Args)]
pub struct ServerArgs {
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on. Only this computer can connect unless you
    /// choose another, such as 0.0.0.0.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// Open the handbook in the default browser.
    #[arg(long)]
    open: bool,
}

/// Runs `serve` (with `server`) or `watch` (without).
pub fn run_preview(args: &PreviewArgs, server: Option<&ServerArgs>) -> ExitCode {
    let options = PreviewOptions {
        build: BuildOptions {
            root: args.root.clone(),
            drafts: args.drafts,
            edition: args.edition.clone(),
            write: server.is_none(),
            ..BuildOptions::default()
        },
        server: server.map(|s| ServerOptions {
            bind: s.bind,
            port: s.port,
        }),
        poll: args.poll,
    };
    if let Some(server) = server
        && !server.bind.is_loopback()
    {
        eprintln!(
            "warning: listening on {}: other computers on the network can read this handbook\n  = help: leave out --bind to serve to this computer only",
            server.bind
        );
    }
    let open = server.is_some_and(|s| s.open);
    let verbose = args.verbose;
    let mut report = |event: Event| print_event(&event, open, verbose);
    match run(&options, &mut report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(PreviewError::Build(error)) => report_error(&error),
        Err(error @ PreviewError::Listen { .. }) => {
            eprintln!(
                "error: {error}\n  = help: choose another port with --port, or --port 0 for any free one"
            );
            ExitCode::from(USAGE_ERRORS)
        }
        Err(error @ PreviewError::Watch(_)) => {
            eprintln!("error: {error}\n  = help: try --poll");
            ExitCode::from(CONTENT_ERRORS)
        }
    }
}

fn print_event(event: &Event, open: bool, verbose: bool) {
    match event {
        Event::Built(rebuild) => {
            print_diagnostics(&rebuild.diagnostics, verbose);
            if rebuild.failed {
                println!(
                    "the handbook has {}; fix them and save, the preview will follow",
                    plural(rebuild.errors(), "error", "errors")
                );
            } else {
                println!(
                    "built {} in {} ms; {}",
                    plural(rebuild.rendered.len(), "file", "files"),
                    rebuild.elapsed.as_millis(),
                    plural(rebuild.warnings(), "warning", "warnings")
                );
            }
        }
        Event::Listening(addr) => {
            let url = format!("http://{addr}/");
            println!("serving the handbook at {url} (press Ctrl-C to stop)");
            if open {
                open_browser(&url);
            }
        }
        Event::Watching(root) => println!("watching {} for changes", root.display()),
        Event::Rebuilt(rebuild) => print_rebuild(rebuild, verbose),
        Event::Deferred(rebuild) if !rebuild.failed => println!(
            "updated the print page, search index and exports in {} ms",
            rebuild.elapsed.as_millis()
        ),
        Event::Deferred(rebuild) => print_rebuild(rebuild, verbose),
        Event::Wrote { output_dir, ms } => {
            println!("wrote {} in {ms} ms", output_dir.display());
        }
        Event::Problem(problem) => eprintln!("warning: {problem}"),
    }
}

/// One line per rebuild, after the diagnostics the handbook has now.
fn print_rebuild(rebuild: &Rebuild, verbose: bool) {
    print_diagnostics(&rebuild.diagnostics, verbose);
    let ms = rebuild.elapsed.as_millis();
    if rebuild.failed {
        println!(
            "rebuild failed with {} in {ms} ms; still serving the last good pages",
            plural(rebuild.errors(), "error", "errors")
        );
        return;
    }
    let what = match rebuild.kind {
        RebuildKind::Nothing => "nothing to do",
        RebuildKind::Static => "static files",
        RebuildKind::Pages => "changed pages",
        RebuildKind::Site => "site",
        RebuildKind::Templates => "templates",
        RebuildKind::Everything => "everything (site.toml changed)",
    };
    println!(
        "rebuilt {what} in {ms} ms: {} rendered, {} changed, {} removed",
        plural(rebuild.rendered.len(), "file", "files"),
        rebuild.changed.len(),
        rebuild.removed.len()
    );
}

/// Asks the system to open `url` in the default browser; failing is only a warning.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if let Err(error) = std::process::Command::new(opener.0)
        .args(&opener.1)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("warning: could not open a browser ({error}); open {url} yourself");
    }
}
