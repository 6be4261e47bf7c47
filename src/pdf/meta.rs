//! `Options` → the document information dictionary and the XMP metadata packet.

use std::fmt::Write as _;

use pdf_writer::{Date, Pdf, Ref, TextStr};

use super::Options;

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

/// Writes the document information dictionary `id`.
pub(super) fn write_info(pdf: &mut Pdf, id: Ref, options: &Options) {
    let authors = options.authors.join(", ");
    let keywords = options.keywords.join(", ");
    let mut info = pdf.document_info(id);
    if !options.title.is_empty() {
        info.title(TextStr(&options.title));
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
/// producer and keywords, and the dates when known.
pub(super) fn xmp(options: &Options) -> String {
    let mut x = String::with_capacity(2048);
    x.push_str("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"");
    x.push_str(
        " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n",
    );
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    alt(&mut x, "dc:title", &options.title);
    list(&mut x, "dc:creator", "rdf:Seq", &options.authors);
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
        let x = xmp(&options);
        assert!(x.contains("Moby-Dick &lt;or&gt; &quot;The Whale&quot; &amp; co"));
        assert!(
            x.contains("<rdf:Seq><rdf:li>Herman Melville</rdf:li><rdf:li>O&apos;Brien</rdf:li>")
        );
        assert!(x.contains("<rdf:li>en-GB</rdf:li>"));
        assert!(!x.contains("CreateDate"));
        let dated = xmp(&Options {
            created: Some(0),
            ..options
        });
        assert!(dated.contains("<xmp:ModifyDate>1970-01-01T00:00:00Z</xmp:ModifyDate>"));
    }
}
