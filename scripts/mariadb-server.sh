#!/usr/bin/env bash
# A throwaway MariaDB server on 127.0.0.1 for tests and development.
#
#   scripts/mariadb-server.sh start DIR   # prints mysql://root@127.0.0.1:PORT/ on stdout
#   scripts/mariadb-server.sh stop DIR    # stops the server started in DIR and removes DIR
#
# Only the URL goes to stdout, so callers can write
#   export SCHEMAC_TEST_MYSQL_URL=$(scripts/mariadb-server.sh start /tmp/mdb)
# Everything else (progress, errors, the server log on failure) goes to stderr.
# The server is tuned for tests, not durability: no binary log, no flush per commit.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
}

log() { echo "mariadb-server: $*" >&2; }

# A TCP port nobody listens on right now. Starting at a random offset keeps two scripts started at
# the same moment from picking the same port; the server start is retried if it still collides.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  log "no free TCP port found"
  return 1
}

find_binary() {
  local name
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
    if [ -x "/usr/sbin/$name" ]; then echo "/usr/sbin/$name"; return 0; fi
  done
  log "none of [$*] is installed (install mariadb-server)"
  return 1
}

start() {
  local dir=$1
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    log "a server is already running from $dir (pid $(cat "$dir/pid"))"
    exit 1
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)

  local install_db server admin
  install_db=$(find_binary mariadb-install-db mysql_install_db)
  server=$(find_binary mariadbd mysqld)
  admin=$(find_binary mariadb-admin mysqladmin)

  if [ ! -d "$dir/data/mysql" ]; then
    log "initializing $dir/data"
    if ! "$install_db" --no-defaults --user=root --datadir="$dir/data" \
        --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1; then
      cat "$dir/install.log" >&2
      log "mariadb-install-db failed"
      exit 1
    fi
  fi

  local port attempt
  for attempt in 1 2 3; do
    port=$(free_port)
    log "starting mariadbd on 127.0.0.1:$port (attempt $attempt)"
    "$server" --no-defaults --user=root --datadir="$dir/data" --socket="$dir/sock" \
      --port="$port" --bind-address=127.0.0.1 --pid-file="$dir/pid" \
      --log-error="$dir/error.log" \
      --innodb-flush-log-at-trx-commit=0 --skip-log-bin --innodb-buffer-pool-size=64M \
      --innodb-log-file-size=16M --skip-name-resolve --max-connections=200 \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
      </dev/null >>"$dir/server.out" 2>&1 &
    local server_pid=$!
    echo "$server_pid" >"$dir/launcher.pid"

    # Ready in well under a second normally; give a slow machine up to 30 s.
    local i
    for i in $(seq 1 300); do
      if "$admin" --no-defaults --protocol=TCP --host=127.0.0.1 --port="$port" --user=root \
          --connect-timeout=1 ping >/dev/null 2>&1; then
        echo "$port" >"$dir/port"
        log "ready (pid $server_pid)"
        echo "mysql://root@127.0.0.1:${port}/"
        return 0
      fi
      if ! kill -0 "$server_pid" 2>/dev/null; then
        break  # the server exited: most likely the port was taken after all; try another
      fi
      sleep 0.1
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      kill "$server_pid" 2>/dev/null || true
      wait "$server_pid" 2>/dev/null || true
    fi
  done
  [ -f "$dir/error.log" ] && tail -n 30 "$dir/error.log" >&2
  log "mariadbd did not become ready"
  exit 1
}

stop() {
  local dir=$1
  if [ ! -d "$dir" ]; then
    log "$dir does not exist; nothing to stop"
    return 0
  fi
  local pid=""
  if [ -f "$dir/pid" ]; then
    pid=$(cat "$dir/pid")
  elif [ -f "$dir/launcher.pid" ]; then
    pid=$(cat "$dir/launcher.pid")
  fi
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    local i
    for i in $(seq 1 600); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "pid $pid still running after 60 s; sending SIGKILL"
      kill -9 "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
  fi
  rm -rf "$dir"
  log "stopped and removed $dir"
}

[ $# -eq 2 ] || usage
case "$1" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  *) usage ;;
esac
