#!/usr/bin/env bash
# A throwaway two-shard ClickHouse cluster for the SQL push-down tests: two server
# processes on free loopback ports, each with its own data folder, and a
# `remote_servers` entry `pulso` listing both shards in the same order.
#   scripts/clickhouse-cluster.sh start [DIR]   starts both servers (waits until they answer);
#                                               prints `export PULSO_CLICKHOUSE_URLS=…` (the two
#                                               HTTP URLs, comma-separated) and writes it to DIR/urls
#   scripts/clickhouse-cluster.sh stop [DIR]    stops both servers by their PIDs and deletes DIR
# Installs Debian's clickhouse-server and clickhouse-client when missing (CI on a fresh machine).
# DIR defaults to /tmp/pulso-clickhouse (PULSO_CLICKHOUSE_STATE overrides it).
# The tests create their own database on the cluster (local MergeTree tables on each
# shard, Distributed tables over them) and drop it at the end.
set -euo pipefail
STATE="${2:-${PULSO_CLICKHOUSE_STATE:-/tmp/pulso-clickhouse}}"

install_if_missing() {
  if command -v clickhouse-server >/dev/null && command -v clickhouse-client >/dev/null; then return; fi
  echo "Installing Debian's clickhouse-server…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq clickhouse-server clickhouse-client >/dev/null
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# config DIR HTTP TCP INTERSERVER TCP1 TCP2: one server's config, with the cluster of both shards.
config() {
  cat >"$1/config.xml" <<EOF
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$1/server.log</log><errorlog>$1/error.log</errorlog><size>10M</size><count>1</count></logger>
  <http_port>$2</http_port>
  <tcp_port>$3</tcp_port>
  <interserver_http_port>$4</interserver_http_port>
  <listen_host>127.0.0.1</listen_host>
  <max_connections>64</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>16</max_concurrent_queries>
  <mark_cache_size>268435456</mark_cache_size>
  <path>$1/data/</path>
  <tmp_path>$1/tmp/</tmp_path>
  <user_files_path>$1/user_files/</user_files_path>
  <users_config>/etc/clickhouse-server/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <query_log><database>system</database><table>query_log</table><flush_interval_milliseconds>1000</flush_interval_milliseconds></query_log>
  <remote_servers>
    <pulso>
      <shard><replica><host>127.0.0.1</host><port>$5</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>$6</port></replica></shard>
    </pulso>
  </remote_servers>
</yandex>
EOF
}

wait_up() {
  for _ in $(seq 1 150); do
    if node -e "fetch(\"http://127.0.0.1:$1/ping\").then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "ClickHouse on port $1 did not start; see $2/error.log" >&2
  return 1
}

start() {
  install_if_missing
  if [ -f "$STATE/urls" ] && [ -f "$STATE/s1/pid" ] && kill -0 "$(cat "$STATE/s1/pid")" 2>/dev/null; then
    echo "export PULSO_CLICKHOUSE_URLS=$(cat "$STATE/urls")"
    return
  fi
  rm -rf "$STATE"
  local http1 http2 tcp1 tcp2 inter1 inter2
  http1="$(free_port)"; http2="$(free_port)"; tcp1="$(free_port)"; tcp2="$(free_port)"; inter1="$(free_port)"; inter2="$(free_port)"
  mkdir -p "$STATE/s1" "$STATE/s2"
  config "$STATE/s1" "$http1" "$tcp1" "$inter1" "$tcp1" "$tcp2"
  config "$STATE/s2" "$http2" "$tcp2" "$inter2" "$tcp1" "$tcp2"
  for s in s1 s2; do
    mkdir -p "$STATE/$s/data" "$STATE/$s/tmp" "$STATE/$s/user_files"
    if [ "$(id -u)" = 0 ] && id clickhouse >/dev/null 2>&1; then chown -R clickhouse "$STATE/$s"; fi
  done
  chmod 755 "$STATE"
  for s in s1 s2; do
    if [ "$(id -u)" = 0 ] && id clickhouse >/dev/null 2>&1; then
      runuser -u clickhouse -- clickhouse-server --config-file="$STATE/$s/config.xml" --daemon --pid-file="$STATE/$s/pid" >/dev/null 2>&1
    else
      clickhouse-server --config-file="$STATE/$s/config.xml" --daemon --pid-file="$STATE/$s/pid" >/dev/null 2>&1
    fi
  done
  wait_up "$http1" "$STATE/s1"
  wait_up "$http2" "$STATE/s2"
  local urls="http://127.0.0.1:$http1,http://127.0.0.1:$http2"
  echo "$urls" >"$STATE/urls"
  echo "export PULSO_CLICKHOUSE_URLS=$urls"
}

stop() {
  for s in s1 s2; do
    if [ -f "$STATE/$s/pid" ]; then
      local pid
      pid="$(cat "$STATE/$s/pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac
