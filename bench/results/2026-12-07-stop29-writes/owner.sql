\timing on
load 'auto_explain';
set auto_explain.log_min_duration = 1000;
set auto_explain.log_nested_statements = on;
set client_min_messages = log;
begin; update accounts set owner_id = 4 where id = 401; rollback;
begin; update accounts set owner_id = 4 where id = 401; rollback;
begin; update accounts set owner_id = 4 where id = 401; rollback;
