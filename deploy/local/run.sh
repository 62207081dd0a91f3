#!/usr/bin/env bash
# Starts the whole suite on this machine: PostgreSQL and Redis (deploy/local/infra.sh), then the four services
# as JVM processes (prod profile, JSON logs in deploy/local/.run/<service>.log), waits until each answers
# /q/health/ready, and prints the URLs to open. Each service runs as its image runs it (service_command in lib.sh):
# on a JDK 25 or later where one is installed, with the AOT cache the build trained; else on the java on the PATH.
#
#   deploy/local/run.sh          build (skip with SKIP_BUILD=1) and start everything, in the background
#   deploy/local/run.sh stop     stop the four services and Keycloak (PostgreSQL and Redis keep running)
#   KEYCLOAK=off                 do not start the local OIDC provider (deploy/local/keycloak.sh)
#   deploy/local/run.sh status   readiness of each service
#   JAVA=<java>                  run the services on that java; HEAP (512m) their heap, JAVA_OPTS more JVM options
#
# Ports: GATEWAY_PORT (8080), SESSION_PORT (8081), MONITORING_PORT (8082), SCANNER_PORT (8083).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="${RUN_DIR:-$ROOT/deploy/local/.run}"
SERVICES=(tracker-gateway session-service monitoring-service resource-scanner)

port_of() {
  case "$1" in
    tracker-gateway) echo "${GATEWAY_PORT:-8080}" ;;
    session-service) echo "${SESSION_PORT:-8081}" ;;
    monitoring-service) echo "${MONITORING_PORT:-8082}" ;;
    resource-scanner) echo "${SCANNER_PORT:-8083}" ;;
  esac
}

# The tracker page's address for other devices on this network (TRACKER_PUBLIC_URL overrides it): the first address
# of `hostname -I`, or localhost when the machine has none.
public_url() {
  local address
  address="$(hostname -I 2>/dev/null | awk '{print $1}')"
  echo "${TRACKER_PUBLIC_URL:-http://${address:-localhost}:$(port_of tracker-gateway)/}"
}

# the open IP data (country, ASN) that ip-data.sh fetches once; visits are located and their networks named with it
IP_DATA="${TRACKER_IP_DATA:-$HOME/.cache/tracker-suite/ip-data}"

# Local development credentials created by infra.sh; on AWS these come from Kubernetes Secrets.
env_of() {
  case "$1" in
    monitoring-service) echo "DB_USER=monitoring DB_PASSWORD=monitoring DB_URL=jdbc:postgresql://${POSTGRES_HOST:-localhost}:${POSTGRES_PORT:-5432}/monitoring" ;;
    # the local Keycloak realm's client secret (deploy/local/keycloak/tracker-realm.json); plain HTTP, so no Secure
    # cookies
    tracker-gateway) echo "OIDC_CLIENT_SECRET=tracker-gateway-local-secret LOGIN_SESSION_KEY=local-run-only-login-session-key-0123456789abcdef SECURE_COOKIES=false SESSION_SERVICE_URL=http://localhost:${SESSION_PORT:-8081} MONITORING_SERVICE_URL=http://localhost:${MONITORING_PORT:-8082} RESOURCE_SCANNER_URL=http://localhost:${SCANNER_PORT:-8083}" ;;
    # every local tab comes from this machine's address: it may take all 3 seats, so the limit page stays reachable;
    # the QR code names this machine's LAN address, which a phone on the same network can open
    session-service) echo "PRESENCE_MAX_CONNECTIONS_PER_IP=3 TRACKER_PUBLIC_URL=$(public_url) VISITS_GEOIP_DATABASE=$IP_DATA/country.mmdb VISITS_ASN_DATABASE=$IP_DATA/asn-ipv4-num.csv,$IP_DATA/asn-ipv6-num.csv" ;;
    resource-scanner) echo "DB_USER=scanner DB_PASSWORD=scanner DB_URL=jdbc:postgresql://${POSTGRES_HOST:-localhost}:${POSTGRES_PORT:-5432}/scanner" ;;
    *) echo "" ;;
  esac
}

LOG_PREFIX=run
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ready() { # port
  curl -fsS -o /dev/null --max-time 2 "http://localhost:$1/q/health/ready" 2>/dev/null
}

stop_services() {
  for service in "${SERVICES[@]}"; do
    pid_file="$RUN_DIR/$service.pid"
    [ -f "$pid_file" ] || continue
    pid="$(cat "$pid_file")"
    if kill -0 "$pid" 2>/dev/null; then
      log "stopping $service (pid $pid)"
      kill "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file"
  done
}

status() {
  for service in "${SERVICES[@]}"; do
    port="$(port_of "$service")"
    if ready "$port"; then state=UP; else state=DOWN; fi
    printf '%-20s http://localhost:%s  %s\n' "$service" "$port" "$state"
  done
}

start() {
  "$ROOT/deploy/local/infra.sh"
  # the OIDC provider for signing in (KEYCLOAK=off skips it, e.g. for the readiness smoke test)
  if [ "${KEYCLOAK:-on}" != off ]; then "$ROOT/deploy/local/keycloak.sh" start; fi
  TRACKER_IP_DATA="$IP_DATA" "$ROOT/deploy/local/ip-data.sh"
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "building the services (./mvnw package -DskipTests)"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
  fi
  mkdir -p "$RUN_DIR"
  stop_services
  for service in "${SERVICES[@]}"; do
    jar="$ROOT/$service/target/quarkus-app/quarkus-run.jar"
    [ -f "$jar" ] || { log "$jar is missing: build first (./mvnw package -DskipTests)"; exit 1; }
    port="$(port_of "$service")"
    log "starting $service on port $port"
    # shellcheck disable=SC2046,SC2086 # env_of, service_command and JAVA_OPTS are word lists on purpose
    env HTTP_PORT="$port" $(env_of "$service") \
      nohup $(service_command "$service" "${HEAP:-512m}" ${JAVA_OPTS:-}) >"$RUN_DIR/$service.log" 2>&1 &
    echo $! >"$RUN_DIR/$service.pid"
  done
  for service in "${SERVICES[@]}"; do
    port="$(port_of "$service")"
    for _ in $(seq 1 120); do
      ready "$port" && break
      kill -0 "$(cat "$RUN_DIR/$service.pid")" 2>/dev/null || { log "$service exited: see $RUN_DIR/$service.log"; exit 1; }
      sleep 0.5
    done
    ready "$port" || { log "$service is not ready after 60 s: see $RUN_DIR/$service.log"; exit 1; }
  done
  cat <<MSG

The tracker suite is running (logs in $RUN_DIR):
  on a phone          $(public_url)   (the QR code's address; the tracker page only: sign-in redirects to localhost)
  tracker page        http://localhost:$(port_of tracker-gateway)/   (sign in: /login, users admin, operator,
                      viewer, teacher, student with password <username>-demo; sign out: the Sign out button, or /logout)
  admin dashboard     http://localhost:$(port_of tracker-gateway)/admin/   (user admin)
  scan console        http://localhost:$(port_of tracker-gateway)/scans/   (operator acts, viewer reads)
  tracker-gateway     http://localhost:$(port_of tracker-gateway)/q/swagger-ui
  session-service     http://localhost:$(port_of session-service)/q/swagger-ui
  monitoring-service  http://localhost:$(port_of monitoring-service)/q/swagger-ui
  resource-scanner    http://localhost:$(port_of resource-scanner)/q/swagger-ui
Health: http://localhost:<port>/q/health/ready   Metrics: http://localhost:<port>/q/metrics (the gateway's: with an admin API key)
Stop:   deploy/local/run.sh stop
MSG
}

case "${1:-start}" in
  start) start ;;
  stop) stop_services; "$ROOT/deploy/local/keycloak.sh" stop ;;
  status) status ;;
  *) echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac
