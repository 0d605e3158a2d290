#!/usr/bin/env bash
# SQL-level benchmark of the contact list, search and timeline statements at a million contacts.
# Builds a scratch database from the project's own migrations, fills it with generate_series
# (1M contacts, 50k accounts, 5M timeline entries), then runs each statement the pages send
# (same SQL shape as ContactService / GlobalSearch / TimelineService) N times as prepared
# statements and prints the median and p99 in milliseconds.
#
#   bench/list-pages-1m.sh [psql connection options]   e.g. -h 127.0.0.1 -U postgres
# Loading takes ~10 minutes on 2 cores; leaves the database crm_bench behind for EXPLAIN (drop it
# after). SKIP_LOAD=1 reruns only the timings on an existing crm_bench.
set -euo pipefail
cd "$(dirname "$0")/.."
PSQL=(psql -X -q -v ON_ERROR_STOP=1 "$@")
DB=crm_bench
RUNS=${RUNS:-200}

if [ "${SKIP_LOAD:-0}" != 1 ]; then
"${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
for f in $(ls crm-*/src/main/resources/db/migration/*/V*.sql | sort -t/ -k7); do
  "${PSQL[@]}" -d "$DB" -f "$f"
done

"${PSQL[@]}" -d "$DB" <<'SQL'
insert into users (username, full_name, password_hash, role)
select 'user' || g, 'User ' || g, 'x', 'SALES_REP' from generate_series(1, 50) g;
insert into accounts (name, domain, industry, city, lifecycle_stage, owner_id, tags, created_at)
select 'Company ' || g || ' ' || (array['Systems','Logistics','Foods','Energy','Health'])[1 + g % 5],
       'company' || g || '.example', 'Industry ' || (g % 20), 'City ' || (g % 300),
       (array['LEAD','CUSTOMER','OPPORTUNITY','CHURNED'])[1 + g % 4], 1 + g % 50,
       case when g % 10 = 0 then '{vip}'::text[] else '{}' end, now() - (g || ' minutes')::interval
from generate_series(1, 50000) g;
insert into contacts (account_id, first_name, last_name, email, phone, lifecycle_stage, owner_id, tags, created_at)
select 1 + g % 50000,
       (array['Anna','Ben','Clara','David','Eva','Felix','Greta','Hugo','Ida','Jonas'])[1 + g % 10] || (g % 997),
       (array['Muller','Schmidt','Weber','Meyer','Wagner','Becker','Brown','Smith','Rossi','Novak'])[1 + (g / 10) % 10] || (g % 1009),
       'person' || g || '@company' || (1 + g % 50000) || '.example', '+49 30 ' || (1000000 + g),
       (array['LEAD','CUSTOMER','OPPORTUNITY','SUBSCRIBER'])[1 + g % 4], 1 + g % 50,
       case when g % 20 = 0 then '{newsletter}'::text[] else '{}' end, now() - (g || ' seconds')::interval
from generate_series(1, 1000000) g;
insert into interactions (kind, occurred_at, account_id, contact_id, subject, source_module)
select (array['CALL','EMAIL','MEETING','NOTE'])[1 + g % 4], now() - ((g * 7) || ' seconds')::interval,
       1 + (g % 1000000) % 50000, 1 + g % 1000000, 'Entry ' || g, 'core'
from generate_series(1, 5000000) g;
vacuum analyze;
SQL
fi

bench() { # name, sql (with $1.. params), params...
  local name=$1 sql=$2; shift 2
  local args=""; for p in "$@"; do args+="${args:+, }'$p'"; done
  "${PSQL[@]}" -d "$DB" -At <<SQL | grep -v '^$' | sort -n | awk -v name="$name" '{a[NR]=$1} END {p=int(NR*0.99); if (p<1) p=1; printf "%-38s median %8.3f ms   p99 %8.3f ms   (n=%d)\n", name, a[int((NR+1)/2)], a[p], NR}'
${PRE:-}
prepare q as $sql;
\o /dev/null
$(for i in $(seq 1 "$RUNS"); do echo "select clock_timestamp() as t0 \\gset"; echo "execute q${args:+($args)};"; echo "\\o"; echo "select extract(epoch from clock_timestamp() - :'t0'::timestamptz) * 1000;"; echo "\\o /dev/null"; done)
SQL
}

echo "PostgreSQL: $("${PSQL[@]}" -d "$DB" -Atc 'show server_version'); runs per statement: $RUNS"
bench "contacts: first page by name" \
  "select c.id, c.first_name, c.last_name, a.name from contacts c left join accounts a on a.id = c.account_id left join users u on u.id = c.owner_id order by c.sort_name, c.id limit 26"
bench "contacts: deep page by name (keyset)" \
  "select c.id, c.first_name, c.last_name, a.name from contacts c left join accounts a on a.id = c.account_id left join users u on u.id = c.owner_id where (c.sort_name, c.id) > (\$1, \$2) order by c.sort_name, c.id limit 26" \
  "wagner900 hugo500" 950000
bench "contacts: capped count, no filter" \
  "select count(*) from (select 1 from contacts c limit 10001) t"
bench "contacts: owner + stage filter" \
  "select c.id from contacts c where c.owner_id = \$1 and c.lifecycle_stage = \$2 order by c.sort_name, c.id limit 26" 7 CUSTOMER
bench "contacts: text prefix filter" \
  "select c.id from contacts c where c.search @@ to_tsquery('simple', \$1) order by c.sort_name, c.id limit 26" "greta7:* & weber1:*"
bench "search: words (full text, prefix)" \
  "select c.id from contacts c left join accounts a on a.id = c.account_id where c.search @@ to_tsquery('simple', \$1) order by c.sort_name, c.id limit 20" "anna5:* & brown12:*"
PRE="set plan_cache_mode = force_custom_plan; set pg_trgm.similarity_threshold = 0.5;" bench "search: misspelling top-up (trgm 0.5)" \
  "select c.id from contacts c left join accounts a on a.id = c.account_id where (c.full_name % \$1 or lower(c.email) % \$1) order by greatest(similarity(c.full_name, \$1), similarity(lower(c.email), \$1)) desc, c.id limit 20" "greta7 webr100"
PRE="set plan_cache_mode = force_custom_plan;" bench "search: trigram at pg_trgm default 0.3" \
  "select c.id from contacts c where c.full_name % \$1 order by similarity(c.full_name, \$1) desc, c.id limit 20" "greta7 webr100"
bench "lookup: phone digits" \
  "select id from contacts where phone_digits(phone) = \$1 or phone_digits(mobile) = \$1 order by id limit 1" "49301500000"
bench "timeline: account, newest 21" \
  "select i.id, i.subject from interactions i where i.account_id = \$1 order by i.occurred_at desc, i.id desc limit 21" 1234
