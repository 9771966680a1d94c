#!/usr/bin/env bash
# Runs every test suite of BUILD_DIR against throwaway PostgreSQL and MariaDB servers.
#
#   scripts/run-tests.sh BUILD_DIR [extra ctest arguments...]
#
# The servers live in a temporary directory, listen on 127.0.0.1 only, and are stopped on every
# way out of this script (success, failure, Ctrl-C). A server that fails to start is an error: a
# suite that silently skips its database would make a green run mean nothing. The exit code is
# ctest's.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 BUILD_DIR [ctest arguments...]" >&2
  exit 2
fi
build_dir=$(cd "$1" && pwd)
shift
repo_root=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo_root"

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/schemac-tests.XXXXXX")
# mktemp makes it private; PostgreSQL runs as its own user (never root) and must reach its DIR.
chmod 755 "$work_dir"
started_servers=()

stop_servers() {
  local status=$?
  trap - EXIT INT TERM
  # Last started, first stopped: PgBouncer before the PostgreSQL behind it.
  local i server
  for ((i = ${#started_servers[@]} - 1; i >= 0; i--)); do
    server=${started_servers[$i]}
    bash "scripts/${server}-server.sh" stop "$work_dir/$server" >/dev/null 2>&1 ||
      echo "run-tests: warning: could not stop the $server server in $work_dir/$server" >&2
  done
  rm -rf "$work_dir"
  exit "$status"
}
trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_server NAME VARIABLE [ARGS...]: starts scripts/NAME-server.sh when it exists (with ARGS
# after its directory) and exports its URL.
start_server() {
  local name=$1 variable=$2 script="scripts/$1-server.sh" url
  shift 2
  if [ ! -f "$script" ]; then
    echo "run-tests: $script not present; $variable left unset (those tests skip)" >&2
    return 0
  fi
  # Registered before starting, so a half-started server is still stopped.
  started_servers+=("$name")
  if ! url=$(bash "$script" start "$work_dir/$name" "$@"); then
    echo "run-tests: error: the $name server did not start (see above)" >&2
    exit 1
  fi
  url=$(printf '%s\n' "$url" | tail -n 1)
  if [ -z "$url" ]; then
    echo "run-tests: error: $script start printed no URL" >&2
    exit 1
  fi
  export "$variable=$url"
  echo "run-tests: $name server ready" >&2
}

start_server pg SCHEMAC_TEST_PG_URL
start_server mariadb SCHEMAC_TEST_MYSQL_URL
# PgBouncer in transaction pooling mode, in front of that PostgreSQL (the lease lock's tests).
start_server pgbouncer SCHEMAC_TEST_PGBOUNCER_URL "$(cat "$work_dir/pg/port")"

set +e
ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 900 "$@"
ctest_status=$?
set -e
exit "$ctest_status"
