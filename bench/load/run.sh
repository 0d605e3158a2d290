#!/usr/bin/env bash
# Load benchmark of the hot pages on the all-modules data set (issue 14): the application against
# PostgreSQL's own limit on the same statements.
#
#   bench/load/run.sh -h 127.0.0.1 -U postgres
#   knobs: CONCURRENCY='1 8 32' DURATION=20 (seconds per page and concurrency) PG_DURATION=10 WARMUP=3
#          WARMUP_MIXED=60 (seconds of every page at once, one user each, as mixed traffic) WARMUP_PASSES=3 (then
#          passes over every page, WARMUP s each at 8 users), before anything is timed: on 2 cores the JIT settles
#          only after ~10 minutes of all pages (bench/results/2026-12-07-stop31.md); the "JIT CPU ms" column says
#          how far from it each window was
#          SESSIONS=4 (signed-in sessions per user) PAGES='account-largest search-words …' (default: all)
#          APP_JVM_OPTS='-XX:…' (more options for the application's JVM) REPEAT=3 (captures per page)
#          SKIP_BUILD=1 BENCH_DB=crm_bench_all BENCH_TEMPLATE=… (BENCH_DB dropped and copied from this data set
#          first: the POSTs of a run change the data — "next ticket" claims the agent's queue — so runs compared
#          start from the same rows) OUT=target dir (default
#          crm-web/target/bench-load/<time>) JFR=1 (record a JFR file of the whole run,
#          stacks JFR_STACKDEPTH=1024 deep: Spring's request stacks pass JFR's default 64; JFR_SETTINGS=a .jfc file,
#          e.g. with a 1 ms jdk.ExecutionSample period, default profile; read it with bench/load/JfrPages.java) CAPTURE_ONLY=1 (stop
#          after counting the statements: compare data sizes) GATLING=1 RATE=2 GATLING_SECONDS=60 (step 5)
#
# Needs the data set of bench/dataset/generate.sh, wrk (Debian: apt-get install wrk) and pgbench.
# Steps:
#  1. starts the application on BENCH_DB (1 GiB heap, background jobs parked), signs in SESSIONS sessions of
#     rep, agent, manager and marketer, looks up the pages' ids (largest and a typical account of rep's, a
#     deep contact-list cursor, a segment);
#  2. capture: log_statement = 'all' on BENCH_DB, the app's connections renewed, each page requested
#     REPEAT times between markers; capture.py turns the log into one pgbench script per page (the page's
#     statements with their parameters) and counts them; logging back off;
#  3. app: per page and concurrency, wrk (closed loop, DURATION s, sessions round robin: wrk.lua) -
#     requests/s, p50/p95/p99, errors, the JVM's CPU time per request (/proc utime+stime) and the CPU time
#     of the JIT's compiler threads in the window (how far from steady state the window was);
#  4. PostgreSQL alone: per page and concurrency, pgbench replays the page's statements (page sets/s), with
#     the app idle (bench/load/replay.sh, which also runs alone on a run's output);
#  5. heap after the run (jcmd GC.heap_info), load average before and after; a Markdown table
#     (report.py) to OUT/results.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/app.sh
. bench/load/common.sh
PSQL=(psql -X -q -v ON_ERROR_STOP=1 "$@")
pg_target "$@"
CONCURRENCY=${CONCURRENCY:-1 8 32}
DURATION=${DURATION:-20}
PG_DURATION=${PG_DURATION:-10}
WARMUP=${WARMUP:-3}
WARMUP_PASSES=${WARMUP_PASSES:-3}
WARMUP_MIXED=${WARMUP_MIXED:-60}
SESSIONS=${SESSIONS:-4}
REPEAT=${REPEAT:-3}
OUT=${OUT:-$PWD/crm-web/target/bench-load/$(date -u +%Y%m%dT%H%M%S)}
mkdir -p "$OUT"
PGLOG=${PGLOG:-/var/log/postgresql/postgresql-15-main.log}
RESULTS="$OUT/results.jsonl"
: >"$RESULTS"
q() { "${PSQL[@]}" -d "$BENCH_DB" -Atc "$1"; }

if [ -n "${BENCH_TEMPLATE:-}" ]; then
  [ "$BENCH_TEMPLATE" != "$BENCH_DB" ] || { echo "BENCH_TEMPLATE must differ from BENCH_DB" >&2; exit 1; }
  echo "[load] $BENCH_DB copied from $BENCH_TEMPLATE"
  "${PSQL[@]}" -d postgres -c "drop database if exists $BENCH_DB" \
    -c "create database $BENCH_DB template $BENCH_TEMPLATE strategy file_copy"
fi

echo "[load] $(date -u '+%F %T') UTC; load average before: $(cut -d' ' -f1-3 /proc/loadavg); output $OUT"
echo "{\"kind\":\"meta\",\"start\":\"$(date -u '+%F %T')\",\"load_before\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"cores\":$(nproc),\"command\":\"$0 $*\",\"concurrency\":\"$CONCURRENCY\",\"duration\":$DURATION,\"pg_duration\":$PG_DURATION,\"commit\":\"$(git rev-parse --short HEAD)\",\"data\":\"$(q "select format('%s accounts, %s contacts, %s leads, %s deals, %s tickets, %s ticket messages, %s timeline entries, %s campaign sends', (select count(*) from accounts), (select count(*) from contacts), (select count(*) from leads), (select count(*) from opportunities), (select count(*) from tickets), (select count(*) from ticket_messages), (select count(*) from interactions), (select count(*) from email_sends))")\"}" >>"$RESULTS"

CP=$(bench_classpath)
LOG="$OUT/app.log"
JVM_OPTS=()
# APP_JVM_OPTS: more options for the application's JVM (space-separated), e.g. '-XX:-UseCodeCacheFlushing'.
read -ra EXTRA_JVM_OPTS <<<"${APP_JVM_OPTS:-}"
JVM_OPTS+=("${EXTRA_JVM_OPTS[@]}")
[ "${JFR:-0}" = 1 ] && JVM_OPTS+=("-XX:FlightRecorderOptions=stackdepth=${JFR_STACKDEPTH:-1024}"
  "-XX:StartFlightRecording=filename=$OUT/run.jfr,settings=${JFR_SETTINGS:-profile}")
trap 'app_stop "${APP_STARTED:-}"' EXIT
bench_app_start "$CP" "$LOG" false "${JVM_OPTS[@]}"
JVM=$(bench_jvm_pid)

# Sessions: SESSIONS sign-ins per user, each line "SESSION=…<TAB>csrf" (the token of that session).
for user in rep agent manager marketer; do
  : >"$OUT/sessions-$user.txt"
  for i in $(seq 1 "$SESSIONS"); do
    jar="$OUT/jar-$user-$i"
    app_login "$BENCH_BASE" "$user" "$jar"
    token=$(csrf_of "$BENCH_BASE" / "$jar")
    cookie=$(awk '$6 == "SESSION" { print "SESSION=" $7 }' "$jar")
    [ -n "$cookie" ] || { echo "sign-in of $user failed" >&2; exit 1; }
    printf '%s\t%s\n' "$cookie" "$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$token")" \
      >>"$OUT/sessions-$user.txt"
  done
done

# The pages' ids.
REP=$(q "select id from users where username = 'rep'")
LARGEST=$(q "select account_id from contacts where account_id is not null group by 1 order by count(*) desc limit 1")
TYPICAL=$(q "select a.id from accounts a where a.owner_id = $REP and a.id <> $LARGEST
             and (select count(*) from contacts c where c.account_id = a.id) between 5 and 12 order by a.id limit 1")
DEEP=$(q "select id || ':' || sort_name from contacts order by sort_name, id offset (select count(*) / 2 from contacts) limit 1")
CURSOR=$(python3 -c 'import base64, sys; print(base64.urlsafe_b64encode(("n:" + sys.argv[1]).encode()).decode().rstrip("="))' "$DEEP")
SEGMENT=$(q "select min(id) from segments where kind = 'DYNAMIC'")
# name|user|method|path
ALL_PAGES="account-largest|rep|GET|/accounts/$LARGEST
account-typical|rep|GET|/accounts/$TYPICAL
contacts-first|rep|GET|/contacts
contacts-deep|rep|GET|/contacts?cursor=$CURSOR
search-words|rep|GET|/search?q=Schmidt
search-misspelt|rep|GET|/search?q=Shmidt
queue|agent|GET|/service/queue
queue-next|agent|POST|/service/queue/next
board|manager|GET|/opportunities/board
my-day|rep|GET|/my-day
forecast|manager|GET|/forecast
dashboard|manager|GET|/dashboard
report|manager|GET|/reports/sales-by-rep-month
segment-count|marketer|GET|/marketing/segments/$SEGMENT/count
layout-only|rep|GET|/me/password"
if [ -n "${PAGES:-}" ]; then
  ALL_PAGES=$(echo "$ALL_PAGES" | awk -F'|' -v want=" $PAGES " 'index(want, " " $1 " ")')
fi
echo "$ALL_PAGES" >"$OUT/pages.txt"
echo "[load] largest account $LARGEST, typical account $TYPICAL, deep cursor at '${DEEP#*:}', segment $SEGMENT"

# One request as curl would send it: prints the status.
one() { # user method path
  local cookie csrf
  IFS=$'\t' read -r cookie csrf <"$OUT/sessions-$1.txt"
  if [ "$2" = POST ]; then
    curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" --data "_csrf=$csrf" "$BENCH_BASE$3"
  else
    curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$BENCH_BASE$3"
  fi
}
renew_connections() {
  q "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = '$BENCH_DB' and application_name = '$BENCH_APP_NAME'" >/dev/null
  sleep 1
  for _ in 1 2 3 4 5 6 7 8 9 10; do curl -s -o /dev/null "$BENCH_BASE/login"; done
}

# The agent's queue as it was before any run: the unassigned NEW and OPEN tickets of the agent's queues (kept once
# per database in bench_agent_queue). "Next ticket" claims them at hundreds a second, and the 3,745 of the 1M data
# set would be gone within the warm-up, so every later window would time an empty queue; refill_queue gives them
# back (assignee and status; the roll-ups follow through their triggers) before the capture and before each queue
# window, and queue_claimed says how many a window took (all of them: the queue ran dry during the window).
q "create table if not exists bench_agent_queue as
   select t.id, t.status from tickets t
   where t.assignee_id is null and t.status in ('NEW', 'OPEN')
     and t.queue_id in (select m.queue_id from service_queue_members m join users u on u.id = m.user_id
                        where u.username = 'agent')" >/dev/null
QUEUE_SIZE=$(q "select count(*) from bench_agent_queue")
refill_queue() {
  q "update tickets t set assignee_id = null, status = s.status from bench_agent_queue s
     where t.id = s.id and (t.assignee_id is not null or t.status <> s.status)" >/dev/null
}
queue_claimed() { q "select count(*) from bench_agent_queue s join tickets t on t.id = s.id where t.assignee_id is not null"; }
refill_queue
echo "[load] the agent's queue: $QUEUE_SIZE unassigned tickets"

# 2. Capture.
while IFS='|' read -r name user method path; do
  status=$(one "$user" "$method" "$path")
  echo "[load] warm-up $name ($user $method $path): $status"
done <<<"$ALL_PAGES"
q "alter database $BENCH_DB set log_statement = 'all'" >/dev/null
renew_connections
OFFSET=$(stat -c %s "$PGLOG")
for n in $(seq 1 "$REPEAT"); do
  while IFS='|' read -r name user method path; do
    q "select 'crm-bench-mark begin $name $n'" >/dev/null
    one "$user" "$method" "$path" >/dev/null
    q "select 'crm-bench-mark end $name $n'" >/dev/null
  done <<<"$ALL_PAGES"
done
q "alter database $BENCH_DB reset log_statement" >/dev/null
renew_connections
mkdir -p "$OUT/sql"
python3 bench/load/capture.py "$PGLOG" "$OFFSET" "$BENCH_DB" "$OUT/sql"
# Each script must replay cleanly once before it is a baseline.
while IFS='|' read -r name user method path; do
  if ! pgbench -n -M simple -c 1 -t 1 -f "$OUT/sql/$name.sql" -h "$HOST" -U "$DBUSER" "$BENCH_DB" >"$OUT/sql/$name.check" 2>&1; then
    echo "[load] replay of $name fails: $(grep -m1 -i error "$OUT/sql/$name.check")" >&2
  fi
done <<<"$ALL_PAGES"

if [ "${CAPTURE_ONLY:-0}" = 1 ]; then
  cp "$OUT/sql/statements.json" "$OUT/statements.json"
  echo "[load] capture only: $OUT/statements.json; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

# Waits (up to 60 s) until the app answers the sign-in page within 200 ms: requests wrk gave up on (its
# 10 s timeout) are still being served, and would otherwise be counted against the next page.
drain() {
  for _ in $(seq 1 60); do
    t=$(curl -s -o /dev/null -w '%{time_total}' "$BENCH_BASE/login" || echo 9)
    awk -v t="$t" 'BEGIN { exit !(t < 0.2) }' && return 0
    sleep 1
  done
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$JVM/stat"; }
TICK=$(getconf CLK_TCK)

# CPU seconds of the JIT's compiler threads so far (/proc; jstat's compile time is elapsed time, which on a busy
# machine is mostly waiting for a core).
jit_seconds() {
  local t comm
  for t in /proc/"$JVM"/task/*; do
    read -r comm <"$t/comm" 2>/dev/null || continue
    case $comm in C1\ CompilerThre* | C2\ CompilerThre*) awk '{ print $14 + $15 }' "$t/stat" 2>/dev/null ;; esac
  done | awk -v tick="$TICK" '{ s += $1 } END { printf "%.2f", s / tick }'
}
# The compiler threads' CPU since an earlier jit_seconds, in seconds (jit_since T) or milliseconds (jit_since T ms).
jit_since() {
  awk -v a="$1" -v b="$(jit_seconds)" -v ms="${2:-}" 'BEGIN { if (ms) printf "%d", (b - a) * 1000; else printf "%.1f", b - a }'
}

# 3. The application under wrk; first every page at once for WARMUP_MIXED s, then WARMUP_PASSES passes over every
# page, so that fewer windows are timed while the JIT still compiles what the pages share.
if [ "$WARMUP_MIXED" -gt 0 ]; then
  jit_before=$(jit_seconds)
  mixed=()
  while IFS='|' read -r name user method path; do
    wrk -t1 -c1 -d"${WARMUP_MIXED}s" -s bench/load/wrk.lua "$BENCH_BASE$path" -- "$OUT/sessions-$user.txt" "$method" >/dev/null &
    mixed+=($!)
  done <<<"$ALL_PAGES"
  wait "${mixed[@]}"  # not the app, also a child of this shell
  drain
  echo "[load] warm-up, every page at once for $WARMUP_MIXED s: JIT compiler threads $(jit_since "$jit_before") s CPU"
fi
for pass in $(seq 1 "$WARMUP_PASSES"); do
  jit_before=$(jit_seconds)
  while IFS='|' read -r name user method path; do
    wrk -t2 -c8 -d"${WARMUP}s" -s bench/load/wrk.lua "$BENCH_BASE$path" -- "$OUT/sessions-$user.txt" "$method" >/dev/null
  done <<<"$ALL_PAGES"
  drain
  echo "[load] warm-up pass $pass: JIT compiler threads $(jit_since "$jit_before") s CPU"
done
for c in $CONCURRENCY; do
  while IFS='|' read -r name user method path; do
    t=$((c < 2 ? 1 : 2))
    case $name in queue*) refill_queue ;; esac
    before=$(cpu_ticks)
    jit_before=$(jit_seconds)
    started=$(date -u '+%FT%T.%3NZ')
    line=$(wrk -t$t -c"$c" -d"${DURATION}s" --timeout 10s -s bench/load/wrk.lua "$BENCH_BASE$path" -- \
      "$OUT/sessions-$user.txt" "$method" | sed -n 's/^WRK //p')
    after=$(cpu_ticks)
    jit_ms=$(jit_since "$jit_before" ms)
    drain
    claimed=null
    [ "$name" = queue-next ] && claimed=$(queue_claimed)
    echo "{\"kind\":\"app\",\"page\":\"$name\",\"user\":\"$user\",\"path\":\"$method $path\",\"c\":$c,\"start\":\"$started\",\"seconds\":$DURATION,\"cpu_ms\":$(( (after - before) * 1000 / TICK )),\"jit_ms\":$jit_ms,\"claimed\":$claimed,\"queue_size\":$QUEUE_SIZE,\"wrk\":$line,\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >>"$RESULTS"
    echo "[load] app $name c=$c: $line"
  done <<<"$ALL_PAGES"
done

# 4. PostgreSQL alone on the same statements (the app idle).
CONCURRENCY="$CONCURRENCY" PG_DURATION="$PG_DURATION" bench/load/replay.sh "$OUT" "$@"

# 5. Gatling's open model (GATLING=1): every page at RATE new requests/s at once for GATLING_SECONDS.
if [ "${GATLING:-0}" = 1 ]; then
  echo "[load] gatling: ${RATE:-2} requests/s per page for ${GATLING_SECONDS:-60} s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  ./mvnw -q -B -ntp -f bench/gatling/pom.xml gatling:test -Dsessions="$OUT" -Dbase="$BENCH_BASE" -Drate="${RATE:-2}" \
    -Dseconds="${GATLING_SECONDS:-60}" >"$OUT/gatling.log" 2>&1 || echo "[load] gatling run failed or had errors, see $OUT/gatling.log"
  report=$(ls -td bench/gatling/target/gatling/*/ 2>/dev/null | head -1 || true)
  if [ -n "$report" ]; then
    cp -r "$report" "$OUT/gatling"
    echo "{\"kind\":\"gatling\",\"rate\":${RATE:-2},\"seconds\":${GATLING_SECONDS:-60},\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >>"$RESULTS"
  fi
fi
jcmd "$JVM" GC.heap_info >"$OUT/heap.txt" 2>&1 || true
echo "{\"kind\":\"heap\",\"text\":$(python3 -c 'import json, sys; print(json.dumps(open(sys.argv[1]).read()))' "$OUT/heap.txt")}" >>"$RESULTS"
cp "$OUT/sql/statements.json" "$OUT/statements.json"
echo "{\"kind\":\"end\",\"end\":\"$(date -u '+%F %T')\",\"load_after\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >>"$RESULTS"
python3 bench/load/report.py "$OUT" >"$OUT/results.md"
cat "$OUT/results.md"
echo "[load] load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
