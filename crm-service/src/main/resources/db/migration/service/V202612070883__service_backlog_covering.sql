-- The manager dashboard's backlog and SLA chart (ServiceTrendQuery.backlogAndSla) reads every ticket opened in
-- its range (six months: ~100,000 tickets on the bench data set) and the older ones ended since, each from the
-- heap to read its dates and, with a team, its assignee and account. With those columns in the indexes both
-- reads are index-only scans. tickets_ended_idx is rebuilt with them (same key).
create index tickets_opened_sla_idx on tickets (opened_at)
  include (assignee_id, account_id, resolved_at, closed_at, first_response_due_at, first_responded_at,
           resolution_due_at);
drop index tickets_ended_idx;
create index tickets_ended_idx on tickets (least(resolved_at, closed_at), opened_at)
  include (resolved_at, closed_at, assignee_id, account_id);
