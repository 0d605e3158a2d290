-- Secrets the application generates once when none is configured (the link-signing key), shared
-- by every node.
create table app_secrets (
  name       varchar(50) primary key,
  value      varchar(200) not null,
  created_at timestamptz not null default now()
);
