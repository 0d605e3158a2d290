-- A customer's open tickets, most urgent first, for the single-customer dashboard
-- (TicketSummaryQuery): walked per account / contact instead of filtering the whole active queue,
-- which at hundreds of thousands of open tickets reads many rows to find a customer's five.
create index tickets_account_open_idx on tickets (account_id, queue_sort_at, id)
  where account_id is not null and status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD');
create index tickets_contact_open_idx on tickets (contact_id, queue_sort_at, id)
  where contact_id is not null and status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD');
