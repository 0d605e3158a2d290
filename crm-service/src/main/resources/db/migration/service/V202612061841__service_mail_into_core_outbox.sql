-- Support's outgoing mail (replies, acknowledgements, portal confirmations, reset links) now goes
-- through core's one outbox (mail_outbox): its rows move there, with the headers the old sender
-- added at send time, and outbound_emails goes. The ticket a mail is about is its record; the
-- sender (the support address) was chosen at send time and is left to the mail session for the
-- few rows still waiting.
insert into mail_outbox (kind, purpose, to_address, subject, text_body, headers, message_id, record_type, record_id,
                         status, attempts, next_attempt_at, sent_at, last_error, permanent, created_at, updated_at)
select case kind when 'RESET' then 'SYSTEM' else 'SERVICE' end,
       case kind when 'REPLY' then 'ticket.reply' when 'ACK' then 'ticket.ack' when 'VERIFY' then 'portal.verify'
                 else 'password.reset' end,
       to_address, subject, body,
       concat_ws(E'\n', 'In-Reply-To: ' || in_reply_to, 'References: ' || references_header,
                 'Auto-Submitted: ' || case kind when 'REPLY' then 'no' when 'ACK' then 'auto-replied'
                                                 else 'auto-generated' end,
                 'X-Auto-Response-Suppress: All'),
       message_id, case when ticket_id is not null then 'ticket' end, ticket_id,
       status, attempts, next_attempt_at, sent_at, last_error, status = 'FAILED', created_at, updated_at
from outbound_emails
order by id;

drop table outbound_emails;
