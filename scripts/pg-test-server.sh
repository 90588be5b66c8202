#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the SQL push-down tests, on a free loopback port.
#   scripts/pg-test-server.sh start   initdb into a new temporary folder and start the server
#                                     there (as the postgres user when run as root); prints
#                                     `export PULSO_PG_URL=… PULSO_PG_STATE=…` for eval
#   scripts/pg-test-server.sh stop    stops the server of $PULSO_PG_STATE by its PID and
#                                     deletes the folder
#   scripts/pg-test-server.sh bin     prints the folder of initdb/pg_ctl, or fails when absent
# Each start gets its own folder and port, so sessions sharing a machine never meet.
# Nothing is installed here: .ci/run installs Debian's postgresql on a fresh machine.
set -euo pipefail

# initdb and pg_ctl: $PULSO_PG_BIN, else Debian's newest /usr/lib/postgresql/N/bin, else PATH.
find_bin() {
  if [ -n "${PULSO_PG_BIN:-}" ] && [ -x "$PULSO_PG_BIN/initdb" ]; then echo "$PULSO_PG_BIN"; return; fi
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  echo "PostgreSQL's initdb was not found (apt-get install postgresql, or set PULSO_PG_BIN)" >&2
  return 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start() {
  local bin state port
  bin="$(find_bin)"
  state="$(mktemp -d "${TMPDIR:-/tmp}/pulso-pg.XXXXXX")"
  if [ "$(id -u)" = 0 ]; then chown postgres "$state"; fi
  if ! as_owner "$bin/initdb" -D "$state/data" -U pulso --auth=trust -E UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1; then
    cat "$state/initdb.log" >&2
    rm -rf "$state"
    return 1
  fi
  # A port taken between free_port and the server's bind fails the start; try a few.
  for _ in 1 2 3 4 5; do
    port="$(free_port)"
    if as_owner "$bin/pg_ctl" -D "$state/data" -l "$state/server.log" -w -t 60 \
      -o "-p $port -k $state -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
      head -n 1 "$state/data/postmaster.pid" >"$state/pid"
      echo "export PULSO_PG_URL=postgres://pulso@127.0.0.1:$port/postgres PULSO_PG_STATE=$state"
      return
    fi
  done
  cat "$state/server.log" >&2
  rm -rf "$state"
  return 1
}

stop() {
  local state="${PULSO_PG_STATE:?PULSO_PG_STATE names the folder that start printed}"
  case "$state" in "${TMPDIR:-/tmp}"/pulso-pg.*) ;; *) echo "not a pulso-pg folder: $state" >&2; return 1 ;; esac
  if [ -f "$state/pid" ]; then
    local pid
    pid="$(cat "$state/pid")"
    # SIGINT is PostgreSQL's fast shutdown; wait up to 30 s, then stop it outright.
    if kill -INT "$pid" 2>/dev/null; then
      for _ in $(seq 1 300); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    fi
  fi
  rm -rf "$state"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  bin) find_bin ;;
  *) echo "usage: $0 start|stop|bin" >&2; exit 2 ;;
esac
