#!/usr/bin/env bash
# Commands and queries under native load generators, so the client does not eat the cores it measures:
# wrk against Hindsight over HTTP (one connection per wrk thread, each its own member, PATCH /api/me and
# GET /api/me) and pgbench against the same PostgreSQL for the raw ceiling of a command: the freshness check
# (max sequence of the aggregate), the append and the commit, on a copy of the event table with the same
# indexes and global-index trigger. Prints a Markdown report and writes it to --report.
#
#   benchmarks/native.sh                     # starts the application itself (embedded PostgreSQL and Redis)
#   benchmarks/native.sh --target=http://127.0.0.1:18080 \
#       --pg='host=127.0.0.1 port=15432 user=hindsight dbname=hindsight'   # a running deployment, e.g.
#                                            # deploy/local-cluster.sh up (its proxy and PostgreSQL)
# Settings (defaults): --connections=1,8 --warmup-seconds=40 --settle-seconds=420 --seconds=10 --members=64
#   After --warmup-seconds of commands, 10 s rounds go on until two in a row are each within 3 % of the one before
#   and, when the application was started here, its JIT compiler threads used under 5 % of a core in the last one
#   (C2 was still compiling after a minute on two cores, and after three on a slow guest, where throughput
#   plateaus fooled the 3 % rule alone), for at most --settle-seconds. The queries warm up and settle the same way,
#   with queries, before they are measured.
#   After the commands at each connection count, the peak's connection count runs again at half the peak (each
#   connection pausing between commands) for the latency there.
#   --report=benchmarks/target/native-report.md. SKIP_BUILD=1 reuses the last build when the app is started here;
#   APP_CLASSPATH=... starts another build instead (a copy of an earlier build's classes and jars, for before/after).
# Without --pg against a --target, the pgbench ceiling is skipped. wrk and pgbench come from Debian (wrk,
# postgresql-client); when missing they are installed with apt-get if this runs as root, otherwise skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET="" PG="" PG_SOCKET="" CONNECTIONS="1,8" WARMUP=40 SETTLE=420 SECONDS_EACH=10 MEMBERS=64 REPORT="benchmarks/target/native-report.md"
for arg in "$@"; do
    case "$arg" in
        --target=*) TARGET="${arg#*=}" ;;
        --pg=*) PG="${arg#*=}" ;;
        --connections=*) CONNECTIONS="${arg#*=}" ;;
        --warmup-seconds=*) WARMUP="${arg#*=}" ;;
        --settle-seconds=*) SETTLE="${arg#*=}" ;;
        --seconds=*) SECONDS_EACH="${arg#*=}" ;;
        --members=*) MEMBERS="${arg#*=}" ;;
        --report=*) REPORT="${arg#*=}" ;;
        *) echo "unknown setting $arg (see the header of $0)" >&2; exit 2 ;;
    esac
done

WORK=$(mktemp -d /tmp/hindsight-native.XXXXXX)
APP_PID=""
cleanup() {
    if [[ -n "$APP_PID" ]]; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "native: $*" >&2; }
# shellcheck source=benchmarks/members.sh
source benchmarks/members.sh
export HINDSIGHT_TOKENS="$WORK/tokens"

need() { # need <command> <debian package>
    command -v "$1" >/dev/null && return 0
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        log "installing $2"
        apt-get install -y -q "$2" >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$2" >/dev/null 2>&1; } || true
    fi
    command -v "$1" >/dev/null
}
HAVE_WRK=1 HAVE_PGBENCH=1
need wrk wrk || { HAVE_WRK=0; log "wrk is not installed: HTTP measurements skipped"; }
need pgbench postgresql-client || { HAVE_PGBENCH=0; log "pgbench is not installed: the raw ceiling is skipped"; }
command -v curl >/dev/null || { log "curl is needed"; exit 1; }

start_app() {
    if [[ "${SKIP_BUILD:-0}" != "1" && -z "${APP_CLASSPATH:-}" ]]; then
        ./mvnw -q -B -DskipTests package
    fi
    jars() { tr ':' '\n' < "$1" | grep '\.jar$' | paste -sd: -; }
    local class_path="${APP_CLASSPATH:-$PWD/app/target/classes:$(jars benchmarks/target/runtime-classpath.txt)}"
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    java -Xms1g -Xmx1g ${JAVA_OPTS:-} -cp "$class_path" \
        io.hindsight.HindsightApplication --server.address=127.0.0.1 --server.port="$port" \
        --hindsight.data-dir="$WORK/data" --hindsight.rate-limit.auth.capacity=1000000 \
        --hindsight.jwt.access-token-ttl=PT6H --logging.level.root=WARN >"$WORK/app.log" 2>&1 &
    APP_PID=$!
    TARGET="http://127.0.0.1:$port"
    for _ in $(seq 1 240); do
        curl -fs "$TARGET/actuator/health/readiness" >/dev/null 2>&1 && break
        kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }
        sleep 0.5
    done
    local pg_port
    pg_port=$(sed -n 4p "$WORK/data/postgres/postmaster.pid")
    PG="host=127.0.0.1 port=$pg_port user=postgres dbname=postgres"
    # The application reaches its embedded PostgreSQL through this socket when it exists: the ceiling is measured
    # over it too, besides TCP (which is what a load tool on another host, or the earlier reports, used).
    [[ -S "$WORK/data/postgres/.s.PGSQL.$pg_port" ]] && PG_SOCKET="host=$WORK/data/postgres port=$pg_port user=postgres dbname=postgres"
    log "application (pid $APP_PID) on $TARGET, PostgreSQL on port $pg_port"
}
[[ -z "$TARGET" ]] && start_app
TARGET="${TARGET%/}"

# compiler_ticks: CPU ticks the application's JIT compiler threads have used so far (0 when it runs elsewhere).
compiler_ticks() {
    local ticks=0 task
    [[ -n "$APP_PID" ]] || { echo 0; return; }
    for task in /proc/"$APP_PID"/task/*; do
        case "$(cat "$task/comm" 2>/dev/null)" in
            "C1 Compiler"* | "C2 Compiler"*) ticks=$((ticks + $(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0))) ;;
        esac
    done
    echo "$ticks"
}

# run_wrk <patch|get> <connections> <seconds> [pause ms] -> "ops/s p50ms p99ms non2xx cpu%"
run_wrk() {
    local out="$WORK/wrk-$1-$2.txt" cpu t0 t1 script=benchmarks/members.lua
    [[ -n "${4:-}" ]] && script=benchmarks/members-paced.lua
    t0=$(date +%s.%N)
    { TIMEFORMAT='%U %S'; time wrk -t"$2" -c"$2" -d"$3s" --latency -s "$script" "$TARGET" -- "$1" ${4:-} >"$out"; } 2>"$out.cpu"
    t1=$(date +%s.%N)
    cpu=$(awk -v wall="$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" -v cores="$(nproc)" '{printf "%.0f", 100 * ($1 + $2) / (wall * cores)}' "$out.cpu")
    awk -v cpu="$cpu" '
        /^Requests\/sec:/ {rps = $2}
        /^NON2XX/ {bad = $2}
        /^P50US/ {p50 = $2 / 1000}
        /^P99US/ {p99 = $2 / 1000}
        END {printf "%.0f %.2f %.2f %d %s\n", rps, p50, p99, bad, cpu}' "$out"
}

# settle <patch|get>: --warmup-seconds of load at 8 connections, then 10 s rounds until two in a row are each within
# 3 % of the one before and (when the application was started here) the JIT compilers used under 5 % of a core, for at
# most --settle-seconds. Leaves the rounds in `shown` and whether they settled in `settled`.
settle() {
    local rounds=() steady=0 tick jit_before jit ops spent
    tick=$(getconf CLK_TCK)
    shown=() settled=0
    run_wrk "$1" 8 "$WARMUP" >/dev/null
    for ((spent = 0; spent < SETTLE; spent += 10)); do
        jit_before=$(compiler_ticks)
        read -r ops _ < <(run_wrk "$1" 8 10)
        jit=$(( ($(compiler_ticks) - jit_before) * 100 / (10 * tick) ))
        if ((${#rounds[@]} > 0)) && awk -v a="$ops" -v b="${rounds[-1]}" 'BEGIN {exit !(a <= b * 1.03 && a >= b * 0.97)}'; then
            steady=$((steady + 1))
        else
            steady=0
        fi
        rounds+=("$ops")
        if [[ -n "$APP_PID" ]]; then shown+=("$ops (JIT $jit %)"); else shown+=("$ops"); fi
        if ((steady >= 2 && jit < 5)); then
            settled=1
            return
        fi
    done
}
# settled_rounds: how the last settle went, for the report.
settled_rounds() {
    if ((settled)); then
        echo "10 s rounds until two in a row were within 3 % of the one before$([[ -n "$APP_PID" ]] && echo " and the JIT compilers used under 5 % of a core"): ${shown[*]}"
    else
        echo "10 s rounds for ${SETTLE} s without settling: ${shown[*]}"
    fi
}

# The raw ceiling: per transaction the app's freshness check, one append (the same trigger) and the commit.
run_pgbench() { # run_pgbench <clients> <seconds> [connection] -> "tps p50ms p99ms"
    local dir="$WORK/pgbench-$1-${3:+socket}" connection=${3:-$PG}
    rm -rf "$dir"
    mkdir -p "$dir"
    cat >"$dir/append.sql" <<'SQL'
BEGIN;
SELECT coalesce(max(sequence_number), -1) + 1 AS next_sequence FROM native_bench_event_entry
    WHERE aggregate_identifier = 'pgbench-' || :run || '-' || :client_id \gset
INSERT INTO native_bench_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
    payload, payload_revision, payload_type, time_stamp)
VALUES ('pgbench-' || :run || '-' || :client_id, :next_sequence, 'Account', gen_random_uuid()::text,
    decode(repeat('7b', 280), 'hex'), decode(repeat('7b', 160), 'hex'), NULL,
    'io.hindsight.account.api.ProfileChanged', now()::text);
COMMIT;
SQL
    (cd "$dir" && pgbench "$connection" -n -M prepared -c "$1" -j "$1" -T "$2" -D run="$RANDOM" -l -f append.sql >"$dir/out.txt" 2>&1)
    local tps
    tps=$(awk '/^tps = / {print $3; exit}' "$dir/out.txt")
    cat "$dir"/pgbench_log.* | awk '{print $3}' | sort -n | awk -v tps="$tps" '
        {v[NR] = $1} END {printf "%.0f %.2f %.2f\n", tps, v[int(NR * 0.5) + 1] / 1000, v[int(NR * 0.99) + 1] / 1000}'
}

prepare_pgbench_table() {
    psql "$PG" -q -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
DROP TABLE IF EXISTS native_bench_event_entry;
CREATE TABLE native_bench_event_entry (LIKE domain_event_entry INCLUDING ALL);
CREATE SEQUENCE IF NOT EXISTS native_bench_event_entry_seq;
CREATE OR REPLACE FUNCTION native_bench_assign_global_index() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_current_xact_id();
    NEW.global_index := nextval('native_bench_event_entry_seq');
    RETURN NEW;
END $$;
CREATE TRIGGER native_bench_global_index BEFORE INSERT ON native_bench_event_entry
    FOR EACH ROW EXECUTE FUNCTION native_bench_assign_global_index();
SQL
}
drop_pgbench_table() {
    psql "$PG" -q -c 'DROP TABLE IF EXISTS native_bench_event_entry; DROP SEQUENCE IF EXISTS native_bench_event_entry_seq;
        DROP FUNCTION IF EXISTS native_bench_assign_global_index();' >/dev/null 2>&1 || true
}

mkdir -p "$(dirname "$REPORT")"
{
    echo "# Native load: wrk and pgbench"
    echo
    echo "Command: \`benchmarks/native.sh --target=$TARGET --connections=$CONNECTIONS --warmup-seconds=$WARMUP --settle-seconds=$SETTLE --seconds=$SECONDS_EACH --members=$MEMBERS\`"
    echo
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
} >"$REPORT"

# Warm up first (the JIT, and the projections catching up with the sign-ups), so pgbench too measures a settled
# server; then each connection count runs pgbench and wrk back to back.
CAN_PGBENCH=0
if [[ $HAVE_PGBENCH == 1 && -n "$PG" ]] && command -v psql >/dev/null; then
    CAN_PGBENCH=1
    prepare_pgbench_table
else
    log "no PostgreSQL to run pgbench against (--pg=...) or no pgbench: the raw ceiling is skipped"
fi
if [[ $HAVE_WRK == 1 ]]; then
    sign_up_members "$TARGET" "$MEMBERS" "$HINDSIGHT_TOKENS"
    log "warming up for ${WARMUP}s (commands), then in 10 s rounds until two in a row are within 3 % of the one before"
    settle patch
    log "commands at 8 connections per 10 s round: ${shown[*]} ops/s"
    echo "Warm-up: ${WARMUP} s of commands at 8 connections, then $(settled_rounds) ops/s." >>"$REPORT"
    echo >>"$REPORT"
fi
{
    echo "## Commands: PATCH /api/me (wrk, each connection its own member, a new nickname each time) vs the raw ceiling"
    echo
    echo "Raw ceiling: pgbench on the same PostgreSQL, per transaction the freshness check (max sequence of the"
    echo "client's aggregate), one append to a copy of the event table (same indexes, same global-index trigger), commit."
    echo
    echo "The raw ceiling is over loopback TCP; when the application reaches its embedded PostgreSQL through the Unix-domain"
    echo "socket in its data directory, the ceiling over that socket follows (HTTP / raw over the socket)."
    echo
    echo "| connections | HTTP ops/s | HTTP p50 / p99 ms | raw tx/s | raw p50 / p99 ms | HTTP / raw | raw tx/s over the socket | HTTP / raw over the socket | wrk's CPU share |"
    echo "|---:|---:|---|---:|---|---:|---:|---:|---:|"
} >>"$REPORT"
peak=0
for c in ${CONNECTIONS//,/ }; do
    raw="-" raw_lat="-" ratio="-" ops="-" lat="-" cpu="-" raw_socket="-" ratio_socket="-"
    if [[ $CAN_PGBENCH == 1 ]]; then
        read -r tps p50 p99 < <(run_pgbench "$c" "$SECONDS_EACH")
        raw=$tps raw_lat="$p50 / $p99"
        [[ -n "$PG_SOCKET" ]] && read -r raw_socket _ < <(run_pgbench "$c" "$SECONDS_EACH" "$PG_SOCKET")
    fi
    if [[ $HAVE_WRK == 1 ]]; then
        read -r ops p50 p99 bad cpu < <(run_wrk patch "$c" "$SECONDS_EACH")
        lat="$p50 / $p99" cpu="$cpu %"
        [[ $bad != 0 ]] && lat="$lat ($bad not 2xx)"
        [[ $raw != "-" ]] && ratio=$(awk -v a="$ops" -v b="$raw" 'BEGIN {printf "%.2fx", a / b}')
        [[ $raw_socket != "-" ]] && ratio_socket=$(awk -v a="$ops" -v b="$raw_socket" 'BEGIN {printf "%.2fx", a / b}')
        ((ops > peak)) && peak=$ops peak_connections=$c
    fi
    echo "| $c | $ops | $lat | $raw | $raw_lat | $ratio | $raw_socket | $ratio_socket | $cpu |" >>"$REPORT"
done
# Half of the peak: the peak's connections, each pausing between commands. A connection's rate is 1 / (pause +
# latency), so a first 10 s round with the pause alone measures the latency, and the second pause aims at half.
if ((peak > 0)); then
    pause=$(awk -v c="$peak_connections" -v p="$peak" 'BEGIN {printf "%d", 2000 * c / p}')
    read -r ops _ < <(run_wrk patch "$peak_connections" 10 "$pause")
    pause=$(awk -v c="$peak_connections" -v p="$peak" -v d="$pause" -v r="$ops" \
        'BEGIN {l = 1000 * c / r - d; d2 = 2000 * c / p - l; printf "%d", (d2 < 1 ? 1 : d2)}')
    read -r ops p50 p99 bad cpu < <(run_wrk patch "$peak_connections" "$SECONDS_EACH" "$pause")
    [[ $bad != 0 ]] && p99="$p99 ($bad not 2xx)"
    {
        echo
        echo "At half of the peak: $peak_connections connections, each pausing $pause ms before every command:"
        echo "$ops ops/s ($(awk -v a="$ops" -v b="$peak" 'BEGIN {printf "%.2f", a / b}') of the peak $peak), p50 $p50 ms, p99 $p99 ms, wrk's CPU share $cpu %."
    } >>"$REPORT"
fi
[[ $CAN_PGBENCH == 1 ]] && drop_pgbench_table
if [[ $HAVE_WRK == 1 ]]; then
    {
        echo
        echo "## Queries: GET /api/me (wrk, each connection its own member)"
        echo
        echo "| connections | ops/s | p50 ms | p99 ms | not 2xx | wrk's CPU share |"
        echo "|---:|---:|---:|---:|---:|---:|"
    } >>"$REPORT"
    # The reads' own code paths (the view's query, its answer) are compiled only once they run, and from a cold JVM
    # they took minutes to settle: they settle here too rather than trust the commands' warm-up to have done it.
    settle get
    log "queries at 8 connections per 10 s round: ${shown[*]} ops/s"
    for c in ${CONNECTIONS//,/ }; do
        read -r ops p50 p99 bad cpu < <(run_wrk get "$c" "$SECONDS_EACH")
        echo "| $c | $ops | $p50 | $p99 | $bad | $cpu % |" >>"$REPORT"
    done
fi
echo >>"$REPORT"
[[ $HAVE_WRK == 1 ]] && echo "Warm-up of the queries: ${WARMUP} s of queries at 8 connections, then $(settled_rounds) ops/s." >>"$REPORT" && echo >>"$REPORT"
echo "wrk's CPU share is its user+system time over the run's wall time times the $(nproc) cores." >>"$REPORT"
cat "$REPORT"
