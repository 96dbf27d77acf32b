#!/usr/bin/env bash
# Installs what the tests need on a Debian machine, then leaves: Chromium
# (browser tests), a Java runtime (the Nu HTML Checker), Node.js and npm (to
# fetch the checkers), xmllint (the sitemap schema), and from the npm
# registry the Nu HTML Checker, axe-core and the sitemaps.org schema, into
# target/checkers/. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned so a checker's new release cannot change what the tests find.
CHECKERS=(vnu-jar@26.9.27 axe-core@4.14.1 sitemap@9.0.1)
DIR=target/checkers
STAMP="$DIR/installed-$(echo "${CHECKERS[*]}" | tr ' @/' '_-_')"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium chromium-driver fonts-dejavu-core)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)

if ((${#need[@]})); then
  echo "--- installing ${need[*]}"
  if [ "$(id -u)" = 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo)
  else
    echo "error: the tests need these Debian packages: ${need[*]}" >&2
    echo "  install them with: sudo apt-get install ${need[*]}" >&2
    echo "  then run this command again" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: no apt-get here; install ${need[*]} (or their equivalents) by hand" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -f "$STAMP" ]; then
  echo "--- installing the checkers from npm: ${CHECKERS[*]}"
  mkdir -p "$DIR"
  [ -f "$DIR/package.json" ] || echo '{"private": true}' >"$DIR/package.json"
  # --ignore-scripts: vnu-jar's install script would download a Java
  # runtime; Debian's is used instead.
  if ! npm install --prefix "$DIR" --no-audit --no-fund --ignore-scripts "${CHECKERS[@]}" >/dev/null; then
    echo "error: could not install ${CHECKERS[*]} from the npm registry into $DIR" >&2
    echo "  check the network, or install them there by hand with npm" >&2
    exit 1
  fi
  rm -f "$DIR"/installed-*
  touch "$STAMP"
fi
