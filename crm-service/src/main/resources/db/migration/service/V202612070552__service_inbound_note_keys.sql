-- The notes e-mail-to-ticket left on a ticket it opened were English sentences; they are now a
-- message key with the ticket number (ticket_messages.body_key/body_args, V202612070310), shown
-- in the reader's language. The notes written before are converted by their fixed wording.
create function pg_temp.inbound_note(pattern text, key text) returns void language sql as $$
  update ticket_messages
  set body_key = key,
      body_args = jsonb_build_array(jsonb_build_object('text', (regexp_match(body, pattern))[1])),
      body = ''
  where author_kind = 'SYSTEM' and body_key is null and body ~ pattern;
$$;

select pg_temp.inbound_note('^This is a reply to (\S+), which is closed; a new ticket was opened\.$',
                            'ticket.note.mail.replyToClosed');
select pg_temp.inbound_note('^The mail names ticket (\S+), but its sender takes no part in that ticket',
                            'ticket.note.mail.strangerNamesTicket');
select pg_temp.inbound_note('^The subject names ticket (\S+), which we don''t know; a new ticket was opened\.$',
                            'ticket.note.mail.unknownTicket');
