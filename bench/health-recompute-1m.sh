#!/usr/bin/env bash
# SQL-level benchmark of the customer-health recompute at a million accounts. Builds a scratch database
# from the project's own migrations and fills it with generate_series (ACCOUNTS accounts, default
# 1,000,000; per account on average 2 contacts, 1 won deal, 0.5 tickets with some SLA breaches, 3 calls on the
# timeline, 2 marketing e-mails), then times what one recompute batch of 1,000 accounts sends — the four
# signal statements exactly as PurchaseSignals, ServiceSignals, EngagementSignals and ConversationSignals
# write them, and the batch upsert — each RUNS times as a prepared statement over a different batch, and
# prints the median and p99 in milliseconds and the full pass they add up to (batches × medians).
#
#   bench/health-recompute-1m.sh [psql connection options]   e.g. -h 127.0.0.1 -U postgres
# Leaves the database crm_bench_health behind for EXPLAIN (drop it after). SKIP_LOAD=1 reruns only the
# timings; RUNS=n sets the repetitions (default 30); ACCOUNTS=n the size.
set -euo pipefail
cd "$(dirname "$0")/.."
PSQL=(psql -X -q -v ON_ERROR_STOP=1 "$@")
DB=crm_bench_health
RUNS=${RUNS:-30}
ACCOUNTS=${ACCOUNTS:-1000000}
BATCH=1000

if [ "${SKIP_LOAD:-0}" != 1 ]; then
"${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
for f in $(ls crm-*/src/main/resources/db/migration/*/V*.sql | sort -t/ -k7); do
  "${PSQL[@]}" -d "$DB" -f "$f"
done

"${PSQL[@]}" -d "$DB" -v n="$ACCOUNTS" <<'SQL'
insert into users (username, full_name, password_hash, role)
select 'user' || g, 'User ' || g, 'x', 'SALES_REP' from generate_series(1, 50) g;
insert into accounts (name, lifecycle_stage, owner_id)
select 'Company ' || g, 'CUSTOMER', 1 + g % 50 from generate_series(1, :n) g;
insert into contacts (account_id, first_name, last_name, lifecycle_stage)
select 1 + g % :n, 'First' || g, 'Last' || g, 'CUSTOMER' from generate_series(1, 2 * :n) g;
insert into pipelines (name, is_default) values ('Bench', true);
insert into pipeline_stages (pipeline_id, name, position, probability, kind)
values (1, 'Won', 1, 100, 'WON'), (1, 'Open', 2, 50, 'OPEN');
insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date, owner_id,
                           forecast_category, closed_at)
select 'Deal ' || g, 1 + (g * 7) % :n, 1, case when g % 3 = 0 then 2 else 1 end,
       case when g % 3 = 0 then 'OPEN' else 'WON' end, 1000 + g % 50000, 'EUR', current_date - (g % 900),
       1 + g % 50, 'CLOSED', case when g % 3 <> 0 then now() - ((g % 900) || ' days')::interval end
from generate_series(1, (3 * :n) / 2) g;
insert into tickets (number, subject, type, priority, status, channel, account_id, opened_at, queue_sort_at)
select 'B-' || g, 'Ticket', (array['COMPLAINT','INCIDENT','SERVICE_REQUEST','INFORMATION_REQUEST'])[1 + g % 4],
       'NORMAL', (array['OPEN','RESOLVED','CLOSED','NEW'])[1 + (g / 4) % 4], 'EMAIL', 1 + (g * 13) % :n,
       now() - ((g % 300) || ' days')::interval, now()
from generate_series(1, :n / 2) g;
insert into sla_events (ticket_id, metric, kind, due_at, occurred_at)
select id, 'RESOLUTION', 'BREACH', opened_at, opened_at + interval '1 day' from tickets where id % 5 = 0;
insert into interactions (kind, occurred_at, account_id, subject, source_module)
select (array['CALL','EMAIL','MEETING','NOTE'])[1 + g % 4], now() - ((g % 400) || ' days')::interval,
       1 + (g * 3) % :n, 'Touch', 'core'
from generate_series(1, 3 * :n) g;
insert into email_templates (name, subject, html_body, text_body) values ('Bench', 'Hi', '<p>Hi</p>', 'Hi');
insert into campaigns (name, type, status, template_id) values ('Bench', 'EMAIL', 'SENT', 1);
insert into email_sends (campaign_id, template_id, contact_id, email, message_id, status, sent_at, opened_at, clicked_at)
select 1, 1, g, 'c' || g || '@example.com', '<m' || g || '@bench>', 'SENT', now() - ((g % 200) || ' days')::interval,
       case when g % 3 = 0 then now() - ((g % 180) || ' days')::interval end,
       case when g % 9 = 0 then now() - ((g % 180) || ' days')::interval end
from generate_series(1, 2 * :n) g;
vacuum analyze;
SQL
fi

bench() { # name, sql with $1 = the batch's ids as bigint[] (a different batch each run)
  local name=$1 sql=$2
  "${PSQL[@]}" -d "$DB" -At <<SQL | grep -v '^$' | sort -n | awk -v name="$name" '{a[NR]=$1} END {p=int(NR*0.99); if (p<1) p=1; printf "%-28s median %9.3f ms   p99 %9.3f ms   (n=%d)\n", name, a[int((NR+1)/2)], a[p], NR}'
prepare q(bigint[]) as $sql;
\o /dev/null
$(for i in $(seq 1 "$RUNS"); do
  from=$(( (i * 7919 * BATCH) % (ACCOUNTS - BATCH) + 1 ))
  echo "select clock_timestamp() as t0 \\gset"
  echo "execute q('{$(seq -s, "$from" $((from + BATCH - 1)))}');"
  echo "\\o"; echo "select extract(epoch from clock_timestamp() - :'t0'::timestamptz) * 1000;"; echo "\\o /dev/null"
done)
SQL
}

echo "PostgreSQL: $("${PSQL[@]}" -d "$DB" -Atc 'show server_version'); accounts: $ACCOUNTS; batch: $BATCH; runs: $RUNS"
{
bench "sales (purchases)" "select o.account_id, max(coalesce((o.closed_at at time zone 'UTC')::date, o.close_date)),
  count(*), coalesce(sum(o.amount) filter (where o.currency = 'EUR'), 0)
  from opportunities o where o.account_id = any(\$1) and o.status = 'WON' group by o.account_id"
bench "service (complaints, SLA)" "select t.account_id,
  count(*) filter (where t.type = 'COMPLAINT' and t.status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD')),
  coalesce(sum((select count(*) from sla_events e where e.ticket_id = t.id and e.kind = 'BREACH'
                and e.occurred_at >= now() - interval '90 days')), 0)
  from tickets t where t.account_id = any(\$1) group by t.account_id"
bench "marketing (engagement)" "select c.account_id, coalesce(sum(m.opens), 0), coalesce(sum(m.clicks), 0), coalesce(sum(f.forms), 0)
  from contacts c
  left join lateral (select count(*) filter (where o.opened_at >= now() - interval '90 days') as opens,
                            count(*) filter (where o.clicked_at >= now() - interval '90 days') as clicks
                     from email_sends o where o.contact_id = c.id and o.sent_at is not null) m on true
  left join lateral (select count(*) as forms from form_submissions s
                     where s.contact_id = c.id and s.submitted_at >= now() - interval '90 days') f on true
  where c.account_id = any(\$1) group by c.account_id
  having coalesce(sum(m.opens), 0) + coalesce(sum(m.clicks), 0) + coalesce(sum(f.forms), 0) > 0"
bench "core (conversations)" "select i.account_id, count(*) filter (where i.occurred_at >= now() - interval '90 days'),
  count(*) filter (where i.occurred_at < now() - interval '90 days')
  from interactions i where i.account_id = any(\$1) and i.occurred_at >= now() - interval '180 days'
  and i.occurred_at <= now() and i.kind in ('CALL', 'EMAIL', 'MEETING') group by i.account_id"
bench "upsert (1,000 scores)" "insert into customer_health (account_id, score, band, rfm_segment, recency_days, frequency,
  monetary, factors, computed_at)
  select u.id, 55, 'WATCH', 'LOST', 400, 2, 1234.50, '[{\"code\":\"base\",\"points\":50,\"detail\":\"x\"},{\"code\":\"recency\",\"points\":5,\"detail\":\"y\"}]'::jsonb, now()
  from unnest(\$1) as u(id) join accounts a on a.id = u.id order by u.id
  on conflict (account_id) do update set
    previous_score = case when customer_health.score <> excluded.score then customer_health.score
                          else customer_health.previous_score end,
    score = excluded.score, band = excluded.band, rfm_segment = excluded.rfm_segment,
    recency_days = excluded.recency_days, frequency = excluded.frequency, monetary = excluded.monetary,
    factors = excluded.factors, computed_at = excluded.computed_at"
} | tee /tmp/crm-bench-health.txt
awk -v batches=$(( ACCOUNTS / BATCH )) '{for (i=1;i<=NF;i++) if ($i=="median") s+=$(i+1)} END {printf "one batch (5 statements) %.1f ms  →  full pass of %d batches ≈ %.1f s of SQL (plus scoring in Java)\n", s, batches, s*batches/1000}' /tmp/crm-bench-health.txt
