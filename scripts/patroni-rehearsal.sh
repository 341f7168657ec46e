#!/usr/bin/env bash
# PostgreSQL failover rehearsal on one machine (issue 17, item 4; on demand, not in CI). Starts etcd, three Patroni
# members of PostgreSQL 15 with synchronous replication, HAProxy routing to the primary (or, with ROUTING=multihost, a
# multi-host JDBC URL with targetServerType=primary), two hub nodes on that database, and the failover drill's mixed
# load (org.cpis.crash.FailoverDrill). After FAULT_AT seconds it kills the primary's Patroni and PostgreSQL together
# (SIGKILL), lets the load run on, then reconciles: no acknowledged upload, access or notification lost, nothing
# half-applied, no 5xx other than 503. Run as root on Debian 12; everything listens on 127.0.0.1 only.
#   scripts/patroni-rehearsal.sh                 # HAProxy
#   ROUTING=multihost scripts/patroni-rehearsal.sh
# Output and logs: target/patroni-rehearsal/ (report.txt has the figures for docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${WORK:-$ROOT/target/patroni-rehearsal}
ROUTING=${ROUTING:-haproxy}
DURATION=${DURATION:-90}
FAULT_AT=${FAULT_AT:-30}
BIN=/usr/lib/postgresql/15/bin
PASSWORD=rehearsal-only
ETCD_CLIENT=23790 ETCD_PEER=23800 HAPROXY_PORT=25000 HAPROXY_STATS=25080 HUB_A=18081 HUB_B=18082
PIDS=()

need() { command -v "$1" >/dev/null 2>&1; }
if ! need patroni || ! need etcd || ! need haproxy || [[ ! -x $BIN/postgres ]]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 patroni etcd-server etcd-client haproxy \
    python3-etcd python3-psycopg2 >/dev/null
fi
# The packages may start their own services on the default ports; the rehearsal uses its own and leaves them be.

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 3
  for i in 1 2 3; do
    [[ -f $WORK/m$i/data/postmaster.pid ]] && kill -INT "$(head -1 "$WORK/m$i/data/postmaster.pid")" 2>/dev/null || true
  done
}
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK" && chmod 755 "$WORK"
log() { echo "$(date -u +%H:%M:%S.%3N) $*" | tee -a "$WORK/report.txt"; }

# --- etcd (v3 API) ---
etcd --name e1 --data-dir "$WORK/etcd" --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT" \
  --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT" --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" \
  --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
  --initial-cluster "e1=http://127.0.0.1:$ETCD_PEER" > "$WORK/etcd.log" 2>&1 &
PIDS+=($!)

# --- three Patroni members, run as postgres (PostgreSQL refuses root) ---
for i in 1 2 3; do
  d=$WORK/m$i
  mkdir -p "$d/data" "$d/sock" && chown -R postgres:postgres "$d" && chmod 700 "$d/data"
  cat > "$d/patroni.yml" <<YML
scope: cpis-rehearsal
name: m$i
log: {dir: $d, level: INFO}
restapi: {listen: 127.0.0.1:2801$i, connect_address: 127.0.0.1:2801$i}
etcd3: {hosts: 127.0.0.1:$ETCD_CLIENT}
bootstrap:
  dcs:
    # loop_wait + 2 * retry_timeout <= ttl: a lost leader key expires within 10 s.
    ttl: 10
    loop_wait: 2
    retry_timeout: 4
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      parameters: {max_connections: 200, wal_log_hints: 'on', synchronous_commit: 'on'}
  initdb: [{encoding: UTF8}, data-checksums]
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
postgresql:
  listen: 127.0.0.1:2543$i
  connect_address: 127.0.0.1:2543$i
  data_dir: $d/data
  bin_dir: $BIN
  pgpass: $d/pgpass
  authentication:
    superuser: {username: postgres, password: $PASSWORD}
    replication: {username: replicator, password: $PASSWORD}
  parameters: {unix_socket_directories: '$d/sock'}
YML
  chown postgres:postgres "$d/patroni.yml"
  setpriv --reuid=postgres --regid=postgres --init-groups patroni "$d/patroni.yml" > "$d/patroni.out" 2>&1 &
  PIDS+=($!)
  echo $! > "$d/patroni.pid"
  [[ $i == 1 ]] && sleep 8
done

members_streaming() {
  # Leaders running, synchronous standbys, replicas running or streaming (Patroni 3.0 says "running" for both).
  curl -s --max-time 2 "http://127.0.0.1:28011/cluster" | python3 -c '
import json,sys
m=json.load(sys.stdin)["members"]
up=("running","streaming")
print(sum(1 for x in m if x["role"]=="leader" and x["state"]=="running"),
      sum(1 for x in m if x["role"]=="sync_standby" and x["state"] in up),
      sum(1 for x in m if x["role"]!="leader" and x["state"] in up))'
}
for _ in $(seq 1 120); do
  read -r leaders sync streaming < <(members_streaming || echo "0 0 0")
  [[ $leaders == 1 && $sync -ge 1 && $streaming == 2 ]] && break
  sleep 1
done
log "cluster: $(members_streaming) (leaders, sync standbys, streaming)"
patronictl -c "$WORK/m1/patroni.yml" list | tee -a "$WORK/report.txt"

primary_port() {
  for i in 1 2 3; do
    curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:2801$i/primary" | grep -q 200 && { echo "$i"; return; }
  done
}
P=$(primary_port)
PGPASSWORD=$PASSWORD $BIN/psql -h 127.0.0.1 -p "2543$P" -U postgres -c "create database cpis" >/dev/null

# --- routing to the primary ---
if [[ $ROUTING == haproxy ]]; then
  cat > "$WORK/haproxy.cfg" <<CFG
global
  maxconn 1000
defaults
  mode tcp
  timeout connect 3s
  timeout client 60m
  timeout server 60m
listen stats
  mode http
  bind 127.0.0.1:$HAPROXY_STATS
  stats enable
  stats uri /
listen primary
  bind 127.0.0.1:$HAPROXY_PORT
  option httpchk GET /primary
  http-check expect status 200
  default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
  server m1 127.0.0.1:25431 check port 28011
  server m2 127.0.0.1:25432 check port 28012
  server m3 127.0.0.1:25433 check port 28013
CFG
  haproxy -f "$WORK/haproxy.cfg" > "$WORK/haproxy.log" 2>&1 &
  PIDS+=($!)
  # HAProxy counts every server as up until its first check: wait for exactly one.
  for _ in $(seq 1 60); do
    up=$(curl -s "http://127.0.0.1:$HAPROXY_STATS/;csv" | grep '^primary,m' | grep -c ',UP,' || true)
    [[ $up == 1 ]] && break
    sleep 1
  done
  URL="jdbc:postgresql://127.0.0.1:$HAPROXY_PORT/cpis"
else
  URL="jdbc:postgresql://127.0.0.1:25431,127.0.0.1:25432,127.0.0.1:25433/cpis?targetServerType=primary"
fi
log "routing: $ROUTING ($URL)"

# --- two hub nodes with one signing key ---
./mvnw -B -q -o -Pbench package -DskipTests -Dspotless.check.skip=true
./mvnw -B -q -o -Pbench dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test
JAR=$(ls target/cpis-*.jar | head -1)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/signing.pem" 2>/dev/null
export CPIS_IDENTITY_SIGNING_KEY=$(cat "$WORK/signing.pem")
export CPIS_AUDIT_SUBJECT_KEY=$(openssl rand -base64 32) CPIS_NOTIFICATIONS_SECRET_KEY=$(openssl rand -base64 32)
export SPRING_DATASOURCE_URL=$URL SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=$PASSWORD
for port in $HUB_A $HUB_B; do
  PORT=$port SPRING_MAIL_HOST=localhost SPRING_MAIL_PORT=2 java -Xmx512m -jar "$JAR" > "$WORK/hub-$port.log" 2>&1 &
  PIDS+=($!)
done
for port in $HUB_A $HUB_B; do
  for _ in $(seq 1 180); do
    curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health/readiness" | grep -q 200 && break
    sleep 1
  done
done
log "hubs ready on $HUB_A and $HUB_B"

# --- load, the fault, reconciliation ---
DRILL_URL="$URL$([[ $URL == *\?* ]] && echo '&' || echo '?')user=postgres&password=$PASSWORD"
java -cp "target/test-classes:target/classes:$(cat "$WORK/classpath.txt")" org.cpis.crash.FailoverDrill \
  $HUB_A $HUB_B "$DRILL_URL" "$DURATION" "$WORK/fault-at" > "$WORK/drill.out" 2>&1 &
DRILL=$!
sleep "$FAULT_AT"
P=$(primary_port)
POSTMASTER=$(head -1 "$WORK/m$P/data/postmaster.pid")
date +%s%3N > "$WORK/fault-at"
kill -9 "$(cat "$WORK/m$P/patroni.pid")" "$POSTMASTER"
log "killed member m$P (Patroni and PostgreSQL, SIGKILL)"
start=$(date +%s%3N)
for _ in $(seq 1 120); do
  NEW=$(primary_port || true)
  [[ -n $NEW && $NEW != "$P" ]] && break
  sleep 0.2
done
log "new primary m$NEW after $(( $(date +%s%3N) - start )) ms"
wait $DRILL && status=0 || status=$?
patronictl -c "$WORK/m$NEW/patroni.yml" list | tee -a "$WORK/report.txt"
grep -v "DEBUG\|^\s*at " "$WORK/drill.out" | grep -E "Responses|Client failures|After the fault|Reconciliation|RESULT|Error|Exception" \
  | tee -a "$WORK/report.txt"
exit "$status"
