//! Lectern: a static-site generator for a leadership workshop and its
//! content library.
//!
//! The modules follow the pipeline, and data flows one way through it:
//!
//! 1. [`config`]: site settings from `lectern.yaml`.
//! 2. [`content`]: files under `content/` become items (front matter, kinds,
//!    plain-text structure).
//! 3. [`library`]: the library graph (URLs, indexes, references).
//! 4. [`markdown`], [`slides`], [`site`] and [`search`]: bodies, decks,
//!    pages and the search index, rendered with the theme.
//! 5. [`output`]: the site written atomically.
//!
//! [`build`] runs the stages (and keeps them for incremental rebuilds);
//! [`serve`] is the live preview; [`scaffold`] makes new files and libraries;
//! [`diagnostics`] carries every problem found on the way; [`cli`] is the
//! command-line edge.

pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod fingerprint;
pub mod library;
pub mod markdown;
pub mod output;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod slides;
pub mod timings;
