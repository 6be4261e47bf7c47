#!/usr/bin/env bash
# Whole-process benchmark of an illustrated book: folio builds Through the Looking-Glass (52
# scans of up to 2400 px) as PDF and EPUB, cold (empty image cache) and warm (cache filled,
# as after a text change), next to the Typst compiler (PyPI `typst`) compiling the same
# chapters converted by pandoc to PDF, in the same hyperfine run (median of 5). Then peak
# memory (GNU time), output sizes, and folio's print readiness line.
# Usage: benches/images-vs-typst.sh [CORPUS_DIR]   (default ../shared/corpus)
set -euo pipefail
export SOURCE_DATE_EPOCH=1700000000   # so that the cold and warm outputs can be compared
cd "$(dirname "$0")/.."
corpus="$(cd "${1:-../shared/corpus}" && pwd)"
venv="${XDG_CACHE_HOME:-$HOME/.cache}/folio-bench"
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import pypandoc, typst' 2>/dev/null || "$venv/bin/pip" install -q pypandoc-binary typst
pandoc="$("$venv/bin/python" -c 'import pypandoc; print(pypandoc.get_pandoc_path())')"
cargo build --release -q
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
book="$corpus/looking-glass"
folio="$(pwd)/target/release/folio"
mkdir -p "$work/typ/chapters"
cp -r "$book/chapters/images" "$work/typ/chapters/"
"$pandoc" -t typst -o "$work/typ/body.typ" --resource-path="$book/chapters" "$book"/chapters/*.md
cat > "$work/typ/book.typ" <<'TYP'
#set page(width: 6in, height: 9in, margin: 0.75in)
#set text(font: "EB Garamond", size: 11pt, lang: "en", hyphenate: true)
#set par(justify: true)
#show heading.where(level: 1): it => { pagebreak(weak: true); it }
#include "body.typ"
TYP
sed -i 's|image("images/|image("chapters/images/|g' "$work/typ/body.typ"
sed -i '1i #let horizontalrule = align(center, line(length: 30%, stroke: 0.5pt))' "$work/typ/body.typ"
cat > "$work/run_typst.py" <<PY
import typst
typst.compile("$work/typ/book.typ", output="$work/typst.pdf", root="$work/typ", font_paths=["$(pwd)/fonts"])
PY
echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
"$venv/bin/python" "$work/run_typst.py"   # warm-up, and a check that it compiles
"$folio" build "$book" -o "$work/warm" --cache "$work/cache" 2>/dev/null   # fills the cache
hyperfine --warmup 1 --runs 5 --export-json "$work/result.json" \
  -n folio-cold --prepare "rm -rf '$work/cold-cache'" \
  "'$folio' build '$book' -o '$work/cold' --cache '$work/cold-cache'" \
  -n folio-warm "'$folio' build '$book' -o '$work/warm' --cache '$work/cache'" \
  -n typst "'$venv/bin/python' '$work/run_typst.py'"
python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
t = r["typst"]
for name in ("folio-cold", "folio-warm"):
    print(f"median: {name} {r[name]*1000:.0f} ms (PDF + EPUB), typst {t*1000:.0f} ms (PDF only, ~50 ms of it Python): folio is {t/r[name]:.1f}x faster")
PY
rm -rf "$work/cold-cache"
/usr/bin/time -f "folio cold peak RSS: %M KB" "$folio" build "$book" -o "$work/cold" --cache "$work/cold-cache" 2>&1 | grep peak
/usr/bin/time -f "folio warm peak RSS: %M KB" "$folio" build "$book" -o "$work/warm" --cache "$work/cache" 2>&1 | grep peak
/usr/bin/time -f "typst peak RSS: %M KB" "$venv/bin/python" "$work/run_typst.py" 2>&1 | grep peak
ls -l "$work"/cold/*.pdf "$work"/cold/*.epub "$work/typst.pdf" | awk '{printf "%s: %.1f MB\n", $NF, $5/1e6}' | sed "s|$work/||"
"$folio" build "$book" -o "$work/cold" --cache "$work/cache" --format pdf 2>&1 | grep '^print:'
cmp -s "$work"/cold/*.pdf "$work"/warm/*.pdf && echo "cold and warm PDFs are byte-identical" || echo "cold and warm PDFs differ"
