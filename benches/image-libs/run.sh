#!/usr/bin/env bash
# Compares PNG decoders (image, zune-png, png with palette indices), Lanczos-3 resizers (image,
# fast_image_resize) and zlib levels (zlib-rs) on the 52 scans of Through the Looking-Glass,
# resampled from 533 to 300 ppi as folio's PDF does. Each step runs once over all the scans,
# single-threaded; quoted figures name their machine.
# Usage: benches/image-libs/run.sh [CORPUS_DIR]   (default ../shared/corpus)
set -euo pipefail
cd "$(dirname "$0")"
corpus="$(cd "${1:-../../../shared/corpus}" && pwd)"
cargo build --release -q
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
./target/release/image-libs "$corpus/looking-glass/chapters/images"
