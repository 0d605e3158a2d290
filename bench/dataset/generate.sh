#!/usr/bin/env bash
# One data set for every module at once (issue 14): >= 100,000 accounts, 1,000,000 contacts, 200,000 leads,
# 300,000 deals with stage history and ~480,000 line items, 500,000 tickets with 2,000,000 messages, 5,000,000 timeline entries,
# 50 campaigns with 2,000,000 sends and 300,000 tasks, with a few huge accounts and real names of eight
# languages; generated inside PostgreSQL by bench/dataset/generate.sql from SEED.
#
#   bench/dataset/generate.sh -h 127.0.0.1 -U postgres
#   knobs: SCALE=1 (0.01 for a 10k-contact copy), SEED=42, BENCH_DB=crm_bench_all, SKIP_BUILD=1 (reuse the
#          class path), SKIP_LOAD=1 (only print what is there)
#
# Steps: a fresh BENCH_DB; the application starts on it once (Flyway builds the schema from the modules'
# migrations, the demo company and its users come in, password "demo"), stops; generate.sql adds the bulk
# rows (secondary indexes dropped while loading and rebuilt after), then VACUUM ANALYZE.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/app.sh
. bench/load/common.sh
PSQL=(psql -X -q -v ON_ERROR_STOP=1 "$@")
pg_target "$@"
SCALE=${SCALE:-1}
SEED=${SEED:-42}
n() { awk -v s="$SCALE" -v n="$1" 'BEGIN { v = int(n * s); if (v < 1) v = 1; print v }'; }

if [ "${SKIP_LOAD:-0}" != 1 ]; then
  echo "[generate] $(date -u '+%F %T') UTC, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  CP=$(bench_classpath)
  LOG=$(mktemp -t crm-bench-generate.XXXXXX.log)
  "${PSQL[@]}" -d postgres -c "drop database if exists $BENCH_DB with (force)" -c "create database $BENCH_DB"
  echo "[generate] schema and demo company: starting the app once (log $LOG)"
  bench_app_start "$CP" "$LOG" true
  app_stop "$APP_STARTED"
  started=$(date +%s)
  "${PSQL[@]}" -d "$BENCH_DB" -v seed="$SEED" -v accounts="$(n 100000)" -v contacts="$(n 1000000)" -v leads="$(n 200000)" \
    -v deals="$(n 300000)" -v tickets="$(n 500000)" -v messages="$(n 2000000)" -v entries="$(n 5000000)" \
    -v campaigns=50 -v sends="$(n 2000000)" -v tasks="$(n 300000)" -f bench/dataset/generate.sql 2>&1 \
    | grep -v '^psql:.*NOTICE:  index\|^DETAIL:  drop cascades\|^drop cascades\|NOTICE:  drop cascades'
  echo "[generate] generated in $(( $(date +%s) - started )) s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
"${PSQL[@]}" -d "$BENCH_DB" -At <<'SQL'
select format('[generate] %s accounts, %s contacts, %s leads, %s deals (%s stage changes, %s line items), %s tickets (%s messages), %s timeline entries, %s campaigns (%s sends), %s tasks; database %s',
  (select count(*) from accounts), (select count(*) from contacts), (select count(*) from leads),
  (select count(*) from opportunities), (select count(*) from opportunity_stage_history),
  (select count(*) from opportunity_line_items), (select count(*) from tickets),
  (select count(*) from ticket_messages), (select count(*) from interactions), (select count(*) from campaigns),
  (select count(*) from email_sends), (select count(*) from tasks), pg_size_pretty(pg_database_size(current_database())));
-- What the roll-ups the triggers keep must hold, from the rows themselves.
create temporary view bench_pending (due_hour, day, assignee_team_id, owner_team_id, first_response, resolution) as
select due_hour, day, at, ot, sum(fr)::bigint, sum(res)::bigint
from (
  select date_trunc('hour', t.first_response_due_at, 'UTC') as due_hour, (t.opened_at at time zone 'UTC')::date as day,
         coalesce(ua.team_id, 0) as at, coalesce(uo.team_id, 0) as ot, 1 as fr, 0 as res
  from tickets t left join users ua on ua.id = t.assignee_id
  left join accounts a on a.id = t.account_id left join users uo on uo.id = a.owner_id
  where t.first_response_due_at is not null and t.first_responded_at is null
  union all
  select date_trunc('hour', t.resolution_due_at, 'UTC'), (t.opened_at at time zone 'UTC')::date,
         coalesce(ua.team_id, 0), coalesce(uo.team_id, 0), 0, 1
  from tickets t left join users ua on ua.id = t.assignee_id
  left join accounts a on a.id = t.account_id left join users uo on uo.id = a.owner_id
  where t.resolution_due_at is not null and t.resolved_at is null
) p
group by 1, 2, 3, 4;
create temporary view bench_csat (day, agent_team_id, owner_team_id, surveys, responses, rating_sum) as
select (s.resolved_at at time zone 'UTC')::date, coalesce(ua.team_id, 0), coalesce(uo.team_id, 0), count(*),
       count(s.rating), coalesce(sum(s.rating), 0)
from csat_surveys s left join users ua on ua.id = s.agent_id
left join accounts a on a.id = s.account_id left join users uo on uo.id = a.owner_id
group by 1, 2, 3;
select format('[generate] contacts whose access_owner_id is not what contacts_access_owner() writes: %s (must be 0)', count(*))
from contacts c left join accounts a on a.id = c.account_id
where c.access_owner_id is distinct from case when c.account_id is null then c.owner_id else a.owner_id end;
select format('[generate] ticket_sla_pending rows not what the pending tickets add up to: %s (must be 0)', count(*))
from ((select due_hour, day, assignee_team_id, owner_team_id, first_response, resolution from ticket_sla_pending
       except all
       select * from bench_pending)
      union all
      (select * from bench_pending
       except all
       select due_hour, day, assignee_team_id, owner_team_id, first_response, resolution from ticket_sla_pending)) d;
create temporary view bench_pending_minutes (due_minute, day, assignee_team_id, owner_team_id, first_response, resolution) as
select due_minute, day, at, ot, sum(fr)::bigint, sum(res)::bigint
from (
  select date_trunc('minute', t.first_response_due_at, 'UTC') as due_minute, (t.opened_at at time zone 'UTC')::date as day,
         coalesce(ua.team_id, 0) as at, coalesce(uo.team_id, 0) as ot, 1 as fr, 0 as res
  from tickets t left join users ua on ua.id = t.assignee_id
  left join accounts a on a.id = t.account_id left join users uo on uo.id = a.owner_id
  where t.first_response_due_at is not null and t.first_responded_at is null
  union all
  select date_trunc('minute', t.resolution_due_at, 'UTC'), (t.opened_at at time zone 'UTC')::date,
         coalesce(ua.team_id, 0), coalesce(uo.team_id, 0), 0, 1
  from tickets t left join users ua on ua.id = t.assignee_id
  left join accounts a on a.id = t.account_id left join users uo on uo.id = a.owner_id
  where t.resolution_due_at is not null and t.resolved_at is null
) p
group by 1, 2, 3, 4;
select format('[generate] ticket_sla_pending_minutes rows not what the pending tickets add up to: %s (must be 0)', count(*))
from ((select due_minute, day, assignee_team_id, owner_team_id, first_response, resolution from ticket_sla_pending_minutes
       except all
       select * from bench_pending_minutes)
      union all
      (select * from bench_pending_minutes
       except all
       select due_minute, day, assignee_team_id, owner_team_id, first_response, resolution from ticket_sla_pending_minutes)) d;
select format('[generate] csat_day_stats rows not what the surveys add up to: %s (must be 0)', count(*))
from ((select day, agent_team_id, owner_team_id, surveys, responses, rating_sum from csat_day_stats
       where surveys <> 0 or responses <> 0 or rating_sum <> 0
       except all
       select * from bench_csat)
      union all
      (select * from bench_csat
       except all
       select day, agent_team_id, owner_team_id, surveys, responses, rating_sum from csat_day_stats)) d;
select format('[generate] contact_search_words rows not what contacts_search_words() writes: %s (must be 0)', count(*))
from ((select s.id, coalesce(c.access_owner_id, 0), c.sort_name, c.id
       from contacts c cross join unnest(tsvector_to_array(c.search)) w join search_words s on s.word = w
       except all select word_id, owner_key, sort_name, contact_id from contact_search_words)
      union all
      (select word_id, owner_key, sort_name, contact_id from contact_search_words
       except all select s.id, coalesce(c.access_owner_id, 0), c.sort_name, c.id
       from contacts c cross join unnest(tsvector_to_array(c.search)) w join search_words s on s.word = w)) x;
select format('[generate] account_search_words rows not what accounts_search_words() writes: %s (must be 0)', count(*))
from ((select s.id, coalesce(a.owner_id, 0), a.sort_name, a.id
       from accounts a cross join unnest(tsvector_to_array(a.search)) w join account_words s on s.word = w
       except all select word_id, owner_key, sort_name, account_id from account_search_words)
      union all
      (select word_id, owner_key, sort_name, account_id from account_search_words
       except all select s.id, coalesce(a.owner_id, 0), a.sort_name, a.id
       from accounts a cross join unnest(tsvector_to_array(a.search)) w join account_words s on s.word = w)) x;
select format('[generate] deal_search_words rows not what opportunities_search_words() writes: %s (must be 0)', count(*))
from ((select s.id, o.owner_id, o.close_date, o.id
       from opportunities o join accounts a on a.id = o.account_id
       cross join unnest(deal_search_words_of(o.name, a.sort_name)) w join deal_words s on s.word = w
       except all select word_id, owner_id, close_date, deal_id from deal_search_words)
      union all
      (select word_id, owner_id, close_date, deal_id from deal_search_words
       except all select s.id, o.owner_id, o.close_date, o.id
       from opportunities o join accounts a on a.id = o.account_id
       cross join unnest(deal_search_words_of(o.name, a.sort_name)) w join deal_words s on s.word = w)) x;
select format('[generate] lead_search_words rows not what leads_search_words() writes: %s (must be 0)', count(*))
from ((select s.id, coalesce(l.owner_id, 0), l.created_at, l.id
       from leads l cross join unnest(tsvector_to_array(l.search)) w join lead_words s on s.word = w
       except all select word_id, owner_key, created_at, lead_id from lead_search_words)
      union all
      (select word_id, owner_key, created_at, lead_id from lead_search_words
       except all select s.id, coalesce(l.owner_id, 0), l.created_at, l.id
       from leads l cross join unnest(tsvector_to_array(l.search)) w join lead_words s on s.word = w)) x;
select format('[generate] accounts whose account_ticket_stats differ from their tickets: %s (must be 0)', count(*))
from (select account_id, count(*) filter (where status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD')) as open,
             count(*) filter (where type = 'COMPLAINT') as complaints, count(*) as total
      from tickets where account_id is not null group by 1) t
full join account_ticket_stats s using (account_id)
where (t.open, t.complaints, t.total) is distinct from (s.open, s.complaints, s.total);
select format('[generate] account_deal_totals rows that differ from the deals: %s (must be 0)', count(*))
from (select account_id, owner_id, currency, status, account_deal_won_year(status, closed_at, close_date) as won_year,
             count(*) as deals, sum(amount) as amount
      from opportunities where status in ('OPEN', 'WON') group by 1, 2, 3, 4, 5) o
full join account_deal_totals t using (account_id, owner_id, currency, status, won_year)
where (o.deals, o.amount) is distinct from (t.deals, t.amount);
select format('[generate] account_products rows that differ from the won deals'' line items: %s (must be 0)', count(*))
from (select o.account_id, l.product_id, count(*) as lines
      from opportunities o join opportunity_line_items l on l.opportunity_id = o.id
      where o.status = 'WON' group by 1, 2) o
full join account_products t using (account_id, product_id)
where o.lines is distinct from t.lines;
create temporary view bench_closed (owner_id, team_id, grain, period, currency, status, deals, amount, cycle_seconds) as
select coalesce(o.owner_id, 0), coalesce(u.team_id, 0), g.grain, g.period, o.currency, o.status, 1,
       coalesce(o.amount, 0), extract(epoch from (o.closed_at - o.created_at))
from opportunities o left join users u on u.id = o.owner_id
cross join lateral (values ('day', (o.closed_at at time zone 'UTC')::date),
                           ('month', date_trunc('month', (o.closed_at at time zone 'UTC')::date)::date)) g (grain, period)
where o.status in ('WON', 'LOST') and o.closed_at is not null;
select format('[generate] opportunity_closed_stats rows that differ from the closed deals: %s (must be 0)', count(*))
from (select owner_id, grain, period, currency, status, sum(deals) as deals, sum(amount) as amount,
             sum(cycle_seconds) as cycle_seconds
      from bench_closed group by 1, 2, 3, 4, 5) d
full join (select * from opportunity_closed_stats where deals <> 0 or amount <> 0 or cycle_seconds <> 0) s
  using (owner_id, grain, period, currency, status)
where (d.deals, d.amount, d.cycle_seconds) is distinct from (s.deals, s.amount, s.cycle_seconds);
select format('[generate] opportunity_closed_team_stats rows that differ from the closed deals: %s (must be 0)', count(*))
from (select grain, period, team_id, status, sum(deals) as deals from bench_closed group by 1, 2, 3, 4) d
full join (select * from opportunity_closed_team_stats where deals <> 0) s using (grain, period, team_id, status)
where d.deals is distinct from s.deals;
select format('[generate] opportunity_stage_totals rows that differ from the deals: %s (must be 0)', count(*))
from (select stage_id, owner_id, pipeline_id, currency, count(*) as deals, sum(amount) as amount
      from opportunities group by 1, 2, 3, 4) d
full join (select * from opportunity_stage_totals where deals <> 0 or amount <> 0) s using (stage_id, owner_id, pipeline_id, currency)
where (d.deals, d.amount) is distinct from (s.deals, s.amount);
select format('[generate] largest account %s (%s): %s contacts', a.id, a.name, c.n)
from (select account_id, count(*) as n from contacts where account_id is not null group by 1 order by 2 desc limit 1) c
join accounts a on a.id = c.account_id;
SQL
