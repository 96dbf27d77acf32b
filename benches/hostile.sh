#!/usr/bin/env bash
# Hostile sizes: builds that must stay linear in the size of one file.
#
#   bash benches/hostile.sh [RUNS]        default: 3 runs each, medians
#
# Each case is a small library plus one oversized file:
#   links-50k    50,000 markdown links in one file, half to missing files
#   related-40k  40,000 missing `related_content` entries
#   line-1mb-md  one 1 MB line in a ```markdown block
#   line-1mb-pl  one 1 MB line in a ```perl block
#   file-50mb    a 50 MB moment (plain paragraphs)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
WORK=${BENCH_DIR:-/dev/shm/lectern-hostile}
source benches/common.sh
cargo build --release --quiet --bin lectern
LECTERN=$PWD/target/release/lectern

make_case() {
  local name=$1 dir="$WORK/$1"
  rm -rf "$dir"; mkdir -p "$dir/content/moments"
  printf -- '---\ntitle: Target\n---\nThe target.\n' > "$dir/content/moments/target.md"
  local file="$dir/content/moments/big.md"
  case $name in
    links-50k)
      { printf -- '---\ntitle: Links\n---\n\n'
        awk 'BEGIN { for (i = 0; i < 25000; i++) printf "See [a](target.md) and [b](missing-%d.md).\n", i }'; } > "$file" ;;
    related-40k)
      { printf -- '---\ntitle: Related\nrelated_content:\n'
        awk 'BEGIN { for (i = 0; i < 40000; i++) printf "  - content/moments/missing-%d.md\n", i }'
        printf -- '---\nBody.\n'; } > "$file" ;;
    line-1mb-md)
      { printf -- '---\ntitle: Markdown line\n---\n\n```markdown\n'
        head -c 1048576 /dev/zero | tr '\0' '*'; printf '\n```\n'; } > "$file" ;;
    line-1mb-pl)
      { printf -- '---\ntitle: Perl line\n---\n\n```perl\n'
        awk 'BEGIN { for (i = 0; i < 87382; i++) printf "$x=1;{;} " }'; printf '\n```\n'; } > "$file" ;;
    file-50mb)
      { printf -- '---\ntitle: Huge\n---\n\n'
        awk 'BEGIN { for (i = 0; i < 500000; i++) printf "Paragraph %d with some words about delegation and feedback loops that go on.\n\n", i }'; } > "$file" ;;
  esac
}

printf '%-12s %8s %10s %12s\n' case "size" "wall (s)" "peak (MiB)"
for name in links-50k related-40k line-1mb-md line-1mb-pl file-50mb; do
  make_case "$name"
  size=$(du -h "$WORK/$name/content/moments/big.md" | cut -f1)
  : > "$WORK/$name.txt"
  for run in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -a -o "$WORK/$name.txt" "$LECTERN" build --no-cache --root "$WORK/$name" --out "$WORK/$name-out" >/dev/null 2>&1 || true
  done
  printf '%-12s %8s %10.2f %12.0f\n' "$name" "$size" \
    "$(cut -d' ' -f1 "$WORK/$name.txt" | median)" "$(echo "$(cut -d' ' -f2 "$WORK/$name.txt" | median)/1024" | bc -l)"
done
