-- Another system's id for a lead: an import's match key. Optional; unique where set.
alter table leads add column external_id varchar(100);
create unique index leads_external_id_key on leads (external_id) where external_id is not null;
