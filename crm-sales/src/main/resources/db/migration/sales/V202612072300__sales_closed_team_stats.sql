-- The manager dashboard's win rate counts won and lost deals per month for one team (or all of them). From
-- opportunity_closed_stats (per owner, currency and status) it read every owner's day rows of the range's partial
-- months and every owner's month rows and kept the team's (about 4,700 rows for the bench data's 6 months, 1,500
-- kept), on every view. This roll-up holds just the counts the win rate needs, per team of the owner: per UTC day and
-- UTC month, team (0: no owner, or an owner in no team) and status, the closed deals. The same range now reads a few
-- rows per day for all teams (index-only, the team picked out in the index).
--
-- Kept exact by the same fold as opportunity_closed_stats (one more upsert per statement on opportunities, the owner's
-- team looked up and share-locked so a concurrent team change waits for it), and by a trigger on users: a person who
-- changes team takes their closed deals' counts along (from their opportunity_closed_stats rows, a rare admin action
-- that costs as many rows as they have). Owners can't be deleted while they own deals (foreign key).
-- ClosedTeamStatsTest compares it with the deals after every kind of write.
create table opportunity_closed_team_stats (
  grain   varchar(5) not null check (grain in ('day', 'month')),
  period  date not null,
  team_id bigint not null,  -- 0: no owner, or an owner in no team
  status  varchar(10) not null,
  deals   bigint not null default 0,
  primary key (grain, period, team_id, status) include (deals)
);

create or replace function opportunity_closed_fold(changes opportunity_closed_change[]) returns void
  language plpgsql set plan_cache_mode = force_generic_plan as $$
begin
  with c as (
    select coalesce(owner_id, 0) as owner_id, currency, status, sign, coalesce(amount, 0) as amount,
           extract(epoch from (closed_at - created_at)) as cycle, (closed_at at time zone 'UTC')::date as day
    from unnest(changes)
    where status in ('WON', 'LOST') and closed_at is not null
  ), per_grain as (
    select owner_id, 'day' as grain, day as period, currency, status, sign, amount, cycle from c
    union all
    select owner_id, 'month', date_trunc('month', day)::date, currency, status, sign, amount, cycle from c
  ), net as (
    select owner_id, grain, period, currency, status, sum(sign) as deals, sum(sign * amount) as amount,
           sum(sign * cycle) as cycle_seconds
    from per_grain group by 1, 2, 3, 4, 5
  )
  insert into opportunity_closed_stats as s (owner_id, grain, period, currency, status, deals, amount, cycle_seconds)
  select * from net
  where deals <> 0 or amount <> 0 or cycle_seconds <> 0
  order by 1, 2, 3, 4, 5
  on conflict (owner_id, grain, period, currency, status) do update
    set deals = s.deals + excluded.deals, amount = s.amount + excluded.amount,
        cycle_seconds = s.cycle_seconds + excluded.cycle_seconds;

  -- The owners' teams, share-locked in id order: a team change of one of them waits for this transaction (and this
  -- one for it), so the counts land in the team the users trigger moves them from.
  with owners as materialized (
    select u.id, u.team_id
    from users u
    where u.id in (select (x).owner_id from unnest(changes) x where (x).status in ('WON', 'LOST') and (x).closed_at is not null)
    order by u.id
    for share
  ), c as (
    select coalesce(o.team_id, 0) as team_id, x.status, x.sign, (x.closed_at at time zone 'UTC')::date as day
    from unnest(changes) x left join owners o on o.id = x.owner_id
    where x.status in ('WON', 'LOST') and x.closed_at is not null
  ), net as (
    select grain, period, team_id, status, sum(sign) as deals
    from (select 'day' as grain, day as period, team_id, status, sign from c
          union all
          select 'month', date_trunc('month', day)::date, team_id, status, sign from c) g
    group by 1, 2, 3, 4
  )
  insert into opportunity_closed_team_stats as s (grain, period, team_id, status, deals)
  select * from net where deals <> 0
  order by 1, 2, 3, 4
  on conflict (grain, period, team_id, status) do update set deals = s.deals + excluded.deals;
end $$;

create or replace function opportunity_closed_truncated() returns trigger language plpgsql as $$
begin
  delete from opportunity_closed_stats;
  delete from opportunity_closed_team_stats;
  return null;
end $$;

create or replace function opportunity_closed_rebuild() returns void language sql as $$
  delete from opportunity_closed_stats;
  delete from opportunity_closed_team_stats;
  select opportunity_closed_fold(array(
    select row(1, owner_id, currency, status, closed_at, amount, created_at)::opportunity_closed_change
    from opportunities where status in ('WON', 'LOST') and closed_at is not null));
$$;

-- A person changing team: their closed deals' counts leave the old team for the new one.
create function opportunity_closed_team_moved() returns trigger language plpgsql as $$
begin
  with moved as (
    select n.id, coalesce(o.team_id, 0) as old_team, coalesce(n.team_id, 0) as new_team
    from new_users n join old_users o on o.id = n.id
    where coalesce(o.team_id, 0) <> coalesce(n.team_id, 0)
  ), per_owner as (
    select s.grain, s.period, s.status, m.old_team, m.new_team, sum(s.deals) as deals
    from moved m join opportunity_closed_stats s on s.owner_id = m.id
    group by 1, 2, 3, 4, 5
  ), net as (
    select grain, period, team_id, status, sum(deals) as deals
    from (select grain, period, old_team as team_id, status, -deals as deals from per_owner
          union all
          select grain, period, new_team, status, deals from per_owner) v
    group by 1, 2, 3, 4
  )
  insert into opportunity_closed_team_stats as s (grain, period, team_id, status, deals)
  select * from net where deals <> 0
  order by 1, 2, 3, 4
  on conflict (grain, period, team_id, status) do update set deals = s.deals + excluded.deals;
  return null;
end $$;

create trigger users_team_to_closed_team_stats after update on users
  referencing old table as old_users new table as new_users
  for each statement execute function opportunity_closed_team_moved();

lock table opportunities in share mode;
insert into opportunity_closed_team_stats (grain, period, team_id, status, deals)
select s.grain, s.period, coalesce(u.team_id, 0), s.status, sum(s.deals)
from opportunity_closed_stats s left join users u on u.id = s.owner_id
group by 1, 2, 3, 4
having sum(s.deals) <> 0;
