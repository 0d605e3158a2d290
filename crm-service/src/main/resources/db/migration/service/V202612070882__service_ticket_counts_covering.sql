-- A customer's ticket counts (TicketSummaryQuery: open, complaints, all) read every ticket of the customer from
-- the heap: 10,000 for the bench's largest account. With status and type in an index by account (by contact)
-- the counts are index-only scans.
create index tickets_account_counts_idx on tickets (account_id) include (status, type) where account_id is not null;
create index tickets_contact_counts_idx on tickets (contact_id) include (status, type) where contact_id is not null;
