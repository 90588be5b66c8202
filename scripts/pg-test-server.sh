#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the SQL push-down tests, on a free loopback port.
#   scripts/pg-test-server.sh start   initdb + pg_ctl start (as the postgres user when run as root);
#                                     prints `export PULSO_PG_URL=…` and writes it to $STATE/url
#   scripts/pg-test-server.sh stop    stops that cluster and deletes its folder
# Installs Debian's postgresql when its binaries are missing (CI on a fresh machine).
# The state folder defaults to /tmp/pulso-pg (PULSO_PG_STATE overrides it).
set -euo pipefail
STATE="${PULSO_PG_STATE:-/tmp/pulso-pg}"
BIN="${PULSO_PG_BIN:-/usr/lib/postgresql/15/bin}"

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_if_missing() {
  if [ -x "$BIN/initdb" ]; then return; fi
  echo "Installing Debian's postgresql…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start() {
  install_if_missing
  if [ -f "$STATE/url" ] && as_owner "$BIN/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1; then
    echo "export PULSO_PG_URL=$(cat "$STATE/url")"
    return
  fi
  rm -rf "$STATE"
  mkdir -p "$STATE"
  if [ "$(id -u)" = 0 ]; then chown postgres "$STATE"; fi
  local port
  port="$(free_port)"
  as_owner "$BIN/initdb" -D "$STATE/data" -U pulso --auth=trust -E UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1
  as_owner "$BIN/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w \
    -o "-p $port -k $STATE -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  local url="postgres://pulso@127.0.0.1:$port/postgres"
  echo "$url" >"$STATE/url"
  echo "export PULSO_PG_URL=$url"
}

stop() {
  if [ -d "$STATE/data" ]; then as_owner "$BIN/pg_ctl" -D "$STATE/data" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
