-- The search box's leads by word (LeadQuery.search), as contacts (V202612071100), accounts (V202612071900) and deals
-- (V202612071950) have. The leads' statement met the GIN index on leads.search with the owner's index in a bitmap,
-- then read a table page per visible match before ordering: "schmidt" read 7,703 bitmap entries at a million
-- contacts (196 at ten thousand), growing with how common the word is, not with what the rep may see.
--
-- lead_words holds each distinct lexeme of leads.search once (names, e-mail addresses, company words).
-- lead_search_words links each word to the leads that have it, keyed by the owner that decides who sees the lead
-- (coalesce(owner_id, 0): a lead without owner is seen only by those who see every lead) and by created_at: the
-- newest leads with a word a user may see are one index range (read backwards) per visible owner, whatever the data
-- size. Converted leads stay (the search box shows them as before, with their status). Kept by the triggers below;
-- the words no lead has any more go at the end of the statement that removed their last lead.
create table lead_words (
  id   bigint generated always as identity primary key,
  word text collate "C" not null unique
);

create table lead_search_words (
  word_id    bigint not null,
  owner_key  bigint not null,
  created_at timestamptz not null,
  lead_id    bigint not null
);
-- Its primary key (word_id, owner_key, created_at, lead_id), for those who see every lead lead_search_words_all_idx
-- (word_id, created_at, lead_id), and the foreign key to lead_words (a word is never deleted from under a link written
-- meanwhile): built by lead_search_words_rebuild() below after filling. A lead's own links are found by their whole
-- key (its words, owner and created_at), so no index by lead: one index fewer to write per word on an import.
comment on table lead_search_words is
  'Each lexeme of leads.search → the leads with it, by coalesce(owner_id, 0) and created_at. Kept by triggers on leads.';

-- The ids of words (inserted when new), in word order: the foreign key's checks lock them in the order of the links
-- inserted (see lead_words_forget).
create function lead_word_ids(words text[]) returns setof bigint language plpgsql as $$
begin
  insert into lead_words (word) select w from unnest(words) w order by w on conflict (word) do nothing;
  return query select id from lead_words where word = any(words) order by word;
end $$;

-- Deletes those of the words no lead has any more, one statement for all of them (as deal_words_forget,
-- V202612071950: joined to the candidates).
create function lead_words_forget(words text[]) returns void language plpgsql as $$
declare
  orphan bigint;
begin
  begin
    delete from lead_words where id = any(array(
      select w.id from unnest(words) x join lead_words w on w.word = x
      where not exists (select 1 from lead_search_words l where l.word_id = w.id)
      order by w.word for update of w));
  exception when foreign_key_violation then
    for orphan in
      select w.id from unnest(words) x join lead_words w on w.word = x
      where not exists (select 1 from lead_search_words l where l.word_id = w.id)
      order by w.word
    loop
      begin
        delete from lead_words where id = orphan;
      exception when foreign_key_violation then
        null; -- a lead written meanwhile has it now
      end;
    end loop;
  end;
end $$;

-- The links of one lead, by their whole key (nothing a bulk statement did before is read again). The words left
-- without a lead: leads_search_words_forget() below.
create function leads_search_words() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.search = new.search then
    -- Only the owner (assignment, hand-over) or created_at changed: same words, new key.
    update lead_search_words l set owner_key = coalesce(new.owner_id, 0), created_at = new.created_at
    from lead_words w
    where w.word = any(tsvector_to_array(new.search)) and l.word_id = w.id
      and l.owner_key = coalesce(old.owner_id, 0) and l.created_at = old.created_at and l.lead_id = new.id;
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    delete from lead_search_words l using lead_words w
    where w.word = any(tsvector_to_array(old.search)) and l.word_id = w.id
      and l.owner_key = coalesce(old.owner_id, 0) and l.created_at = old.created_at and l.lead_id = old.id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into lead_search_words (word_id, owner_key, created_at, lead_id)
    select w, coalesce(new.owner_id, 0), new.created_at, new.id from lead_word_ids(tsvector_to_array(new.search)) w;
  end if;
  return null;
end $$;
create trigger leads_search_words_on_insert_delete after insert or delete on leads
  for each row execute function leads_search_words();
-- Names, e-mail and company (the words), the owner (who sees it) and created_at (the order); not the status: a
-- converted or disqualified lead is found as before.
create trigger leads_search_words_on_update after update on leads
  for each row when (old.search is distinct from new.search or old.owner_id is distinct from new.owner_id
                     or old.created_at is distinct from new.created_at)
  execute function leads_search_words();

-- After each statement deleting or updating leads: the words its rows had before (gone) and none has after (kept) go
-- if no other lead has them (an erased person's names and address leave no trace once the statement is over). Only
-- the transition tables are read here (a set difference, linear whatever plan is cached).
create function leads_search_words_forget() returns trigger language plpgsql as $$
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
    perform lead_words_forget(words);
  end if;
  return null;
end $$;
create trigger leads_search_words_forget_on_delete after delete on leads
  referencing old table as gone for each statement execute function leads_search_words_forget();
create trigger leads_search_words_forget_on_update after update on leads
  referencing old table as gone new table as kept for each statement execute function leads_search_words_forget();

create function lead_search_words_truncated() returns trigger language plpgsql as $$
begin
  truncate lead_search_words;
  delete from lead_words;
  return null;
end $$;
create trigger leads_search_words_truncate after truncate on leads
  for each statement execute function lead_search_words_truncated();

-- Planned on each call (see V202612071600): planned while the tables were empty, the look-ups would stay sequential
-- scans on that connection.
alter function leads_search_words() set plan_cache_mode = force_custom_plan;
alter function lead_word_ids(text[]) set plan_cache_mode = force_custom_plan;
alter function lead_words_forget(text[]) set plan_cache_mode = force_custom_plan;
alter function leads_search_words_forget() set plan_cache_mode = force_custom_plan;

-- Built from the leads there are (here, and by bench/dataset/generate.sql, which loads with triggers off); its indexes
-- dropped while filling.
create function lead_search_words_rebuild() returns void language plpgsql as $$
begin
  alter table lead_search_words drop constraint if exists lead_search_words_word_fkey;
  alter table lead_search_words drop constraint if exists lead_search_words_pkey;
  drop index if exists lead_search_words_all_idx;
  truncate lead_search_words;
  insert into lead_words (word)
  select distinct w from leads l cross join unnest(tsvector_to_array(l.search)) w
  on conflict (word) do nothing;
  insert into lead_search_words (word_id, owner_key, created_at, lead_id)
  select s.id, coalesce(l.owner_id, 0), l.created_at, l.id
  from leads l cross join unnest(tsvector_to_array(l.search)) w join lead_words s on s.word = w;
  alter table lead_search_words add primary key (word_id, owner_key, created_at, lead_id);
  create index lead_search_words_all_idx on lead_search_words (word_id, created_at, lead_id);
  delete from lead_words w where not exists (select 1 from lead_search_words l where l.word_id = w.id);
  alter table lead_search_words add constraint lead_search_words_word_fkey
    foreign key (word_id) references lead_words (id);
end $$;
select lead_search_words_rebuild();
analyze lead_words;
analyze lead_search_words;
