#!/usr/bin/env bash
# Stop the servers started by scripts/clickhouse/start.sh (same DIR argument); keeps their data.
#   scripts/clickhouse/stop.sh [DIR] [--clean]
set -uo pipefail
DIR="${1:-${TMPDIR:-/tmp}/charterwatch-clickhouse}"
for n in 1 2; do
  f="$DIR/shard$n/launcher.pid"
  [[ -f "$f" ]] || continue
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -f "$f"
done
[[ "${2:-}" == "--clean" ]] && rm -rf "$DIR"
exit 0
