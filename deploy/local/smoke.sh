#!/usr/bin/env bash
# End-to-end check of the local run: starts the suite with run.sh on spare ports, expects every service ready,
# then (when Redis and PostgreSQL are local servers this machine controls) stops each of them for real and
# expects the services that use it to turn not-ready with a reason and ready again once it is back, without
# a restart of the services. Part of the test command (deploy/local/test.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export RUN_DIR="$ROOT/deploy/local/.run/smoke"
export KEYCLOAK=off GATEWAY_PORT=18080 SESSION_PORT=18081 MONITORING_PORT=18082 SCANNER_PORT=18083
declare -A PORT=([tracker-gateway]=18080 [session-service]=18081 [monitoring-service]=18082 [resource-scanner]=18083)
failures=0

LOG_PREFIX=smoke
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readiness() { # service -> HTTP status of /q/health/ready
  curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://localhost:${PORT[$1]}/q/health/ready" || true
}

expect() { # service status seconds
  local got=""
  for _ in $(seq 1 $(($3 * 2))); do
    got="$(readiness "$1")"
    [ "$got" = "$2" ] && { log "ok   $1 readiness $2"; return 0; }
    sleep 0.5
  done
  log "FAIL $1 readiness: expected $2, got $got"
  curl -s --max-time 3 "http://localhost:${PORT[$1]}/q/health/ready" >&2 || true
  failures=$((failures + 1))
}

expect_reason() { # service check-name
  if curl -s --max-time 3 "http://localhost:${PORT[$1]}/q/health/ready" | grep -q "\"$2\""; then
    log "ok   $1 names the failing check \"$2\""
  else
    log "FAIL $1 does not name \"$2\""; failures=$((failures + 1))
  fi
}

trap '"$ROOT/deploy/local/run.sh" stop' EXIT
"$ROOT/deploy/local/run.sh" start >/dev/null
for service in "${!PORT[@]}"; do expect "$service" 200 5; done

if command -v redis-cli >/dev/null && [ "${REDIS_HOST:-localhost}" = localhost ]; then
  log "stopping Redis"
  redis-cli -p "${REDIS_PORT:-6379}" shutdown nosave >/dev/null 2>&1 || true
  for service in tracker-gateway session-service monitoring-service; do
    expect "$service" 503 20
    expect_reason "$service" "Redis connection health check"
  done
  expect resource-scanner 200 2
  "$ROOT/deploy/local/infra.sh" 2>/dev/null
  for service in "${!PORT[@]}"; do expect "$service" 200 30; done
else
  log "Redis is not a local server here: outage check skipped"
fi

if command -v pg_lsclusters >/dev/null && [ -n "$(pg_lsclusters --no-header 2>/dev/null)" ] && [ "${POSTGRES_HOST:-localhost}" = localhost ]; then
  read -r version name _ <<<"$(pg_lsclusters --no-header | head -1)"
  log "stopping PostgreSQL $version/$name"
  pg_ctlcluster "$version" "$name" stop
  for service in monitoring-service resource-scanner; do
    expect "$service" 503 20
    expect_reason "$service" "Database connections health check"
  done
  expect tracker-gateway 200 2
  "$ROOT/deploy/local/infra.sh" 2>/dev/null
  for service in "${!PORT[@]}"; do expect "$service" 200 30; done
else
  log "PostgreSQL is not a local cluster here: outage check skipped"
fi

if [ "$failures" -gt 0 ]; then
  log "$failures check(s) failed; service logs are in $RUN_DIR"
  exit 1
fi
log "the local run works: all services ready, and they follow Redis and PostgreSQL outages"
