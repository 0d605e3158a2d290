-- Optional reminder on a task: when to remind the assignee, and when that reminder went out
-- (stamped by the node that claimed it, so it fires once however many nodes poll).
alter table tasks add column remind_at timestamptz;
alter table tasks add column reminded_at timestamptz;

-- The scheduler's claim: open reminders not yet sent, oldest first.
create index tasks_reminder_due_idx on tasks (remind_at, id)
  where remind_at is not null and reminded_at is null and status = 'OPEN';
-- "Reminders due" at the top of a user's task list.
create index tasks_assignee_reminders_idx on tasks (assignee_id, remind_at, id)
  where remind_at is not null and status = 'OPEN';
