//! Reference resolution: paths, slugs in bodies, and URLs a server maps.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = lectern::library::normalise_reference_path(&text);
    let _ = lectern::library::is_unsafe_url(&text);
    let _ = lectern::content::scan::scan_references(&text);
    let _ = lectern::serve::http::site_key(&text);
});
