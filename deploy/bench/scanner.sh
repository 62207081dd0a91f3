#!/usr/bin/env bash
# Benchmark of resource-scanner on this machine (the packaged service as a process in JVM mode, real PostgreSQL)
# against the AWS stub of its tests with BENCH_LATENCY_MS (default 50) added to every call: 17 regions, every
# resource type, 10,000 resources over pages of 100. Scans with the default workers, then with one worker
# (BENCH_SINGLE=false skips that ~1 minute run), then the first scan of a freshly started process. The service runs
# with the JVM options of its image (BENCH_JVM_OPTIONS replaces them; empty for the JVM's own defaults on this host).
# Prints the figures as one JSON line, last.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
deploy/local/infra.sh 2>/dev/null
./mvnw -B -q -ntp install -pl tracker-common -am -DskipTests
./mvnw -B -q -ntp package -pl resource-scanner -DskipTests # the benchmark runs the packaged service as a process
# The JVM as the JVM image runs it: the base image's run-java.sh defaults (ubi9/openjdk-17-runtime: the parallel
# collector tuned to give memory back), the -XX options resource-scanner/src/main/docker/Dockerfile.jvm adds, and the
# pod's memory limit (k8s/base/resource-scanner.yaml, 512Mi), from which the JVM sizes its initial heap.
IMAGE_DEFAULTS="-XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError"
DOCKERFILE_OPTIONS="$(sed -n 's/^ENV JAVA_OPTS_APPEND="\(.*\)"$/\1/p' resource-scanner/src/main/docker/Dockerfile.jvm | tr ' ' '\n' | { grep '^-XX' || true; } | tr '\n' ' ')"
JVM_OPTIONS="${BENCH_JVM_OPTIONS-$IMAGE_DEFAULTS $DOCKERFILE_OPTIONS -XX:MaxRAM=512m}"
# The AWS stub runs in the benchmark's own JVM, on the cores the scanner uses (AWS itself would cost this machine
# nothing): C1-only there, as its C2 compiler threads took 0.8-1.2 CPU-s of a 2 s scan even after warm-up scans.
./mvnw -B -q -ntp test -pl resource-scanner -Dtest=ScannerBenchmark -DexcludedTestGroups=none \
  -Dbench.latency-ms="${BENCH_LATENCY_MS:-50}" -Dbench.single="${BENCH_SINGLE:-true}" -Dbench.heap="${BENCH_HEAP:-512m}" \
  -Dbench.jvm-options="$JVM_OPTIONS" -DargLine="-XX:TieredStopAtLevel=1" \
  >"$ROOT/resource-scanner/target/benchmark.log" 2>&1 \
  || { tail -50 "$ROOT/resource-scanner/target/benchmark.log" >&2; exit 1; }
cat "$ROOT/resource-scanner/target/benchmark.json"
