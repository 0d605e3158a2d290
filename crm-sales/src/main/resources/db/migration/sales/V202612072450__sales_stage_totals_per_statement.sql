-- The board's and the dashboard's stage totals (opportunity_stage_totals, V202612070891/V202612070942) were kept by
-- row triggers: one upsert per deal written. A statement writing many deals of one stage, owner and currency (a bulk
-- delete, an import, a reassignment) updated the same totals row once per deal inside one transaction, and each
-- update walked that row's growing chain of versions, so the statement was quadratic (stop 29: deleting 16,000 deals
-- sharing a word took 36 s, most of it here). They are now folded once per statement from the transition tables, as
-- the forecast's open deals (V202612071000): one upsert per key the statement touched, in key order (two statements
-- moving deals between the same rows wait for each other instead of deadlocking). Every deal counts, whatever its
-- status, as before; rows brought to zero stay, as before (the readers add up). The truncate trigger stays.
lock table opportunities in share row exclusive mode;

drop trigger opportunity_stage_totals_on_insert_or_delete on opportunities;
drop trigger opportunity_stage_totals_on_update on opportunities;
drop function opportunity_stage_totals_apply();
drop function opportunity_stage_totals_add(bigint, bigint, bigint, char, numeric, int);

create type opportunity_stage_change as (
  sign        int,
  stage_id    bigint,
  owner_id    bigint,
  pipeline_id bigint,
  currency    char(3),
  amount      numeric
);

-- One upsert reading only its array (the arbiter index finds the row), so the generic plan is the right one at any
-- size of the table (see V202612072001).
create function opportunity_stage_totals_fold(changes opportunity_stage_change[]) returns void
  language plpgsql set plan_cache_mode = force_generic_plan as $$
begin
  insert into opportunity_stage_totals as t (stage_id, owner_id, pipeline_id, currency, deals, amount)
  select stage_id, owner_id, pipeline_id, currency, sum(sign), sum(sign * amount)
  from unnest(changes)
  group by 1, 2, 3, 4
  having sum(sign) <> 0 or sum(sign * amount) <> 0
  order by 1, 2, 3, 4
  on conflict (stage_id, owner_id, pipeline_id, currency) do update
    set deals = t.deals + excluded.deals, amount = t.amount + excluded.amount;
end $$;

create function opportunity_stage_totals_inserted() returns trigger language plpgsql as $$
begin
  perform opportunity_stage_totals_fold(array(
    select row(1, stage_id, owner_id, pipeline_id, currency, amount)::opportunity_stage_change from new_deals));
  return null;
end $$;

create function opportunity_stage_totals_deleted() returns trigger language plpgsql as $$
begin
  perform opportunity_stage_totals_fold(array(
    select row(-1, stage_id, owner_id, pipeline_id, currency, amount)::opportunity_stage_change from old_deals));
  return null;
end $$;

-- Only the deals whose counted columns changed, found by grouping both versions by id (a join of two transition
-- tables is a nested loop to the planner); most updates of a deal (a name, a note, a close date) change none.
create function opportunity_stage_totals_updated() returns trigger language plpgsql as $$
declare
  moved bigint[];
begin
  select array_agg(id) into moved from (
    select id from (
      select id, (stage_id, owner_id, pipeline_id, currency, amount) as counted from new_deals
      union all
      select id, (stage_id, owner_id, pipeline_id, currency, amount) from old_deals
    ) v
    group by id having count(distinct counted) > 1
  ) m;
  if moved is null then
    return null;
  end if;
  perform opportunity_stage_totals_fold(array(
    select row(v.sign, v.stage_id, v.owner_id, v.pipeline_id, v.currency, v.amount)::opportunity_stage_change
    from (select 1 as sign, n.stage_id, n.owner_id, n.pipeline_id, n.currency, n.amount
          from new_deals n join unnest(moved) m (id) on m.id = n.id
          union all
          select -1, o.stage_id, o.owner_id, o.pipeline_id, o.currency, o.amount
          from old_deals o join unnest(moved) m (id) on m.id = o.id) v));
  return null;
end $$;

create trigger opportunities_stage_totals_insert after insert on opportunities
  referencing new table as new_deals for each statement execute function opportunity_stage_totals_inserted();
create trigger opportunities_stage_totals_update after update on opportunities
  referencing old table as old_deals new table as new_deals for each statement execute function opportunity_stage_totals_updated();
create trigger opportunities_stage_totals_delete after delete on opportunities
  referencing old table as old_deals for each statement execute function opportunity_stage_totals_deleted();
