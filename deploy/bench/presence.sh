#!/usr/bin/env bash
# Benchmark of session-service presence on this machine (real Redis, JVM mode, loopback only):
#  - capacity: BENCH_CONNECTIONS (default 10000) WebSocket connections held with heartbeats; service RSS;
#  - fan-out: BENCH_OBSERVERS (default 2000) connected, BENCH_JOINS_PER_S (default 50) joins/s: time until every
#    other client sees a join (p50/p99);
#  - cross-instance: the same with the joins on a second instance, BENCH_CROSS_OBSERVERS (default 1000) observers on
#    the first.
# Prints the figures as one JSON line, last.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
deploy/local/infra.sh 2>/dev/null
./mvnw -B -q -ntp install -pl tracker-common -am -DskipTests
./mvnw -B -q -ntp package -pl session-service -DskipTests
./mvnw -B -q -ntp test -pl session-service -Dtest=PresenceBenchmark -DexcludedTestGroups=none \
  -Dbench.connections="${BENCH_CONNECTIONS:-10000}" -Dbench.observers="${BENCH_OBSERVERS:-2000}" \
  -Dbench.joins-per-s="${BENCH_JOINS_PER_S:-50}" -Dbench.cross-observers="${BENCH_CROSS_OBSERVERS:-1000}" >"$ROOT/session-service/target/benchmark.log" 2>&1 \
  || { tail -50 "$ROOT/session-service/target/benchmark.log" >&2; exit 1; }
cat "$ROOT/session-service/target/benchmark.json"
