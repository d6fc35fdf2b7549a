#!/usr/bin/env bash
# One command, from the repository root:   bench/run.sh [--seconds=20] [--scenarios=...] [--jfr] ...
# Builds bench and what it needs (skip with BENCH_BUILD=0 once built; add BENCH_OFFLINE=1 for mvn -o),
# then runs kz.digitaltenge.bench.BenchMain with `java -cp` (the classpath is written by the build).
# --jfr: profiles the full-transfer scenario only (recording starts after BENCH_JFR_DELAY=15 s of setup, lasts
# BENCH_JFR_SECONDS=30 s) and prints the hot spots.
# --profile[=cpu|itimer|wall|alloc]: profiles each scenario's measured window with async-profiler
# (tools.profiler:async-profiler from Maven Central; native and kernel frames included), writes its collapsed stacks to
# bench/target/profile/<event>-<time>/ and prints the top frames by own time and by what the code is. cpu needs perf events
# (kernel.perf_event_paranoid <= 1); when they are refused it falls back to itimer.
set -euo pipefail
cd "$(dirname "$0")/.."

args=()
jfr=0
profile=""
for a in "$@"; do
  case "$a" in
    --jfr) jfr=1 ;;
    --profile) profile=cpu ;;
    --profile=*) profile="${a#*=}" ;;
    *) args+=("$a") ;;
  esac
done

if [[ "${BENCH_BUILD:-1}" != "0" || ! -f bench/target/classpath.txt ]]; then
  offline=()
  [[ "${BENCH_OFFLINE:-0}" == "1" ]] && offline=(-o)
  mvn -q -B "${offline[@]}" -DskipTests install -pl bench -am
fi

# this tree's own modules from their target/ jars, not the copies in ~/.m2 (which another checkout's `mvn install` may
# rewrite while a run reads them)
cp="bench/target/bench-0.1.0-SNAPSHOT.jar:$(sed -E "s#[^:]*/kz/digitaltenge/([^/]+)/[^/]+/([^:/]+\.jar)#$PWD/\1/target/\2#g" bench/target/classpath.txt)"
heap="${BENCH_HEAP:-6g}"
jvm=(-Xms"$heap" -Xmx"$heap" -XX:+UseG1GC)
# the heap's pages touched once at start, as a server with a fixed heap runs: without it the kernel zeroes each page the
# first time the young generation reaches it, 7 % of the JVM's samples in the first minutes of invoice events (the
# profile's clear_page_erms), a cost a hub pays once in its life and not per operation
jvm+=(-XX:+AlwaysPreTouch)
# the access Hazelcast asks for at start-up ("best performance"), so it does not fall back to slower paths
jvm+=(--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED
      --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED
      --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED)
# the load generator's HTTP client (JDK HttpClient.sendAsync) hands every response to CompletableFuture's default
# executor; on 2 CPUs the common pool has parallelism 1, and then that executor starts a new thread per task: a thread
# created and destroyed per request, on the cores the hub is measured on (4 % of the samples of invoice events, and the
# kernel's page clearing for each new stack). The hub itself does not use the common pool.
jvm+=(-Djava.util.concurrent.ForkJoinPool.common.parallelism="$(nproc)")
jvm+=(${BENCH_JAVA_OPTS:-})

if [[ -n "$profile" ]]; then
  dir=bench/target/profile
  so="$dir/lib/libasyncProfiler.so"
  if [[ ! -f "$so" ]]; then
    mkdir -p "$dir/lib"
    mvn -q -B dependency:copy -Dartifact=tools.profiler:async-profiler:${ASYNC_PROFILER_VERSION:-4.2} -DoutputDirectory="$dir/lib"
    (cd "$dir/lib" && unzip -o -q async-profiler-*.jar 'linux-x64/libasyncProfiler.so' && mv linux-x64/libasyncProfiler.so . && rmdir linux-x64)
  fi
  event="$profile"
  if [[ "$event" == "cpu" ]] && [[ "$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo 3)" -gt 1 ]]; then
    echo "== perf events refused (kernel.perf_event_paranoid > 1): profiling with itimer" >&2
    event=itimer
  fi
  stamp="$(date +%Y%m%d-%H%M%S)"
  out="$dir/$event-$stamp"
  mkdir -p "$out"
  # started and stopped around each measured window by the bench itself (Profiling), not over start-up and warm-up
  java "${jvm[@]}" -Dbench.profile="$event" -Dbench.profile.lib="$PWD/$so" -Dbench.profile.dir="$out" \
       -cp "$cp:$(ls "$dir"/lib/async-profiler-*.jar)" kz.digitaltenge.bench.BenchMain "${args[@]}"
  for f in "$out"/*.collapsed; do
    echo; echo "== profile: $f"
    java -cp "$cp" kz.digitaltenge.bench.ProfileTop "$f"
  done
elif [[ "$jfr" == "1" ]]; then
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
