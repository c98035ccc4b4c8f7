#!/usr/bin/env bash
# The docker-compose topology without Docker, on one machine: PostgreSQL, Redis and nginx from Debian's
# packages, two command nodes, one or two query nodes, and the proxy sending reads to query nodes and
# writes to command nodes (deploy/nginx/routes.conf, the same routing docker-compose uses). Everything
# listens on loopback only and lives under $CLUSTER_DIR (default deploy/target/cluster).
#
#   deploy/local-cluster.sh up [--query-nodes=2]   # install what is missing, build the jar if needed, start
#   deploy/local-cluster.sh smoke                  # the README walk-through through the proxy
#   deploy/local-cluster.sh status                 # every process and the projections' segment owners
#   deploy/local-cluster.sh kill-query-node N      # kill -9 one query node (its segments move)
#   deploy/local-cluster.sh stop|start|restart NODE  # one node (command-1, command-2, query-1, query-2); stop
#                                                  # is a SIGTERM: it finishes its requests and hands on segments
#   deploy/local-cluster.sh down                   # stop everything it started, by PID
#
# Ports (override with the environment): PROXY_PORT 18080, PG_PORT 15432, REDIS_PORT 16379, command nodes
# 18081-18082, query nodes 18091-18092.
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER_DIR=${CLUSTER_DIR:-$PWD/deploy/target/cluster}
PROXY_PORT=${PROXY_PORT:-18080}
PG_PORT=${PG_PORT:-15432}
REDIS_PORT=${REDIS_PORT:-16379}
COMMAND_PORTS=(18081 18082)
QUERY_PORTS=(18091 18092)
JAR=${HINDSIGHT_JAR:-$PWD/app/target/hindsight.jar}
JWT_SECRET=${HINDSIGHT_JWT_SECRET:-local-cluster-secret-change-me-0123456789abcdef}
NODE_JAVA_OPTS=${NODE_JAVA_OPTS:--Xms256m -Xmx768m}

log() { printf '[cluster] %s\n' "$*" >&2; }

as_postgres() {
    if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [[ -x "$dir/pg_ctl" ]] || { log "no PostgreSQL server binaries under /usr/lib/postgresql"; exit 1; }
    echo "$dir"
}

install_missing() {
    local missing=()
    ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
    command -v redis-server >/dev/null || missing+=(redis-server)
    command -v nginx >/dev/null || missing+=(nginx)
    command -v jq >/dev/null || missing+=(jq)
    command -v curl >/dev/null || missing+=(curl)
    if ((${#missing[@]})); then
        [[ $(id -u) == 0 ]] || { log "please install: ${missing[*]}"; exit 1; }
        log "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
            || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; }
        # The packages start their own services on the default ports; this cluster runs its own.
        for service in postgresql redis-server nginx; do
            service "$service" stop >/dev/null 2>&1 || true
        done
    fi
}

wait_for() {
    # Its own counter: a caller looping over query nodes with i would otherwise wait for the last node forever.
    # Given the node's pid file, a node whose start failed is reported at once with its log's end, not after 120 s.
    local what=$1 url=$2 pid_file=${3:-} i
    for ((i = 0; i < 240; i++)); do
        if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
        if [[ -n $pid_file ]] && ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
            log "$what exited before it came up; the end of $(dirname "$pid_file")/node.log:"
            tail -n 20 "$(dirname "$pid_file")/node.log" >&2 || true
            return 1
        fi
        sleep 0.5
    done
    log "$what did not come up at $url"
    return 1
}

start_postgres() {
    local bin data=$CLUSTER_DIR/postgres
    bin=$(pg_bin)
    if [[ ! -d $data ]]; then
        mkdir -p "$data"
        [[ $(id -u) == 0 ]] && chown postgres:postgres "$data"
        as_postgres "$bin/initdb" -D "$data" -U hindsight --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
        {
            echo "listen_addresses = '127.0.0.1'"
            echo "port = $PG_PORT"
            echo "unix_socket_directories = '$data'"
            echo "max_connections = 200"
            echo "fsync = on"
            echo "synchronous_commit = on"
        } >> "$data/postgresql.conf"
    fi
    as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w start >/dev/null
    as_postgres "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U hindsight -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'hindsight'" | grep -q 1 \
        || as_postgres "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U hindsight hindsight
    log "PostgreSQL on 127.0.0.1:$PG_PORT"
}

start_redis() {
    mkdir -p "$CLUSTER_DIR/redis"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$CLUSTER_DIR/redis" --appendonly yes \
        --daemonize yes --pidfile "$CLUSTER_DIR/redis/redis.pid" --logfile "$CLUSTER_DIR/redis/redis.log"
    log "Redis on 127.0.0.1:$REDIS_PORT"
}

start_node() {
    local name=$1 roles=$2 port=$3 dir=$CLUSTER_DIR/$1
    mkdir -p "$dir"
    (
        export SERVER_PORT=$port HINDSIGHT_ROLES=$roles HINDSIGHT_DATA_DIR=$dir
        export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/hindsight"
        export SPRING_DATASOURCE_USERNAME=hindsight SPRING_DATASOURCE_PASSWORD=unused
        export SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=$REDIS_PORT
        export HINDSIGHT_JWT_SECRET=$JWT_SECRET
        # longer than nginx's keepalive_timeout for the nodes: a stopping node drains the proxy's connections first
        export HINDSIGHT_SHUTDOWN_DRAIN=${HINDSIGHT_SHUTDOWN_DRAIN:-5s}
        # Uploaded images are written by command nodes and served by query nodes: one directory for all.
        export HINDSIGHT_IMAGES_DIRECTORY=$CLUSTER_DIR/images
        export HINDSIGHT_BOOTSTRAP_ADMIN_EMAIL=${HINDSIGHT_BOOTSTRAP_ADMIN_EMAIL:-admin@example.com}
        export HINDSIGHT_BOOTSTRAP_ADMIN_PASSWORD=${HINDSIGHT_BOOTSTRAP_ADMIN_PASSWORD:-change-me-please}
        # shellcheck disable=SC2086
        exec java $NODE_JAVA_OPTS -jar "$JAR" > "$dir/node.log" 2>&1
    ) &
    echo $! > "$dir/node.pid"
    log "$name ($roles) starting on 127.0.0.1:$port, pid $(cat "$dir/node.pid")"
}

start_proxy() {
    local dir=$CLUSTER_DIR/nginx query_servers="" command_servers=""
    mkdir -p "$dir/logs"
    for port in "${COMMAND_PORTS[@]}"; do
        command_servers+="        server 127.0.0.1:$port max_fails=3 fail_timeout=10s;"$'\n'
    done
    for ((i = 0; i < QUERY_NODES; i++)); do
        query_servers+="        server 127.0.0.1:${QUERY_PORTS[$i]} max_fails=3 fail_timeout=10s;"$'\n'
    done
    cat > "$dir/nginx.conf" <<EOF
daemon on;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
worker_processes 2;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    upstream command_nodes {
$command_servers        keepalive 32;
        keepalive_timeout 3s;
    }
    upstream query_nodes {
$query_servers        keepalive 32;
        keepalive_timeout 3s;
    }
    map \$request_method \$hindsight_upstream {
        GET     query_nodes;
        HEAD    query_nodes;
        default command_nodes;
    }
    server {
        listen 127.0.0.1:$PROXY_PORT;
        client_max_body_size 6m;
        include $PWD/deploy/nginx/routes.conf;
    }
}
EOF
    nginx -p "$dir" -c "$dir/nginx.conf"
    log "proxy on 127.0.0.1:$PROXY_PORT"
}

up() {
    QUERY_NODES=1
    for arg in "$@"; do
        case $arg in
            --query-nodes=*) QUERY_NODES=${arg#*=} ;;
            *) log "unknown option $arg"; exit 2 ;;
        esac
    done
    ((QUERY_NODES >= 1 && QUERY_NODES <= 2)) || { log "--query-nodes is 1 or 2"; exit 2; }
    install_missing
    if [[ ! -f $JAR ]]; then
        log "building $JAR"
        ./mvnw -q -B -ntp -DskipTests -Dspotless.check.skip=true package -pl app -am
    fi
    mkdir -p "$CLUSTER_DIR"
    echo "$QUERY_NODES" > "$CLUSTER_DIR/query-nodes"
    start_postgres
    start_redis
    # The first node migrates the schema alone; the others start once it is up.
    start_node command-1 command "${COMMAND_PORTS[0]}"
    wait_for command-1 "http://127.0.0.1:${COMMAND_PORTS[0]}/actuator/health" "$CLUSTER_DIR/command-1/node.pid"
    start_node command-2 command "${COMMAND_PORTS[1]}"
    for ((i = 0; i < QUERY_NODES; i++)); do
        start_node "query-$((i + 1))" query "${QUERY_PORTS[$i]}"
    done
    wait_for command-2 "http://127.0.0.1:${COMMAND_PORTS[1]}/actuator/health" "$CLUSTER_DIR/command-2/node.pid"
    for ((i = 0; i < QUERY_NODES; i++)); do
        wait_for "query-$((i + 1))" "http://127.0.0.1:${QUERY_PORTS[$i]}/actuator/health" \
            "$CLUSTER_DIR/query-$((i + 1))/node.pid"
    done
    start_proxy
    wait_for proxy "http://127.0.0.1:$PROXY_PORT/actuator/health"
    log "up: http://127.0.0.1:$PROXY_PORT"
}

stop_pid_file() {
    local file=$1 signal=${2:-TERM}
    [[ -f $file ]] || return 0
    local pid i
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill -"$signal" "$pid" 2>/dev/null || true
        for ((i = 0; i < 60; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

down() {
    [[ -d $CLUSTER_DIR ]] || { log "nothing to stop"; return 0; }
    stop_pid_file "$CLUSTER_DIR/nginx/nginx.pid" QUIT
    for node in query-2 query-1 command-2 command-1; do
        stop_pid_file "$CLUSTER_DIR/$node/node.pid"
    done
    stop_pid_file "$CLUSTER_DIR/redis/redis.pid"
    if [[ -f $CLUSTER_DIR/postgres/postmaster.pid ]]; then
        as_postgres "$(pg_bin)/pg_ctl" -D "$CLUSTER_DIR/postgres" -m fast -w stop >/dev/null || true
    fi
    log "down"
}

status() {
    for node in command-1 command-2 query-1 query-2; do
        local file=$CLUSTER_DIR/$node/node.pid
        [[ -f $file ]] && printf '%-10s pid %-8s %s\n' "$node" "$(cat "$file")" \
            "$(kill -0 "$(cat "$file")" 2>/dev/null && echo running || echo dead)"
    done
    as_postgres "$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U hindsight -d hindsight -c \
        "SELECT processor_name, segment, owner FROM token_entry ORDER BY processor_name, segment" 2>/dev/null || true
}

kill_query_node() {
    local n=${1:?which query node}
    stop_pid_file "$CLUSTER_DIR/query-$n/node.pid" KILL
    log "query-$n killed"
}

node_port() {
    case $1 in
        command-1) echo "${COMMAND_PORTS[0]}" ;;
        command-2) echo "${COMMAND_PORTS[1]}" ;;
        query-1) echo "${QUERY_PORTS[0]}" ;;
        query-2) echo "${QUERY_PORTS[1]}" ;;
        *) log "no node $1: command-1, command-2, query-1 or query-2"; exit 2 ;;
    esac
}

stop_one() {
    local node=${1:?which node}
    node_port "$node" >/dev/null
    stop_pid_file "$CLUSTER_DIR/$node/node.pid"
    log "$node stopped"
}

start_one() {
    local node=${1:?which node} port
    port=$(node_port "$node")
    if [[ -f $CLUSTER_DIR/$node/node.pid ]] && kill -0 "$(cat "$CLUSTER_DIR/$node/node.pid")" 2>/dev/null; then
        log "$node is running already"
        return 0
    fi
    start_node "$node" "${node%-*}" "$port"
    wait_for "$node" "http://127.0.0.1:$port/actuator/health" "$CLUSTER_DIR/$node/node.pid"
    log "$node up"
}

command=${1:-}
shift || true
case $command in
    up) up "$@" ;;
    down) down ;;
    status) status ;;
    smoke) deploy/smoke-readme.sh "http://127.0.0.1:$PROXY_PORT" && deploy/smoke-proxy.sh 127.0.0.1 "$PROXY_PORT" ;;
    kill-query-node) kill_query_node "$@" ;;
    stop) stop_one "$@" ;;
    start) start_one "$@" ;;
    restart) stop_one "$@" && start_one "$@" ;;
    *) sed -n '2,17p' "$0"; exit 2 ;;
esac
