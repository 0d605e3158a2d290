-- A customer's e-mail figures (MarketingCustomerSummary: received, opened, clicked, the latest, the five most
-- recent) read every send to the customer's contacts; for the bench's largest account 41,000 sends of 20,900
-- contacts, fetched from the heap (or a parallel scan of all 2M sends). With the columns those statements read
-- in the contact index they are index-only scans. Replaces email_sends_contact_idx (contact_id, sent_at desc).
drop index email_sends_contact_idx;
create index email_sends_contact_idx on email_sends (contact_id, sent_at desc, id desc)
  include (status, opened_at, clicked_at) where contact_id is not null;
