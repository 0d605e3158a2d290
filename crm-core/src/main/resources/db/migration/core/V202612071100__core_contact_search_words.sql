-- The search box's contacts by word (GlobalSearch). The GIN index on contacts.search finds every contact with a word
-- before the visibility rule and the cap apply (a bitmap can't stop early): "schmidt" read 14,794 contacts (3,369
-- buffers) at a million contacts for a rep who may see a few hundred of them, and a misspelling read 12,631 trigram
-- candidates; both grew with how common the word is, not with what the rep may see (issues 14 and 19).
--
-- search_words holds each distinct lexeme of contacts.search once (a few per name, one per e-mail address); in_name
-- marks the words of someone's first or last name, the only ones a misspelling is compared with (trigrams, a small
-- partial index). contact_search_words links each word to the contacts that have it, keyed by the owner that decides
-- who sees the contact (contacts.access_owner_id, 0 for everyone's) and in name order: the first twenty visible
-- contacts with a word are one index range per visible owner, whatever the data size. Kept by the triggers below;
-- a word no contact has any more goes with its last contact (an erased person's names and address leave no trace).
create table search_words (
  id      bigint generated always as identity primary key,
  word    text collate "C" not null unique,
  in_name boolean not null default false
);
create index search_words_name_trgm_idx on search_words using gin (word gin_trgm_ops) where in_name;

create table contact_search_words (
  word_id    bigint not null,
  owner_key  bigint not null,
  sort_name  text not null,
  contact_id bigint not null
);
-- Its primary key (word_id, owner_key, sort_name, contact_id), for those who see every contact (admins, agents,
-- marketers) contact_search_words_all_idx (word_id, sort_name, contact_id), and the foreign key to search_words: built
-- by contact_search_words_rebuild() below after filling (one sort each instead of millions of inserts). The foreign
-- key locks a word a contact is being linked to, so a word is never deleted from under a link written meanwhile.
comment on table contact_search_words is
  'Each lexeme of contacts.search → the contacts with it, by coalesce(access_owner_id, 0) and sort_name. Kept by triggers on contacts.';

-- The ids of words (inserted when new; names marked), in one statement's worth of rows per contact.
create function search_word_ids(words text[], names text[]) returns setof bigint language plpgsql as $$
begin
  insert into search_words (word) select w from unnest(words) w order by w on conflict (word) do nothing;
  -- Only when a word becomes a name word: no row lock on a common name at every insert.
  update search_words set in_name = true where word = any(names) and not in_name;
  return query select id from search_words where word = any(words);
end $$;

create function contact_name_words(first_name text, last_name text) returns text[] language sql immutable as $$
  select tsvector_to_array(to_tsvector('simple', first_name || ' ' || last_name))
$$;

create function contacts_search_words() returns trigger language plpgsql as $$
declare
  orphan bigint;
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
  if tg_op in ('UPDATE', 'DELETE') then
    -- The old words no contact has any more (an e-mail address, a rare name).
    for orphan in
      select w.id from search_words w
      where w.word = any(tsvector_to_array(old.search))
        and not exists (select 1 from contact_search_words l where l.word_id = w.id)
    loop
      begin
        delete from search_words where id = orphan;
      exception when foreign_key_violation then
        null; -- a contact written meanwhile has it now
      end;
    end loop;
  end if;
  return null;
end $$;
create trigger contacts_search_words_on_insert_delete after insert or delete on contacts
  for each row execute function contacts_search_words();
-- Names, e-mail, title, city (the words) and the deciding owner (accounts_owner_to_contacts moves it along with an
-- account changing hands).
create trigger contacts_search_words_on_update after update on contacts
  for each row when (old.search is distinct from new.search or old.sort_name is distinct from new.sort_name
                     or old.access_owner_id is distinct from new.access_owner_id)
  execute function contacts_search_words();

-- Built from the contacts there are (here, and by bench/dataset/generate.sql, which loads with triggers off); its
-- indexes dropped while filling.
create function contact_search_words_rebuild() returns void language plpgsql as $$
begin
  alter table contact_search_words drop constraint if exists contact_search_words_word_fkey;
  alter table contact_search_words drop constraint if exists contact_search_words_pkey;
  drop index if exists contact_search_words_all_idx;
  truncate contact_search_words;
  insert into search_words (word)
  select distinct w from contacts c cross join unnest(tsvector_to_array(c.search)) w
  on conflict (word) do nothing;
  update search_words s set in_name = true
  from (select distinct w from contacts c cross join unnest(contact_name_words(c.first_name, c.last_name)) w) n
  where s.word = n.w and not s.in_name;
  insert into contact_search_words (word_id, owner_key, sort_name, contact_id)
  select s.id, coalesce(c.access_owner_id, 0), c.sort_name, c.id
  from contacts c cross join unnest(tsvector_to_array(c.search)) w join search_words s on s.word = w;
  alter table contact_search_words add primary key (word_id, owner_key, sort_name, contact_id);
  create index contact_search_words_all_idx on contact_search_words (word_id, sort_name, contact_id);
  delete from search_words w where not exists (select 1 from contact_search_words l where l.word_id = w.id);
  alter table contact_search_words add constraint contact_search_words_word_fkey
    foreign key (word_id) references search_words (id);
end $$;
select contact_search_words_rebuild();
analyze search_words;
analyze contact_search_words;
