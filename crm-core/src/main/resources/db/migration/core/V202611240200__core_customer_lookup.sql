-- The call-centre look-up (a phone number or an e-mail address straight to the customer's page).
-- A phone number is compared on its digits only, with an international "00" prefix dropped, so
-- "+49 40 1234", "0049-40-1234" and "49401234" are the same number. One immutable function, used
-- by both the indexes and the queries, so the planner always matches them.
create function phone_digits(phone text) returns text
  language sql immutable parallel safe strict
  as $$ select nullif(regexp_replace(regexp_replace(phone, '\D', '', 'g'), '^00', ''), '') $$;

drop index if exists contacts_phone_digits_idx;
create index contacts_phone_digits_idx on contacts (phone_digits(phone));
create index contacts_mobile_digits_idx on contacts (phone_digits(mobile));
create index accounts_phone_digits_idx on accounts (phone_digits(phone));
create index accounts_email_idx on accounts (lower(email));
