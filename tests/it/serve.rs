//! `coachbook serve` and `coachbook watch` end to end: the binary runs on a
//! free port, files are saved the way editors save them (write a temporary
//! file, rename it over the page), and the test reads pages over HTTP and the
//! live-reload channel with a plain `TcpStream`. Every wait has a deadline,
//! so a hang fails the test instead of blocking the suite.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::support::Handbook;

/// Long enough for a debug build on a busy machine; a hang still fails.
const WAIT: Duration = Duration::from_secs(30);

/// A running `coachbook serve` or `watch`, stopped when dropped.
struct Preview {
    child: Child,
    port: u16,
    stdout: Receiver<String>,
    stderr: Receiver<String>,
    /// Everything printed so far.
    seen_out: Vec<String>,
    seen_err: Vec<String>,
}

fn lines_of(stream: impl Read + Send + 'static) -> Receiver<String> {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

impl Preview {
    fn start(handbook: &Handbook, command: &str, extra: &[&str]) -> Preview {
        let mut args = vec![command, "--root", handbook.root().to_str().unwrap()];
        if command == "serve" {
            args.extend(["--port", "0"]);
        }
        args.extend_from_slice(extra);
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("coachbook"))
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = lines_of(child.stdout.take().unwrap());
        let stderr = lines_of(child.stderr.take().unwrap());
        let mut preview = Preview {
            child,
            port: 0,
            stdout,
            stderr,
            seen_out: Vec::new(),
            seen_err: Vec::new(),
        };
        if command == "serve" {
            let line = preview.wait_for_line("serving the handbook at http://");
            let port = line
                .split("http://")
                .nth(1)
                .and_then(|rest| rest.split('/').next())
                .and_then(|addr| addr.rsplit(':').next())
                .and_then(|port| port.parse().ok())
                .unwrap_or_else(|| panic!("no port in {line:?}"));
            preview.port = port;
        }
        preview.wait_for_line("watching ");
        preview
    }

    /// Waits until standard output prints a line containing `text`.
    fn wait_for_line(&mut self, text: &str) -> String {
        let deadline = Instant::now() + WAIT;
        if let Some(line) = self.seen_out.iter().find(|l| l.contains(text)) {
            return line.clone();
        }
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) => {
                    self.seen_out.push(line.clone());
                    if line.contains(text) {
                        return line;
                    }
                }
                Err(_) => {
                    self.drain_stderr();
                    panic!(
                        "no line with {text:?} on stdout; stdout: {:#?}\nstderr: {:#?}",
                        self.seen_out, self.seen_err
                    )
                }
            }
        }
    }

    /// Waits until standard error has shown a line with `text`. Standard
    /// error is read on a thread of its own, so it may arrive after a line
    /// the program printed later on standard output.
    fn wait_for_stderr(&mut self, text: &str) {
        let deadline = Instant::now() + WAIT;
        while !self.seen_err.iter().any(|l| l.contains(text)) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stderr.recv_timeout(left) {
                Ok(line) => self.seen_err.push(line),
                Err(_) => panic!("no line with {text:?} on stderr: {:#?}", self.seen_err),
            }
        }
    }

    fn drain_stderr(&mut self) -> String {
        while let Ok(line) = self.stderr.try_recv() {
            self.seen_err.push(line);
        }
        self.seen_err.join("\n")
    }

    fn get(&self, path: &str) -> Response {
        http_get(self.port, path)
    }

    /// Opens the live-reload channel and waits for its first event.
    fn reload_channel(&self) -> EventStream {
        let mut stream = EventStream::open(self.port);
        stream.wait_for("event: init");
        stream
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
    }
}

/// One HTTP/1.1 GET of the raw `target` (sent as is, so `..` is not cleaned up).
fn http_get(port: u16, target: &str) -> Response {
    http_get_raw(port, target, &format!("127.0.0.1:{port}")).0
}

/// A GET with the given `Host` header: the response, and the body's raw bytes.
fn http_get_raw(port: u16, target: &str, host: &str) -> (Response, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let head_end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(raw.len(), |at| at + 4);
    let body_bytes = raw[head_end..].to_vec();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    let response = Response {
        status,
        head: head.to_string(),
        body,
    };
    (response, body_bytes)
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

/// The live-reload channel (server-sent events), read as raw text.
struct EventStream {
    stream: TcpStream,
    received: String,
}

impl EventStream {
    fn open(port: u16) -> EventStream {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "GET /_tower-livereload/event-stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        EventStream {
            stream,
            received: String::new(),
        }
    }

    /// Reads until `text` has arrived, failing after the deadline.
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + WAIT;
        let mut buffer = [0u8; 4096];
        while !self.received.contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "no {text:?} on the live-reload channel; got {:?}",
                self.received
            );
            self.stream.set_read_timeout(Some(left)).unwrap();
            match self.stream.read(&mut buffer) {
                Ok(0) => panic!("live-reload channel closed; got {:?}", self.received),
                Ok(n) => self
                    .received
                    .push_str(&String::from_utf8_lossy(&buffer[..n])),
                Err(error) => panic!("{error}; got {:?}", self.received),
            }
        }
    }
}

/// Saves like an editor's atomic save: a temporary file beside the page,
/// renamed over it.
fn atomic_save(path: &Path, text: &str) {
    let temporary = path.with_file_name(format!(
        ".{}.tmp-save",
        path.file_name().unwrap().to_string_lossy()
    ));
    fs::write(&temporary, text).unwrap();
    fs::rename(&temporary, path).unwrap();
}

fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nsummary: A page for the preview tests.\n---\n{body}\n")
}

fn handbook() -> Handbook {
    let handbook = Handbook::minimal();
    handbook.write(
        "content/guides/listening.md",
        page("Listening", "Listen before you speak."),
    );
    handbook.write(
        "content/guides/feedback.md",
        page("Giving feedback", "Say what you saw."),
    );
    handbook.write(
        "content/guides/_index.md",
        "---\ntitle: Guides\n---\nGuides.\n",
    );
    handbook
}

/// Polls `check` until it holds, failing after the deadline.
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_reloads_after_a_save_shows_errors_in_the_page_and_recovers() {
    let handbook = handbook();
    let mut preview = Preview::start(&handbook, "serve", &[]);

    let first = preview.get("/guides/listening/");
    assert_eq!(first.status, 200);
    assert!(first.body.contains("Listen before you speak."));
    assert!(
        first.body.contains("data-event-stream"),
        "served pages carry the live-reload script"
    );

    // A body edit, saved atomically: the new text is served and the page is told to reload.
    let mut channel = preview.reload_channel();
    let source = handbook.path("content/guides/listening.md");
    atomic_save(&source, &page("Listening", "Listen, then summarise."));
    channel.wait_for("event: reload");
    let edited = preview.get("/guides/listening/");
    assert!(
        edited.body.contains("Listen, then summarise."),
        "{}",
        edited.body
    );
    assert!(!edited.body.contains("role=\"alert\""));

    // Broken front matter: the last good page stays, with the error over it.
    let mut channel = preview.reload_channel();
    atomic_save(
        &source,
        "---\ntitle: Listening\nsumary: typo\n---\nListen, then summarise.\n",
    );
    channel.wait_for("event: reload");
    let broken = preview.get("/guides/listening/");
    assert_eq!(broken.status, 200);
    assert!(broken.body.contains("Listen, then summarise."));
    assert!(broken.body.contains("role=\"alert\""), "{}", broken.body);
    assert!(
        broken.body.contains(
            "content/guides/listening.md:3:1: error[unknown-field]: unknown field `sumary`"
        ),
        "{}",
        broken.body
    );
    assert!(broken.body.contains("did you mean `summary`?"));
    // Every page shows it, not only the broken one.
    assert!(preview.get("/").body.contains("role=\"alert\""));
    // The terminal shows the same diagnostic.
    preview.wait_for_line("rebuild failed with 1 error");
    preview.wait_for_stderr(
        "content/guides/listening.md:3:1: error[unknown-field]: unknown field `sumary`",
    );

    // Fixed: the overlay goes and the new text is served.
    let mut channel = preview.reload_channel();
    atomic_save(&source, &page("Listening", "Fixed and saved."));
    channel.wait_for("event: reload");
    let fixed = preview.get("/guides/listening/");
    assert!(fixed.body.contains("Fixed and saved."));
    assert!(!fixed.body.contains("role=\"alert\""), "{}", fixed.body);
}

#[test]
fn serve_follows_titles_new_pages_deleted_pages_and_templates() {
    let handbook = handbook();
    let preview = Preview::start(&handbook, "serve", &[]);

    // A title edit reaches the other pages' navigation.
    let mut channel = preview.reload_channel();
    atomic_save(
        &handbook.path("content/guides/feedback.md"),
        &page("Feedback that lands", "Say what you saw."),
    );
    channel.wait_for("event: reload");
    assert!(
        preview
            .get("/guides/listening/")
            .body
            .contains("Feedback that lands")
    );

    // A new page appears, in its section's listing too.
    let mut channel = preview.reload_channel();
    atomic_save(
        &handbook.path("content/guides/silence.md"),
        &page("Using silence", "Wait."),
    );
    channel.wait_for("event: reload");
    assert_eq!(preview.get("/guides/silence/").status, 200);
    assert!(preview.get("/guides/").body.contains("Using silence"));

    // A deleted page disappears from the navigation, and its URL is the handbook's 404.
    let mut channel = preview.reload_channel();
    fs::remove_file(handbook.path("content/guides/silence.md")).unwrap();
    channel.wait_for("event: reload");
    let gone = preview.get("/guides/silence/");
    assert_eq!(gone.status, 404);
    assert!(gone.body.contains("Page not found"));
    assert!(!preview.get("/guides/").body.contains("Using silence"));

    // A folder moved away takes its pages with it.
    let mut channel = preview.reload_channel();
    fs::rename(
        handbook.path("content/guides"),
        handbook.path("content/skills"),
    )
    .unwrap();
    channel.wait_for("event: reload");
    eventually("the moved folder to be served", || {
        preview.get("/skills/listening/").status == 200
    });
    assert_eq!(preview.get("/guides/listening/").status, 404);

    // A template override changes every page.
    let mut channel = preview.reload_channel();
    handbook.write(
        "templates/404.html",
        "<!doctype html><html><body><p>Lost in the handbook</p></body></html>",
    );
    channel.wait_for("event: reload");
    assert!(
        preview
            .get("/nowhere/")
            .body
            .contains("Lost in the handbook")
    );
}

#[test]
fn serve_never_serves_a_file_outside_the_output() {
    let handbook = handbook();
    handbook.write("secret.txt", "top secret");
    let preview = Preview::start(&handbook, "serve", &[]);
    for target in [
        "/../secret.txt",
        "/../site.toml",
        "/guides/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsite.toml",
        "/guides/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/secret.txt",
        "/content/guides/listening.md",
        &format!("/{}", handbook.path("secret.txt").display()),
        "http://127.0.0.1/../secret.txt",
    ] {
        let response = preview.get(target);
        assert_eq!(response.status, 404, "{target}: {}", response.head);
        assert!(!response.body.contains("top secret"), "{target}");
        assert!(!response.body.contains("title = "), "{target}");
        assert!(response.body.contains("Page not found"), "{target}");
    }
    // Content types come from the extension; folders redirect to their slash.
    let css = preview.get("/coachbook.css");
    assert_eq!(css.status, 200);
    assert_eq!(
        css.header("content-type").unwrap(),
        "text/css; charset=utf-8"
    );
    let redirect = preview.get("/guides");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location").unwrap(), "/guides/");
}

#[test]
fn serve_answers_only_requests_for_this_computer() {
    let handbook = handbook();
    let preview = Preview::start(&handbook, "serve", &[]);
    let port = preview.port;
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
    ] {
        for target in ["/", "/coachbook.css", "/_tower-livereload/event-stream"] {
            let (response, _) = http_get_raw(port, target, &host);
            assert_eq!(response.status, 403, "{host} {target}: {}", response.head);
            assert!(!response.body.contains("<html"), "{host} {target}");
        }
    }
    for host in [
        format!("localhost:{port}"),
        "localhost".to_string(),
        format!("127.0.0.1:{port}"),
        format!("127.0.0.2:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (response, _) = http_get_raw(port, "/", &host);
        assert_eq!(response.status, 200, "{host}: {}", response.head);
    }
}

#[test]
fn serve_reports_files_on_generated_paths_and_recovers_when_they_go() {
    let handbook = handbook();
    let preview = Preview::start(&handbook, "serve", &[]);
    let overlay = |needle: &str| {
        let body = preview.get("/guides/listening/").body;
        body.contains("role=\"alert\"") && body.contains(needle)
    };
    for (file, text, message) in [
        (
            "content/print.md",
            page("Print", "Mine."),
            "content/print.md:1:1: error[output-collision]: `print/index.html` would be written twice",
        ),
        (
            "static/404.html",
            "mine".to_string(),
            "static/404.html:1:1: error[output-collision]: `404.html` would be written twice",
        ),
    ] {
        let path = handbook.path(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        atomic_save(&path, &text);
        eventually(message, || overlay(message));
        fs::remove_file(&path).unwrap();
        eventually("the overlay to go", || !overlay("error["));
        let print = preview.get("/print/");
        assert_eq!(print.status, 200);
        assert!(print.body.contains("The whole handbook"), "{}", print.body);
        assert!(preview.get("/nowhere/").body.contains("Page not found"));
    }
}

#[test]
fn serve_streams_a_large_static_file_whole() {
    let handbook = handbook();
    // 3 MB that are not one byte repeated, so a lost or reordered chunk shows.
    let big: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    handbook.write("static/big.bin", &big);
    let preview = Preview::start(&handbook, "serve", &[]);
    let port = preview.port;
    let (response, body) = http_get_raw(port, "/big.bin", &format!("localhost:{port}"));
    assert_eq!(response.status, 200, "{}", response.head);
    assert_eq!(
        response.header("content-length").as_deref(),
        Some("3000000")
    );
    assert_eq!(
        response.header("content-type").as_deref(),
        Some("application/octet-stream")
    );
    assert!(body == big, "the file arrives as it is on disk");
}

#[test]
fn serve_survives_editor_temporaries_vim_and_jetbrains_saves() {
    let handbook = handbook();
    let mut preview = Preview::start(&handbook, "serve", &[]);
    let folder = handbook.path("content/guides");
    // Swap and backup files and JetBrains' safe-write files are not pages.
    fs::write(folder.join(".listening.md.swp"), "binary junk").unwrap();
    fs::write(folder.join("listening.md~"), "old").unwrap();
    fs::write(folder.join("4913"), "").unwrap();
    fs::write(folder.join("listening.md___jb_tmp___"), "half").unwrap();
    // Vim without backupcopy: the original is renamed away, a new file written.
    let mut channel = preview.reload_channel();
    fs::rename(folder.join("listening.md"), folder.join("listening.md~")).unwrap();
    fs::write(
        folder.join("listening.md"),
        page("Listening", "Saved by vim."),
    )
    .unwrap();
    channel.wait_for("event: reload");
    eventually("the vim save to be served", || {
        preview
            .get("/guides/listening/")
            .body
            .contains("Saved by vim.")
    });
    // JetBrains' safe write: a temporary file, the original renamed aside,
    // the temporary renamed into place, the original deleted.
    let mut channel = preview.reload_channel();
    let original = folder.join("feedback.md");
    fs::write(
        folder.join("feedback.md___jb_tmp___"),
        page("Giving feedback", "Saved safely."),
    )
    .unwrap();
    fs::rename(&original, folder.join("feedback.md___jb_old___")).unwrap();
    fs::rename(folder.join("feedback.md___jb_tmp___"), &original).unwrap();
    fs::remove_file(folder.join("feedback.md___jb_old___")).unwrap();
    channel.wait_for("event: reload");
    eventually("the safe write to be served", || {
        preview
            .get("/guides/feedback/")
            .body
            .contains("Saved safely.")
    });
    let listing = preview.get("/guides/");
    assert!(!listing.body.contains("swp"));
    assert!(!listing.body.contains("jb_"));
    assert_eq!(preview.get("/guides/4913/").status, 404);
    assert!(preview.drain_stderr().lines().all(|l| !l.contains("error")));
    assert!(preview.child.try_wait().unwrap().is_none(), "still running");
}

#[test]
fn serve_starts_with_content_errors_and_serves_once_they_are_fixed() {
    let handbook = handbook();
    handbook.write("content/guides/feedback.md", "---\ntitle: [unclosed\n---\n");
    let preview = Preview::start(&handbook, "serve", &[]);
    let home = preview.get("/");
    assert_eq!(home.status, 404);
    assert!(home.body.contains("role=\"alert\""));
    assert!(
        home.body
            .contains("content/guides/feedback.md:3:1: error[yaml-syntax]: invalid YAML"),
        "{}",
        home.body
    );
    assert!(home.body.contains("There is no good build yet"));
    let mut channel = preview.reload_channel();
    atomic_save(
        &handbook.path("content/guides/feedback.md"),
        &page("Feedback", "Now it builds."),
    );
    channel.wait_for("event: reload");
    let fixed = preview.get("/guides/feedback/");
    assert_eq!(fixed.status, 200);
    assert!(fixed.body.contains("Now it builds."));
}

#[test]
fn serve_without_site_toml_exits_with_usage_error() {
    let handbook = Handbook::empty();
    let run = handbook.run(&[
        "serve",
        "--root",
        handbook.root().to_str().unwrap(),
        "--port",
        "0",
    ]);
    run.code(2);
    assert!(run.stderr.contains("no site.toml"), "{}", run.stderr);
}

#[test]
fn serve_warns_when_listening_beyond_this_computer() {
    let handbook = handbook();
    let mut preview = Preview::start(&handbook, "serve", &["--bind", "0.0.0.0"]);
    assert_eq!(preview.get("/").status, 200);
    eventually("the warning", || {
        preview
            .drain_stderr()
            .contains("warning: listening on 0.0.0.0: other computers on the network")
    });
}

#[test]
fn watch_writes_the_output_folder_after_each_save() {
    let handbook = handbook();
    let mut preview = Preview::start(&handbook, "watch", &[]);
    preview.wait_for_line("wrote ");
    assert!(
        handbook
            .read("guides/listening/")
            .contains("Listen before you speak.")
    );
    atomic_save(
        &handbook.path("content/guides/listening.md"),
        &page("Listening", "Written by watch."),
    );
    // The output folder is swapped whole, so for a moment it may be missing.
    eventually("the output to change", || {
        fs::read_to_string(handbook.output_path("guides/listening/"))
            .is_ok_and(|page| page.contains("Written by watch."))
    });
    // The output never carries the live-reload script.
    assert!(!handbook.read("guides/listening/").contains("event-stream"));
    // Pages that did not change are still there, whole.
    assert!(
        handbook
            .read("guides/feedback/")
            .contains("Say what you saw.")
    );
    assert!(handbook.read("print/").contains("Say what you saw."));
    // A broken page leaves the output as it was.
    atomic_save(
        &handbook.path("content/guides/listening.md"),
        "---\ntitle: [unclosed\n---\n",
    );
    preview.wait_for_line("rebuild failed");
    assert!(
        handbook
            .read("guides/listening/")
            .contains("Written by watch.")
    );
}

#[test]
fn serve_with_poll_follows_saves_too() {
    let handbook = handbook();
    let preview = Preview::start(&handbook, "serve", &["--poll"]);
    let mut channel = preview.reload_channel();
    atomic_save(
        &handbook.path("content/guides/feedback.md"),
        &page("Giving feedback", "Polled and found."),
    );
    channel.wait_for("event: reload");
    assert!(
        preview
            .get("/guides/feedback/")
            .body
            .contains("Polled and found.")
    );
}

#[test]
fn serve_builds_the_edition_it_is_asked_for() {
    let handbook = handbook();
    handbook.write(
        "site.toml",
        "title = \"Test Handbook\"\n[editions.participant]\naudience = \"participant\"\n",
    );
    handbook.write(
        "content/guides/notes.md",
        "---\ntitle: Trainer notes\nsummary: For trainers.\naudience: facilitator\n---\nOnly for trainers.\n",
    );
    let preview = Preview::start(&handbook, "serve", &["--edition", "participant"]);
    assert_eq!(preview.get("/guides/notes/").status, 404);
    assert!(!preview.get("/guides/").body.contains("Trainer notes"));
}

#[test]
fn serve_leaves_out_what_the_edition_leaves_out_of_a_build() {
    let handbook = Handbook::fixture("editions/markers");
    let preview = Preview::start(&handbook, "serve", &["--edition", "participant"]);
    for path in [
        "/guides/trainer-kit/handout.txt",
        "/guides/trainer-kit/diagram.svg",
        "/trainers/marker-slides.txt",
        "/scenarios/feedback/roles/coach/",
    ] {
        assert_eq!(preview.get(path).status, 404, "{path}");
    }
    let scenario = preview.get("/scenarios/feedback/");
    assert_eq!(scenario.status, 200);
    assert!(!scenario.body.contains("MARKER"), "{}", scenario.body);
}

#[test]
fn serve_follows_summary_md_and_its_edits() {
    let handbook = Handbook::fixture("mdbook/book");
    let preview = Preview::start(&handbook, "serve", &[]);
    let home = preview.get("/").body;
    assert!(home.contains("nav-part"), "{home}");
    assert!(home.contains("Listening well"), "{home}");
    assert_eq!(preview.get("/summary/").status, 404);

    // Moving a chapter in SUMMARY.md moves it in the reading order.
    let summary = fs::read_to_string(handbook.path("content/SUMMARY.md")).unwrap();
    let mut channel = preview.reload_channel();
    atomic_save(
        &handbook.path("content/SUMMARY.md"),
        &summary.replace(
            "[Introduction](README.md)",
            "[Introduction](README.md)\n\n[Further reading](reading.md)",
        ),
    );
    channel.wait_for("event: reload");
    let next = |body: &str| {
        body.split("rel=\"next\"")
            .nth(1)
            .and_then(|rest| rest.split("href=\"").nth(1))
            .map(|rest| rest.split('"').next().unwrap_or("").to_string())
    };
    eventually("the new reading order", || {
        next(&preview.get("/").body).as_deref() == Some("reading/")
    });
}

#[test]
fn serve_reports_problems_after_an_include_at_the_lines_of_the_file() {
    let handbook = Handbook::fixture("mdbook/book");
    handbook.write(
        "content/reading.md",
        "# Further reading\n\n```text\n{{#include snippets/script.txt}}\n```\n\nSee [nothing](nothing.md).\n\n{{#include snippets/none.md}}\n",
    );
    let mut preview = Preview::start(&handbook, "serve", &[]);
    eventually("both problems at their own lines", || {
        let stderr = preview.drain_stderr();
        stderr.contains("content/reading.md:7:") && stderr.contains("content/reading.md:9:")
    });
}

#[test]
fn serve_treats_a_translation_like_any_page() {
    let handbook = Handbook::fixture("languages/handbook");
    let preview = Preview::start(&handbook, "serve", &[]);
    let german = preview.get("/de/guides/listening/");
    assert_eq!(german.status, 200);
    assert!(german.body.contains("lang=\"de\""), "{}", german.body);
    assert!(german.body.contains("Aktives Zuhören"));
    assert_eq!(preview.get("/guides/listening-de/").status, 404);

    // An edit of the translation reloads it.
    let path = handbook.path("content/guides/listening.de.md");
    let text = fs::read_to_string(&path).unwrap();
    let mut channel = preview.reload_channel();
    atomic_save(
        &path,
        &text.replace("Aktives Zuhören", "Aufmerksames Zuhören"),
    );
    channel.wait_for("event: reload");
    eventually("the edited translation", || {
        preview
            .get("/de/guides/listening/")
            .body
            .contains("Aufmerksames Zuhören")
    });
    assert!(
        !preview
            .get("/guides/listening/")
            .body
            .contains("Aufmerksames")
    );

    // A new translation appears in its language, with its alternates.
    handbook.write(
        "content/guides/feedback.de.md",
        "---\ntitle: Feedback geben\nsummary: Feedback, das hilft.\n---\nSituation, Verhalten, Wirkung.\n",
    );
    eventually("the new translation", || {
        preview.get("/de/guides/feedback/").status == 200
            && preview
                .get("/guides/feedback/")
                .body
                .contains("hreflang=\"de\"")
    });
}
