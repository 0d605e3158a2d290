-- Campaign and sequence mails join the one outbox (issue 12). Their rows are queued in bulk without
-- a body: content_source names the module that renders the subject and bodies when the row is sent
-- (per-recipient merge fields, tracking links, unsubscribe URL), so a 100,000-recipient campaign
-- queues 100,000 short rows instead of 100,000 rendered copies.
alter table mail_outbox add column content_source varchar(40);
alter table mail_outbox alter column subject drop not null;
alter table mail_outbox drop constraint mail_outbox_check;
alter table mail_outbox add constraint mail_outbox_content_check
  check (content_source is not null or (subject is not null and (text_body is not null or html_body is not null)));
-- The in-doubt list an admin works through (few rows; newest first).
create index mail_outbox_in_doubt_idx on mail_outbox (id) where status = 'UNKNOWN';
