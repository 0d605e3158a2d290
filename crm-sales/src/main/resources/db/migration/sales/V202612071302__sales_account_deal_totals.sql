-- An account's deal totals on its page (SalesCustomerSummary: open and won per currency, won this year) aggregated
-- every deal of the account the reader may see, index-only but row by row: 6,570 deals and ~3.6 ms for the bench's
-- largest account on each view, growing with the account. account_deal_totals holds them per account, owner,
-- currency and status (open and won; lost deals are not shown), the won ones also per year they were won (the UTC
-- year of the day they closed, their close date when no close time was recorded), kept by statement-level triggers
-- on opportunities (transition tables, as account_email_stats, V202612070900). The owner is in the key because the
-- reader sees only some owners' deals (Visibility). "This year" is the reader's year: the page adds and takes away,
-- from the deals themselves, those won between the local and the UTC new year (a few hours of one account's wins).
create table account_deal_totals (
  account_id bigint not null,
  owner_id   bigint not null,
  currency   char(3) not null,
  status     varchar(10) not null,
  won_year   int not null,
  deals      bigint not null,
  amount     numeric not null,
  primary key (account_id, owner_id, currency, status, won_year)
);
comment on table account_deal_totals is
  'Per account, owner, currency: its open deals (won_year 0) and its won deals per UTC year won: how many, their amount. Kept by triggers on opportunities.';

-- The year a deal counts as won in, as the page's WON_ON reads it in UTC.
create function account_deal_won_year(status varchar, closed_at timestamptz, close_date date) returns int
  language sql immutable as $$
  select case when status = 'WON'
              then extract(year from coalesce((closed_at at time zone 'UTC')::date, close_date))::int else 0 end
$$;

-- Adds a statement's rows (sign +1) and takes away its old rows (sign -1): the net per key, upserted in key order
-- (two writers never lock the same rows in opposite orders); keys left with no deals are deleted. Rows netting to
-- nothing (most updates: stage, name, notes) write nothing.
create type account_deal_change as (
  sign       int,
  account_id bigint,
  owner_id   bigint,
  currency   char(3),
  status     varchar(10),
  closed_at  timestamptz,
  close_date date,
  amount     numeric
);

create function account_deal_totals_fold(changes account_deal_change[]) returns void language plpgsql as $$
declare
  emptied bigint[];
begin
  with net as (
    select account_id, owner_id, currency, status, account_deal_won_year(status, closed_at, close_date) as won_year,
           sum(sign) as deals, sum(sign * amount) as amount
    from unnest(changes)
    where status in ('OPEN', 'WON')
    group by 1, 2, 3, 4, 5
  ), upserted as (
    insert into account_deal_totals as t (account_id, owner_id, currency, status, won_year, deals, amount)
    select * from net where deals <> 0 or amount <> 0
    order by 1, 2, 3, 4, 5
    on conflict (account_id, owner_id, currency, status, won_year) do update
      set deals = t.deals + excluded.deals, amount = t.amount + excluded.amount
    returning t.account_id, t.deals
  )
  select array_agg(distinct account_id) into emptied from upserted where deals = 0;
  if emptied is not null then
    delete from account_deal_totals where account_id = any(emptied) and deals = 0;
  end if;
end $$;

create function account_deal_totals_inserted() returns trigger language plpgsql as $$
begin
  perform account_deal_totals_fold(array(
    select row(1, account_id, owner_id, currency, status, closed_at, close_date, amount)::account_deal_change
    from new_deals where status in ('OPEN', 'WON')));
  return null;
end $$;

create function account_deal_totals_updated() returns trigger language plpgsql as $$
begin
  perform account_deal_totals_fold(array(
    select row(1, account_id, owner_id, currency, status, closed_at, close_date, amount)::account_deal_change
    from new_deals where status in ('OPEN', 'WON')
    union all
    select row(-1, account_id, owner_id, currency, status, closed_at, close_date, amount)::account_deal_change
    from old_deals where status in ('OPEN', 'WON')));
  return null;
end $$;

create function account_deal_totals_deleted() returns trigger language plpgsql as $$
begin
  perform account_deal_totals_fold(array(
    select row(-1, account_id, owner_id, currency, status, closed_at, close_date, amount)::account_deal_change
    from old_deals where status in ('OPEN', 'WON')));
  return null;
end $$;

create function account_deal_totals_truncated() returns trigger language plpgsql as $$
begin
  delete from account_deal_totals;
  return null;
end $$;

create trigger opportunities_account_totals_insert after insert on opportunities
  referencing new table as new_deals for each statement execute function account_deal_totals_inserted();
create trigger opportunities_account_totals_update after update on opportunities
  referencing old table as old_deals new table as new_deals for each statement execute function account_deal_totals_updated();
create trigger opportunities_account_totals_delete after delete on opportunities
  referencing old table as old_deals for each statement execute function account_deal_totals_deleted();
create trigger opportunities_account_totals_truncate after truncate on opportunities
  for each statement execute function account_deal_totals_truncated();

-- The roll-up from the deals themselves: here, and after a bulk load with the triggers off (bench/dataset).
create function account_deal_totals_rebuild() returns void language sql as $$
  delete from account_deal_totals;
  insert into account_deal_totals (account_id, owner_id, currency, status, won_year, deals, amount)
  select account_id, owner_id, currency, status, account_deal_won_year(status, closed_at, close_date), count(*),
         sum(amount)
  from opportunities where status in ('OPEN', 'WON')
  group by 1, 2, 3, 4, 5;
$$;

-- The wins near a new year the page corrects "this year" by: one account's, in a few hours, in close-time order.
create index opportunities_account_won_at_idx on opportunities (account_id, closed_at) include (owner_id, currency, amount)
  where status = 'WON';

lock table opportunities in share mode;
select account_deal_totals_rebuild();
