-- The admin's set-up steps (users, pipeline, queue and SLA, company and mail) are read from the real
-- state of the install; only the admin's "don't show these again" is stored: one row once dismissed.
create table setup_checklist (
  id            int primary key default 1 check (id = 1),
  dismissed_at  timestamptz not null default now()
);
