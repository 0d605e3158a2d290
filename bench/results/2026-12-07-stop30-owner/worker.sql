-- The worker's transactions as AccountOwnerMoves sends them (claim with skip locked, one batch of 1,000, the queue
-- row's bookkeeping, commit), run back to back by a DO block that commits after each batch, after the owner change
-- of account 401 (3 -> 4) is committed. Prints each batch's time and the total.
\timing on
update accounts set owner_id = 4 where id = 401;
select * from account_owner_moves where account_id = 401;
do $$
declare
  acc bigint; through bigint; b record; started timestamptz := clock_timestamp(); t timestamptz; n int := 0;
begin
  loop
    t := clock_timestamp();
    select q.account_id, q.moved_through into acc, through
    from account_owner_moves q join accounts a on a.id = q.account_id
    order by q.queued_at, q.account_id limit 1
    for share of a skip locked for update of q skip locked;
    exit when acc is null;
    select * into b from account_owner_move_batch(acc, through, 1000);
    if b.last_id is null then
      delete from account_owner_moves where account_id = acc;
    else
      update account_owner_moves set moved_through = b.last_id, moved = moved + b.changed where account_id = acc;
    end if;
    commit;
    n := n + 1;
    raise notice 'batch % (% contacts changed): % ms', n, b.changed, round(extract(epoch from clock_timestamp() - t) * 1000);
    acc := null;
  end loop;
  raise notice 'worker total: % batches, % s', n, round(extract(epoch from clock_timestamp() - started)::numeric, 1);
end $$;
select count(*) filter (where access_owner_id = 4) as moved, count(*) as contacts from contacts where account_id = 401;
select count(*) as links_left_on_old_owner from contact_search_words l join contacts c on c.id = l.contact_id
where c.account_id = 401 and l.owner_key <> 4;
