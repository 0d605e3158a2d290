-- "My customers in stage X": owner and stage together, walked in name order. Measured at 1M
-- contacts (bench/list-pages-1m.sh): ~80 ms with the separate owner and stage indexes.
create index contacts_owner_stage_idx on contacts (owner_id, lifecycle_stage, sort_name, id);
create index accounts_owner_stage_idx on accounts (owner_id, lifecycle_stage, sort_name, id);
