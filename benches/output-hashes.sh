#!/usr/bin/env bash
# Output fingerprints: builds the sample book, the corpus books (essay, Moby Dick, the Rust
# book) and the test fixtures in both formats with the release binary, and compares the
# SHA-256 of each PDF and EPUB, and of the PDF's words with their positions
# (`pdftotext -bbox`: the layout, whatever the file's object order), with
# benches/output-hashes.txt. A refactoring must leave every line as it is; a change that
# alters the output on purpose rewrites the file (`--update`) in the same commit and says
# why in its message.
# Usage: benches/output-hashes.sh [--update] [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
corpus="$(cd "${1:-../shared/corpus}" && pwd)"
command -v pdftotext >/dev/null || { apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null 2>&1; }
cargo build --release -q
folio="$(pwd)/target/release/folio"
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
export SOURCE_DATE_EPOCH=1700000000
books=(
  "book:book"
  "essay:$corpus/essay"
  "moby-dick:$corpus/moby-dick"
  "rust-book:$corpus/rust-book"
)
for fixture in tests/fixtures/*/; do
  [ -f "$fixture/book.toml" ] || continue
  books+=("fixture-$(basename "$fixture"):$fixture")
done
result="$out/hashes.txt"
for entry in "${books[@]}"; do
  name="${entry%%:*}"; dir="${entry#*:}"
  if ! "$folio" build "$dir" -o "$out/$name" >/dev/null 2>&1; then
    echo "$name build-fails -" >>"$result"; continue
  fi
  for file in "$out/$name"/*.pdf "$out/$name"/*.epub; do
    [ -f "$file" ] || continue
    kind="${file##*.}"
    case "$file" in *-cover.pdf) kind=cover ;; esac
    echo "$name $kind $(sha256sum <"$file" | cut -c1-16)" >>"$result"
    if [ "$kind" = pdf ]; then
      echo "$name layout $(pdftotext -bbox "$file" - 2>/dev/null | grep -v '<meta\|<title' | sha256sum | cut -c1-16)" >>"$result"
    fi
  done
done
if [ "$update" = 1 ]; then
  cp "$result" benches/output-hashes.txt
  echo "benches/output-hashes.txt updated ($(wc -l <"$result") lines)"
elif diff -u benches/output-hashes.txt "$result"; then
  echo "all $(wc -l <"$result") outputs as recorded"
else
  echo "outputs differ from benches/output-hashes.txt (above: - recorded, + now)"; exit 1
fi
