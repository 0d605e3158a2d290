-- The manager dashboard's campaign chart (CampaignPerformanceQuery) counted every campaign e-mail sent in its
-- range: a parallel scan of all 2M email_sends per view on the bench data set (45,000 buffers). It now reads this
-- roll-up: per campaign and quarter hour of sent_at (UTC), the sends with status SENT and how many of them were
-- opened and clicked. Every zone's midnight falls on a quarter hour, so a range of whole days in any zone is a
-- range of whole buckets.
--
-- Kept by statement-level triggers on email_sends (transition tables): every statement that inserts, updates or
-- deletes sends adds its net change per campaign and bucket in one upsert, in the writer's transaction. So the
-- roll-up is exact whoever writes the sends (the send progress, tracking, erasure, cancelling, the demo seeder,
-- a merge), and a batch of 5,000 settled sends costs one upsert, not 5,000.
create table campaign_send_stats (
  campaign_id bigint not null references campaigns (id) on delete cascade,
  bucket      timestamptz not null,
  sent        bigint not null default 0,
  opened      bigint not null default 0,
  clicked     bigint not null default 0,
  primary key (campaign_id, bucket)
);
-- By bucket only: the counters stay out of indexes, so their updates are HOT.
create index campaign_send_stats_bucket_idx on campaign_send_stats (bucket);

-- The quarter hour (UTC) holding an instant.
create function campaign_send_bucket(at timestamptz) returns timestamptz
  language sql immutable parallel safe
  as $$ select to_timestamp(floor(extract(epoch from at) / 900) * 900) $$;

-- A statement's net change, from its transition tables: +1 for each new row version that counts (SENT, of a
-- campaign), -1 for each old one, upserted in key order so that two writers never lock the same buckets in
-- opposite orders. One function per event: PL/pgSQL sees only the transition tables its trigger declares.
create function campaign_send_stats_inserted() returns trigger language plpgsql as $$
begin
  insert into campaign_send_stats as s (campaign_id, bucket, sent, opened, clicked)
  select campaign_id, campaign_send_bucket(sent_at), count(*), count(opened_at), count(clicked_at)
  from new_sends where status = 'SENT' and campaign_id is not null and sent_at is not null
  group by 1, 2 order by 1, 2
  on conflict (campaign_id, bucket) do update
    set sent = s.sent + excluded.sent, opened = s.opened + excluded.opened, clicked = s.clicked + excluded.clicked;
  return null;
end $$;

create function campaign_send_stats_updated() returns trigger language plpgsql as $$
begin
  with changes as (
    select campaign_id, campaign_send_bucket(sent_at) as bucket, 1 as sign, opened_at, clicked_at
    from new_sends where status = 'SENT' and campaign_id is not null and sent_at is not null
    union all
    select campaign_id, campaign_send_bucket(sent_at), -1, opened_at, clicked_at
    from old_sends where status = 'SENT' and campaign_id is not null and sent_at is not null
  ), net as (
    select campaign_id, bucket, sum(sign) as sent,
           coalesce(sum(sign) filter (where opened_at is not null), 0) as opened,
           coalesce(sum(sign) filter (where clicked_at is not null), 0) as clicked
    from changes group by campaign_id, bucket
  )
  insert into campaign_send_stats as s (campaign_id, bucket, sent, opened, clicked)
  select campaign_id, bucket, sent, opened, clicked from net
  where sent <> 0 or opened <> 0 or clicked <> 0
  order by campaign_id, bucket
  on conflict (campaign_id, bucket) do update
    set sent = s.sent + excluded.sent, opened = s.opened + excluded.opened, clicked = s.clicked + excluded.clicked;
  return null;
end $$;

create function campaign_send_stats_deleted() returns trigger language plpgsql as $$
begin
  insert into campaign_send_stats as s (campaign_id, bucket, sent, opened, clicked)
  select campaign_id, campaign_send_bucket(sent_at), -count(*), -count(opened_at), -count(clicked_at)
  from old_sends where status = 'SENT' and campaign_id is not null and sent_at is not null
  group by 1, 2 order by 1, 2
  on conflict (campaign_id, bucket) do update
    set sent = s.sent + excluded.sent, opened = s.opened + excluded.opened, clicked = s.clicked + excluded.clicked;
  return null;
end $$;

create function campaign_send_stats_truncated() returns trigger language plpgsql as $$
begin
  delete from campaign_send_stats;
  return null;
end $$;

create trigger email_sends_stats_insert after insert on email_sends
  referencing new table as new_sends for each statement execute function campaign_send_stats_inserted();
create trigger email_sends_stats_update after update on email_sends
  referencing old table as old_sends new table as new_sends for each statement execute function campaign_send_stats_updated();
create trigger email_sends_stats_delete after delete on email_sends
  referencing old table as old_sends for each statement execute function campaign_send_stats_deleted();
create trigger email_sends_stats_truncate after truncate on email_sends
  for each statement execute function campaign_send_stats_truncated();

insert into campaign_send_stats (campaign_id, bucket, sent, opened, clicked)
select campaign_id, campaign_send_bucket(sent_at), count(*), count(opened_at), count(clicked_at)
from email_sends where status = 'SENT' and campaign_id is not null and sent_at is not null
group by 1, 2;
