-- Jobs one node runs at a time: the holder renews its lease, another node takes it once expired.
create table job_leases (
  job         varchar(50) primary key,
  holder      varchar(200) not null,
  expires_at  timestamptz not null
);

-- Events a listener has acted on, for listeners whose effect has no unique key of its own
-- (EventReceipts): a second delivery of the same event finds its receipt and does nothing.
create table event_receipts (
  consumer     varchar(100) not null,
  event_key    char(64) not null,
  received_at  timestamptz not null default now(),
  primary key (consumer, event_key)
);
create index event_receipts_received_idx on event_receipts (received_at);
