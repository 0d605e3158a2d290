#!/usr/bin/env bash
# Page-level benchmark of the single-customer dashboard (360° view): p50/p99 of GET /accounts/{id}
# for one heavy account (10,000 timeline entries, 200 opportunities, 500 tickets) inside a large
# data set, through the running application (real HTTP, security, sessions in PostgreSQL, templates).
#
#   bench/dashboard-heavy-account.sh [psql connection options]     e.g. -h 127.0.0.1 -U postgres
#
# Steps: (1) a fresh database crm_bench_dashboard; (2) the app starts on it once with demo data (Flyway
# builds the schema, demo users get password "demo"); (3) bulk rows by generate_series — CONTACTS
# contacts (default 200,000), ACCOUNTS accounts (20,000), ENTRIES timeline entries (1,000,000), TICKETS
# tickets (100,000), DEALS opportunities (50,000) — plus the heavy account; (4) signs in as USER
# (default rep, who owns the heavy account) and times N requests (default 300) after WARMUP (50) with
# curl's time_total; prints p50/p90/p99/max in ms and the page's size. SKIP_LOAD=1 reuses the database.
# PAGES='/accounts/{heavy} /service/queue …' times several pages in one run (see the end of the script).
# The app is started with ./mvnw spring-boot:run on PORT (default 18081) and stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/app.sh
PSQL=(psql -X -q -v ON_ERROR_STOP=1 "$@")
DB=crm_bench_dashboard
pg_target "$@"
PORT=${PORT:-18081}
N=${N:-300}
WARMUP=${WARMUP:-50}
USER_NAME=${BENCH_USER:-rep}
CONTACTS=${CONTACTS:-200000}
ACCOUNTS=${ACCOUNTS:-20000}
ENTRIES=${ENTRIES:-1000000}
TICKETS=${TICKETS:-100000}
DEALS=${DEALS:-50000}
BASE="http://127.0.0.1:$PORT"
LOG=$(mktemp -t crm-bench-app.XXXXXX.log)
JAR_PID=

start_app() {
  # In its own process group (setsid), so stopping it stops the forked application JVM too.
  setsid ./mvnw -q -B -ntp -pl crm-web -am spring-boot:run \
    -Dspring-boot.run.arguments="--server.port=$PORT --spring.datasource.url=jdbc:postgresql://$HOST:5432/$DB --spring.datasource.username=$DBUSER --spring.datasource.password=${PGPASSWORD:-} --crm.demo-data.enabled=true --crm.marketing.scheduler.enabled=false --crm.service.mail.scheduler-enabled=false --crm.tasks.reminders.enabled=false" \
    >"$LOG" 2>&1 &
  JAR_PID=$!
  app_wait "$BASE" "$JAR_PID" "$LOG" 240
}

stop_app() {
  app_stop "$JAR_PID"
  JAR_PID=
}
trap stop_app EXIT

if [ "${SKIP_LOAD:-0}" != 1 ]; then
  "${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
  echo "[bench] schema and demo data: starting the app once"
  start_app
  stop_app
  echo "[bench] loading $CONTACTS contacts, $ACCOUNTS accounts, $ENTRIES timeline entries, $TICKETS tickets, $DEALS deals"
  "${PSQL[@]}" -d "$DB" \
    -v contacts="$CONTACTS" -v accounts="$ACCOUNTS" -v entries="$ENTRIES" -v tickets="$TICKETS" -v deals="$DEALS" <<'SQL'
select id as rep from users where username = 'rep' \gset
select id as rep2 from users where username = 'rep2' \gset
select min(s.id) as open_stage, min(s.pipeline_id) as pipeline from pipeline_stages s join pipelines p on p.id = s.pipeline_id
  where p.is_default and s.kind = 'OPEN' \gset
select min(s.id) as won_stage from pipeline_stages s join pipelines p on p.id = s.pipeline_id
  where p.is_default and s.kind = 'WON' \gset
select max(id) as first_account from accounts \gset
select max(id) as first_contact from contacts \gset
insert into accounts (name, industry, city, lifecycle_stage, owner_id, phone, created_at)
select 'Bench Company ' || g, 'Industry ' || (g % 20), 'City ' || (g % 300),
       (array['LEAD','CUSTOMER','OPPORTUNITY','CHURNED'])[1 + g % 4],
       case g % 3 when 0 then :rep when 1 then :rep2 end, '+49 40 ' || (2000000 + g), now() - make_interval(mins => g)
from generate_series(1, :accounts) g;
insert into contacts (account_id, first_name, last_name, email, phone, lifecycle_stage, owner_id, created_at)
select :first_account + 1 + g % :accounts, 'First' || (g % 997), 'Last' || (g % 1009),
       'bench' || g || '@company' || (g % :accounts) || '.example', '+49 30 ' || (1000000 + g),
       (array['LEAD','CUSTOMER','OPPORTUNITY','SUBSCRIBER'])[1 + g % 4],
       case g % 3 when 0 then :rep when 1 then :rep2 end, now() - make_interval(secs => g)
from generate_series(1, :contacts) g;
insert into interactions (kind, occurred_at, account_id, contact_id, subject, source_module)
select (array['CALL','EMAIL','MEETING','NOTE'])[1 + g % 4], now() - make_interval(secs => g * 7),
       :first_account + 1 + (g % :contacts) % :accounts, :first_contact + 1 + g % :contacts, 'Entry ' || g, 'core'
from generate_series(1, :entries) g;
insert into tickets (number, subject, type, priority, status, channel, contact_id, account_id, opened_at, queue_sort_at)
select 'B-' || g, 'Bench ticket ' || g, (array['INCIDENT','COMPLAINT','SERVICE_REQUEST'])[1 + g % 3], 'NORMAL',
       (array['OPEN','RESOLVED','CLOSED','NEW'])[1 + g % 4], 'PHONE', :first_contact + 1 + g % :contacts,
       :first_account + 1 + (g % :contacts) % :accounts, now() - make_interval(hours => g % 5000),
       now() + make_interval(hours => g % 500)
from generate_series(1, :tickets) g;
insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date, closed_at,
                           owner_id, forecast_category)
select 'Bench deal ' || g, :first_account + 1 + g % :accounts, :pipeline,
       case when g % 4 = 0 then :won_stage else :open_stage end, case when g % 4 = 0 then 'WON' else 'OPEN' end,
       1000 + g % 9000, case when g % 5 = 0 then 'USD' else 'EUR' end, current_date + (g % 120) - 60,
       case when g % 4 = 0 then now() - make_interval(days => g % 700) end,
       case g % 2 when 0 then :rep else :rep2 end, 'PIPELINE'
from generate_series(1, :deals) g;
-- The heavy account: owned by rep, 10,000 timeline entries, 200 deals, 500 tickets, one contact.
insert into accounts (name, lifecycle_stage, owner_id, phone) values ('Heavy Bench Account', 'CUSTOMER', :rep, '+49 40 9999999');
select id as heavy from accounts where name = 'Heavy Bench Account' \gset
insert into contacts (account_id, first_name, last_name, email, phone, lifecycle_stage, owner_id)
values (:heavy, 'Hedda', 'Heavy', 'hedda@heavy.example', '+49 40 9999998', 'CUSTOMER', :rep);
select id as heavy_contact from contacts where email = 'hedda@heavy.example' \gset
insert into interactions (kind, occurred_at, account_id, contact_id, subject, source_module)
select (array['CALL','EMAIL','MEETING','NOTE'])[1 + g % 4], now() - make_interval(mins => g), :heavy, :heavy_contact,
       'Heavy entry ' || g, 'core'
from generate_series(1, 10000) g;
insert into opportunities (name, account_id, primary_contact_id, pipeline_id, stage_id, status, amount, currency,
                           close_date, closed_at, owner_id, forecast_category)
select 'Heavy deal ' || g, :heavy, :heavy_contact, :pipeline, case when g % 3 = 0 then :won_stage else :open_stage end,
       case when g % 3 = 0 then 'WON' else 'OPEN' end, 100 + g, case when g % 2 = 0 then 'EUR' else 'USD' end,
       current_date + (g % 60), case when g % 3 = 0 then now() - make_interval(days => g) end, :rep, 'PIPELINE'
from generate_series(1, 200) g;
insert into tickets (number, subject, type, priority, status, channel, contact_id, account_id, opened_at, queue_sort_at)
select 'H-' || g, 'Heavy ticket ' || g, case when g % 5 = 0 then 'COMPLAINT' else 'INCIDENT' end, 'NORMAL',
       case when g % 2 = 0 then 'OPEN' else 'RESOLVED' end, 'PHONE', :heavy_contact, :heavy, now(),
       now() + make_interval(hours => g)
from generate_series(1, 500) g;
vacuum analyze;
SQL
fi

HEAVY=$("${PSQL[@]}" -d "$DB" -Atc "select id from accounts where name = 'Heavy Bench Account'")
echo "[bench] $("${PSQL[@]}" -d "$DB" -Atc "select format('%s contacts, %s accounts, %s timeline entries, %s tickets, %s deals', (select count(*) from contacts), (select count(*) from accounts), (select count(*) from interactions), (select count(*) from tickets), (select count(*) from opportunities))")"
echo "[bench] heavy account $HEAVY: $("${PSQL[@]}" -d "$DB" -Atc "select format('%s timeline entries, %s deals, %s tickets', (select count(*) from interactions where account_id = $HEAVY), (select count(*) from opportunities where account_id = $HEAVY), (select count(*) from tickets where account_id = $HEAVY))")"

start_app
JAR=$(mktemp -t crm-bench-cookies.XXXXXX)
app_login "$BASE" "$USER_NAME" "$JAR"
HEAVY_CONTACT=$("${PSQL[@]}" -d "$DB" -Atc "select id from contacts where email = 'hedda@heavy.example'")
# Each page: warm-up, then N timed requests. {heavy} and {heavy_contact} stand for the heavy account and its contact.
time_page() {
  local path=${1//\{heavy\}/$HEAVY}
  path=${path//\{heavy_contact\}/$HEAVY_CONTACT}
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" "$BASE$path")
  case "$status" in 200|302|303) ;; *) echo "GET $path as $USER_NAME answered $status" >&2; exit 1 ;; esac
  for _ in $(seq 1 "$WARMUP"); do curl -fs -o /dev/null -b "$JAR" "$BASE$path"; done
  local times
  times=$(mktemp -t crm-bench-times.XXXXXX)
  for _ in $(seq 1 "$N"); do
    curl -fs -o /dev/null -b "$JAR" -w '%{time_total} %{size_download}\n' "$BASE$path" >>"$times"
  done
  sort -n "$times" | awk -v user="$USER_NAME" -v page="$1" '
    { t[NR] = $1 * 1000; size = $2 }
    END {
      p50 = t[int((NR + 1) / 2)]; p90 = t[int(NR * 0.90)]; p99 = t[int(NR * 0.99)]; max = t[NR]
      printf "[bench] GET %s as %s, %d requests after warm-up: p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms  (%d bytes)\n", page, user, NR, p50, p90, p99, max, size
    }'
  rm -f "$times"
}
# PAGES: space-separated paths, default the account dashboard; e.g. for an agent
# PAGES='/accounts/{heavy} /contacts/{heavy_contact} /service/queue /search?q=Heavy'
set -f # the paths hold '?' and must not be globbed
DEFAULT_PAGES='/accounts/{heavy}'
for page in ${PAGES:-$DEFAULT_PAGES}; do
  time_page "$page"
done
rm -f "$JAR"
