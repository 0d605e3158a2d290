-- The search box's accounts by word (GlobalSearch), as V202612071100 did for contacts. The GIN index on
-- accounts.search found every account with a word before the visibility rule and the cap applied (a bitmap can't stop
-- early): "schmidt" read 12,685 accounts (241 buffers) at a million contacts for a rep who may see a tenth of them,
-- and a misspelling 12,667 trigram candidates (260 buffers); both grew with the data.
--
-- account_words holds each distinct lexeme of accounts.search once (name, domain, industry, city, e-mail); in_name
-- marks the words of an account's name, the only ones a misspelling is compared with (trigrams, a small partial
-- index). account_search_words links each word to the accounts with it, keyed by the owner that decides who sees the
-- account (coalesce(owner_id, 0): 0 is nobody's, visible to all) and in name order: the first twenty visible accounts
-- with a word are one index range per visible owner, whatever the data size. Kept by the triggers below; a word no
-- account has any more goes at the end of the statement that removed its last account (once per statement: a bulk
-- delete of accounts sharing a word stays linear).
create table account_words (
  id      bigint generated always as identity primary key,
  word    text collate "C" not null unique,
  in_name boolean not null default false
);
create index account_words_name_trgm_idx on account_words using gin (word gin_trgm_ops) where in_name;

create table account_search_words (
  word_id    bigint not null,
  owner_key  bigint not null,
  sort_name  text not null,
  account_id bigint not null
);
-- Its primary key (word_id, owner_key, sort_name, account_id), account_search_words_all_idx (word_id, sort_name,
-- account_id) include (owner_key) (for those who see every account, and to read a word's few accounts in one range
-- whoever owns them: a domain or an address is one account's), and the foreign key to account_words: built by
-- account_search_words_rebuild() below after filling. The foreign key locks a word an account is being linked to, so a
-- word is never deleted from under a link written meanwhile.
comment on table account_search_words is
  'Each lexeme of accounts.search → the accounts with it, by coalesce(owner_id, 0) and sort_name. Kept by triggers on accounts.';

-- The ids of words (inserted when new; name words marked).
create function account_word_ids(words text[], names text[]) returns setof bigint language plpgsql as $$
begin
  insert into account_words (word) select w from unnest(words) w order by w on conflict (word) do nothing;
  update account_words set in_name = true where word = any(names) and not in_name;
  -- In word order: the foreign key's checks lock them in the order of the links inserted (see account_words_forget).
  return query select id from account_words where word = any(words) order by word;
end $$;

create function account_name_words(name text) returns text[] language sql immutable as $$
  select tsvector_to_array(to_tsvector('simple', coalesce(name, '')))
$$;

-- Deletes those of the words no account has any more: one statement for all of them, so each word's links are read
-- once whatever a bulk statement deleted before (the links this transaction deleted stay in the index until it ends:
-- a check per row would read them again and again, quadratic in a bulk delete of accounts sharing a word). The words
-- are locked in their order (the triggers insert a row's links, whose foreign key checks lock the words, in the same
-- order); a word that an account written meanwhile links is kept, word by word. The contacts' (V202612071910) and
-- the deals' (V202612071950) are the same over their tables: static SQL, parsed once per connection (a function
-- taking the tables' names would parse its dynamic SQL at every call, ~0.15 ms more per write changing words).
create function account_words_forget(words text[]) returns void language plpgsql as $$
declare
  orphan bigint;
begin
  begin
    delete from account_words where id = any(array(
      select w.id from account_words w
      where w.word = any(words) and not exists (select 1 from account_search_words l where l.word_id = w.id)
      order by w.word for update));
  exception when foreign_key_violation then
    for orphan in
      select w.id from account_words w
      where w.word = any(words) and not exists (select 1 from account_search_words l where l.word_id = w.id)
      order by w.word
    loop
      begin
        delete from account_words where id = orphan;
      exception when foreign_key_violation then
        null; -- an account written meanwhile has it now
      end;
    end loop;
  end;
end $$;

-- The links of one account (by their whole key: nothing a bulk statement did before is read again). The words left
-- without an account are deleted once per statement, by accounts_search_words_forget() below.
create function accounts_search_words() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.search = new.search and old.sort_name = new.sort_name then
    -- Only the owner changed: same words, new key.
    update account_search_words l set owner_key = coalesce(new.owner_id, 0)
    from account_words w
    where w.word = any(tsvector_to_array(new.search)) and l.word_id = w.id
      and l.owner_key = coalesce(old.owner_id, 0) and l.sort_name = new.sort_name and l.account_id = new.id;
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    delete from account_search_words l using account_words w
    where w.word = any(tsvector_to_array(old.search)) and l.word_id = w.id
      and l.owner_key = coalesce(old.owner_id, 0) and l.sort_name = old.sort_name and l.account_id = old.id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into account_search_words (word_id, owner_key, sort_name, account_id)
    select w, coalesce(new.owner_id, 0), new.sort_name, new.id
    from account_word_ids(tsvector_to_array(new.search), account_name_words(new.name)) w;
  end if;
  return null;
end $$;

-- After each statement deleting or updating accounts: the words its rows had before (gone) and none has after (kept)
-- go if no other account has them. Only the transition tables are read here (a set difference, linear whatever plan
-- is cached); the look-ups are in account_words_forget.
create function accounts_search_words_forget() returns trigger language plpgsql as $$
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
    perform account_words_forget(words);
  end if;
  return null;
end $$;
-- Planned on each call (see V202612071600): planned while account_words was empty, the look-ups would stay
-- sequential scans on that connection.
alter function accounts_search_words() set plan_cache_mode = force_custom_plan;
alter function account_word_ids(text[], text[]) set plan_cache_mode = force_custom_plan;
alter function account_words_forget(text[]) set plan_cache_mode = force_custom_plan;
create trigger accounts_search_words_on_insert_delete after insert or delete on accounts
  for each row execute function accounts_search_words();
-- Name, domain, industry, city, e-mail (the words) and the owner.
create trigger accounts_search_words_on_update after update on accounts
  for each row when (old.search is distinct from new.search or old.sort_name is distinct from new.sort_name
                     or old.owner_id is distinct from new.owner_id)
  execute function accounts_search_words();
create trigger accounts_search_words_forget_on_delete after delete on accounts
  referencing old table as gone for each statement execute function accounts_search_words_forget();
create trigger accounts_search_words_forget_on_update after update on accounts
  referencing old table as gone new table as kept for each statement execute function accounts_search_words_forget();

-- Built from the accounts there are (here, and by bench/dataset/generate.sql, which loads with triggers off); its
-- indexes dropped while filling.
create function account_search_words_rebuild() returns void language plpgsql as $$
begin
  alter table account_search_words drop constraint if exists account_search_words_word_fkey;
  alter table account_search_words drop constraint if exists account_search_words_pkey;
  drop index if exists account_search_words_all_idx;
  truncate account_search_words;
  insert into account_words (word)
  select distinct w from accounts a cross join unnest(tsvector_to_array(a.search)) w
  on conflict (word) do nothing;
  update account_words s set in_name = true
  from (select distinct w from accounts a cross join unnest(account_name_words(a.name)) w) n
  where s.word = n.w and not s.in_name;
  insert into account_search_words (word_id, owner_key, sort_name, account_id)
  select s.id, coalesce(a.owner_id, 0), a.sort_name, a.id
  from accounts a cross join unnest(tsvector_to_array(a.search)) w join account_words s on s.word = w;
  alter table account_search_words add primary key (word_id, owner_key, sort_name, account_id);
  create index account_search_words_all_idx on account_search_words (word_id, sort_name, account_id) include (owner_key);
  delete from account_words w where not exists (select 1 from account_search_words l where l.word_id = w.id);
  alter table account_search_words add constraint account_search_words_word_fkey
    foreign key (word_id) references account_words (id);
end $$;
select account_search_words_rebuild();
analyze account_words;
analyze account_search_words;
