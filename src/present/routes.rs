//! What a presenting session serves: the decks, the remote, the shared
//! state and its event stream, each only with the session's token.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use super::state::{Board, Change, Snapshot};
use super::token::{Token, COOKIE};
use crate::output::SiteFiles;
use crate::serve::http::{content_type, inject_script, site_key};

/// Where the session's own files and calls live.
pub const PREFIX: &str = "/__lectern/present";
const REMOTE_HTML: &str = include_str!("remote.html");
const REMOTE_JS: &str = include_str!("remote.js");
const REMOTE_CSS: &str = include_str!("remote.css");
const BRIDGE_JS: &str = include_str!("bridge.js");

/// A deck the session offers.
#[derive(Debug, Clone, Serialize)]
pub struct DeckInfo {
    /// Path under the site root, ending in `/`.
    pub path: String,
    /// Title.
    pub title: String,
    /// Minutes planned (0: none).
    pub duration: u32,
    /// Number of slides.
    pub slides: usize,
}

/// Everything the session's requests share.
pub struct Present {
    /// The built site (only the decks' files are served from it).
    pub site: Arc<SiteFiles>,
    /// The decks, in the workshop's order.
    pub decks: Vec<DeckInfo>,
    /// The session's token.
    pub token: Token,
    /// Every deck's shared state.
    pub board: Mutex<Board>,
    /// Each change, as JSON, to every open page.
    pub events: broadcast::Sender<String>,
    /// When the session started (the state's clock).
    pub started: Instant,
}

impl Present {
    fn now(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn deck(&self, path: &str) -> Option<&DeckInfo> {
        self.decks.iter().find(|d| d.path == path)
    }

    /// Whether a site file is one the session serves: a deck's page or a
    /// file beside it (its images), or the icon decks name.
    fn serves(&self, key: &str) -> bool {
        key == "favicon.svg" || self.decks.iter().any(|d| key.starts_with(&d.path))
    }
}

/// The session's routes, every one behind the token.
pub fn router(present: Arc<Present>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/remote/", get(remote))
        .route(&format!("{PREFIX}/remote.js"), get(remote_js))
        .route(&format!("{PREFIX}/remote.css"), get(remote_css))
        .route(&format!("{PREFIX}/bridge.js"), get(bridge_js))
        .route(&format!("{PREFIX}/decks"), get(decks))
        .route(&format!("{PREFIX}/state"), get(read_state).post(change))
        .route(&format!("{PREFIX}/events"), get(events))
        .fallback(get(deck_file))
        .layer(middleware::from_fn_with_state(Arc::clone(&present), guard))
        .with_state(present)
}

/// Refuses requests without the token (403); a request that brought it in
/// its address gets it back as a cookie, so the deck's images, the remote's
/// calls and the speaker view carry it without it being in their address.
async fn guard(
    State(present): State<Arc<Present>>,
    request: Request,
    next: Next,
) -> Response<Body> {
    let cookies: Vec<&str> = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let query = request.uri().query();
    if !present.token.carried_by(None, &cookies) {
        if !present.token.carried_by(query, &[]) {
            return text(
                StatusCode::FORBIDDEN,
                "this presenting session needs its token: open the address `lectern present` printed\n",
            );
        }
        let cookie = format!(
            "{COOKIE}={}; Path=/; HttpOnly; SameSite=Strict",
            present.token.as_str()
        );
        let mut response = next.run(request).await;
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
        return response;
    }
    next.run(request).await
}

fn text(status: StatusCode, body: &'static str) -> Response<Body> {
    with_type(status, "text/plain; charset=utf-8", Body::from(body))
}

fn with_type(status: StatusCode, kind: &str, body: Body) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, kind)
        .header(header::CACHE_CONTROL, "no-store")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(header::REFERRER_POLICY, "no-referrer")
        .body(body)
        .unwrap_or_else(|_| Response::new(Body::empty()))
}

fn json(value: &impl Serialize) -> Response<Body> {
    match serde_json::to_string(value) {
        Ok(body) => with_type(StatusCode::OK, "application/json", Body::from(body)),
        Err(_) => text(StatusCode::INTERNAL_SERVER_ERROR, "error\n"),
    }
}

async fn index(State(present): State<Arc<Present>>) -> Response<Body> {
    let html = super::index::page(&present.decks);
    with_type(StatusCode::OK, "text/html; charset=utf-8", Body::from(html))
}

async fn remote() -> Response<Body> {
    with_type(
        StatusCode::OK,
        "text/html; charset=utf-8",
        Body::from(REMOTE_HTML),
    )
}

async fn remote_js() -> Response<Body> {
    with_type(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        Body::from(REMOTE_JS),
    )
}

async fn remote_css() -> Response<Body> {
    with_type(
        StatusCode::OK,
        "text/css; charset=utf-8",
        Body::from(REMOTE_CSS),
    )
}

async fn bridge_js() -> Response<Body> {
    with_type(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        Body::from(BRIDGE_JS),
    )
}

#[derive(Serialize)]
struct Decks<'a> {
    decks: &'a [DeckInfo],
    active: Option<String>,
}

async fn decks(State(present): State<Arc<Present>>) -> Response<Body> {
    let active = present
        .board
        .lock()
        .ok()
        .and_then(|b| b.active().map(str::to_string));
    json(&Decks {
        decks: &present.decks,
        active,
    })
}

async fn read_state(
    State(present): State<Arc<Present>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response<Body> {
    let Some(deck) = query.get("deck").filter(|d| present.deck(d).is_some()) else {
        return text(StatusCode::NOT_FOUND, "no such deck\n");
    };
    let now = present.now();
    match present.board.lock() {
        Ok(mut board) => json(&board.snapshot(deck, now)),
        Err(_) => text(StatusCode::INTERNAL_SERVER_ERROR, "error\n"),
    }
}

async fn change(State(present): State<Arc<Present>>, body: Bytes) -> Response<Body> {
    let Ok(change) = serde_json::from_slice::<Change>(&body) else {
        return text(StatusCode::BAD_REQUEST, "expected a JSON change\n");
    };
    let Some(deck) = present.deck(&change.deck) else {
        return text(StatusCode::NOT_FOUND, "no such deck\n");
    };
    let slides = u32::try_from(deck.slides).unwrap_or(u32::MAX);
    if change.n.is_some_and(|n| n >= slides) {
        return text(StatusCode::BAD_REQUEST, "no such slide\n");
    }
    let now = present.now();
    let snapshot: Snapshot = match present.board.lock() {
        Ok(mut board) => board.apply(change, now),
        Err(_) => return text(StatusCode::INTERNAL_SERVER_ERROR, "error\n"),
    };
    if let Ok(data) = serde_json::to_string(&snapshot) {
        let _ = present.events.send(data);
    }
    json(&snapshot)
}

async fn events(
    State(present): State<Arc<Present>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // A page that falls behind misses changes; the next one carries the
    // whole state, so it catches up.
    let stream = BroadcastStream::new(present.events.subscribe())
        .filter_map(|message| message.ok())
        .map(|data| Ok(Event::default().event("state").data(data)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn deck_file(State(present): State<Arc<Present>>, request: Request) -> Response<Body> {
    let not_found = || {
        text(
            StatusCode::NOT_FOUND,
            "not part of the decks being presented\n",
        )
    };
    let Some(key) = site_key(request.uri().path()) else {
        return not_found();
    };
    let lookup = if key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key
    };
    if !present.serves(&lookup) {
        return not_found();
    }
    let Some(contents) = present.site.get(&lookup) else {
        return not_found();
    };
    let Ok(bytes) = contents.read() else {
        return not_found();
    };
    let mut bytes = bytes.into_owned();
    if lookup.ends_with(".html") {
        bytes = inject_script(&bytes, &format!("{PREFIX}/bridge.js"));
    }
    with_type(StatusCode::OK, &content_type(&lookup), Body::from(bytes))
}
