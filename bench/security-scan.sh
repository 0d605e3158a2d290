#!/usr/bin/env bash
# SQL injection scan: sqlmap against every search, filter, sort and cursor parameter of the pages and
# the JSON API, signed in, on a scratch database. Not part of ./mvnw verify (it takes a while).
#
#   bench/security-scan.sh [psql connection options]              e.g. -h 127.0.0.1 -U postgres
#
# Steps: (1) a fresh database crm_security_scan; (2) the app starts on it with the demo company (users
# admin, rep, customer …, password "demo"); (3) pages: a session per user, signed in through the login
# form (CSRF token from the login page), sent to sqlmap as the SESSION cookie; API: HTTP Basic;
# (4) for each target below, sqlmap --batch tests the named parameters (cursors are URL-safe Base64:
# sqlmap decodes them, injects into the decoded text and encodes again); (5) one line per target:
# "not injectable", FINDING, or INCONCLUSIVE (sqlmap didn't finish its tests: read its log).
# Exit status: 0 when every target is "not injectable", 1 on any finding, 2 when only inconclusive.
#
# Knobs: SCAN_SET=core (a representative subset: every free-text parameter and cursor, ~20 targets)
#        or full (default: every target); ONLY='regex' (targets whose path matches); LEVEL (default 1)
#        and RISK (default 1) as sqlmap's; TECHNIQUE (default BEUSTQ, all; BEST skips UNION, whose column
#        search on a 200-row report page can take a quarter of an hour on a busy machine); THREADS (default 2); PORT (default 18082); SKIP_START=1
#        with BASE=http://host:port to scan an app that is already running (with the demo users).
# Logs: one sqlmap log per target in $OUT (printed at the start), kept after the run.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v sqlmap >/dev/null || { echo "sqlmap is not installed (Debian: apt-get install sqlmap)" >&2; exit 3; }
. bench/lib/app.sh
PSQL=(psql -X -q -v ON_ERROR_STOP=1 "$@")
DB=crm_security_scan
pg_target "$@"
PORT=${PORT:-18082}
BASE=${BASE:-http://127.0.0.1:$PORT}
LEVEL=${LEVEL:-1}
RISK=${RISK:-1}
TECHNIQUE=${TECHNIQUE:-BEUSTQ}
THREADS=${THREADS:-2}
SCAN_SET=${SCAN_SET:-full}
OUT=$(mktemp -d -t crm-security-scan.XXXXXX)
LOG=$OUT/app.log
APP_PID=
echo "[scan] logs in $OUT"

start_app() {
  # In its own process group (setsid), so stopping it stops the forked application JVM too.
  setsid ./mvnw -q -B -ntp -pl crm-web -am spring-boot:run \
    -Dspring-boot.run.arguments="--server.port=$PORT --spring.datasource.url=jdbc:postgresql://$HOST:5432/$DB --spring.datasource.username=$DBUSER --spring.datasource.password=${PGPASSWORD:-} --crm.demo-data.enabled=true --crm.marketing.scheduler.enabled=false --crm.service.mail.scheduler-enabled=false --crm.tasks.reminders.enabled=false --crm.health.scheduler.enabled=false" \
    >"$LOG" 2>&1 &
  APP_PID=$!
  app_wait "$BASE" "$APP_PID" "$LOG" 300
}

stop_app() {
  app_stop "$APP_PID"
  APP_PID=
}
trap stop_app EXIT

if [ "${SKIP_START:-0}" != 1 ]; then
  "${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
  echo "[scan] starting the app on $DB (schema and demo data)"
  start_app
  q() { "${PSQL[@]}" -d "$DB" -Atc "$1"; }
else
  q() { echo "${2:-1}"; }
fi

# Records the parameterised pages need (any will do: the scan is about the query, not the record).
ACCOUNT=$(q "select min(id) from accounts" 1)
CONTACT=$(q "select min(id) from contacts" 1)
SEGMENT=$(q "select min(id) from segments" 1)
FORM_ID=$(q "select min(id) from lead_forms" 1)
FORM_SLUG=$(q "select slug from lead_forms order by id limit 1" contact-us)
SEQUENCE=$(q "select min(id) from sequences" 1)

# A signed-in session for each user the targets use: the SESSION cookie after a form login.
declare -A COOKIE
sign_in() {
  local user=$1 jar
  jar=$OUT/cookies-$user
  app_login "$BASE" "$user" "$jar"
  COOKIE[$user]=$(awk '$6 == "SESSION" { print $7 }' "$jar" | tail -1)
  [ -n "${COOKIE[$user]}" ] || { echo "could not sign in as $user" >&2; exit 3; }
}
for user in admin rep customer; do sign_in "$user"; done

b64() { printf '%s' "$1" | base64 -w0 | tr '+/' '-_' | tr -d '='; }
# Cursors as the lists write them ("n:<id>:<sort value>"): a timestamp (also a valid text sort value),
# a day (deals by close date, purchases) and a score (lead scores, at-risk). A list refuses a cursor of
# another kind with a 400 before any SQL runs, so each target starts from one its list accepts.
CURSOR=$(b64 "n:1:2026-01-01T00:00:00.000000")
DAY_CURSOR=$(b64 "n:1:2026-01-01")
SCORE_CURSOR=$(b64 "n:1:50")

# set | who (admin, rep, customer: session; api: HTTP Basic as admin; anon: nobody) | path with starting
# values | parameters to test. "core" targets are in both sets. {cursor}, {daycursor} and {scorecursor}
# are replaced by $CURSOR, $DAY_CURSOR and $SCORE_CURSOR.
TARGETS=$(cat <<EOF
core|admin|/accounts?q=Nord&owner=1&stage=CUSTOMER&tag=vip&sort=NAME&cursor={cursor}|q,tag,sort,cursor
full|admin|/accounts?q=Nord&owner=1&stage=CUSTOMER&tag=vip&sort=NAME&cursor={cursor}|owner,stage
core|admin|/contacts?q=Mey&owner=1&stage=LEAD&tag=vip&sort=NAME&account=$ACCOUNT&cursor={cursor}|q,tag,sort,cursor
full|admin|/contacts?q=Mey&owner=1&stage=LEAD&tag=vip&sort=NAME&account=$ACCOUNT&cursor={cursor}|owner,stage,account
core|admin|/accounts/$ACCOUNT?kind=CALL&cursor={cursor}|kind,cursor
core|admin|/contacts/$CONTACT/timeline?kind=NOTE&cursor={cursor}|kind,cursor
full|admin|/accounts/$ACCOUNT/timeline?kind=CALL&cursor={cursor}|kind,cursor
full|admin|/contacts/$CONTACT?kind=NOTE&cursor={cursor}|kind,cursor
core|rep|/leads?q=Berg&status=NEW&owner=1&source=WEB&cursor={cursor}|q,source,cursor
full|rep|/leads?q=Berg&status=NEW&owner=1&source=WEB&cursor={cursor}|status,owner
core|admin|/opportunities?owner=1&team=1&pipeline=1&stage=1&status=OPEN&closeFrom=2026-01-01&closeTo=2026-12-31&closedFrom=2026-01-01&closedTo=2026-12-31&cursor={daycursor}|cursor
full|admin|/opportunities?owner=1&team=1&pipeline=1&stage=1&status=OPEN&closeFrom=2026-01-01&closeTo=2026-12-31&closedFrom=2026-01-01&closedTo=2026-12-31&cursor={daycursor}|owner,team,pipeline,stage,status,closeFrom,closeTo,closedFrom,closedTo
full|admin|/opportunities/board?pipeline=1&owner=1&team=1&closeFrom=2026-01-01&closeTo=2026-12-31|pipeline,owner,team,closeFrom,closeTo
core|rep|/search?q=Nord|q
core|admin|/lookup?q=%2B49%2040|q
full|admin|/accounts/suggest?accountName=Nord|accountName
full|rep|/tasks?status=OPEN&cursor={cursor}|status,cursor
core|admin|/service/tickets?status=OPEN&priority=HIGH&type=INCIDENT&queue=1&tag=vip&account=$ACCOUNT&contact=$CONTACT&team=1&openedFrom=2026-01-01&openedTo=2026-12-31&openOn=2026-06-01&cursor={cursor}|tag,cursor
full|admin|/service/tickets?status=OPEN&priority=HIGH&type=INCIDENT&queue=1&tag=vip&account=$ACCOUNT&contact=$CONTACT&team=1&openedFrom=2026-01-01&openedTo=2026-12-31&openOn=2026-06-01&cursor={cursor}|status,priority,type,queue,account,contact,team,openedFrom,openedTo,openOn
core|admin|/service/queue?view=ALL&status=OPEN&priority=HIGH&type=INCIDENT&queue=1&tag=vip&cursor={cursor}|tag,cursor
full|admin|/service/queue?view=ALL&status=OPEN&priority=HIGH&type=INCIDENT&queue=1&tag=vip&cursor={cursor}|view,status,priority,type,queue
core|admin|/service/kb?q=password&status=PUBLISHED&category=1&cursor={cursor}|q,cursor
full|admin|/service/kb?q=password&status=PUBLISHED&category=1&cursor={cursor}|status,category
full|admin|/service/kb/suggest?text=reset%20password|text
full|admin|/service/csat?from=2026-01&to=2026-12|from,to
full|admin|/service/calendar?agent=1&team=1&week=2026-W23|agent,team,week
core|anon|/help/search?q=password|q
core|customer|/portal?cursor={cursor}|cursor
full|admin|/admin/products?activeOnly=true&cursor={cursor}|activeOnly,cursor
full|admin|/admin/inbound-mail?status=FAILED&cursor={cursor}|status,cursor
full|admin|/marketing/campaigns?status=DRAFT&cursor={cursor}|status,cursor
full|admin|/marketing/segments?kind=DYNAMIC&cursor={cursor}|kind,cursor
core|admin|/marketing/segments/$SEGMENT?cursor={cursor}|cursor
full|admin|/marketing/forms?cursor={cursor}|cursor
full|admin|/marketing/forms/$FORM_ID?cursor={cursor}|cursor
full|admin|/marketing/scoring?cursor={scorecursor}|cursor
full|admin|/marketing/mailbox?before=10|before
full|admin|/marketing/sequences/$SEQUENCE?after=0|after
core|admin|/analytics/at-risk?cursor={scorecursor}|cursor
core|admin|/reports/customer-revenue?from=2026-01-01&to=2026-12-31&team=1&user=1|from,to,team,user
full|admin|/reports/tickets-by-type.csv?from=2026-01-01&to=2026-12-31&team=1&user=1|from,to,team,user
full|admin|/reports/sales-by-rep-month?from=2026-01-01&to=2026-12-31&team=1&user=1|from,to,team,user
full|admin|/dashboard?from=2026-01-01&to=2026-12-31&team=1&pipeline=1|from,to,team,pipeline
full|admin|/forecast?period=2026-Q4&team=1&rep=1|period,team,rep
full|admin|/quotas?year=2026&type=QUARTER&team=1|year,type,team
full|admin|/partners?period=2026-Q4|period
full|admin|/sales/accounts/$ACCOUNT/purchases?cursor={daycursor}|cursor
core|api|/api/v1/leads?q=Berg&status=NEW&owner=1&source=WEB&cursor={cursor}|q,source,cursor
full|api|/api/v1/leads?q=Berg&status=NEW&owner=1&source=WEB&cursor={cursor}|status,owner
full|api|/api/v1/opportunities?owner=1&team=1&pipeline=1&stage=1&status=OPEN&closeFrom=2026-01-01&closeTo=2026-12-31&cursor={daycursor}|owner,team,pipeline,stage,status,closeFrom,closeTo,cursor
core|api|/api/v1/tickets?status=OPEN&priority=HIGH&type=INCIDENT&queue=1&assignee=1&contact=$CONTACT&account=$ACCOUNT&tag=vip&cursor={cursor}&limit=25|tag,cursor
full|api|/api/v1/tickets?status=OPEN&priority=HIGH&type=INCIDENT&queue=1&assignee=1&contact=$CONTACT&account=$ACCOUNT&tag=vip&cursor={cursor}&limit=25|status,priority,type,queue,assignee,contact,account,limit
core|api|/api/v1/kb/articles?q=password&drafts=false&limit=20|q
full|api|/api/v1/kb/articles?q=password&drafts=false&limit=20|drafts,limit
full|api|/api/v1/kb/suggestions?text=reset%20password&limit=5|text,limit
full|api|/api/v1/campaigns?status=DRAFT&cursor={cursor}|status,cursor
full|api|/api/v1/segments?kind=DYNAMIC&cursor={cursor}|kind,cursor
core|api|/api/v1/segments/$SEGMENT/members?cursor={cursor}|cursor
full|api|/api/v1/forms/$FORM_SLUG/submissions?cursor={cursor}|cursor
full|api|/api/v1/forecast?period=2026-Q4&team=1&rep=1|period,team,rep
EOF
)

findings=0
inconclusive=0
clean=0
n=0
while IFS='|' read -r set who path params; do
  [ -n "$set" ] || continue
  if [ "$SCAN_SET" = core ] && [ "$set" != core ]; then continue; fi
  if [ -n "${ONLY:-}" ] && ! [[ $path =~ $ONLY ]]; then continue; fi
  n=$((n + 1))
  path=${path//\{cursor\}/$CURSOR}
  path=${path//\{daycursor\}/$DAY_CURSOR}
  path=${path//\{scorecursor\}/$SCORE_CURSOR}
  args=(-u "$BASE$path" -p "$params" --batch --dbms=PostgreSQL --level="$LEVEL" --risk="$RISK"
    --technique="$TECHNIQUE"
    --threads="$THREADS" --flush-session --disable-coloring --output-dir="$OUT/sqlmap")
  [[ ,$params, == *,cursor,* ]] && args+=(--base64=cursor --base64-safe)
  case "$who" in
    api) args+=(--auth-type=Basic --auth-cred=admin:demo) ;;
    anon) ;;
    *) args+=(--cookie="SESSION=${COOKIE[$who]}") ;;
  esac
  # The starting request must reach the page (not the sign-in page): else the scan proves nothing.
  case "$who" in
    api) start=$(curl -s -o /dev/null -w '%{http_code}' -u admin:demo "$BASE$path") ;;
    anon) start=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path") ;;
    *) start=$(curl -s -o /dev/null -w '%{http_code}' -b "SESSION=${COOKIE[$who]}" "$BASE$path") ;;
  esac
  log=$OUT/target-$n.log
  started=$(date +%s)
  sqlmap "${args[@]}" >"$log" 2>&1 || true
  took=$(($(date +%s) - started))
  errors=$(grep -A4 'HTTP error codes detected during run' "$log" | grep -oE '[0-9]{3} \([^)]*\) - [0-9]+ times' \
    | paste -sd ',' - || true)
  label="GET ${path%%\?*} [$params] as $who (first answer $start, ${took}s)"
  if grep -q "identified the following injection point" "$log"; then
    findings=$((findings + 1))
    echo "[scan] FINDING        $label — see $log"
    sed -n '/identified the following injection point/,/^---$/p' "$log" | sed 's/^/         /'
  elif grep -q "all tested parameters do not appear to be injectable" "$log" && [[ $start =~ ^(200|302|303|400|404)$ ]]; then
    clean=$((clean + 1))
    echo "[scan] not injectable $label${errors:+ — answers seen: $errors}"
  else
    inconclusive=$((inconclusive + 1))
    echo "[scan] INCONCLUSIVE   $label — $(grep -E '\[(CRITICAL|ERROR)\]' "$log" | tail -1 || true) see $log"
  fi
done <<<"$TARGETS"

echo "[scan] $n targets: $clean not injectable, $findings findings, $inconclusive inconclusive (sqlmap $(sqlmap --version 2>/dev/null | head -1), level $LEVEL, risk $RISK, techniques $TECHNIQUE)"
if [ "$findings" -gt 0 ]; then exit 1; fi
if [ "$inconclusive" -gt 0 ]; then exit 2; fi
