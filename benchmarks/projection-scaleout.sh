#!/usr/bin/env bash
# Projection throughput with one and with two query nodes, on the local cluster (deploy/local-cluster.sh:
# PostgreSQL, Redis and nginx from Debian's packages, two command nodes). For each query-node count it starts a
# fresh cluster, signs members up, waits until every projection is caught up, freezes the query nodes
# (SIGSTOP), lets wrk change the members' nicknames through the proxy for --seconds, thaws the query nodes
# (SIGCONT) and times how long every projection takes to catch up with the backlog. Prints a Markdown report
# and writes it to --report.
#
#   benchmarks/projection-scaleout.sh [--query-nodes=1,2] [--seconds=40] [--connections=8] [--members=16]
#       [--report=benchmarks/target/projection-scaleout.md]
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_COUNTS="1,2" SECONDS_EACH=40 CONNECTIONS=8 MEMBERS=16 REPORT="benchmarks/target/projection-scaleout.md"
for arg in "$@"; do
    case "$arg" in
        --query-nodes=*) NODE_COUNTS="${arg#*=}" ;;
        --seconds=*) SECONDS_EACH="${arg#*=}" ;;
        --connections=*) CONNECTIONS="${arg#*=}" ;;
        --members=*) MEMBERS="${arg#*=}" ;;
        --report=*) REPORT="${arg#*=}" ;;
        *) echo "unknown setting $arg (see the header of $0)" >&2; exit 2 ;;
    esac
done

WORK=$(mktemp -d /tmp/hindsight-scaleout.XXXXXX)
chmod 755 "$WORK" # PostgreSQL runs as its own user when this runs as root
PROXY="http://127.0.0.1:${PROXY_PORT:-18080}"
PG_PORT=${PG_PORT:-15432}
export CLUSTER_DIR=""
FROZEN=()
cleanup() {
    for pid in "${FROZEN[@]}"; do kill -CONT "$pid" 2>/dev/null || true; done
    [[ -n "$CLUSTER_DIR" ]] && deploy/local-cluster.sh down >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "scaleout: $*" >&2; }
# shellcheck source=benchmarks/members.sh
source benchmarks/members.sh
export HINDSIGHT_TOKENS="$WORK/tokens"
command -v wrk >/dev/null || { [[ $(id -u) == 0 ]] && apt-get install -y -q wrk >/dev/null 2>&1; } || true
command -v wrk >/dev/null || { log "wrk is needed (Debian package wrk)"; exit 1; }

psql_hindsight() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U hindsight -d hindsight -tAc "$1"
}

admin_token() {
    curl -fsS -X POST "$PROXY/api/auth/login" -H 'Content-Type: application/json' \
        -d '{"email":"admin@example.com","password":"change-me-please"}' | jq -r .accessToken
}

# The highest lag in events over every projection, as the operators' endpoint reports it.
highest_lag() {
    curl -fsS --max-time 5 "$PROXY/api/admin/projections" -H "Authorization: Bearer $1" \
        | jq '[.[].lag] | max' 2>/dev/null || echo unknown
}

wait_caught_up() { # wait_caught_up <token> <seconds> -> prints seconds taken, or fails
    local started=$(date +%s.%N) lag
    while true; do
        lag=$(highest_lag "$1")
        [[ $lag == 0 ]] && break
        if (($(awk -v s="$started" -v now="$(date +%s.%N)" -v limit="$2" 'BEGIN {print (now - s > limit)}'))); then
            log "still $lag events behind after $2 s"
            return 1
        fi
        sleep 0.1
    done
    awk -v s="$started" -v now="$(date +%s.%N)" 'BEGIN {printf "%.1f\n", now - s}'
}


mkdir -p "$(dirname "$REPORT")"
{
    echo "# Projection catch-up with one and two query nodes"
    echo
    echo "Command: \`benchmarks/projection-scaleout.sh --query-nodes=$NODE_COUNTS --seconds=$SECONDS_EACH --connections=$CONNECTIONS --members=$MEMBERS\`"
    echo
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "| query nodes | backlog (events) | every projection caught up after | events/s per projection set | segment owners after |"
    echo "|---:|---:|---:|---:|---|"
} >"$REPORT"

for nodes in ${NODE_COUNTS//,/ }; do
    export CLUSTER_DIR="$WORK/cluster-$nodes"
    log "cluster with $nodes query node(s)"
    deploy/local-cluster.sh up --query-nodes="$nodes" >"$WORK/up-$nodes.log" 2>&1 || { cat "$WORK/up-$nodes.log" >&2; exit 1; }
    token=$(admin_token)
    sign_up_members "$PROXY" "$MEMBERS" "$HINDSIGHT_TOKENS"
    wait_caught_up "$token" 120 >/dev/null
    # Let the segment balancer settle (each node's fair share) before the measurement.
    sleep 10
    FROZEN=()
    for ((i = 1; i <= nodes; i++)); do FROZEN+=("$(cat "$CLUSTER_DIR/query-$i/node.pid")"); done
    before=$(psql_hindsight "SELECT coalesce(max(global_index), 0) FROM domain_event_entry")
    kill -STOP "${FROZEN[@]}"
    wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -s benchmarks/members.lua "$PROXY" -- patch >"$WORK/wrk-$nodes.txt"
    head=$(psql_hindsight "SELECT coalesce(max(global_index), 0) FROM domain_event_entry")
    backlog=$((head - before))
    ((backlog > 0)) || { log "wrk appended no events:"; cat "$WORK/wrk-$nodes.txt" >&2; exit 1; }
    kill -CONT "${FROZEN[@]}"
    FROZEN=()
    took=$(wait_caught_up "$token" 600)
    owners=$(psql_hindsight "SELECT count(DISTINCT owner) || ' owner(s) over ' || count(*) || ' segments' FROM token_entry WHERE owner IS NOT NULL")
    rate=$(awk -v n="$backlog" -v t="$took" 'BEGIN {printf "%.0f", n / t}')
    echo "| $nodes | $backlog | $took s | $rate | $owners |" >>"$REPORT"
    log "$nodes query node(s): $backlog events in $took s"
    deploy/local-cluster.sh down >/dev/null 2>&1
    export CLUSTER_DIR=""
done
{
    echo
    echo "The query nodes are frozen while the backlog is written, so the time starts when they are thawed and"
    echo "includes each node resuming its claims; the lag is polled every 100 ms through the proxy."
} >>"$REPORT"
cat "$REPORT"
