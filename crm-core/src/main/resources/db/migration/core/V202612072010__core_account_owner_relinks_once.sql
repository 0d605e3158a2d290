-- An account changing hands moves its contacts' search-word links (contact_search_words, keyed by the contact's
-- deciding owner) to the new owner. The contacts' row trigger did it one contact at a time inside the cascade of
-- accounts_owner_to_contacts: one UPDATE of about five links per contact, 16-24 s of the 33-47 s the largest account
-- (20,900 contacts) took to change owner in the account form's request (bench/results/2026-12-07-stop28-writes.md).
-- A statement-level trigger on contacts doing it in one statement cost every contact update 0.7-1 ms (transition
-- tables on each statement), so the cascade does it itself: it marks the account it is moving for the rest of its
-- own statement (a setting local to the transaction, cleared right after), the row trigger is not queued for the
-- contacts of that account while the mark is set and only their owner changed, and one statement then moves all
-- links of the account's contacts.
--
-- Correct at commit as before: the cascade's UPDATE locks every contact it moves (an edit of one waits, and its own
-- trigger then relinks from the moved owner), and a contact joining the account waits for the account row (the
-- share lock of contacts_access_owner). The links moved are exactly those of the account's contacts whose key is not
-- the account's new owner, found by word, sort name and contact (contact_search_words_all_idx), whatever key they had.
create or replace function accounts_owner_to_contacts() returns trigger language plpgsql as $$
begin
  perform set_config('crm.owner_cascade_account', new.id::text, true);
  update contacts set access_owner_id = new.owner_id
  where account_id = new.id and access_owner_id is distinct from new.owner_id;
  perform set_config('crm.owner_cascade_account', '', true);

  -- Taken out and put back under the new key in key order (not updated where they lie): an update of the key writes
  -- each link's two index entries wherever the scan meets it, the sorted insert walks the indexes once (13.4 s
  -- against 8.7 s for the largest account's 115,127 links).
  with moved as (
    delete from contact_search_words l
    using contacts c
    cross join unnest(tsvector_to_array(c.search)) cw (word)
    join search_words w on w.word = cw.word
    where c.account_id = new.id
      and l.word_id = w.id and l.sort_name = c.sort_name and l.contact_id = c.id
      and l.owner_key <> coalesce(new.owner_id, 0)
    returning l.word_id, l.sort_name, l.contact_id
  )
  insert into contact_search_words (word_id, owner_key, sort_name, contact_id)
  select word_id, coalesce(new.owner_id, 0), sort_name, contact_id from moved
  order by word_id, sort_name, contact_id;
  return null;
end $$;
-- Planned on each call (V202612071600): the statements read contacts, search_words and contact_search_words by key,
-- and a plan kept from a new install's empty tables would scan them.
alter function accounts_owner_to_contacts() set plan_cache_mode = force_custom_plan;

-- The contacts' link trigger as in V202612071100, except for an owner-only change of a contact the cascade above is
-- moving (its links follow in the cascade's own statement). Only the trigger's condition changes; the function is not
-- touched.
drop trigger contacts_search_words_on_update on contacts;
create trigger contacts_search_words_on_update after update on contacts
  for each row when (old.search is distinct from new.search or old.sort_name is distinct from new.sort_name
                     or (old.access_owner_id is distinct from new.access_owner_id
                         and (new.account_id is null
                              or current_setting('crm.owner_cascade_account', true) is distinct from new.account_id::text)))
  execute function contacts_search_words();
