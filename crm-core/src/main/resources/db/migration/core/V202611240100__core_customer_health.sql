-- Each account's health: a 0–100 score recomputed on a schedule (never on page view), the factors
-- that make it up (their points add up to the score) and the account's RFM segment.
create table customer_health (
  account_id     bigint primary key references accounts (id) on delete cascade,
  score          int not null check (score between 0 and 100),
  previous_score int check (previous_score between 0 and 100),
  band           varchar(16) not null check (band in ('HEALTHY', 'WATCH', 'AT_RISK')),
  rfm_segment    varchar(32) not null,
  recency_days   int,
  frequency      int not null default 0,
  monetary       numeric(18, 2) not null default 0,
  factors        jsonb not null default '[]',
  computed_at    timestamptz not null
);
create index customer_health_band_score on customer_health (band, score);
create index customer_health_rfm on customer_health (rfm_segment);
