#!/usr/bin/env bash
# Benchmark of resource-scanner on this machine (the packaged service as a process in JVM mode, real PostgreSQL)
# against the AWS stub of its tests with BENCH_LATENCY_MS (default 50) added to every call: 17 regions, every
# resource type, 10,000 resources over pages of 100. Scans with the default workers, then with one worker
# (BENCH_SINGLE=false skips that ~1 minute run), then the first scan of a freshly started process.
# Prints the figures as one JSON line, last.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
deploy/local/infra.sh 2>/dev/null
./mvnw -B -q -ntp install -pl tracker-common -am -DskipTests
./mvnw -B -q -ntp package -pl resource-scanner -DskipTests # the benchmark runs the packaged service as a process
./mvnw -B -q -ntp test -pl resource-scanner -Dtest=ScannerBenchmark -DexcludedTestGroups=none \
  -Dbench.latency-ms="${BENCH_LATENCY_MS:-50}" -Dbench.single="${BENCH_SINGLE:-true}" -Dbench.heap="${BENCH_HEAP:-512m}" \
  >"$ROOT/resource-scanner/target/benchmark.log" 2>&1 \
  || { tail -50 "$ROOT/resource-scanner/target/benchmark.log" >&2; exit 1; }
cat "$ROOT/resource-scanner/target/benchmark.json"
