#!/usr/bin/env bash
# Runs N `lethe serve` replicas on one MySQL/MariaDB database behind HAProxy (docs/scaling.md).
# Usage: scripts/replicas.sh [replicas] [balancer port]      (defaults: 2, 8080; replicas listen on 8081..)
# Needs: bootstrap/target/lethe.jar (./mvnw -B -q -DskipTests package), haproxy (apt-get install haproxy),
# and the database settings in the environment: LETHE_DB_URL, LETHE_DB_USER, LETHE_DB_PASSWORD, LETHE_ADMIN_KEY.
# Every replica uses the same LETHE_DATA_DIR (default ./data): model artifacts must be reachable from all
# of them, so on several machines make it a shared directory (NFS or similar). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
REPLICAS="${1:-2}"
PORT="${2:-8080}"
: "${LETHE_DB_URL:?set LETHE_DB_URL, e.g. jdbc:mysql://127.0.0.1:3306/lethe}"
: "${LETHE_ADMIN_KEY:?set LETHE_ADMIN_KEY (at least 20 characters), shared by every replica}"
export LETHE_DATA_DIR="${LETHE_DATA_DIR:-./data}"
command -v haproxy >/dev/null || { echo "haproxy is missing: apt-get install -y haproxy" >&2; exit 1; }
RUN="$(mktemp -d)"
PIDS=()
cleanup() { kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$RUN"; }
trap cleanup EXIT INT TERM

{
  printf 'defaults\n  mode http\n  timeout connect 2s\n  timeout client 30s\n  timeout server 30s\n'
  printf 'frontend lethe\n  bind 0.0.0.0:%s\n  default_backend replicas\n' "$PORT"
  printf 'backend replicas\n  balance roundrobin\n  option httpchk\n'
  # Lethe answers 400 to an HTTP request without Host, so the check sends one.
  printf '  http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host localhost\n'
  for r in $(seq 1 "$REPLICAS"); do printf '  server r%s 127.0.0.1:%s check inter 1s\n' "$r" $((PORT + r)); done
} > "$RUN/haproxy.cfg"

for r in $(seq 1 "$REPLICAS"); do
  java -jar bootstrap/target/lethe.jar serve --port $((PORT + r)) > "$RUN/replica-$r.log" 2>&1 &
  PIDS+=($!)
  echo "replica $r on port $((PORT + r)) (log $RUN/replica-$r.log)"
done
for r in $(seq 1 "$REPLICAS"); do
  until curl -sf "http://127.0.0.1:$((PORT + r))/health/ready" >/dev/null; do sleep 0.5; done
done
haproxy -db -f "$RUN/haproxy.cfg" &
PIDS+=($!)
echo "HAProxy on port $PORT in front of $REPLICAS replicas; Ctrl-C stops them all"
wait
