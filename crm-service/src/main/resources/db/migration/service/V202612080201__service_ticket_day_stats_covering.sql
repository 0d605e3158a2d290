-- The manager dashboard's backlog (ServiceTrendQuery.backlogAndSla) sums ticket_day_stats from the range's first day
-- on. The planner read the whole table for it (4,742 rows of two years on the bench data set, 65 pages, for a range
-- of six months: 1,367 rows), a read that grows with the days kept, not the range. With the figures in the primary
-- key's leaves the range is one index-only scan of its days (19 buffers there).
--
-- The figures change on every fold, so the roll-up's updates are no longer HOT (one more index entry per row
-- written).
alter table ticket_day_stats drop constraint ticket_day_stats_pkey,
  add constraint ticket_day_stats_pkey primary key (day, assignee_team_id, owner_team_id)
    include (opened, ended, fr_due, fr_met, res_due, res_met);
