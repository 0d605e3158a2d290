-- CSV imports (org.opencrm.core.imports): the uploaded file kept in the database in chunks, so
-- any node can stream it; the run claimed with a lease and committed in batches, each batch moving
-- last_line and the counters in its own transaction, so a crash resumes after the last batch.
create table imports (
  id               bigserial primary key,
  record_type      text not null,
  file_name        text not null,
  created_by       bigint not null references users (id),
  state            text not null,
  charset          text not null,
  bom              boolean not null default false,
  delimiter        text not null,
  header           jsonb not null,
  mapping          jsonb not null,
  match_key        text,
  size_bytes       bigint not null,
  chunk_count      int not null,
  data_rows        bigint not null,
  processed        bigint not null default 0,
  created_count    bigint not null default 0,
  updated_count    bigint not null default 0,
  unchanged_count  bigint not null default 0,
  rejected_count   bigint not null default 0,
  reverted_count   bigint not null default 0,
  last_line        bigint not null default 1,
  lease_owner      text,
  lease_until      timestamptz,
  error            text,
  version          bigint not null default 0,
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  finished_at      timestamptz,
  constraint imports_state_check check (state in ('MAPPING', 'QUEUED', 'RUNNING', 'DONE', 'FAILED', 'REVERTING', 'REVERTED'))
);
create index imports_created_by_idx on imports (created_by, id desc);
create index imports_claim_idx on imports (state, lease_until) where state in ('QUEUED', 'RUNNING', 'REVERTING');

create table import_chunks (
  import_id  bigint not null references imports (id) on delete cascade,
  seq        int not null,
  data       bytea not null,
  primary key (import_id, seq)
);

-- What each committed row did: the record created, or the record changed with its fields' values
-- before; revert reads it backwards.
create table import_log (
  id          bigserial primary key,
  import_id   bigint not null references imports (id) on delete cascade,
  line        bigint not null,
  action      text not null check (action in ('CREATED', 'UPDATED')),
  record_id   bigint not null,
  before      jsonb,
  reverted    boolean not null default false
);
create index import_log_import_idx on import_log (import_id, id) where not reverted;

create table import_rejects (
  id          bigserial primary key,
  import_id   bigint not null references imports (id) on delete cascade,
  line        bigint not null,
  column_name text,
  reason_key  text not null,
  reason      text not null,
  raw         text
);
create index import_rejects_import_idx on import_rejects (import_id, line);
