# Sourced by the benchmarks: the tools they time with (installed when
# missing) and the helpers they share.
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
command -v bc >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc >/dev/null
# The median of the numbers on standard input, one a line; lines that are
# not numbers (`/usr/bin/time` notes a failed command on a line of its own)
# are left out.
median() { grep -E '^[0-9.]+$' | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# Runs a timed command ("$@"); a failure (a tool running out of memory on
# the largest shapes) is reported on stderr instead of ending the script,
# and its run is left out of the medians.
timed() {
  local log=$1; shift
  if ! /usr/bin/time -f "%e %M" -a -o "$log" "$@" >/dev/null 2>&1; then
    echo "failed: $* (exit status in $log)" >&2
    sed -i '$d' "$log"
  fi
}
# Kilobytes (as /usr/bin/time reports peak memory) in MiB.
mib() { echo "$1/1024" | bc -l; }
# Waits until no previous site beside the outputs in folder $1 is being
# removed (Lectern removes the old site in the background).
wait_removed() { while compgen -G "$1/.*.old-*" >/dev/null; do sleep 0.1; done; }
