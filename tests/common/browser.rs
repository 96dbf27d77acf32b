//! Headless Chromium for browser tests, driven over the DevTools protocol.
//! Chromium is Debian's (`apt-get install chromium`, done by .ci/run);
//! a missing browser fails the test rather than skipping it.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::{Browser, LaunchOptions, Tab};

/// Where Chromium is: `$LECTERN_CHROMIUM`, else Debian's path.
pub fn chromium() -> PathBuf {
    let path = std::env::var_os("LECTERN_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.exists(),
        "browser tests need Chromium at {} (apt-get install chromium, or set LECTERN_CHROMIUM)",
        path.display()
    );
    path
}

/// A fresh headless browser with an empty profile and no background traffic.
pub fn launch() -> Browser {
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-popup-blocking",
        "--hide-scrollbars",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(chromium()))
        .headless(true)
        .sandbox(false)
        .window_size(Some((1280, 720)))
        .idle_browser_timeout(Duration::from_secs(300))
        .args(args)
        .build()
        .expect("launch options");
    Browser::new(options).expect("start Chromium")
}

/// Emulates a phone: a `width`×`height` screen, three device pixels to a
/// CSS pixel, and a mobile browser's layout viewport.
pub fn set_phone_viewport(tab: &Tab, width: u32, height: u32) {
    emulate_screen(tab, width, height, 3.0, true);
}

/// Sets the page's viewport to `width`×`height` CSS pixels.
pub fn set_viewport(tab: &Tab, width: u32, height: u32) {
    emulate_screen(tab, width, height, 1.0, false);
}

/// Emulates a `width`×`height` screen with `device_scale_factor` device
/// pixels to a CSS pixel, as a mobile browser when `mobile`.
pub fn emulate_screen(tab: &Tab, width: u32, height: u32, device_scale_factor: f64, mobile: bool) {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor,
        mobile,
        scale: None,
        screen_width: Some(width),
        screen_height: Some(height),
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("emulate a screen");
}

/// Runs `js` (an expression) and returns its value as JSON; the expression
/// is wrapped so objects come back whole.
pub fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    try_eval(tab, js).unwrap_or_else(|e| panic!("evaluate {js}: {e}"))
}

/// [`eval`], or the browser's error (a page navigating away mid-call).
fn try_eval(tab: &Tab, js: &str) -> Result<serde_json::Value, String> {
    let wrapped = format!("(async () => JSON.stringify(await ({js})))()");
    let result = tab.evaluate(&wrapped, true).map_err(|e| e.to_string())?;
    Ok(match result.value {
        Some(serde_json::Value::String(text)) => {
            serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
        }
        _ => serde_json::Value::Null,
    })
}

/// Waits until `js` is truthy, or fails after `seconds`. A page that
/// reloads while it is asked (live reload does) is asked again.
pub fn wait_for(tab: &Tab, js: &str, seconds: u64) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        let answer = try_eval(tab, js);
        if answer.as_ref().is_ok_and(|v| v.as_bool() == Some(true)) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {js} (last answer: {answer:?})"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Opens `url` in a new tab of `browser`.
pub fn open(browser: &Browser, url: &str) -> Arc<Tab> {
    let tab = browser.new_tab().expect("new tab");
    tab.set_default_timeout(Duration::from_secs(30));
    tab.navigate_to(url)
        .expect("navigate")
        .wait_until_navigated()
        .expect("load");
    tab
}

/// A `file://` URL for a path.
pub fn file_url(path: &std::path::Path) -> String {
    format!(
        "file://{}",
        path.canonicalize().expect("path exists").display()
    )
}

/// Measures every slide independently of the runtime's own bookkeeping:
/// anything drawn outside the slide's content box is clipped, and every
/// piece of text must be at least 14 px on screen.
pub const MEASURE_SLIDES: &str = r#"(() => {
  const slides = [...document.querySelectorAll('section.slide')];
  const problems = [];
  let smallest = 1e9;
  slides.forEach((s, i) => {
    const was = s.style.display;
    s.style.display = 'block';
    const box = s.querySelector('.slide-content');
    const frame = box.getBoundingClientRect();
    const scale = s.getBoundingClientRect().width / 1280;
    if (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1) {
      problems.push(`slide ${i + 1}: content ${box.scrollWidth}x${box.scrollHeight} overflows ${box.clientWidth}x${box.clientHeight}`);
    }
    const walker = document.createTreeWalker(s, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.textContent.trim()) continue;
      const el = node.parentElement;
      if (el.closest('.notes') || el.closest('.anchor')) continue;
      const size = parseFloat(getComputedStyle(el).fontSize) * scale;
      smallest = Math.min(smallest, size);
      if (size < 13.99) problems.push(`slide ${i + 1}: "${node.textContent.trim().slice(0, 30)}" is ${size.toFixed(1)}px`);
      if (el.closest('.slide-content')) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.bottom > frame.bottom + 1 || r.right > frame.right + 1 || r.left < frame.left - 1) {
            problems.push(`slide ${i + 1}: "${node.textContent.trim().slice(0, 30)}" is clipped`);
            break;
          }
        }
      }
    }
    s.style.display = was;
  });
  return { count: slides.length, problems, smallest };
})()"#;

/// The page printed to PDF with its CSS page size and backgrounds, as a
/// facilitator prints a deck.
pub fn print_pdf(tab: &Tab) -> Vec<u8> {
    tab.print_to_pdf(Some(headless_chrome::types::PrintToPdfOptions {
        prefer_css_page_size: Some(true),
        print_background: Some(true),
        ..Default::default()
    }))
    .expect("print to PDF")
}
