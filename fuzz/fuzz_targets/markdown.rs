//! Markdown → document model: never panics; every diagnostic points inside its file.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let project = common::book(data);
    let _ = folio::markdown::parse_book(&project);
});
