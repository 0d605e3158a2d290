-- A portal customer (role CUSTOMER) is a person we know: the user row points at their contact.
-- At most one user per contact; staff users have none.
alter table users add column contact_id bigint references contacts (id);
create unique index users_contact_uk on users (contact_id) where contact_id is not null;
