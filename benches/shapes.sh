#!/usr/bin/env bash
# Lectern against the newest Hugo (and Debian's, second column) on libraries
# of several shapes, on tmpfs: the share of code blocks, the body length,
# the number of tags and themes, and links per item.
#
#   bash benches/shapes.sh [RUNS] [ITEMS] [SHAPES...]
#
# default: 3 runs, 10000 items, every shape. Each build runs alternately;
# medians of wall time and peak memory. "cold" builds with no build cache
# (it makes one, as a writer's first build does);
# "warm" is a second Lectern build after one file changed, reusing the
# first's build cache and site; "warm×" is warm time over the newest
# Hugo's full build. The previous site is removed in the background after
# each Lectern build: the script waits for that before timing the next
# command, so no run pays for another's removal.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
ITEMS=${2:-10000}
shift 2 || shift $# || true
WORK=${BENCH_DIR:-/dev/shm/lectern-shapes}
source benches/hugo.sh
source benches/common.sh
cargo build --release --quiet --bin lectern --example gen_library
LECTERN=$PWD/target/release/lectern

# name and the generator's settings (see examples/gen_library.rs).
declare -A SHAPE=(
  [default]=""
  [no-code]="GEN_CODE=0"
  [all-code]="GEN_CODE=1"
  [body-1kb]="GEN_BODY_KB=1"
  [body-4kb]="GEN_BODY_KB=4"
  [body-20kb]="GEN_BODY_KB=20"
  [many-tags]="GEN_TAGS=12 GEN_TAG_POOL=3000"
  [many-links]="GEN_LINKS=25"
)
ORDER=(default no-code all-code body-1kb body-4kb body-20kb many-tags many-links)
[ $# -gt 0 ] && ORDER=("$@")


echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)"
echo "lectern $($LECTERN --version | cut -d' ' -f2) at $(git rev-parse --short HEAD 2>/dev/null || echo unknown); hugo $(hugo_version "$HUGO_NEW")${HUGO_DEBIAN:+ and $(hugo_version "$HUGO_DEBIAN")}; $ITEMS items, $RUNS runs, medians"
printf '%-11s %8s %8s %8s %8s | %8s %8s | %8s %8s | %7s %7s %7s\n' shape KB/item cold MiB warm "hugo" MiB "hugo-deb" MiB "time×" "mem×" "warm×"
for shape in "${ORDER[@]}"; do
  rm -rf "$WORK"; mkdir -p "$WORK"
  env ${SHAPE[$shape]} ./target/release/examples/gen_library "$ITEMS" "$WORK/lib" "$WORK/hugo" >/dev/null
  kb=$(( $(find "$WORK/lib/content" -name '*.md' -print0 | xargs -0 cat | wc -c) / ITEMS / 1024 ))
  : > "$WORK/l.txt"; : > "$WORK/w.txt"; : > "$WORK/h.txt"; : > "$WORK/d.txt"
  one=$(find "$WORK/lib/content/moments" -name '*.md' -print -quit)
  for run in $(seq "$RUNS"); do
    rm -rf "$WORK/out-l" "$WORK/out-h" "$WORK/out-d"
    rm -rf "$WORK/lib/.lectern-cache"
    timed "$WORK/l.txt" "$LECTERN" build --root "$WORK/lib" --out "$WORK/out-l"
    wait_removed "$WORK"
    echo "edited in run $run" >> "$one"
    timed "$WORK/w.txt" "$LECTERN" build --root "$WORK/lib" --out "$WORK/out-l"
    wait_removed "$WORK"
    (cd "$WORK/hugo" && timed "$WORK/h.txt" "$HUGO_NEW" --quiet -d "$WORK/out-h")
    if [ -n "$HUGO_DEBIAN" ]; then
      (cd "$WORK/hugo" && timed "$WORK/d.txt" "$HUGO_DEBIAN" --quiet -d "$WORK/out-d")
    else
      echo "0 0" >> "$WORK/d.txt"
    fi
  done
  lt=$(cut -d' ' -f1 "$WORK/l.txt" | median); lm=$(cut -d' ' -f2 "$WORK/l.txt" | median)
  wt=$(cut -d' ' -f1 "$WORK/w.txt" | median)
  ht=$(cut -d' ' -f1 "$WORK/h.txt" | median); hm=$(cut -d' ' -f2 "$WORK/h.txt" | median)
  dt=$(cut -d' ' -f1 "$WORK/d.txt" | median); dm=$(cut -d' ' -f2 "$WORK/d.txt" | median)
  printf '%-11s %8s %8.2f %8.0f %8.2f | %8.2f %8.0f | %8.2f %8.0f | %7.2f %7.2f %7.3f\n' "$shape" "$kb" \
    "$lt" "$(mib "$lm")" "$wt" "$ht" "$(mib "$hm")" "$dt" "$(mib "$dm")" \
    "$(echo "$lt/$ht" | bc -l)" "$(echo "$lm/$hm" | bc -l)" "$(echo "$wt/$ht" | bc -l)"
done
