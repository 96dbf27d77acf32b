//! Content loading: files under `content/` become [`Item`]s.
//!
//! Stage one of the pipeline. It reads every file in parallel, splits off
//! and reads the front matter, recovers the structure of plain-text articles,
//! and settles each item's kind, title and slug. Nothing here knows about
//! URLs of other items or about HTML.

pub mod angles;
mod assemble;
pub mod assets;
pub mod dates;
mod field_reader;
pub mod fields;
pub mod figures;
mod file_text;
mod foreign;
pub mod front_matter;
mod item;
mod kept_refs;
mod load;
mod other_tools;
pub mod outline;
pub mod plain_text;
pub mod published;
pub mod scan;
mod shared_texts;
pub mod shortcodes;
pub mod slug;
mod source;
mod titles;
mod translations;
mod urls;

pub use assets::{variant_path, Asset, ImageSize};
pub use item::{module_order, natural_cmp, Content, Format, Item, Kind, Section};

/// Top-level URLs the site itself uses; a page directly under `content/`
/// may not take them.
pub const RESERVED_PATHS: &[&str] = &[
    "tags",
    "themes",
    "search",
    "graph",
    "published",
    "static",
    "404",
];
pub use assemble::assemble;
pub use load::{load, load_bytes, load_one, load_read, load_with, FileLoad};
pub use shared_texts::SharedTexts;
pub use source::{find_files, is_content_file, is_editor_litter, read_text, walk_files};
pub use urls::encode_path;
