#!/usr/bin/env bash
# Does serving the console change the API's latency? Runs the same demo data (seeded once) under two server
# jars, alternately, and times sequential keep-alive GETs of recommendations on each: median and p99.
# Usage: scripts/console-latency.sh BEFORE.jar AFTER.jar [requests per round] [rounds]
set -euo pipefail
before=$1; after=$2; requests=${3:-1000}; rounds=${4:-3}
data=$(mktemp -d); port=18990
trap 'rm -rf "$data"' EXIT
serve() {  # jar -> starts the demo on $port over $data, waits until ready
  java -jar "$1" demo --port "$port" --data-dir "$data" --users 100 --days 180 > "$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "server did not become ready: $(tail -5 "$data/server.log")" >&2; exit 1
}
measure() {  # label
  python3 - "$1" "$port" "$requests" <<'PY'
import http.client, statistics, sys, time
label, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
conn = http.client.HTTPConnection("127.0.0.1", port)
headers = {"Authorization": "Bearer shop-demo-key-0000000000000001"}
def once(i):
    conn.request("GET", "/v1/users/u%05d/recommendations?k=10&explain=true" % (i % 100), headers=headers)
    r = conn.getresponse(); r.read()
    assert r.status == 200, r.status
for i in range(200):
    once(i)
times = []
for i in range(n):
    t = time.perf_counter(); once(i); times.append((time.perf_counter() - t) * 1000)
times.sort()
print("%-7s n=%d median %.2f ms  p99 %.2f ms" % (label, n, statistics.median(times), times[int(0.99 * n) - 1]))
PY
}
for round in $(seq 1 "$rounds"); do
  for which in before after; do
    jar=$before; [ "$which" = after ] && jar=$after
    serve "$jar"; measure "$which"; kill "$server"; wait "$server" 2>/dev/null || true
  done
done
uptime
