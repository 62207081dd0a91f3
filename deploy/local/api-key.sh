#!/usr/bin/env bash
# Makes an API key: prints the key (give it to the client, once) and its two settings, the same for the gateway and
# the resource scanner (the gateway checks the key and passes it on to the scanner, which checks it again for its
# audit).
# Only the SHA-256 of the key is ever configured.
#   deploy/local/api-key.sh <id> <viewer|operator|admin>
set -euo pipefail
id="${1:?usage: $0 <id: 3-32 of a-z 0-9 -> <role: viewer|operator|admin>}"
role="${2:?usage: $0 <id> <viewer|operator|admin>}"
[[ "$id" =~ ^[a-z0-9-]{3,32}$ ]] || { echo "id must be 3-32 characters of a-z, 0-9 and -" >&2; exit 2; }
[[ "$role" =~ ^(viewer|operator|admin)$ ]] || { echo "role must be viewer, operator or admin" >&2; exit 2; }
secret="$(head -c 48 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' | head -c 48)"
key="tsk_${id}_${secret}"
hash="$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)"
env_id="$(printf '%s' "$id" | tr 'a-z-' 'A-Z_')"
echo "key (give to the client, it is not stored anywhere): $key"
echo "TRACKER_API_KEYS__${env_id}__SHA256=$hash"
echo "TRACKER_API_KEYS__${env_id}__ROLE=$role"
