-- Workflow rules on accounts, contacts, leads and tasks (issue 11 item 4): a task's rule may fire when
-- the task is overdue (by idle_days days, none: as soon as it is due). The scheduler asks for the open
-- tasks due before a moment, by id; the partial index keeps that to the open ones.
alter table workflow_rules drop constraint workflow_rules_trigger_kind_check;
alter table workflow_rules add constraint workflow_rules_trigger_kind_check
  check (trigger_kind in ('CREATED', 'UPDATED', 'FIELD_CHANGED', 'IDLE', 'OVERDUE', 'SLA_WARNING'));
create index tasks_open_due_idx on tasks (due_at, id) where status = 'OPEN';
