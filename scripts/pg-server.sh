#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server on 127.0.0.1, for tests and development.
#
#   scripts/pg-server.sh start DIR   prints postgres://postgres@127.0.0.1:PORT/postgres on stdout
#   scripts/pg-server.sh stop DIR    stops the server and removes DIR
#
# Everything but the URL goes to stderr, so `url=$(scripts/pg-server.sh start /tmp/pg)` works.
# PostgreSQL refuses to run as root: when run as root the server runs as the `postgres` user,
# and DIR must be somewhere that user can reach (a directory under /tmp is fine; DIR itself is
# created with mode 755, owned by postgres). Durability is switched off: the data is disposable.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

usage() {
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
}

log() { echo "pg-server: $*" >&2; }

# shellcheck source=scripts/postgres-user.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres-user.sh"

start_server() {
  local dir="$1"
  if [ -e "$dir/data/postmaster.pid" ]; then
    log "a server already runs in $dir (stop it first)"
    exit 1
  fi
  if [ "$(id -u)" -eq 0 ]; then
    install -d -m 755 -o postgres "$dir"
  else
    install -d -m 755 "$dir"
  fi
  # Run the server's tools from a directory the server user can read.
  cd "$dir"
  if [ ! -d "$dir/data" ]; then
    as_server_user "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 \
      --locale=C.UTF-8 >&2
  fi

  local attempt port
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    if as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >&2; then
      echo "$port" >"$dir/port"
      echo "postgres://postgres@127.0.0.1:$port/postgres"
      return 0
    fi
    # Another process may have taken the port between the probe and the bind: try another.
    log "start on port $port failed (attempt $attempt); see $dir/log"
  done
  log "could not start PostgreSQL in $dir"
  tail -n 20 "$dir/log" >&2 || true
  exit 1
}

stop_server() {
  local dir="$1"
  if [ ! -d "$dir" ]; then
    log "nothing to stop: $dir does not exist"
    return 0
  fi
  cd /
  local pid=""
  if [ -f "$dir/data/postmaster.pid" ]; then
    pid="$(head -n 1 "$dir/data/postmaster.pid")"
    as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 || true
    # pg_ctl waits for the shutdown; the pid wait below covers a pg_ctl that gave up.
    local waited=0
    while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
      if [ "$waited" -ge 100 ]; then
        log "postmaster $pid still running after 10 s; sending SIGQUIT"
        kill -QUIT "$pid" 2>/dev/null || true
      fi
      sleep 0.1
      waited=$((waited + 1))
    done
  fi
  rm -rf "$dir"
}

[ $# -eq 2 ] || usage
dir="$2"
case "$dir" in
  /*) ;;
  *) dir="$(pwd)/$dir" ;;
esac
case "$1" in
  start) start_server "$dir" ;;
  stop) stop_server "$dir" ;;
  *) usage ;;
esac
