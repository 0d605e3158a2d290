-- The manager dashboard's backlog and SLA chart (ServiceTrendQuery.backlogAndSla) read every ticket opened in its
-- range and every ticket still open or ended since, and kept those of the team's agents or accounts: 178,000 index
-- entries per view on the bench data set (1.5 s), growing with the data. It now reads this roll-up: per UTC day and
-- pair of teams (the assignee's team, the team of the account's owner; 0 for none), the tickets opened that day
-- (with their SLA figures) and the tickets that ended (resolved or closed) that day; and, per pair of teams, the
-- tickets open now. A team's tickets are those whose assignee or account owner is in the team, so a team reads the
-- rows where either team is its own: a few rows per day, however many tickets there are.
--
-- The key is the teams, not the people, so a row stays small; the keys move under the tickets, and each move is
-- followed here: a ticket changing assignee or account (or being opened, resolved, reopened, deleted) by the
-- statement-level triggers on tickets; an account changing owner by a trigger on accounts; a person changing team by
-- a trigger on users (it re-keys that person's tickets and their accounts' tickets: a rare admin action that costs
-- as many rows as they have). The ticket triggers take a share lock on the accounts and users they read, as the
-- contacts' access owner does, so an owner or team change waits for them (and they for it) and no ticket is
-- counted under a team it left.
--
-- Days are UTC days: the dashboard's days, weeks and months are in the reader's zone, and the query adds or takes
-- away, from the tickets themselves, the hours between each local midnight and the nearest UTC midnight.
create table ticket_day_stats (
  day              date not null,
  assignee_team_id bigint not null,
  owner_team_id    bigint not null,
  opened           bigint not null default 0,
  ended            bigint not null default 0,
  -- of the tickets opened that day: with a first-response due date, responded to in time; with a resolution due
  -- date, resolved in time (those of them still running at :now are not judged yet: the query reads them)
  fr_due           bigint not null default 0,
  fr_met           bigint not null default 0,
  res_due          bigint not null default 0,
  res_met          bigint not null default 0,
  primary key (day, assignee_team_id, owner_team_id)
);

create table ticket_open_totals (
  assignee_team_id bigint not null,
  owner_team_id    bigint not null,
  open             bigint not null default 0,
  primary key (assignee_team_id, owner_team_id)
);

-- Whether a ticket's SLA clocks are still running at :now is read from the tickets (the roll-up can't know now):
-- only those not yet responded to / resolved with a due date in the future, a handful.
create index tickets_unresponded_due_idx on tickets (first_response_due_at) include (opened_at, assignee_id, account_id)
  where first_responded_at is null and first_response_due_at is not null;
create index tickets_unresolved_due_idx on tickets (resolution_due_at) include (opened_at, assignee_id, account_id)
  where resolved_at is null and resolution_due_at is not null;

-- One ticket version's share, with the teams it counts under, and +1 to add it or -1 to take it away.
create type ticket_trend_change as (
  sign                  int,
  assignee_team_id      bigint,
  owner_team_id         bigint,
  opened_at             timestamptz,
  ended_at              timestamptz,
  first_response_due_at timestamptz,
  first_responded_at    timestamptz,
  resolution_due_at     timestamptz,
  resolved_at           timestamptz
);

-- Adds changes to the roll-up: the net per row, upserted in key order (two writers never lock the same rows in
-- opposite orders), rows that net to nothing left alone.
create function ticket_trend_fold(changes ticket_trend_change[]) returns void language sql as $$
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
$$;

-- The teams of the tickets a statement wrote, read under a share lock on their accounts and people (see above).
create function ticket_trend_lock(account_ids bigint[], user_ids bigint[]) returns void language sql as $$
  select count(*) from (select 1 from accounts where id = any(account_ids) order by id for share) a;
  select count(*) from (
    select 1 from users
    where id = any(user_ids) or id in (select owner_id from accounts where id = any(account_ids))
    order by id for share
  ) u;
$$;

create function ticket_trend_inserted() returns trigger language plpgsql as $$
begin
  perform ticket_trend_lock(array(select distinct account_id from new_tickets where account_id is not null),
                            array(select distinct assignee_id from new_tickets where assignee_id is not null));
  perform ticket_trend_fold(array(
    select row(1, coalesce(ua.team_id, 0), coalesce(uo.team_id, 0), t.opened_at, least(t.resolved_at, t.closed_at),
               t.first_response_due_at, t.first_responded_at, t.resolution_due_at, t.resolved_at)::ticket_trend_change
    from new_tickets t
    left join users ua on ua.id = t.assignee_id
    left join accounts a on a.id = t.account_id
    left join users uo on uo.id = a.owner_id));
  return null;
end $$;

create function ticket_trend_deleted() returns trigger language plpgsql as $$
begin
  perform ticket_trend_lock(array(select distinct account_id from old_tickets where account_id is not null),
                            array(select distinct assignee_id from old_tickets where assignee_id is not null));
  perform ticket_trend_fold(array(
    select row(-1, coalesce(ua.team_id, 0), coalesce(uo.team_id, 0), t.opened_at, least(t.resolved_at, t.closed_at),
               t.first_response_due_at, t.first_responded_at, t.resolution_due_at, t.resolved_at)::ticket_trend_change
    from old_tickets t
    left join users ua on ua.id = t.assignee_id
    left join accounts a on a.id = t.account_id
    left join users uo on uo.id = a.owner_id));
  return null;
end $$;

-- Most ticket updates (status, queue order, SLA checks, tags) change nothing counted here: only the rows whose
-- counted columns changed are read further. They are found by grouping both versions by id (a hash), not by joining
-- the old and new rows: a join of two transition tables is a nested loop to the planner (5,000 rows took 10 s).
create function ticket_trend_updated() returns trigger language plpgsql as $$
declare
  moved bigint[];
begin
  select array_agg(id) into moved from (
    select id from (
      select id, (assignee_id, account_id, opened_at, resolved_at, closed_at, first_response_due_at, first_responded_at,
                  resolution_due_at) as counted
      from new_tickets
      union all
      select id, (assignee_id, account_id, opened_at, resolved_at, closed_at, first_response_due_at, first_responded_at,
                  resolution_due_at)
      from old_tickets
    ) v
    group by id having count(distinct counted) > 1
  ) m;
  if moved is null then
    return null;
  end if;
  perform ticket_trend_lock(
    array(select n.account_id from new_tickets n join unnest(moved) m (id) on m.id = n.id where n.account_id is not null
          union
          select o.account_id from old_tickets o join unnest(moved) m (id) on m.id = o.id where o.account_id is not null),
    array(select n.assignee_id from new_tickets n join unnest(moved) m (id) on m.id = n.id where n.assignee_id is not null
          union
          select o.assignee_id from old_tickets o join unnest(moved) m (id) on m.id = o.id where o.assignee_id is not null));
  perform ticket_trend_fold(array(
    select row(v.sign, coalesce(ua.team_id, 0), coalesce(uo.team_id, 0), v.opened_at,
               least(v.resolved_at, v.closed_at), v.first_response_due_at, v.first_responded_at, v.resolution_due_at,
               v.resolved_at)::ticket_trend_change
    from (select 1 as sign, n.* from new_tickets n join unnest(moved) m (id) on m.id = n.id
          union all
          select -1, o.* from old_tickets o join unnest(moved) m (id) on m.id = o.id) v
    left join users ua on ua.id = v.assignee_id
    left join accounts a on a.id = v.account_id
    left join users uo on uo.id = a.owner_id));
  return null;
end $$;

create function ticket_trend_truncated() returns trigger language plpgsql as $$
begin
  delete from ticket_day_stats;
  delete from ticket_open_totals;
  return null;
end $$;

create trigger tickets_trend_insert after insert on tickets
  referencing new table as new_tickets for each statement execute function ticket_trend_inserted();
create trigger tickets_trend_update after update on tickets
  referencing old table as old_tickets new table as new_tickets for each statement execute function ticket_trend_updated();
create trigger tickets_trend_delete after delete on tickets
  referencing old table as old_tickets for each statement execute function ticket_trend_deleted();
create trigger tickets_trend_truncate after truncate on tickets
  for each statement execute function ticket_trend_truncated();

-- An account whose owner moved to another team: its tickets leave the old owner's team for the new one's.
create function ticket_trend_account_owner_changed() returns trigger language plpgsql as $$
begin
  perform ticket_trend_fold(array(
    select row(x.sign, coalesce(ua.team_id, 0), x.owner_team_id, t.opened_at, least(t.resolved_at, t.closed_at),
               t.first_response_due_at, t.first_responded_at, t.resolution_due_at, t.resolved_at)::ticket_trend_change
    from (
      -- both versions grouped by id (a join of two transition tables is a nested loop to the planner)
      with owners as (
        select id, max(owner_id) filter (where sign = 1) as new_owner, max(owner_id) filter (where sign = -1) as old_owner
        from (select id, owner_id, 1 as sign from new_accounts union all select id, owner_id, -1 from old_accounts) v
        group by id
      ), moved as (
        select o.id, coalesce(un.team_id, 0) as new_team, coalesce(uo.team_id, 0) as old_team
        from owners o left join users un on un.id = o.new_owner left join users uo on uo.id = o.old_owner
        where o.new_owner is distinct from o.old_owner and coalesce(un.team_id, 0) <> coalesce(uo.team_id, 0)
      )
      select id, 1 as sign, new_team as owner_team_id from moved
      union all
      select id, -1, old_team from moved
    ) x
    join tickets t on t.account_id = x.id
    left join users ua on ua.id = t.assignee_id));
  return null;
end $$;
create trigger accounts_owner_to_ticket_trend after update on accounts
  referencing old table as old_accounts new table as new_accounts
  for each statement execute function ticket_trend_account_owner_changed();

-- People who changed team: their tickets and their accounts' tickets move from the old team pair to the new one.
create function ticket_trend_user_team_changed() returns trigger language plpgsql as $$
begin
  perform ticket_trend_fold(array(
    with versions as (
      -- both versions grouped by id (a join of two transition tables is a nested loop to the planner)
      select id, max(team_id) filter (where sign = 1) as new_team, max(team_id) filter (where sign = -1) as old_team
      from (select id, team_id, 1 as sign from new_users union all select id, team_id, -1 from old_users) v
      group by id
    ), moved as (
      select id, coalesce(old_team, 0) as old_team, coalesce(new_team, 0) as new_team
      from versions where new_team is distinct from old_team
    ), touched as (
      select t.* from tickets t
      where t.id in (select id from tickets where assignee_id in (select id from moved)
                     union
                     select t2.id from accounts a join tickets t2 on t2.account_id = a.id
                     where a.owner_id in (select id from moved))
    ), teams as (
      select t.*, coalesce(ua.team_id, 0) as at_new, coalesce(uo.team_id, 0) as ot_new,
             coalesce(ma.old_team, ua.team_id, 0) as at_old, coalesce(mo.old_team, uo.team_id, 0) as ot_old
      from touched t
      left join users ua on ua.id = t.assignee_id
      left join moved ma on ma.id = t.assignee_id
      left join accounts a on a.id = t.account_id
      left join users uo on uo.id = a.owner_id
      left join moved mo on mo.id = a.owner_id
    )
    select row(v.sign, v.at, v.ot, v.opened_at, least(v.resolved_at, v.closed_at), v.first_response_due_at,
               v.first_responded_at, v.resolution_due_at, v.resolved_at)::ticket_trend_change
    from (select 1 as sign, at_new as at, ot_new as ot, * from teams
          union all
          select -1, at_old, ot_old, * from teams) v
    where (v.at_new, v.ot_new) <> (v.at_old, v.ot_old)));
  return null;
end $$;
create trigger users_team_to_ticket_trend after update on users
  referencing old table as old_users new table as new_users
  for each statement execute function ticket_trend_user_team_changed();

-- The roll-up from the tickets themselves: here, and after a bulk load with the triggers off (bench/dataset).
create function ticket_trend_rebuild() returns void language sql as $$
  delete from ticket_day_stats;
  delete from ticket_open_totals;
  select ticket_trend_fold(array(
    select row(1, coalesce(ua.team_id, 0), coalesce(uo.team_id, 0), t.opened_at, least(t.resolved_at, t.closed_at),
               t.first_response_due_at, t.first_responded_at, t.resolution_due_at, t.resolved_at)::ticket_trend_change
    from tickets t
    left join users ua on ua.id = t.assignee_id
    left join accounts a on a.id = t.account_id
    left join users uo on uo.id = a.owner_id));
$$;

lock table tickets in share mode;
select ticket_trend_rebuild();
