#!/usr/bin/env bash
# Downloads the open IP data (country, ASN) for visits once into a cache outside the repository
# (TRACKER_IP_DATA, default ~/.cache/tracker-suite/ip-data), where the local run and the tests read it.
# The same script runs in session-service's init container in Kubernetes (k8s/base/ip-data).
set -euo pipefail
exec sh "$(dirname "${BASH_SOURCE[0]}")/../../k8s/base/ip-data/fetch-ip-data.sh" \
  "${TRACKER_IP_DATA:-$HOME/.cache/tracker-suite/ip-data}"
