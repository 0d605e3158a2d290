-- Another system's id for an account or a contact: an import's match key ("update by
-- external id"). Optional; unique per table where set, compared exactly.
alter table accounts add column external_id varchar(100);
alter table contacts add column external_id varchar(100);
create unique index accounts_external_id_key on accounts (external_id) where external_id is not null;
create unique index contacts_external_id_key on contacts (external_id) where external_id is not null;

-- Deleting a record (an imported lead when its import is reverted) forgets the
-- notifications about it.
create index notifications_record_idx on notifications (record_type, record_id) where record_id is not null;
