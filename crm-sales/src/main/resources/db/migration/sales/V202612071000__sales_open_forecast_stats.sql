-- The forecast (GET /forecast, and the manager dashboard's forecast by rep) summed every open deal of the team whose
-- close date falls in the month or quarter on every view (8,728 deals of a manager's team for a quarter on the bench
-- data set, read through an index on close date that also holds every other team's deals). It now reads this
-- roll-up: per owner, close month, stage, currency and forecast category, the open deals and their amount. A close
-- date is a date (no zone), and a forecast period is whole months, so the month rows answer it exactly; the stage's
-- probability is joined at read time (a stage's probability can be edited), and so is the owner's team (a rep
-- changing team needs nothing here). The won and lost half of the forecast reads opportunity_closed_stats.
--
-- Kept by statement-level triggers on opportunities (transition tables), as opportunity_closed_stats
-- (V202612070941): every writer (moves, edits, merges, imports, the demo seeder, bulk SQL) updates it in its own
-- transaction, one upsert per statement.
create table opportunity_open_forecast (
  owner_id          bigint not null,
  close_month       date not null,
  stage_id          bigint not null,
  currency          varchar(3) not null,
  forecast_category varchar(20) not null,
  deals             bigint not null default 0,
  amount            numeric not null default 0,
  primary key (owner_id, close_month, stage_id, currency, forecast_category)
);
-- Every owner's rows of a period (an admin's view of all teams).
create index opportunity_open_forecast_month_idx on opportunity_open_forecast (close_month);

create type opportunity_open_change as (
  sign              int,
  owner_id          bigint,
  close_date        date,
  stage_id          bigint,
  currency          varchar(3),
  forecast_category varchar(20),
  amount            numeric
);

-- Adds a statement's net change (+1 per new open row version, -1 per old one), in key order (two statements moving
-- deals between the same rows wait for each other instead of deadlocking).
create function opportunity_open_fold(changes opportunity_open_change[]) returns void language sql as $$
  with net as (
    select owner_id, date_trunc('month', close_date)::date as close_month, stage_id, currency, forecast_category,
           sum(sign) as deals, sum(sign * amount) as amount
    from unnest(changes)
    group by 1, 2, 3, 4, 5
  )
  insert into opportunity_open_forecast as s (owner_id, close_month, stage_id, currency, forecast_category, deals, amount)
  select * from net
  where deals <> 0 or amount <> 0
  order by 1, 2, 3, 4, 5
  on conflict (owner_id, close_month, stage_id, currency, forecast_category) do update
    set deals = s.deals + excluded.deals, amount = s.amount + excluded.amount
$$;

create function opportunity_open_inserted() returns trigger language plpgsql as $$
begin
  perform opportunity_open_fold(array(
    select row(1, owner_id, close_date, stage_id, currency, forecast_category, amount)::opportunity_open_change
    from new_deals where status = 'OPEN'));
  return null;
end $$;

create function opportunity_open_deleted() returns trigger language plpgsql as $$
begin
  perform opportunity_open_fold(array(
    select row(-1, owner_id, close_date, stage_id, currency, forecast_category, amount)::opportunity_open_change
    from old_deals where status = 'OPEN'));
  return null;
end $$;

-- Only the rows whose counted columns changed, found by grouping both versions by id (a join of two transition
-- tables is a nested loop to the planner).
create function opportunity_open_updated() returns trigger language plpgsql as $$
declare
  moved bigint[];
begin
  select array_agg(id) into moved from (
    select id from (
      select id, (status, owner_id, close_date, stage_id, currency, forecast_category, amount) as counted from new_deals
      union all
      select id, (status, owner_id, close_date, stage_id, currency, forecast_category, amount) from old_deals
    ) v
    group by id having count(distinct counted) > 1
  ) m;
  if moved is null then
    return null;
  end if;
  perform opportunity_open_fold(array(
    select row(v.sign, v.owner_id, v.close_date, v.stage_id, v.currency, v.forecast_category, v.amount)::opportunity_open_change
    from (select 1 as sign, n.* from new_deals n join unnest(moved) m (id) on m.id = n.id
          union all
          select -1, o.* from old_deals o join unnest(moved) m (id) on m.id = o.id) v
    where v.status = 'OPEN'));
  return null;
end $$;

create function opportunity_open_truncated() returns trigger language plpgsql as $$
begin
  delete from opportunity_open_forecast;
  return null;
end $$;

create trigger opportunities_open_forecast_insert after insert on opportunities
  referencing new table as new_deals for each statement execute function opportunity_open_inserted();
create trigger opportunities_open_forecast_update after update on opportunities
  referencing old table as old_deals new table as new_deals for each statement execute function opportunity_open_updated();
create trigger opportunities_open_forecast_delete after delete on opportunities
  referencing old table as old_deals for each statement execute function opportunity_open_deleted();
create trigger opportunities_open_forecast_truncate after truncate on opportunities
  for each statement execute function opportunity_open_truncated();

-- The roll-up from the deals themselves: here, and after a bulk load with the triggers off (bench/dataset).
create function opportunity_open_rebuild() returns void language sql as $$
  delete from opportunity_open_forecast;
  insert into opportunity_open_forecast (owner_id, close_month, stage_id, currency, forecast_category, deals, amount)
  select owner_id, date_trunc('month', close_date)::date, stage_id, currency, forecast_category, count(*), sum(amount)
  from opportunities where status = 'OPEN'
  group by 1, 2, 3, 4, 5;
$$;

lock table opportunities in share mode;
select opportunity_open_rebuild();
