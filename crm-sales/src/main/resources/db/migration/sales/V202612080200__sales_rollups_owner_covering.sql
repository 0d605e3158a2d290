-- The forecast (by rep, its lost reasons and sources), the dashboard's forecast by rep and the sales-by-rep report
-- read the owner roll-ups for a team (or one rep): through the period indexes they read every owner's rows of the
-- period and kept the team's in a filter (the forecast's reasons and sources: 4,923 month rows of 43 owners for a
-- team's 1,070, from the heap, twice; the open deals: 2,014 rows for 585). ClosedDealStats and ForecastService now
-- also name the scope's owners as a key (owner_id = any(array of the visible owners)), read through the primary keys,
-- which lead with the owner: one descent per owner, just the team's rows. With the figures in the keys' leaves those
-- reads are index-only. An admin's view of all owners still reads the period indexes.
--
-- The figures change on every fold, so the roll-ups' updates are no longer HOT (one more index entry per row
-- written; opportunity_closed_stats' period index already holds them).
alter table opportunity_closed_stats drop constraint opportunity_closed_stats_pkey,
  add constraint opportunity_closed_stats_pkey primary key (owner_id, grain, period, currency, status)
    include (deals, amount, cycle_seconds);
alter table opportunity_closed_mix drop constraint opportunity_closed_mix_pkey,
  add constraint opportunity_closed_mix_pkey primary key (owner_id, grain, period, currency, status, lost_reason, source)
    include (deals, amount);
alter table opportunity_open_forecast drop constraint opportunity_open_forecast_pkey,
  add constraint opportunity_open_forecast_pkey primary key (owner_id, close_month, stage_id, currency, forecast_category)
    include (deals, amount);
