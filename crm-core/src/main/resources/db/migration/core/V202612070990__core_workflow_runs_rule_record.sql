-- Idle and overdue polls (issue 14): a poll reads a type's idle records in chunks of ids and leaves out those the
-- rule already ran on for their period; this index gives the rule's claims for the same range of records in id
-- order (with their keys, an index-only scan), so each chunk is one hash or merge anti-join over two ranges instead
-- of one probe of workflow_runs_once per idle record.
create index workflow_runs_rule_record_idx on workflow_runs (rule_id, record_id) include (run_key);
