-- The manager dashboard's pipeline by stage shows each open stage's deals per currency (amounts in different
-- currencies are never added) and summed a team's open deals stage by stage on every view (429 buffers on the
-- bench data set, growing with the open deals). opportunity_stage_totals (V202612070891) now keeps its sums per
-- currency as well, so the dashboard reads a few rows per stage, as the board does; the board adds the currencies up
-- as before. The same row trigger keeps it; a deal changing currency moves its amount between rows.
lock table opportunities in share mode;

alter table opportunity_stage_totals add column currency char(3), drop constraint opportunity_stage_totals_pkey;
delete from opportunity_stage_totals;
insert into opportunity_stage_totals (stage_id, owner_id, pipeline_id, currency, deals, amount)
select stage_id, owner_id, pipeline_id, currency, count(*), sum(amount) from opportunities group by 1, 2, 3, 4;
alter table opportunity_stage_totals
  alter column currency set not null,
  add primary key (stage_id, owner_id, pipeline_id, currency);

drop trigger opportunity_stage_totals_on_update on opportunities;
drop function opportunity_stage_totals_add(bigint, bigint, bigint, numeric, int);

-- Adds (sign 1) or takes away (-1) one deal.
create function opportunity_stage_totals_add(p_stage bigint, p_owner bigint, p_pipeline bigint, p_currency char(3),
                                             p_amount numeric, p_sign int) returns void language sql as $$
  insert into opportunity_stage_totals as t (stage_id, owner_id, pipeline_id, currency, deals, amount)
  values (p_stage, p_owner, p_pipeline, p_currency, p_sign, p_sign * p_amount)
  on conflict (stage_id, owner_id, pipeline_id, currency)
  do update set deals = t.deals + excluded.deals, amount = t.amount + excluded.amount
$$;

-- A move touches two rows; the lower key first, so two moves in opposite directions by the same owner wait for each
-- other instead of deadlocking.
create or replace function opportunity_stage_totals_apply() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform opportunity_stage_totals_add(new.stage_id, new.owner_id, new.pipeline_id, new.currency, new.amount, 1);
  elsif tg_op = 'DELETE' then
    perform opportunity_stage_totals_add(old.stage_id, old.owner_id, old.pipeline_id, old.currency, old.amount, -1);
  elsif (old.stage_id, old.owner_id, old.pipeline_id, old.currency)
        <= (new.stage_id, new.owner_id, new.pipeline_id, new.currency) then
    perform opportunity_stage_totals_add(old.stage_id, old.owner_id, old.pipeline_id, old.currency, old.amount, -1);
    perform opportunity_stage_totals_add(new.stage_id, new.owner_id, new.pipeline_id, new.currency, new.amount, 1);
  else
    perform opportunity_stage_totals_add(new.stage_id, new.owner_id, new.pipeline_id, new.currency, new.amount, 1);
    perform opportunity_stage_totals_add(old.stage_id, old.owner_id, old.pipeline_id, old.currency, old.amount, -1);
  end if;
  return null;
end $$;
create trigger opportunity_stage_totals_on_update
  after update of stage_id, owner_id, pipeline_id, amount, currency on opportunities
  for each row
  when ((old.stage_id, old.owner_id, old.pipeline_id, old.amount, old.currency)
        is distinct from (new.stage_id, new.owner_id, new.pipeline_id, new.amount, new.currency))
  execute function opportunity_stage_totals_apply();
