#!/usr/bin/env bash
# Runs every Hindsight benchmark in one go and writes a Markdown report (default
# benchmarks/target/benchmark-report.md). Takes about eight minutes on two cores.
#   benchmarks/run.sh                       # everything, default sizes
#   benchmarks/run.sh --only=engines,replay # some groups; see SuiteSettings for every --name=value
#   SKIP_BUILD=1 benchmarks/run.sh ...      # reuse the last build
#   JAVA_OPTS=-XX:StartFlightRecording=filename=app.jfr benchmarks/run.sh --only=commands
#                                           # profile the application's JVM (the forks are load generators)
#   benchmarks/run.sh --target=http://127.0.0.1:18080 --pg='host=127.0.0.1 port=15432 user=hindsight dbname=hindsight'
#                                           # a running deployment (deploy/local-cluster.sh) under wrk and pgbench:
#                                           # hands over to benchmarks/native.sh, which also runs without --target
set -euo pipefail
cd "$(dirname "$0")/.."

for arg in "$@"; do
    if [[ "$arg" == --target=* ]]; then
        exec benchmarks/native.sh "$@"
    fi
done

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
    ./mvnw -q -B -DskipTests package
fi

# The app's own classes come from app/target/classes: its jar is the Spring Boot executable archive.
# Hibernate and spring-orm go only to the JPA engine's forked JVMs, never next to the application.
jars() { tr ':' '\n' < "$1" | grep '\.jar$' | paste -sd: -; }
CLASS_PATH="$PWD/benchmarks/target/classes:$PWD/app/target/classes:$(jars benchmarks/target/runtime-classpath.txt)"
exec java -Xms1g -Xmx2g ${JAVA_OPTS:-} \
    -Dhindsight.bench.jpa-classpath="$(jars benchmarks/target/jpa-classpath.txt)" \
    -cp "$CLASS_PATH" io.hindsight.benchmarks.BenchmarkSuite "$@"
