//! The web's own checkers, as the tests run them: the Nu HTML Checker
//! (vnu, on Java), axe-core (in headless Chromium), the sitemaps.org schema
//! (through xmllint) and RFC 4287's rules for Atom feeds. `tests/setup.sh`
//! installs them; a missing checker fails the test with what to run.

use std::path::{Path, PathBuf};
use std::process::Command;

use headless_chrome::protocol::cdp::Page;
use headless_chrome::Tab;

/// Where `tests/setup.sh` puts the npm packages.
fn checkers_dir() -> PathBuf {
    std::env::var_os("LECTERN_CHECKERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/checkers"))
}

fn installed(relative: &str) -> PathBuf {
    let path = checkers_dir().join("node_modules").join(relative);
    assert!(
        path.is_file(),
        "{} is missing: run tests/setup.sh (or the README's test command, tests/run.sh), \
         which installs the checkers",
        path.display()
    );
    path
}

/// Runs the Nu HTML Checker on every HTML file under `dirs` and returns its
/// errors, one line each (`file:line.col: message`).
pub fn vnu_errors(dirs: &[&Path]) -> Vec<String> {
    let jar = installed("vnu-jar/build/dist/vnu.jar");
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--also-check-css"])
        .args(dirs)
        .output()
        .expect("run java (tests/setup.sh installs a Java runtime)");
    let text = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    let errors: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    assert!(
        output.status.success() || !errors.is_empty(),
        "the Nu HTML Checker failed without saying why"
    );
    errors
}

/// Makes axe-core part of every page `tab` opens from now on (one call to
/// the browser here, instead of injecting it on each page).
pub fn install_axe(tab: &Tab) {
    let source =
        std::fs::read_to_string(installed("axe-core/axe.min.js")).expect("read axe.min.js");
    tab.call_method(Page::AddScriptToEvaluateOnNewDocument {
        source,
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .expect("install axe-core");
}

/// Runs axe-core (see [`install_axe`]) on the page in `tab`, limited to
/// `context` (a CSS selector) or the whole document, and returns each
/// violation as `rule (impact): targets [what to fix]`.
pub fn axe_violations(tab: &Tab, context: Option<&str>) -> Vec<String> {
    let context = match context {
        Some(selector) => serde_json::to_string(selector).unwrap(),
        None => "document".into(),
    };
    let js = format!(
        "typeof axe !== 'object' ? 'axe-core is not installed in this tab' : \
         axe.run({context}, {{resultTypes: ['violations'], preload: false}}).then(r => r.violations.map(v => \
         v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ') + ' [' + \
         (n.failureSummary || '').replace(/\\s+/g, ' ') + ']').join('; ')))"
    );
    let found = super::browser::eval(tab, &js);
    found
        .as_array()
        .unwrap_or_else(|| panic!("axe-core gave no answer: {found}"))
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect()
}

/// Validates a sitemap against the sitemaps.org schema; returns xmllint's
/// complaints (empty when valid).
pub fn sitemap_schema_errors(sitemap: &Path) -> Vec<String> {
    let schema = installed("sitemap/schema/sitemap.xsd");
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(sitemap)
        .output()
        .expect("run xmllint (tests/setup.sh installs libxml2-utils)");
    if output.status.success() {
        return Vec::new();
    }
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(str::to_string)
        .collect()
}
