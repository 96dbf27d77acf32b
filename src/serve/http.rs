//! The preview server's HTTP side: the site from memory, the live-reload
//! script and event stream, and nothing outside the site.

use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Response, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use crate::output::Contents;
use crate::output::SiteFiles;

/// The path of the event stream and the script that listens to it.
pub const EVENTS_PATH: &str = "/__lectern/events";
const LIVE_SCRIPT_PATH: &str = "/__lectern/live.js";
const LIVE_SCRIPT: &str = include_str!("live.js");

/// A message to open pages.
#[derive(Debug, Clone)]
pub struct LiveEvent {
    /// `reload`, `css`, `errors` or `ok`.
    pub name: &'static str,
    /// JSON payload.
    pub data: String,
}

/// What the server shares between requests and the rebuild loop.
pub struct AppState {
    /// The site currently served: swapped whole after each good rebuild.
    pub site: RwLock<Arc<SiteFiles>>,
    /// Events to every open page.
    pub events: broadcast::Sender<LiveEvent>,
    /// The errors of the last build, sent to pages that connect meanwhile.
    pub errors: RwLock<Option<LiveEvent>>,
}

/// The server's routes.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(LIVE_SCRIPT_PATH, get(live_script))
        .fallback(get(page))
        .with_state(state)
}

async fn live_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        LIVE_SCRIPT,
    )
}

async fn events(
    State(state): State<Arc<AppState>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let pending = state.errors.read().ok().and_then(|e| e.clone());
    // A page that cannot keep up misses events rather than holding others
    // back; the lag becomes one reload of everything.
    let stream = BroadcastStream::new(state.events.subscribe()).map(|message| {
        let event = match message {
            Ok(live) => Event::default().event(live.name).data(live.data),
            Err(_) => Event::default()
                .event("reload")
                .data("{\"all\":true,\"paths\":[]}"),
        };
        Ok(event)
    });
    let first =
        tokio_stream::iter(pending.map(|e| Ok(Event::default().event(e.name).data(e.data))));
    Sse::new(first.chain(stream)).keep_alive(KeepAlive::default())
}

/// The site path a request may read, or `None` for anything that tries to
/// leave the site: `..`, encoded slashes or backslashes, NUL.
pub fn site_key(raw_path: &str) -> Option<String> {
    let lower = raw_path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(raw_path)
        .decode_utf8()
        .ok()?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    if decoded
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return None;
    }
    Some(decoded.trim_start_matches('/').to_string())
}

/// The `Content-Type` of a file by its name, with `charset=utf-8` for text.
pub fn content_type(key: &str) -> String {
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let text = mime.type_() == "text"
        || matches!(
            mime.subtype().as_str(),
            "javascript" | "json" | "xml" | "svg"
        );
    if text {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

/// Adds the live-reload script to an HTML page, before `</body>`.
pub fn inject(html: &[u8]) -> Vec<u8> {
    inject_script(html, LIVE_SCRIPT_PATH)
}

/// Whether a request is for one of the servers' event streams (held open,
/// so not an idle connection).
pub fn is_event_stream(path: &str) -> bool {
    path.starts_with("/__lectern/") && path.ends_with("/events")
}

/// Adds a script (`src`, one of ours) to an HTML page, before `</body>`.
pub fn inject_script(html: &[u8], src: &str) -> Vec<u8> {
    let tag = format!("<script src=\"{src}\" defer></script>");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

async fn bytes_of(contents: &Contents) -> Option<Vec<u8>> {
    match contents {
        Contents::Bytes(bytes) => Some(bytes.clone()),
        Contents::Embedded(bytes) => Some(bytes.to_vec()),
        Contents::Copy(path) | Contents::Unchanged(path) | Contents::Checked(path) => {
            tokio::fs::read(path).await.ok()
        }
        Contents::Resized(resized) => resized.bytes().ok(),
    }
}

async fn respond(key: &str, contents: &Contents, status: StatusCode) -> Response<Body> {
    let Some(mut bytes) = bytes_of(contents).await else {
        return plain(StatusCode::NOT_FOUND, "not found");
    };
    if key.ends_with(".html") {
        bytes = inject(&bytes);
    }
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type(key))
        .header(header::CACHE_CONTROL, "no-store")
        .header(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        )
        .body(Body::from(bytes))
        .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "error"))
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response
}

async fn not_found(site: &SiteFiles) -> Response<Body> {
    match site.get("404.html") {
        Some(page) => respond("404.html", page, StatusCode::NOT_FOUND).await,
        None => plain(StatusCode::NOT_FOUND, "not found"),
    }
}

/// What every page is before the first build succeeds: a page that shows
/// the errors (through the live script) and reloads when they are fixed.
const UNBUILT: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"lectern-unbuilt\" content=\"\"><title>Not built yet</title></head><body><p>The site has not built yet; the errors are shown here, and this page reloads when they are fixed.</p></body></html>";

async fn page(State(state): State<Arc<AppState>>, uri: Uri) -> Response<Body> {
    let site = match state.site.read() {
        Ok(site) => Arc::clone(&site),
        Err(_) => return plain(StatusCode::INTERNAL_SERVER_ERROR, "error"),
    };
    if site.is_empty() {
        let html = Contents::Embedded(UNBUILT.as_bytes());
        return respond("index.html", &html, StatusCode::SERVICE_UNAVAILABLE).await;
    }
    let Some(key) = site_key(uri.path()) else {
        return not_found(&site).await;
    };
    let lookup = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.clone()
    };
    if let Some(contents) = site.get(&lookup) {
        return respond(&lookup, contents, StatusCode::OK).await;
    }
    if site.contains_key(&format!("{key}/index.html")) {
        // One leading slash: `//x` would name another host. The query stays.
        let mut location = format!("/{}/", uri.path().trim_start_matches('/'));
        if let Some(query) = uri.query() {
            location.push('?');
            location.push_str(query);
        }
        return Response::builder()
            .status(StatusCode::PERMANENT_REDIRECT)
            .header(header::LOCATION, location)
            .body(Body::empty())
            .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "error"));
    }
    not_found(&site).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_stay_inside_the_site() {
        assert_eq!(site_key("/moments/x/").as_deref(), Some("moments/x/"));
        assert_eq!(site_key("/%D0%BF%D1%80/").as_deref(), Some("пр/"));
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/b",
            "/%2E%2E/x",
            "/a%2fb",
            "/a%5cb",
            "/a\\b",
            "/./x",
            "/a/%00",
        ] {
            assert_eq!(site_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn script_goes_before_the_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).unwrap();
        assert!(out.contains("<p>x</p><script src=\"/__lectern/live.js\" defer></script></body>"));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("published.json"),
            "application/json; charset=utf-8"
        );
        assert_eq!(content_type("sitemap.xml"), "text/xml; charset=utf-8");
    }
}
