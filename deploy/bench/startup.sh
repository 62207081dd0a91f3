#!/usr/bin/env bash
# Start-up benchmark: for each service, the time from process start to its first 200 on /q/health/ready (polled every
# 50 ms: a tighter loop of curl processes takes CPU from the service measured) and its resident memory then; each alone, then all four started at once, as deploy/local/run.sh starts them.
# The services run as their images run them (service_command in deploy/local/lib.sh: the image's JVM options, the AOT
# cache where the java can use it; JAVA picks the java), on the local Redis and PostgreSQL, without an OIDC provider.
# Run after ./mvnw package (-DskipTests is fine). Prints the figures as one JSON line, last.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="$ROOT/deploy/local/.run/bench-startup"
SERVICES=(tracker-gateway session-service monitoring-service resource-scanner)
LOG_PREFIX=bench
# shellcheck source=../local/lib.sh source-path=SCRIPTDIR/../local
source "$ROOT/deploy/local/lib.sh"
cd "$ROOT"
deploy/local/infra.sh 2>/dev/null
mkdir -p "$RUN_DIR"

port_of() {
  case "$1" in
    tracker-gateway) echo 19401 ;; session-service) echo 19402 ;; monitoring-service) echo 19403 ;; resource-scanner) echo 19404 ;;
  esac
}

env_of() {
  local db="jdbc:postgresql://${POSTGRES_HOST:-localhost}:${POSTGRES_PORT:-5432}"
  case "$1" in
    tracker-gateway) echo "OIDC_CLIENT_SECRET=bench-only-client-secret-0123456789 LOGIN_SESSION_KEY=bench-only-login-session-key-0123456789abcdef SESSION_SERVICE_URL=http://localhost:$(port_of session-service) MONITORING_SERVICE_URL=http://localhost:$(port_of monitoring-service) RESOURCE_SCANNER_URL=http://localhost:$(port_of resource-scanner)" ;;
    session-service) echo "INSTANCE_METADATA_ENABLED=false QUARKUS_OIDC_TENANT_ENABLED=false" ;;
    monitoring-service) echo "QUARKUS_OIDC_TENANT_ENABLED=false DB_USER=monitoring DB_PASSWORD=monitoring DB_URL=$db/monitoring" ;;
    resource-scanner) echo "QUARKUS_OIDC_TENANT_ENABLED=false DB_USER=scanner DB_PASSWORD=scanner DB_URL=$db/scanner" ;;
  esac
}

declare -A command_of # worked out once, before any clock starts: finding the JDK starts JVMs of its own
for service in "${SERVICES[@]}"; do command_of[$service]="$(service_command "$service" 512m)"; done

launch() { # service -> pid; the command as the image runs it, with a 512 MB heap as in the pods
  # shellcheck disable=SC2046,SC2086 # env_of and the command are word lists on purpose
  env HTTP_PORT="$(port_of "$1")" $(env_of "$1") ${command_of[$1]} >"$RUN_DIR/$1.log" 2>&1 &
  echo $!
}

rss_mb() { awk '/VmRSS/{print int($2 / 1024)}' "/proc/$1/status"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Starts the given services together; prints "service ready_ms rss_mb" for each as it turns ready. Run in a subshell
# (its trap stops the services however it ends).
start_and_time() {
  local started service port left=("$@")
  declare -gA pid_of=()
  # shellcheck disable=SC2317 # run by the trap
  stop_all() {
    local pid
    for pid in "${pid_of[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pid_of[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done
  }
  trap stop_all EXIT
  started=$(now_ms)
  for service in "$@"; do pid_of[$service]=$(launch "$service"); done
  while [ ${#left[@]} -gt 0 ]; do
    [ $(($(now_ms) - started)) -lt 120000 ] || { echo "not ready after 120 s: ${left[*]}" >&2; exit 1; }
    local still=()
    for service in "${left[@]}"; do
      port=$(port_of "$service")
      if curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; then
        echo "$service $(($(now_ms) - started)) $(rss_mb "${pid_of[$service]}")"
      else
        kill -0 "${pid_of[$service]}" 2>/dev/null || { echo "$service exited: $RUN_DIR/$service.log" >&2; exit 1; }
        still+=("$service")
      fi
    done
    left=("${still[@]+"${still[@]}"}")
    sleep 0.05
  done
}

echo "java: $(service_java) ($(java_feature "$(service_java)"))" >&2
json="{\"java\":$(java_feature "$(service_java)")"
# session-service first: the gateway's readiness does not wait for it, but its first requests do
for service in session-service monitoring-service resource-scanner tracker-gateway; do
  read -r _ ms rss < <(start_and_time "$service")
  echo "$service alone: ready after $ms ms, $rss MB resident (${command_of[$service]})" >&2
  json+=",\"${service}_ready_ms\":$ms,\"${service}_rss_mb\":$rss"
done
slowest=0
while read -r service ms rss; do
  echo "$service with the others: ready after $ms ms, $rss MB resident" >&2
  [ "$ms" -gt "$slowest" ] && slowest=$ms
done < <(start_and_time "${SERVICES[@]}")
echo "$json,\"all_four_ready_ms\":$slowest}"
