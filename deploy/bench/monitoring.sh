#!/usr/bin/env bash
# Benchmark of monitoring-service on this machine (real PostgreSQL and Redis, JVM mode):
#  - ingest: a mix of events offered at BENCH_RATE/s (default 6000) for BENCH_SECONDS (default 20), applied from
#    the stream into PostgreSQL, counts compared at the end;
#  - query: GET /api/sessions/active p50/p99 with 1,000,000 ended and 10,000 active sessions.
# Prints the figures as one JSON line, last.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
deploy/local/infra.sh 2>/dev/null
./mvnw -B -q -ntp install -pl tracker-common -am -DskipTests
mkdir -p "$ROOT/monitoring-service/target" # a fresh clone has none yet; the log goes there
./mvnw -B -q -ntp test -pl monitoring-service -Dtest=MonitoringBenchmark -DexcludedTestGroups=none \
  -Dbench.rate="${BENCH_RATE:-6000}" -Dbench.seconds="${BENCH_SECONDS:-20}" >"$ROOT/monitoring-service/target/benchmark.log" 2>&1 \
  || { tail -50 "$ROOT/monitoring-service/target/benchmark.log" >&2; exit 1; }
cat "$ROOT/monitoring-service/target/benchmark.json"
