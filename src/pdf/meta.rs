//! `Options` → the document information dictionary and the XMP metadata packet.

use std::fmt::Write as _;

use pdf_writer::types::TrappingStatus;
use pdf_writer::{Date, Name, Pdf, Ref, Str, TextStr};

use super::Options;
use super::standards::{self, PdfStandard};

/// A UTC calendar time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Civil {
    year: i64,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
}

impl Civil {
    /// The UTC time `seconds` after 1970-01-01 (the calendar arithmetic of `doc::Timestamp`).
    fn from_unix(seconds: i64) -> Civil {
        let (year, month, day, hour, minute, second) = crate::doc::Timestamp(seconds).civil();
        // The parts are in range by construction: month 1–12, day 1–31, hour 0–23, 0–59.
        let narrow = |v: u32| u8::try_from(v).unwrap_or(u8::MAX);
        Civil {
            year,
            month: narrow(month),
            day: narrow(day),
            hour: narrow(hour),
            minute: narrow(minute),
            second: narrow(second),
        }
    }

    /// A PDF date, `D:YYYYMMDDHHmmSSZ` (years outside 0–9999 are clamped).
    fn pdf(self) -> Date {
        Date::new(self.year.clamp(0, 9999) as u16)
            .month(self.month)
            .day(self.day)
            .hour(self.hour)
            .minute(self.minute)
            .second(self.second)
            .utc_offset_hour(0)
    }

    /// ISO 8601, as XMP wants it.
    fn iso(self) -> String {
        let Civil {
            year,
            month,
            day,
            hour,
            minute,
            second,
        } = self;
        let year = year.clamp(0, 9999);
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
    }
}

/// The title written: PDF/X and PDF/A want one, so an untitled book gets `Untitled`.
fn title(options: &Options) -> &str {
    match options.title.trim().is_empty() && options.standard != PdfStandard::None {
        true => "Untitled",
        false => &options.title,
    }
}

/// Writes the document information dictionary `id`: the metadata, and for a standard
/// `/Trapped /False` (folio does not trap) and the PDF/X version keys.
pub(super) fn write_info(pdf: &mut Pdf, id: Ref, options: &Options) {
    let authors = options.authors.join(", ");
    let keywords = options.keywords.join(", ");
    let mut info = pdf.document_info(id);
    let title = title(options);
    if !title.is_empty() {
        info.title(TextStr(title));
    }
    if options.standard != PdfStandard::None {
        info.trapped(TrappingStatus::NotTrapped);
    }
    if let Some(version) = standards::pdfx_version(options.standard) {
        // PDF 1.4 readers know these keys as plain strings.
        info.pair(Name(b"GTS_PDFXVersion"), Str(version.as_bytes()));
        if options.standard == PdfStandard::X1a {
            info.pair(Name(b"GTS_PDFXConformance"), Str(version.as_bytes()));
        }
    }
    if !authors.is_empty() {
        info.author(TextStr(&authors));
    }
    if let Some(subject) = &options.subject {
        info.subject(TextStr(subject));
    }
    if !keywords.is_empty() {
        info.keywords(TextStr(&keywords));
    }
    info.creator(TextStr(&options.producer))
        .producer(TextStr(&options.producer));
    if let Some(created) = options.created {
        let date = Civil::from_unix(created).pdf();
        info.creation_date(date).modified_date(date);
    }
}

/// The XMP packet: Dublin Core title, creators, language, description and subjects, the PDF
/// producer and keywords, and the dates when known; for a standard, the document ID
/// (`file_id`, as in the trailer), `pdf:Trapped` and the standard's identification, each
/// value the same as in `/Info`.
pub(super) fn xmp(options: &Options, file_id: &[u8]) -> String {
    let standard = options.standard;
    let mut x = String::with_capacity(2048);
    x.push_str("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"");
    x.push_str(
        " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"",
    );
    x.push_str(" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"");
    match standard {
        PdfStandard::X4 | PdfStandard::X1a => {
            x.push_str(" xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"");
            x.push_str(" xmlns:pdfx=\"http://ns.adobe.com/pdfx/1.3/\"");
        }
        PdfStandard::A2b => x.push_str(" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\""),
        PdfStandard::None => {}
    }
    x.push_str(">\n");
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    alt(&mut x, "dc:title", title(options));
    if standard == PdfStandard::A2b && options.authors.len() > 1 {
        // PDF/A: dc:creator must equal /Author, which joins the names with commas.
        list(
            &mut x,
            "dc:creator",
            "rdf:Seq",
            &[options.authors.join(", ")],
        );
    } else {
        list(&mut x, "dc:creator", "rdf:Seq", &options.authors);
    }
    if !options.language.is_empty() {
        list(
            &mut x,
            "dc:language",
            "rdf:Bag",
            std::slice::from_ref(&options.language),
        );
    }
    if let Some(subject) = &options.subject {
        alt(&mut x, "dc:description", subject);
    }
    list(&mut x, "dc:subject", "rdf:Bag", &options.keywords);
    simple(&mut x, "pdf:Producer", &options.producer);
    if !options.keywords.is_empty() {
        simple(&mut x, "pdf:Keywords", &options.keywords.join(", "));
    }
    simple(&mut x, "xmp:CreatorTool", &options.producer);
    if let Some(created) = options.created {
        let date = Civil::from_unix(created).iso();
        for tag in ["xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"] {
            simple(&mut x, tag, &date);
        }
    }
    if standard != PdfStandard::None {
        let id: String = file_id.iter().map(|b| format!("{b:02x}")).collect();
        let uuid = format!(
            "uuid:{}-{}-{}-{}-{}",
            &id[..8],
            &id[8..12],
            &id[12..16],
            &id[16..20],
            &id[20..]
        );
        simple(&mut x, "xmpMM:DocumentID", &uuid);
        simple(&mut x, "xmpMM:InstanceID", &uuid);
        simple(&mut x, "xmpMM:VersionID", "1");
        simple(&mut x, "xmpMM:RenditionClass", "default");
        simple(&mut x, "pdf:Trapped", "False");
    }
    if let Some(version) = standards::pdfx_version(standard) {
        simple(&mut x, "pdfxid:GTS_PDFXVersion", version);
        // What Acrobat writes for PDF/X-1a, in Adobe's namespace, matching /Info.
        simple(&mut x, "pdfx:GTS_PDFXVersion", version);
        if standard == PdfStandard::X1a {
            simple(&mut x, "pdfx:GTS_PDFXConformance", version);
        }
    }
    if standard == PdfStandard::A2b {
        simple(&mut x, "pdfaid:part", "2");
        simple(&mut x, "pdfaid:conformance", "B");
    }
    x.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    x
}

fn simple(x: &mut String, tag: &str, value: &str) {
    let _ = writeln!(x, "<{tag}>{}</{tag}>", Escaped(value));
}

fn alt(x: &mut String, tag: &str, value: &str) {
    let _ = writeln!(
        x,
        "<{tag}><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></{tag}>",
        Escaped(value)
    );
}

fn list(x: &mut String, tag: &str, kind: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    let _ = write!(x, "<{tag}><{kind}>");
    for value in values {
        let _ = write!(x, "<rdf:li>{}</rdf:li>", Escaped(value));
    }
    let _ = writeln!(x, "</{kind}></{tag}>");
}

/// Text escaped for XML content and attributes; characters XML 1.0 forbids are dropped.
struct Escaped<'a>(&'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&apos;")?,
                '\t' | '\n' | '\r' => f.write_char(c)?,
                c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_seconds_become_utc_calendar_dates() {
        let c = Civil::from_unix(0);
        assert_eq!((c.year, c.month, c.day, c.hour), (1970, 1, 1, 0));
        assert_eq!(Civil::from_unix(951_827_696).iso(), "2000-02-29T12:34:56Z");
        assert_eq!(Civil::from_unix(-1).iso(), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn xmp_escapes_every_value_and_dates_only_when_known() {
        let options = Options {
            title: "Moby-Dick <or> \"The Whale\" & co".into(),
            authors: vec!["Herman Melville".into(), "O'Brien".into()],
            keywords: vec!["whales".into()],
            language: "en-GB".into(),
            producer: "folio".into(),
            ..Options::default()
        };
        let x = xmp(&options, &[0; 16]);
        assert!(x.contains("Moby-Dick &lt;or&gt; &quot;The Whale&quot; &amp; co"));
        assert!(
            x.contains("<rdf:Seq><rdf:li>Herman Melville</rdf:li><rdf:li>O&apos;Brien</rdf:li>")
        );
        assert!(x.contains("<rdf:li>en-GB</rdf:li>"));
        assert!(!x.contains("CreateDate"));
        let dated = xmp(
            &Options {
                created: Some(0),
                ..options.clone()
            },
            &[0; 16],
        );
        assert!(dated.contains("<xmp:ModifyDate>1970-01-01T00:00:00Z</xmp:ModifyDate>"));
        assert!(!dated.contains("pdfxid") && !dated.contains("pdfaid"));
        let x4 = xmp(
            &Options {
                standard: PdfStandard::X4,
                ..options.clone()
            },
            &[0xab; 16],
        );
        assert!(x4.contains("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"));
        assert!(x4.contains("<pdf:Trapped>False</pdf:Trapped>"));
        assert!(x4.contains(
            "<xmpMM:DocumentID>uuid:abababab-abab-abab-abab-abababababab</xmpMM:DocumentID>"
        ));
        let a2b = xmp(
            &Options {
                standard: PdfStandard::A2b,
                ..options
            },
            &[0; 16],
        );
        assert!(a2b.contains("<pdfaid:part>2</pdfaid:part>"));
        assert!(a2b.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
        assert!(a2b.contains("<rdf:Seq><rdf:li>Herman Melville, O&apos;Brien</rdf:li></rdf:Seq>"));
        assert!(!a2b.contains("pdfxid"));
    }
}
