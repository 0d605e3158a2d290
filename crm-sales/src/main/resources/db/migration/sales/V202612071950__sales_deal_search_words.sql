-- The search box's deals (OpportunityList.search): those whose name or whose account's name contains what was typed.
-- From the trigram indexes, every deal and account containing "schmidt" was found before the visibility rule applied
-- (a bitmap can't stop early), then up to 400 matching accounts were each asked for their first deals: 1,228 buffers
-- (13,413 rows) at a million contacts, 170 at ten thousand.
--
-- deal_words holds each distinct word (split at white space, lower-cased) of the deals' names and of their accounts'
-- names; text typed without white space is contained in a name exactly when it is contained in one of its words, so
-- the trigram index over these few words finds the words containing it. deal_search_words links each word to the
-- deals having it in their name or their account's name, keyed by the deal's owner (who sees a deal) and in close
-- date order: the first deals by close date that a user may see are one index range per word and visible owner,
-- whatever the data size. Kept by the triggers below (on opportunities, and on accounts for a renamed account); a
-- word no deal has any more goes at the end of the statement that removed its last deal (once per statement: a bulk
-- delete of deals sharing a word stays linear).
create table deal_words (
  id   bigint generated always as identity primary key,
  word text collate "C" not null unique
);
create index deal_words_trgm_idx on deal_words using gin (word gin_trgm_ops);

create table deal_search_words (
  word_id    bigint not null,
  owner_id   bigint not null,
  close_date date not null,
  deal_id    bigint not null
);
-- Its primary key (word_id, owner_id, close_date, deal_id), for those who see every deal deal_search_words_all_idx
-- (word_id, close_date, deal_id), deal_search_words_deal_idx (a deal's own links, rewritten when it changes) and the
-- foreign key to deal_words (a word is never deleted from under a link written meanwhile): built by
-- deal_search_words_rebuild() below after filling.
comment on table deal_search_words is
  'Each white-space word of a deal''s name and its account''s sort_name → the deals with it, by owner_id and close_date. Kept by triggers on opportunities and accounts.';

-- The words of a deal: those of its name and of its account's name, lower-cased (ILIKE compares lower-cased).
create function deal_search_words_of(name text, account_sort_name text) returns text[] language sql immutable as $$
  select coalesce(array_agg(distinct w), '{}')
  from regexp_split_to_table(lower(coalesce(name, '')) || ' ' || lower(coalesce(account_sort_name, '')), '[[:space:]]+') w
  where w <> ''
$$;

-- The ids of words (inserted when new).
create function deal_word_ids(words text[]) returns setof bigint language plpgsql as $$
begin
  insert into deal_words (word) select w from unnest(words) w order by w on conflict (word) do nothing;
  -- In word order: the foreign key's checks lock them in the order of the links inserted (see deal_words_forget).
  return query select id from deal_words where word = any(words) order by word;
end $$;

-- Deletes those of the words no deal has any more, one statement for all of them (as account_words_forget,
-- V202612071900). Joined to the candidates, not "word = any(words)": that the planner answered from the trigram
-- index for thousands of words (each short word's trigrams match many words, each rechecked against the whole
-- array: 16,000 deals deleted in 195 s, 4,000 in 10.5 s).
create function deal_words_forget(words text[]) returns void language plpgsql as $$
declare
  orphan bigint;
begin
  begin
    delete from deal_words where id = any(array(
      select w.id from unnest(words) x join deal_words w on w.word = x
      where not exists (select 1 from deal_search_words l where l.word_id = w.id)
      order by w.word for update of w));
  exception when foreign_key_violation then
    for orphan in
      select w.id from unnest(words) x join deal_words w on w.word = x
      where not exists (select 1 from deal_search_words l where l.word_id = w.id)
      order by w.word
    loop
      begin
        delete from deal_words where id = orphan;
      exception when foreign_key_violation then
        null; -- a deal written meanwhile has it now
      end;
    end loop;
  end;
end $$;

-- The links of one deal (by the deal: nothing a bulk statement did before is read again). The words left without a
-- deal are deleted once per statement, by opportunities_search_words_forget() below.
create function opportunities_search_words() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.name = new.name and old.account_id = new.account_id then
    -- Only the owner or the close date changed: same words, new key.
    update deal_search_words set owner_id = new.owner_id, close_date = new.close_date where deal_id = new.id;
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    delete from deal_search_words where deal_id = old.id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into deal_search_words (word_id, owner_id, close_date, deal_id)
    select w, new.owner_id, new.close_date, new.id
    from deal_word_ids(deal_search_words_of(new.name, (select a.sort_name from accounts a where a.id = new.account_id))) w;
  end if;
  return null;
end $$;
create trigger opportunities_search_words_on_insert_delete after insert or delete on opportunities
  for each row execute function opportunities_search_words();
create trigger opportunities_search_words_on_update after update on opportunities
  for each row when (old.name is distinct from new.name or old.account_id is distinct from new.account_id
                     or old.owner_id is distinct from new.owner_id or old.close_date is distinct from new.close_date)
  execute function opportunities_search_words();

-- After each statement deleting or updating deals: the words of the names its rows had before (gone) and none has
-- after (kept), and those of the accounts they left, go if no other deal has them. Only the transition tables are
-- read by cached plans here (set differences, linear whatever plan is cached); the accounts' names by their ids.
create function opportunities_search_words_forget() returns trigger language plpgsql as $$
declare
  words text[];
  left_accounts bigint[];
begin
  if tg_op = 'DELETE' then
    words := array(select distinct w from gone g cross join unnest(deal_search_words_of(g.name, null)) w);
    left_accounts := array(select distinct account_id from gone);
  else
    words := array(select w from gone g cross join unnest(deal_search_words_of(g.name, null)) w
                   except select w from kept k cross join unnest(deal_search_words_of(k.name, null)) w);
    left_accounts := array(select account_id from gone except select account_id from kept);
  end if;
  if cardinality(left_accounts) > 0 then
    words := words || array(select distinct w from accounts a cross join unnest(deal_search_words_of(null, a.sort_name)) w
                            where a.id = any(left_accounts));
  end if;
  if cardinality(words) > 0 then
    perform deal_words_forget(words);
  end if;
  return null;
end $$;
create trigger opportunities_search_words_forget_on_delete after delete on opportunities
  referencing old table as gone for each statement execute function opportunities_search_words_forget();
create trigger opportunities_search_words_forget_on_update after update on opportunities
  referencing old table as gone new table as kept for each statement execute function opportunities_search_words_forget();

create function deal_search_words_truncated() returns trigger language plpgsql as $$
begin
  truncate deal_search_words;
  delete from deal_words;
  return null;
end $$;
create trigger opportunities_search_words_truncate after truncate on opportunities
  for each statement execute function deal_search_words_truncated();

-- A renamed account: its deals' links written again (the deals' own words stay as they were).
create function accounts_name_to_deal_search_words() returns trigger language plpgsql as $$
begin
  delete from deal_search_words l using opportunities o where o.account_id = new.id and l.deal_id = o.id;
  perform deal_word_ids(array(
    select distinct x from opportunities o cross join unnest(deal_search_words_of(o.name, new.sort_name)) x
    where o.account_id = new.id));
  insert into deal_search_words (word_id, owner_id, close_date, deal_id)
  select w.id, o.owner_id, o.close_date, o.id
  from opportunities o cross join unnest(deal_search_words_of(o.name, new.sort_name)) x
  join deal_words w on w.word = x
  where o.account_id = new.id
  order by w.word;
  return null;
end $$;
create trigger accounts_name_to_deal_search_words after update on accounts
  for each row when (old.sort_name is distinct from new.sort_name)
  execute function accounts_name_to_deal_search_words();

-- After each statement updating accounts: the words of the names the renamed accounts had and none has now go if no
-- deal has them any more.
create function accounts_name_to_deal_words_forget() returns trigger language plpgsql as $$
declare
  words text[];
begin
  words := array(select w from gone g cross join unnest(deal_search_words_of(null, g.sort_name)) w
                 except select w from kept k cross join unnest(deal_search_words_of(null, k.sort_name)) w);
  if cardinality(words) > 0 then
    perform deal_words_forget(words);
  end if;
  return null;
end $$;
create trigger accounts_name_to_deal_words_forget after update on accounts
  referencing old table as gone new table as kept for each statement execute function accounts_name_to_deal_words_forget();

-- Planned on each call (see V202612071600): planned while the tables were empty, the look-ups would stay sequential
-- scans on that connection.
alter function opportunities_search_words() set plan_cache_mode = force_custom_plan;
alter function accounts_name_to_deal_search_words() set plan_cache_mode = force_custom_plan;
alter function deal_word_ids(text[]) set plan_cache_mode = force_custom_plan;
alter function deal_words_forget(text[]) set plan_cache_mode = force_custom_plan;
alter function opportunities_search_words_forget() set plan_cache_mode = force_custom_plan;

-- Built from the deals there are (here, and by bench/dataset/generate.sql, which loads with triggers off); its
-- indexes dropped while filling.
create function deal_search_words_rebuild() returns void language plpgsql as $$
begin
  alter table deal_search_words drop constraint if exists deal_search_words_word_fkey;
  alter table deal_search_words drop constraint if exists deal_search_words_pkey;
  drop index if exists deal_search_words_all_idx;
  drop index if exists deal_search_words_deal_idx;
  truncate deal_search_words;
  create temporary table deal_words_new on commit drop as
  select o.id, o.owner_id, o.close_date, x as word
  from opportunities o join accounts a on a.id = o.account_id
  cross join unnest(deal_search_words_of(o.name, a.sort_name)) x;
  insert into deal_words (word) select distinct word from deal_words_new on conflict (word) do nothing;
  insert into deal_search_words (word_id, owner_id, close_date, deal_id)
  select w.id, n.owner_id, n.close_date, n.id from deal_words_new n join deal_words w on w.word = n.word;
  drop table deal_words_new;
  alter table deal_search_words add primary key (word_id, owner_id, close_date, deal_id);
  create index deal_search_words_all_idx on deal_search_words (word_id, close_date, deal_id);
  create index deal_search_words_deal_idx on deal_search_words (deal_id);
  delete from deal_words w where not exists (select 1 from deal_search_words l where l.word_id = w.id);
  alter table deal_search_words add constraint deal_search_words_word_fkey
    foreign key (word_id) references deal_words (id);
end $$;
select deal_search_words_rebuild();
analyze deal_words;
analyze deal_search_words;
