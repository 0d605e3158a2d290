-- What became of an inbound e-mail (the admins' inbound list) was an English sentence in
-- inbound_emails.reason; it is now a message key with its arguments (reason_key/reason_args, as
-- the timeline's), shown in the reader's language. Rows written before are converted by their
-- fixed wording; anything else (a technical failure text) keeps its plain reason.
alter table inbound_emails
  add column reason_key  varchar(100),
  add column reason_args jsonb;

create function pg_temp.inbound_reason(pattern text, key text) returns void language sql as $$
  update inbound_emails
  set reason_key = key,
      reason_args = case when (regexp_match(reason, pattern))[1] is null then null
                         else jsonb_build_array(jsonb_build_object('text', (regexp_match(reason, pattern))[1])) end,
      reason = null
  where reason_key is null and reason ~ pattern;
$$;

select pg_temp.inbound_reason('^Automatic message \(Auto-Submitted: (.*)\)$', 'mail.inbound.reason.autoSubmitted');
select pg_temp.inbound_reason('^Mass mail \(Precedence: (.*)\)$', 'mail.inbound.reason.bulk');
select pg_temp.inbound_reason('^Delivery report \(bounce\) from (.*)$', 'mail.inbound.reason.bounce');
select pg_temp.inbound_reason('^Sent from our own address \(mail loop\)$', 'mail.inbound.reason.loop');
select pg_temp.inbound_reason('^Answer to a customer e-mail; put on the customer''s timeline$',
                              'mail.inbound.reason.customerReply');
select pg_temp.inbound_reason('^Answer to a customer e-mail whose record no longer exists$',
                              'mail.inbound.reason.customerReplyGone');
select pg_temp.inbound_reason('^Threaded onto (\S+)$', 'mail.inbound.reason.threaded');
select pg_temp.inbound_reason('^Opened (\S+)$', 'mail.inbound.reason.opened');
select pg_temp.inbound_reason('^This is a reply to (\S+), which is closed; a new ticket was opened\.$',
                              'ticket.note.mail.replyToClosed');
select pg_temp.inbound_reason('^The mail names ticket (\S+), but its sender takes no part in that ticket.*opened \(merge it if it belongs there\)\.$',
                              'ticket.note.mail.strangerNamesTicket');
select pg_temp.inbound_reason('^The subject names ticket (\S+), which we don''t know; a new ticket was opened\.$',
                              'ticket.note.mail.unknownTicket');
