#!/usr/bin/env bash
# Installs what the fuzz target needs, from Debian's packages: AFL++ (afl-g++-fast, the GCC
# plugin mode; clang cannot compile the ANTLR 4.9 headers) and the GCC plugin headers it builds
# against. Idempotent: when every package is already present, apt is not touched at all.
set -euo pipefail

wanted=(afl++ gcc-12-plugin-dev)

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-fuzz-deps: missing packages: ${missing[*]}; run as root or install them" >&2
  exit 1
fi

echo "install-fuzz-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
