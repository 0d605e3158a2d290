-- Contrast: the same minutes fold with its delete as a plain PL/pgSQL statement (plan kept, not EXECUTE)
\set QUIET on
drop table if exists m2;
create table m2 (like ticket_sla_pending_minutes including all);
create or replace function m2_fold(changes ticket_trend_change[]) returns void language plpgsql as $$
declare
  emptied_minutes timestamptz[]; emptied_days date[]; emptied_a bigint[]; emptied_o bigint[];
begin
  with folded as (
    insert into m2 as s (due_minute, day, assignee_team_id, owner_team_id, first_response, resolution)
    select date_trunc('minute', resolution_due_at, 'UTC'), (opened_at at time zone 'UTC')::date, assignee_team_id,
           owner_team_id, 0, sum(sign)
    from unnest(changes) where resolution_due_at is not null and resolved_at is null
    group by 1, 2, 3, 4 having sum(sign) <> 0
    on conflict (due_minute, day, assignee_team_id, owner_team_id) do update
      set first_response = s.first_response + excluded.first_response, resolution = s.resolution + excluded.resolution
    returning s.*)
  select array_agg(due_minute), array_agg(day), array_agg(assignee_team_id), array_agg(owner_team_id)
  into emptied_minutes, emptied_days, emptied_a, emptied_o from folded where first_response = 0 and resolution = 0;
  if emptied_minutes is not null then
    delete from m2 s using unnest(emptied_minutes, emptied_days, emptied_a, emptied_o) k (due_minute, day, a, o)
    where s.due_minute = k.due_minute and s.day = k.day and s.assignee_team_id = k.a and s.owner_team_id = k.o
      and s.first_response = 0 and s.resolution = 0;
  end if;
end $$;
analyze m2;
create or replace function pg_temp.pairs2(n int) returns void language plpgsql as $$
declare
  t timestamptz := '2026-12-07 10:17:00+00';
  plus ticket_trend_change := row(1, 3, 4, t, null, t + interval '2 hours', null, t + interval '2 days', null);
  minus ticket_trend_change := row(-1, 3, 4, t, null, t + interval '2 hours', null, t + interval '2 days', null);
begin
  for i in 1..n loop perform m2_fold(array[plus]); perform m2_fold(array[minus]); end loop;
end $$;
select pg_temp.pairs2(10);
\! psql -h 127.0.0.1 -U postgres -d crm_writes_plan -q -c "insert into m2 select m, (m at time zone 'UTC')::date, a, o, 1, 1 from generate_series(timestamptz '2026-01-01', '2026-12-31', '5 minutes') m, generate_series(100, 104) a, generate_series(100, 102) o"
load 'auto_explain';
set auto_explain.log_min_duration = 0;
set auto_explain.log_nested_statements = on;
set auto_explain.log_analyze = on;
set auto_explain.log_buffers = on;
set auto_explain.log_timing = off;
set client_min_messages = log;
select pg_temp.pairs2(1);
