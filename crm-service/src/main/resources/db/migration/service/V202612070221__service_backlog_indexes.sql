-- The manager dashboard's backlog reads only the tickets that move something in its range
-- (ServiceTrendQuery.backlogAndSla): those opened in it (tickets_opened_idx), and of the older ones
-- those not ended yet (with the columns a team filter reads: an index-only scan) or ended since the
-- range began. Plain CREATE INDEX (Flyway runs in a transaction): it blocks writes to tickets while
-- it builds, about a second per 100,000 tickets.
create index tickets_not_ended_idx on tickets (opened_at) include (assignee_id, account_id)
  where resolved_at is null and closed_at is null;
create index tickets_ended_idx on tickets (least(resolved_at, closed_at), opened_at);
