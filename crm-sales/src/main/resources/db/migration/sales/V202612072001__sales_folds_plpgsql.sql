-- The deal roll-ups' folds (closed stats, open forecast, closed mix: once per statement on opportunities) and the
-- stage totals' upsert (once or twice per deal written) were `language sql` functions, which PostgreSQL 15 plans again
-- on every call; in PL/pgSQL the plans are kept for the connection (see V202612072000 in crm-service for the ticket
-- folds and the numbers).
--
-- Each is one upsert reading only its arguments: the roll-up row it adds to is found through the arbiter (primary
-- key) index of ON CONFLICT, no plan choice, so a generic plan made while a roll-up table was empty stays right as it
-- grows (the trap of V202612071600 needs a plan that reads the table). The functions are pinned to that one generic
-- plan (plan_cache_mode = force_generic_plan). Their bodies are taken as they are (one statement each, valid PL/pgSQL
-- as it stands), so the PL/pgSQL functions do exactly what the SQL ones did.
do $$
declare
  f regprocedure;
begin
  foreach f in array array['opportunity_closed_fold(opportunity_closed_change[])',
                           'opportunity_open_fold(opportunity_open_change[])',
                           'opportunity_mix_fold(opportunity_mix_change[])',
                           'opportunity_stage_totals_add(bigint, bigint, bigint, char, numeric, int)']::regprocedure[] loop
    execute (select format('create or replace function %I(%s) returns void language plpgsql '
                           'set plan_cache_mode = force_generic_plan as %L',
                           p.proname, pg_get_function_arguments(p.oid),
                           E'begin\n' || rtrim(p.prosrc, E'; \n') || E';\nend')
             from pg_proc p where p.oid = f and p.prolang = (select oid from pg_language where lanname = 'sql'));
  end loop;
end $$;

-- Already PL/pgSQL, with the trap above: its delete of the keys brought to zero reads account_deal_totals by account
-- under the plan kept from the connection's first calls (a sequential scan if the table was empty then). Pinned to
-- the generic plan like the others, with the delete run through EXECUTE, planned on each run at the table's size.
create or replace function account_deal_totals_fold(changes account_deal_change[]) returns void
  language plpgsql set plan_cache_mode = force_generic_plan as $$
declare
  emptied bigint[];
begin
  with net as (
    select account_id, owner_id, currency, status, account_deal_won_year(status, closed_at, close_date) as won_year,
           sum(sign) as deals, sum(sign * amount) as amount
    from unnest(changes)
    where status in ('OPEN', 'WON')
    group by 1, 2, 3, 4, 5
  ), upserted as (
    insert into account_deal_totals as t (account_id, owner_id, currency, status, won_year, deals, amount)
    select * from net where deals <> 0 or amount <> 0
    order by 1, 2, 3, 4, 5
    on conflict (account_id, owner_id, currency, status, won_year) do update
      set deals = t.deals + excluded.deals, amount = t.amount + excluded.amount
    returning t.account_id, t.deals
  )
  select array_agg(distinct account_id) into emptied from upserted where deals = 0;
  if emptied is not null then
    execute 'delete from account_deal_totals where account_id = any($1) and deals = 0' using emptied;
  end if;
end $$;
