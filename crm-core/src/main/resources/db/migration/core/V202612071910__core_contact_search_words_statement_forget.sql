-- The contacts' words (V202612071100) like the accounts' (V202612071900): the row triggers keep a contact's links by
-- their whole key, and the words no contact has any more are deleted once per statement. Each row deleted had checked
-- its old words against contact_search_words ("not exists" a link); the links the same transaction had deleted stay
-- in the index until it ends, so in one statement deleting or renaming N contacts sharing a word each check read the
-- dead links of all before it: quadratic (the accounts' same check: 4,000 accounts 4.4 s, 8,000 22.8 s). Now each word
-- is checked once per statement, its dead links read once.

-- Deletes those of the words no contact has any more, one statement for all of them (as account_words_forget,
-- V202612071900).
create function search_words_forget(words text[]) returns void language plpgsql as $$
declare
  orphan bigint;
begin
  begin
    delete from search_words where id = any(array(
      select w.id from search_words w
      where w.word = any(words) and not exists (select 1 from contact_search_words l where l.word_id = w.id)
      order by w.word for update));
  exception when foreign_key_violation then
    for orphan in
      select w.id from search_words w
      where w.word = any(words) and not exists (select 1 from contact_search_words l where l.word_id = w.id)
      order by w.word
    loop
      begin
        delete from search_words where id = orphan;
      exception when foreign_key_violation then
        null; -- a contact written meanwhile has it now
      end;
    end loop;
  end;
end $$;

create or replace function search_word_ids(words text[], names text[]) returns setof bigint language plpgsql as $$
begin
  insert into search_words (word) select w from unnest(words) w order by w on conflict (word) do nothing;
  -- Only when a word becomes a name word: no row lock on a common name at every insert.
  update search_words set in_name = true where word = any(names) and not in_name;
  -- In word order: the foreign key's checks lock them in the order of the links inserted (see search_words_forget).
  return query select id from search_words where word = any(words) order by word;
end $$;

-- The links of one contact. The words left without a contact: contacts_search_words_forget() below.
create or replace function contacts_search_words() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.search = new.search and old.sort_name = new.sort_name then
    -- Only the deciding owner changed (an account changing hands moves all its contacts): same words, new key.
    update contact_search_words l set owner_key = coalesce(new.access_owner_id, 0)
    from search_words w
    where w.word = any(tsvector_to_array(new.search)) and l.word_id = w.id
      and l.owner_key = coalesce(old.access_owner_id, 0) and l.sort_name = new.sort_name and l.contact_id = new.id;
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    delete from contact_search_words l using search_words w
    where w.word = any(tsvector_to_array(old.search)) and l.word_id = w.id
      and l.owner_key = coalesce(old.access_owner_id, 0) and l.sort_name = old.sort_name and l.contact_id = old.id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into contact_search_words (word_id, owner_key, sort_name, contact_id)
    select w, coalesce(new.access_owner_id, 0), new.sort_name, new.id
    from search_word_ids(tsvector_to_array(new.search), contact_name_words(new.first_name, new.last_name)) w;
  end if;
  return null;
end $$;

-- After each statement deleting or updating contacts: the words its rows had before (gone) and none has after (kept)
-- go if no other contact has them (an erased person's names and address leave no trace once the statement is over).
-- Only the transition tables are read here (a set difference, linear whatever plan is cached); the look-ups are in
-- search_words_forget.
create function contacts_search_words_forget() returns trigger language plpgsql as $$
declare
  words text[];
begin
  if tg_op = 'DELETE' then
    words := array(select distinct w from gone g cross join unnest(tsvector_to_array(g.search)) w);
  else
    words := array(select w from gone g cross join unnest(tsvector_to_array(g.search)) w
                   except select w from kept k cross join unnest(tsvector_to_array(k.search)) w);
  end if;
  if cardinality(words) > 0 then
    perform search_words_forget(words);
  end if;
  return null;
end $$;

-- Planned on each call (see V202612071600; create or replace dropped the setting).
alter function contacts_search_words() set plan_cache_mode = force_custom_plan;
alter function search_word_ids(text[], text[]) set plan_cache_mode = force_custom_plan;
alter function search_words_forget(text[]) set plan_cache_mode = force_custom_plan;
create trigger contacts_search_words_forget_on_delete after delete on contacts
  referencing old table as gone for each statement execute function contacts_search_words_forget();
create trigger contacts_search_words_forget_on_update after update on contacts
  referencing old table as gone new table as kept for each statement execute function contacts_search_words_forget();
