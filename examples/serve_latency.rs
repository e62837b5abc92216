//! Measures the preview's save-to-reload latency on a synthetic handbook.
//!
//! ```text
//! cargo run --release --example serve_latency -- <pages> [edits] [seed]
//! ```
//!
//! It writes a handbook of `<pages>` pages into a temporary folder (the same
//! generator as `examples/synth.rs`), starts the preview server on a free
//! port in this process, and listens on its live-reload channel like a
//! browser. Then it saves pages the way editors do (a temporary file renamed
//! over the page) and times each save until the reload message arrives: once
//! with only the body changed, once with the title changed, and once with
//! the body changed while the deferred outputs of the save before it are
//! being made (the save lands [`DURING`] after that save's reload), `edits`
//! times each (default 10), on different pages. The time includes waiting
//! for the file events to settle ([`coachbook::serve::watch::DEBOUNCE`]). It
//! prints the median, the fastest and the slowest of each, and the rebuild's
//! own time.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line program of its own, outside the library"
)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use coachbook::build::BuildOptions;
use coachbook::serve::{Event, PreviewOptions, ServerOptions, run};
#[path = "support/synth.rs"]
mod synth;

use synth::generate_handbook;

const USAGE: &str = "usage: serve_latency <pages> [edits] [seed]";
const WAIT: Duration = Duration::from_secs(120);
/// How long after a reload the next save lands, for a save made while the
/// deferred outputs are being made: they start once the watcher has been
/// idle for 150 ms and take about a second at 10,000 pages.
const DURING: Duration = Duration::from_millis(250);

fn parse_args(args: &[String]) -> Result<(usize, usize, u64), String> {
    let number = |text: &str, name: &str| {
        text.parse()
            .map_err(|_| format!("{name} must be a whole number, not {text:?}\n{USAGE}"))
    };
    match args {
        [pages] => Ok((number(pages, "<pages>")?, 10, 42)),
        [pages, edits] => Ok((number(pages, "<pages>")?, number(edits, "[edits]")?, 42)),
        [pages, edits, seed] => Ok((
            number(pages, "<pages>")?,
            number(edits, "[edits]")?,
            number(seed, "[seed]")? as u64,
        )),
        _ => Err(USAGE.to_string()),
    }
}

/// Waits on the live-reload channel (server-sent events) for `event: reload`.
fn open_channel(addr: SocketAddr) -> Result<TcpStream, String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET /_tower-livereload/event-stream HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    read_until(&mut stream, "event: init")?;
    Ok(stream)
}

fn read_until(stream: &mut TcpStream, text: &str) -> Result<(), String> {
    stream
        .set_read_timeout(Some(WAIT))
        .map_err(|e| e.to_string())?;
    let mut received = String::new();
    let mut buffer = [0u8; 1024];
    while !received.contains(text) {
        let read = stream.read(&mut buffer).map_err(|e| e.to_string())?;
        if read == 0 {
            return Err(format!("channel closed before {text:?}"));
        }
        received.push_str(&String::from_utf8_lossy(&buffer[..read]));
    }
    Ok(())
}

fn atomic_save(path: &Path, text: &str) -> Result<(), String> {
    let temporary = path.with_extension("md.tmp-save");
    std::fs::write(&temporary, text).map_err(|e| e.to_string())?;
    std::fs::rename(&temporary, path).map_err(|e| e.to_string())
}

struct Sample {
    latency: Duration,
    rebuild: Duration,
    rendered: usize,
    /// The print page, search index and exports, rendered after the reload.
    deferred: Duration,
}

/// What the preview loop reports to the measurement.
enum Report {
    Rebuilt(Duration, usize),
    Deferred(Duration),
}

/// Saves `first` and, [`DURING`] after its reload, `second`, and times the
/// second save until its reload message; then waits until the preview has
/// been quiet for three seconds.
fn measure_during(
    addr: SocketAddr,
    first: (&Path, &str),
    second: (&Path, &str),
    reports: &Receiver<Report>,
) -> Result<Sample, String> {
    save_to_reload(addr, first.0, first.1)?;
    std::thread::sleep(DURING);
    while reports.try_recv().is_ok() {}
    let mut sample = Sample {
        latency: save_to_reload(addr, second.0, second.1)?,
        rebuild: Duration::ZERO,
        rendered: 0,
        deferred: Duration::ZERO,
    };
    while let Ok(report) = reports.recv_timeout(Duration::from_secs(3)) {
        match report {
            Report::Rebuilt(rebuild, rendered) if sample.rendered == 0 => {
                sample.rebuild = rebuild;
                sample.rendered = rendered;
            }
            Report::Deferred(deferred) => sample.deferred = deferred,
            Report::Rebuilt(..) => {}
        }
    }
    Ok(sample)
}

/// Saves `path` with `text` and returns the time until the reload message.
fn save_to_reload(addr: SocketAddr, path: &Path, text: &str) -> Result<Duration, String> {
    let mut stream = open_channel(addr)?;
    let started = Instant::now();
    atomic_save(path, text)?;
    read_until(&mut stream, "event: reload")?;
    Ok(started.elapsed())
}

/// Saves `path` with `text` and times the save until the reload message.
fn measure(
    addr: SocketAddr,
    path: &Path,
    text: &str,
    reports: &Receiver<Report>,
) -> Result<Sample, String> {
    while reports.try_recv().is_ok() {}
    let mut sample = Sample {
        latency: save_to_reload(addr, path, text)?,
        rebuild: Duration::ZERO,
        rendered: 0,
        deferred: Duration::ZERO,
    };
    // Wait for the deferred outputs too, so the next save starts from rest.
    loop {
        match reports.recv_timeout(WAIT) {
            Ok(Report::Rebuilt(rebuild, rendered)) => {
                sample.rebuild = rebuild;
                sample.rendered = rendered;
            }
            Ok(Report::Deferred(deferred)) => {
                sample.deferred = deferred;
                return Ok(sample);
            }
            Err(_) => return Err("no rebuild was reported".to_string()),
        }
    }
}

fn summary(name: &str, samples: &mut [Sample]) {
    samples.sort_by_key(|s| s.latency);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = &samples[samples.len() / 2];
    let middle = |pick: fn(&Sample) -> Duration| {
        let mut values: Vec<Duration> = samples.iter().map(pick).collect();
        values.sort();
        ms(values[values.len() / 2])
    };
    println!(
        "{name:<10} save → reload: median {:>7.1} ms (fastest {:.1}, slowest {:.1}); \
         rebuild alone {:.1} ms, {} files rendered; then the deferred outputs (print page, search, exports; after a title edit, every other view) {:.1} ms",
        ms(median.latency),
        ms(samples[0].latency),
        ms(samples[samples.len() - 1].latency),
        middle(|s| s.rebuild),
        median.rendered,
        middle(|s| s.deferred),
    );
}

fn run_measurement(pages: usize, edits: usize, seed: u64) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("coachbook-latency-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let files = generate_handbook(pages, seed);
    let mut guides: Vec<PathBuf> = Vec::new();
    for file in &files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&path, &file.text).map_err(|e| e.to_string())?;
        let is_page = file.path.extension().is_some_and(|e| e == "md")
            && !file.path.ends_with("_index.md")
            && file.text.starts_with("---\ntitle: ")
            && !file.text.contains("\nkind: ");
        if is_page {
            guides.push(path);
        }
    }
    let options = PreviewOptions {
        build: BuildOptions {
            root: dir.clone(),
            ..BuildOptions::default()
        },
        server: Some(ServerOptions {
            bind: [127, 0, 0, 1].into(),
            port: 0,
        }),
        poll: false,
    };
    let (addr_sender, addr_receiver) = channel();
    let (report_sender, reports) = channel();
    std::thread::spawn(move || {
        let mut report = |event: Event| match event {
            Event::Built(rebuild) => println!(
                "first build: {} files in {} ms",
                rebuild.rendered.len(),
                rebuild.elapsed.as_millis()
            ),
            Event::Listening(addr) => {
                let _ = addr_sender.send(addr);
            }
            Event::Rebuilt(rebuild) => {
                let _ =
                    report_sender.send(Report::Rebuilt(rebuild.elapsed, rebuild.rendered.len()));
            }
            Event::Deferred(rebuild) => {
                let _ = report_sender.send(Report::Deferred(rebuild.elapsed));
            }
            Event::Problem(problem) => eprintln!("warning: {problem}"),
            Event::Watching(_) | Event::Wrote { .. } => {}
        };
        if let Err(error) = run(&options, &mut report) {
            eprintln!("error: {error}");
        }
    });
    let addr = addr_receiver
        .recv_timeout(WAIT)
        .map_err(|_| "the server did not start".to_string())?;
    // Let the watcher settle before the first save.
    std::thread::sleep(Duration::from_millis(500));

    let step = (guides.len() / edits.max(1)).max(1);
    let chosen: Vec<&PathBuf> = guides.iter().step_by(step).take(edits).collect();
    let mut body = Vec::new();
    let mut title = Vec::new();
    let mut during = Vec::new();
    for (i, path) in chosen.iter().enumerate() {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        let edited = format!("{text}\nAn added sentence, number {i}.\n");
        body.push(measure(addr, path, &edited, &reports)?);
        let retitled = edited.replacen("---\ntitle: \"", &format!("---\ntitle: \"Edited {i} "), 1);
        title.push(measure(addr, path, &retitled, &reports)?);
        let neighbour = chosen[(i + 1) % chosen.len()];
        let other = std::fs::read_to_string(neighbour).map_err(|e| e.to_string())?;
        let first = format!("{other}\nA sentence added first, number {i}.\n");
        let second = format!("{retitled}\nA sentence added during, number {i}.\n");
        during.push(measure_during(
            addr,
            (neighbour, &first),
            (path, &second),
            &reports,
        )?);
    }
    println!(
        "{pages} pages, {} edits of each kind, debounce {} ms:",
        chosen.len(),
        coachbook::serve::watch::DEBOUNCE.as_millis()
    );
    summary("body edit", &mut body);
    summary("title edit", &mut title);
    summary("body edit during deferred work", &mut during);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let (pages, edits, seed) = match parse_args(&raw) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match run_measurement(pages, edits, seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
