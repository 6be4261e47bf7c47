#!/usr/bin/env bash
# The README's gallery of the built-in designs: builds tests/fixtures/designs (two numbered
# chapters with a scene break) in each design with the release binary and renders its
# first chapter opening and the spread after it as small PNGs (poppler's pdftoppm,
# ImageMagick's montage) into docs/designs/. Run it again whenever a design changes.
# Usage: benches/design-gallery.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
mkdir -p docs/designs
for design in classic modern literary; do
  target/release/folio build tests/fixtures/designs -o "$out/$design" --design "$design" --format pdf >/dev/null
  pdf="$out/$design/designs.pdf"
  # The first chapter's opening: the page with its first words.
  first=$(for p in $(seq 1 40); do
    if pdftotext -f "$p" -l "$p" "$pdf" - 2>/dev/null | grep -q "never mind how long"; then echo "$p"; break; fi; done)
  pdftoppm -r 40 -f "$first" -l $((first + 2)) -png "$pdf" "$out/$design/p"
  pages=("$out/$design"/p-*.png)
  montage "${pages[@]}" -tile 3x1 -geometry +6+6 -background '#dddddd' "docs/designs/$design.png"
done
echo "wrote docs/designs/{classic,modern,literary}.png"
