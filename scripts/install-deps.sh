#!/usr/bin/env bash
# Installs everything schemac needs to build and test, from Debian's packages.
# Idempotent: when every package is already present, apt is not touched at all.
set -euo pipefail

build_packages=(
  g++ cmake ninja-build pkg-config make
  default-jre-headless antlr4 libantlr4-runtime-dev uuid-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libyaml-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev sqlite3 libpq-dev default-libmysqlclient-dev
)
# What `make test` needs besides the build: the throwaway servers and the format check.
server_packages=(postgresql mariadb-server mariadb-client pgbouncer clang-format)
# AFL++ in GCC plugin mode (clang cannot compile the ANTLR 4.9 headers) and the plugin headers.
fuzz_packages=(afl++ gcc-12-plugin-dev)

wanted=("${build_packages[@]}")
for option in "$@"; do
  case "$option" in
    --with-servers) wanted+=("${server_packages[@]}") ;;
    --with-fuzz) wanted+=("${fuzz_packages[@]}") ;;
    *) echo "install-deps: unknown option $option (use --with-servers, --with-fuzz)" >&2; exit 2 ;;
  esac
done

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
  echo "install-deps: missing packages: ${missing[*]}; run as root or install them" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Servers are only used by the project's own throwaway instances: keep the packaged
# services from starting on install (there is no init system on CI machines anyway).
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
chmod +x /usr/sbin/policy-rc.d
trap 'rm -f /usr/sbin/policy-rc.d' EXIT
apt-get install -y -qq --no-install-recommends "${missing[@]}"
