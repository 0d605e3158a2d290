-- A sequence step mails each address once, as a campaign does: two contacts sharing an address
-- (a team inbox) got the same step twice in the same second. The sequence is kept on the send so
-- a unique index can say so; earlier sends are marked on the first per address and step only, so
-- duplicates already sent don't stop the index from being built.
alter table email_sends add column sequence_id bigint;

update email_sends s set sequence_id = f.sequence_id
from (select distinct on (e.sequence_id, x.step_position, x.email) x.id, e.sequence_id
      from email_sends x join sequence_enrolments e on e.id = x.enrolment_id
      order by e.sequence_id, x.step_position, x.email, x.id) f
where s.id = f.id;

create unique index email_sends_sequence_step_email_uk on email_sends (sequence_id, step_position, email)
    where sequence_id is not null;
