-- A user's own settings (/me/settings), next to users.locale (their language): the time zone
-- every date they see is shown in and every date they type is read in (an IANA id; null: the
-- install's, crm.time-zone), and the hour of their day the daily notification digest goes out.
alter table users
  add column time_zone   varchar(64),
  add column digest_hour smallint not null default 7 check (digest_hour between 0 and 23);
