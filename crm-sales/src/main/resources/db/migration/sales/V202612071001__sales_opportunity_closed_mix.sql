-- The forecast's won and lost analysis (by lost reason, by source) read every closed deal of the team in the month or
-- quarter on every view (8,462 deals of a manager's team for a quarter on the bench data set, through an index that
-- also holds every other team's deals). It now reads this roll-up: per owner, currency, status, lost reason and
-- source, the closed deals and their amount, per UTC month and per UTC day (1,436 month rows for those 8,462 deals),
-- read as opportunity_closed_stats is (ClosedDealStats: whole UTC months, days at the ends, the hours between a local
-- and a UTC midnight from the deals). A missing lost reason or source is kept as ''.
--
-- Keyed by the owner (the team is joined at read time). Kept by statement-level triggers on opportunities
-- (transition tables), as opportunity_closed_stats (V202612070941).
create table opportunity_closed_mix (
  owner_id    bigint not null,
  grain       varchar(5) not null check (grain in ('day', 'month')),
  period      date not null,
  currency    varchar(3) not null,
  status      varchar(10) not null,
  lost_reason varchar(100) not null,
  source      varchar(50) not null,
  deals       bigint not null default 0,
  amount      numeric not null default 0,
  primary key (owner_id, grain, period, currency, status, lost_reason, source)
);
-- Every owner's rows of a range (an admin's view of all teams).
create index opportunity_closed_mix_period_idx on opportunity_closed_mix (grain, period);

create type opportunity_mix_change as (
  sign        int,
  owner_id    bigint,
  currency    varchar(3),
  status      varchar(10),
  closed_at   timestamptz,
  amount      numeric,
  lost_reason varchar(100),
  source      varchar(50)
);

-- Adds a statement's net change (+1 per new closed row version, -1 per old one), in key order.
create function opportunity_mix_fold(changes opportunity_mix_change[]) returns void language sql as $$
  with c as (
    select owner_id, currency, status, coalesce(lost_reason, '') as lost_reason, coalesce(source, '') as source, sign,
           coalesce(amount, 0) as amount, (closed_at at time zone 'UTC')::date as day
    from unnest(changes)
    where status in ('WON', 'LOST') and closed_at is not null
  ), per_grain as (
    select owner_id, 'day' as grain, day as period, currency, status, lost_reason, source, sign, amount from c
    union all
    select owner_id, 'month', date_trunc('month', day)::date, currency, status, lost_reason, source, sign, amount from c
  ), net as (
    select owner_id, grain, period, currency, status, lost_reason, source, sum(sign) as deals, sum(sign * amount) as amount
    from per_grain group by 1, 2, 3, 4, 5, 6, 7
  )
  insert into opportunity_closed_mix as s (owner_id, grain, period, currency, status, lost_reason, source, deals, amount)
  select * from net
  where deals <> 0 or amount <> 0
  order by 1, 2, 3, 4, 5, 6, 7
  on conflict (owner_id, grain, period, currency, status, lost_reason, source) do update
    set deals = s.deals + excluded.deals, amount = s.amount + excluded.amount
$$;

create function opportunity_mix_inserted() returns trigger language plpgsql as $$
begin
  perform opportunity_mix_fold(array(
    select row(1, owner_id, currency, status, closed_at, amount, lost_reason, source)::opportunity_mix_change
    from new_deals where status in ('WON', 'LOST') and closed_at is not null));
  return null;
end $$;

create function opportunity_mix_deleted() returns trigger language plpgsql as $$
begin
  perform opportunity_mix_fold(array(
    select row(-1, owner_id, currency, status, closed_at, amount, lost_reason, source)::opportunity_mix_change
    from old_deals where status in ('WON', 'LOST') and closed_at is not null));
  return null;
end $$;

-- Only the rows whose counted columns changed, found by grouping both versions by id.
create function opportunity_mix_updated() returns trigger language plpgsql as $$
declare
  moved bigint[];
begin
  select array_agg(id) into moved from (
    select id from (
      select id, (owner_id, currency, status, closed_at, amount, lost_reason, source) as counted from new_deals
      union all
      select id, (owner_id, currency, status, closed_at, amount, lost_reason, source) from old_deals
    ) v
    group by id having count(distinct counted) > 1
  ) m;
  if moved is null then
    return null;
  end if;
  perform opportunity_mix_fold(array(
    select row(v.sign, v.owner_id, v.currency, v.status, v.closed_at, v.amount, v.lost_reason, v.source)::opportunity_mix_change
    from (select 1 as sign, n.* from new_deals n join unnest(moved) m (id) on m.id = n.id
          union all
          select -1, o.* from old_deals o join unnest(moved) m (id) on m.id = o.id) v
    where v.status in ('WON', 'LOST') and v.closed_at is not null));
  return null;
end $$;

create function opportunity_mix_truncated() returns trigger language plpgsql as $$
begin
  delete from opportunity_closed_mix;
  return null;
end $$;

create trigger opportunities_closed_mix_insert after insert on opportunities
  referencing new table as new_deals for each statement execute function opportunity_mix_inserted();
create trigger opportunities_closed_mix_update after update on opportunities
  referencing old table as old_deals new table as new_deals for each statement execute function opportunity_mix_updated();
create trigger opportunities_closed_mix_delete after delete on opportunities
  referencing old table as old_deals for each statement execute function opportunity_mix_deleted();
create trigger opportunities_closed_mix_truncate after truncate on opportunities
  for each statement execute function opportunity_mix_truncated();

-- The roll-up from the deals themselves: here, and after a bulk load with the triggers off (bench/dataset).
create function opportunity_mix_rebuild() returns void language sql as $$
  delete from opportunity_closed_mix;
  select opportunity_mix_fold(array(
    select row(1, owner_id, currency, status, closed_at, amount, lost_reason, source)::opportunity_mix_change
    from opportunities where status in ('WON', 'LOST') and closed_at is not null));
$$;

lock table opportunities in share mode;
select opportunity_mix_rebuild();
