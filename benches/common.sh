# Sourced by the benchmarks: the tools they time with (installed when
# missing) and the helpers they share.
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
command -v bc >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc >/dev/null
# The median of the numbers on standard input, one a line.
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# Runs the command "${@:2}" and appends its wall time, peak memory, user
# and system time to the file $1. A command that fails (a tool running
# out of memory on the largest shapes) is reported on stderr and left out
# of the file, rather than ending a script run with `set -e`.
timed() {
  local log=$1 one status=0; shift
  one=$(mktemp)
  /usr/bin/time -f "%e %M %U %S" -o "$one" "$@" >/dev/null 2>&1 || status=$?
  if [ "$status" -eq 0 ]; then cat "$one" >> "$log"; else echo "failed (exit $status): $*" >&2; fi
  rm -f "$one"
}
# Kilobytes (as /usr/bin/time reports peak memory) in MiB.
mib() { echo "$1/1024" | bc -l; }
# Waits until no previous site beside the outputs in folder $1 is being
# removed (Lectern removes the old site in the background).
wait_removed() { while compgen -G "$1/.*.old-*" >/dev/null; do sleep 0.1; done; }
