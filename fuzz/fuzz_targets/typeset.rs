//! Markdown → typeset pages → PDF: never panics, and every glyph stays on its page.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let project = common::book(data);
    let Ok(book) = folio::markdown::parse_book(&project) else {
        return;
    };
    let fonts = folio::typeset::text::FontSet::new(folio::project::fonts::faces(&project.fonts)).expect("built-in fonts");
    let setup = &project.config.pdf.setup;
    let Ok((pages, _)) = folio::typeset::typeset_pages(&book, &fonts, setup, 1) else {
        return;
    };
    let width = (setup.trim_width + setup.bleed * 2.0).get();
    let height = (setup.trim_height + setup.bleed * 2.0).get();
    for page in &pages.pages {
        for item in &page.items {
            if let folio::typeset::page::Placed::Text(run) = item {
                assert!(run.origin.y.get() >= 0.0 && run.origin.y.get() <= height, "a line off the page");
                assert!(run.origin.x.get().is_finite() && run.origin.x.get() < width * 4.0);
            }
        }
    }
});
