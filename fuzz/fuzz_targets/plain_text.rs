//! Plain-text structure detection.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = lectern::content::plain_text::to_markdown(&text);
});
