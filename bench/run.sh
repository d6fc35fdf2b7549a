#!/usr/bin/env bash
# One command, from the repository root:   bench/run.sh [--seconds=20] [--scenarios=...] [--jfr] ...
# Builds bench and what it needs (skip with BENCH_BUILD=0 once built; add BENCH_OFFLINE=1 for mvn -o),
# then runs kz.digitaltenge.bench.BenchMain with `java -cp` (the classpath is written by the build).
# --jfr: profiles the full-transfer scenario only (recording starts after BENCH_JFR_DELAY=15 s of setup, lasts
# BENCH_JFR_SECONDS=30 s) and prints the hot spots.
set -euo pipefail
cd "$(dirname "$0")/.."

args=()
jfr=0
for a in "$@"; do
  if [[ "$a" == "--jfr" ]]; then jfr=1; else args+=("$a"); fi
done

if [[ "${BENCH_BUILD:-1}" != "0" || ! -f bench/target/classpath.txt ]]; then
  offline=()
  [[ "${BENCH_OFFLINE:-0}" == "1" ]] && offline=(-o)
  mvn -q -B "${offline[@]}" -DskipTests install -pl bench -am
fi

cp="bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)"
heap="${BENCH_HEAP:-6g}"
jvm=(-Xms"$heap" -Xmx"$heap" -XX:+UseG1GC)
# the access Hazelcast asks for at start-up ("best performance"), so it does not fall back to slower paths
jvm+=(--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED
      --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED
      --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED)
jvm+=(${BENCH_JAVA_OPTS:-})

if [[ "$jfr" == "1" ]]; then
  mkdir -p bench/target/jfr
  rec="bench/target/jfr/transfers-$(date +%Y%m%d-%H%M%S).jfr"
  java "${jvm[@]}" -XX:+FlightRecorder \
       "-XX:StartFlightRecording=delay=${BENCH_JFR_DELAY:-15}s,duration=${BENCH_JFR_SECONDS:-30}s,settings=profile,filename=$rec" \
       -cp "$cp" kz.digitaltenge.bench.BenchMain --scenarios=transfers "${args[@]}" || true
  echo
  echo "== JFR recording: $rec"
  java -cp "$cp" kz.digitaltenge.bench.JfrTop "$rec"
else
  exec java "${jvm[@]}" -cp "$cp" kz.digitaltenge.bench.BenchMain "${args[@]}"
fi
