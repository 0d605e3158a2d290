-- The roll-up folds of the ticket and CSAT triggers were `language sql` functions, and PostgreSQL 15 plans every
-- statement of a non-inlined SQL function again on each call: the "next ticket" claim spent ~6 ms of its UPDATE in
-- ticket_trend_fold planning four statements, for 0.5 ms of work (bench/results/2026-12-07-stop28-writes.md). The same
-- bodies in PL/pgSQL keep their plans for the connection.
--
-- A kept plan must not go wrong as the tables grow (V202612071600: plans made while a table was empty kept their
-- sequential scans). The upserts read nothing but the `changes` array: the rows they add to are found through the
-- arbiter (primary key) index of ON CONFLICT, which is no plan choice, so one generic plan is right at any size and
-- the functions are pinned to it (plan_cache_mode = force_generic_plan: no custom plans planned per call while the
-- plan cache would compare costs). The only statements that read a roll-up table by key are the deletes of rows a
-- fold brought to zero: they now take the keys from the upsert's RETURNING and run only when there are any, through
-- EXECUTE, which is planned on each run with the table's current size.
create or replace function ticket_trend_fold_days_and_hours(changes ticket_trend_change[]) returns void
  language plpgsql set plan_cache_mode = force_generic_plan as $$
declare
  emptied_hours timestamptz[];
  emptied_days date[];
  emptied_assignee_teams bigint[];
  emptied_owner_teams bigint[];
begin
  with c as (
    select * from unnest(changes)
  ), per_day as (
    select (opened_at at time zone 'UTC')::date as day, assignee_team_id, owner_team_id, sign as opened, 0 as ended,
           sign * (first_response_due_at is not null)::int as fr_due,
           sign * coalesce(first_responded_at <= first_response_due_at, false)::int as fr_met,
           sign * (resolution_due_at is not null)::int as res_due,
           sign * coalesce(resolved_at <= resolution_due_at, false)::int as res_met
    from c
    union all
    select (ended_at at time zone 'UTC')::date, assignee_team_id, owner_team_id, 0, sign, 0, 0, 0, 0
    from c where ended_at is not null
  ), net as (
    select day, assignee_team_id, owner_team_id, sum(opened) as opened, sum(ended) as ended, sum(fr_due) as fr_due,
           sum(fr_met) as fr_met, sum(res_due) as res_due, sum(res_met) as res_met
    from per_day group by 1, 2, 3
  )
  insert into ticket_day_stats as s (day, assignee_team_id, owner_team_id, opened, ended, fr_due, fr_met, res_due,
                                     res_met)
  select * from net
  where opened <> 0 or ended <> 0 or fr_due <> 0 or fr_met <> 0 or res_due <> 0 or res_met <> 0
  order by 1, 2, 3
  on conflict (day, assignee_team_id, owner_team_id) do update
    set opened = s.opened + excluded.opened, ended = s.ended + excluded.ended, fr_due = s.fr_due + excluded.fr_due,
        fr_met = s.fr_met + excluded.fr_met, res_due = s.res_due + excluded.res_due, res_met = s.res_met + excluded.res_met;

  insert into ticket_open_totals as s (assignee_team_id, owner_team_id, open)
  select assignee_team_id, owner_team_id, sum(sign) from unnest(changes)
  where ended_at is null
  group by 1, 2 having sum(sign) <> 0
  order by 1, 2
  on conflict (assignee_team_id, owner_team_id) do update set open = s.open + excluded.open;

  with folded as (
    insert into ticket_sla_pending as s (due_hour, day, assignee_team_id, owner_team_id, first_response, resolution)
    select due_hour, day, assignee_team_id, owner_team_id, sum(fr), sum(res)
    from (
      select date_trunc('hour', first_response_due_at, 'UTC') as due_hour, (opened_at at time zone 'UTC')::date as day,
             assignee_team_id, owner_team_id, sign as fr, 0 as res
      from unnest(changes) where first_response_due_at is not null and first_responded_at is null
      union all
      select date_trunc('hour', resolution_due_at, 'UTC'), (opened_at at time zone 'UTC')::date, assignee_team_id,
             owner_team_id, 0, sign
      from unnest(changes) where resolution_due_at is not null and resolved_at is null
    ) p
    group by 1, 2, 3, 4 having sum(fr) <> 0 or sum(res) <> 0
    order by 1, 2, 3, 4
    on conflict (due_hour, day, assignee_team_id, owner_team_id) do update
      set first_response = s.first_response + excluded.first_response, resolution = s.resolution + excluded.resolution
    returning s.*
  )
  select array_agg(due_hour), array_agg(day), array_agg(assignee_team_id), array_agg(owner_team_id)
  into emptied_hours, emptied_days, emptied_assignee_teams, emptied_owner_teams
  from folded where first_response = 0 and resolution = 0;

  -- rows this fold brought to zero (locked by it already: no new lock order)
  if emptied_hours is not null then
    execute 'delete from ticket_sla_pending s using unnest($1, $2, $3, $4) k (due_hour, day, assignee_team_id, owner_team_id)
             where s.due_hour = k.due_hour and s.day = k.day and s.assignee_team_id = k.assignee_team_id
               and s.owner_team_id = k.owner_team_id and s.first_response = 0 and s.resolution = 0'
      using emptied_hours, emptied_days, emptied_assignee_teams, emptied_owner_teams;
  end if;
end $$;

create or replace function ticket_sla_pending_minutes_fold(changes ticket_trend_change[]) returns void
  language plpgsql set plan_cache_mode = force_generic_plan as $$
declare
  emptied_minutes timestamptz[];
  emptied_days date[];
  emptied_assignee_teams bigint[];
  emptied_owner_teams bigint[];
begin
  with folded as (
    insert into ticket_sla_pending_minutes as s (due_minute, day, assignee_team_id, owner_team_id, first_response,
                                                 resolution)
    select due_minute, day, assignee_team_id, owner_team_id, sum(fr), sum(res)
    from (
      select date_trunc('minute', first_response_due_at, 'UTC') as due_minute,
             (opened_at at time zone 'UTC')::date as day, assignee_team_id, owner_team_id, sign as fr, 0 as res
      from unnest(changes) where first_response_due_at is not null and first_responded_at is null
      union all
      select date_trunc('minute', resolution_due_at, 'UTC'), (opened_at at time zone 'UTC')::date, assignee_team_id,
             owner_team_id, 0, sign
      from unnest(changes) where resolution_due_at is not null and resolved_at is null
    ) p
    group by 1, 2, 3, 4 having sum(fr) <> 0 or sum(res) <> 0
    order by 1, 2, 3, 4
    on conflict (due_minute, day, assignee_team_id, owner_team_id) do update
      set first_response = s.first_response + excluded.first_response, resolution = s.resolution + excluded.resolution
    returning s.*
  )
  select array_agg(due_minute), array_agg(day), array_agg(assignee_team_id), array_agg(owner_team_id)
  into emptied_minutes, emptied_days, emptied_assignee_teams, emptied_owner_teams
  from folded where first_response = 0 and resolution = 0;

  -- rows this fold brought to zero (locked by it already: no new lock order)
  if emptied_minutes is not null then
    execute 'delete from ticket_sla_pending_minutes s
             using unnest($1, $2, $3, $4) k (due_minute, day, assignee_team_id, owner_team_id)
             where s.due_minute = k.due_minute and s.day = k.day and s.assignee_team_id = k.assignee_team_id
               and s.owner_team_id = k.owner_team_id and s.first_response = 0 and s.resolution = 0'
      using emptied_minutes, emptied_days, emptied_assignee_teams, emptied_owner_teams;
  end if;
end $$;

create or replace function ticket_trend_fold(changes ticket_trend_change[]) returns void language plpgsql as $$
begin
  perform ticket_trend_fold_days_and_hours(changes);
  perform ticket_sla_pending_minutes_fold(changes);
end $$;

-- One upsert, no delete: the same body as PL/pgSQL, taken as it stands.
do $$
begin
  execute (select format('create or replace function %I(%s) returns void language plpgsql '
                         'set plan_cache_mode = force_generic_plan as %L',
                         p.proname, pg_get_function_arguments(p.oid),
                         E'begin\n' || rtrim(p.prosrc, E'; \n') || E';\nend')
           from pg_proc p
           where p.oid = 'csat_trend_fold(csat_trend_change[])'::regprocedure
             and p.prolang = (select oid from pg_language where lanname = 'sql'));
end $$;
