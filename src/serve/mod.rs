//! The author preview: `serve` (build, serve from memory, watch, rebuild,
//! reload the browser) and `watch` (the same rebuild loop, writing the output
//! folder instead of serving).
//!
//! This module sits on top of the pipeline. `watch.rs` turns file events into
//! batches of changed paths and classifies them, `session.rs` keeps the
//! handbook in memory and rebuilds what a batch touches, and `http.rs` serves
//! the last good build with live reload and an error overlay. The loop never
//! ends on a problem in the handbook: a failed rebuild is reported and the
//! last good pages stay. It prints nothing: what happens is reported through
//! [`Event`]s, which the command line prints.

pub mod http;
pub mod session;
pub mod watch;

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::build::BuildOptions;
use crate::output::write_site_reusing;
use session::{Rebuild, RebuildKind, Session};
use watch::{Wait, Watcher, next_batch};

/// How long the watcher must be quiet before outputs that show every page
/// (the print page, the search index) are rendered again, so a run of quick
/// saves is not held up by them.
const IDLE: std::time::Duration = std::time::Duration::from_millis(150);

/// Where `serve` listens.
#[derive(Debug, Clone, Copy)]
pub struct ServerOptions {
    pub bind: IpAddr,
    /// 0 lets the system pick a free port (reported in [`Event::Listening`]).
    pub port: u16,
}

/// What `serve` and `watch` are asked to do.
#[derive(Debug, Clone)]
pub struct PreviewOptions {
    pub build: BuildOptions,
    /// `None` for `watch`: no server; each good rebuild is written to the output folder.
    pub server: Option<ServerOptions>,
    /// Poll the files instead of waiting for the system's change notices.
    pub poll: bool,
}

/// Something the preview loop reports, for the command line to print.
#[derive(Debug)]
pub enum Event<'a> {
    /// The first build, done.
    Built(&'a Rebuild),
    /// The server is listening.
    Listening(SocketAddr),
    /// Watching for changes under this folder.
    Watching(&'a std::path::Path),
    /// A rebuild after changes, done (its outputs are served or written).
    Rebuilt(&'a Rebuild),
    /// Outputs that show every page, rendered again after a rebuild.
    Deferred(&'a Rebuild),
    /// The output folder was written.
    Wrote {
        output_dir: &'a std::path::Path,
        ms: u128,
    },
    /// A problem that does not stop the loop (the watcher, writing).
    Problem(String),
}

/// Why the preview could not start or go on.
#[derive(Debug, thiserror::Error)]
pub enum PreviewError {
    #[error(transparent)]
    Build(#[from] crate::Error),
    #[error("could not listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("could not watch the handbook: {0}")]
    Watch(String),
}

/// Builds, then (for `serve`) serves and (always) watches and rebuilds until
/// the process ends. Returns early only if it cannot start.
pub fn run(options: &PreviewOptions, report: &mut dyn FnMut(Event)) -> Result<(), PreviewError> {
    let base_url = options.server.map(|_| "/");
    let started = Instant::now();
    let mut session = Session::start(&options.build, base_url)?;
    let mut first = Rebuild::for_start(&session, started.elapsed());
    first.changed = session.outputs().keys().cloned().collect();
    report(Event::Built(&first));

    let mut server = None;
    if let Some(server_options) = options.server {
        let addr = SocketAddr::new(server_options.bind, server_options.port);
        let listener =
            TcpListener::bind(addr).map_err(|source| PreviewError::Listen { addr, source })?;
        let bound = listener
            .local_addr()
            .map_err(|source| PreviewError::Listen { addr, source })?;
        let shared = http::Shared::new();
        publish_all(&shared, &session);
        let reloader = http::spawn(listener, Arc::clone(&shared))
            .map_err(|source| PreviewError::Listen { addr, source })?;
        report(Event::Listening(bound));
        server = Some((shared, reloader));
    }
    let mut writer = OutputWriter::default();
    if server.is_none() && !session.failed() {
        writer.write(&session, report);
    }

    let (mut watcher, mut receiver) =
        Watcher::start(session.config(), options.poll).map_err(PreviewError::Watch)?;
    report(Event::Watching(watcher.root()));
    let mut problems = Vec::new();
    loop {
        // A batch sent from here on stops the deferred work, which leaves the
        // rest for the next idle moment.
        watcher.forget_sent();
        let timeout = session.has_deferred().then_some(IDLE);
        let batch = match next_batch(&receiver, &mut problems, timeout) {
            Wait::Changed(batch) => batch,
            Wait::Idle => {
                let rest = session.render_deferred(&watcher.stop_on_change());
                match &server {
                    Some((shared, _)) => {
                        publish(shared, &session, &rest);
                        if !rest.deferred {
                            shared.clear_pending();
                        }
                    }
                    None => {
                        writer.note(&rest);
                        if !session.failed() && !rest.deferred {
                            writer.write(&session, report);
                        }
                    }
                }
                if !rest.deferred {
                    report(Event::Deferred(&rest));
                }
                continue;
            }
            Wait::Stopped => break,
        };
        for problem in problems.drain(..).chain(watcher.refresh()) {
            report(Event::Problem(problem));
        }
        let rebuild = session.apply(&batch);
        if rebuild.kind == RebuildKind::Nothing {
            continue;
        }
        if rebuild.kind == RebuildKind::Everything && !rebuild.failed {
            // site.toml may name another theme or output folder: watch afresh.
            match Watcher::start(session.config(), options.poll) {
                Ok((next, next_receiver)) => {
                    watcher = next;
                    receiver = next_receiver;
                }
                Err(problem) => report(Event::Problem(problem)),
            }
        }
        match &server {
            Some((shared, reloader)) => {
                publish(shared, &session, &rebuild);
                if rebuild.deferred {
                    shared.set_pending(session.deferred_outputs());
                }
                if rebuild.needs_reload() {
                    reloader.reload();
                }
            }
            None => {
                writer.note(&rebuild);
                // The output folder is written once the deferred outputs are done too.
                if !session.failed() && !rebuild.deferred && rebuild.needs_reload() {
                    writer.write(&session, report);
                }
            }
        }
        report(Event::Rebuilt(&rebuild));
    }
    Err(PreviewError::Watch("the file watcher stopped".into()))
}

/// Serves everything the session has, and its errors.
fn publish_all(shared: &http::Shared, session: &Session) {
    let files: HashMap<String, crate::artifact::Contents> = session
        .outputs()
        .iter()
        .map(|(path, contents)| (path.clone(), contents.clone()))
        .collect();
    shared.replace_all(files);
    shared.set_errors(errors_of(&session.diagnostics()));
}

/// Serves what a rebuild changed, and the errors the handbook has now.
fn publish(shared: &http::Shared, session: &Session, rebuild: &Rebuild) {
    if rebuild.kind == RebuildKind::Everything {
        publish_all(shared, session);
        return;
    }
    let outputs = session.outputs();
    let changed = rebuild
        .changed
        .iter()
        .filter_map(|path| Some((path.clone(), outputs.get(path)?.clone())))
        .collect();
    shared.update(changed, &rebuild.removed);
    shared.set_errors(errors_of(&rebuild.diagnostics));
}

fn errors_of(
    diagnostics: &[crate::diagnostics::Diagnostic],
) -> Vec<crate::diagnostics::Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect()
}

/// Writes the output folder for `watch`, atomically as `build` does, but
/// writing only the files that changed since its last write: the others are
/// hard-linked from the folder being replaced.
#[derive(Default)]
struct OutputWriter {
    /// The output folder holds this session's last write.
    written: bool,
    /// Output paths changed or removed since then.
    changed: HashSet<String>,
}

impl OutputWriter {
    fn note(&mut self, rebuild: &Rebuild) {
        self.changed.extend(rebuild.changed.iter().cloned());
        self.changed.extend(rebuild.removed.iter().cloned());
        if rebuild.kind == RebuildKind::Everything {
            // site.toml may name another output folder.
            self.written = false;
        }
    }

    fn write(&mut self, session: &Session, report: &mut dyn FnMut(Event)) {
        let started = Instant::now();
        let output_dir: PathBuf = session.config().output_dir.clone();
        let written = self.written;
        let changed = &self.changed;
        let unchanged =
            |path: &std::path::Path| written && !changed.contains(path.to_string_lossy().as_ref());
        match write_site_reusing(&output_dir, &session.output_files(), &unchanged) {
            Ok(()) => {
                self.written = true;
                self.changed.clear();
                report(Event::Wrote {
                    output_dir: &output_dir,
                    ms: started.elapsed().as_millis(),
                });
            }
            Err(error) => {
                self.written = false;
                report(Event::Problem(error.to_string()));
            }
        }
    }
}
