# Helpers shared by the scripts that start PostgreSQL-family servers (pg-server.sh,
# pgbouncer-server.sh); sourced, not run.

# Runs a command as the postgres OS user when we are root (PostgreSQL and PgBouncer refuse to run
# as root); as ourselves otherwise.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A TCP port nobody listens on right now (the kernel picks it).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
