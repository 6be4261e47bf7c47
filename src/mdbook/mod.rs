//! mdBook's books as they are: its `links` preprocessor natively (includes, anchors,
//! `rustdoc_include`, `playground`, `title`, escapes), external preprocessors through its
//! JSON protocol, and the JSON a renderer gets, so that `mdbook build` can run folio.
//!
//! Runs between `project::load` and `markdown::parse_book`: it reads included files and runs
//! programs through `project` (the edge), and leaves the chapters' texts in `Project::texts`.

pub mod book;
pub mod lines;
pub mod links;
mod preprocess;
pub mod protocol;

pub use preprocess::{Options, RENDERER, preprocess};
