#!/usr/bin/env bash
# A throwaway PgBouncer in transaction pooling mode on 127.0.0.1, in front of a PostgreSQL server
# on 127.0.0.1 (scripts/pg-server.sh), for the tests of what must work behind a pooler.
#
#   scripts/pgbouncer-server.sh start DIR PGPORT   prints postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/pgbouncer-server.sh stop DIR           stops it (by the pid in its pidfile), removes DIR
#
# Everything but the URL goes to stderr. PgBouncer, like PostgreSQL, refuses to run as root: as
# root it runs as the `postgres` user, and DIR must be reachable by that user.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR PGPORT | stop DIR" >&2
  exit 2
}

log() { echo "pgbouncer-server: $*" >&2; }

# shellcheck source=scripts/postgres-user.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres-user.sh"

start_server() {
  local dir="$1" pg_port="$2"
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    log "a PgBouncer already runs in $dir (stop it first)"
    exit 1
  fi
  if [ "$(id -u)" -eq 0 ]; then
    install -d -m 755 -o postgres "$dir"
  else
    install -d -m 755 "$dir"
  fi
  cd "$dir"
  local attempt port waited
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    as_server_user tee "$dir/userlist.txt" >/dev/null <<<'"postgres" ""'
    as_server_user tee "$dir/pgbouncer.ini" >/dev/null <<INI
[databases]
* = host=127.0.0.1 port=$pg_port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir = $dir
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = 20
max_client_conn = 200
pidfile = $dir/pid
logfile = $dir/log
ignore_startup_parameters = extra_float_digits,options
INI
    if as_server_user pgbouncer -d "$dir/pgbouncer.ini" >&2; then
      # -d returns once it has forked; ready once it accepts connections.
      waited=0
      while [ "$waited" -lt 100 ]; do
        if python3 -c "import socket,sys; s=socket.socket(); s.settimeout(0.2); sys.exit(s.connect_ex(('127.0.0.1', $port)))"; then
          echo "postgres://postgres@127.0.0.1:$port/postgres"
          return 0
        fi
        sleep 0.1
        waited=$((waited + 1))
      done
    fi
    log "start on port $port failed (attempt $attempt); see $dir/log"
    [ -f "$dir/pid" ] && kill "$(cat "$dir/pid")" 2>/dev/null || true
  done
  log "could not start PgBouncer in $dir"
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
  if [ -f "$dir/pid" ]; then
    local pid waited=0
    pid="$(cat "$dir/pid")"
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$waited" -ge 100 ]; then
        log "pgbouncer $pid still running after 10 s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
      fi
      sleep 0.1
      waited=$((waited + 1))
    done
  fi
  rm -rf "$dir"
}

[ $# -ge 2 ] || usage
dir="$2"
case "$dir" in
  /*) ;;
  *) dir="$(pwd)/$dir" ;;
esac
case "$1" in
  start) [ $# -eq 3 ] || usage; start_server "$dir" "$3" ;;
  stop) stop_server "$dir" ;;
  *) usage ;;
esac
