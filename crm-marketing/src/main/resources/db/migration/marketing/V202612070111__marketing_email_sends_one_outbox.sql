-- Campaign and sequence mails go through core's one outbox (mail_outbox, sent by MailWorker) like
-- every other mail; marketing keeps only its per-send record for stats and tracking: email_sends
-- (which contact, campaign or sequence step, template; opened, clicked, unsubscribed; the delivery
-- status copied back from mail_outbox by SendProgress). The old queue's lease columns go.

-- Rows still to send move to the one outbox, rendered when sent (content_source 'marketing'). One
-- whose SMTP call may have started becomes UNKNOWN there (in doubt: listed for a person, not resent);
-- SENT, FAILED and UNKNOWN rows are copied as they are, so the outbox holds every mail sent.
insert into mail_outbox (kind, purpose, content_source, to_address, message_id, record_type, record_id, status,
                         attempts, next_attempt_at, smtp_started_at, sent_at, last_error, permanent, created_at,
                         updated_at)
select 'MARKETING', case when o.campaign_id is not null then 'campaign' else 'sequence' end, 'marketing', o.email,
       o.message_id, 'email_send', o.id,
       case when o.status = 'SENDING' and o.smtp_started_at is not null then 'UNKNOWN'
            when o.status = 'SENDING' then 'PENDING' else o.status end,
       o.attempts, o.next_attempt_at, o.smtp_started_at, o.sent_at,
       case when o.status = 'SENDING' and o.smtp_started_at is not null
            then 'Moved to the one outbox during its SMTP call: may have been delivered, not resent'
            else o.last_error end,
       o.permanent, o.created_at, o.updated_at
from email_outbox o
on conflict (message_id) do nothing;

alter table email_outbox rename to email_sends;
update email_sends set status = 'PENDING' where status = 'SENDING' and smtp_started_at is null;
update email_sends set status = 'UNKNOWN' where status = 'SENDING';
alter table email_sends drop constraint email_outbox_status_check;
alter table email_sends add constraint email_sends_status_check
  check (status in ('PENDING', 'SENT', 'FAILED', 'UNKNOWN'));
drop index email_outbox_due_idx;
drop index email_outbox_lease_idx;
alter table email_sends drop column attempts, drop column next_attempt_at, drop column claimed_until,
  drop column claimed_by, drop column smtp_started_at;
alter index email_outbox_pkey rename to email_sends_pkey;
alter index email_outbox_message_id_uk rename to email_sends_message_id_uk;
alter index email_outbox_campaign_contact_uk rename to email_sends_campaign_contact_uk;
alter index email_outbox_campaign_email_uk rename to email_sends_campaign_email_uk;
alter index email_outbox_enrolment_step_uk rename to email_sends_enrolment_step_uk;
alter index email_outbox_contact_idx rename to email_sends_contact_idx;
alter index email_outbox_campaign_status_idx rename to email_sends_campaign_status_idx;
alter index email_outbox_touch_idx rename to email_sends_touch_idx;
alter table email_sends rename constraint email_outbox_enrolment_fk to email_sends_enrolment_fk;
-- What SendProgress copies the outcome to: sends whose mail has not settled yet (few at a time).
create index email_sends_waiting_idx on email_sends (id) where status in ('PENDING', 'UNKNOWN');
