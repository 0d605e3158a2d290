update accounts set owner_id = 3 where id = 401;
load 'auto_explain';
set auto_explain.log_min_duration = 50;
set auto_explain.log_nested_statements = on;
set auto_explain.log_analyze = on;
set auto_explain.log_buffers = on;
set auto_explain.log_timing = on;
set client_min_messages = log;
set jit = off;
\timing on
begin; select * from account_owner_move_batch(401, 0, 1000); rollback;
begin; select * from account_owner_move_batch(401, 0, 1000); rollback;
