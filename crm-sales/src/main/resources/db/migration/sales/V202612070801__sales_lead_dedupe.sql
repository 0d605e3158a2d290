-- Duplicate leads (issue 11 item 2). "Not a duplicate" for leads, as contact_duplicate_dismissals is for people:
-- one row per pair, the smaller id first; gone with either lead (a merge deletes the merged-away lead's rows).
create table lead_duplicate_dismissals (
  lead_low     bigint      not null references leads (id) on delete cascade,
  lead_high    bigint      not null references leads (id) on delete cascade,
  dismissed_by bigint      references users (id) on delete set null,
  dismissed_at timestamptz not null default now(),
  primary key (lead_low, lead_high),
  check (lead_low < lead_high)
);
create index lead_duplicate_dismissals_high_idx on lead_duplicate_dismissals (lead_high);

-- The scan compares phone numbers on their digits (core's phone_digits), through an index as for contacts.
create index leads_phone_digits_idx on leads (phone_digits(phone));

-- A merge is noted in the survivor's activities (leads are not on core's timeline).
alter table lead_activities drop constraint lead_activities_kind_check;
alter table lead_activities add constraint lead_activities_kind_check
    check (kind in ('CALL', 'MEETING', 'NOTE', 'EMAIL', 'STATUS', 'MERGE'));
