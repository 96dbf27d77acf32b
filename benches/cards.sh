#!/usr/bin/env bash
# What social cards cost: a generated library built without cards, with
# cards and an empty cache (every card drawn), and with cards again (every
# card from .lectern-cache/cards/), on tmpfs.
#
#   bash benches/cards.sh [RUNS] [SIZES...]      default: 5 runs, 1000 items
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
shift || true
SIZES=${*:-1000}
WORK=${BENCH_DIR:-/dev/shm/lectern-cards-bench}
source benches/common.sh
cargo build --release --quiet --bin lectern --example gen_library
LECTERN=$PWD/target/release/lectern

build() { timed "$1" "$LECTERN" build --no-cache --root "$2" --out "$WORK/out"; }

echo "machine: $(nproc) cores; lectern $($LECTERN --version | cut -d' ' -f2), $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
printf '%-8s %-22s %10s %12s\n' items build "wall (s)" "peak (MiB)"
for n in $SIZES; do
  rm -rf "$WORK"; mkdir -p "$WORK"
  ./target/release/examples/gen_library "$n" "$WORK/plain" "$WORK/hugo" >/dev/null
  mkdir -p "$WORK/cards"; cp -r "$WORK/plain/content" "$WORK/cards/"
  { cat "$WORK/plain/lectern.yaml"; echo "social_cards: true"; } > "$WORK/cards/lectern.yaml"
  : > "$WORK/plain.txt"; : > "$WORK/cold.txt"; : > "$WORK/warm.txt"
  for run in $(seq "$RUNS"); do
    build "$WORK/plain.txt" "$WORK/plain"
    rm -rf "$WORK/cards/.lectern-cache"
    build "$WORK/cold.txt" "$WORK/cards"
    build "$WORK/warm.txt" "$WORK/cards"
  done
  for kind in plain cold warm; do
    t=$(cut -d' ' -f1 "$WORK/$kind.txt" | median); m=$(cut -d' ' -f2 "$WORK/$kind.txt" | median)
    case $kind in plain) label="no cards";; cold) label="cards, empty cache";; warm) label="cards, from the cache";; esac
    printf '%-8s %-22s %10.2f %12.0f\n' "$n" "$label" "$t" "$(echo "$m/1024" | bc -l)"
  done
  pt=$(cut -d' ' -f1 "$WORK/plain.txt" | median)
  ct=$(cut -d' ' -f1 "$WORK/cold.txt" | median); wt=$(cut -d' ' -f1 "$WORK/warm.txt" | median)
  printf '%-8s per card: %.1f ms drawn, %.2f ms from the cache (wall, %s cores); cache %s\n' "$n" \
    "$(echo "($ct-$pt)*1000/($n+1)" | bc -l)" "$(echo "($wt-$pt)*1000/($n+1)" | bc -l)" "$(nproc)" \
    "$(du -sh "$WORK/cards/.lectern-cache/cards" | cut -f1)"
done
