#!/usr/bin/env bash
# Creates the Secrets the manifests in k8s/ refer to, in the current kubectl context. Values never touch the repo.
#   deploy/k8s-secrets.sh local   random passwords for the in-cluster Redis and PostgreSQL (kept if they exist:
#                                 the PostgreSQL data was initialised with them)
#   deploy/k8s-secrets.sh eks     values from AWS Secrets Manager, where deploy/terraform stored them
#                                 (needs the aws CLI and the Terraform outputs of deploy/terraform)
set -euo pipefail

NAMESPACE="${NAMESPACE:-tracker-suite}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '[k8s-secrets] %s\n' "$*" >&2; }

random_password() {
  head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32
}

# name key=value... ; applied, so a rerun updates the values in place
apply_secret() {
  local name="$1"
  shift
  local args=()
  for pair in "$@"; do args+=("--from-literal=${pair}"); done
  kubectl -n "$NAMESPACE" create secret generic "$name" "${args[@]}" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
  log "secret ${name} applied"
}

exists() {
  kubectl -n "$NAMESPACE" get secret "$1" >/dev/null 2>&1
}

local_secrets() {
  kubectl get namespace "$NAMESPACE" >/dev/null 2>&1 || kubectl create namespace "$NAMESPACE" >/dev/null
  if ! exists tracker-redis; then
    local redis_password
    redis_password="$(random_password)"
    apply_secret tracker-redis "password=${redis_password}" "url=redis://:${redis_password}@redis:6379"
  fi
  exists postgres-admin || apply_secret postgres-admin "username=postgres" "password=$(random_password)"
  exists monitoring-db || apply_secret monitoring-db "username=monitoring" "password=$(random_password)"
  exists scanner-db || apply_secret scanner-db "username=scanner" "password=$(random_password)"
  # the client secret of the local Keycloak realm (deploy/local/keycloak/tracker-realm.json), not a production value
  local client_secret=tracker-gateway-local-secret
  exists tracker-gateway || apply_secret tracker-gateway "oidc-client-secret=${client_secret}" "login-session-key=$(random_password)"
}

secret_json() { # Secrets Manager id -> its JSON value
  aws secretsmanager get-secret-value --secret-id "$1" --query SecretString --output text
}

json_field() { # field, JSON on stdin
  python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

tf_output() {
  terraform -chdir="${ROOT}/deploy/terraform" output -raw "$1"
}

# Secret name, Terraform output naming a Secrets Manager secret of {username, password}
apply_login_secret() {
  local login
  login="$(secret_json "$(tf_output "$2")")"
  apply_secret "$1" "username=$(json_field username <<<"$login")" "password=$(json_field password <<<"$login")"
}

eks_secrets() {
  local token
  token="$(secret_json "$(tf_output redis_secret_arn)" | json_field auth_token)"
  apply_secret tracker-redis "password=${token}" "url=rediss://:${token}@$(tf_output redis_primary_endpoint):6379"
  apply_login_secret postgres-admin rds_master_secret_arn
  apply_login_secret monitoring-db monitoring_db_secret_arn
  apply_login_secret scanner-db scanner_db_secret_arn
  # The OIDC client is registered at the provider (Cognito, Keycloak...), not by Terraform: its secret comes from the
  # environment of the pipeline. The session-signing key is made once and kept, so sessions survive a redeploy.
  : "${OIDC_CLIENT_SECRET:?set OIDC_CLIENT_SECRET to the OIDC client secret of the gateway}"
  local login_session_key
  if exists tracker-gateway; then
    login_session_key="$(kubectl -n "$NAMESPACE" get secret tracker-gateway -o jsonpath='{.data.login-session-key}' | base64 -d)"
  else
    login_session_key="$(random_password)"
  fi
  apply_secret tracker-gateway "oidc-client-secret=${OIDC_CLIENT_SECRET}" "login-session-key=${login_session_key}"
}

case "${1:-}" in
  local) local_secrets ;;
  eks) eks_secrets ;;
  *) echo "usage: $0 local|eks" >&2; exit 2 ;;
esac
