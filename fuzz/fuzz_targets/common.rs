//! Shared by the fuzz targets: bytes → a two-chapter book held in memory.

use folio::project::{self, Project};

/// The input is the first chapter's Markdown (invalid UTF-8 replaced: the loader rejects
/// it with an error before parsing, which the integration tests cover).
pub fn book(data: &[u8]) -> Project {
    let text = String::from_utf8_lossy(data);
    let toml = "[book]\ntitle = \"Fuzz\"\nauthors = [\"F\"]\nlanguage = \"en\"\n";
    project::from_memory(
        toml,
        &[("src/one.md", text.as_ref()), ("src/two.md", "# Two\n\nEnd.")],
        &[],
    )
}
