-- The pipeline board's column heads (deals, amount, weighted amount of every deal in a stage the reader may see)
-- summed every deal of each stage on each view, even index-only: at 300,000 deals a manager's board read ~300,000
-- index entries (the won and lost columns hold most deals, and grow for ever). The sums per stage and owner are kept
-- here by a trigger, so the board adds up a few rows per stage, however many deals there are; the board still sums
-- the deals themselves when filtered by close date.
create table opportunity_stage_totals (
  stage_id    bigint not null,
  owner_id    bigint not null,
  pipeline_id bigint not null,
  deals       bigint not null,
  amount      numeric not null,
  primary key (stage_id, owner_id, pipeline_id)
);

-- Adds (sign 1) or takes away (-1) one deal.
create function opportunity_stage_totals_add(p_stage bigint, p_owner bigint, p_pipeline bigint, p_amount numeric,
                                             p_sign int) returns void language sql as $$
  insert into opportunity_stage_totals as t (stage_id, owner_id, pipeline_id, deals, amount)
  values (p_stage, p_owner, p_pipeline, p_sign, p_sign * p_amount)
  on conflict (stage_id, owner_id, pipeline_id)
  do update set deals = t.deals + excluded.deals, amount = t.amount + excluded.amount
$$;

-- A move touches two rows; the lower key first, so two moves in opposite directions by the same owner wait for each
-- other instead of deadlocking.
create function opportunity_stage_totals_apply() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform opportunity_stage_totals_add(new.stage_id, new.owner_id, new.pipeline_id, new.amount, 1);
  elsif tg_op = 'DELETE' then
    perform opportunity_stage_totals_add(old.stage_id, old.owner_id, old.pipeline_id, old.amount, -1);
  elsif (old.stage_id, old.owner_id, old.pipeline_id) <= (new.stage_id, new.owner_id, new.pipeline_id) then
    perform opportunity_stage_totals_add(old.stage_id, old.owner_id, old.pipeline_id, old.amount, -1);
    perform opportunity_stage_totals_add(new.stage_id, new.owner_id, new.pipeline_id, new.amount, 1);
  else
    perform opportunity_stage_totals_add(new.stage_id, new.owner_id, new.pipeline_id, new.amount, 1);
    perform opportunity_stage_totals_add(old.stage_id, old.owner_id, old.pipeline_id, old.amount, -1);
  end if;
  return null;
end $$;
create trigger opportunity_stage_totals_on_insert_or_delete after insert or delete on opportunities
  for each row execute function opportunity_stage_totals_apply();
create trigger opportunity_stage_totals_on_update after update of stage_id, owner_id, pipeline_id, amount on opportunities
  for each row
  when ((old.stage_id, old.owner_id, old.pipeline_id, old.amount) is distinct from (new.stage_id, new.owner_id, new.pipeline_id, new.amount))
  execute function opportunity_stage_totals_apply();
-- A truncate (tests, restores) empties the sums with the deals.
create function opportunity_stage_totals_clear() returns trigger language plpgsql as $$
begin
  truncate opportunity_stage_totals;
  return null;
end $$;
create trigger opportunity_stage_totals_on_truncate after truncate on opportunities
  for each statement execute function opportunity_stage_totals_clear();

lock table opportunities in share mode;
insert into opportunity_stage_totals (stage_id, owner_id, pipeline_id, deals, amount)
select stage_id, owner_id, pipeline_id, count(*), sum(amount) from opportunities group by 1, 2, 3;
