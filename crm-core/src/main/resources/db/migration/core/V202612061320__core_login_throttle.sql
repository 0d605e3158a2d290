-- Failed sign-ins per account (by the name typed, whether or not such a user exists) and per client
-- address, shared by every node: see LoginThrottle for the limits. Rows go when a sign-in succeeds
-- (accounts) or a day after the last failure.
create table login_throttle (
  throttle_key      varchar(300) primary key,
  failures          integer not null default 0,
  window_started_at timestamptz not null,
  lockouts          integer not null default 0,
  locked_until      timestamptz,
  updated_at        timestamptz not null
);

create index login_throttle_updated_idx on login_throttle (updated_at);
