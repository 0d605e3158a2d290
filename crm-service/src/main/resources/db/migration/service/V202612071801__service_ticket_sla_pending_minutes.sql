-- The dashboard's SLA compliance leaves out the targets still running at :now. ticket_sla_pending (V202612071200)
-- holds them per hour they fall due, so the reader took the targets due in the rest of the current hour from the
-- tickets, each with its assignee's team and its account owner's team looked up one by one: about 70 tickets and
-- 315 buffers a view on the bench data set (two days of open tickets fall due in any hour), the page's largest read
-- after the win rate. This table holds the same pending targets per minute they fall due, so the rest of the current
-- hour is the rows of the minutes after the current one (a range of the primary key, teams in the row) and only the
-- tickets due in the rest of the current minute are read from the tickets (one or two).
--
-- Kept with ticket_sla_pending by ticket_trend_fold, i.e. by the same triggers on tickets, accounts (an owner moving
-- team) and users (a person moving team); rows netting to zero are removed.
create table ticket_sla_pending_minutes (
  due_minute       timestamptz not null,
  day              date not null,
  assignee_team_id bigint not null,
  owner_team_id    bigint not null,
  first_response   bigint not null default 0,
  resolution       bigint not null default 0,
  primary key (due_minute, day, assignee_team_id, owner_team_id)
);

create function ticket_sla_pending_minutes_fold(changes ticket_trend_change[]) returns void language sql as $$
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
    set first_response = s.first_response + excluded.first_response, resolution = s.resolution + excluded.resolution;

  -- rows this statement brought to zero (locked by it already: no new lock order)
  delete from ticket_sla_pending_minutes s
  using (select date_trunc('minute', first_response_due_at, 'UTC') as due_minute,
                (opened_at at time zone 'UTC')::date as day, assignee_team_id, owner_team_id
         from unnest(changes) where first_response_due_at is not null and first_responded_at is null
         union
         select date_trunc('minute', resolution_due_at, 'UTC'), (opened_at at time zone 'UTC')::date, assignee_team_id,
                owner_team_id
         from unnest(changes) where resolution_due_at is not null and resolved_at is null) k
  where s.due_minute = k.due_minute and s.day = k.day and s.assignee_team_id = k.assignee_team_id
    and s.owner_team_id = k.owner_team_id and s.first_response = 0 and s.resolution = 0;
$$;

-- Every writer calls ticket_trend_fold (the triggers on tickets, accounts and users, the rebuild): the fold of
-- V202612071200 keeps its body under another name, and ticket_trend_fold now runs it and then the minutes' fold.
alter function ticket_trend_fold(ticket_trend_change[]) rename to ticket_trend_fold_days_and_hours;
create function ticket_trend_fold(changes ticket_trend_change[]) returns void language sql as $$
  select ticket_trend_fold_days_and_hours(changes);
  select ticket_sla_pending_minutes_fold(changes);
$$;

create or replace function ticket_trend_truncated() returns trigger language plpgsql as $$
begin
  delete from ticket_day_stats;
  delete from ticket_open_totals;
  delete from ticket_sla_pending;
  delete from ticket_sla_pending_minutes;
  return null;
end $$;

-- The roll-up from the tickets themselves: here, and after a bulk load with the triggers off (bench/dataset).
create or replace function ticket_trend_rebuild() returns void language sql as $$
  delete from ticket_day_stats;
  delete from ticket_open_totals;
  delete from ticket_sla_pending;
  delete from ticket_sla_pending_minutes;
  select ticket_trend_fold(array(
    select row(1, coalesce(ua.team_id, 0), coalesce(uo.team_id, 0), t.opened_at, least(t.resolved_at, t.closed_at),
               t.first_response_due_at, t.first_responded_at, t.resolution_due_at, t.resolved_at)::ticket_trend_change
    from tickets t
    left join users ua on ua.id = t.assignee_id
    left join accounts a on a.id = t.account_id
    left join users uo on uo.id = a.owner_id));
$$;

-- Filled from the pending tickets alone (the rest of the roll-up is already right).
lock table tickets in share mode;
select ticket_sla_pending_minutes_fold(array(
  select row(1, coalesce(ua.team_id, 0), coalesce(uo.team_id, 0), t.opened_at, least(t.resolved_at, t.closed_at),
             t.first_response_due_at, t.first_responded_at, t.resolution_due_at, t.resolved_at)::ticket_trend_change
  from tickets t
  left join users ua on ua.id = t.assignee_id
  left join accounts a on a.id = t.account_id
  left join users uo on uo.id = a.owner_id
  where (t.first_response_due_at is not null and t.first_responded_at is null)
     or (t.resolution_due_at is not null and t.resolved_at is null)));
