#!/usr/bin/env bash
# Benchmark of resource-scanner on this machine (the packaged service as a process in JVM mode, real PostgreSQL)
# against the AWS stub of its tests with BENCH_LATENCY_MS (default 50) added to every call: 17 regions, every
# resource type, 10,000 resources over pages of 100. Scans with the default workers, then with one worker
# (BENCH_SINGLE=false skips that ~1 minute run), then the first scan of a freshly started process. The service runs
# as its image runs it (image_jvm_options in deploy/local/lib.sh, BENCH_JVM_OPTIONS replaces them; the AOT cache the
# build trained, on the JDK the Maven wrapper builds with), with a BENCH_HEAP heap (default 512m).
# Prints the figures as one JSON line, last.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOG_PREFIX=bench
# shellcheck source=../local/lib.sh source-path=SCRIPTDIR/../local
source "$ROOT/deploy/local/lib.sh"
cd "$ROOT"
deploy/local/infra.sh 2>/dev/null
./mvnw -B -q -ntp install -pl tracker-common -am -DskipTests
./mvnw -B -q -ntp package -pl resource-scanner -DskipTests # packages and trains the service the benchmark runs
mkdir -p "$ROOT/resource-scanner/target"
# The AWS stub runs in the benchmark's own JVM, on the cores the scanner uses (AWS itself would cost this machine
# nothing): C1-only there, as its C2 compiler threads took 0.8-1.2 CPU-s of a 2 s scan even after warm-up scans.
./mvnw -B -q -ntp test -pl resource-scanner -Dtest=ScannerBenchmark -DexcludedTestGroups=none \
  -Dbench.latency-ms="${BENCH_LATENCY_MS:-50}" -Dbench.single="${BENCH_SINGLE:-true}" -Dbench.heap="${BENCH_HEAP:-512m}" \
  -Dbench.jvm-options="${BENCH_JVM_OPTIONS-$(image_jvm_options resource-scanner)}" -DargLine="-XX:TieredStopAtLevel=1" \
  >"$ROOT/resource-scanner/target/benchmark.log" 2>&1 \
  || { tail -50 "$ROOT/resource-scanner/target/benchmark.log" >&2; exit 1; }
cat "$ROOT/resource-scanner/target/benchmark.json"
