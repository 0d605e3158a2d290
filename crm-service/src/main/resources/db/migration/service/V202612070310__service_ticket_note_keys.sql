-- Notes the application writes on a ticket (an SLA breach, a merge) are a message key and
-- its arguments, rendered in the reader's language when the conversation is read, like
-- the timeline's subject_key/subject_args. Such a row keeps an empty body; rows from
-- before keep their stored text.
alter table ticket_messages
  add column body_key  varchar(100),
  add column body_args jsonb;
