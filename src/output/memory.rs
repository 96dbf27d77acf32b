//! The sinks that write nothing to disk: memory (the live preview) and
//! nothing at all (`lectern check`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::{Contents, OutputError, Sink};

/// A site in memory: path under the site root → contents.
pub type SiteFiles = HashMap<String, Arc<Contents>>;

/// Keeps every file in memory. Files to copy are read as they arrive, so
/// the site is a snapshot: a file deleted later is still the one built,
/// and one deleted before is not served.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<SiteFiles>,
}

impl MemorySink {
    /// An empty site.
    pub fn new() -> Self {
        Self::default()
    }

    /// The files received.
    pub fn into_files(self) -> SiteFiles {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, path: &str, contents: Arc<Contents>) -> Result<(), OutputError> {
        let contents = match &*contents {
            Contents::Copy(from) | Contents::Unchanged(from) | Contents::Checked(from) => Arc::new(
                Contents::Bytes(std::fs::read(from).map_err(super::io_error(from))?),
            ),
            Contents::Resized(resized) => Arc::new(Contents::Bytes(
                resized.bytes().map_err(super::io_error(&resized.from))?,
            )),
            _ => contents,
        };
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), contents);
        Ok(())
    }
}

/// Takes every file and keeps none: everything is rendered, nothing kept.
pub struct NullSink;

impl Sink for NullSink {
    fn put(&self, _path: &str, _contents: Arc<Contents>) -> Result<(), OutputError> {
        Ok(())
    }
}
