#!/usr/bin/env bash
# Installs the command-line tools the tests run: kubectl (renders the kustomize overlays, offline) and shellcheck for
# the deployment checks (deploy/src/test), and Debian's chromium with its chromedriver for the gateway's browser
# tests (never a browser downloaded at test time), from the OS packages when missing; and Keycloak's server
# distribution (from Maven Central, once) for the gateway's sign-in lifecycle tests. Terraform is not packaged by Debian: when it
# is on the PATH the checks also run `terraform fmt -check`; the CI workflow installs it.
set -euo pipefail

LOG_PREFIX=tools
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

missing=()
command -v kubectl >/dev/null || missing+=(kubectl)
command -v shellcheck >/dev/null || missing+=(shellcheck)
# CHROME_BIN/CHROMEDRIVER_BIN point the browser tests at another Chrome and its driver (e.g. a CI runner's own)
[ -x "${CHROME_BIN:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -x "${CHROMEDRIVER_BIN:-/usr/bin/chromedriver}" ] || missing+=(chromium-driver)

if [ ${#missing[@]} -gt 0 ]; then
  if ! can_install; then
    log "missing ${missing[*]}: install them (apt-get install ${missing[*]})"
    exit 1
  fi
  apt_install "${missing[@]}"
fi
"$(dirname "${BASH_SOURCE[0]}")/keycloak.sh" install
log "ready: $(kubectl version --client 2>/dev/null | head -1), shellcheck $(shellcheck --version | awk '/^version/ {print $2}'), $("${CHROME_BIN:-/usr/bin/chromium}" --version 2>/dev/null | head -1)"
