//! `lectern present`: the workshop's decks on the local network for one
//! session, with a phone as the remote.
//!
//! The decks are built by the same pipeline as `lectern build` (into
//! memory) and served as built, with one script added that joins each deck
//! page to the session. Every request needs the session's token, minted at
//! start and printed in the addresses and the QR code; nothing of the site
//! but the decks is served.

mod index;
pub mod routes;
pub mod state;
pub mod token;

use std::io::{IsTerminal, Write};
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{bail, Context as _, Result};
use tokio::sync::broadcast;

use crate::build::{BuildOptions, Session};
use crate::serve::listen;
use routes::{DeckInfo, Present};
use token::Token;

/// How to present.
#[derive(Debug, Clone)]
pub struct PresentOptions {
    /// The project folder.
    pub root: PathBuf,
    /// Address to listen on (every address by default, so a phone on the
    /// same network can reach it).
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Open the first deck's list in the default browser.
    pub open: bool,
    /// Include drafts.
    pub drafts: bool,
}

/// Runs the session until interrupted.
pub fn run(options: PresentOptions) -> Result<()> {
    listen::block_on(present(options))
}

async fn present(options: PresentOptions) -> Result<()> {
    let (root, listener) = listen::open(&options.root, options.bind, options.port).await?;
    let port = listener.local_addr()?.port();
    let build = BuildOptions {
        root: root.clone(),
        out: None,
        base_url: Some(format!("http://localhost:{port}/")),
        drafts: options.drafts,
        preview: false,
        no_cache: true,
    };
    let (session, outcome) = tokio::task::spawn_blocking(move || Session::start(build)).await?;
    let mut err = std::io::stderr().lock();
    for d in &outcome.diagnostics {
        let _ = writeln!(err, "{d}");
    }
    drop(err);
    if !outcome.ok {
        bail!("cannot present: the build has errors (fix them and start again)");
    }
    let decks = session
        .last_good()
        .map(|p| decks_of(&p))
        .unwrap_or_default();
    if decks.is_empty() {
        bail!("no decks to present: a workshop module (content/workshop/*.md) makes one");
    }
    let token = Token::mint().context("cannot make the session's token")?;
    let (events, _) = broadcast::channel(256);
    let state = Arc::new(Present {
        site: session.site(),
        decks,
        token: token.clone(),
        board: Mutex::new(Default::default()),
        events,
        started: Instant::now(),
    });
    announce(&root, &state, options.bind, port);
    if options.open {
        listen::open_in_browser(&format!(
            "http://localhost:{port}/?token={}",
            token.as_str()
        ));
    }
    let hosts = listen::Hosts::new(options.bind, port, &[]);
    listen::serve(listener, routes::router(state), hosts, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    println!("session ended; its token no longer works");
    Ok(())
}

/// The decks of a built library, the modules' first and then the whole
/// workshop's.
fn decks_of(prepared: &crate::build::Prepared) -> Vec<DeckInfo> {
    let workshop = &prepared.workshop;
    workshop
        .decks
        .iter()
        .chain(&workshop.whole)
        .map(|deck| DeckInfo {
            path: deck.path.clone(),
            title: deck.title.clone(),
            duration: deck.duration,
            slides: deck.slides.len(),
        })
        .collect()
}

/// The addresses a phone on the same network may use: the machine's own
/// non-loopback IPv4 addresses when listening on all of them, private ones
/// first.
fn network_addresses(bind: IpAddr) -> Vec<IpAddr> {
    if !bind.is_unspecified() {
        return if bind.is_loopback() {
            Vec::new()
        } else {
            vec![bind]
        };
    }
    let mut found: Vec<Ipv4Addr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| match i.ip() {
            IpAddr::V4(v4) if !v4.is_loopback() && !v4.is_link_local() => Some(v4),
            _ => None,
        })
        .collect();
    found.sort_by_key(|a| (!a.is_private(), *a));
    found.dedup();
    found.into_iter().map(IpAddr::V4).collect()
}

/// Prints what the session serves, where, and that it listens beyond this
/// machine; and a QR code of the phone's address.
fn announce(root: &std::path::Path, present: &Present, bind: IpAddr, port: u16) {
    let token = present.token.as_str();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "presenting {} deck(s) from {} (Ctrl+C ends the session; its token works only until then)",
        present.decks.len(),
        root.display()
    );
    let _ = writeln!(
        out,
        "  on this laptop: http://localhost:{port}/?token={token}"
    );
    let phones = network_addresses(bind);
    for address in &phones {
        let host = match address {
            IpAddr::V6(v6) => format!("[{v6}]"),
            IpAddr::V4(v4) => v4.to_string(),
        };
        let _ = writeln!(
            out,
            "  phone remote:   http://{host}:{port}/remote/?token={token}"
        );
    }
    if bind.is_loopback() {
        let _ = writeln!(
            out,
            "listening on {bind}:{port}, this machine only: a phone cannot reach it (leave out --bind to listen on the network)"
        );
    } else {
        let _ = writeln!(
            out,
            "listening on {bind}:{port}, beyond this machine: anyone on your network who has the token can open the decks (and nothing else of the site)"
        );
    }
    if phones.is_empty() && !bind.is_loopback() {
        let _ = writeln!(out, "no network address found: join the room's network (or your phone's hotspot) and start again");
    }
    if let Some(first) = phones.first() {
        let url = format!("http://{first}:{port}/remote/?token={token}");
        let _ = writeln!(out, "scan to open the remote on your phone:");
        let _ = write!(out, "{}", qr_text(&url, std::io::stdout().is_terminal()));
    }
    let _ = out.flush();
}

/// A QR code of `text` for the terminal, two rows of modules to a line.
/// On a terminal it is drawn black on white whatever the terminal's colours,
/// so phones read it on dark and light terminals alike.
pub fn qr_text(text: &str, colour: bool) -> String {
    use qrcode::render::unicode::Dense1x2;
    let Ok(code) = qrcode::QrCode::new(text.as_bytes()) else {
        return String::new();
    };
    let drawn = code
        .render::<Dense1x2>()
        .dark_color(Dense1x2::Dark)
        .light_color(Dense1x2::Light)
        .quiet_zone(true)
        .build();
    drawn
        .lines()
        .map(|line| {
            if colour {
                format!("\x1b[30;107m{line}\x1b[0m\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_qr_code_is_a_square_of_blocks() {
        let text = qr_text(
            "http://192.168.1.20:4000/remote/?token=0123456789abcdef",
            false,
        );
        let lines: Vec<&str> = text.lines().collect();
        let width = lines[0].chars().count();
        assert!(width >= 25, "{width}");
        assert!(lines.iter().all(|l| l.chars().count() == width));
        // Two rows of modules a line.
        assert_eq!(lines.len(), width.div_ceil(2));
        assert!(text.contains('█') || text.contains('▀') || text.contains('▄'));
    }

    #[test]
    fn loopback_sessions_offer_no_phone_address() {
        assert!(network_addresses("127.0.0.1".parse().unwrap()).is_empty());
        let one: IpAddr = "192.168.1.9".parse().unwrap();
        assert_eq!(network_addresses(one), vec![one]);
    }
}
