//! Markdown → EPUB: never panics, and every XML file of the container parses as XML.
#![no_main]

use std::io::Read;

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let project = common::book(data);
    let options = folio::BuildOptions::default();
    let Ok(outputs) = folio::build(&project, &options) else {
        return;
    };
    let epub = outputs.epub.expect("an EPUB was asked for");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).expect("a valid zip");
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("a readable entry");
        let name = file.name().map(|n| n.to_string()).unwrap_or_default();
        if !(name.ends_with(".xhtml") || name.ends_with(".opf") || name.ends_with(".ncx") || name.ends_with(".xml")) {
            continue;
        }
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8 XML");
        let mut reader = quick_xml::Reader::from_str(&text);
        let mut depth: i64 = 0;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed: {e}\n{text}"),
            }
        }
        assert_eq!(depth, 0, "{name}: unbalanced elements");
    }
});
