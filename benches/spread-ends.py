#!/usr/bin/env python3
"""Facing pages that end on different lines, counting figures.

Like ../shared/tools/page-fill's MISMATCHED_SPREADS (facing pages, even page then the odd
page after it, neither a chapter's last page, whose last lines differ by more than 1 pt), but a
page whose lowest image reaches below its last text line ends with that image: a figure's foot
counts as level with a baseline it sits at most a quarter line below (folio sets a figure's
foot on the grid at the descender's depth under the baseline). Prints the spreads counted
both ways, and each uneven spread.

usage: benches/spread-ends.py FILE.pdf        (needs PyMuPDF: pip install pymupdf)
"""
import collections
import sys

import pymupdf

if len(sys.argv) != 2:
    sys.exit(__doc__)
doc = pymupdf.open(sys.argv[1])
pages = []
gaps = collections.Counter()
for page in doc:
    h = page.rect.height
    rows = sorted({round(s["origin"][1], 1)
                   for b in page.get_text("dict")["blocks"] for l in b.get("lines", [])
                   for s in l["spans"][:1] if s["text"].strip()
                   and 0.07 * h < s["origin"][1] < 0.93 * h})
    low_image = max((i["bbox"][3] for i in page.get_image_info()), default=None)
    pages.append((rows, low_image))
    gaps.update(round(b - a, 1) for a, b in zip(rows, rows[1:]) if 5 < b - a < 40)
lead = gaps.most_common(1)[0][0] if gaps else 12
top = min((r[0] for r, _ in pages if r), default=0)

ends = {}
for i, (rows, low_image) in enumerate(pages):
    if not rows:
        continue
    nxt = pages[i + 1][0] if i + 1 < len(pages) else None
    if not nxt or nxt[0] > top + 3 * lead:  # a chapter's last page
        continue
    last = rows[-1]
    figure = low_image is not None and low_image > last + 1
    ends[i] = (low_image if figure else last, figure)


def level(a, b):
    (ya, fa), (yb, fb) = a, b
    if fa == fb:
        return abs(ya - yb) <= 1
    (text, _), (image, _) = (b, a) if fa else (a, b)
    return -1 <= image - text <= 0.25 * lead


spreads = by_text = by_page = 0
for k in range(1, len(pages) - 1, 2):  # 0-based odd index = even page number = verso
    a, b = ends.get(k), ends.get(k + 1)
    if a is None or b is None:
        continue
    spreads += 1
    text_a = pages[k][0][-1]
    text_b = pages[k + 1][0][-1]
    by_text += abs(text_a - text_b) > 1
    if not level(a, b):
        by_page += 1
        print(f"uneven: pages {k + 1}-{k + 2} end at {a[0]:.1f} and {b[0]:.1f} pt", file=sys.stderr)
print(f"spreads {spreads}, ending differently: {by_page} counting figures, {by_text} by text lines only")
