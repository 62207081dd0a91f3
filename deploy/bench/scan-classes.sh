#!/usr/bin/env bash
# Records resource-scanner/src/main/resources/aws/scan-classes.txt: the classes a full scan loads after the service
# has started (the AWS SDK's response models above all), which resource-scanner then loads while it boots
# (ScanClassList). Runs deploy/bench/scanner.sh once with that preload off and the JVM's class-load log on, and keeps
# the named classes from the application's jars and the JDK that the freshly started process loaded after it was
# ready. Run it after upgrading the SDK or adding a resource type (a stale list only makes the first scan slower).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
LOG_DIR="$ROOT/resource-scanner/target/class-load"
LIST="$ROOT/resource-scanner/src/main/resources/aws/scan-classes.txt"
rm -rf "$LOG_DIR"
mkdir -p "$LOG_DIR"
BENCH_SINGLE=false BENCH_JVM_OPTIONS="-Xlog:class+load=info:file=$LOG_DIR/%p.log:uptime -Dscanner.aws.preload-scan-classes=false" \
  deploy/bench/scanner.sh >/dev/null
# the fresh process ran last; it was ready after "started in" seconds of uptime
fresh_log=""
for log in "$LOG_DIR"/*.log; do
  if [ -z "$fresh_log" ] || [ "$log" -nt "$fresh_log" ]; then fresh_log="$log"; fi
done
ready_s="$(sed -n 's/.*started in \([0-9.]*\)s.*/\1/p' resource-scanner/target/benchmark-scanner-fresh.log | head -1)"
[ -n "$ready_s" ] || { echo "no start-up time in benchmark-scanner-fresh.log" >&2; exit 1; }
{
  echo "# Classes a full scan loads after start-up, loaded by resource-scanner while it boots (ScanClassList)."
  echo "# Recorded by deploy/bench/scan-classes.sh; do not edit by hand."
  # "[12.345s] name source: file:/.../lib/main/x.jar" -> name, once, in load order; no lambdas or hidden classes
  awk -v ready="$ready_s" '
    $3 == "source:" && ($4 ~ /^file:.*\/lib\/main\// || $4 ~ /^jrt:\//) && $2 !~ /\$\$Lambda|\/0x/ {
      t = substr($1, 2, length($1) - 3) + 0
      if (t > ready && !seen[$2]++) print $2
    }' "$fresh_log"
} >"$LIST"
echo "$(grep -vc '^#' "$LIST") classes written to $LIST"
