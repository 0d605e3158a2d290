#!/usr/bin/env bash
# Query plans of the search box, the contact list and the manager dashboard's backlog at a million
# contacts with realistic names (issue 19 items 4–6): builds crm_bench_plans from the project's
# migrations with generate_series, then prints EXPLAIN (ANALYZE, BUFFERS) of each statement in the
# shape the application sends it (GlobalSearch, ContactService.list, ServiceTrendQuery), for a rep
# (user1: sees the unowned accounts) and a manager (team North: 10 reps), one line per plan node.
#
#   bench/plans-1m.sh [psql connection options]     e.g. -h 127.0.0.1 -U postgres
# Loading takes a few minutes on 2 cores; SKIP_LOAD=1 reuses the database. CONTACTS (1,000,000),
# ACCOUNTS (50,000), TICKETS (100,000) size it.
set -euo pipefail
cd "$(dirname "$0")/.."
PSQL=(psql -X -q -v ON_ERROR_STOP=1 "$@")
DB=crm_bench_plans
CONTACTS=${CONTACTS:-1000000}
ACCOUNTS=${ACCOUNTS:-50000}
TICKETS=${TICKETS:-100000}

if [ "${SKIP_LOAD:-0}" != 1 ]; then
"${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
# Migrations in version order, whatever module holds them.
for f in $(ls crm-*/src/main/resources/db/migration/*/V*.sql | awk -F/ '{print $NF "\t" $0}' | sort | cut -f2); do
  "${PSQL[@]}" -d "$DB" -f "$f"
done
"${PSQL[@]}" -d "$DB" -v contacts="$CONTACTS" -v accounts="$ACCOUNTS" -v tickets="$TICKETS" <<'SQL'
-- Two teams of 10 reps and a manager each, 30 reps without a team.
insert into teams (name) values ('North'), ('South');
insert into users (username, full_name, password_hash, role, team_id)
select 'user' || g, 'User ' || g, 'x', 'SALES_REP',
       case when g <= 10 then (select id from teams where name = 'North') when g <= 20 then (select id from teams where name = 'South') end
from generate_series(1, 50) g;
insert into users (username, full_name, password_hash, role, team_id)
select 'manager', 'Manager', 'x', 'MANAGER', id from teams where name = 'North';
-- Accounts: owned round-robin by the 50 reps, every 10th unowned.
insert into accounts (name, industry, city, lifecycle_stage, owner_id, created_at)
select (array['Nord','Süd','Alpen','Rhein','Elbe','Main','Hansa','Baltic','Atlas','Orion'])[1 + g % 10] || ' '
       || (array['Systems','Logistik','Foods','Energie','Health','Bau','Werke','Data'])[1 + (g / 10) % 8] || ' ' || g,
       'Industry ' || (g % 20), 'City ' || (g % 300), (array['LEAD','CUSTOMER','OPPORTUNITY','CHURNED'])[1 + g % 4],
       case when g % 10 = 0 then null else (select min(id) from users) + g % 50 end, now() - make_interval(mins => g)
from generate_series(1, :accounts) g;
-- Contacts with real first and last names (Schmidt, Müller, …; a skewed pick), 2% without account.
insert into contacts (account_id, first_name, last_name, email, phone, lifecycle_stage, owner_id, created_at)
select case when g % 50 = 0 then null else (select min(id) from accounts) + g % :accounts end,
       (array['Anna','Ben','Clara','David','Eva','Felix','Greta','Hugo','Ida','Jonas','Lena','Max','Mia','Noah','Paul',
              'Sophie','Tim','Laura','Lukas','Marie','Jan','Sarah','Tom','Julia','Leon','Emma','Finn','Hannah','Elias','Lea'])[1 + (g * 7) % 30],
       (array['Müller','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Becker','Schulz','Hoffmann','Schäfer',
              'Koch','Bauer','Richter','Klein','Wolf','Schröder','Neumann','Schwarz','Zimmermann','Braun','Krüger',
              'Hofmann','Hartmann','Lange','Schmitt','Werner','Schmitz','Krause','Meier','Lehmann','Schmid','Schulze',
              'Maier','Köhler','Herrmann','König','Walter','Mayer','Huber','Kaiser','Fuchs','Peters','Lang','Scholz',
              'Möller','Weiß','Jung','Hahn','Schubert','Vogel','Friedrich','Keller','Günther','Frank','Berger',
              'Winkler','Roth','Beck','Lorenz','Baumann','Franke','Albrecht','Schuster','Simon','Ludwig','Böhm',
              'Winter','Kraus','Martin','Schumacher','Krämer','Vogt','Stein','Jäger','Otto','Sommer','Groß',
              'Seidel','Heinrich','Brandt','Haas','Schreiber','Graf','Schulte','Dietrich','Ziegler','Kuhn','Kühn',
              'Pohl','Engel','Horn','Busch','Bergmann','Thomas','Voigt','Sauer','Arnold','Wolff','Pfeiffer'])
         [1 + floor(100 * power(((g * 2654435761::bigint) % 1000003) / 1000003.0, 1.6))::int],
       'person' || g || '@company' || (g % :accounts) || '.example', '+49 30 ' || (1000000 + g),
       (array['LEAD','CUSTOMER','OPPORTUNITY','SUBSCRIBER'])[1 + g % 4],
       case when g % 50 = 0 then (select min(id) from users) + g % 50 end, now() - make_interval(secs => g)
from generate_series(1, :contacts) g;
-- Tickets: a quarter open, spread over two years, on contacts and their accounts.
insert into tickets (number, subject, type, priority, status, channel, contact_id, account_id, opened_at, resolved_at,
                     closed_at, queue_sort_at)
select 'B-' || g, 'Bench ticket ' || g, (array['INCIDENT','COMPLAINT','SERVICE_REQUEST'])[1 + g % 3], 'NORMAL',
       (array['OPEN','RESOLVED','CLOSED','NEW','PENDING_CUSTOMER','ON_HOLD'])[1 + g % 6], 'PHONE', c.id, c.account_id,
       now() - make_interval(hours => g % 17000),
       case when g % 6 in (1, 2) then now() - make_interval(hours => g % 17000) + make_interval(hours => 1 + g % 200) end,
       case when g % 6 = 2 then now() - make_interval(hours => g % 17000) + make_interval(hours => 2 + g % 200) end,
       now() + make_interval(hours => g % 500)
from generate_series(1, :tickets) g join contacts c on c.id = (select min(id) from contacts) + (g * 9) % :contacts;
vacuum analyze;
SQL
fi
"${PSQL[@]}" -d "$DB" -Atc "select format('%s contacts, %s accounts, %s tickets', (select count(*) from contacts), (select count(*) from accounts), (select count(*) from tickets))"

# Visibility as AccountAccess.restrictContacts writes it, for alias $1 and rep|manager.
vis() {
  local a=$1 owner="(OWNER is null or OWNER = $REP)" team=""
  if [ "$2" = manager ]; then
    owner="(OWNER is null or OWNER = $MANAGER or OWNER in (select vu.id from users vu where vu.team_id = $TEAM))"
    team=" or exists (select 1 from accounts xa join users vu on vu.id = xa.owner_id where xa.id = $a.account_id and vu.team_id = $TEAM)"
  fi
  local me=$REP; [ "$2" = manager ] && me=$MANAGER
  echo "(case when $a.account_id is null then ${owner//OWNER/$a.owner_id} else exists (select 1 from accounts xa where xa.id = $a.account_id and xa.owner_id is null) or exists (select 1 from accounts xa where xa.id = $a.account_id and xa.owner_id = $me)$team end)"
}
REP=$("${PSQL[@]}" -d "$DB" -Atc "select id from users where username = 'user1'")
MANAGER=$("${PSQL[@]}" -d "$DB" -Atc "select id from users where username = 'manager'")
TEAM=$("${PSQL[@]}" -d "$DB" -Atc "select team_id from users where username = 'manager'")
explain() { # title, sql
  echo "== $1"
  "${PSQL[@]}" -d "$DB" -At <<SQL | grep -E 'Scan|Limit|Aggregate|actual rows|Buffers|Removed|Execution' | head -40
set plan_cache_mode = force_custom_plan;
select set_config('pg_trgm.similarity_threshold', '0.5', false), set_config('pg_trgm.word_similarity_threshold', '0.5', false) \g /dev/null
explain (analyze, buffers, costs off, timing off) $2
SQL
}
for who in rep manager; do
  explain "search words 'Schmidt' as $who" "with hits as materialized (
      select c.id, c.sort_name from contacts c where c.search @@ to_tsquery('simple', 'schmidt:*') and $(vis c $who) limit 500)
    select c.id, c.first_name || ' ' || c.last_name, concat_ws(' · ', c.email, a.name)
    from (select id, sort_name from hits order by sort_name, id limit 10) h
    join contacts c on c.id = h.id left join accounts a on a.id = c.account_id order by h.sort_name, h.id"
  explain "search misspelling 'Shmidt' as $who" "select c.id, c.first_name || ' ' || c.last_name, concat_ws(' · ', c.email, a.name)
    from ((select n.id from contacts n where n.full_name %> 'shmidt' and n.id <> all('{}'::bigint[]) and $(vis n $who) limit 200)
          union
          (select e.id from contacts e where strpos('shmidt', '@') > 0 and lower(e.email) % 'shmidt'
             and e.id <> all('{}'::bigint[]) and $(vis e $who) limit 200)) k
    join contacts c on c.id = k.id left join accounts a on a.id = c.account_id
    order by greatest(word_similarity('shmidt', c.full_name), similarity(lower(c.email), 'shmidt')) desc, c.id limit 10"
  explain "contact list capped count as $who" "select count(*) from (select 1 from contacts c where $(vis c $who) limit 10001) t"
  explain "contact list first page as $who" "select c.id, a.name, u.full_name from contacts c
    left join accounts a on a.id = c.account_id left join users u on u.id = c.owner_id
    where $(vis c $who) order by c.sort_name, c.id limit 26"
done
# The backlog's ticket reads as ServiceTrendQuery.backlogAndSla sends them (SLA columns left out).
read -r -d '' BACKLOG <<'SQL' || true
with periods as (
  select g::date as period_start, greatest(g, timestamp '2026-06-06') as s, least(g + interval '1 week', timestamp '2026-12-07') as e
  from generate_series(date_trunc('week', timestamp '2026-06-06'), timestamp '2026-12-06', interval '1 week') g
), bounds as (
  select p.period_start, p.s at time zone 'Europe/Berlin' as st, p.e at time zone 'Europe/Berlin' as et from periods p
), range as (
  select min(st) as st, max(et) as et, min(period_start) as first_period,
         min(period_start)::timestamp at time zone 'Europe/Berlin' as ft from bounds
), recent as materialized (
  select date_trunc('week', t.opened_at at time zone 'Europe/Berlin') as opened_bucket, least(t.resolved_at, t.closed_at) as ended_at
  from tickets t where t.opened_at >= (select ft from range) and t.opened_at < (select et from range) TEAM
), earlier as materialized (
  select null::timestamptz as ended_at from tickets t
  where t.opened_at < (select ft from range) and t.resolved_at is null and t.closed_at is null TEAM
  union all
  select least(t.resolved_at, t.closed_at) from tickets t
  where t.opened_at < (select ft from range) and least(t.resolved_at, t.closed_at) >= (select ft from range) TEAM
), moves as (
  select opened_bucket as bucket, 1 as d from recent
  union all select date_trunc('week', ended_at at time zone 'Europe/Berlin'), -1 from recent where ended_at < (select et from range)
  union all select date_trunc('week', ended_at at time zone 'Europe/Berlin'), -1 from earlier where ended_at < (select et from range)
), per_period as (select bucket, sum(d) as delta from moves group by bucket)
select b.period_start, ((select count(*) from earlier)
  + (select coalesce(sum(delta), 0) from per_period where bucket < (select first_period from range))
  + sum(coalesce(m.delta, 0)) over (order by b.period_start))::bigint as open_at_end
from bounds b left join per_period m on m.bucket = b.period_start order by b.period_start
SQL
TEAM_CONDITION="and (t.assignee_id in (select tu.id from users tu where tu.team_id = $TEAM) or t.account_id in (select ta.id from accounts ta join users tau on tau.id = ta.owner_id where tau.team_id = $TEAM))"
explain "dashboard backlog, 2026-06-06..2026-12-06 by week, team North" "${BACKLOG//TEAM/$TEAM_CONDITION}"
explain "dashboard backlog, 2026-06-06..2026-12-06 by week, all teams" "${BACKLOG//TEAM/}"
