#!/usr/bin/env bash
# Records resource-scanner/src/main/resources/aws/rehearsal-answers.jsonl.gz: the AWS answers resource-scanner's
# start-up rehearsal replays on loopback (ScanRehearsal, AwsReplay). The packaged service scans one region of the
# benchmark's account (deploy/bench/scanner.sh) on the AWS stub of the tests, which records every request it answers.
# Run it after upgrading the SDK or adding a resource type (answers the rehearsal lacks only make it rehearse less).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
ANSWERS="$ROOT/resource-scanner/src/main/resources/aws/rehearsal-answers.jsonl.gz"
deploy/local/infra.sh 2>/dev/null
./mvnw -B -q -ntp install -pl tracker-common -am -DskipTests
./mvnw -B -q -ntp package -pl resource-scanner -DskipTests
./mvnw -B -q -ntp test -pl resource-scanner -Dtest='ScannerBenchmark#recordRehearsalAnswers' -DexcludedTestGroups=none \
  -Dbench.rehearsal-answers="$ANSWERS" >"$ROOT/resource-scanner/target/rehearsal-answers.log" 2>&1 \
  || { tail -50 "$ROOT/resource-scanner/target/rehearsal-answers.log" >&2; exit 1; }
echo "$(zcat "$ANSWERS" | wc -l) answers written to $ANSWERS"
