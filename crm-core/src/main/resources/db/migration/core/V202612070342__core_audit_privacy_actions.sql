-- The privacy tools record who exported or erased a person, without any value.
alter table audit_log drop constraint audit_log_action_check;
alter table audit_log add constraint audit_log_action_check
    check (action in ('CREATE', 'UPDATE', 'DELETE', 'EXPORT', 'ERASE'));
