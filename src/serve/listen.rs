//! Accepting connections for the preview: a bounded number held open, a
//! time limit for a request's headers, and requests only for this server's
//! own host names and origin.
//!
//! A browser opens a few connections and sends its request at once; a
//! connection that has sent nothing (a half-open or slow client) or sits
//! idle between requests is the first to be closed when the server needs
//! room. So a flood of idle connections cannot use up the process's file
//! descriptors and lock out the writer's own browser.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tower::ServiceExt;

/// How long a client may take to send a request's headers.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Which `Host` and `Origin` values the server answers.
#[derive(Debug, Clone)]
pub struct Hosts {
    bind: IpAddr,
    port: u16,
    names: Vec<String>,
}

impl Hosts {
    /// The server's own names when listening on `bind`:`port`: the address
    /// it listens on (any loopback address for a loopback one, any address
    /// when it listens on all of them), `localhost`, and `extra` names. A
    /// page can name an address only by being served from it, so an
    /// address cannot be a DNS-rebinding attack; a name can.
    pub fn new(bind: IpAddr, port: u16, extra: &[String]) -> Self {
        let mut names = vec!["localhost".to_string()];
        names.extend(extra.iter().map(|n| n.trim().to_ascii_lowercase()));
        Hosts { bind, port, names }
    }

    fn allows_address(&self, address: IpAddr) -> bool {
        self.bind.is_unspecified()
            || address == self.bind
            || (address.is_loopback() && self.bind.is_loopback())
    }

    /// Whether `host` (`name:port` as a `Host` header writes it) is ours.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let (name, port) = match host.rsplit_once(':') {
            Some((name, port)) if !name.ends_with(':') && !port.contains(']') => {
                (name.to_string(), port.parse::<u16>().ok())
            }
            _ => (host.clone(), None),
        };
        if port.is_some_and(|p| p != self.port) {
            return false;
        }
        let bare = name.trim_start_matches('[').trim_end_matches(']');
        match bare.parse::<IpAddr>() {
            Ok(address) => self.allows_address(address),
            Err(_) => self.names.contains(&name),
        }
    }

    /// Whether an `Origin` header names this server.
    pub fn allows_origin(&self, origin: &str) -> bool {
        origin
            .strip_prefix("http://")
            .is_some_and(|host| !host.contains('/') && self.allows(host))
    }
}

/// Runs `server` on a new multi-threaded runtime until it returns.
pub fn block_on<F: std::future::Future<Output = anyhow::Result<()>>>(
    server: F,
) -> anyhow::Result<()> {
    use anyhow::Context as _;
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server runtime")?
        .block_on(server)
}

/// The project folder as an absolute path (events and messages name
/// absolute paths), and a listener on `bind`:`port`.
pub async fn open(
    root: &std::path::Path,
    bind: IpAddr,
    port: u16,
) -> anyhow::Result<(std::path::PathBuf, TcpListener)> {
    use anyhow::Context as _;
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot open the project folder {}", root.display()))?;
    let address = std::net::SocketAddr::new(bind, port);
    let listener = TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address}"))?;
    Ok((root, listener))
}

/// Opens `url` in the default browser, if there is one.
pub fn open_in_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(opener).arg(url).spawn();
}

/// Why a request is refused before it reaches the site, if it is.
pub fn refusal(hosts: &Hosts, request: &Request<hyper::body::Incoming>) -> Option<Response<Body>> {
    let header_text = |name| {
        request
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap_or("\u{fffd}").to_string())
    };
    let refuse = |status: StatusCode, text: String| {
        let mut response = Response::new(Body::from(text));
        *response.status_mut() = status;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        Some(response)
    };
    match header_text(header::HOST) {
        None => return refuse(StatusCode::BAD_REQUEST, "a Host header is required\n".into()),
        Some(host) if !hosts.allows(&host) => {
            return refuse(
                StatusCode::MISDIRECTED_REQUEST,
                format!("this server answers only for its own address and localhost, not {host:?}; start `lectern serve` with --allow-host NAME to add a name\n"),
            )
        }
        Some(_) => {}
    }
    match header_text(header::ORIGIN) {
        Some(origin) if !hosts.allows_origin(&origin) => refuse(
            StatusCode::FORBIDDEN,
            format!("requests from pages of another site ({origin}) are refused\n"),
        ),
        _ => None,
    }
}

/// A connection the server holds.
struct Held {
    opened: Instant,
    /// True until the first request arrives, and between requests.
    idle: Arc<AtomicBool>,
    /// Whether it carries the live-reload event stream.
    streaming: Arc<AtomicBool>,
    task: tokio::task::AbortHandle,
}

/// The connections held, by number.
#[derive(Default)]
struct Table {
    held: Mutex<HashMap<u64, Held>>,
    next: AtomicU64,
}

impl Table {
    fn len(&self) -> usize {
        self.held.lock().map_or(0, |h| h.len())
    }

    /// Closes the longest-held connection that is idle; false when every
    /// connection is busy.
    fn evict_one(&self) -> bool {
        let Ok(mut held) = self.held.lock() else {
            return false;
        };
        let oldest = held
            .iter()
            .filter(|(_, h)| h.idle.load(Ordering::Relaxed) && !h.streaming.load(Ordering::Relaxed))
            .min_by_key(|(_, h)| h.opened)
            .map(|(&n, _)| n);
        match oldest.and_then(|n| held.remove(&n)) {
            Some(h) => {
                h.task.abort();
                true
            }
            None => false,
        }
    }
}

/// How many connections to hold at most: well under the process's limit
/// of open files, which also covers the files the rebuilds read.
pub fn connection_limit() -> usize {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct it is given and nothing else.
    let soft = if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 {
        usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX)
    } else {
        1024
    };
    (soft / 2).clamp(16, 4096)
}

/// Serves `router` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    hosts: Hosts,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let limit = connection_limit();
    let table = Arc::new(Table::default());
    let hosts = Arc::new(hosts);
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => return,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors (or a client gone before it was
                // accepted): make room and try again shortly.
                table.evict_one();
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        while table.len() >= limit {
            if !table.evict_one() {
                break;
            }
        }
        if table.len() >= limit {
            // Every held connection is busy: this one waits its turn.
            drop(stream);
            continue;
        }
        spawn_connection(
            stream,
            router.clone(),
            Arc::clone(&hosts),
            Arc::clone(&table),
        );
    }
}

fn spawn_connection(
    stream: tokio::net::TcpStream,
    router: Router,
    hosts: Arc<Hosts>,
    table: Arc<Table>,
) {
    let number = table.next.fetch_add(1, Ordering::Relaxed);
    let idle = Arc::new(AtomicBool::new(true));
    let streaming = Arc::new(AtomicBool::new(false));
    let (flag, stream_flag, done) = (
        Arc::clone(&idle),
        Arc::clone(&streaming),
        Arc::clone(&table),
    );
    // The table lock is held while the task starts, so the task's own
    // removal cannot come before its entry.
    let Ok(mut held) = table.held.lock() else {
        return;
    };
    let task = tokio::spawn(async move {
        let service = hyper::service::service_fn(move |request: Request<hyper::body::Incoming>| {
            let (router, hosts, idle, streaming) = (
                router.clone(),
                Arc::clone(&hosts),
                Arc::clone(&flag),
                Arc::clone(&stream_flag),
            );
            async move {
                idle.store(false, Ordering::Relaxed);
                if super::http::is_event_stream(request.uri().path()) {
                    streaming.store(true, Ordering::Relaxed);
                }
                let response = match refusal(&hosts, &request) {
                    Some(response) => response,
                    None => match router.oneshot(request.map(Body::new)).await {
                        Ok(response) => response,
                        Err(never) => match never {},
                    },
                };
                idle.store(true, Ordering::Relaxed);
                Ok::<_, std::convert::Infallible>(response)
            }
        });
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .max_buf_size(64 * 1024);
        let _ = builder
            .serve_connection(TokioIo::new(stream), service)
            .await;
        if let Ok(mut held) = done.held.lock() {
            held.remove(&number);
        }
    });
    held.insert(
        number,
        Held {
            opened: Instant::now(),
            idle,
            streaming,
            task: task.abort_handle(),
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_names_and_addresses() {
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        let hosts = Hosts::new(loopback, 1111, &["notes.local".into()]);
        assert!(!hosts.allows("192.168.1.5:1111"));
        let everywhere = Hosts::new("0.0.0.0".parse().unwrap(), 1111, &[]);
        assert!(everywhere.allows("192.168.1.5:1111"));
        assert!(!everywhere.allows("evil.example:1111"));
        let one = Hosts::new("192.168.1.5".parse().unwrap(), 1111, &[]);
        assert!(one.allows("192.168.1.5:1111"));
        assert!(!one.allows("10.0.0.1:1111"));
        for ok in [
            "localhost:1111",
            "127.0.0.1:1111",
            "127.0.0.2:1111",
            "[::1]:1111",
            "LOCALHOST:1111",
            "localhost",
            "notes.local:1111",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost:2222",
            "localhost.evil.example:1111",
            "127.0.0.1.nip.io:1111",
            "",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
        assert!(hosts.allows_origin("http://localhost:1111"));
        assert!(hosts.allows_origin("http://127.0.0.1:1111"));
        assert!(!hosts.allows_origin("http://evil.example:1111"));
        assert!(!hosts.allows_origin("https://localhost:1111"));
        assert!(!hosts.allows_origin("null"));
    }
}
