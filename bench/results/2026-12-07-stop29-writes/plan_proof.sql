\set QUIET on
\pset pager off
load 'auto_explain';
set auto_explain.log_min_duration = -1;
set auto_explain.log_nested_statements = on;
set auto_explain.log_analyze = on;
set auto_explain.log_buffers = on;
set auto_explain.log_timing = off;
analyze ticket_day_stats; analyze ticket_open_totals; analyze ticket_sla_pending; analyze ticket_sla_pending_minutes;
select relname, relpages, reltuples from pg_class where relname in ('ticket_day_stats','ticket_sla_pending','ticket_sla_pending_minutes','ticket_open_totals') order by 1;
create temp table pair_ms (phase text, ms numeric);
create or replace function pg_temp.pairs(phase text, n int) returns void language plpgsql as $$
declare
  t timestamptz := '2026-12-07 10:17:00+00';
  plus ticket_trend_change := row(1, 3, 4, t, null, t + interval '2 hours', null, t + interval '2 days', null);
  minus ticket_trend_change := row(-1, 3, 4, t, null, t + interval '2 hours', null, t + interval '2 days', null);
  started timestamptz;
begin
  for i in 1..n loop
    started := clock_timestamp();
    perform ticket_trend_fold(array[plus]);
    perform ticket_trend_fold(array[minus]);
    insert into pair_ms values (phase, extract(epoch from clock_timestamp() - started) * 1000);
  end loop;
end $$;
\echo '== phase 1: 10 add+take-away pairs while the roll-up tables are empty (analyzed empty)'
select pg_temp.pairs('1 empty', 10);
\echo '== explained pair, phase 1'
set auto_explain.log_min_duration = 0;
set client_min_messages = log;
select pg_temp.pairs('explained', 1);
set auto_explain.log_min_duration = -1;
set client_min_messages = notice;
\echo '== filling the roll-up tables from another connection, no analyze'
\! psql -h 127.0.0.1 -U postgres -d crm_writes_plan -q -c "insert into ticket_sla_pending select h, (h at time zone 'UTC')::date, a, o, 1, 1 from generate_series(timestamptz '2024-01-01', '2026-12-31', '1 hour') h, generate_series(100, 119) a, generate_series(100, 109) o" -c "insert into ticket_sla_pending_minutes select m, (m at time zone 'UTC')::date, a, o, 1, 1 from generate_series(timestamptz '2026-01-01', '2026-12-31', '5 minutes') m, generate_series(100, 104) a, generate_series(100, 102) o" -c "insert into ticket_day_stats select d, a, o, 1, 1, 1, 1, 1, 1 from generate_series(date '2000-01-01', '2026-12-31', '1 day') d, generate_series(100, 119) a, generate_series(100, 109) o"
\! psql -h 127.0.0.1 -U postgres -d crm_writes_plan -Atc "select relname, pg_size_pretty(pg_relation_size(oid)), relpages, reltuples, (select count(*) from ticket_sla_pending) from pg_class where relname = 'ticket_sla_pending'"
\echo '== phase 2: same connection, 200 pairs on the filled tables (no analyze yet)'
select pg_temp.pairs('2 filled, not analyzed', 200);
\echo '== explained pair, phase 2'
set auto_explain.log_min_duration = 0;
set client_min_messages = log;
select pg_temp.pairs('explained', 1);
set auto_explain.log_min_duration = -1;
set client_min_messages = notice;
\! psql -h 127.0.0.1 -U postgres -d crm_writes_plan -q -c "analyze ticket_day_stats" -c "analyze ticket_sla_pending" -c "analyze ticket_sla_pending_minutes"
\echo '== phase 3: same connection, 200 pairs after analyze'
select pg_temp.pairs('3 filled, analyzed', 200);
select phase, count(*), round(percentile_cont(0.5) within group (order by ms)::numeric, 3) as median_ms, round(max(ms), 3) as max_ms
from pair_ms group by phase order by phase;
\echo '== explained pair, phase 3'
set auto_explain.log_min_duration = 0;
set client_min_messages = log;
select pg_temp.pairs('explained', 1);
set auto_explain.log_min_duration = -1;
set client_min_messages = notice;
