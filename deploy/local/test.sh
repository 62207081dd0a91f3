#!/usr/bin/env bash
# The whole test suite, as the README and CI run it:
#  1. real PostgreSQL and Redis (installed and started by infra.sh when missing),
#  2. the open IP data visits are located with (ip-data.sh: downloaded once into a cache outside the repository),
#  3. every module's tests against them (./mvnw verify; also builds the runnable jars), then the deployment
#     checks of the deploy module (kubectl, shellcheck and the browser tests' chromium installed by tools.sh),
#  4. the smoke test of the local run, including real Redis/PostgreSQL outages.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

deploy/local/infra.sh
deploy/local/tools.sh
deploy/local/ip-data.sh
./mvnw -B -ntp verify
SKIP_BUILD=1 deploy/local/smoke.sh
