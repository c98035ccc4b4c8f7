#!/usr/bin/env bash
# What the proxy in front must do as a node would (deploy/nginx/routes.conf), checked against a running proxy:
# an HTTP/1.0 request without Host is served, and a body that stops arriving is given up within seconds, not a
# minute. Used after the README walk-through: deploy/local-cluster.sh smoke.
#   deploy/smoke-proxy.sh [host] [port]     # default 127.0.0.1 18080
set -euo pipefail
HOST=${1:-127.0.0.1}
PORT=${2:-18080}

status=$(curl -sS --http1.0 -H 'Host:' -o /dev/null -w '%{http_code}' "http://$HOST:$PORT/actuator/health")
if [[ $status != 200 ]]; then
    echo "smoke-proxy: HTTP/1.0 without Host answered $status, not 200" >&2
    exit 1
fi

exec 3<>"/dev/tcp/$HOST/$PORT"
started=$SECONDS
printf 'POST /api/auth/login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":' \
    "$HOST" >&3
timeout 30 cat <&3 > /dev/null || true
exec 3<&-
waited=$((SECONDS - started))
if ((waited > 15)); then
    echo "smoke-proxy: a stalled body held its connection ${waited} s (at most 15 s expected)" >&2
    exit 1
fi
echo "smoke-proxy: HTTP/1.0 without Host served; a stalled body given up after ${waited} s"
