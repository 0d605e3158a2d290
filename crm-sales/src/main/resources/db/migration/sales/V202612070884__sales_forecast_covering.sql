-- The forecast (ForecastService: three statements over the period's deals), the sales-by-rep report and the
-- dashboard's win rate read the deals of a period from the heap: the open ones by close date, the won and lost
-- ones by the time they closed. With the columns those statements read in the two indexes each part is an
-- index-only scan. opportunities_closed_idx keeps its key and predicate (the win rate's plan) and gains the
-- report's and forecast's columns.
drop index opportunities_closed_idx;
create index opportunities_closed_idx on opportunities (status, closed_at, owner_id)
  include (currency, amount, created_at, lost_reason, source) where closed_at is not null;
create index opportunities_open_forecast_idx on opportunities (close_date)
  include (owner_id, currency, amount, forecast_category, stage_id) where status = 'OPEN';
-- The dashboard's pipeline by stage (SalesDashboardQuery.pipelineByStage): the open deals of each stage with
-- their owner, amount and currency, index-only (opportunities_stage_totals_idx lacks status and currency).
create index opportunities_open_stage_idx on opportunities (stage_id, owner_id) include (amount, currency)
  where status = 'OPEN';
-- A customer's deal totals (SalesCustomerSummary: open and won by currency, won this year): the account's every
-- deal the reader may see, from the heap (6,570 for the bench's largest account, 4,450 buffers); index-only.
create index opportunities_account_totals_idx on opportunities (account_id, owner_id)
  include (status, currency, amount, closed_at, close_date);
