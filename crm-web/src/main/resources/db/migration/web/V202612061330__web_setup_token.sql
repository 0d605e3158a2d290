-- The one-time token of the /setup page, kept while the database has no users (FirstStart writes it,
-- the first admin's creation deletes it). In the database so that any node behind the proxy accepts
-- the link that one node printed in its log.
create table setup_token (
  id          int primary key default 1 check (id = 1),
  token       varchar(64) not null,
  created_at  timestamptz not null default now()
);
