-- The dashboard's SLA compliance judges a ticket's target once it is met or due: of the tickets opened in a period
-- with a due date, it leaves out those whose target still runs at the moment of reading (not answered, due later).
-- ServiceTrendQuery.backlogAndSla read those tickets one by one, each with its assignee's team and its account
-- owner's team (3,465 tickets with a resolution target ahead on the bench data: 11,477 buffers, 16 ms a view,
-- growing with the open workload). It now reads this roll-up: per hour the target falls due (UTC), UTC day opened
-- and pair of teams (as ticket_day_stats), the tickets whose first response or resolution target is pending (not
-- responded to / not resolved, due date set). A target still runs at :now when it is pending and due after :now, so
-- the reader sums the rows of the hours after the current one (an ordered read of the primary key from that hour
-- on) and takes the few tickets due in the rest of the current hour from the tickets themselves
-- (tickets_unresponded_due_idx, tickets_unresolved_due_idx). Time passing changes nothing here: a target that fell
-- due is simply in an hour the reader no longer reads.
--
-- Kept by the functions that keep ticket_day_stats (ticket_trend_fold): the same triggers on tickets, accounts (an
-- owner moving team) and users (a person moving team) re-key these rows too. Rows that net to zero are removed, so
-- the table holds only tickets still pending (overdue ones included).
create table ticket_sla_pending (
  due_hour         timestamptz not null,
  day              date not null,
  assignee_team_id bigint not null,
  owner_team_id    bigint not null,
  first_response   bigint not null default 0,
  resolution       bigint not null default 0,
  primary key (due_hour, day, assignee_team_id, owner_team_id)
);

create or replace function ticket_trend_fold(changes ticket_trend_change[]) returns void language sql as $$
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
    set first_response = s.first_response + excluded.first_response, resolution = s.resolution + excluded.resolution;

  -- rows this statement brought to zero (locked by it already: no new lock order)
  delete from ticket_sla_pending s
  using (select date_trunc('hour', first_response_due_at, 'UTC') as due_hour, (opened_at at time zone 'UTC')::date as day,
                assignee_team_id, owner_team_id
         from unnest(changes) where first_response_due_at is not null and first_responded_at is null
         union
         select date_trunc('hour', resolution_due_at, 'UTC'), (opened_at at time zone 'UTC')::date, assignee_team_id,
                owner_team_id
         from unnest(changes) where resolution_due_at is not null and resolved_at is null) k
  where s.due_hour = k.due_hour and s.day = k.day and s.assignee_team_id = k.assignee_team_id
    and s.owner_team_id = k.owner_team_id and s.first_response = 0 and s.resolution = 0;
$$;

create or replace function ticket_trend_truncated() returns trigger language plpgsql as $$
begin
  delete from ticket_day_stats;
  delete from ticket_open_totals;
  delete from ticket_sla_pending;
  return null;
end $$;

-- The roll-up from the tickets themselves: here, and after a bulk load with the triggers off (bench/dataset).
create or replace function ticket_trend_rebuild() returns void language sql as $$
  delete from ticket_day_stats;
  delete from ticket_open_totals;
  delete from ticket_sla_pending;
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
insert into ticket_sla_pending (due_hour, day, assignee_team_id, owner_team_id, first_response, resolution)
select due_hour, day, at, ot, sum(fr), sum(res)
from (
  select date_trunc('hour', t.first_response_due_at, 'UTC') as due_hour, (t.opened_at at time zone 'UTC')::date as day,
         coalesce(ua.team_id, 0) as at, coalesce(uo.team_id, 0) as ot, 1 as fr, 0 as res
  from tickets t
  left join users ua on ua.id = t.assignee_id
  left join accounts a on a.id = t.account_id
  left join users uo on uo.id = a.owner_id
  where t.first_response_due_at is not null and t.first_responded_at is null
  union all
  select date_trunc('hour', t.resolution_due_at, 'UTC'), (t.opened_at at time zone 'UTC')::date,
         coalesce(ua.team_id, 0), coalesce(uo.team_id, 0), 0, 1
  from tickets t
  left join users ua on ua.id = t.assignee_id
  left join accounts a on a.id = t.account_id
  left join users uo on uo.id = a.owner_id
  where t.resolution_due_at is not null and t.resolved_at is null
) p
group by 1, 2, 3, 4;
