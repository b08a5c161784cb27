#!/usr/bin/env bash
# Load benchmark of the HTTP API (docs/benchmarks.md): starts the real server over in-memory stores with
# generated events (adapters-http test scope), then measures, in one run:
#   1. closed-loop throughput and latency with wrk (max throughput; wrk's latencies suffer coordinated omission),
#   2. open-loop constant-rate latency with LoadGenerator (latency measured from when each request was due).
# Usage: scripts/load-benchmark.sh [seconds-per-run] [rate]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-15}"
RATE="${2:-1000}"
PORT="${LETHE_PORT:-18080}"
USERS="${LETHE_USERS:-1000}"
EVENTS="${LETHE_EVENTS:-10000}"
ITEMS="${LETHE_ITEMS:-2000}"
KEY="load-test-key-0123456789abcdef"
CP_FILE="$PWD/adapters-http/target/load.classpath"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
./mvnw -B -o -q -pl adapters-http -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
CP="adapters-http/target/test-classes:adapters-http/target/classes:application/target/classes:domain/target/classes:$(cat "$CP_FILE")"

FIFO="$(mktemp -u)"
mkfifo "$FIFO"
LOG="$(mktemp)"
java -Xms512m -Xmx1g -cp "$CP" dev.lethe.adapter.http.LoadLauncher "$PORT" "$USERS" "$EVENTS" "$ITEMS" <"$FIFO" >"$LOG" 2>&1 &
SERVER_PID=$!
exec 3>"$FIFO"
cleanup() { exec 3>&- || true; wait "$SERVER_PID" 2>/dev/null || true; rm -f "$FIFO" "$LOG"; }
trap cleanup EXIT
for _ in $(seq 1 120); do grep -q READY "$LOG" && break; sleep 0.5; done
grep READY "$LOG" || { cat "$LOG"; exit 1; }

echo "== machine: $(nproc) cores, $(uname -srm), $(java -version 2>&1 | head -1)"
echo "== warm-up"
wrk -t2 -c16 -d5s -s scripts/wrk/recommend.lua "http://127.0.0.1:$PORT" >/dev/null
wrk -t2 -c16 -d3s "http://127.0.0.1:$PORT/health/live" >/dev/null

export LETHE_USERS="$USERS" LETHE_KEY="$KEY"
echo "== wrk closed loop, 2 threads, 32 connections, ${SECONDS_PER_RUN}s each"
echo "-- GET /health/live"
wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$PORT/health/live" | grep -E 'Requests/sec|50%|99%|Latency '
echo "-- GET /v1/users/{id}/recommendations?k=10"
wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency -s scripts/wrk/recommend.lua "http://127.0.0.1:$PORT" | grep -E 'Requests/sec|50%|99%|Latency |Non-2xx'

GEN="java -Xmx512m -cp $CP dev.lethe.adapter.http.LoadGenerator 127.0.0.1 $PORT $KEY"
echo "== open loop at a constant ${RATE} requests/s, ${SECONDS_PER_RUN}s each"
$GEN "$RATE" "$SECONDS_PER_RUN" health "$USERS"
$GEN "$RATE" "$SECONDS_PER_RUN" recommend "$USERS"

echo "== mixed (before the ingestion runs grow the log): recommendations at ${RATE}/s while 20 batches/s (2,000 events/s) are ingested (serving refresh interval 1 s)"
$GEN 20 "$SECONDS_PER_RUN" ingest "$USERS" 100 &
INGEST_PID=$!
$GEN "$RATE" "$SECONDS_PER_RUN" recommend "$USERS"
wait "$INGEST_PID"

echo "== batch ingestion (100 events per request)"
LETHE_BATCH=100 wrk -t2 -c8 -d"${SECONDS_PER_RUN}s" --latency -s scripts/wrk/ingest.lua "http://127.0.0.1:$PORT" | grep -E 'Requests/sec|50%|99%|Latency |Non-2xx'
$GEN 20 "$SECONDS_PER_RUN" ingest "$USERS" 100
