#!/usr/bin/env bash
# Unattended daily send of an LA case system's CP-IS extract to the hub (docs/operations.md, "Daily upload").
#
#   CPIS_URL=https://cpis.example.nhs.uk CPIS_CLIENT_ID=... CPIS_CLIENT_SECRET=... \
#   CPIS_STATE_DIR=/var/lib/cpis-upload scripts/cpis-daily-upload.sh /exports/cpis-extract.csv
#
# Keeps its Upload-Sequence in CPIS_STATE_DIR/sequence and only moves it on once the hub has acknowledged the file,
# so a run that fails (network, hub restart) is simply retried with the same sequence: the hub answers a repeated
# sequence with the stored acknowledgement and never loads the file twice.
# Exit status: 0 all rows loaded; 2 some or all rows rejected (read the acknowledgement); 1 not delivered.
set -euo pipefail

file=${1:?usage: cpis-daily-upload.sh EXTRACT.csv}
: "${CPIS_URL:?}" "${CPIS_CLIENT_ID:?}" "${CPIS_CLIENT_SECRET:?}"
state=${CPIS_STATE_DIR:-.}
mkdir -p "$state"
[ -f "$state/sequence" ] || echo 0 > "$state/sequence"
pending="$state/pending-sequence"
if [ -f "$pending" ]; then
  sequence=$(cat "$pending")          # retry of an unacknowledged send
else
  sequence=$(( $(cat "$state/sequence") + 1 ))
  echo "$sequence" > "$pending"
fi

token=$(curl -sS --fail --retry 5 --retry-all-errors \
  -u "$CPIS_CLIENT_ID:$CPIS_CLIENT_SECRET" -d grant_type=client_credentials \
  "$CPIS_URL/oauth2/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')

ack="$state/ack-$sequence.json"
status=$(curl -sS --retry 5 --retry-all-errors -o "$ack" -w '%{http_code}' \
  -H "Authorization: Bearer $token" -H "Content-Type: text/csv" -H "Upload-Sequence: $sequence" \
  --data-binary "@$file" "$CPIS_URL/api/v1/uploads")

if [ "$status" != 200 ]; then
  echo "cpis upload $sequence not accepted: HTTP $status ($(cat "$ack"))" >&2
  exit 1
fi
echo "$sequence" > "$state/sequence"
rm -f "$pending"
result=$(sed -E 's/.*"status":"([A-Z_]+)".*/\1/' "$ack" | head -c 40)
echo "cpis upload $sequence: $result (acknowledgement in $ack)"
[ "$result" = ALL_LOADED ] && exit 0 || exit 2
