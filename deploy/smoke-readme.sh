#!/usr/bin/env bash
# Runs the README's walk-through ("A walk through the API") verbatim against a running Hindsight and fails
# on any 5xx, on any 4xx the README does not announce in a comment ("# 409 SLOT_TAKEN"), or on a command
# that fails. Used on the local cluster's proxy: deploy/local-cluster.sh smoke.
#   deploy/smoke-readme.sh [base-url]     # default http://127.0.0.1:18080
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-http://127.0.0.1:18080}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

awk '/^## A walk through the API/ {inside = 1} inside && /^```bash/ {code = 1; next} code && /^```/ {exit} code' \
    README.md > "$WORK/walk.sh"
sed -i "s#localhost:8080#${BASE#http://}#g" "$WORK/walk.sh"
announced=$(grep -oE '#[[:space:]]*4[0-9]{2}\b' "$WORK/walk.sh" | wc -l)

cat > "$WORK/run.sh" <<RUN
set -euo pipefail
calls=0
# Every response's status line lands in headers.N; a live tail (-N) is cut after a few seconds.
curl() {
    calls=\$((calls + 1))
    local limit=()
    for argument in "\$@"; do [[ \$argument == -N ]] && limit=(--max-time 3); done
    command curl -sS -D "$WORK/headers.\$calls" "\${limit[@]}" "\$@" || {
        local status=\$?
        [[ \$status == 28 && \${#limit[@]} -gt 0 ]] || return \$status
    }
}
source "$WORK/walk.sh"
RUN
if ! bash "$WORK/run.sh" > "$WORK/output.log" 2>&1; then
    cat "$WORK/output.log"
    echo "smoke: the walk-through stopped with an error" >&2
    exit 1
fi

statuses=$(for file in "$WORK"/headers.*; do grep -E '^HTTP/' "$file" | tail -n 1 | awk '{print $2}'; done)
total=$(echo "$statuses" | grep -c . || true)
server_errors=$(echo "$statuses" | grep -c '^5' || true)
client_errors=$(echo "$statuses" | grep -c '^4' || true)
echo "smoke: $total calls, $client_errors 4xx ($announced announced), $server_errors 5xx"
if ((server_errors > 0 || client_errors != announced)); then
    cat "$WORK/output.log"
    exit 1
fi
