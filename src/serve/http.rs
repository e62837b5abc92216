//! The preview server: the last good build, served from memory, with live
//! reload and an error overlay.
//!
//! It answers only requests whose `Host` is this computer by a loopback name
//! or the address it listens on (403 otherwise), so a web page whose domain
//! name an attacker points at 127.0.0.1 (DNS rebinding) cannot read the
//! preview.
//!
//! A request path is percent-decoded, split into segments, and refused if any
//! segment is `..`; what is left is only ever a key looked up in the map of
//! output paths, so no request can reach a file outside the output, however it
//! is encoded. Generated pages are bytes in memory; copied files (assets,
//! static files) are streamed from the source path the build listed, never
//! read whole, so large downloads cost a buffer each. A folder URL
//! serves its `index.html`; a folder URL without its slash is redirected to
//! it, so relative links work; anything else gets the handbook's `404.html`
//! with status 404.
//!
//! `tower-livereload` adds its small script to HTML responses of this server
//! only (never to `build` output) and holds a server-sent events channel that
//! tells the pages to reload. While the handbook has errors, every HTML
//! response also gets an overlay listing them.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::net::IpAddr;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, Response, StatusCode, Uri, header};
use axum::middleware::{Next, from_fn_with_state};
use tokio::io::AsyncReadExt;
use tower_livereload::{LiveReloadLayer, Reloader};

use super::session::Deferred;
use crate::artifact::Contents;
use crate::diagnostics::Diagnostic;

/// What the server serves: the last good output and the current errors.
#[derive(Default)]
struct Published {
    files: HashMap<String, Contents>,
    errors: Vec<Diagnostic>,
    /// Outputs being rendered again right now; requests for them wait.
    pending: HashSet<String>,
    /// While every view is checked again: the outputs that are already fresh
    /// (requests for any other path, even one not found yet, wait).
    pending_all_but: Option<HashSet<String>>,
}

impl Published {
    fn is_pending(&self, found: &Lookup) -> bool {
        match (found, &self.pending_all_but) {
            (Lookup::File(key), Some(fresh)) => !fresh.contains(key),
            (Lookup::NotFound, Some(_)) => true,
            (Lookup::File(key), None) => self.pending.contains(key),
            _ => false,
        }
    }
}

/// The server's view of the build, shared with the rebuild loop.
pub struct Shared {
    state: RwLock<Published>,
    /// Bumped whenever pending outputs are ready.
    settled: tokio::sync::watch::Sender<u64>,
}

impl Shared {
    pub fn new() -> Arc<Shared> {
        Arc::new(Shared {
            state: RwLock::new(Published::default()),
            settled: tokio::sync::watch::Sender::new(0),
        })
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Published> {
        // A panic while holding the lock cannot leave the map half-changed in a
        // way that matters more than stopping the preview would.
        self.state.write().unwrap_or_else(|e| e.into_inner())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Published> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Serves exactly `files` from now on.
    pub fn replace_all(&self, files: HashMap<String, Contents>) {
        self.write().files = files;
    }

    /// Puts changed outputs in place and drops removed ones.
    pub fn update(&self, changed: Vec<(String, Contents)>, removed: &[String]) {
        let mut state = self.write();
        for path in removed {
            state.files.remove(path);
        }
        state.files.extend(changed);
    }

    /// The errors to show over every page (none: no overlay).
    pub fn set_errors(&self, errors: Vec<Diagnostic>) {
        self.write().errors = errors;
    }

    /// Marks outputs that are being rendered again; requests for them wait.
    pub fn set_pending(&self, deferred: Deferred) {
        let mut state = self.write();
        match deferred {
            Deferred::Nothing => {}
            Deferred::Paths(paths) => state.pending.extend(paths),
            Deferred::AllBut(fresh) => state.pending_all_but = Some(fresh.into_iter().collect()),
        }
    }

    /// Lets requests for pending outputs go on.
    pub fn clear_pending(&self) {
        let mut state = self.write();
        state.pending.clear();
        state.pending_all_but = None;
        drop(state);
        self.settled.send_modify(|generation| *generation += 1);
    }
}

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// An output path (a key of the map).
    File(String),
    /// A folder requested without its trailing slash: where to redirect.
    Redirect(String),
    NotFound,
}

/// The segments of a raw (percent-encoded) request path, or `None` if it
/// tries to leave the output (`..`, encoded or not), or is not valid UTF-8,
/// or holds a NUL or a backslash.
pub fn request_segments(raw: &str) -> Option<Vec<String>> {
    let decoded = percent_decode(raw)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            other => segments.push(other.to_string()),
        }
    }
    Some(segments)
}

fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Percent-encodes a path for a `Location` header, keeping `/` and unreserved characters.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Maps a raw request path to an output path, given which output paths exist.
pub fn lookup(raw: &str, exists: impl Fn(&str) -> bool) -> Lookup {
    let Some(segments) = request_segments(raw) else {
        return Lookup::NotFound;
    };
    let key = segments.join("/");
    let index = if key.is_empty() {
        "index.html".to_string()
    } else {
        format!("{key}/index.html")
    };
    if key.is_empty() || raw.ends_with('/') {
        return if exists(&index) {
            Lookup::File(index)
        } else {
            Lookup::NotFound
        };
    }
    if exists(&key) {
        Lookup::File(key)
    } else if exists(&index) {
        Lookup::Redirect(percent_encode(&format!("/{key}/")))
    } else {
        Lookup::NotFound
    }
}

/// The host part of a `Host` header value: `[::1]:8000` → `::1`,
/// `localhost:8000` → `localhost`. `None` when the port is not a number.
fn host_name(host: &str) -> Option<&str> {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => {
            let (name, after) = rest.split_once(']')?;
            let port = match after {
                "" => None,
                after => Some(after.strip_prefix(':')?),
            };
            (name, port)
        }
        None => match host.rsplit_once(':') {
            // More than one colon without brackets is not a host and port.
            Some((name, _)) if name.contains(':') => return None,
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        },
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    port_ok.then_some(name)
}

/// Whether a request with this `Host` header is for this computer: a
/// loopback name or address, or the address the server listens on. When it
/// listens on every address (`--bind 0.0.0.0`), any IP address is accepted:
/// DNS rebinding needs a domain name, and the network's other computers
/// reach the preview by address.
pub fn host_allowed(host: &str, bound: IpAddr) -> bool {
    let Some(name) = host_name(host) else {
        return false;
    };
    if name.eq_ignore_ascii_case("localhost") || name.eq_ignore_ascii_case("localhost.") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => {
            let ip = ip.to_canonical();
            ip.is_loopback() || ip == bound.to_canonical() || bound.is_unspecified()
        }
        Err(_) => false,
    }
}

/// Refuses, with 403, every request whose `Host` is not this computer (see [`host_allowed`]).
async fn check_host(State(bound): State<IpAddr>, request: Request, next: Next) -> Response<Body> {
    let allowed = host_header(request.headers()).is_some_and(|host| host_allowed(host, bound));
    if allowed {
        next.run(request).await
    } else {
        response(
            StatusCode::FORBIDDEN,
            "text/plain; charset=utf-8",
            b"this preview answers only requests for localhost\n".to_vec(),
        )
    }
}

fn host_header(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::HOST)?.to_str().ok()
}

/// The content type of an output path, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml",
        "txt" | "gift" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "wasm" => "application/wasm",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// The overlay listing build errors, as the terminal shows them.
/// `last_good` says whether the page under it comes from an earlier good build.
pub fn error_overlay(errors: &[Diagnostic], last_good: bool) -> String {
    let count = errors.len();
    let mut text = String::new();
    for error in errors {
        let _ = write!(text, "{error}");
        text.push('\n');
    }
    // The panel keeps to the lower part of the screen and scrolls; its lines
    // never wrap, so each caret stays under its column. A button and Escape
    // hide it until the next reload.
    format!(
        concat!(
            "<div id=\"coachbook-build-errors\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;",
            "max-height:40vh;overflow:auto;z-index:2147483647;margin:0;padding:.75rem 1rem;",
            "background:#2a1215;color:#fde8e8;border-top:4px solid #e5484d;",
            "font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left\">",
            "<button type=\"button\" id=\"coachbook-build-errors-close\" aria-label=\"Hide the build errors\" ",
            "style=\"float:right;min-width:2.75rem;min-height:2.75rem;margin:0 0 .5rem .75rem;font:inherit;font-size:20px;",
            "color:inherit;background:#4a1d22;border:1px solid #e5484d;border-radius:6px;cursor:pointer\">×</button>",
            "<p style=\"margin:0 0 .75rem;font-weight:bold\">The handbook did not build: {count} error{plural}. ",
            "{under} Fix the file and save: this page reloads by itself.</p>",
            "<pre style=\"margin:0;white-space:pre;overflow-x:auto;font:inherit;color:inherit;background:none\">{text}</pre>",
            "<script>(function(){{var o=document.getElementById(\"coachbook-build-errors\");",
            "function hide(){{o.hidden=true;o.style.display=\"none\";}}",
            "document.getElementById(\"coachbook-build-errors-close\").addEventListener(\"click\",hide);",
            "document.addEventListener(\"keydown\",function(e){{if(e.key===\"Escape\")hide();}});}})();</script></div>"
        ),
        count = count,
        plural = if count == 1 { "" } else { "s" },
        under = if last_good {
            "This page is from the last good build."
        } else {
            "There is no good build yet."
        },
        text = crate::document::escaped_text(text.trim_end()),
    )
}

/// `html` with the overlay inserted before `</body>` (or appended).
fn with_overlay(html: Vec<u8>, overlay: &str) -> Vec<u8> {
    let lower = html.to_ascii_lowercase();
    let at = lower
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + overlay.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(overlay.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// A page for when there is not even a `404.html` (the first build failed).
const BARE_PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>coachbook</title></head><body><h1>Page not found</h1></body></html>";

fn response(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response<Body> {
    response_with(status, content_type, Body::from(body))
}

fn response_with(status: StatusCode, content_type: &'static str, body: Body) -> Response<Body> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// How much of a copied file one read takes while it is streamed.
const CHUNK: usize = 64 * 1024;

/// A copied file's body, read chunk by chunk as the client takes it, with its length.
fn stream_file(source: &std::path::Path) -> Option<(Body, u64)> {
    let file = std::fs::File::open(source).ok()?;
    let length = file.metadata().ok().filter(|m| m.is_file())?.len();
    let file = tokio::fs::File::from_std(file);
    // After a failed read the state is `None`, which ends the stream.
    let chunks = futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let mut buffer = vec![0; CHUNK];
        match file.read(&mut buffer).await {
            Ok(0) => None,
            Ok(n) => {
                buffer.truncate(n);
                Some((Ok(buffer), Some(file)))
            }
            Err(error) => Some((Err(error), None)),
        }
    });
    Some((Body::from_stream(chunks), length))
}

/// The bytes of an output, reading copied files from where the build found them.
fn bytes_of(contents: &Contents) -> Option<Vec<u8>> {
    match contents {
        Contents::Bytes(bytes) => Some(bytes.clone()),
        Contents::Embedded(bytes) => Some(bytes.to_vec()),
        Contents::Copy(source) => std::fs::read(source).ok(),
    }
}

async fn handle(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response<Body> {
    if method != Method::GET && method != Method::HEAD {
        let mut refused = response(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            b"only GET and HEAD\n".to_vec(),
        );
        refused
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return refused;
    }
    let raw = uri.path();
    let mut settled = shared.settled.subscribe();
    loop {
        let found = {
            let state = shared.read();
            let found = lookup(raw, |key| state.files.contains_key(key));
            (!state.is_pending(&found)).then_some(found)
        };
        match found {
            Some(found) => return respond(&shared, found),
            // Rendered again right now (the print page after an edit): wait for it.
            None => {
                if settled.changed().await.is_err() {
                    return respond(&shared, Lookup::NotFound);
                }
            }
        }
    }
}

fn respond(shared: &Shared, found: Lookup) -> Response<Body> {
    let state = shared.read();
    let (status, path, contents) = match found {
        Lookup::Redirect(location) => {
            let mut redirect = response(
                StatusCode::PERMANENT_REDIRECT,
                "text/plain; charset=utf-8",
                Vec::new(),
            );
            if let Ok(value) = HeaderValue::from_str(&location) {
                redirect.headers_mut().insert(header::LOCATION, value);
            }
            return redirect;
        }
        Lookup::File(path) => {
            let contents = state.files.get(&path);
            let kind = content_type(&path);
            // HTML may need the overlay, so it is read; anything else copied is streamed.
            let overlay = kind.starts_with("text/html") && !state.errors.is_empty();
            if let Some(Contents::Copy(source)) = contents
                && !overlay
                && let Some((body, length)) = stream_file(source)
            {
                let mut streamed = response_with(StatusCode::OK, kind, body);
                streamed
                    .headers_mut()
                    .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
                return streamed;
            }
            match contents.and_then(bytes_of) {
                Some(bytes) => (StatusCode::OK, path, bytes),
                None => not_found(&state),
            }
        }
        Lookup::NotFound => not_found(&state),
    };
    let kind = content_type(&path);
    let body = if kind.starts_with("text/html") && !state.errors.is_empty() {
        let last_good = !state.files.is_empty();
        with_overlay(contents, &error_overlay(&state.errors, last_good))
    } else {
        contents
    };
    response(status, kind, body)
}

fn not_found(state: &Published) -> (StatusCode, String, Vec<u8>) {
    let page = state
        .files
        .get("404.html")
        .and_then(bytes_of)
        .unwrap_or_else(|| BARE_PAGE.as_bytes().to_vec());
    (StatusCode::NOT_FOUND, "404.html".to_string(), page)
}

/// Starts serving on `listener` in a thread of its own. Returns the handle
/// that tells open pages to reload.
pub fn spawn(listener: std::net::TcpListener, shared: Arc<Shared>) -> std::io::Result<Reloader> {
    listener.set_nonblocking(true)?;
    let bound = listener.local_addr()?.ip();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    let live_reload = LiveReloadLayer::new();
    let reloader = live_reload.reloader();
    let app = Router::new()
        .fallback(handle)
        .with_state(shared)
        .layer(live_reload)
        // Outermost, so the live-reload channel is refused to other hosts too.
        .layer(from_fn_with_state(bound, check_host));
    std::thread::Builder::new()
        .name("coachbook-http".into())
        .spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                // The server runs until the process ends; an error here means the socket died.
                let _ = axum::serve(listener, app).await;
            });
        })?;
    Ok(reloader)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, files: &[&str], expected: Lookup) {
        assert_eq!(lookup(raw, |key| files.contains(&key)), expected, "{raw}");
    }

    const FILES: &[&str] = &[
        "index.html",
        "guides/index.html",
        "guides/listening/index.html",
        "coachbook.css",
        "404.html",
        "équipe/index.html",
    ];

    #[test]
    fn folders_serve_their_index_and_redirect_without_a_slash() {
        check("/", FILES, Lookup::File("index.html".into()));
        check("/guides/", FILES, Lookup::File("guides/index.html".into()));
        check("/guides", FILES, Lookup::Redirect("/guides/".into()));
        check(
            "/coachbook.css",
            FILES,
            Lookup::File("coachbook.css".into()),
        );
        check(
            "/%C3%A9quipe/",
            FILES,
            Lookup::File("équipe/index.html".into()),
        );
        check(
            "/%C3%A9quipe",
            FILES,
            Lookup::Redirect("/%C3%A9quipe/".into()),
        );
        check("/nope/", FILES, Lookup::NotFound);
        check(
            "//guides//listening/",
            FILES,
            Lookup::File("guides/listening/index.html".into()),
        );
    }

    #[test]
    fn traversal_in_any_encoding_never_leaves_the_output() {
        for raw in [
            "/../site.toml",
            "/guides/../../site.toml",
            "/%2e%2e/site.toml",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/..%2fsite.toml",
            "/..%2Fsite.toml",
            "/guides/%2e%2e%2f%2e%2e%2fsite.toml",
            "/..%5csite.toml",
            "/%00index.html",
            "/%zz",
            "/%c0%ae%c0%ae/site.toml",
        ] {
            assert_eq!(request_segments(raw), None, "{raw}");
            assert_eq!(lookup(raw, |_| true), Lookup::NotFound, "{raw}");
        }
        // An absolute path is a key like any other: it only finds output files.
        check("//etc/passwd", FILES, Lookup::NotFound);
        check("/etc/passwd", FILES, Lookup::NotFound);
    }

    #[test]
    fn only_loopback_hosts_and_the_bound_address_are_answered() {
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        for host in [
            "localhost",
            "LocalHost:4000",
            "localhost.:4000",
            "127.0.0.1",
            "127.0.0.1:4000",
            "127.1.2.3:80",
            "[::1]",
            "[::1]:4000",
            "[::ffff:127.0.0.1]:4000",
        ] {
            assert!(host_allowed(host, loopback), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:4000",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "192.168.1.5:4000",
            "localhost:http",
            "localhost:",
            "::1",
            "[::1]x",
            "",
        ] {
            assert!(!host_allowed(host, loopback), "{host}");
        }
        let lan: IpAddr = "192.168.1.5".parse().unwrap();
        assert!(host_allowed("192.168.1.5:4000", lan));
        assert!(!host_allowed("192.168.1.6:4000", lan));
        let every: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(host_allowed("192.168.1.6:4000", every));
        assert!(!host_allowed("evil.example:4000", every));
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("coachbook.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("coachbook.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("exports/questions.json"), "application/json");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("g/diagram.SVG"), "image/svg+xml");
        assert_eq!(content_type("photo.jpeg"), "image/jpeg");
        assert_eq!(
            content_type("exports/questions.csv"),
            "text/csv; charset=utf-8"
        );
        assert_eq!(content_type("unknown.bin"), "application/octet-stream");
    }

    #[test]
    fn the_overlay_escapes_diagnostics_and_sits_before_the_body_end() {
        let diagnostic = Diagnostic::file(
            crate::diagnostics::Code::Tool,
            crate::diagnostics::Severity::Error,
            std::path::Path::new("content/a.md"),
            "bad <script>alert(1)</script>",
        )
        .with_help("fix & save");
        let overlay = error_overlay(&[diagnostic], true);
        assert!(
            overlay.contains(
                "content/a.md:1:1: error[tool]: bad &lt;script&gt;alert(1)&lt;/script&gt;"
            )
        );
        assert!(overlay.contains("= help: fix &amp; save"));
        assert!(overlay.contains("role=\"alert\""));
        assert!(overlay.contains("white-space:pre;overflow-x:auto"));
        assert!(overlay.contains("id=\"coachbook-build-errors-close\""));
        let page = with_overlay(
            b"<html><body><p>x</p></BODY></html>".to_vec(),
            "<div>o</div>",
        );
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body><p>x</p><div>o</div></BODY></html>"
        );
    }
}
