-- The pipeline board totals every deal of a stage the reader may see (count, amount, weighted amount) next to its
-- first cards. At 300,000 deals (bench/load/run.sh) that read every deal row of each stage from the heap: 43,000
-- buffers, 1.7 s under load for a manager's board. Owner and amount in the index make it an index-only scan
-- (the heap only for rows changed since the last vacuum).
create index opportunities_stage_totals_idx on opportunities (stage_id, owner_id) include (pipeline_id, amount);
