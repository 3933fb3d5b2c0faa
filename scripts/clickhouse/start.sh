#!/usr/bin/env bash
# Start two ClickHouse servers (Debian's clickhouse-server package) on loopback, each with its own
# data directory, and a `Distributed` table `charterwatch.positions` over both shards.
#
#   scripts/clickhouse/start.sh [DIR]        # DIR defaults to ${TMPDIR:-/tmp}/charterwatch-clickhouse
#
# Shard 1: HTTP 127.0.0.1:18123, native 19000.  Shard 2: HTTP 127.0.0.1:18124, native 19001.
# Users: `default` (no password) and `puller` (password `pullerpass`, read-only), loopback only.
# Environment: CLICKHOUSE_BASE_PORT changes 18123/19000 (shard 2 is +1). Idempotent: a server
# already answering on its port is left alone. scripts/clickhouse/stop.sh stops both.
set -euo pipefail

DIR="${1:-${TMPDIR:-/tmp}/charterwatch-clickhouse}"
BASE="${CLICKHOUSE_BASE_PORT:-18123}"
NATIVE_BASE=$((BASE + 877))   # 18123 -> 19000
SERVER="$(command -v clickhouse-server || echo /usr/sbin/clickhouse-server)"
if [[ ! -x "$SERVER" ]]; then
  echo "clickhouse-server not found: apt-get install -y clickhouse-server clickhouse-client" >&2
  exit 1
fi

mkdir -p "$DIR"
for n in 1 2; do
  http=$((BASE + n - 1)); native=$((NATIVE_BASE + n - 1)); inter=$((BASE + 1000 + n - 1))
  d="$DIR/shard$n"
  mkdir -p "$d/data" "$d/tmp" "$d/user_files" "$d/log"
  cat > "$d/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$d/log/server.log</log><errorlog>$d/log/error.log</errorlog><size>10M</size><count>2</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http</http_port>
  <tcp_port>$native</tcp_port>
  <interserver_http_port>$inter</interserver_http_port>
  <path>$d/data/</path>
  <tmp_path>$d/tmp/</tmp_path>
  <user_files_path>$d/user_files/</user_files_path>
  <users_config>$d/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <remote_servers>
    <charterwatch>
      <shard><replica><host>127.0.0.1</host><port>$NATIVE_BASE</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>$((NATIVE_BASE + 1))</port></replica></shard>
    </charterwatch>
  </remote_servers>
</yandex>
XML
  cat > "$d/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles>
    <default><max_memory_usage>4000000000</max_memory_usage><load_balancing>in_order</load_balancing></default>
    <readonly><readonly>1</readonly></readonly>
  </profiles>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default>
    <puller><password>pullerpass</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>readonly</profile><quota>default</quota></puller>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
  if curl -sf "http://127.0.0.1:$http/ping" >/dev/null 2>&1; then
    echo "shard $n already running on $http"
    continue
  fi
  nohup "$SERVER" --config-file="$d/config.xml" --pid-file="$d/server.pid" >"$d/log/stdout.log" 2>&1 &
  echo $! > "$d/launcher.pid"
done

# Wait for both to answer.
for n in 1 2; do
  http=$((BASE + n - 1))
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$http/ping" >/dev/null 2>&1 && break
    sleep 0.2
  done
  if ! curl -sf "http://127.0.0.1:$http/ping" >/dev/null 2>&1; then
    echo "shard $n did not start; see $DIR/shard$n/log/" >&2
    tail -20 "$DIR/shard$n/log/error.log" "$DIR/shard$n/log/stdout.log" >&2 || true
    exit 1
  fi
done

# The documented layout (docs/pull.md): OpenSky's state-vector columns and units, one local
# MergeTree table per shard, a Distributed table over both. ${CLICKHOUSE_DATABASE:-charterwatch}.
DB="${CLICKHOUSE_DATABASE:-charterwatch}"
q() { curl -sSf "http://127.0.0.1:$1/" --data-binary "$2" >/dev/null; }
for n in 1 2; do
  http=$((BASE + n - 1))
  q "$http" "CREATE DATABASE IF NOT EXISTS $DB"
  q "$http" "CREATE TABLE IF NOT EXISTS $DB.positions_local (
    time UInt32, icao24 String, lat Nullable(Float64), lon Nullable(Float64),
    velocity Nullable(Float64), heading Nullable(Float64), vertrate Nullable(Float64),
    callsign String, onground UInt8, alert UInt8, spi UInt8, squawk String,
    baroaltitude Nullable(Float64), geoaltitude Nullable(Float64),
    lastposupdate Nullable(Float64), lastcontact Float64)
    ENGINE = MergeTree() PARTITION BY toYYYYMMDD(toDateTime(time)) ORDER BY (icao24, time)"
  q "$http" "CREATE TABLE IF NOT EXISTS $DB.positions AS $DB.positions_local
    ENGINE = Distributed(charterwatch, $DB, positions_local, cityHash64(icao24))"
done
echo "clickhouse shards up: http://127.0.0.1:$BASE http://127.0.0.1:$((BASE + 1)) (dir $DIR)"
