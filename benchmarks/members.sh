# Sourced by native.sh and projection-scaleout.sh.
# sign_up_members <base URL> <count> <tokens file>: signs members up, one access token per line in the file.
sign_up_members() {
    local target=$1 count=$2 tokens=$3 run=$RANDOM$RANDOM token
    : >"$tokens"
    for i in $(seq 1 "$count"); do
        # A client address of its own per member, so the sign-up rate limit (per address) does not refuse them.
        token=$(curl -fsS -X POST "$target/api/auth/signup" -H 'Content-Type: application/json' \
            -H "X-Forwarded-For: 10.$((RANDOM % 250)).$((RANDOM % 250)).$((i % 250 + 1))" \
            -d "{\"email\":\"bench-$run-$i@bench.hindsight.test\",\"password\":\"bench-member-password\",\"name\":\"bench $i\"}" \
            | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p') || true
        [[ -n "$token" ]] && echo "$token" >>"$tokens"
    done
    [[ -s "$tokens" ]] || { echo "no member could sign up at $target" >&2; return 1; }
}
