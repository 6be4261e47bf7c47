#!/usr/bin/env bash
# Scale benchmark (issue 10): how build time and peak memory grow with the size of the book.
# Builds, in one run and with the same release binary, both formats (EPUB and PDF, the default)
# of four books generated from the corpus's Moby Dick (139 chapters, ~554 pages) in a temporary
# folder that is deleted at the end (generated books are never committed):
#   moby        Moby Dick as it is;
#   x10-chap    Moby × 10 as 1,390 chapter files (each chapter copied 10 times under distinct
#               names `NN-<name>.md`; folio reads the chapter folder in name order, as moby-dick
#               has no SUMMARY.md, so the book is Moby ten times over), book.toml kept;
#   x10-one     Moby × 10 concatenated into ONE chapter file;
#   x44-one     Moby × 44 as one chapter (~53 MB of Markdown, ~19,000 pages; skipped by --quick).
# In the one-chapter books only the very first heading (`# Dedication`) stays a chapter heading
# (the chapter's title); every other chapter's `# Heading` is demoted to `## Heading`, so that
# the book really is one chapter. In every copy after the first, footnote labels are renamed
# (`[^7]` → `[^r3-7]`) so that no footnote is defined twice; images and the cover are copied.
# Times are hyperfine medians (a warm-up run, then --runs; the ×44 book has no warm-up and
# --huge-runs, 3 by default); peak RSS is GNU time's %M over every run of a book (its largest).
# Each build prints problems with `--diagnostics short`; the last run's stderr is kept in
# target/scale/<book>.log. The table compares each book with Moby's median and with the bars of
# issue 10: time ≤ 11× (x10-chap), 12× (x10-one), 50× (x44-one); peak RSS < 160 MB (moby),
# 400 MB (x10) and 1 GB (x44), MB being 1024 × 1024 bytes.
# Usage: benches/scale.sh [--quick] [--runs N] [--huge-runs N] [CORPUS_DIR]   (default ../shared/corpus)
#   FOLIO=/path/to/folio   measure that binary instead of building target/release/folio
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0 runs=5 huge_runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --runs) runs="$2"; shift 2 ;;
    --huge-runs) huge_runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "error: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
corpus="$(cd "${1:-../shared/corpus}" && pwd)"
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
if [ -n "${FOLIO:-}" ]; then
  folio="$(cd "$(dirname "$FOLIO")" && pwd)/$(basename "$FOLIO")"
else
  cargo build --release -q
  folio="$(pwd)/target/release/folio"
fi
logs="$(pwd)/target/scale"; mkdir -p "$logs"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
moby="$corpus/moby-dick"

# A copy of the book folder without its chapters.
skeleton() {
  mkdir -p "$1/chapters"
  cp "$moby/book.toml" "$moby/cover.jpg" "$1/"
  cp -r "$moby/chapters/images" "$1/chapters/"
}
# Footnote labels of copy $1 (from the second on) made unique: `[^7]` → `[^r3-7]`.
relabel() {
  if [ "$1" -eq 1 ]; then cat; else sed -E "s/\[\^([0-9]+)\]/[^r$1-\1]/g"; fi
}
# Copy $1 of Moby as one chapter's text: every `# Heading` demoted to `## Heading`.
one_copy() {
  for f in "$moby"/chapters/*.md; do cat "$f"; echo; done | sed 's/^# /## /' | relabel "$1"
}
# Moby × $2 as one chapter file in book $1; the first heading is the chapter's title again.
one_chapter() {
  skeleton "$1"
  { one_copy 1 | sed '1s/^## /# /'; for ((r = 2; r <= $2; r++)); do one_copy "$r"; done; } \
    > "$1/chapters/001-moby-dick.md"
}

echo "generating the books in $work"
skeleton "$work/moby"; cp "$moby"/chapters/*.md "$work/moby/chapters/"
skeleton "$work/x10-chap"
for ((r = 1; r <= 10; r++)); do
  for f in "$moby"/chapters/*.md; do
    relabel "$r" < "$f" > "$work/x10-chap/chapters/$(printf %02d "$r")-$(basename "$f")"
  done
done
one_chapter "$work/x10-one" 10
books=(moby x10-chap x10-one)
if [ "$quick" -eq 0 ]; then one_chapter "$work/x44-one" 44; books+=(x44-one); fi
for b in "${books[@]}"; do
  echo "  $b: $(find "$work/$b/chapters" -name '*.md' | wc -l) chapter file(s), $(cat "$work/$b"/chapters/*.md | wc -c | numfmt --to=iec) of Markdown"
done

# The command hyperfine times for book $1: GNU time records its peak RSS.
build() {
  echo "/usr/bin/time -f %M -a -o '$work/$1.rss' '$folio' build '$work/$1' -o '$work/out/$1' --diagnostics short 2> '$logs/$1.log'"
}
echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $folio ($("$folio" --version))"
named=()
for b in moby x10-chap x10-one; do named+=(-n "$b" "$(build "$b")"); done
hyperfine --warmup 1 --runs "$runs" --export-json "$work/small.json" "${named[@]}"
jsons=("$work/small.json")
if [ "$quick" -eq 0 ]; then
  hyperfine --runs "$huge_runs" --export-json "$work/huge.json" -n x44-one "$(build x44-one)"
  jsons+=("$work/huge.json")
fi
for b in "${books[@]}"; do
  pages=$(command -v pdfinfo >/dev/null && pdfinfo "$work/out/$b"/*.pdf 2>/dev/null | awk '/^Pages/{print $2}' || true)
  echo "$b ${pages:-?} $(sort -n "$work/$b.rss" | tail -1) $(grep -cE '(warning|error)(\[[^]]*\])?:' "$logs/$b.log" || true)"
done > "$work/facts.txt"
python3 - "$work/facts.txt" "${jsons[@]}" <<'PY'
import json, sys
facts = {b: (p, int(k), int(w)) for b, p, k, w in (l.split() for l in open(sys.argv[1]))}
res = {x["command"]: x for f in sys.argv[2:] for x in json.load(open(f))["results"]}
time_bar = {"moby": None, "x10-chap": 11, "x10-one": 12, "x44-one": 50}
rss_bar = {"moby": 160, "x10-chap": 400, "x10-one": 400, "x44-one": 1024}
base = res["moby"]["median"]
print(f"\n{'book':<9} {'pages':>6} {'runs':>4} {'median':>9} {'× moby':>7} {'time bar':>9} "
      f"{'peak RSS':>9} {'RSS bar':>8}  problems")
misses = 0
for book in res:
    r, (pages, kb, lines) = res[book], facts[book]
    ratio, mb = r["median"] / base, kb / 1024
    bar = time_bar[book]
    t_ok = bar is None or ratio <= bar
    m_ok = mb < rss_bar[book]
    misses += (not t_ok) + (not m_ok)
    tb = "—" if bar is None else f"≤{bar}× {'PASS' if t_ok else 'MISS'}"
    print(f"{book:<9} {pages:>6} {len(r['times']):>4} {r['median']:>8.2f}s {ratio:>6.2f}× {tb:>9} "
          f"{mb:>6.0f} MB {'PASS' if m_ok else 'MISS':>8}  {lines}")
print(f"\n{misses} miss(es); problems: warning and error lines in the log; RSS bars: <{rss_bar['moby']} MB moby, <400 MB ×10, <1 GB ×44 (MB = 2^20 bytes)")
PY
echo "stderr of each book's last run: $logs/<book>.log"
