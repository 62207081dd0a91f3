#!/usr/bin/env bash
# Installs the command-line tools the deployment checks (deploy/src/test) run: kubectl (renders the kustomize
# overlays, offline) and shellcheck, from the OS packages when missing. Terraform is not packaged by Debian: when it
# is on the PATH the checks also run `terraform fmt -check`; the CI workflow installs it.
set -euo pipefail

LOG_PREFIX=tools
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

missing=()
command -v kubectl >/dev/null || missing+=(kubectl)
command -v shellcheck >/dev/null || missing+=(shellcheck)

if [ ${#missing[@]} -gt 0 ]; then
  if ! can_install; then
    log "missing ${missing[*]}: install them (e.g. apt-get install ${missing[*]} / brew install kubernetes-cli shellcheck)"
    exit 1
  fi
  apt_install "${missing[@]}"
fi
log "ready: $(kubectl version --client 2>/dev/null | head -1), shellcheck $(shellcheck --version | awk '/^version/ {print $2}')"
