//! Comparing a warm build with one from scratch: the site and the
//! diagnostics a build of the project with no cache writes.

use super::{site_files, Project};

/// Builds `project` from scratch into a folder of its own and returns what
/// it wrote.
pub fn cold(project: &Project) -> std::collections::BTreeMap<String, Vec<u8>> {
    cold_with_report(project).0
}

/// Like [`cold`], with the diagnostics the build printed.
pub fn cold_with_report(
    project: &Project,
) -> (std::collections::BTreeMap<String, Vec<u8>>, String) {
    let out = project.root().join("cold-site");
    let printed = project.build_ok(&["--no-cache", "--out", out.to_str().unwrap()]);
    let files = site_files(&out);
    std::fs::remove_dir_all(&out).unwrap();
    (files, diagnostics(&printed))
}

/// What a build printed, its closing line (time, output folder) aside.
pub fn diagnostics(printed: &str) -> String {
    printed
        .lines()
        .filter(|line| !line.starts_with("built "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts that the project's site is what a build from scratch writes.
pub fn assert_site_is_a_cold_build(project: &Project, what: &str) {
    assert_same_sites(&site_files(&project.site()), &cold(project), what);
}

/// Asserts that two sites hold the same files, byte for byte.
pub fn assert_same_sites(
    warm: &std::collections::BTreeMap<String, Vec<u8>>,
    cold: &std::collections::BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    let warm_paths: Vec<_> = warm.keys().collect();
    let cold_paths: Vec<_> = cold.keys().collect();
    assert_eq!(warm_paths, cold_paths, "{what}: different files");
    for (path, bytes) in warm {
        assert!(
            bytes == &cold[path],
            "{what}: {path} differs from a build from scratch"
        );
    }
}

/// Builds `project` (with its cache), asserts that the site and the
/// diagnostics are those of a build from scratch (`what` names the case),
/// and returns the diagnostics.
pub fn warm_equals_cold(project: &Project, what: &str) -> String {
    let printed = diagnostics(&project.build_ok(&[]));
    let (cold_files, cold_printed) = cold_with_report(project);
    assert_same_sites(&site_files(&project.site()), &cold_files, what);
    assert_eq!(printed, cold_printed, "{what}: different diagnostics");
    printed
}
