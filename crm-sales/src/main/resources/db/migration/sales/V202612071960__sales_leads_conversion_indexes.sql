-- The foreign keys from leads to what a conversion made had no index: deleting an account, a contact or a deal had
-- PostgreSQL's check read every lead (200,000 at the bench's size: 51 ms per account deleted, so minutes for a bulk
-- delete). Partial: almost every lead is unconverted (null), and the checks look for one id (strict "=", so the
-- planner uses these).
create index leads_converted_account_idx on leads (converted_account_id) where converted_account_id is not null;
create index leads_converted_contact_idx on leads (converted_contact_id) where converted_contact_id is not null;
create index leads_converted_opportunity_idx on leads (converted_opportunity_id) where converted_opportunity_id is not null;
