//! File events → changed paths → what kind of change each is.
//!
//! We watch folders, not files: editors save by writing a temporary file and
//! renaming it over the original, which replaces the file a file watch would
//! follow. The handbook root is watched on its own (for `site.toml`), and
//! `content/`, `static/`, `templates/` and `themes/` with everything below
//! them. Events are debounced (one burst of saves is one batch), editor
//! temporaries are dropped, and paths are de-duplicated. A folder created
//! after the start (a first `static/`) is watched as soon as it appears.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer_opt,
};

use crate::config::{CONFIG_FILE, Config};
use crate::discover::is_ignored_name;
use crate::stop::Stop;

/// How long a path must stay quiet before its events are delivered.
/// Editors finish an atomic save (write a temporary file, rename it over the
/// page) within a few milliseconds; a straggling event only costs a second,
/// equally quick rebuild. Every millisecond here is one the author waits.
pub const DEBOUNCE: Duration = Duration::from_millis(15);
/// How often the debouncer looks for quiet paths.
const TICK: Duration = Duration::from_millis(3);
/// How often the polling watcher looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// What a changed path is to the handbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// `site.toml`.
    Config,
    /// A template of the site or of the theme.
    Template,
    /// A static file of the site or of the theme.
    Static,
    /// Anything under `content/`: pages, section indexes, assets.
    Content,
    /// Not something the output depends on: editor temporaries, hidden
    /// files, the output folder, other themes, files beside `site.toml`.
    Ignored,
}

/// Classifies an absolute path under the handbook root.
pub fn classify(config: &Config, path: &Path) -> ChangeKind {
    let Ok(rel) = path.strip_prefix(&config.root) else {
        return ChangeKind::Ignored;
    };
    let ignored = rel
        .components()
        .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()));
    if ignored || rel.as_os_str().is_empty() || path.starts_with(&config.output_dir) {
        return ChangeKind::Ignored;
    }
    let theme = config.theme_dir();
    // The theme's words reach every page, as site.toml does.
    if rel == Path::new(CONFIG_FILE) || rel.starts_with(crate::i18n::FOLDER) {
        ChangeKind::Config
    } else if path.starts_with(&config.content_dir) {
        ChangeKind::Content
    } else if path.starts_with(&config.static_dir) || path.starts_with(theme.join("static")) {
        ChangeKind::Static
    } else if path.starts_with(&config.templates_dir)
        || path.starts_with(&theme)
        || path == config.root.join("themes")
    {
        ChangeKind::Template
    } else {
        ChangeKind::Ignored
    }
}

/// What the watcher reports.
#[derive(Debug)]
pub enum WatchEvent {
    /// A batch of changed paths, de-duplicated and sorted.
    Changed(Vec<PathBuf>),
    /// The watcher had a problem (it keeps going).
    Error(String),
}

enum Inner {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    inner: Inner,
    /// Raised whenever a batch of changes is sent.
    sent: Arc<AtomicBool>,
    root: PathBuf,
    /// Folders watched with everything below them.
    folders: Vec<PathBuf>,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Forgets the batches sent so far, before waiting for the next.
    pub fn forget_sent(&self) {
        self.sent.store(false, Ordering::Relaxed);
    }

    /// Asks work to stop once a batch was sent since [`Watcher::forget_sent`].
    pub fn stop_on_change(&self) -> Stop<'_> {
        Stop::when(&self.sent)
    }

    /// Watches the handbook of `config`. With `poll`, files are compared at an
    /// interval instead of waiting for the system's notices (network drives, WSL).
    pub fn start(config: &Config, poll: bool) -> Result<(Watcher, Receiver<WatchEvent>), String> {
        let (sender, receiver) = channel();
        let sent = Arc::new(AtomicBool::new(false));
        let raise = Arc::clone(&sent);
        let handler = move |result: DebounceEventResult| forward(&sender, &raise, result);
        let inner = if poll {
            let notify_config = notify::Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(true);
            Inner::Poll(
                new_debouncer_opt(DEBOUNCE, Some(TICK), handler, NoCache, notify_config)
                    .map_err(|e| e.to_string())?,
            )
        } else {
            Inner::Native(
                new_debouncer_opt(
                    DEBOUNCE,
                    Some(TICK),
                    handler,
                    RecommendedCache::new(),
                    notify::Config::default(),
                )
                .map_err(|e| e.to_string())?,
            )
        };
        let mut watcher = Watcher {
            inner,
            sent,
            root: config.root.clone(),
            folders: vec![
                config.content_dir.clone(),
                config.static_dir.clone(),
                config.templates_dir.clone(),
                config.root.join("themes"),
                config.root.join(crate::i18n::FOLDER),
            ],
            watched: BTreeSet::new(),
        };
        watcher.watch(&config.root.clone(), RecursiveMode::NonRecursive)?;
        watcher.refresh();
        Ok((watcher, receiver))
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> Result<(), String> {
        let result = match &mut self.inner {
            Inner::Native(debouncer) => debouncer.watch(path, mode),
            Inner::Poll(debouncer) => debouncer.watch(path, mode),
        };
        result.map_err(|e| format!("could not watch {}: {e}", path.display()))?;
        self.watched.insert(path.to_path_buf());
        Ok(())
    }

    /// Watches the folders that exist now and were not watched yet (a folder
    /// created, or moved back, after the start). Returns problems, if any.
    pub fn refresh(&mut self) -> Vec<String> {
        let mut problems = Vec::new();
        for folder in self.folders.clone() {
            if folder.is_dir() && !self.watched.contains(&folder) {
                if let Err(problem) = self.watch(&folder, RecursiveMode::Recursive) {
                    problems.push(problem);
                }
            } else if !folder.is_dir() && self.watched.remove(&folder) {
                // The folder went away; its watch went with it.
                let _ = match &mut self.inner {
                    Inner::Native(debouncer) => debouncer.unwatch(&folder),
                    Inner::Poll(debouncer) => debouncer.unwatch(&folder),
                };
            }
        }
        problems
    }

    /// The handbook root being watched.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// Turns one debounced batch into changed paths, dropping editor temporaries.
fn forward(sender: &Sender<WatchEvent>, sent: &AtomicBool, result: DebounceEventResult) {
    match result {
        Ok(events) => {
            let paths: BTreeSet<PathBuf> = events
                .iter()
                .filter(|event| !event.kind.is_access())
                .flat_map(|event| event.paths.iter())
                .filter(|path| {
                    !path
                        .file_name()
                        .is_some_and(|name| is_ignored_name(&name.to_string_lossy()))
                })
                .cloned()
                .collect();
            if !paths.is_empty() {
                sent.store(true, Ordering::Relaxed);
                let _ = sender.send(WatchEvent::Changed(paths.into_iter().collect()));
            }
        }
        Err(errors) => {
            for error in errors {
                let _ = sender.send(WatchEvent::Error(error.to_string()));
            }
        }
    }
}

/// What waiting for changes ended with.
#[derive(Debug, PartialEq, Eq)]
pub enum Wait {
    /// A batch of changed paths.
    Changed(Vec<PathBuf>),
    /// Nothing changed within the time given.
    Idle,
    /// The watcher stopped.
    Stopped,
}

/// Waits for the next batch (at most `timeout`, if given), then gathers any
/// batches already queued behind it, so one burst of saves is one rebuild.
/// Watcher problems met on the way are added to `errors`.
pub fn next_batch(
    receiver: &Receiver<WatchEvent>,
    errors: &mut Vec<String>,
    timeout: Option<Duration>,
) -> Wait {
    let deadline = timeout.map(|t| std::time::Instant::now() + t);
    let mut paths = BTreeSet::new();
    loop {
        let event = match deadline {
            None => receiver.recv().map_err(|_| Wait::Stopped),
            Some(deadline) => {
                let left = deadline.saturating_duration_since(std::time::Instant::now());
                receiver.recv_timeout(left).map_err(|error| match error {
                    std::sync::mpsc::RecvTimeoutError::Timeout => Wait::Idle,
                    std::sync::mpsc::RecvTimeoutError::Disconnected => Wait::Stopped,
                })
            }
        };
        match event {
            Ok(WatchEvent::Changed(changed)) => {
                paths.extend(changed);
                break;
            }
            Ok(WatchEvent::Error(error)) => errors.push(error),
            Err(wait) => return wait,
        }
    }
    while let Ok(event) = receiver.try_recv() {
        match event {
            WatchEvent::Changed(changed) => paths.extend(changed),
            WatchEvent::Error(error) => errors.push(error),
        }
    }
    Wait::Changed(paths.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        crate::config::parse_config(Path::new("/h"), "title = \"H\"\ntheme = \"plain\"\n")
            .expect("valid config")
    }

    fn check(path: &str, expected: ChangeKind) {
        assert_eq!(classify(&config(), Path::new(path)), expected, "{path}");
    }

    #[test]
    fn changes_are_classified_by_where_they_happen() {
        check("/h/site.toml", ChangeKind::Config);
        check("/h/i18n/de.toml", ChangeKind::Config);
        check("/h/content/guides/a.md", ChangeKind::Content);
        check("/h/content/guides/diagram.png", ChangeKind::Content);
        check("/h/content", ChangeKind::Content);
        check("/h/static/logo.svg", ChangeKind::Static);
        check("/h/themes/plain/static/site.css", ChangeKind::Static);
        check("/h/templates/guide.html", ChangeKind::Template);
        check("/h/themes/plain/templates/base.html", ChangeKind::Template);
        check("/h/themes/plain", ChangeKind::Template);
    }

    #[test]
    fn editor_temporaries_output_and_unrelated_files_are_ignored() {
        check("/h/content/guides/.a.md.swp", ChangeKind::Ignored);
        check("/h/content/guides/a.md~", ChangeKind::Ignored);
        check("/h/content/guides/4913", ChangeKind::Ignored);
        check("/h/content/guides/a.md___jb_tmp___", ChangeKind::Ignored);
        check("/h/content/guides/a.md___jb_old___", ChangeKind::Ignored);
        check("/h/content/.git/index", ChangeKind::Ignored);
        check("/h/public/index.html", ChangeKind::Ignored);
        check("/h/.public.staging-12/index.html", ChangeKind::Ignored);
        check("/h/README.md", ChangeKind::Ignored);
        check("/h/themes/other/templates/base.html", ChangeKind::Ignored);
        check("/elsewhere/site.toml", ChangeKind::Ignored);
        check("/h", ChangeKind::Ignored);
    }
}
