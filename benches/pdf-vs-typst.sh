#!/usr/bin/env bash
# Whole-process benchmark: folio builds the Moby Dick PDF (139 chapters, ~214,000 words), next
# to the Typst compiler (PyPI `typst`) compiling the same chapters converted by pandoc
# (`-t typst`), in the same run, with hyperfine; then peak memory of each with GNU time.
# Both set EB Garamond 11 pt on 6×9 in with 0.75 in margins.
# Usage: benches/pdf-vs-typst.sh [CORPUS_DIR]   (default ../shared/corpus)
set -euo pipefail
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
book="$corpus/moby-dick"
mkdir -p "$work/typ/chapters"
cp -r "$book/chapters/images" "$work/typ/chapters/" 2>/dev/null || true
"$pandoc" -t typst -o "$work/typ/body.typ" --resource-path="$book/chapters" "$book"/chapters/*.md
cat > "$work/typ/book.typ" <<'TYP'
#set page(width: 6in, height: 9in, margin: 0.75in)
#set text(font: "EB Garamond", size: 11pt, lang: "en", hyphenate: true)
#set par(justify: true)
#show heading.where(level: 1): it => { pagebreak(weak: true); it }
#include "body.typ"
TYP
sed -i 's|image("images/|image("chapters/images/|g' "$work/typ/body.typ"
# pandoc's standalone template defines this helper; the body alone needs it too.
sed -i '1i #let horizontalrule = align(center, line(length: 30%, stroke: 0.5pt))' "$work/typ/body.typ"
cat > "$work/run_typst.py" <<PY
import typst
typst.compile("$work/typ/book.typ", output="$work/typst.pdf", root="$work/typ", font_paths=["$(pwd)/fonts"])
PY
echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$venv/bin/python" "$work/run_typst.py"   # warm-up, and a check that it compiles
hyperfine --warmup 1 --runs 5 --export-json "$work/result.json" \
  -n folio "./target/release/folio build '$book' -o '$work/folio' --format pdf" \
  -n typst "'$venv/bin/python' '$work/run_typst.py'"
python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
f, t = r["folio"]["median"], r["typst"]["median"]
print(f"median: folio {f*1000:.0f} ms, typst {t*1000:.0f} ms (includes ~50 ms of Python start): folio is {t/f:.1f}x faster")
PY
/usr/bin/time -f "folio peak RSS: %M KB" ./target/release/folio build "$book" -o "$work/folio" --format pdf 2>&1 | grep peak
/usr/bin/time -f "typst peak RSS: %M KB" "$venv/bin/python" "$work/run_typst.py" 2>&1 | grep peak
echo "pages: folio $(pdfinfo "$work"/folio/*.pdf | awk '/^Pages/{print $2}'), typst $(pdfinfo "$work/typst.pdf" | awk '/^Pages/{print $2}')"
