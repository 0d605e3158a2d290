-- Timeline lines the application writes are stored as a message key plus arguments and
-- rendered in each reader's language; the plain columns keep what a person wrote and the
-- text of entries from before this change.
alter table interactions
  add column subject_key  varchar(100),
  add column subject_args jsonb,
  add column body_key     varchar(100),
  add column body_args    jsonb,
  alter column subject drop not null,
  add constraint interactions_subject_present check (subject is not null or subject_key is not null);
