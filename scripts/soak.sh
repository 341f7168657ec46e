#!/usr/bin/env bash
# Soak on demand (issue 17, item 7): a hub (the packaged jar, embedded PostgreSQL in a fresh folder) under open-loop
# mixed load for MINUTES (default 60) at RATE unscheduled FHIR lookups a second (default 490, half the benchmarked
# unscheduled capacity in docs/benchmarks.md) plus an upload of ROWS rows (default 1000) every 30 s. Once a minute it
# prints that minute's latency, failures by status, uploads, the hub's heap after a full GC and its resident memory
# (org.cpis.crash.Soak). No growth, no drift: the heap
# column levels off and the latency columns stay flat.
#   MINUTES=60 RATE=490 scripts/soak.sh
# Output: target/soak/soak.csv, the hub's log target/soak/hub.log.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=target/soak
PORT=${PORT:-18090}
rm -rf "$WORK" && mkdir -p "$WORK"
./mvnw -B -q -o -Pbench package -DskipTests -Dspotless.check.skip=true
./mvnw -B -q -o -Pbench dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test
JAR=$(ls target/cpis-*.jar | head -1)
# One API client sends every lookup here, far above the per-client limit a real system gets (docs/operations.md,
# "Limits"), so the soak lifts it.
PORT=$PORT CPIS_DATA_DIR="$WORK/data" java -Xmx1g -jar "$JAR" --cpis.security.api.requests=1000000000 \
  > "$WORK/hub.log" 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null || true; wait $HUB 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness" | grep -q 200 && break
  sleep 1
done
java -cp "target/test-classes:target/classes:$(cat "$WORK/classpath.txt")" org.cpis.crash.Soak \
  "$PORT" "$HUB" "${RATE:-490}" "${MINUTES:-60}" "${ROWS:-1000}" | tee "$WORK/soak.csv"
