#!/usr/bin/env bash
# Whole-process benchmark: folio builds the Moby Dick EPUB (139 chapters, ~214,000 words),
# next to `pandoc -t epub3` on the same chapters, in the same run, with hyperfine.
# Usage: benches/epub-vs-pandoc.sh [CORPUS_DIR]   (default ../shared/corpus)
# Installs hyperfine (Debian) and pandoc (PyPI pypandoc-binary) on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="$(cd "${1:-../shared/corpus}" && pwd)"
venv="${XDG_CACHE_HOME:-$HOME/.cache}/folio-bench"
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import pypandoc' 2>/dev/null || "$venv/bin/pip" install -q pypandoc-binary
pandoc="$("$venv/bin/python" -c 'import pypandoc; print(pypandoc.get_pandoc_path())')"
cargo build --release -q
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
book="$corpus/moby-dick"
echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "pandoc: $("$pandoc" --version | head -1)"
hyperfine --warmup 2 --runs 10 --export-json "$out/result.json" \
  -n folio "./target/release/folio build '$book' -o '$out/folio' --format epub" \
  -n pandoc "'$pandoc' -t epub3 -o '$out/pandoc.epub' --metadata title='Moby Dick' --epub-cover-image='$book/cover.jpg' --resource-path='$book/chapters' '$book'/chapters/*.md"
python3 - "$out/result.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
f, p = r["folio"]["median"], r["pandoc"]["median"]
print(f"median: folio {f*1000:.1f} ms, pandoc {p*1000:.0f} ms: folio is {p/f:.0f}x faster")
PY
