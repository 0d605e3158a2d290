-- The manager dashboard's win rate, the forecast's closed figures and the sales-by-rep report read
-- opportunity_closed_stats by period for every owner and keep the scope's owners (ClosedDealStats): through
-- (grain, period) each row was a heap visit, 340 buffers for the win rate of a team on the bench data set (3,800 day
-- rows of every owner, for the team's 1,100). With the owner and the figures in the index, those reads are
-- index-only: the owners outside the scope are dropped in the index. The index read first by owner (the primary
-- key, one descent per owner and range) costs more for a team of thirteen than this one range.
drop index opportunity_closed_stats_period_idx;
create index opportunity_closed_stats_period_idx on opportunity_closed_stats (grain, period, owner_id)
  include (currency, status, deals, amount, cycle_seconds);
