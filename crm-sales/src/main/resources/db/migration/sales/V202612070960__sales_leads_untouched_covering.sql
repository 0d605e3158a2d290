-- My day's untouched-leads count (MyDayService: up to 501 of the rep's open leads quiet since a date) walked
-- leads_untouched_idx and fetched each lead from the heap to read the two dates behind the coalesce (483 buffers
-- at 1M); with the dates in the index it is an index-only scan (10 buffers). Same key and predicate as before.
drop index leads_untouched_idx;
create index leads_untouched_idx on leads (owner_id, coalesce(last_activity_at, created_at))
  include (last_activity_at, created_at) where status in ('NEW', 'WORKING', 'QUALIFIED');
