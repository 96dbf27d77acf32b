#!/usr/bin/env bash
# Lectern against Hugo on generated libraries, on tmpfs.
#
#   bash benches/compare.sh [RUNS] [SIZES...]      default: 5 runs, 1000 and 10000 items
#
# Generates a library of N items shaped like the seeds (and the same content
# as a Hugo site), builds both alternately RUNS times each with output on
# tmpfs, and reports medians of wall time and peak memory, and the ratios;
# the same library with `search: false` shows what the search index adds.
# Hugo is the newest the Python registry offers (benches/hugo.sh); see
# benches/shapes.sh for libraries of other shapes and Debian's Hugo beside it.
# Every Lectern build is a full one (--no-cache; benches/shapes.sh times
# second builds), and waits for the previous site's background removal.
# Then measures the seed library's build and, at the largest size, the live
# preview's save-to-reload-event latency. Installs Hugo if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
shift || true
SIZES=${*:-1000 10000}
WORK=${BENCH_DIR:-/dev/shm/lectern-bench}

source benches/hugo.sh
source benches/common.sh
cargo build --release --quiet --bin lectern --example gen_library --example serve_latency --example search_bench
LECTERN=$PWD/target/release/lectern


echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr); hugo $(hugo_version "$HUGO_NEW")"
echo "lectern $($LECTERN --version | cut -d' ' -f2), $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
printf '%-8s %-8s %10s %12s\n' items tool "wall (s)" "peak (MiB)"
for n in $SIZES; do
  rm -rf "$WORK"; mkdir -p "$WORK"
  ./target/release/examples/gen_library "$n" "$WORK/lib" "$WORK/hugo" >/dev/null
  # The same library with the search index turned off, to show its cost.
  mkdir -p "$WORK/lib-nosearch"; cp -r "$WORK/lib/content" "$WORK/lib-nosearch/"
  { cat "$WORK/lib/lectern.yaml"; echo "search: false"; } > "$WORK/lib-nosearch/lectern.yaml"
  : > "$WORK/lectern.txt"; : > "$WORK/hugo.txt"; : > "$WORK/nosearch.txt"
  for run in $(seq "$RUNS"); do
    rm -rf "$WORK/out-l" "$WORK/out-h" "$WORK/out-n"
    timed "$WORK/lectern.txt" "$LECTERN" build --no-cache --root "$WORK/lib" --out "$WORK/out-l"
    wait_removed "$WORK"
    (cd "$WORK/hugo" && timed "$WORK/hugo.txt" "$HUGO_NEW" --quiet -d "$WORK/out-h")
    timed "$WORK/nosearch.txt" "$LECTERN" build --no-cache --root "$WORK/lib-nosearch" --out "$WORK/out-n"
    wait_removed "$WORK"
  done
  lt=$(cut -d' ' -f1 "$WORK/lectern.txt" | median); lm=$(cut -d' ' -f2 "$WORK/lectern.txt" | median)
  ht=$(cut -d' ' -f1 "$WORK/hugo.txt" | median); hm=$(cut -d' ' -f2 "$WORK/hugo.txt" | median)
  nt=$(cut -d' ' -f1 "$WORK/nosearch.txt" | median)
  # CPU time (user + system) swings less than wall time on a shared machine.
  lc=$(awk '{print $3 + $4}' "$WORK/lectern.txt" | median); nc=$(awk '{print $3 + $4}' "$WORK/nosearch.txt" | median)
  printf '%-8s %-8s %10.2f %12.0f\n' "$n" lectern "$lt" "$(echo "$lm/1024" | bc -l)"
  printf '%-8s %-8s %10.2f %12.0f\n' "$n" hugo "$ht" "$(echo "$hm/1024" | bc -l)"
  printf '%-8s ratio    %10.2f %12.2f   (lectern / hugo)\n' "$n" "$(echo "$lt/$ht" | bc -l)" "$(echo "$lm/$hm" | bc -l)"
  printf '%-8s search   %10.2f s without the index: it adds %.0f%% wall time, %.0f%% CPU time\n' "$n" "$nt" "$(echo "($lt/$nt-1)*100" | bc -l)" "$(echo "($lc/$nc-1)*100" | bc -l)"
done

# The seed library (the repository's own content).
: > "$WORK/seeds.txt"
for run in $(seq "$RUNS"); do
  rm -rf "$WORK/out-s"
  timed "$WORK/seeds.txt" "$LECTERN" build --no-cache --root . --out "$WORK/out-s"
done
printf 'seeds    lectern  %10.3f %12.0f\n' "$(cut -d' ' -f1 "$WORK/seeds.txt" | median)" "$(echo "$(cut -d' ' -f2 "$WORK/seeds.txt" | median)/1024" | bc -l)"

# Live preview: one-file edit to reload event, on the largest library.
./target/release/examples/serve_latency "$LECTERN" "$WORK/lib" 20

# Search: first-query transfer and time to results in headless Chromium.
if command -v chromium >/dev/null; then
  "$LECTERN" build --no-cache --root "$WORK/lib" --out "$WORK/out-l" >/dev/null 2>&1
  ./target/release/examples/search_bench "$LECTERN" "$WORK/lib"
fi
