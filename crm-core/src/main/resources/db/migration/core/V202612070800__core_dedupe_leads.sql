-- Leads join the duplicate finder and the merge (issue 11 item 2): sales supplies the pairs (DuplicateSource) and
-- the merge's lead part (MergeTarget); core keeps the pairs, the scan's lease and the tombstones as for contacts
-- and accounts.
alter table duplicate_candidates drop constraint duplicate_candidates_record_type_check;
alter table duplicate_candidates add constraint duplicate_candidates_record_type_check
    check (record_type in ('contact', 'account', 'lead'));
alter table merged_records drop constraint merged_records_record_type_check;
alter table merged_records add constraint merged_records_record_type_check
    check (record_type in ('contact', 'account', 'lead'));
insert into duplicate_scans (record_type) values ('lead') on conflict do nothing;
