-- The account form's UPDATE for the largest account (401, 20,900 contacts), owner 3 -> 4, rolled back.
\timing on
begin; update accounts set owner_id = 4 where id = 401; rollback;
begin; update accounts set owner_id = 4 where id = 401; rollback;
begin; update accounts set owner_id = 4 where id = 401; rollback;
