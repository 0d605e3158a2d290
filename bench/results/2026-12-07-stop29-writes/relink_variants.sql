\timing on
set jit = off;
begin;
explain (analyze, buffers, costs off, timing off)
update contact_search_words l set owner_key = 4
from contacts c cross join unnest(tsvector_to_array(c.search)) cw (word) join search_words w on w.word = cw.word
where c.account_id = 401 and l.word_id = w.id and l.sort_name = c.sort_name and l.contact_id = c.id and l.owner_key <> 4;
rollback;
begin;
explain (analyze, buffers, costs off, timing off)
with moved as (
  delete from contact_search_words l
  using contacts c cross join unnest(tsvector_to_array(c.search)) cw (word) join search_words w on w.word = cw.word
  where c.account_id = 401 and l.word_id = w.id and l.sort_name = c.sort_name and l.contact_id = c.id and l.owner_key <> 4
  returning l.word_id, l.sort_name, l.contact_id
)
insert into contact_search_words (word_id, owner_key, sort_name, contact_id)
select word_id, 4, sort_name, contact_id from moved order by 1, 3, 4;
rollback;
