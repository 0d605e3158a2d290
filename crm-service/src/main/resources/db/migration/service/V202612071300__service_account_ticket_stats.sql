-- An account's ticket counts on its page (TicketSummaryQuery.forAccount: open, complaints, all) read every ticket of
-- the account from tickets_account_counts_idx: 10,375 index entries per view for the bench's largest account,
-- growing with the account. account_ticket_stats holds the three counts per account, kept by statement-level
-- triggers on tickets (transition tables, one upsert per statement and account, as account_email_stats is kept,
-- V202612070900). Every way a ticket changes what is counted is a write to tickets itself: opened, status changed,
-- type changed, moved to another account (merge), deleted; erasure only clears the contact. A contact's counts stay
-- live (tickets_contact_counts_idx): a person has few tickets.
create table account_ticket_stats (
  account_id bigint primary key,
  open       bigint not null default 0,
  complaints bigint not null default 0,
  total      bigint not null default 0
);
comment on table account_ticket_stats is
  'Per account: its tickets still open (NEW, OPEN, PENDING_CUSTOMER, ON_HOLD), its complaints and all its tickets. Kept by triggers on tickets.';

-- The statement's net change per account: +1 for each new row version that counts, -1 for each old one, summed by
-- account (a hash: no join of the two transition tables) and upserted in account order, so two writers never lock
-- the same rows in opposite orders. Updates that change nothing counted (queue order, SLA clocks, replies, tags) net
-- to zero and write nothing. An account left with no tickets has no row.
create function account_ticket_stats_inserted() returns trigger language plpgsql as $$
begin
  insert into account_ticket_stats as s (account_id, open, complaints, total)
  select account_id, count(*) filter (where status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD')),
         count(*) filter (where type = 'COMPLAINT'), count(*)
  from new_tickets where account_id is not null
  group by account_id
  order by account_id
  on conflict (account_id) do update
    set open = s.open + excluded.open, complaints = s.complaints + excluded.complaints, total = s.total + excluded.total;
  return null;
end $$;

-- Updates and deletes: the upsert returns the accounts it left at zero, and their rows are deleted.
create function account_ticket_stats_updated() returns trigger language plpgsql as $$
declare
  emptied bigint[];
begin
  with changes as (
    select account_id, 1 as sign, status, type from new_tickets where account_id is not null
    union all
    select account_id, -1, status, type from old_tickets where account_id is not null
  ), net as (
    select account_id,
           coalesce(sum(sign) filter (where status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD')), 0) as open,
           coalesce(sum(sign) filter (where type = 'COMPLAINT'), 0) as complaints, sum(sign) as total
    from changes group by account_id
  ), upserted as (
    insert into account_ticket_stats as s (account_id, open, complaints, total)
    select account_id, open, complaints, total from net
    where open <> 0 or complaints <> 0 or total <> 0
    order by account_id
    on conflict (account_id) do update
      set open = s.open + excluded.open, complaints = s.complaints + excluded.complaints, total = s.total + excluded.total
    returning s.account_id, s.total
  )
  select array_agg(account_id) into emptied from upserted where total = 0;
  if emptied is not null then
    delete from account_ticket_stats where account_id = any(emptied) and total = 0;
  end if;
  return null;
end $$;

create function account_ticket_stats_deleted() returns trigger language plpgsql as $$
declare
  emptied bigint[];
begin
  with upserted as (
    insert into account_ticket_stats as s (account_id, open, complaints, total)
    select account_id, -count(*) filter (where status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD')),
           -count(*) filter (where type = 'COMPLAINT'), -count(*)
    from old_tickets where account_id is not null
    group by account_id
    order by account_id
    on conflict (account_id) do update
      set open = s.open + excluded.open, complaints = s.complaints + excluded.complaints, total = s.total + excluded.total
    returning s.account_id, s.total
  )
  select array_agg(account_id) into emptied from upserted where total = 0;
  if emptied is not null then
    delete from account_ticket_stats where account_id = any(emptied) and total = 0;
  end if;
  return null;
end $$;

create function account_ticket_stats_truncated() returns trigger language plpgsql as $$
begin
  delete from account_ticket_stats;
  return null;
end $$;

create trigger tickets_account_stats_insert after insert on tickets
  referencing new table as new_tickets for each statement execute function account_ticket_stats_inserted();
create trigger tickets_account_stats_update after update on tickets
  referencing old table as old_tickets new table as new_tickets for each statement execute function account_ticket_stats_updated();
create trigger tickets_account_stats_delete after delete on tickets
  referencing old table as old_tickets for each statement execute function account_ticket_stats_deleted();
create trigger tickets_account_stats_truncate after truncate on tickets
  for each statement execute function account_ticket_stats_truncated();

-- The roll-up from the tickets themselves: here, and after a bulk load with the triggers off (bench/dataset).
create function account_ticket_stats_rebuild() returns void language sql as $$
  delete from account_ticket_stats;
  insert into account_ticket_stats (account_id, open, complaints, total)
  select account_id, count(*) filter (where status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD')),
         count(*) filter (where type = 'COMPLAINT'), count(*)
  from tickets where account_id is not null
  group by account_id;
$$;

lock table tickets in share mode;
select account_ticket_stats_rebuild();
