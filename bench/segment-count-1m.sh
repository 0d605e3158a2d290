#!/usr/bin/env bash
# SQL-level benchmark of counting segment members at a million contacts. Builds a scratch database
# from the project's own migrations, fills it with generate_series (1M contacts, 50k accounts,
# 100k scored leads), then runs the statements SegmentService sends for typical segments — the
# WHERE clauses exactly as SegmentCompiler writes them, with the values as parameters — N times
# as prepared statements and prints the median and p99 in milliseconds:
#   - the capped count the segment pages and the editor's live count use (stops at 10,001);
#   - the full count, i.e. the scan a campaign's "insert … select contact_id from (<sql>)" makes.
#
#   bench/segment-count-1m.sh [psql connection options]   e.g. -h 127.0.0.1 -U postgres
# Loading takes a few minutes on 2 cores; leaves the database crm_bench_segments behind for EXPLAIN
# (drop it after). SKIP_LOAD=1 reruns only the timings; RUNS=n sets the repetitions (default 50).
set -euo pipefail
cd "$(dirname "$0")/.."
PSQL=(psql -X -q -v ON_ERROR_STOP=1 "$@")
DB=crm_bench_segments
RUNS=${RUNS:-50}

if [ "${SKIP_LOAD:-0}" != 1 ]; then
"${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
for f in $(ls crm-*/src/main/resources/db/migration/*/V*.sql | sort -t/ -k7); do
  "${PSQL[@]}" -d "$DB" -f "$f"
done

"${PSQL[@]}" -d "$DB" <<'SQL'
insert into users (username, full_name, password_hash, role)
select 'user' || g, 'User ' || g, 'x', 'SALES_REP' from generate_series(1, 50) g;
insert into accounts (name, industry, country, lifecycle_stage, owner_id, created_at)
select 'Company ' || g, (array['Manufacturing','Retail','Healthcare','Finance','Energy','Logistics','Software',
       'Food & Beverage','Media','Automotive'])[1 + g % 10],
       (array['Germany','France','Austria','Italy','Spain','Netherlands','Poland','Sweden'])[1 + g % 8],
       (array['LEAD','CUSTOMER','OPPORTUNITY','CHURNED'])[1 + g % 4], 1 + g % 50, now() - (g || ' minutes')::interval
from generate_series(1, 50000) g;
insert into contacts (account_id, first_name, last_name, email, title, country, lifecycle_stage, owner_id, tags,
                      consent_email, last_activity_at, created_at)
select 1 + g % 50000, 'First' || (g % 997), 'Last' || (g % 1009), 'person' || g || '@company' || (1 + g % 50000) || '.example',
       (array['CEO','CFO','Head of Purchasing','IT Manager','Operations Director','Buyer','Engineer','Sales Director'])[1 + g % 8],
       (array['Germany','France','Austria','Italy','Spain','Netherlands','Poland','Sweden'])[1 + (g / 3) % 8],
       (array['LEAD','CUSTOMER','OPPORTUNITY','SUBSCRIBER','CHURNED'])[1 + g % 5], 1 + g % 50,
       case when g % 20 = 0 then '{newsletter}'::text[] when g % 33 = 0 then '{vip}'::text[]
            when g % 47 = 0 then '{key-account,vip}'::text[] else '{}' end,
       g % 10 < 7, case when g % 6 = 0 then null else now() - ((g % 400) || ' days')::interval end,
       now() - (g || ' seconds')::interval
from generate_series(1, 1000000) g;
-- Leads marketing scored: every tenth contact's e-mail, a few converted (matched by contact id).
insert into scored_leads (lead_id, email, contact_id, score)
select g, 'person' || (g * 10) || '@company' || (1 + (g * 10) % 50000) || '.example',
       case when g % 5 = 0 then g * 10 end, (g * 37) % 120
from generate_series(1, 100000) g;
vacuum analyze;
SQL
fi

bench() { # name, sql (with $1.. params), params...
  local name=$1 sql=$2; shift 2
  local args=""; for p in "$@"; do args+="${args:+, }'$p'"; done
  "${PSQL[@]}" -d "$DB" -At <<SQL | grep -v '^$' | sort -n | awk -v name="$name" '{a[NR]=$1} END {p=int(NR*0.99); if (p<1) p=1; printf "%-46s median %9.3f ms   p99 %9.3f ms   (n=%d)\n", name, a[int((NR+1)/2)], a[p], NR}'
prepare q as $sql;
\o /dev/null
$(for i in $(seq 1 "$RUNS"); do echo "select clock_timestamp() as t0 \\gset"; echo "execute q${args:+($args)};"; echo "\\o"; echo "select extract(epoch from clock_timestamp() - :'t0'::timestamptz) * 1000;"; echo "\\o /dev/null"; done)
SQL
}

# One segment both ways: capped (pages, editor) and full (what a campaign's insert … select scans).
segment() { # name, where, params...
  local name=$1 where=$2; shift 2
  local members="select c.id as contact_id from contacts c where $where"
  echo "  $name: $("${PSQL[@]}" -d "$DB" -At -c "prepare m as select count(*) from ($members) t" \
      -c "execute m$( [ $# -gt 0 ] && { printf '('; first=1; for p in "$@"; do [ $first = 1 ] || printf ', '; printf "'%s'" "$p"; first=0; done; printf ')'; })") members"
  bench "$name (capped)" "select count(*) from ($members limit 10001) t" "$@"
  bench "$name (full)" "select count(*) from ($members) t" "$@"
}

echo "PostgreSQL: $("${PSQL[@]}" -d "$DB" -Atc 'show server_version'); runs per statement: $RUNS"
segment "customers in Germany" \
  "((c.lifecycle_stage in (\$1) and lower(c.country) in (\$2)))" CUSTOMER germany
segment "newsletter opt-ins" \
  "((c.tags && array[\$1]::text[] and c.consent_email = \$2))" newsletter true
segment "key people in industry and energy" \
  "((exists (select 1 from accounts a where a.id = c.account_id and lower(a.industry) in (\$1, \$2)) and (c.tags && array[\$3, \$4]::text[] or c.title ilike \$5)))" \
  manufacturing energy vip key-account '%director%'
segment "dormant customers (no activity in 90 days)" \
  "((c.lifecycle_stage in (\$1) and (c.last_activity_at is null or c.last_activity_at < \$2)))" CUSTOMER "$(date -u -d '90 days ago' '+%Y-%m-%d %H:%M:%S+00')"
segment "lead score at least 50" \
  "((exists (select 1 from scored_leads s where s.contact_id = c.id and s.score >= \$1) or exists (select 1 from scored_leads s where lower(s.email) = lower(c.email) and s.score >= \$2)))" 50 50
