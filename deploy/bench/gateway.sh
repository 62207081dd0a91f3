#!/usr/bin/env bash
# Benchmark of tracker-gateway on this machine (JVM mode, real Redis): wrk against a session-service endpoint
# (GET /api/instance) directly, through nginx (one worker, kept-alive upstream connections: the reverse proxy a user
# would otherwise put in front) and through the gateway (rate limit checked, forwarded headers, proxying), in one run
# on loopback, with the CPU each proxy spent per request (from /proc: nginx's worker, the gateway's JVM; the service's
# for the direct path). Rate limits are raised so the bucket is checked but never refuses. Then the WebSocket path:
# the presence fan-out (observers, and joins timed until every observer has them) directly, through nginx and
# through the gateway (session-service's ProxiedPresenceBenchmark, Vert.x clients; each path twice in turn, the
# second round reported).
#   BENCH_SECONDS (default 15) per measurement, BENCH_CONNECTIONS (default 32), BENCH_THREADS (default 2)
#   BENCH_WS_OBSERVERS (default 200), BENCH_WS_JOINS_PER_S (default 10), BENCH_WS_SECONDS (default 10);
#   BENCH_WEBSOCKET=false skips the WebSocket path
#   BENCH_WS_LOAD=node: the WebSocket path with presence-compare.sh's own Node load instead (load.mjs from
#   PRESENCE_HARNESS, default ../shared/bench; BENCH_WS_JOINS joins, default 300, each path twice in turn, the second
#   round reported, with the CPU nginx's worker and the gateway spent on it)
# Prints the figures as one JSON line, last.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="$ROOT/deploy/local/.run/bench-gateway"
SESSION_PORT=19081
GATEWAY_PORT=19080
NGINX_PORT=19082
SECONDS_EACH="${BENCH_SECONDS:-15}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
LOG_PREFIX=bench
# shellcheck source=../local/lib.sh source-path=SCRIPTDIR/../local
source "$ROOT/deploy/local/lib.sh"

cd "$ROOT"
deploy/local/infra.sh 2>/dev/null
command -v wrk >/dev/null || apt_install wrk
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt_install nginx-light
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
mkdir -p "$RUN_DIR"
log "building session-service and tracker-gateway"
./mvnw -B -q -ntp install -pl tracker-common -am -DskipTests
# -am: the gateway names the other services as test dependencies (its tests start them), so they are built too
./mvnw -B -q -ntp package -pl session-service,tracker-gateway -am -DskipTests

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -f "$RUN_DIR/nginx.pid" ]; then "$NGINX" -c "$RUN_DIR/nginx.conf" -s stop 2>/dev/null || true; fi
}
trap cleanup EXIT

# as the images run them (service_command: the image's JVM options, the AOT cache); the commands are word lists
# shellcheck disable=SC2046
env HTTP_PORT=$SESSION_PORT INSTANCE_METADATA_ENABLED=false REDIS_URL=redis://localhost:6379/2 \
  PRESENCE_MAX_CONNECTIONS=20000 PRESENCE_MAX_CONNECTIONS_PER_IP=20000 \
  $(service_command session-service 512m) >"$RUN_DIR/session-service.log" 2>&1 &
SESSION_PID=$!
pids+=("$SESSION_PID")
# shellcheck disable=SC2046
env HTTP_PORT=$GATEWAY_PORT REDIS_URL=redis://localhost:6379/2 SESSION_SERVICE_URL=http://localhost:$SESSION_PORT \
  OIDC_CLIENT_SECRET=bench-only-client-secret-0123456789 LOGIN_SESSION_KEY=bench-only-login-session-key-0123456789abcdef \
  RATE_LIMIT_PER_MINUTE=1000000000 QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
  $(service_command tracker-gateway 512m) >"$RUN_DIR/tracker-gateway.log" 2>&1 &
GATEWAY_PID=$!
pids+=("$GATEWAY_PID")
cat >"$RUN_DIR/nginx.conf" <<NGINX
worker_processes 1;
pid $RUN_DIR/nginx.pid;
error_log $RUN_DIR/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  upstream session { server 127.0.0.1:$SESSION_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location /api/presence/ws {
      proxy_pass http://session;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection "upgrade";
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_read_timeout 1h;
    }
    location / {
      proxy_pass http://session;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }
}
NGINX
"$NGINX" -c "$RUN_DIR/nginx.conf"
# up to 2 min, for a slow machine (with its AOT cache the gateway is ready in 2-3 s)
for port in $SESSION_PORT $GATEWAY_PORT; do
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null --max-time 2 "http://localhost:$port/q/health/ready" 2>/dev/null && break
    sleep 0.5
  done
done

cpu_ticks() { # pid -> user + system CPU so far, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}
measure() { # url pid name -> wrk output in $RUN_DIR/name.txt (after a warm-up of the same length), and the pid's CPU
  # over the measured run in $RUN_DIR/name.cpu: the proxy's own cost per request, steadier than requests/s on a
  # shared machine, where the load generator and the service take the same cores
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" "$1" >/dev/null
  local before
  before="$(cpu_ticks "$2")"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "$1" >"$RUN_DIR/$3.txt"
  echo $(($(cpu_ticks "$2") - before)) >"$RUN_DIR/$3.cpu"
}
to_ms() { # wrk duration (e.g. 812.00us, 1.20ms, 2.01s) -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
figures() { # name -> "rps p50 p99 non2xx cpu_us_per_request"
  local rps p50 p99 errors requests
  rps="$(awk '/^Requests\/sec:/ { print $2 }' "$RUN_DIR/$1.txt")"
  p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$RUN_DIR/$1.txt")")"
  p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$RUN_DIR/$1.txt")")"
  errors="$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$RUN_DIR/$1.txt")"
  requests="$(awk '/ requests in / { print $1 }' "$RUN_DIR/$1.txt")"
  echo "$rps $p50 $p99 ${errors:-0} $(awk -v t="$(cat "$RUN_DIR/$1.cpu")" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN { printf "%.1f", t * 1e6 / hz / n }')"
}

# the CPU counted: session-service's for the direct path, nginx's worker's, the gateway's (all its threads)
NGINX_WORKER="$(pgrep -P "$(cat "$RUN_DIR/nginx.pid")" | head -1)"
log "direct: http://localhost:$SESSION_PORT/api/instance (${SECONDS_EACH}s, $CONNECTIONS connections)"
measure "http://localhost:$SESSION_PORT/api/instance" "$SESSION_PID" direct
log "through nginx: http://localhost:$NGINX_PORT/api/instance"
measure "http://localhost:$NGINX_PORT/api/instance" "$NGINX_WORKER" nginx
log "through the gateway: http://localhost:$GATEWAY_PORT/api/instance"
measure "http://localhost:$GATEWAY_PORT/api/instance" "$GATEWAY_PID" gateway

node_presence_load() { # -> WS_FIGURES from presence-compare.sh's load.mjs through each path
  local harness="${PRESENCE_HARNESS:-$ROOT/../shared/bench}/socketio-presence" observers="${BENCH_WS_OBSERVERS:-200}"
  command -v node >/dev/null || apt_install nodejs npm
  [ -d "$harness/node_modules" ] || (cd "$harness" && npm ci --silent)
  local path name cpu_from
  for _ in 1 2; do
    for path in direct:$SESSION_PORT nginx:$NGINX_PORT gateway:$GATEWAY_PORT; do
      name="${path%%:*}"
      cpu_from="$GATEWAY_PID"
      if [ "$name" = nginx ]; then cpu_from="$NGINX_WORKER"; fi
      local before
      before="$(cpu_ticks "$cpu_from")"
      node "$harness/load.mjs" ours "ws://127.0.0.1:${path#*:}/api/presence/ws" "$observers" "${BENCH_WS_JOINS:-300}" \
        "${BENCH_WS_JOINS_PER_S:-10}" 0 >"$RUN_DIR/ws-$name.json"
      echo $(($(cpu_ticks "$cpu_from") - before)) >"$RUN_DIR/ws-$name.cpu"
      sleep 3 # the service drops the last round's sessions
    done
  done
  WS_FIGURES="$(python3 - "$RUN_DIR" "$(getconf CLK_TCK)" <<'PY'
import json, sys
run, hz = sys.argv[1], int(sys.argv[2])
figures = {"ws_load": "node"}
loads = {name: json.load(open(f"{run}/ws-{name}.json")) for name in ("direct", "nginx", "gateway")}
figures["ws_observers"] = loads["direct"]["observers"]
for name, load in loads.items():
    for key in ("joins", "joins_seen_by_every_observer", "every_observer_p50_ms", "every_observer_p99_ms", "open_s"):
        figures[f"ws_{name}_{key}"] = load[key]
    if name != "direct":
        figures[f"ws_{name}_cpu_s"] = round(int(open(f"{run}/ws-{name}.cpu").read()) / hz, 2)
        for p in ("p50", "p99"):
            figures[f"ws_{name}_added_{p}_ms"] = round(load[f"every_observer_{p}_ms"]
                                                     - loads["direct"][f"every_observer_{p}_ms"], 2)
figures["ws_reference"] = "direct"
figures["ws_target_added_p99_ms"] = 5
print(json.dumps(figures, separators=(",", ":"))[1:-1])
PY
)"
  WS_FIGURES=",$WS_FIGURES"
}

WS_FIGURES=""
if [ "${BENCH_WEBSOCKET:-true}" = false ]; then
  : # HTTP only
elif [ "${BENCH_WS_LOAD:-java}" = node ]; then
  log "WebSocket path: presence-compare.sh's load directly, through nginx, through the gateway"
  node_presence_load
else
  log "WebSocket path: presence fan-out directly, through nginx, through the gateway"
  ./mvnw -B -q -ntp test -pl session-service -Dtest=ProxiedPresenceBenchmark -DexcludedTestGroups=none \
    -Dbench.ws-paths="direct:$SESSION_PORT,nginx:$NGINX_PORT,gateway:$GATEWAY_PORT" \
    -Dbench.ws-observers="${BENCH_WS_OBSERVERS:-200}" -Dbench.ws-joins-per-s="${BENCH_WS_JOINS_PER_S:-10}" \
    -Dbench.ws-seconds="${BENCH_WS_SECONDS:-10}" >"$RUN_DIR/websocket.log" 2>&1 \
    || { tail -50 "$RUN_DIR/websocket.log" >&2; exit 1; }
  # the object's members, appended to the line below
  WS_FIGURES=",$(sed -e 's/^{//' -e 's/}$//' session-service/target/benchmark-websocket.json)"
fi

read -r d_rps d_p50 d_p99 d_err d_cpu <<<"$(figures direct)"
read -r n_rps n_p50 n_p99 n_err n_cpu <<<"$(figures nginx)"
read -r g_rps g_p50 g_p99 g_err g_cpu <<<"$(figures gateway)"
awk -v drps="$d_rps" -v dp50="$d_p50" -v dp99="$d_p99" -v derr="$d_err" \
    -v nrps="$n_rps" -v np50="$n_p50" -v np99="$n_p99" -v nerr="$n_err" \
    -v grps="$g_rps" -v gp50="$g_p50" -v gp99="$g_p99" -v gerr="$g_err" -v c="$CONNECTIONS" -v ws="$WS_FIGURES" \
    -v dcpu="$d_cpu" -v ncpu="$n_cpu" -v gcpu="$g_cpu" 'BEGIN {
  printf "{\"connections\":%d,\"direct_rps\":%.0f,\"nginx_rps\":%.0f,\"gateway_rps\":%.0f,", c, drps, nrps, grps
  printf "\"gateway_share_of_nginx\":%.3f,\"gateway_share_of_direct\":%.3f,", grps / nrps, grps / drps
  printf "\"direct_p50_ms\":%.3f,\"nginx_p50_ms\":%.3f,\"gateway_p50_ms\":%.3f,\"gateway_p50_over_nginx_ms\":%.3f,", dp50, np50, gp50, gp50 - np50
  printf "\"direct_p99_ms\":%.3f,\"nginx_p99_ms\":%.3f,\"gateway_p99_ms\":%.3f,", dp99, np99, gp99
  printf "\"direct_errors\":%d,\"nginx_errors\":%d,\"gateway_errors\":%d,", derr, nerr, gerr
  printf "\"service_cpu_us_per_request\":%.1f,\"nginx_cpu_us_per_request\":%.1f,", dcpu, ncpu
  printf "\"gateway_cpu_us_per_request\":%.1f,", gcpu
  printf "\"target_share_of_nginx\":0.8,\"target_p50_over_nginx_ms\":0.5%s}\n", ws
}'
