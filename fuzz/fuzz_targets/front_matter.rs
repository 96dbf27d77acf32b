//! The front matter splitter, YAML reading and field extraction.
#![no_main]
use lectern::content::front_matter::{parse_yaml, split};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(s) = split(&text) {
        if let Some(yaml) = s.yaml {
            if let Ok(map) = parse_yaml(yaml, s.yaml_line) {
                let _ = lectern::content::fields::read(&map, yaml, s.yaml_line, std::path::Path::new("f.md"), &text);
            }
        }
    }
});
