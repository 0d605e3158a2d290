-- An account's page reads what the customer bought twice: the cross-sell suggestions start from the products of
-- its won deals (CrossSellService's "mine"), and the purchase list shows the newest line items of its won deals
-- (PurchaseHistoryQuery). Both joined the account's won deals with their line items in full: on the bench data set
-- the plans walked opportunities_pkey against the few line items there were (only the demo company's deals had
-- any: ~520 buffers each); with line items on most deals, as real data has them, they read every won deal of the
-- account and its line items (2,600 deals and ~4,000 line items for the bench's largest account) on every view.
--
-- account_products: per account and product, how many line items of the account's won deals name the product;
-- "mine" is its rows for the account (a row exists while the count is above zero). Kept by statement-level
-- triggers on opportunity_line_items (a line added, removed, moved to another product or deal) and on
-- opportunities (a deal won, reopened, lost or moved to another account, e.g. by a merge), and by a row trigger
-- before a won deal is deleted: its line items go with it by cascade, after which the line items' trigger can no
-- longer see whose they were.
create table account_products (
  account_id bigint not null,
  product_id bigint not null,
  lines      bigint not null,
  primary key (account_id, product_id)
);
comment on table account_products is
  'Per account and product: the line items of the account''s won deals naming the product. Kept by triggers on opportunities and opportunity_line_items.';

create type account_product_change as (
  sign       int,
  account_id bigint,
  product_id bigint
);

-- Adds a statement's net change per key, upserted in key order (two writers never lock rows in opposite orders);
-- keys brought to zero are deleted.
create function account_products_fold(changes account_product_change[]) returns void language plpgsql as $$
declare
  emptied bigint[];
begin
  with net as (
    select account_id, product_id, sum(sign) as lines
    from unnest(changes) group by 1, 2 having sum(sign) <> 0
  ), upserted as (
    insert into account_products as t (account_id, product_id, lines)
    select * from net order by 1, 2
    on conflict (account_id, product_id) do update set lines = t.lines + excluded.lines
    returning t.account_id, t.lines
  )
  select array_agg(distinct account_id) into emptied from upserted where lines = 0;
  if emptied is not null then
    delete from account_products where account_id = any(emptied) and lines = 0;
  end if;
end $$;

-- A deal's won state and its line items change in different statements, maybe in concurrent transactions: a line
-- item written while another transaction wins its deal would be counted by neither (the foreign key's lock does not
-- conflict with a deal update). So a line-item statement first takes a share lock on its deals, in id order: it waits
-- for a transaction changing one of them, and a deal change waits for it; its fold runs after the lock, on a fresh
-- snapshot, and sees the deal as committed.
create function account_products_lock_deals(ids bigint[]) returns void language plpgsql as $$
begin
  perform 1 from opportunities where id = any(ids) order by id for share;
end $$;

-- Line items of won deals, added (+1) or taken away (-1). A line item whose deal is gone was deleted with it (the
-- deal's row trigger took it away already).
create function account_products_lines_inserted() returns trigger language plpgsql as $$
begin
  perform account_products_lock_deals(array(select distinct opportunity_id from new_lines));
  perform account_products_fold(array(
    select row(1, o.account_id, l.product_id)::account_product_change
    from new_lines l join opportunities o on o.id = l.opportunity_id where o.status = 'WON'));
  return null;
end $$;

create function account_products_lines_deleted() returns trigger language plpgsql as $$
begin
  perform account_products_lock_deals(array(select distinct opportunity_id from old_lines));
  perform account_products_fold(array(
    select row(-1, o.account_id, l.product_id)::account_product_change
    from old_lines l join opportunities o on o.id = l.opportunity_id where o.status = 'WON'));
  return null;
end $$;

create function account_products_lines_updated() returns trigger language plpgsql as $$
begin
  perform account_products_lock_deals(array(select opportunity_id from new_lines union select opportunity_id from old_lines));
  perform account_products_fold(array(
    select row(1, o.account_id, l.product_id)::account_product_change
    from new_lines l join opportunities o on o.id = l.opportunity_id where o.status = 'WON'
    union all
    select row(-1, o.account_id, l.product_id)::account_product_change
    from old_lines l join opportunities o on o.id = l.opportunity_id where o.status = 'WON'));
  return null;
end $$;

create function account_products_lines_truncated() returns trigger language plpgsql as $$
begin
  delete from account_products;
  return null;
end $$;

-- Deals whose account or won state changed: their line items leave the old account's products (if it was won) and
-- join the new one's (if it is won). Found by grouping both versions by id, as opportunity_closed_updated does.
create function account_products_deals_updated() returns trigger language plpgsql as $$
declare
  moved bigint[];
begin
  select array_agg(id) into moved from (
    select id from (
      select id, (account_id, status = 'WON') as counted from new_deals
      union all
      select id, (account_id, status = 'WON') from old_deals
    ) v
    group by id having count(distinct counted) > 1
  ) m;
  if moved is null then
    return null;
  end if;
  perform account_products_fold(array(
    select row(v.sign, v.account_id, l.product_id)::account_product_change
    from (select 1 as sign, n.id, n.account_id from new_deals n join unnest(moved) m (id) on m.id = n.id
          where n.status = 'WON'
          union all
          select -1, o.id, o.account_id from old_deals o join unnest(moved) m (id) on m.id = o.id
          where o.status = 'WON') v
    join opportunity_line_items l on l.opportunity_id = v.id));
  return null;
end $$;

create function account_products_deal_deleting() returns trigger language plpgsql as $$
begin
  perform account_products_fold(array(
    select row(-1, old.account_id, l.product_id)::account_product_change
    from opportunity_line_items l where l.opportunity_id = old.id));
  return old;
end $$;

create function account_products_deals_truncated() returns trigger language plpgsql as $$
begin
  delete from account_products;
  return null;
end $$;

create trigger opportunity_line_items_products_insert after insert on opportunity_line_items
  referencing new table as new_lines for each statement execute function account_products_lines_inserted();
create trigger opportunity_line_items_products_update after update on opportunity_line_items
  referencing old table as old_lines new table as new_lines for each statement execute function account_products_lines_updated();
create trigger opportunity_line_items_products_delete after delete on opportunity_line_items
  referencing old table as old_lines for each statement execute function account_products_lines_deleted();
create trigger opportunity_line_items_products_truncate after truncate on opportunity_line_items
  for each statement execute function account_products_lines_truncated();
create trigger opportunities_products_update after update on opportunities
  referencing old table as old_deals new table as new_deals for each statement execute function account_products_deals_updated();
create trigger opportunities_products_delete before delete on opportunities
  for each row when (old.status = 'WON') execute function account_products_deal_deleting();
create trigger opportunities_products_truncate after truncate on opportunities
  for each statement execute function account_products_deals_truncated();

-- The triggers look up deals and line items by key: planned on each call, so a connection that first wrote while
-- the tables were empty does not keep a sequential scan (V202612071600).
alter function account_products_lines_inserted() set plan_cache_mode = force_custom_plan;
alter function account_products_lines_deleted() set plan_cache_mode = force_custom_plan;
alter function account_products_lines_updated() set plan_cache_mode = force_custom_plan;
alter function account_products_deals_updated() set plan_cache_mode = force_custom_plan;
alter function account_products_deal_deleting() set plan_cache_mode = force_custom_plan;
alter function account_products_fold(account_product_change[]) set plan_cache_mode = force_custom_plan;
alter function account_products_lock_deals(bigint[]) set plan_cache_mode = force_custom_plan;

-- The roll-up from the rows themselves: here, and after a bulk load with the triggers off (bench/dataset).
create function account_products_rebuild() returns void language sql as $$
  delete from account_products;
  insert into account_products (account_id, product_id, lines)
  select o.account_id, l.product_id, count(*)
  from opportunities o join opportunity_line_items l on l.opportunity_id = o.id
  where o.status = 'WON'
  group by 1, 2;
$$;

-- The purchase list: an account's won deals newest purchase first (the day won, the close date when no close time
-- was recorded, as PurchaseHistoryQuery's PurchasedOn), so the page reads the first few deals and their line
-- items, not all of them. With the amount and currency in it, the health pass's purchase signals (PurchaseSignals:
-- last purchase, purchases, revenue of a batch of accounts) read it index-only, which is what they still used
-- opportunities_account_totals_idx (V202612070884) for: the account page reads account_deal_totals instead since
-- V202612071302, and the deals' other readers by account (counts before a merge or an erase, the deal list's
-- account filter) use opportunities_account_idx. One index by account fewer on the deals' every write.
create index opportunities_account_purchases_idx on opportunities
  (account_id, (coalesce((closed_at at time zone 'UTC')::date, close_date)) desc)
  include (currency, amount, closed_at, close_date) where status = 'WON';
drop index opportunities_account_totals_idx;

lock table opportunities, opportunity_line_items in share mode;
select account_products_rebuild();
