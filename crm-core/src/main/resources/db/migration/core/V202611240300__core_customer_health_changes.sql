-- Accounts whose health may have changed since it was computed: one row per change (deals won,
-- timeline entries, SLA breaches, new accounts), appended without locking anything. The
-- recompute claims rows with FOR UPDATE SKIP LOCKED and deletes them with the new scores, so
-- several nodes share the work and nothing marked after a claim is lost.
create table customer_health_changes (
  id          bigint generated always as identity primary key,
  account_id  bigint not null,
  marked_at   timestamptz not null default now()
);

-- The full pass (daily and "recompute now"): claimed by a lease so one node runs it at a time.
create table customer_health_jobs (
  job            varchar(30) primary key,
  running_until  timestamptz,
  running_by     varchar(100),
  last_full_on   date,
  last_full_at   timestamptz
);
insert into customer_health_jobs (job) values ('full');

-- The at-risk list pages by (score, account id) within a band.
drop index customer_health_band_score;
create index customer_health_band_score_idx on customer_health (band, score, account_id);
