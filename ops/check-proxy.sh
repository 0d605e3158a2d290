#!/usr/bin/env bash
# Proves the proxy set-up of docker-compose.yml without Docker: builds the jar, starts two app nodes
# on one throwaway PostgreSQL database, runs Debian's nginx with the very file the compose stack
# mounts (crm-web/docker/nginx.conf.template, rendered with envsubst as the nginx image does) and
# checks with curl that
#   - readiness answers through nginx,
#   - redirects keep the host and port the browser used,
#   - forwarded headers a client sends are overwritten (X-Forwarded-Host/-Proto/-Port/-For),
#     and a node ignores them from anyone but the proxy,
#   - an upload near the app's 60 MB request limit passes, one above it is refused by nginx,
#   - a session survives its node: with one node killed the other serves the signed-in user.
# Needs: JDK 17, nginx (apt-get install nginx-light), curl, psql, envsubst (gettext-base).
# Usage: ops/check-proxy.sh [-h pg-host] [-p pg-port] [-U pg-user]   (SKIP_BUILD=1: use the built jar)
set -uo pipefail
cd "$(dirname "$0")/.."

PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
while getopts "h:p:U:" opt; do
  case $opt in h) PGHOST=$OPTARG ;; p) PGPORT=$OPTARG ;; U) PGUSER=$OPTARG ;; *) exit 2 ;; esac
done
export PGHOST PGPORT PGUSER
PROXY_PORT=${PROXY_PORT:-18480} APP1_PORT=${APP1_PORT:-18481} APP2_PORT=${APP2_PORT:-18482}
PROXY=http://127.0.0.1:$PROXY_PORT
DB=crm_proxy_check_$$
WORK=$(mktemp -d /tmp/crm-proxy-check.XXXXXX)
chmod 755 "$WORK"
failures=0

log() { printf '[check-proxy] %s\n' "$*"; }
pass() { printf 'PASS  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; failures=$((failures + 1)); }
check() { # description, expected, actual
  if [ "$2" = "$3" ]; then pass "$1 ($3)"; else fail "$1: expected '$2', got '$3'"; fi
}

pids=()
cleanup() {
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  psql -qX -d postgres -c "drop database if exists $DB" >/dev/null 2>&1
  log "logs kept in $WORK"
}
trap cleanup EXIT

if [ "${SKIP_BUILD:-}" != 1 ]; then
  log "building the jar"
  ./mvnw -q -B -ntp -pl crm-web -am package -DskipTests || exit 1
fi
JAR=$(ls crm-web/target/crm-web-*.jar | grep -v '\.original$' | head -1)
log "jar: $JAR ($(du -h "$JAR" | cut -f1))"
# The nodes run a copy: a build meanwhile rewrites target/ under them.
cp "$JAR" "$WORK/crm.jar" && JAR=$WORK/crm.jar

psql -qX -d postgres -c "create database $DB" || exit 1

# The nodes trust forwarded headers from 127.0.0.1 alone: the proxy's address here, as
# 172.28.0.10 is in docker-compose.yml.
start_node() { # name port
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SPRING_DATASOURCE_USERNAME=$PGUSER \
    SPRING_DATASOURCE_PASSWORD=${PGPASSWORD:-} CRM_DEMO_DATA_ENABLED=true CRM_BASE_URL=$PROXY \
    SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES='127\.0\.0\.1' \
    java -Xmx600m -jar "$JAR" --server.port="$2" >"$WORK/$1.log" 2>&1 &
  pids+=($!)
  eval "${1}_pid=$!"
}
start_node app1 "$APP1_PORT"
start_node app2 "$APP2_PORT"
log "two nodes starting on :$APP1_PORT and :$APP2_PORT (database $DB)"
for port in "$APP1_PORT" "$APP2_PORT"; do
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" && break
    sleep 2
  done
  curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" || { fail "node on :$port ready"; exit 1; }
done
log "both nodes ready"

mkdir -p "$WORK/conf.d" "$WORK/tmp" && chmod 777 "$WORK/tmp"
NGINX_PORT=$PROXY_PORT CRM_APP1=127.0.0.1:$APP1_PORT CRM_APP2=127.0.0.1:$APP2_PORT \
  envsubst '${NGINX_PORT} ${CRM_APP1} ${CRM_APP2}' <crm-web/docker/nginx.conf.template >"$WORK/conf.d/default.conf"
# What the nginx image's own nginx.conf does around conf.d/, with paths in $WORK.
cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events {}
http {
  access_log $WORK/nginx-access.log;
  client_body_temp_path $WORK/tmp/body;
  proxy_temp_path $WORK/tmp/proxy;
  fastcgi_temp_path $WORK/tmp/fastcgi;
  uwsgi_temp_path $WORK/tmp/uwsgi;
  scgi_temp_path $WORK/tmp/scgi;
  include $WORK/conf.d/*.conf;
}
CONF
nginx -t -q -p "$WORK" -c "$WORK/nginx.conf" 2>"$WORK/nginx-test.log" || { cat "$WORK/nginx-test.log"; exit 1; }
nginx -p "$WORK" -c "$WORK/nginx.conf" 2>>"$WORK/nginx-error.log"
for _ in $(seq 1 20); do curl -s -o /dev/null "$PROXY/" && break; sleep 0.5; done
log "nginx on :$PROXY_PORT in front of both nodes"

status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
location() { curl -s -o /dev/null -w '%{redirect_url}' "$@"; }

# 1. Readiness through the proxy.
check "readiness through nginx" "200" "$(status "$PROXY/actuator/health/readiness")"
check "readiness body" '{"status":"UP"}' "$(curl -s "$PROXY/actuator/health/readiness" | tr -d ' \n' | cut -c1-15)"

# 2. Redirects keep host and port: the one curl used, and another one, as when docker publishes
# the proxy's 8080 as 9443.
check "redirect keeps the proxy's port" "$PROXY/login" "$(location "$PROXY/")"
check "redirect keeps a published port" "http://crm.example.test:9443/login" \
  "$(location -H 'Host: crm.example.test:9443' "$PROXY/")"

# 3. Forwarded headers from the client are overwritten by nginx ...
check "client's X-Forwarded-Host/-Proto/-Port/Forwarded overwritten" "$PROXY/login" \
  "$(location -H 'X-Forwarded-Host: evil.example' -H 'X-Forwarded-Proto: https' -H 'X-Forwarded-Port: 1' \
    -H 'Forwarded: for=1.2.3.4;host=evil.example;proto=https' "$PROXY/")"
# ... and a node ignores them from anyone but the proxy (curl from 127.0.0.2, not trusted).
check "node ignores forwarded headers from a non-proxy address" "http://127.0.0.1:$APP1_PORT/login" \
  "$(location --interface 127.0.0.2 -H 'X-Forwarded-Host: evil.example' -H 'X-Forwarded-Proto: https' \
    "http://127.0.0.1:$APP1_PORT/")"

# X-Forwarded-For: a failed sign-in logs the client address the app believed (security log).
csrf() { sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' | head -1; }
jar_x="$WORK/cookies-x.txt"
token=$(curl -s -c "$jar_x" -b "$jar_x" "$PROXY/login" | csrf)
rid="check-xff-$$"
curl -s -o /dev/null -c "$jar_x" -b "$jar_x" -H "X-Request-Id: $rid" -H 'X-Forwarded-For: 203.0.113.66' \
  --data-urlencode "username=nobody-$$" --data-urlencode "password=wrong-password" --data-urlencode "_csrf=$token" \
  "$PROXY/login"
sleep 1
line=$(grep -h "$rid" "$WORK"/app*.log | grep -i 'remoteAddr' | head -1)
if [ -n "$line" ] && grep -q 'remoteAddr="\?127\.0\.0\.1' <<<"$line" && ! grep -q '203\.0\.113\.66' <<<"$line"; then
  pass "client's X-Forwarded-For overwritten: the app saw 127.0.0.1 (log: ${line:0:160}...)"
else
  fail "client's X-Forwarded-For overwritten: log line '$line'"
fi

# 4. Sign in through the proxy; the session is the database's, so both nodes know it.
jar="$WORK/cookies.txt"
token=$(curl -s -c "$jar" -b "$jar" "$PROXY/login" | csrf)
check "sign in as admin through nginx" "$PROXY/" \
  "$(location -c "$jar" -b "$jar" --data-urlencode username=admin --data-urlencode password=demo \
    --data-urlencode "_csrf=$token" "$PROXY/login")"
check "node 1 knows the session" "200" "$(status -b "$jar" "http://127.0.0.1:$APP1_PORT/accounts")"
check "node 2 knows the session" "200" "$(status -b "$jar" "http://127.0.0.1:$APP2_PORT/accounts")"

# 5. Uploads: six attachments of 9.5 MB (57 MB, under the app's 60 MB request limit) pass nginx
# and are stored; 61 MB is refused by nginx itself (413) before it reaches a node.
ticket=$(psql -qtAX -d "$DB" -c "select min(id) from tickets where status <> 'CLOSED'")
page=$(curl -s -c "$jar" -b "$jar" "$PROXY/service/tickets/$ticket")
token=$(csrf <<<"$page")
for i in 1 2 3 4 5 6; do head -c 9961472 /dev/zero | tr '\0' 'a' >"$WORK/part$i.txt"; done
before=$(psql -qtAX -d "$DB" -c "select count(*) from ticket_attachments")
files=(); for i in 1 2 3 4 5 6; do files+=(-F "files=@$WORK/part$i.txt;type=text/plain"); done
check "57 MB upload through nginx answered by the app" "302" \
  "$(status -c "$jar" -b "$jar" -F "_csrf=$token" -F "body=Six files near the limit" -F internal=true \
    "${files[@]}" "$PROXY/service/tickets/$ticket/reply")"
after=$(psql -qtAX -d "$DB" -c "select count(*) from ticket_attachments")
check "the six attachments are stored" "6" "$((after - before))"
head -c 63963136 /dev/zero | tr '\0' 'a' >"$WORK/too-big.txt"
check "61 MB upload refused by nginx" "413" \
  "$(status -b "$jar" -F "_csrf=$token" -F "files=@$WORK/too-big.txt;type=text/plain" \
    "$PROXY/service/tickets/$ticket/reply")"

# 6. Kill node 1 (as a crash would): node 2 serves the same session through the proxy.
kill -9 "$app1_pid"
wait "$app1_pid" 2>/dev/null
ok=0
for _ in 1 2 3 4; do [ "$(status -b "$jar" "$PROXY/accounts")" = 200 ] && ok=$((ok + 1)); done
check "signed in after node 1 died (4 requests through nginx)" "4" "$ok"
check "readiness through nginx with one node" "200" "$(status "$PROXY/actuator/health/readiness")"

echo
if [ "$failures" -eq 0 ]; then log "all checks passed"; else log "$failures check(s) failed"; fi
exit $((failures > 0))
