//! The slide splitter and the fitting of slides onto pages.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for slide in lectern::slides::split::split(&text) {
        let _ = lectern::slides::fit::paginate(&slide.content);
        let _ = lectern::slides::fit::word_count(&slide.content);
    }
});
