-- A task the application schedules (after-sale, repurchase, SLA escalation, appointment,
-- lead follow-up, MQL hand-over) keeps its title and description as a message key with its
-- arguments next to the text written in the assignee's language, so every reader sees it
-- in their own language (TaskTexts). Tasks people type, and rows from before, have no key
-- and show their text.
alter table tasks
  add column title_key        varchar(100),
  add column title_args       jsonb,
  add column description_key  varchar(100),
  add column description_args jsonb;
