//! `SpanMap`: offsets in a text assembled from pieces of several files (a chapter with its
//! includes expanded) → spans in those files, so diagnostics name the file and line written.

use super::{FileId, Span};

/// Where each piece of an assembled text was copied from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpanMap {
    /// Sorted by `at`; each runs to the next one's `at`.
    segments: Vec<Segment>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    /// Offset in the assembled text where the piece begins.
    at: usize,
    /// The file it comes from.
    file: FileId,
    /// Offset in that file of the piece's first byte.
    from: usize,
}

impl SpanMap {
    /// A text that is the whole of `file`, as loaded.
    pub fn identity(file: FileId) -> SpanMap {
        SpanMap {
            segments: vec![Segment {
                at: 0,
                file,
                from: 0,
            }],
        }
    }

    /// Records that the text from offset `at` on comes from offset `from` of `file`.
    /// Pieces must be pushed in order; one that continues the previous piece merges with it.
    pub fn push(&mut self, at: usize, file: FileId, from: usize) {
        if let Some(last) = self.segments.last_mut() {
            if last.file == file && at >= last.at && last.from + (at - last.at) == from {
                return;
            }
            if last.at == at {
                *last = Segment { at, file, from };
                return;
            }
        }
        self.segments.push(Segment { at, file, from });
    }

    /// Copies the origins of `range` of this map's text into `out`, for text placed at `at`.
    pub fn copy(&self, range: std::ops::Range<usize>, out: &mut SpanMap, at: usize) {
        if range.is_empty() {
            return;
        }
        let first = self.index(range.start);
        for seg in &self.segments[first..] {
            if seg.at >= range.end {
                break;
            }
            let start = seg.at.max(range.start);
            out.push(
                at + (start - range.start),
                seg.file,
                seg.from + (start - seg.at),
            );
        }
    }

    /// The file and offset that byte `pos` of the text comes from.
    pub fn locate(&self, pos: usize) -> Option<(FileId, usize)> {
        let seg = self.segments.get(self.index(pos))?;
        Some((seg.file, seg.from + pos.saturating_sub(seg.at)))
    }

    /// The span in the source files of `range` of the text: where it starts, and as far as
    /// it runs in that same piece.
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        let k = self.index(range.start);
        let Some(seg) = self.segments.get(k) else {
            return Span::new(FileId(0), 0..0);
        };
        let start = seg.from + range.start.saturating_sub(seg.at);
        let piece_end = self.segments.get(k + 1).map_or(usize::MAX, |next| next.at);
        let end = seg.from + range.end.min(piece_end).saturating_sub(seg.at);
        Span::new(seg.file, start..end.max(start))
    }

    /// Index of the segment holding `pos` (the last that starts at or before it).
    fn index(&self, pos: usize) -> usize {
        self.segments
            .partition_point(|s| s.at <= pos)
            .saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_map_back_to_their_files() {
        let mut map = SpanMap::default();
        map.push(0, FileId(1), 10); // "abc" from file 1 at 10
        map.push(3, FileId(2), 0); // "defg" from file 2 at 0
        map.push(7, FileId(1), 20);
        assert_eq!(map.locate(1), Some((FileId(1), 11)));
        assert_eq!(map.locate(4), Some((FileId(2), 1)));
        assert_eq!(map.span(2..6), Span::new(FileId(1), 12..13));
        assert_eq!(map.span(8..9), Span::new(FileId(1), 21..22));
        let mut out = SpanMap::default();
        map.copy(2..8, &mut out, 100);
        assert_eq!(out.locate(100), Some((FileId(1), 12)));
        assert_eq!(out.locate(102), Some((FileId(2), 1)));
        assert_eq!(out.locate(106), Some((FileId(1), 21)));
    }

    #[test]
    fn contiguous_pieces_merge() {
        let mut map = SpanMap::identity(FileId(3));
        map.push(5, FileId(3), 5);
        assert_eq!(map, SpanMap::identity(FileId(3)));
    }
}
