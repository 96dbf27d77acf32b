//! The don't-repeat section parser and the new-angles parser.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = lectern::library::published::parse(&text);
    let _ = lectern::library::angles::parse(&text);
});
