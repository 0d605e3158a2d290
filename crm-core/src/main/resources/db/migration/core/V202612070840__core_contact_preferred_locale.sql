-- The language mails to a contact are written in (acknowledgements, surveys, portal mails):
-- a message-file language such as "de". A portal user's own setting (users.locale) comes
-- first; null here: the install's default (crm.mail.outbox.locale).
alter table contacts add column preferred_locale varchar(35);
