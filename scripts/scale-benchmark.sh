#!/usr/bin/env bash
# Scale benchmark (docs/benchmarks.md, "Scale"): one ecommerce tenant in MariaDB grown through
# POST /v1/events to each tier, a profile version trained at each tier by `lethe train` in its own JVM,
# then against the real server (`lethe serve`, -Xmx1g):
#   - GET recommendations, open loop (latency from when each request was due) at 100 and 300 req/s
#     (each after a warm-up at its own rate: 10 s, not counted; a rate step warms the JIT and the pool),
#     and CPU-milliseconds of the server per request at 300 req/s;
#   - the same at 100 req/s while 1,000 events/s are ingested (10 batches of 100 per second);
#   - first recommendation right after a slice of new events (a user's 10 new events, then GET at once);
#   - server RSS; restart (SIGTERM, start) to the first recommendation served by the profile version.
# Usage: scripts/scale-benchmark.sh [tier ...]     (default: 100000 1000000; tiers ascend, events accumulate)
#        LETHE_KEEP_DB=1 scripts/scale-benchmark.sh N  measures again on the tenant a previous run left in
#        lethe_scale (N = the events it holds; nothing is loaded below it).
#        LETHE_SERVER_OPTS='-XX:StartFlightRecording=filename=/tmp/lethe-%n.jfr,settings=profile,dumponexit=true'
#        adds JVM options to the measured server (%n: the server run, 1, 2, ...; here a flight recording of each).
#        LETHE_LOAD_ONLY=1 scripts/scale-benchmark.sh N  loads the tenant to N events and stops (measure later
#        with LETHE_KEEP_DB=1, for instance when the machine is quiet).
#        LETHE_DB=name uses another database than lethe_scale (e.g. a small reference tier beside a kept large one).
#        LETHE_TRAIN_HEAP=12g sets the training JVM's heap (default 8g).
#        LETHE_BUFFER_POOL=6G sets MariaDB's innodb_buffer_pool_size for the run (SET GLOBAL, put back at exit):
#        every request reads the user's index (ix_behavior_events_user_history), so past a few million
#        behaviours the pool must hold it (docs/scaling.md, "Sizing").
# Needs: a JDK, MariaDB/MySQL on 127.0.0.1:3306 where root can log in over the socket (it creates and
# drops database lethe_scale and grants it to user lethe/lethe). Prints one block per tier.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -gt 0 ]; then TIERS=("$@"); else TIERS=(100000 1000000); fi
SECONDS_PER_RUN="${LETHE_SECONDS:-30}"
ITEMS="${LETHE_ITEMS:-20000}"
USERS="${LETHE_USERS:-20000}"
DAYS=180
PORT="${LETHE_PORT:-18090}"
DB="${LETHE_DB:-lethe_scale}"
KEY="scale-bench-key-0000000000000001"
ADMIN="scale-bench-admin-key-00000000001"
TENANT=scale
JAR=bootstrap/target/lethe.jar
CP_FILE="$PWD/adapters-http/target/load.classpath"
WORK="$(mktemp -d)"

log() { printf '[scale] %s\n' "$*"; }

[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package
./mvnw -B -q -pl adapters-http -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
CP="adapters-http/target/test-classes:adapters-http/target/classes:application/target/classes:domain/target/classes:$(cat "$CP_FILE")"

if [ -z "${LETHE_KEEP_DB:-}" ]; then mysql --protocol=socket -uroot <<SQL
DROP DATABASE IF EXISTS $DB;
CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS 'lethe'@'127.0.0.1' IDENTIFIED BY 'lethe';
GRANT ALL PRIVILEGES ON $DB.* TO 'lethe'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL
fi
export LETHE_DB_URL="jdbc:mysql://127.0.0.1:3306/$DB" LETHE_DB_USER=lethe LETHE_DB_PASSWORD=lethe LETHE_ADMIN_KEY="$ADMIN"
export LETHE_DATA_DIR="$WORK/data"

SERVER_PID=""
SERVER_RUN=0
start_server() {
  SERVER_RUN=$((SERVER_RUN + 1))
  local opts="${LETHE_SERVER_OPTS:-}"
  # shellcheck disable=SC2086 # the options are words on purpose; %n is the server run (1, 2, ...)
  java -Xmx1g ${opts//%n/$SERVER_RUN} -jar "$JAR" serve --port "$PORT" >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  # Up to 10 minutes: the first start on a kept database may run a migration that builds an index.
  for _ in $(seq 1 6000); do
    curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  tail -50 "$WORK/server.log"; exit 1
}
stop_server() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }
POOL_BEFORE=""
if [ -n "${LETHE_BUFFER_POOL:-}" ]; then
  POOL_BEFORE=$(mysql --protocol=socket -uroot -N -e 'SELECT @@innodb_buffer_pool_size')
  bytes=$(numfmt --from=iec "$LETHE_BUFFER_POOL")
  mysql --protocol=socket -uroot -e "SET GLOBAL innodb_buffer_pool_size = $bytes"
  for _ in $(seq 1 120); do   # the resize runs in the background; wait until it is in force
    [ "$(mysql --protocol=socket -uroot -N -e 'SELECT @@innodb_buffer_pool_size')" -ge "$bytes" ] && break; sleep 1
  done
fi
# A server that has been running has its pool warm; after a resize (or a restart of MariaDB) it is cold,
# so read the event table once in primary-key order and the per-user index in its own order.
warm_pool() {
  [ -n "$POOL_BEFORE" ] || return 0
  local t0; t0=$(date +%s)
  mysql --protocol=socket -uroot -N -e "SELECT SUM(LENGTH(item_id)) FROM $DB.behavior_events FORCE INDEX (PRIMARY);
    SELECT COUNT(*) FROM $DB.behavior_events FORCE INDEX (ix_behavior_events_user_history) WHERE tenant_id = '$TENANT'" >/dev/null
  log "buffer pool warmed in $(( $(date +%s) - t0 )) s"
}
restore_pool() { [ -n "$POOL_BEFORE" ] && mysql --protocol=socket -uroot -e "SET GLOBAL innodb_buffer_pool_size = $POOL_BEFORE" || true; }
trap 'stop_server; restore_pool; rm -rf "$WORK"' EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
# The database's CPU (MariaDB or MySQL on this machine), when its process is visible here; 0 otherwise.
db_ticks() { local pid; pid=$(pgrep -x mariadbd || pgrep -x mysqld || true); [ -n "$pid" ] && awk '{print $14 + $15}' "/proc/${pid%% *}/stat" || echo 0; }
rss_mb() { echo $(( $(ps -o rss= -p "$SERVER_PID") / 1024 )); }
rec() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $KEY" \
          "http://127.0.0.1:$PORT/v1/users/$1/recommendations?k=10"; }
# A user with history (users without one are served popularity whatever the active version).
served_model() { curl -s -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/v1/users/probe/recommendations?k=1" \
          | sed -n 's/.*"model":"\([^"]*\)".*/\1/p'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
GEN="java -Xmx512m -cp $CP dev.lethe.adapter.http.LoadGenerator 127.0.0.1 $PORT $KEY"

start_server
LOADED=0
if [ -n "${LETHE_KEEP_DB:-}" ]; then
  LOADED=$(mysql --protocol=socket -uroot -N -e "SELECT COUNT(*) FROM $DB.behavior_events WHERE tenant_id = '$TENANT'")
  log "reusing $LOADED events of tenant $TENANT in $DB"
else
curl -sf -X POST "http://127.0.0.1:$PORT/v1/tenants" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d "{\"id\":\"$TENANT\",\"name\":\"Scale\",\"kind\":\"ecommerce\",\"apiKey\":\"$KEY\"}" >/dev/null
java -cp "$CP" dev.lethe.adapter.http.BulkLoader 127.0.0.1 "$PORT" "$KEY" items "$ITEMS" 20
curl -sf -X POST "http://127.0.0.1:$PORT/v1/events" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d "[{\"eventId\":\"probe-1\",\"userId\":\"probe\",\"itemId\":\"i1\",\"type\":\"view\",\"timestamp\":\"$(date -u -d '-1 day' +%Y-%m-%dT%H:%M:%SZ)\"},{\"eventId\":\"probe-2\",\"userId\":\"probe\",\"itemId\":\"i2\",\"type\":\"view\",\"timestamp\":\"$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)\"}]" >/dev/null
fi
log "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/'); MariaDB buffer pool $(mysql --protocol=socket -uroot -N -e 'SELECT @@innodb_buffer_pool_size DIV 1048576') MB"

for TIER in "${TIERS[@]}"; do
  if [ "$TIER" -gt "$LOADED" ]; then
    log "== tier $TIER events: loading $((TIER - LOADED)) more through POST /v1/events"
    java -cp "$CP" dev.lethe.adapter.http.BulkLoader 127.0.0.1 "$PORT" "$KEY" events "$LOADED" "$TIER" 1000 "$ITEMS" "$USERS" "$DAYS" 4
    LOADED=$TIER
    if [ -n "${LETHE_LOAD_ONLY:-}" ]; then log "loaded $LOADED events into $DB; stopping (LETHE_LOAD_ONLY)"; continue; fi
  else
    log "== tier $LOADED events (already loaded)"
  fi
  warm_pool
  log "training profile on the tier (lethe train, own JVM)"
  T0=$(date +%s.%N)
  java -Xmx"${LETHE_TRAIN_HEAP:-8g}" -jar "$JAR" train --tenant "$TENANT" --family profile --activation always > "$WORK/train.log" 2>&1 || { tail -30 "$WORK/train.log"; exit 1; }
  log "training took $(echo "$(date +%s.%N) - $T0" | bc) s"
  for _ in $(seq 1 300); do [ "$(served_model)" = profile ] && break; sleep 0.1; done
  log "served model: $(served_model); server RSS $(rss_mb) MB; load $(uptime | sed 's/.*average: //')"
  $GEN 100 10 recommend "$USERS" >/dev/null
  log "open loop 100 req/s: $($GEN 100 "$SECONDS_PER_RUN" recommend "$USERS")"
  C0=$(cpu_ticks); D0=$(db_ticks)
  R300="$($GEN 300 "$SECONDS_PER_RUN" recommend "$USERS" 100 10)"
  C1=$(cpu_ticks); D1=$(db_ticks)
  log "open loop 300 req/s: $R300"
  # The ticks cover the warm-up too: 300 req/s for SECONDS_PER_RUN + 10 s.
  log "server CPU per request at 300 req/s: $(echo "scale=2; ($C1 - $C0) * 1000 / $(getconf CLK_TCK) / (300 * ($SECONDS_PER_RUN + 10))" | bc) ms; database CPU per request: $(echo "scale=2; ($D1 - $D0) * 1000 / $(getconf CLK_TCK) / (300 * ($SECONDS_PER_RUN + 10))" | bc) ms"
  $GEN 10 "$SECONDS_PER_RUN" ingest "$USERS" 100 > "$WORK/ingest.txt" &
  INGEST=$!
  log "100 req/s while 1,000 events/s are ingested: $($GEN 100 "$SECONDS_PER_RUN" recommend "$USERS")"
  wait "$INGEST"
  log "  ingestion meanwhile: $(cat "$WORK/ingest.txt")"
  LOADED=$((LOADED + 10 * 100 * (SECONDS_PER_RUN + 5)))
  : > "$WORK/fresh.txt"
  for k in $(seq 1 21); do
    user="fresh-$TIER-$k"
    events=""
    for e in $(seq 1 10); do
      events="$events${events:+,}{\"eventId\":\"fresh-$TIER-$k-$e\",\"userId\":\"$user\",\"itemId\":\"i$((RANDOM % ITEMS))\",\"type\":\"view\",\"timestamp\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"}"
    done
    curl -sf -X POST "http://127.0.0.1:$PORT/v1/events" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "[$events]" >/dev/null
    rec "$user" | awk '{print $2 * 1000}' >> "$WORK/fresh.txt"
  done
  log "first recommendation right after a user's 10 new events: median $(median < "$WORK/fresh.txt") ms, max $(sort -n "$WORK/fresh.txt" | tail -1) ms (21 tries)"
  log "server RSS $(rss_mb) MB"
  stop_server
  T0=$(date +%s.%N)
  start_server
  for _ in $(seq 1 1200); do [ "$(served_model)" = profile ] && break; sleep 0.05; done
  log "restart (start to the first recommendation by the profile version): $(echo "$(date +%s.%N) - $T0" | bc) s; RSS $(rss_mb) MB"
  grep -E "serving state of|tenant $TENANT: serving" "$WORK/server.log" | tail -2 | sed 's/^/[scale]   server: /'
done
