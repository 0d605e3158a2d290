-- "Save anyway" on a duplicate warning says the two contacts are different people: later edits of
-- either don't warn about the other again. One row per pair, the smaller id first; gone with either contact.
create table contact_duplicate_dismissals (
  contact_low  bigint      not null references contacts (id) on delete cascade,
  contact_high bigint      not null references contacts (id) on delete cascade,
  dismissed_by bigint      references users (id) on delete set null,
  dismissed_at timestamptz not null default now(),
  primary key (contact_low, contact_high),
  check (contact_low < contact_high)
);
create index contact_duplicate_dismissals_high_idx on contact_duplicate_dismissals (contact_high);
