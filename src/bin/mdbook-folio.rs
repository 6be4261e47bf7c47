//! `mdbook-folio`: folio as an mdBook backend (placeholder, filled in below).
fn main() {}
