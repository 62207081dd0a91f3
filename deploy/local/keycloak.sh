#!/usr/bin/env bash
# The local OIDC provider: Keycloak's server distribution from Maven Central, in dev mode on loopback port 8180,
# with the realm in deploy/local/keycloak/tracker-realm.json (users admin, operator, viewer, teacher, student; the
# password of each is "<username>-demo"). Keycloak wants Java 21+: KEYCLOAK_JAVA_HOME, else the first JDK 21+ found.
#
#   deploy/local/keycloak.sh         download once (about 180 MB), start, wait until the realm answers
#   deploy/local/keycloak.sh install download and unpack only (the gateway's sign-in tests start their own copy)
#   deploy/local/keycloak.sh stop
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="${RUN_DIR:-$ROOT/deploy/local/.run}"
VERSION="${KEYCLOAK_VERSION:-26.7.3}"
PORT="${KEYCLOAK_PORT:-8180}"
HOME_DIR="$RUN_DIR/keycloak-$VERSION"
PID_FILE="$RUN_DIR/keycloak.pid"
LOG_PREFIX=keycloak
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

realm_ready() {
  curl -fsS -o /dev/null --max-time 2 "http://localhost:${PORT}/realms/tracker/.well-known/openid-configuration" 2>/dev/null
}

java_home() {
  if [ -n "${KEYCLOAK_JAVA_HOME:-}" ]; then echo "$KEYCLOAK_JAVA_HOME"; return; fi
  "$(dirname "${BASH_SOURCE[0]}")/jdk.sh" 21 || { log "Keycloak needs Java 21 or later: set KEYCLOAK_JAVA_HOME"; exit 1; }
}

install() {
  [ -x "$HOME_DIR/bin/kc.sh" ] && return
  log "downloading Keycloak $VERSION from Maven Central (once)"
  (cd "$ROOT" && ./mvnw -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:${VERSION}:zip" \
    -DoutputDirectory="$RUN_DIR" -Dmdep.stripVersion=false)
  unzip -q -o "$RUN_DIR/keycloak-quarkus-dist-${VERSION}.zip" -d "$RUN_DIR"
  rm -f "$RUN_DIR/keycloak-quarkus-dist-${VERSION}.zip"
}

start() {
  mkdir -p "$RUN_DIR"
  if realm_ready; then log "already running on port $PORT"; return; fi
  install
  mkdir -p "$HOME_DIR/data/import"
  cp "$ROOT/deploy/local/keycloak/tracker-realm.json" "$HOME_DIR/data/import/"
  log "starting Keycloak on http://localhost:${PORT} (log: $RUN_DIR/keycloak.log)"
  JAVA_HOME="$(java_home)" KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin-demo \
    nohup "$HOME_DIR/bin/kc.sh" start-dev --http-port "$PORT" --http-host 127.0.0.1 --import-realm \
    >"$RUN_DIR/keycloak.log" 2>&1 &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 180); do
    if realm_ready; then log "realm 'tracker' ready"; return; fi
    sleep 1
  done
  log "Keycloak did not start in 180 s; see $RUN_DIR/keycloak.log"; exit 1
}

stop() {
  [ -f "$PID_FILE" ] || return 0
  pid="$(cat "$PID_FILE")"
  # kc.sh stays as the parent of the java process: stop both, and wait until they are gone, so a start right after
  # this does not find the stopping server still answering and skip starting a new one
  local pids p alive
  read -r -a pids <<<"$pid $(pgrep -P "$pid" | tr '\n' ' ')"
  kill "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 1 150); do
    alive=false
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=true; done
    $alive || break
    sleep 0.2
  done
  kill -9 "${pids[@]}" 2>/dev/null || true
  rm -f "$PID_FILE"
  log "stopped"
}

case "${1:-start}" in
  start) start ;;
  install) mkdir -p "$RUN_DIR"; install ;;
  stop) stop ;;
  *) echo "usage: $0 [start|install|stop]" >&2; exit 2 ;;
esac
