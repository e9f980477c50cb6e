#!/bin/sh
# HYPR's documented route, as an admin's shell script would run it: JWTCreator.java signs the assertion, curl exchanges
# it for an access token, then curl makes the API calls one after another (one curl process per call, as a shell loop
# does). Each response is written to a file, as a script that keeps or inspects it would; nothing parses it further.
#
#   JavaCurl-Flow.sh <tenant URL> <client id> <file holding the base64 Client key> [calls, default 1]
#
# With BENCH_PHASES=1, prints "phase <name> <epoch ns>" lines to stderr for the benchmarks' profile.
set -eu
tenant=$1
client_id=$2
key_file=$3
calls=${4:-1}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
phase() { if [ "${BENCH_PHASES:-0}" = 1 ]; then echo "phase $1 $(date +%s%N)" >&2; fi; }

phase start
# Step 1: the assertion, valid 5 minutes (HYPR recommends 5-10).
java "$here/JWTCreator.java" -sub "$client_id" -keybase64 "$(cat "$key_file")" -exp $(( $(date +%s) + 300 )) -out "$work/jwt"
phase assertion

# Step 2: the exchange, with HYPR's sample curl parameters; the access token cut out of the JSON answer.
curl -sS --fail --location "$tenant/rp/token/endpoint/exchange/clientcredentials" \
    --header 'Content-Type: application/x-www-form-urlencoded' \
    --data-urlencode 'client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer' \
    --data-urlencode "client_assertion=$(cat "$work/jwt")" \
    --data-urlencode 'grant_type=authorization_code' > "$work/token.json"
token=$(sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p' "$work/token.json")
if [ -z "$token" ]; then echo "no access_token in the exchange's answer" >&2; exit 1; fi
phase exchange

# Step 3: the API calls.
i=0
while [ "$i" -lt "$calls" ]; do
    curl -sS --fail "$tenant/rp/api/bulk/HYPRDefaultApplication/introspect" \
        --header "Authorization: Bearer $token" > "$work/response.json"
    i=$((i + 1))
done
phase calls
grep -q '"entities"' "$work/response.json" || { echo "unexpected API answer" >&2; exit 1; }
echo "ok $calls"
