-- An account changing hands no longer moves all of a large account's contacts in the account form's request.
-- Stop 29 measured the largest account (20,900 contacts, 115,127 search-word links) at 22-32 s inside that request
-- (bench/results/2026-12-07-stop29-writes.md, c), holding row locks on every contact meanwhile. Now:
--  * an account of at most 500 contacts cascades in the same statement as before (about 0.6 s at 500 contacts: the
--    measured ~1.2 ms per contact and its links), so nothing changes for nearly every account;
--  * a larger one gets one row here, in the same transaction as the owner change, and AccountOwnerMoves (a job on
--    every node, rows claimed with "for update skip locked") moves its contacts and their links in batches of about
--    1,000 per transaction (account_owner_move_batch below). A second change before the first is through
--    supersedes it: the row is upserted and starts again from the first contact.
-- Until the job is through, the contacts still answer to the previous owner in lists and search (the rule stays one
-- condition on the contact's row, contacts_access_idx; see bench/results/2026-12-07-stop30-owner.md).
create table account_owner_moves (
  account_id bigint primary key references accounts (id) on delete cascade,
  -- The owner asked for, for the page and the log only: a batch moves contacts to the account's owner as it reads
  -- the account row then (under "for share"), never to this value.
  owner_id bigint,
  queued_at timestamptz not null default now(),
  -- Contacts up to this id are done (keyset over contacts.id): a crash resumes after the last committed batch.
  moved_through bigint not null default 0,
  -- Contacts moved so far (the page shows it; counting all of a large account's contacts in the owner change would
  -- cost the request 0.3-0.5 s at 20,900 contacts, most of what is left of it).
  moved bigint not null default 0
);
comment on table account_owner_moves is
  'Accounts whose owner changed and whose contacts (access_owner_id, search-word links) are still being moved by the owner-move job. One row per account.';
create index account_owner_moves_queue_idx on account_owner_moves (queued_at, account_id);

-- The cascade for an account of at most 500 contacts, as one batch of the job's below in the same statement (and
-- any queued move of it is then done here, whole); a larger account is queued instead. The count is capped
-- (contacts_account_idx, at most 501 entries).
create or replace function accounts_owner_to_contacts() returns trigger language plpgsql as $$
declare
  inline_max constant int := 500;
  n bigint;
begin
  select count(*) into n from (select 1 from contacts where account_id = new.id limit inline_max + 1) s;
  if n > inline_max then
    insert into account_owner_moves as m (account_id, owner_id) values (new.id, new.owner_id)
    on conflict (account_id) do update
      set owner_id = excluded.owner_id, queued_at = now(), moved_through = 0, moved = 0;
    return null;
  end if;
  delete from account_owner_moves where account_id = new.id;
  -- All of them as one batch (at most inline_max), the job's way: the account's owner read under "for share", the
  -- contacts moved and their links taken out and put back under the new key in key order (V202612072010).
  perform account_owner_move_batch(new.id, 0, inline_max);
  return null;
end $$;
alter function accounts_owner_to_contacts() set plan_cache_mode = force_custom_plan;

-- One batch of a queued move: the next p_limit contacts of the account after p_after (by id), locked, moved to the
-- account's owner as read now under "for share" (an owner change of the account waits for this batch, and a batch
-- for it), their links with them in the cascade's way (delete and sorted insert, the contacts' row trigger skipped
-- through crm.owner_cascade_account). A contact that left the account meanwhile is not in the batch (re-checked
-- when locked); one that joined it has the new owner already (contacts_access_owner). Returns the last id locked
-- and how many contacts changed, or nulls when no contact is left after p_after (or the account is gone).
create function account_owner_move_batch(p_account bigint, p_after bigint, p_limit int,
                                         out last_id bigint, out changed int)
language plpgsql as $$
declare
  account_owner bigint;
  ids bigint[];
begin
  select a.owner_id into account_owner from accounts a where a.id = p_account for share;
  if not found then
    return;
  end if;
  select array_agg(s.id order by s.id) into ids from (
    select c.id from contacts c where c.account_id = p_account and c.id > p_after
    order by c.id limit p_limit for update of c) s;
  if ids is null then
    return;
  end if;
  last_id := ids[array_length(ids, 1)];

  perform set_config('crm.owner_cascade_account', p_account::text, true);
  update contacts set access_owner_id = account_owner
  where id = any(ids) and account_id = p_account and access_owner_id is distinct from account_owner;
  get diagnostics changed = row_count;
  perform set_config('crm.owner_cascade_account', '', true);

  with moved as (
    delete from contact_search_words l
    using contacts c
    cross join unnest(tsvector_to_array(c.search)) cw (word)
    join search_words w on w.word = cw.word
    where c.id = any(ids) and c.account_id = p_account
      and l.word_id = w.id and l.sort_name = c.sort_name and l.contact_id = c.id
      and l.owner_key <> coalesce(account_owner, 0)
    returning l.word_id, l.sort_name, l.contact_id
  )
  insert into contact_search_words (word_id, owner_key, sort_name, contact_id)
  select word_id, coalesce(account_owner, 0), sort_name, contact_id from moved
  order by word_id, sort_name, contact_id;
end $$;
-- Planned per call, as the cascade (the ids and the account's size decide between nested loops and a hash).
alter function account_owner_move_batch(bigint, bigint, int) set plan_cache_mode = force_custom_plan;
