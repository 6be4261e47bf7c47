#!/usr/bin/env bash
# Japanese at book length (issue 14): a Japanese book of about 600 pages builds (both formats)
# in under 5× Moby Dick's time. The book is generated in a temporary folder (deleted at the
# end) from tests/fixtures/book-ja (8 chapters, 43 pages): its chapters copied --copies times
# (16 by default: 600 pages) under distinct names, with a SUMMARY.md listing them all. Needs a CJK font on
# the machine (Debian's fonts-noto-cjk), as the fixture does. Times are hyperfine medians of
# --runs runs (5 by default) after a warm-up, Moby Dick and the Japanese book in one run.
# Usage: benches/japanese-scale.sh [--runs N] [--copies N] [CORPUS_DIR]   (default ../shared/corpus)
#   FOLIO=/path/to/folio   measure that binary instead of building target/release/folio
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5 copies=16
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --copies) copies="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "error: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
corpus="$(cd "${1:-../shared/corpus}" && pwd)"
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
if [ -n "${FOLIO:-}" ]; then
  folio="$FOLIO"
else
  cargo build --release --quiet
  folio="$PWD/target/release/folio"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
book="$work/ja"
mkdir -p "$book/src"
cp tests/fixtures/book-ja/book.toml "$book/"
echo "# 目次" > "$book/src/SUMMARY.md"
echo >> "$book/src/SUMMARY.md"
for n in $(seq 1 "$copies"); do
  for chapter in tests/fixtures/book-ja/src/ch*.md; do
    name="$(printf '%02d' "$n")-$(basename "$chapter")"
    # Footnote labels are per chapter file, so copies need no renaming.
    cp "$chapter" "$book/src/$name"
    title="$(head -1 "$chapter" | sed 's/^# //')"
    echo "- [$title（$n）]($name)" >> "$book/src/SUMMARY.md"
  done
done
"$folio" build "$book" -o "$work/out" --diagnostics short 2> "$work/ja.log" || { cat "$work/ja.log"; exit 1; }
pages="$(grep -o '[0-9]* pages' "$work/ja.log" | head -1)"
warnings="$(grep -c 'warning' "$work/ja.log" || true)"
echo "Japanese book: $copies × 8 chapters, $pages, $warnings warnings"
hyperfine --warmup 1 --runs "$runs" --export-json "$work/times.json" \
  -n moby "$folio build $corpus/moby-dick -o $work/moby --diagnostics short" \
  -n japanese "$folio build $book -o $work/out --diagnostics short" >/dev/null 2>&1
python3 - "$work/times.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
moby, ja = r["moby"]["median"], r["japanese"]["median"]
print(f"moby      median {moby*1000:7.0f} ms")
print(f"japanese  median {ja*1000:7.0f} ms  = {ja/moby:.2f}× Moby (bar: under 5×) {'PASS' if ja/moby < 5 else 'FAIL'}")
PY
