//! Lectern: a static-site generator for a leadership workshop and its
//! content library.
//!
//! The modules follow the pipeline, and data flows one way through it:
//!
//! 1. [`config`]: site settings from `lectern.yaml`.
//! 2. [`content`]: files under `content/` become items (front matter, kinds,
//!    plain-text structure, URLs).
//! 3. [`library`]: the library graph (URLs, indexes, references, backlinks,
//!    items on the same themes, the don't-repeat list).
//! 4. [`markdown`], [`slides`] and [`search`]: bodies, decks and the search
//!    index; [`desk`]: the library read as the writer's pipeline.
//! 5. [`site`]: the plan of every output of the site, and the runner that
//!    renders a plan with the theme.
//! 6. [`output`]: the sinks a run writes into: the staging folder swapped in
//!    on success, memory, or nothing.
//!
//! [`build`] is the one pipeline `build`, `check` and the live preview run
//! (the preview with caches keyed by what each result depends on);
//! [`serve`] is the live preview; [`present`] serves the decks to a room
//! with a phone as the remote; [`scaffold`] makes new files and
//! libraries; [`diagnostics`] carries every problem found on the way;
//! [`fingerprint`], [`packed`], [`shared_bytes`] and [`timings`] serve the
//! stages; [`cli`] is the
//! command-line edge.

pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod desk;
pub mod diagnostics;
pub mod fingerprint;
pub mod library;
pub mod markdown;
pub mod output;
pub mod packed;
pub mod present;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod shared_bytes;
pub mod site;
pub mod slides;
pub mod timings;
