-- The duplicate finder (issue 11 item 2). A background scan (DuplicateScan) fills duplicate_candidates with
-- pairs of records that look like one customer; the review list reads it, best matches first, by keyset on
-- (score, id). No foreign key: one table for contacts and accounts; the review joins the records, so a pair
-- whose record is gone drops out, and a merge deletes the merged-away record's pairs.
create table duplicate_candidates (
  id          bigint generated always as identity primary key,
  record_type varchar(10) not null check (record_type in ('contact', 'account')),
  low_id      bigint      not null,
  high_id     bigint      not null,
  reason      varchar(10) not null check (reason in ('email', 'phone', 'name', 'domain')),
  score       smallint    not null check (score between 0 and 100),
  found_at    timestamptz not null default now(),
  check (low_id < high_id),
  unique (record_type, low_id, high_id)
);
create index duplicate_candidates_review_idx on duplicate_candidates (record_type, score desc, id desc);
create index duplicate_candidates_high_idx on duplicate_candidates (record_type, high_id);

-- One row per record type: the scan's lease (so one node runs it), where a pass has got to (a crashed pass
-- resumes there), and when the last pass finished.
create table duplicate_scans (
  record_type   varchar(10) primary key,
  after_id      bigint      not null default 0,
  running_until timestamptz,
  running_by    varchar(200),
  started_at    timestamptz,
  finished_at   timestamptz,
  found         bigint      not null default 0
);
insert into duplicate_scans (record_type) values ('contact'), ('account');

-- A merged-away record's old address leads to the record it was merged into.
create table merged_records (
  record_type varchar(10) not null check (record_type in ('contact', 'account')),
  merged_id   bigint      not null,
  survivor_id bigint      not null,
  merged_by   bigint      references users (id) on delete set null,
  merged_at   timestamptz not null default now(),
  primary key (record_type, merged_id)
);
create index merged_records_survivor_idx on merged_records (record_type, survivor_id);

-- "Not a duplicate" for companies, as contact_duplicate_dismissals is for people.
create table account_duplicate_dismissals (
  account_low  bigint      not null references accounts (id) on delete cascade,
  account_high bigint      not null references accounts (id) on delete cascade,
  dismissed_by bigint      references users (id) on delete set null,
  dismissed_at timestamptz not null default now(),
  primary key (account_low, account_high),
  check (account_low < account_high)
);
create index account_duplicate_dismissals_high_idx on account_duplicate_dismissals (account_high);

-- The scan compares web domains without scheme, "www." and path.
create index accounts_domain_norm_idx on accounts (regexp_replace(lower(domain), '^(https?://)?(www\.)?|/.*$', '', 'g'))
  where domain is not null;

-- A merge is recorded on the survivor.
alter table audit_log drop constraint audit_log_action_check;
alter table audit_log add constraint audit_log_action_check
    check (action in ('CREATE', 'UPDATE', 'DELETE', 'EXPORT', 'ERASE', 'MERGE'));
