//! Book metadata from `book.toml`: title, authors, identifier, dates and the rest.

/// Everything a back end needs to know about the book as a publication.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    /// The title.
    pub title: String,
    /// The subtitle, when there is one.
    pub subtitle: Option<String>,
    /// Authors in order.
    pub authors: Vec<String>,
    /// BCP 47 language tag (`en`, `en-US`, `de`).
    pub language: String,
    /// Whether the text runs right to left.
    pub is_rtl: bool,
    /// A short description (a blurb).
    pub description: Option<String>,
    /// The publisher.
    pub publisher: Option<String>,
    /// The unique identifier of this edition.
    pub identifier: Identifier,
    /// Whether the book gives its identifier (`identifier` in `book.toml`); when not,
    /// `identifier` is derived from title and authors, for the package only, and the
    /// copyright page does not print it.
    pub is_identifier_given: bool,
    /// Publication date as written: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Rights statement.
    pub rights: Option<String>,
    /// Subjects or keywords.
    pub subjects: Vec<String>,
    /// The series the book belongs to.
    pub series: Option<String>,
    /// The book's position in its series.
    pub series_index: Option<String>,
    /// The edition statement (`Second edition`), for the copyright page.
    pub edition: Option<String>,
    /// A dedication, for its own front-matter page.
    pub dedication: Option<String>,
    /// An epigraph, for its own front-matter page.
    pub epigraph: Option<String>,
    /// Who the epigraph is by.
    pub epigraph_source: Option<String>,
    /// When the files were last modified: from `SOURCE_DATE_EPOCH` or the build time.
    pub modified: Timestamp,
    /// The words folio generates, in the book's language (`[labels]` applied).
    pub labels: super::Labels,
}

/// The unique identifier of a publication.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Identifier {
    /// An ISBN-13 (or ISBN-10), digits only.
    Isbn(String),
    /// A UUID, lower-case, hyphenated.
    Uuid(String),
    /// Any other URI (`doi:…`, `https://…`).
    Other(String),
}

impl Default for Identifier {
    fn default() -> Self {
        Identifier::Other(String::new())
    }
}

impl Identifier {
    /// The identifier as a URN or URI (`urn:isbn:…`, `urn:uuid:…`).
    pub fn uri(&self) -> String {
        match self {
            Identifier::Isbn(digits) => format!("urn:isbn:{digits}"),
            Identifier::Uuid(uuid) => format!("urn:uuid:{uuid}"),
            Identifier::Other(uri) => uri.clone(),
        }
    }

    /// A name-based (version 5, SHA-1) UUID identifier derived from title and authors.
    pub fn derived(title: &str, authors: &[String]) -> Identifier {
        // RFC 9562 namespace for URLs; the name is a folio-specific string so that the same
        // title and authors always give the same identifier.
        const NAMESPACE_URL: [u8; 16] = [
            0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4,
            0x30, 0xc8,
        ];
        let mut hasher = sha1_smol::Sha1::new();
        hasher.update(&NAMESPACE_URL);
        hasher.update(b"folio:book:");
        hasher.update(title.as_bytes());
        for author in authors {
            hasher.update(b"\n");
            hasher.update(author.as_bytes());
        }
        let mut bytes: [u8; 16] = [0; 16];
        bytes.copy_from_slice(&hasher.digest().bytes()[..16]);
        bytes[6] = (bytes[6] & 0x0f) | 0x50;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Identifier::Uuid(format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        ))
    }
}

/// A moment in UTC, in whole seconds since the Unix epoch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// `(year, month, day, hour, minute, second)` in the proleptic Gregorian calendar.
    pub fn civil(self) -> (i64, u32, u32, u32, u32, u32) {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        (
            year,
            month,
            day,
            (secs / 3600) as u32,
            (secs % 3600 / 60) as u32,
            (secs % 60) as u32,
        )
    }

    /// ISO 8601 in UTC: `2026-11-24T01:02:03Z`.
    pub fn iso8601(self) -> String {
        let (y, mo, d, h, mi, s) = self.civil();
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_format_as_iso_8601() {
        assert_eq!(Timestamp(0).iso8601(), "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp(1_700_000_000).iso8601(), "2023-11-14T22:13:20Z");
        assert_eq!(Timestamp(951_782_400).iso8601(), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn derived_identifier_is_stable_and_a_version_5_uuid() {
        let a = Identifier::derived("Moby Dick", &["Herman Melville".into()]);
        let b = Identifier::derived("Moby Dick", &["Herman Melville".into()]);
        let c = Identifier::derived("Moby Dick", &["Someone Else".into()]);
        assert_eq!(a, b);
        assert_ne!(a, c);
        let uri = a.uri();
        assert!(uri.starts_with("urn:uuid:"), "{uri}");
        assert_eq!(&uri[9 + 14..9 + 15], "5");
    }
}
