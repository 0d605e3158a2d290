-- The cascade in the request (V202612072010's trigger) for accounts of 497, 1,010 (if any) contacts: owner to 4, rolled back.
\timing on
select id, owner_id, (select count(*) from contacts c where c.account_id = a.id) from accounts a where id in (453, 451, 443);
begin; update accounts set owner_id = 4 where id = 453; rollback;
begin; update accounts set owner_id = 4 where id = 453; rollback;
begin; update accounts set owner_id = 4 where id = 453; rollback;
begin; update accounts set owner_id = 5 where id = 443; rollback;
begin; update accounts set owner_id = 5 where id = 443; rollback;
begin; update accounts set owner_id = 5 where id = 443; rollback;
