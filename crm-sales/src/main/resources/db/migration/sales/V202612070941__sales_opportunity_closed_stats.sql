-- The manager dashboard's win rate by month and the sales-by-rep-and-month report read every won and lost deal of
-- their range (the report: 32,000 deals of a manager's team over twelve months on the bench data set, sorted and
-- grouped on every view). They now read this roll-up: per owner, currency and status, the closed deals, their
-- amount and their sales cycle (closed_at - created_at, in seconds), per UTC month and per UTC day. A range of local
-- months reads whole UTC months where it can and days at its ends; the hours between a local midnight and the
-- nearest UTC midnight are read from the deals themselves (ClosedDealStats).
--
-- Keyed by the owner, a column of the deal itself (the team is joined at read time, so a rep changing team needs
-- nothing here). Kept by statement-level triggers on opportunities (transition tables): every writer (moves, edits,
-- merges, imports, the demo seeder, bulk SQL) updates it in its own transaction, one upsert per statement.
create table opportunity_closed_stats (
  owner_id      bigint not null,  -- 0: no owner
  grain         varchar(5) not null check (grain in ('day', 'month')),
  period        date not null,
  currency      varchar(3) not null,
  status        varchar(10) not null,
  deals         bigint not null default 0,
  amount        numeric not null default 0,
  cycle_seconds numeric not null default 0,
  primary key (owner_id, grain, period, currency, status)
);
-- Every owner's rows of a range (an admin's view of all teams).
create index opportunity_closed_stats_period_idx on opportunity_closed_stats (grain, period);

create type opportunity_closed_change as (
  sign       int,
  owner_id   bigint,
  currency   varchar(3),
  status     varchar(10),
  closed_at  timestamptz,
  amount     numeric,
  created_at timestamptz
);

-- Adds a statement's net change (+1 per new closed row version, -1 per old one), in key order.
create function opportunity_closed_fold(changes opportunity_closed_change[]) returns void language sql as $$
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
        cycle_seconds = s.cycle_seconds + excluded.cycle_seconds
$$;

create function opportunity_closed_inserted() returns trigger language plpgsql as $$
begin
  perform opportunity_closed_fold(array(
    select row(1, owner_id, currency, status, closed_at, amount, created_at)::opportunity_closed_change
    from new_deals where status in ('WON', 'LOST') and closed_at is not null));
  return null;
end $$;

create function opportunity_closed_deleted() returns trigger language plpgsql as $$
begin
  perform opportunity_closed_fold(array(
    select row(-1, owner_id, currency, status, closed_at, amount, created_at)::opportunity_closed_change
    from old_deals where status in ('WON', 'LOST') and closed_at is not null));
  return null;
end $$;

-- Only the rows whose counted columns changed (most edits of open deals change none), found by grouping both versions
-- by id: a join of two transition tables is a nested loop to the planner (seconds for a bulk update).
create function opportunity_closed_updated() returns trigger language plpgsql as $$
declare
  moved bigint[];
begin
  select array_agg(id) into moved from (
    select id from (
      select id, (owner_id, currency, status, closed_at, amount, created_at) as counted from new_deals
      union all
      select id, (owner_id, currency, status, closed_at, amount, created_at) from old_deals
    ) v
    group by id having count(distinct counted) > 1
  ) m;
  if moved is null then
    return null;
  end if;
  perform opportunity_closed_fold(array(
    select row(v.sign, v.owner_id, v.currency, v.status, v.closed_at, v.amount, v.created_at)::opportunity_closed_change
    from (select 1 as sign, n.* from new_deals n join unnest(moved) m (id) on m.id = n.id
          union all
          select -1, o.* from old_deals o join unnest(moved) m (id) on m.id = o.id) v
    where v.status in ('WON', 'LOST') and v.closed_at is not null));
  return null;
end $$;

create function opportunity_closed_truncated() returns trigger language plpgsql as $$
begin
  delete from opportunity_closed_stats;
  return null;
end $$;

create trigger opportunities_closed_insert after insert on opportunities
  referencing new table as new_deals for each statement execute function opportunity_closed_inserted();
create trigger opportunities_closed_update after update on opportunities
  referencing old table as old_deals new table as new_deals for each statement execute function opportunity_closed_updated();
create trigger opportunities_closed_delete after delete on opportunities
  referencing old table as old_deals for each statement execute function opportunity_closed_deleted();
create trigger opportunities_closed_truncate after truncate on opportunities
  for each statement execute function opportunity_closed_truncated();

-- The roll-up from the deals themselves: here, and after a bulk load with the triggers off (bench/dataset).
create function opportunity_closed_rebuild() returns void language sql as $$
  delete from opportunity_closed_stats;
  select opportunity_closed_fold(array(
    select row(1, owner_id, currency, status, closed_at, amount, created_at)::opportunity_closed_change
    from opportunities where status in ('WON', 'LOST') and closed_at is not null));
$$;

lock table opportunities in share mode;
select opportunity_closed_rebuild();
