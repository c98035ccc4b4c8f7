#!/usr/bin/env bash
# A wallet's reads as its history grows: one member's wallet takes deposits from eight connections for
# --deposit-seconds, another's one deposit; then GET /api/wallet?limit=5 (now, and as of the middle of the long
# history) is read by one and by eight connections for --seconds each, for both wallets. Prints a Markdown table.
#
#   benchmarks/wallet-history.sh --target=http://127.0.0.1:8080 [--deposit-seconds=60] [--seconds=10]
#
# Needs wrk and curl, and a running application (the README's start command, or the packaged jar).
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET="" DEPOSIT_SECONDS=60 SECONDS_EACH=10
for arg in "$@"; do
    case "$arg" in
        --target=*) TARGET="${arg#*=}" ;;
        --deposit-seconds=*) DEPOSIT_SECONDS="${arg#*=}" ;;
        --seconds=*) SECONDS_EACH="${arg#*=}" ;;
        *) echo "unknown setting $arg (see the header of $0)" >&2; exit 2 ;;
    esac
done
[[ -n "$TARGET" ]] || { echo "--target=<base URL> is needed" >&2; exit 2; }
TARGET="${TARGET%/}"
WORK=$(mktemp -d /tmp/hindsight-wallet.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=benchmarks/members.sh
source benchmarks/members.sh

sign_up_members "$TARGET" 2 "$WORK/tokens"
LONG=$(sed -n 1p "$WORK/tokens") FRESH=$(sed -n 2p "$WORK/tokens")
for token in "$LONG" "$FRESH"; do
    curl -fsS -o /dev/null -X POST "$TARGET/api/wallet" -H "Authorization: Bearer $token"
done
curl -fsS -o /dev/null -X POST "$TARGET/api/wallet/deposits" -H "Authorization: Bearer $FRESH" \
    -H 'Content-Type: application/json' -d '{"amount":1}'

# run <token> <connections> <seconds> <wrk arguments...> -> "ops/s p50ms p99ms non2xx requests"
run() {
    local token=$1 connections=$2 seconds=$3 out="$WORK/wrk.txt"
    shift 3
    HINDSIGHT_TOKEN="$token" wrk -t"$connections" -c"$connections" -d"${seconds}s" --latency \
        -s benchmarks/wallet.lua "$TARGET" -- "$@" >"$out"
    awk '/^Requests\/sec:/ {rps = $2} /^NON2XX/ {bad = $2} /^REQUESTS/ {n = $2}
        /^P50US/ {p50 = $2 / 1000} /^P99US/ {p99 = $2 / 1000}
        END {printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, bad, n}' "$out"
}

started=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
read -r deposit_rate _ _ deposit_bad deposits < <(run "$LONG" 8 "$DEPOSIT_SECONDS" deposit)
ended=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
middle=$(date -u -d "@$(( ($(date -d "$started" +%s) + $(date -d "$ended" +%s)) / 2 ))" +%Y-%m-%dT%H:%M:%SZ)
count=$(curl -fsS "$TARGET/api/wallet?limit=1" -H "Authorization: Bearer $LONG" \
    | sed -n 's/.*"transactionCount":\([0-9]*\).*/\1/p')

echo "Deposits: $deposit_rate/s for ${DEPOSIT_SECONDS}s at 8 connections ($deposit_bad not 2xx); the long wallet holds $count transactions."
echo
echo "| \`GET /api/wallet?limit=5\` | connections | long: ops/s, p50 / p99 | fresh: ops/s, p50 / p99 |"
echo "|---|---:|---:|---:|"
for connections in 1 8; do
    for at in now "$middle"; do
        args=(read)
        [[ "$at" != now ]] && args+=("$at")
        run "$LONG" "$connections" 3 "${args[@]}" >/dev/null
        read -r l_ops l_p50 l_p99 l_bad _ < <(run "$LONG" "$connections" "$SECONDS_EACH" "${args[@]}")
        read -r f_ops f_p50 f_p99 f_bad _ < <(run "$FRESH" "$connections" "$SECONDS_EACH" "${args[@]}")
        label="now"
        [[ "$at" != now ]] && label="as of $at"
        echo "| $label | $connections | $l_ops, $l_p50 / $l_p99 ms | $f_ops, $f_p50 / $f_p99 ms |"
        ((l_bad + f_bad == 0)) || echo "(non-2xx answers: long $l_bad, fresh $f_bad)"
    done
done
