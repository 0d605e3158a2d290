-- tickets_account_counts_idx (V202612070882) made an account page's ticket counts index-only; since V202612071300
-- the page reads account_ticket_stats instead. Its other readers by account are served as well by
-- tickets_account_idx (account_id, created_at): the health pass's service signals (they read each ticket's id for
-- its SLA breaches, so the heap either way), the count before a merge or an erase, the ticket list's account filter.
-- One index fewer on the tickets' every write. The contact page still reads tickets_contact_counts_idx.
drop index tickets_account_counts_idx;
