-- An account's e-mail figures on its page (MarketingCustomerSummary.forAccount: received, opened, clicked, the
-- latest open, click and send, the five most recent) read every send to every contact of the account: for the
-- bench's largest account 41,627 sends of 20,900 contacts, 20,900 index probes and 74,300 buffers per view,
-- growing with the account. Two things make it constant:
--
-- 1. email_sends.account_id: the account of the send's contact, kept by triggers. A send takes it from its contact
--    when written or moved to another contact (merge; erasure and a deleted contact set contact_id null, so
--    account_id too); a contact changing account takes its sends along. The latest sends, opens and clicks of an
--    account are then the first entries of an index on account_id.
-- 2. account_email_stats: per account, how many sends were received (SENT), opened and clicked, kept by
--    statement-level triggers on email_sends (transition tables), one upsert per statement and account, as
--    campaign_send_stats (V202612070880) is kept. A contact changing account updates its sends' account_id, and
--    that update moves their counts from one account to the other.
--
-- Marketing owns email_sends and this roll-up; core owns contacts. The trigger on contacts is marketing's: it
-- reacts to a core row's account changing and writes only marketing's table (core knows nothing of e-mail).

alter table email_sends add column account_id bigint;
comment on column email_sends.account_id is
  'The account of the contact the mail went to (null without one). Kept by triggers; never written by the application.';

create table account_email_stats (
  account_id bigint primary key,
  received   bigint not null default 0,
  opened     bigint not null default 0,
  clicked    bigint not null default 0
);
comment on table account_email_stats is
  'Per account: its contacts'' campaign and sequence mails received (SENT), opened and clicked. Kept by triggers on email_sends.';

-- A send's account, from its contact. "for share" on the contact: a contact changing account meanwhile waits for
-- this transaction (so its own update of the sends sees this one), or this one waits for it and reads the new
-- account; without the lock a send written while its contact moves would keep the old account.
create function email_sends_account() returns trigger language plpgsql as $$
begin
  if new.contact_id is null then
    new.account_id := null;
  else
    select c.account_id into new.account_id from contacts c where c.id = new.contact_id for share;
  end if;
  return new;
end $$;
create trigger email_sends_account_on_insert before insert on email_sends
  for each row execute function email_sends_account();
create trigger email_sends_account_on_update before update of contact_id on email_sends
  for each row when (old.contact_id is distinct from new.contact_id) execute function email_sends_account();

-- A contact moving to another account (or out of one) takes its sends along (email_sends_contact_idx).
create function contacts_account_to_email_sends() returns trigger language plpgsql as $$
begin
  update email_sends set account_id = new.account_id
  where contact_id = new.id and account_id is distinct from new.account_id;
  return null;
end $$;
create trigger contacts_account_to_email_sends after update of account_id on contacts
  for each row when (old.account_id is distinct from new.account_id)
  execute function contacts_account_to_email_sends();

-- An account whose sends all left it (its contacts moved or merged away, erased, deleted) has no row: a merged
-- company leaves nothing behind, and the roll-up holds exactly the accounts with something to count.
create function account_email_stats_prune(accounts bigint[]) returns void language sql as $$
  delete from account_email_stats
  where account_id = any(accounts) and received = 0 and opened = 0 and clicked = 0
$$;

-- The statement's net change per account: +1 for each new row version that counts, -1 for each old one, upserted
-- in account order (two writers never lock the same rows in opposite orders).
create function account_email_stats_inserted() returns trigger language plpgsql as $$
begin
  insert into account_email_stats as s (account_id, received, opened, clicked)
  select account_id, count(*) filter (where status = 'SENT'), count(opened_at), count(clicked_at)
  from new_sends where account_id is not null
  group by account_id
  having count(*) filter (where status = 'SENT') > 0 or count(opened_at) > 0 or count(clicked_at) > 0
  order by account_id
  on conflict (account_id) do update
    set received = s.received + excluded.received, opened = s.opened + excluded.opened,
        clicked = s.clicked + excluded.clicked;
  return null;
end $$;

create function account_email_stats_updated() returns trigger language plpgsql as $$
begin
  with changes as (
    select account_id, 1 as sign, status, opened_at, clicked_at from new_sends where account_id is not null
    union all
    select account_id, -1, status, opened_at, clicked_at from old_sends where account_id is not null
  ), net as (
    select account_id, coalesce(sum(sign) filter (where status = 'SENT'), 0) as received,
           coalesce(sum(sign) filter (where opened_at is not null), 0) as opened,
           coalesce(sum(sign) filter (where clicked_at is not null), 0) as clicked
    from changes group by account_id
  )
  insert into account_email_stats as s (account_id, received, opened, clicked)
  select account_id, received, opened, clicked from net
  where received <> 0 or opened <> 0 or clicked <> 0
  order by account_id
  on conflict (account_id) do update
    set received = s.received + excluded.received, opened = s.opened + excluded.opened,
        clicked = s.clicked + excluded.clicked;
  perform account_email_stats_prune(array(select account_id from old_sends where account_id is not null));
  return null;
end $$;

create function account_email_stats_deleted() returns trigger language plpgsql as $$
begin
  insert into account_email_stats as s (account_id, received, opened, clicked)
  select account_id, -count(*) filter (where status = 'SENT'), -count(opened_at), -count(clicked_at)
  from old_sends where account_id is not null
  group by account_id
  having count(*) filter (where status = 'SENT') > 0 or count(opened_at) > 0 or count(clicked_at) > 0
  order by account_id
  on conflict (account_id) do update
    set received = s.received + excluded.received, opened = s.opened + excluded.opened,
        clicked = s.clicked + excluded.clicked;
  perform account_email_stats_prune(array(select account_id from old_sends where account_id is not null));
  return null;
end $$;

create function account_email_stats_truncated() returns trigger language plpgsql as $$
begin
  delete from account_email_stats;
  return null;
end $$;

create trigger email_sends_account_stats_insert after insert on email_sends
  referencing new table as new_sends for each statement execute function account_email_stats_inserted();
create trigger email_sends_account_stats_update after update on email_sends
  referencing old table as old_sends new table as new_sends for each statement execute function account_email_stats_updated();
create trigger email_sends_account_stats_delete after delete on email_sends
  referencing old table as old_sends for each statement execute function account_email_stats_deleted();
create trigger email_sends_account_stats_truncate after truncate on email_sends
  for each statement execute function account_email_stats_truncated();

-- The sends there are: their account, then the roll-up from them. The campaign roll-up's update trigger is off
-- meanwhile (the fill changes none of what it counts, and would otherwise read every send twice for nothing).
alter table email_sends disable trigger email_sends_stats_update;
alter table email_sends disable trigger email_sends_account_stats_update;
update email_sends s set account_id = c.account_id
from contacts c where c.id = s.contact_id and c.account_id is not null;
alter table email_sends enable trigger email_sends_stats_update;
alter table email_sends enable trigger email_sends_account_stats_update;

insert into account_email_stats (account_id, received, opened, clicked)
select account_id, count(*) filter (where status = 'SENT'), count(opened_at), count(clicked_at)
from email_sends where account_id is not null
group by account_id
having count(*) filter (where status = 'SENT') > 0 or count(opened_at) > 0 or count(clicked_at) > 0;

-- An account's five most recent mails (and its latest send), latest open and latest click: the first entries.
create index email_sends_account_recent_idx on email_sends (account_id, sent_at desc, id desc)
  where status = 'SENT' and account_id is not null;
create index email_sends_account_opened_idx on email_sends (account_id, opened_at desc)
  where opened_at is not null and account_id is not null;
create index email_sends_account_clicked_idx on email_sends (account_id, clicked_at desc)
  where clicked_at is not null and account_id is not null;
