#!/usr/bin/env bash
# Makes sure a real PostgreSQL and a real Redis answer on this machine, for the local run and the tests.
#  - If they already listen (REDIS_HOST:REDIS_PORT, POSTGRES_HOST:POSTGRES_PORT), they are used as they are.
#  - Otherwise, on Debian/Ubuntu as root (or with password-less sudo), they are installed from the OS packages
#    and started: Redis as a daemon on loopback, PostgreSQL through pg_ctlcluster (it refuses to run as root).
#  - Elsewhere it prints what to install and exits non-zero.
# Then it creates the roles and databases the services expect (idempotent).
# No Docker is needed or used.
set -euo pipefail

REDIS_HOST="${REDIS_HOST:-localhost}"
REDIS_PORT="${REDIS_PORT:-6379}"
POSTGRES_HOST="${POSTGRES_HOST:-localhost}"
POSTGRES_PORT="${POSTGRES_PORT:-5432}"
# service database = role name; each also gets a <name>_test database for the test suite
DATABASES=(monitoring scanner)

LOG_PREFIX=infra
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

explain_and_fail() {
  cat >&2 <<MSG
[infra] $1 is not reachable and cannot be installed automatically here (needs Debian/Ubuntu and root).
[infra] Install and start it yourself, then run this again:
[infra]   Redis 6+      listening on ${REDIS_HOST}:${REDIS_PORT}      (e.g. apt-get install redis-server / brew install redis)
[infra]   PostgreSQL 13+ listening on ${POSTGRES_HOST}:${POSTGRES_PORT} (e.g. apt-get install postgresql / brew install postgresql)
[infra] or point REDIS_HOST/REDIS_PORT and POSTGRES_HOST/POSTGRES_PORT at running servers.
MSG
  exit 1
}

wait_for() { # name host port
  for _ in $(seq 1 60); do
    listening "$2" "$3" && return 0
    sleep 0.5
  done
  log "$1 did not start listening on $2:$3"
  exit 1
}

ensure_redis() {
  if listening "$REDIS_HOST" "$REDIS_PORT"; then
    log "Redis answers on ${REDIS_HOST}:${REDIS_PORT}"
    return
  fi
  if ! command -v redis-server >/dev/null; then
    can_install || explain_and_fail Redis
    apt_install redis-server
  fi
  log "starting Redis on 127.0.0.1:${REDIS_PORT}"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --logfile /tmp/tracker-redis.log >/dev/null
  wait_for Redis 127.0.0.1 "$REDIS_PORT"
}

postgres_cluster() { # prints "version name" of the first local cluster
  pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1, $2}'
}

ensure_postgres() {
  if ! listening "$POSTGRES_HOST" "$POSTGRES_PORT"; then
    if ! command -v pg_ctlcluster >/dev/null || [ -z "$(postgres_cluster)" ]; then
      can_install || explain_and_fail PostgreSQL
      apt_install postgresql
    fi
    read -r version name <<<"$(postgres_cluster)"
    log "starting PostgreSQL cluster ${version}/${name} (as the postgres user)"
    as_root pg_ctlcluster "$version" "$name" start || true
    wait_for PostgreSQL "$POSTGRES_HOST" "$POSTGRES_PORT"
  else
    log "PostgreSQL answers on ${POSTGRES_HOST}:${POSTGRES_PORT}"
  fi
  create_databases
}

psql_admin() {
  as_root runuser -u postgres -- psql -p "$POSTGRES_PORT" -v ON_ERROR_STOP=1 -qtAX "$@"
}

create_databases() {
  if ! command -v runuser >/dev/null || ! id postgres >/dev/null 2>&1 || ! psql_admin -c 'select 1' >/dev/null 2>&1; then
    log "PostgreSQL is not local to this machine: make sure these exist there (role = password = name):"
    log "  roles and databases ${DATABASES[*]}, plus <name>_test databases owned by the same roles"
    return
  fi
  for name in "${DATABASES[@]}"; do
    if [ "$(psql_admin -c "select 1 from pg_roles where rolname = '${name}'")" != 1 ]; then
      log "creating role ${name}"
      # Local development credentials only (documented in the README); production passwords come from Secrets.
      psql_admin -c "create role ${name} login password '${name}'"
    fi
    for db in "$name" "${name}_test"; do
      if [ "$(psql_admin -c "select 1 from pg_database where datname = '${db}'")" != 1 ]; then
        log "creating database ${db}"
        psql_admin -c "create database ${db} owner ${name}"
      fi
    done
  done
}

ensure_redis
ensure_postgres
log "ready: Redis ${REDIS_HOST}:${REDIS_PORT}, PostgreSQL ${POSTGRES_HOST}:${POSTGRES_PORT}"
